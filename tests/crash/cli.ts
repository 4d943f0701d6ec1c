// `npm run crash -- --kills 50 --size office --seed 1`: prints the kills per phase and the report;
// exits 1 with the seed on failure (an invariant broken, or fewer than 80% of kills inside a sync).
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../../electron/common/demo/index';
import { CrashVerdictError, runCrashTest } from './crash';
import { phaseTable } from './phases';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    size: { type: 'string', default: 'office' },
    seed: { type: 'string', default: '1' },
    blocco: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const opts = {
  kills: Number(values.kills),
  seed: Number(values.seed),
  size: values.size as DatasetSize,
  ...(values.blocco ? { blocco: Number(values.blocco) } : {}),
};
try {
  const report = await runCrashTest({ ...opts, ...(values.quiet ? {} : { log: (l: string) => process.stderr.write(`${l}\n`) }) });
  process.stdout.write(`${phaseTable(report.phases, report.kills, report.midSync)}\n${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  if (error instanceof CrashVerdictError) process.stdout.write(`${JSON.stringify(error.report, null, 2)}\n`);
  process.stderr.write(`crash test FAILED (seed ${opts.seed}): ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(
    `replay: npm run crash -- --kills ${opts.kills} --size ${opts.size} --seed ${opts.seed}${values.blocco ? ` --blocco ${values.blocco}` : ''}\n`,
  );
  process.exit(1);
}
