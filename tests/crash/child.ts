// The process the crash test kills: the app core syncing one database file against the sandbox.
// `node --import tsx tests/crash/child.ts <db file> <sandbox url> [--once] [--invia-in-blocco] [--crash-at <point>:<k>]`
// Prints one JSON line per sync event. With --crash-at it runs one sync and, the k-th time the
// sync passes that probe point, prints {"probe":…,"n":k} and SIGKILLs itself: no cleanup, no close.
// --invia-in-blocco first queues every draft still in 'bozza' with `bozze.inviaInBlocco`.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SYNC_PROBE_POINTS, type SyncProbePoint } from '../../electron/core/sync/probes';
import { inviaInBlocco, openOnline, syncOnce } from './sync';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { once: { type: 'boolean', default: false }, 'invia-in-blocco': { type: 'boolean', default: false }, 'crash-at': { type: 'string' } },
});
const [dbPath, baseUrl] = positionals;
if (!dbPath || !baseUrl) throw new Error('usage: child.ts <db> <url> [--once] [--invia-in-blocco] [--crash-at <point>:<k>]');
const crashAt = values['crash-at'] === undefined ? null : parseCrashAt(values['crash-at']);

// A pipe write could still sit in Node's buffer when the process dies: write it synchronously.
const line = (value: unknown) => fs.writeSync(1, `${JSON.stringify(value)}\n`);
const reached = new Map<SyncProbePoint, number>();
const core = await openOnline(dbPath, baseUrl, (point) => {
  const n = (reached.get(point) ?? 0) + 1;
  reached.set(point, n);
  if (crashAt === null || point !== crashAt.point || n !== crashAt.k) return;
  line({ probe: point, n });
  process.kill(process.pid, 'SIGKILL');
});
core.events.subscribe(({ event, payload }) => {
  if (event === 'sync.stato') line(payload);
});
if (values['invia-in-blocco']) await inviaInBlocco(core);
// With a crash point, one sync: a point it never reaches must not be found in a later, idle one.
const once = values.once || crashAt !== null;
do await syncOnce(core);
while (!once); // looping until killed: the parent decides when
await core.close();
line({ done: true, reached: Object.fromEntries(reached) });

function parseCrashAt(spec: string): { point: SyncProbePoint; k: number } {
  const [point, k] = spec.split(':');
  const known = SYNC_PROBE_POINTS.find((p) => p === point);
  if (!known || !Number.isSafeInteger(Number(k)) || Number(k) < 1) throw new Error(`--crash-at ${spec}: expected <${SYNC_PROBE_POINTS.join('|')}>:<k ≥ 1>`);
  return { point: known, k: Number(k) };
}
