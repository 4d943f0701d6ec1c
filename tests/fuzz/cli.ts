// npx tsx tests/fuzz/cli.ts --seed S --ops N [--instances K] [--faults 0.2] [--size small] [--verbose]
// Prints the report as JSON; exits 1 when a check fails (the seed and replay command are in each failure).
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../../electron/common/demo';
import { runFuzz } from './fuzzer';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    ops: { type: 'string', default: '2000' },
    instances: { type: 'string', default: '3' },
    faults: { type: 'string', default: '0.2' },
    size: { type: 'string', default: 'small' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    [
      'npm run fuzz -- --seed S --ops N [--instances K] [--faults 0.2] [--size small] [--verbose]',
      "  --seed       the run's seed: the same seed replays the same operations (default 1)",
      '  --ops        operations before the drain (default 2000)',
      '  --instances  app instances against one sandbox, 1 to 7 (default 3)',
      '  --faults     share of requests the sandbox fails: errors, resets, timeouts, answers dropped after the commit (default 0.2)',
      '  --size       dataset: tiny, small or office (default small)',
      '  --verbose    one line per operation on stderr',
      'Prints the report as JSON; exits 1 when an invariant fails (each failure names its replay command).',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const num = (name: string, raw: string, integer: boolean): number => {
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    process.stderr.write(`--${name}: not a valid number: ${raw}\n`);
    process.exit(2);
  }
  return n;
};

const report = await runFuzz({
  seed: num('seed', values.seed, true),
  ops: num('ops', values.ops, true),
  instances: num('instances', values.instances, true),
  faultRate: num('faults', values.faults, false),
  size: values.size as DatasetSize,
  ...(values.verbose ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (!report.ok) {
  process.stderr.write(`\nFUZZ FAILED (seed ${report.seed}): ${report.failures.length} failure(s). Replay: ${report.replay}\n`);
  for (const f of report.failures) process.stderr.write(`- ${f}\n`);
  process.exit(1);
}
