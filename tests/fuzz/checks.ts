// The invariants of DESIGN §6 checked after the drain: convergence, exactly-once booking,
// no draft lost, and a sound database on every instance.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SandboxHandle } from '../../sandbox/index';
import type { TrackedDraft } from './ops';
import { openInstance, type Instance } from './world';

/** Cache tables that must equal a fresh full sync (appuntamento_stati is local history; bozze, outbox… are local-only). */
const COMPARED: readonly [table: string, orderBy: string][] = [
  ['datori', 'codice_fiscale'],
  ['deleghe', 'id'],
  ['rapporti', 'codice'],
  ['argomenti', 'codice'],
  ['quesiti', 'id'],
  ['sedi', 'id'],
  ['appuntamenti', 'id'],
  ['appuntamento_quesiti', 'appuntamento_id, quesito_id'],
  ['comunicazioni', 'id'],
];

function rows(sqlite: BetterSqlite3.Database, table: string, orderBy: string): string[] {
  return (sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all() as object[]).map((r) => JSON.stringify(r));
}

/** A few differing rows, to read in the failure message. */
function diff(actual: string[], expected: string[]): string {
  const a = new Set(actual);
  const e = new Set(expected);
  const extra = actual.filter((r) => !e.has(r)).slice(0, 3);
  const missing = expected.filter((r) => !a.has(r)).slice(0, 3);
  return `${actual.length} rows vs ${expected.length} in the reference; only in the cache: ${extra.join(' ') || '-'}; only in the reference: ${missing.join(' ') || '-'}`;
}

/** 1. Each cache equals what a fresh core of the same operator gets from one full sync. */
export async function checkConvergence(sandbox: SandboxHandle, instances: Instance[]): Promise<string[]> {
  const failures: string[] = [];
  for (const inst of instances) {
    const reference = await openInstance(sandbox, inst.index);
    try {
      const stato = await reference.core.ctx.sync.syncNow();
      if (stato.fase !== 'inattivo') {
        failures.push(`check 1: the reference sync for ${inst.username} ended in ${stato.fase}: ${stato.errore ?? ''}`);
        continue;
      }
      for (const [table, orderBy] of COMPARED) {
        const actual = rows(inst.core.ctx.sqlite, table, orderBy);
        const expected = rows(reference.core.ctx.sqlite, table, orderBy);
        if (actual.join('\n') !== expected.join('\n'))
          failures.push(`check 1: ${inst.username}'s ${table} differs from the sandbox: ${diff(actual, expected)}`);
      }
    } finally {
      await reference.core.close();
    }
  }
  return failures;
}

/** 2. One appointment at most per draft (idempotency key), the draft names it, and no quesito is booked twice. */
export function checkExactlyOnce(sandbox: SandboxHandle, instances: Instance[], drafts: Map<string, TrackedDraft>, appointmentsBefore: number): string[] {
  const failures: string[] = [];
  const db = sandbox.store.db;
  const byKey = db.prepare('SELECT scope, status, response FROM idempotenza WHERE chiave = ?');
  for (const [id, t] of drafts) {
    if (!t.queued) continue;
    const inst = instances[t.instance]!;
    const entries = byKey.all(id) as { scope: string; status: number; response: string }[];
    if (entries.length > 1)
      failures.push(`check 2: draft ${id} has ${entries.length} idempotency entries in the sandbox (${entries.map((e) => e.scope).join(', ')})`);
    const entry = entries[0];
    const local = inst.core.ctx.sqlite.prepare('SELECT stato, appuntamento_id AS app FROM bozze WHERE id = ?').get(id) as
      { stato: string; app: string | null } | undefined;
    if (entry && entry.status === 201) {
      const remoteId = (JSON.parse(entry.response) as { id: string }).id;
      if (entry.scope !== `int:${inst.intermediarioId}`) failures.push(`check 2: draft ${id} was booked under ${entry.scope}, not int:${inst.intermediarioId}`);
      if (local && local.app !== remoteId)
        failures.push(`check 2: draft ${id} (${local.stato}) names appointment ${local.app ?? 'none'} but the sandbox booked ${remoteId} for it`);
      // A booking for a draft the operator deleted: an appointment nobody in the office knows was asked for.
      if (!local) failures.push(`check 2: draft ${id} was deleted${t.deleted ? ' by the operator' : ''} but the sandbox booked ${remoteId} with its key`);
    } else if (local?.app) {
      failures.push(`check 2: draft ${id} names appointment ${local.app} but the sandbox booked nothing with its key`);
    }
  }
  // Every appointment created during the run came through an idempotency key, exactly once.
  const created = (db.prepare('SELECT count(*) FROM appuntamenti').pluck().get() as number) - appointmentsBefore;
  const keyed = db.prepare("SELECT count(*) FROM idempotenza WHERE status = 201 AND scope LIKE 'int:%'").pluck().get() as number;
  if (created !== keyed) failures.push(`check 2: ${created} appointments were created during the run but ${keyed} bookings were recorded by key`);
  const doubled = db
    .prepare(
      `SELECT l.quesito_id AS q, group_concat(a.id) AS ids FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id
       WHERE a.stato = 'confermato' GROUP BY l.quesito_id HAVING count(*) > 1 ORDER BY l.quesito_id LIMIT 5`,
    )
    .all() as { q: string; ids: string }[];
  for (const d of doubled) failures.push(`check 2: quesito ${d.q} is in more than one confermato appointment: ${d.ids}`);
  return failures;
}

/** 3. Every draft ever created is accounted for; none is left In coda after the drain. */
export function checkDrafts(
  sandbox: SandboxHandle,
  instances: Instance[],
  drafts: Map<string, TrackedDraft>,
): { failures: string[]; byState: Record<string, number> } {
  const failures: string[] = [];
  const byState: Record<string, number> = {};
  const remote = sandbox.store.db.prepare('SELECT 1 FROM appuntamenti WHERE id = ?').pluck();
  for (const [id, t] of drafts) {
    const row = instances[t.instance]!.core.ctx.sqlite.prepare('SELECT stato, errore_messaggio AS motivo, appuntamento_id AS app FROM bozze WHERE id = ?').get(
      id,
    ) as { stato: string; motivo: string | null; app: string | null } | undefined;
    const state = row ? row.stato : t.deleted ? 'eliminata' : 'sparita';
    byState[state] = (byState[state] ?? 0) + 1;
    if (!row) {
      if (!t.deleted) failures.push(`check 3: draft ${id} of ${instances[t.instance]!.username} vanished without a delete`);
      continue;
    }
    if (t.deleted) failures.push(`check 3: draft ${id} was deleted but is still there (${row.stato})`);
    switch (row.stato) {
      case 'inviata':
        if (!row.app || !remote.get(row.app)) failures.push(`check 3: draft ${id} is inviata but its appointment ${row.app ?? 'none'} is not in the sandbox`);
        break;
      case 'da_correggere':
      case 'congelata':
        if (!row.motivo?.trim()) failures.push(`check 3: draft ${id} is ${row.stato} without a reason`);
        break;
      case 'bozza':
        break;
      case 'in_coda':
        failures.push(`check 3: draft ${id} is still in_coda after the drain`);
        break;
      default:
        failures.push(`check 3: draft ${id} is in an unknown state ${row.stato}`);
    }
  }
  return { failures, byState };
}

/** 4. SQLite's own checks on every instance. */
export function checkIntegrity(instances: Instance[]): string[] {
  const failures: string[] = [];
  for (const inst of instances) {
    const sqlite = inst.core.ctx.sqlite;
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') failures.push(`check 4: ${inst.username} integrity_check: ${String(integrity)}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) failures.push(`check 4: ${inst.username} foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
  }
  return failures;
}
