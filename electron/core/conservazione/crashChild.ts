// The process the retention crash test kills: a confirmed run on one database file.
// `node --import tsx electron/core/conservazione/crashChild.ts <db> <key hex> <punto>:<k>`
// The k-th time the run passes the point it prints {"punto":…,"n":k} and SIGKILLs itself: no close, no cleanup.
import fs from 'node:fs';
import { openCore } from '../app';
import { fixedClock } from '../clock';
import { silentLogger } from '../log';
import { TEST_NOW } from '../testing';
import { anteprima, esegui, type PuntoCorsa } from './corsa';

const [dbPath, chiaveHex, spec] = process.argv.slice(2);
if (!dbPath || !chiaveHex || !spec) throw new Error('usage: crashChild.ts <db> <key hex> <punto>:<k>');
const [punto, k] = spec.split(':') as [PuntoCorsa, string];
const line = (value: unknown) => fs.writeSync(1, `${JSON.stringify(value)}\n`);

const core = await openCore({ dbPath, chiave: Buffer.from(chiaveHex, 'hex'), clock: fixedClock(TEST_NOW), logger: silentLogger });
const a = anteprima(core.ctx, 12);
let n = 0;
esegui(core.ctx, { soglia: a.soglia, clienti: a.clienti.map((c) => c.codiceFiscale) }, (p) => {
  if (p !== punto || ++n !== Number(k)) return;
  line({ punto, n });
  process.kill(process.pid, 'SIGKILL');
});
await core.close();
line({ done: true });
