// One cold start in a fresh process: `coldstart.ts <db> core|raw`, the database key in
// CASSETTO_BENCH_CHIAVE (bench/chiave.ts). The modules are loaded before the clock starts (tsx
// compiles them on the fly here; the shipped app is bundled).
// core: openCore as the app opens it (file checks, pragmas, migrations; the full integrity check
//       runs afterwards on a worker thread) + first page of appuntamenti.cerca.
// raw:  better-sqlite3 open + the same key pragmas (db/cifratura.ts) and pragmas + a hand-written first page.
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applicaChiave } from '../../db/cifratura';
import { openCore } from '../../electron/core/app';
import { silentLogger } from '../../electron/core/log';
import { chiaveDalParent } from '../chiave';

const [dbPath, mode] = process.argv.slice(2);
if (!dbPath || (mode !== 'core' && mode !== 'raw')) throw new Error('usage: coldstart.ts <db> core|raw');
const chiave = chiaveDalParent();

if (mode === 'core') {
  const t0 = performance.now();
  const core = await openCore({ dbPath, chiave, logger: silentLogger, integrityCheck: 'later' });
  const opened = performance.now();
  const answer = await core.dispatcher('app')('appuntamenti.cerca', { limite: 100 });
  const t1 = performance.now();
  if (!answer.ok) throw new Error(answer.error.message);
  await core.close();
  process.stdout.write(`${JSON.stringify({ ms: t1 - t0, openMs: opened - t0, rows: (answer.value as { righe: unknown[] }).righe.length })}\n`);
} else {
  const t0 = performance.now();
  const db = new BetterSqlite3(dbPath);
  applicaChiave(db, chiave);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const opened = performance.now();
  const rows = db
    .prepare(
      `SELECT a.id, a.data, a.ora, a.stato, s.nome, d.cognome || ' ' || d.nome AS nominativo
         FROM appuntamenti a JOIN sedi s ON s.id = a.sede_id JOIN datori d ON d.codice_fiscale = a.datore_cf
        ORDER BY a.data, a.ora, a.id LIMIT 100`,
    )
    .all();
  const total = db.prepare('SELECT count(*) FROM appuntamenti').pluck().get();
  const t1 = performance.now();
  db.close();
  process.stdout.write(`${JSON.stringify({ ms: t1 - t0, openMs: opened - t0, rows: rows.length, total })}\n`);
}
