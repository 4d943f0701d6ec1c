// The app's core process as the browser host runs it: the core on the synced database (encrypted,
// its key in CASSETTO_BENCH_CHIAVE: bench/chiave.ts) and the host serving the built renderer.
// `core.ts <db> <renderer dir>` prints
// {"origin", "pageUrl", "token", "rssBefore": [bytes…]} once ready, then answers one JSON line
// per request line: {"op":"rss"} → {"rss"}, {"op":"run","calls":[[command, input]…]} → {"n"},
// {"op":"time","calls":[…]} → {"ms": [one per call]} (each call through the dispatcher, timed here).
// rssBefore: the resident set with every module loaded but no database open (the baseline).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import readline from 'node:readline';
import { openCore } from '../../electron/core/app';
import { silentLogger } from '../../electron/core/log';
import { startBrowserHost } from '../../electron/host/server';
import { chiaveDalParent } from '../chiave';

const [dbPath, rendererDir] = process.argv.slice(2);
if (!dbPath || !rendererDir) throw new Error('usage: core.ts <db> <renderer dir>');
const chiave = chiaveDalParent();

const rssBefore: number[] = [];
for (let i = 0; i < 5; i++) {
  rssBefore.push(process.memoryUsage().rss);
  await sleep(20);
}
const core = await openCore({ dbPath, chiave, logger: silentLogger });
const host = await startBrowserHost({ core, rendererDir, logger: silentLogger });
process.stdout.write(`${JSON.stringify({ origin: host.origin, pageUrl: host.pageUrl, token: host.token, rssBefore })}\n`);

const dispatch = core.dispatcher('app');
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  void (async () => {
    try {
      const request = JSON.parse(line) as { op: 'rss' } | { op: 'run' | 'time'; calls: [string, unknown][] };
      if (request.op === 'rss') {
        process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
      } else {
        const ms: number[] = [];
        for (const [name, input] of request.calls) {
          const t0 = performance.now();
          const answer = await dispatch(name, input);
          ms.push(performance.now() - t0);
          if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
        }
        process.stdout.write(`${JSON.stringify(request.op === 'time' ? { ms } : { n: request.calls.length })}\n`);
      }
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
    }
  })();
});
lines.on('close', () => {
  void host
    .close()
    .then(() => core.close())
    .then(() => process.exit(0));
});
