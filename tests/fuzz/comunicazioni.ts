// «Rispondi alla sede» in the fuzzer: the 'comunica' operation, and the invariant that no
// comunicazione is lost or sent twice — each one queued ends in the sandbox exactly once, or is
// refused by the service and kept in the thread as «non inviata».
import type { AppuntamentoDettaglioLocale } from '../../electron/common/commands/types';
import { COMUNICAZIONE_MAX } from '../../electron/common/model';
import type { SandboxHandle } from '../../sandbox/index';
import { call, type FuzzState } from './ops';
import { retimeRetries, settle, type Instance } from './world';

export interface TrackedComunicazione {
  instance: number;
  appuntamentoId: string;
  testo: string;
}

/** The client's current delega (the newest) is active: the ones an operator can write about. */
const DELEGA_ATTIVA = `(SELECT d.stato FROM deleghe d WHERE d.datore_cf = a.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'`;

/** The operator replies to the sede: mostly on a Confermato appointment, now and then a reply the app must refuse. */
export async function opComunica(s: FuzzState, inst: Instance): Promise<void> {
  // Now and then any appointment in the cache: cancelled, closed, or of a client whose delega ended.
  const where = s.rng.chance(0.08) ? '' : `WHERE a.stato = 'confermato' AND ${DELEGA_ATTIVA}`;
  const ids = inst.core.ctx.sqlite.prepare(`SELECT a.id FROM appuntamenti a ${where} ORDER BY a.id`).pluck().all() as string[];
  // Mostly recent ones (the fuzzer's own bookings, the ones the sede is cancelling), sometimes any.
  const appuntamentoId = s.rng.pick(s.rng.chance(0.6) ? ids.slice(-15) : ids);
  if (!appuntamentoId) return;
  const previous = [...s.comunicazioni.values()].filter((c) => c.appuntamentoId === appuntamentoId).at(-1);
  const kind = s.rng.weighted({ nuova: 80, stessoTesto: 10, vuota: 5, troppoLunga: 5 });
  // The same text again on the same appointment: two messages, neither hidden nor doubled.
  const testo =
    kind === 'vuota'
      ? '   '
      : kind === 'troppoLunga'
        ? 'x'.repeat(COMUNICAZIONE_MAX + 1)
        : kind === 'stessoTesto' && previous
          ? previous.testo
          : `Comunicazione di ${inst.username} al passo ${s.step}`;
  const result = await call(s, inst, 'appuntamento.comunica', { appuntamentoId, testo });
  if (result?.ok) {
    const { id } = result.value as { id: string };
    s.comunicazioni.set(id, { instance: inst.index, appuntamentoId, testo });
    s.log(`  comunicazione ${id} on ${appuntamentoId}`);
  }
  await settle(inst.core); // the command pushes at once in the background
  retimeRetries(inst);
}

/** The operators' comunicazioni the sandbox holds (the sede's, added by opSede, are not ours). */
export function comunicazioniIntermediari(sandbox: SandboxHandle): number {
  return sandbox.store.db.prepare("SELECT count(*) FROM comunicazioni WHERE json_extract(data, '$.autore') = 'intermediario'").pluck().get() as number;
}

/**
 * 5. Every comunicazione queued is accounted for after the drain: sent (one idempotency entry,
 * one comunicazione in the sandbox, its copy in the cache) or refused (nothing in the sandbox,
 * «non inviata» with a reason in the thread); none is still «in invio», none is shown twice,
 * and the sandbox holds no comunicazione of ours that did not come through a key.
 */
export async function checkComunicazioni(
  sandbox: SandboxHandle,
  instances: Instance[],
  tracked: Map<string, TrackedComunicazione>,
  before: number,
): Promise<string[]> {
  const failures: string[] = [];
  const db = sandbox.store.db;
  const byKey = db.prepare("SELECT scope, status, response FROM idempotenza WHERE chiave = ? AND scope LIKE 'comunicazione:%'");
  const remote = db.prepare("SELECT json_extract(data, '$.testo') AS testo, appuntamento_id AS app FROM comunicazioni WHERE id = ?");
  for (const [id, t] of tracked) {
    const inst = instances[t.instance]!;
    const row = inst.core.ctx.sqlite
      .prepare("SELECT stato, ultimo_errore AS errore FROM outbox WHERE idempotency_key = ? AND tipo = 'comunicazione'")
      .get(id) as { stato: string; errore: string | null } | undefined;
    const entries = byKey.all(id) as { scope: string; status: number; response: string }[];
    if (!row) {
      failures.push(`check 5: comunicazione ${id} of ${inst.username} was queued but its outbox row is gone`);
      continue;
    }
    if (entries.length > 1) failures.push(`check 5: comunicazione ${id} has ${entries.length} idempotency entries (${entries.map((e) => e.scope).join(', ')})`);
    const sent = entries[0];
    if (row.stato === 'fatto') {
      if (!sent) {
        failures.push(`check 5: comunicazione ${id} is done locally but the sandbox recorded nothing with its key`);
        continue;
      }
      if (sent.scope !== `comunicazione:int:${inst.intermediarioId}`) failures.push(`check 5: comunicazione ${id} was sent under ${sent.scope}`);
      const copy = remote.get((JSON.parse(sent.response) as { id: string }).id) as { testo: string; app: string } | undefined;
      if (!copy || copy.testo !== t.testo || copy.app !== t.appuntamentoId)
        failures.push(`check 5: comunicazione ${id}'s copy in the sandbox is ${copy ? `${copy.app} «${copy.testo}»` : 'missing'}`);
    } else if (row.stato === 'fallito') {
      if (sent) failures.push(`check 5: comunicazione ${id} is refused locally (${row.errore ?? ''}) but the sandbox has it`);
      if (!row.errore?.trim()) failures.push(`check 5: comunicazione ${id} is refused without a reason`);
    } else {
      failures.push(`check 5: comunicazione ${id} is still ${row.stato} after the drain`);
    }
  }
  const keyed = db.prepare("SELECT count(*) FROM idempotenza WHERE status = 201 AND scope LIKE 'comunicazione:int:%'").pluck().get() as number;
  const created = comunicazioniIntermediari(sandbox) - before;
  if (created !== keyed) failures.push(`check 5: ${created} comunicazioni of intermediaries were created during the run but ${keyed} were recorded by key`);
  failures.push(...(await checkThreads(instances, tracked)));
  return failures;
}

/** What the operator reads: each tracked reply once in its thread, sent or «non inviata», never «in invio» after the drain. */
async function checkThreads(instances: Instance[], tracked: Map<string, TrackedComunicazione>): Promise<string[]> {
  const failures: string[] = [];
  const appointments = new Set([...tracked.values()].map((t) => `${t.instance} ${t.appuntamentoId}`));
  for (const key of [...appointments].sort()) {
    const [index, id] = key.split(' ') as [string, string];
    const inst = instances[Number(index)]!;
    const result = await inst.core.dispatcher('app')('appuntamento.dettaglio', { id });
    if (!result.ok) {
      failures.push(`check 5: ${inst.username} cannot open appointment ${id}: ${result.error.message}`);
      continue;
    }
    const thread = (result.value as AppuntamentoDettaglioLocale).comunicazioni;
    const cached = inst.core.ctx.sqlite.prepare("SELECT count(*) FROM comunicazioni WHERE appuntamento_id = ? AND autore = 'intermediario'").pluck().get(id);
    const refused = inst.core.ctx.sqlite
      .prepare("SELECT count(*) FROM outbox WHERE entita_id = ? AND tipo = 'comunicazione' AND stato = 'fallito'")
      .pluck()
      .get(id) as number;
    const count = (stato: string) => thread.filter((c) => c.autore === 'intermediario' && c.stato === stato).length;
    if (count('in_invio') > 0) failures.push(`check 5: ${inst.username}'s thread of ${id} still shows ${count('in_invio')} «in invio» after the drain`);
    if (count('inviata') !== cached)
      failures.push(`check 5: ${inst.username}'s thread of ${id} shows ${count('inviata')} sent replies, the cache holds ${cached}`);
    if (count('non_inviata') !== refused)
      failures.push(`check 5: ${inst.username}'s thread of ${id} shows ${count('non_inviata')} «non inviata», ${refused} were refused`);
    if (new Set(thread.map((c) => c.id)).size !== thread.length) failures.push(`check 5: ${inst.username}'s thread of ${id} shows a comunicazione twice`);
  }
  return failures;
}

/** For the report: how the queued comunicazioni ended, by outbox state. */
export function comunicazioniPerStato(instances: Instance[], tracked: Map<string, TrackedComunicazione>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, t] of tracked) {
    const stato =
      (instances[t.instance]!.core.ctx.sqlite.prepare("SELECT stato FROM outbox WHERE idempotency_key = ? AND tipo = 'comunicazione'").pluck().get(id) as
        string | undefined) ?? 'sparita';
    out[stato] = (out[stato] ?? 0) + 1;
  }
  return out;
}

/**
 * Between syncs: a reply whose copy the feed already brought (its answer was lost, the retry is
 * not due yet) is shown once — as the sent copy, never also «in invio». Checked against the
 * sandbox's idempotency entries, which say exactly which queued rows the service already has.
 */
export async function checkNeverTwice(s: FuzzState, inst: Instance): Promise<number> {
  const sqlite = inst.core.ctx.sqlite;
  const waiting = sqlite.prepare("SELECT idempotency_key AS k, entita_id AS app FROM outbox WHERE tipo = 'comunicazione' AND stato = 'in_attesa'").all() as {
    k: string;
    app: string;
  }[];
  const byKey = s.sandbox.store.db.prepare('SELECT response FROM idempotenza WHERE chiave = ? AND scope = ?');
  const cached = sqlite.prepare('SELECT 1 FROM comunicazioni WHERE id = ?').pluck();
  let windows = 0;
  for (const app of [...new Set(waiting.map((w) => w.app))].sort()) {
    const rows = waiting.filter((w) => w.app === app);
    const arrived = rows.filter((w) => {
      const entry = byKey.get(w.k, `comunicazione:int:${inst.intermediarioId}`) as { response: string } | undefined;
      return entry !== undefined && cached.get((JSON.parse(entry.response) as { id: string }).id) !== undefined;
    }).length;
    windows += arrived;
    const result = await inst.core.dispatcher('app')('appuntamento.dettaglio', { id: app });
    if (!result.ok) continue; // a refused detail is check 5's business at the end
    const inInvio = (result.value as AppuntamentoDettaglioLocale).comunicazioni.filter((c) => c.stato === 'in_invio').length;
    if (inInvio > rows.length - arrived)
      s.failures.push(
        `step ${s.step}: check 5: ${inst.username}'s thread of ${app} shows ${inInvio} «in invio» but only ${rows.length - arrived} queued replies are not in the cache yet`,
      );
  }
  return windows;
}
