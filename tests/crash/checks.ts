// The crash test's invariants: what must hold in a database after any kill, what each chosen
// point makes checkable (the page, the upload or the booking it struck after), and at the end.
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { apriConChiave } from '../../db/cifratura';
import { CHIAVE_CRASH } from './sync';
import { INDICI_RINVIABILI } from '../../db/indiciRinviati';
import { DEMO_INTERMEDIARIO_ID } from '../../electron/common/demo/index';
import type { SandboxHandle } from '../../sandbox/index';
import { decodeCursor } from '../../sandbox/store/changes';

/** The booking's idempotency scope on the service: the operator's intermediario. */
const SCOPE = `int:${DEMO_INTERMEDIARIO_ID}`;
/** pullChanges' default page size, which the child's sync uses. */
export const PAGE_SIZE = 1000;

/** The service under test, and when the test started (bookings from then on are the test's). */
export interface Remote {
  sandbox: SandboxHandle;
  since: string;
}

export class InvariantError extends Error {}

function fail(when: string, what: string): never {
  throw new InvariantError(`${when}: ${what}`);
}

function readDb<T>(db: string, read: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = apriConChiave(db, CHIAVE_CRASH, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Holds after any kill, in any database: intact file, no dangling reference, no vanished draft, no half-recorded booking, a cursor the service minted. */
export function checkDatabase(db: string, drafts: readonly string[], when: string): void {
  if (!fs.existsSync(db)) return; // killed before it created the file: nothing to check
  const sqlite = apriConChiave(db, CHIAVE_CRASH);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(when, `integrity_check says ${String(integrity)}`);
    if (sqlite.prepare('SELECT name FROM sqlite_master WHERE name = ?').get('bozze') === undefined) return; // killed mid-migration: rolled back
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) fail(when, `${fk.length} dangling references`);
    const present = new Set(sqlite.prepare('SELECT id FROM bozze').pluck().all() as string[]);
    for (const id of drafts) if (!present.has(id)) fail(when, `draft ${id} vanished`);
    // A 'fatto' create and its effect commit together.
    const orphan = sqlite
      .prepare(
        "SELECT count(*) FROM outbox o JOIN bozze b ON b.id = o.entita_id WHERE o.tipo = 'crea' AND o.stato = 'fatto' AND (b.stato <> 'inviata' OR b.appuntamento_id IS NULL)",
      )
      .pluck()
      .get() as number;
    if (orphan > 0) fail(when, `${orphan} sent bookings without their effect`);
    // The cursor only moves with its page: when present it is one the service minted ('c1.' + base64 seq).
    const cursor = sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'changes'").pluck().get() as string | undefined;
    if (cursor !== undefined && !/^c1\.[A-Za-z0-9_-]+$/.test(cursor)) fail(when, `malformed cursor ${cursor}`);
  } finally {
    sqlite.close();
  }
}

/** Never twice: no quesito in two Confermato appointments, and never more bookings than drafts. */
export function checkService(remote: Remote, drafts: number, when: string): void {
  const shared = remote.sandbox.store.db
    .prepare(
      `SELECT count(*) FROM (SELECT l.quesito_id FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id
       WHERE a.stato = 'confermato' GROUP BY l.quesito_id HAVING count(*) > 1)`,
    )
    .pluck()
    .get() as number;
  if (shared > 0) fail(when, 'a quesito in two Confermato appointments');
  const booked = bookedOnService(remote);
  if (booked > drafts) fail(when, `${booked} appointments booked for ${drafts} drafts`);
}

/** Appointments the operator booked on the service during the test (the seed's were made before `remote.since`). */
export function bookedOnService(remote: Remote): number {
  return remote.sandbox.store.db
    .prepare("SELECT count(*) FROM appuntamenti WHERE json_extract(data, '$.operatoreId') = 'op-001' AND json_extract(data, '$.creatoIl') >= ?")
    .pluck()
    .get(remote.since) as number;
}

/**
 * After the last sync: one appointment per sent draft, and it is the one the service answered
 * to the draft's idempotency key (a booking answered before a kill was fetched again, never made
 * twice); each carries exactly the draft's attachments, however often their uploads were resumed.
 */
export function checkFinal(db: string, remote: Remote, when: string): Record<string, number> {
  const { sandbox } = remote;
  return readDb(db, (sqlite) => {
    const sent = sqlite.prepare("SELECT id, appuntamento_id AS appuntamentoId FROM bozze WHERE stato = 'inviata'").all() as {
      id: string;
      appuntamentoId: string | null;
    }[];
    const distinct = new Set(sent.map((b) => b.appuntamentoId));
    const booked = bookedOnService(remote);
    if (booked !== distinct.size || distinct.size !== sent.length) {
      fail(when, `the service booked ${booked} appointments for ${sent.length} sent drafts (${distinct.size} distinct)`);
    }
    const answered = sandbox.store.db.prepare("SELECT json_extract(response, '$.id') FROM idempotenza WHERE scope = ? AND chiave = ?").pluck();
    const remoteFiles = sandbox.store.db
      .prepare('SELECT posizione, sha256, nome_file FROM appuntamento_allegati WHERE appuntamento_id = ? ORDER BY posizione')
      .raw();
    const localFiles = sqlite.prepare('SELECT posizione, sha256, nome_file FROM bozza_allegati WHERE bozza_id = ? ORDER BY posizione').raw();
    for (const b of sent) {
      const id = answered.get(SCOPE, b.id) as string | undefined;
      if (id !== b.appuntamentoId) fail(when, `draft ${b.id} points at ${b.appuntamentoId}, the service answered its key with ${id ?? 'nothing'}`);
      if (JSON.stringify(remoteFiles.all(id)) !== JSON.stringify(localFiles.all(b.id)))
        fail(when, `appointment ${id} does not carry exactly the attachments of draft ${b.id}`);
    }
    // Kills during the first full sync left its read-only indexes unbuilt: the next open or the sync's end built them.
    const missing = INDICI_RINVIABILI.filter((nome) => sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(nome) === undefined);
    if (missing.length > 0) fail(when, `indexes never built after the first sync: ${missing.join(', ')}`);
    const pending = sqlite.prepare("SELECT count(*) FROM bozze WHERE stato NOT IN ('inviata', 'da_correggere')").pluck().get() as number;
    if (pending > 0) fail(when, `${pending} drafts neither booked nor refused after the final sync`);
    const states = sqlite.prepare('SELECT stato, count(*) FROM bozze GROUP BY stato').raw().all() as [string, number][];
    return Object.fromEntries(states);
  });
}

// ------------------------------------------------------------------ database A: the push

export interface PushState {
  inviate: number;
  uploadFatti: number;
  /** Drafts still 'bozza' (a batch not yet sent) and still queued. */
  bozze: number;
  inCoda: number;
  /** Drafts the service has booked (it holds their key) whose booking A has not recorded: at most one, the one in flight. */
  inVolo: { bozzaId: string; appuntamentoId: string }[];
}

export function pushState(db: string, sandbox: SandboxHandle): PushState {
  const local = readDb(db, (sqlite) => ({
    stati: Object.fromEntries((sqlite.prepare('SELECT stato, count(*) FROM bozze GROUP BY stato').raw().all() as [string, number][]).map(([s, n]) => [s, n])),
    uploadFatti: sqlite.prepare("SELECT count(*) FROM outbox WHERE tipo = 'upload' AND stato = 'fatto'").pluck().get() as number,
    nonInviate: sqlite.prepare("SELECT id FROM bozze WHERE stato <> 'inviata'").pluck().all() as string[],
  }));
  const inVolo = sandbox.store.db
    .prepare(
      `SELECT chiave AS bozzaId, json_extract(response, '$.id') AS appuntamentoId FROM idempotenza WHERE scope = ? AND chiave IN (SELECT value FROM json_each(?))`,
    )
    .all(SCOPE, JSON.stringify(local.nonInviate)) as PushState['inVolo'];
  return {
    inviate: local.stati.inviata ?? 0,
    uploadFatti: local.uploadFatti,
    bozze: local.stati.bozza ?? 0,
    inCoda: local.stati.in_coda ?? 0,
    inVolo,
  };
}

/** The appointment each of these drafts was recorded with, for those already sent. */
export function recordedBookings(db: string, ids: readonly string[]): Map<string, string> {
  return readDb(
    db,
    (sqlite) =>
      new Map(
        sqlite
          .prepare("SELECT id, appuntamento_id FROM bozze WHERE stato = 'inviata' AND id IN (SELECT value FROM json_each(?))")
          .raw()
          .all(JSON.stringify(ids)) as [string, string][],
      ),
  );
}

/** What A's queue offers the push phases: uploads and bookings still to send, drafts waiting for a batch. */
export function pendingWork(db: string): { uploads: number; prenotazioni: number; bozze: number } {
  return readDb(db, (sqlite) => ({
    uploads: sqlite.prepare("SELECT count(*) FROM outbox WHERE tipo = 'upload' AND stato = 'in_attesa'").pluck().get() as number,
    prenotazioni: sqlite.prepare("SELECT count(*) FROM outbox WHERE tipo = 'crea' AND stato = 'in_attesa'").pluck().get() as number,
    bozze: sqlite.prepare("SELECT count(*) FROM bozze WHERE stato = 'bozza'").pluck().get() as number,
  }));
}

/** Each upload marked done is on the service: the row is retired only after the bytes arrived. */
export function checkUploads(db: string, sandbox: SandboxHandle, when: string): void {
  const done = readDb(
    db,
    (sqlite) =>
      sqlite.prepare("SELECT DISTINCT json_extract(payload, '$.sha256') FROM outbox WHERE tipo = 'upload' AND stato = 'fatto'").pluck().all() as string[],
  );
  const has = sandbox.store.db.prepare('SELECT 1 FROM allegati WHERE sha256 = ?').pluck();
  for (const sha of done) if (has.get(sha) === undefined) fail(when, `upload ${sha.slice(0, 12)}… marked done but not on the service`);
}

// ------------------------------------------------------------------ database B: the first full sync

/** The seq of B's cursor: 0 before its first page. */
export function cursorSeq(db: string): number {
  if (!fs.existsSync(db)) return 0;
  return readDb(db, (sqlite) => {
    if (sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sync_state'").get() === undefined) return 0;
    return decodeCursor((sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'changes'").pluck().get() as string | undefined) ?? '');
  });
}

/** Changes of the feed the operator sees, after `from` and up to `to` (inclusive). */
export function changesBetween(sandbox: SandboxHandle, from: number, to = Number.MAX_SAFE_INTEGER): number {
  return sandbox.store.db
    .prepare("SELECT count(*) FROM changes WHERE seq > ? AND seq <= ? AND audience IN ('*', ?)")
    .pluck()
    .get(from, to, DEMO_INTERMEDIARIO_ID) as number;
}

/** Pages the next sync of a database at `seq` will read (an empty feed is still one page). */
export function pagesLeft(sandbox: SandboxHandle, seq: number): number {
  return Math.max(1, Math.ceil(changesBetween(sandbox, seq) / PAGE_SIZE));
}

export function caughtUp(db: string): boolean {
  if (!fs.existsSync(db)) return false;
  return readDb(
    db,
    (sqlite) =>
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sync_state'").get() !== undefined &&
      sqlite.prepare("SELECT 1 FROM sync_state WHERE stream = 'changes.allineato'").get() !== undefined,
  );
}

export { fail };
