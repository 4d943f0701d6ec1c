// `npm run crash -- --kills 50 --size office --seed 1`: prints the report; exits 1 with the seed on failure.
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../../electron/common/demo/index';
import { runCrashTest } from './crash';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    size: { type: 'string', default: 'office' },
    seed: { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
  },
});
const opts = { kills: Number(values.kills), seed: Number(values.seed), size: values.size as DatasetSize };
try {
  const report = await runCrashTest({ ...opts, ...(values.quiet ? {} : { log: (l: string) => process.stderr.write(`${l}\n`) }) });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`crash test FAILED (seed ${opts.seed}): ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(`replay: npm run crash -- --kills ${opts.kills} --size ${opts.size} --seed ${opts.seed}\n`);
  process.exit(1);
}
