// The process the crash test kills: the app core syncing one database file against the sandbox.
// `node --import tsx tests/crash/child.ts <db file> <sandbox url> [--once]`
// Prints one JSON line per sync event so the parent can strike mid-work.
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';

const [dbPath, baseUrl, mode] = process.argv.slice(2);
if (!dbPath || !baseUrl) throw new Error('usage: child.ts <db> <url> [--once]');
const gateway = new HttpGateway({ baseUrl, credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }), clock: systemClock });
const core = await openCore({ dbPath, logger: silentLogger, gateway });
core.events.subscribe(({ event, payload }) => {
  if (event === 'sync.stato') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
do {
  const stato = await core.ctx.sync.syncNow();
  if (stato.fase !== 'inattivo') throw new Error(`sync ended in ${stato.fase}: ${stato.errore}`);
} while (mode !== '--once'); // looping until killed: the parent decides when
await core.close();
process.stdout.write('{"done":true}\n');
