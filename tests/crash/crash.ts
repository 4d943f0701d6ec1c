// Crash test (#4): a child process syncing an office database with a queue of drafts is killed
// with SIGKILL at random moments; after each kill the database must be intact and consistent.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import type { Bozza } from '../../electron/common/commands/types';
import { DEMO_PASSWORD, Random, type DatasetSize } from '../../electron/common/demo/index';
import { addDays, romeDate } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { Esito } from '../../electron/common/model';
import { openCore } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';

export interface CrashReport {
  seed: number;
  size: DatasetSize;
  kills: number;
  /** Which database each kill hit: the one doing its first full sync, or the one pushing drafts and pulling increments. */
  landed: { primaSincronizzazione: number; incrementale: number };
  /** Kills that struck while a sync was in course (the child's last event said so). */
  midSync: number;
  /** How often database B finished a first full sync despite the kills (then it starts over). */
  primeSincronizzazioniCompletate: number;
  drafts: number;
  finalDrafts: Record<string, number>;
  durationMs: number;
}

const CHILD = path.join(import.meta.dirname, 'child.ts');
const CACHE_TABLES = ['datori', 'deleghe', 'rapporti', 'argomenti', 'quesiti', 'sedi', 'appuntamenti', 'appuntamento_quesiti', 'comunicazioni'];

export async function runCrashTest(opts: {
  kills: number;
  seed: number;
  size: DatasetSize;
  drafts?: number;
  log?: (line: string) => void;
}): Promise<CrashReport> {
  const started = Date.now();
  const startedIso = new Date(started - 1000).toISOString();
  const rng = new Random(opts.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-crash-'));
  const sandbox = await startSandbox({ dataPath: path.join(dir, 'sandbox.sqlite'), seed: opts.seed, size: opts.size });
  const report: CrashReport = {
    seed: opts.seed,
    size: opts.size,
    kills: 0,
    landed: { primaSincronizzazione: 0, incrementale: 0 },
    midSync: 0,
    primeSincronizzazioniCompletate: 0,
    drafts: 0,
    finalDrafts: {},
    durationMs: 0,
  };
  try {
    // Database A: synced once, then a queue of drafts waits to be pushed.
    const dbA = path.join(dir, 'a', 'cassetto.sqlite');
    fs.mkdirSync(path.dirname(dbA), { recursive: true });
    const drafts = await prepareDrafts(dbA, sandbox, opts.drafts ?? 12, rng);
    // Without a queue the push path is never interrupted: such a run would prove nothing.
    if (drafts.length === 0) throw new Error(`seed ${opts.seed}: no draft could be queued (no idoneo quesito or free slot)`);
    report.drafts = drafts.length;
    // Database B: never synced; its first full sync is interrupted again and again.
    const dbB = path.join(dir, 'b', 'cassetto.sqlite');
    fs.mkdirSync(path.dirname(dbB), { recursive: true });

    for (let i = 0; i < opts.kills; i++) {
      const first = i % 2 === 0;
      const db = first ? dbB : dbA;
      const { midSync, events } = await killMidSync(db, sandbox.url, rng.int(1200, first ? 9000 : 3000));
      report.kills += 1;
      if (first) report.landed.primaSincronizzazione += 1;
      else report.landed.incrementale += 1;
      if (midSync) report.midSync += 1;
      checkDatabase(db, first ? [] : drafts, sandbox, `kill ${i + 1}`);
      // Keep database B on its first full sync: once it has caught up, start it over from empty.
      if (first && caughtUp(dbB)) {
        report.primeSincronizzazioniCompletate += 1;
        fs.rmSync(path.dirname(dbB), { recursive: true, force: true });
        fs.mkdirSync(path.dirname(dbB), { recursive: true });
      }
      const booked = sandbox.store.db
        .prepare("SELECT count(*) FROM appuntamenti WHERE json_extract(data, '$.operatoreId') = ? AND json_extract(data, '$.creatoIl') >= ?")
        .pluck()
        .get('op-001', startedIso) as number;
      if (booked > drafts.length) throw new Error(`kill ${i + 1}: ${booked} appointments booked for ${drafts.length} drafts`);
      opts.log?.(
        `kill ${i + 1}/${opts.kills} on ${first ? 'first sync' : 'push/incremental'} after ${events} events${midSync ? ', mid-sync' : ''}: invariants hold`,
      );
    }

    // Let both finish; then both must equal a reference synced once, never killed.
    for (const db of [dbA, dbB]) await runToEnd(db, sandbox.url);
    checkDatabase(dbA, drafts, sandbox, 'final');
    const dbC = path.join(dir, 'c', 'cassetto.sqlite');
    fs.mkdirSync(path.dirname(dbC), { recursive: true });
    await runToEnd(dbC, sandbox.url);
    const a = new BetterSqlite3(dbA, { readonly: true });
    const b = new BetterSqlite3(dbB, { readonly: true });
    const c = new BetterSqlite3(dbC, { readonly: true });
    try {
      for (const table of CACHE_TABLES) {
        const rows = (db: BetterSqlite3.Database) => JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
        const reference = rows(c);
        if (rows(a) !== reference || rows(b) !== reference) throw new Error(`seed ${opts.seed}: table ${table} differs from a never-killed reference sync`);
      }
      // Exactly one appointment per booked draft: what the sandbox booked for this operator during
      // the test equals the drafts that ended Inviata, and each points at a distinct appointment.
      const booked = sandbox.store.db
        .prepare("SELECT count(*) FROM appuntamenti WHERE json_extract(data, '$.operatoreId') = ? AND json_extract(data, '$.creatoIl') >= ?")
        .pluck()
        .get('op-001', startedIso) as number;
      const inviate = a.prepare("SELECT count(DISTINCT appuntamento_id) FROM bozze WHERE stato = 'inviata'").pluck().get() as number;
      const inviateRows = a.prepare("SELECT count(*) FROM bozze WHERE stato = 'inviata'").pluck().get() as number;
      if (booked !== inviate || inviate !== inviateRows) {
        throw new Error(`seed ${opts.seed}: the sandbox booked ${booked} appointments for ${inviateRows} sent drafts (${inviate} distinct)`);
      }
      const states = a.prepare('SELECT stato, count(*) AS n FROM bozze GROUP BY stato').all() as { stato: string; n: number }[];
      report.finalDrafts = Object.fromEntries(states.map((s) => [s.stato, s.n]));
      const pending = a.prepare("SELECT count(*) FROM bozze WHERE stato NOT IN ('inviata', 'da_correggere')").pluck().get() as number;
      if (pending > 0) throw new Error(`seed ${opts.seed}: ${pending} drafts neither booked nor refused after the final sync`);
    } finally {
      a.close();
      b.close();
      c.close();
    }
  } finally {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - started;
  return report;
}

function caughtUp(db: string): boolean {
  if (!fs.existsSync(db)) return false;
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return (
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sync_state'").get() !== undefined &&
      sqlite.prepare("SELECT 1 FROM sync_state WHERE stream = 'changes.allineato'").get() !== undefined
    );
  } finally {
    sqlite.close();
  }
}

/** Spawns the child, lets it work for `afterMs`, kills it with SIGKILL; tells whether a sync was in course. */
async function killMidSync(db: string, url: string, afterMs: number): Promise<{ midSync: boolean; events: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let events = 0;
  let fase = '';
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    events += 1;
    fase = (JSON.parse(line) as { fase?: string }).fase ?? fase;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([new Promise((r) => setTimeout(r, afterMs)), exited]);
  child.kill('SIGKILL');
  await exited;
  return { midSync: fase === 'in_corso', events };
}

async function runToEnd(db: string, url: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, url, '--once'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`final sync failed (${code}): ${stderr.slice(0, 500)}`);
}

function checkDatabase(db: string, drafts: string[], sandbox: SandboxHandle, when: string): void {
  if (!fs.existsSync(db)) return; // killed before it created the file: nothing to check
  const sqlite = new BetterSqlite3(db);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${when}: integrity_check says ${String(integrity)}`);
    if (sqlite.prepare('SELECT name FROM sqlite_master WHERE name = ?').get('bozze') === undefined) return; // killed mid-migration: rolled back
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new Error(`${when}: ${fk.length} dangling references`);
    const present = new Set(sqlite.prepare('SELECT id FROM bozze').pluck().all() as string[]);
    for (const id of drafts) if (!present.has(id)) throw new Error(`${when}: draft ${id} vanished`);
    // A 'fatto' create and its effect commit together.
    const orphan = sqlite
      .prepare(
        "SELECT count(*) FROM outbox o JOIN bozze b ON b.id = o.entita_id WHERE o.tipo = 'crea' AND o.stato = 'fatto' AND (b.stato <> 'inviata' OR b.appuntamento_id IS NULL)",
      )
      .pluck()
      .get() as number;
    if (orphan > 0) throw new Error(`${when}: ${orphan} sent bookings without their effect`);
    // The cursor only moves with its page: when present it is one the service minted ('c1.' + base64 seq).
    const cursor = sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'changes'").pluck().get() as string | undefined;
    if (cursor !== undefined && !/^c1\.[A-Za-z0-9_-]+$/.test(cursor)) throw new Error(`${when}: malformed cursor ${cursor}`);
  } finally {
    sqlite.close();
  }
  // Never twice: no quesito in two Confermato appointments (the per-draft count is checked by the caller).
  const remote = sandbox.store.db;
  const shared = remote
    .prepare(
      `SELECT count(*) FROM (SELECT l.quesito_id FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id
       WHERE a.stato = 'confermato' GROUP BY l.quesito_id HAVING count(*) > 1)`,
    )
    .pluck()
    .get() as number;
  if (shared > 0) throw new Error(`${when}: a quesito in two Confermato appointments`);
}

/** Syncs database A once and queues drafts on idonei quesiti at free slots (ids returned). */
async function prepareDrafts(db: string, sandbox: SandboxHandle, count: number, rng: Random): Promise<string[]> {
  const gateway = new HttpGateway({
    baseUrl: sandbox.url,
    credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }),
    clock: systemClock,
  });
  const online = await openCore({ dbPath: db, logger: silentLogger, gateway });
  const oggi = romeDate(new Date());
  // Free slots across sedi: at office size many sedi are fully booked for the next weeks.
  const slot: { sedeId: string; data: string; ora: string }[] = [];
  try {
    const first = await online.ctx.sync.syncNow();
    if (first.fase !== 'inattivo') throw new Error(`preparation sync ended in ${first.fase}: ${first.errore}`);
    const sedi = online.ctx.sqlite.prepare("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id").pluck().all() as string[];
    for (const sedeId of sedi) {
      if (slot.length >= count) break;
      for (const s of (await gateway.slotLiberi(sedeId, addDays(oggi, 1), addDays(oggi, 14))).slice(0, 3)) slot.push({ sedeId, ...s });
    }
  } finally {
    await online.close();
  }
  // Drafts are queued offline (no gateway): delivering them is the children's job.
  const core = await openCore({ dbPath: db, logger: silentLogger });
  try {
    const candidates = (
      core.ctx.sqlite
        .prepare(
          `SELECT q.id, q.codice_rapporto AS rapporto, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine
           FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti r ON r.codice = q.codice_rapporto
           JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
           WHERE NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti ap ON ap.id = l.appuntamento_id WHERE l.quesito_id = q.id AND ap.stato = 'confermato')
           ORDER BY q.id LIMIT 2000`,
        )
        .all() as { id: string; rapporto: string; esito: Esito; dataInvio: string; dataEsito: string | null; termine: number }[]
    ).filter((q) => valutaIdoneita(q, q.termine, oggi).idoneo);
    const ids: string[] = [];
    const usedRapporti = new Set<string>();
    for (const q of candidates) {
      if (ids.length >= count || ids.length >= slot.length) break;
      if (usedRapporti.has(q.rapporto)) continue;
      usedRapporti.add(q.rapporto);
      const s = slot[ids.length]!;
      const created = await core.dispatcher('app')('bozza.crea', {
        codiceRapporto: q.rapporto,
        quesitiIds: [q.id],
        sedeId: s.sedeId,
        data: s.data,
        ora: s.ora,
        modalita: 'presenza',
        nota: rng.chance(0.5) ? 'Portare le ricevute' : null,
      });
      if (!created.ok) continue;
      const id = (created.value as Bozza).id;
      const sent = await core.dispatcher('app')('bozza.invia', { id });
      if (sent.ok) ids.push(id);
    }
    return ids;
  } finally {
    await core.close();
  }
}
