// The fuzzer's operations: what operators do in the app, and what the sede, INPS and the
// clock do in the sandbox. Every choice comes from the seeded Rng and from rows read in a
// fixed order, so one seed always issues the same operations.
import type { Bozza, SyncStato } from '../../electron/common/commands/types';
import { addDays, romeDate } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import { ARGOMENTI, type Esito } from '../../electron/common/model';
import type { SandboxHandle } from '../../sandbox/index';
import { opEliminaBlocco, opInviaBlocco, opModificaBlocco, opPrepara, opProponi } from './blocco';
import { checkNeverTwice, opComunica, type TrackedComunicazione } from './comunicazioni';
import type { Rng } from './prng';
import { admin, retimeRetries, settle, traceOutbox, type Instance, type Result } from './world';

export const OP_WEIGHTS = {
  crea: 20,
  modifica: 8,
  elimina: 4,
  invia: 16,
  cancella: 5,
  comunica: 6,
  prepara: 5,
  proponi: 4,
  inviaBlocco: 5,
  modificaBlocco: 2,
  eliminaBlocco: 2,
  sync: 12,
  sede: 8,
  esito: 5,
  quesito: 3,
  delega: 4,
  clock: 4,
  guasti: 3,
} as const;
export type OpKind = keyof typeof OP_WEIGHTS;

export interface TrackedDraft {
  instance: number;
  deleted: boolean;
  queued: boolean;
  /** Made by «Prepara in blocco» (the others by bozza.crea). */
  via?: 'prepara';
}

export interface FuzzState {
  rng: Rng;
  sandbox: SandboxHandle;
  instances: Instance[];
  faultRate: number;
  /** Draft id → who made it and what the fuzzer did to it; insertion order is creation order. */
  drafts: Map<string, TrackedDraft>;
  /** Comunicazione id → who queued it, on which appointment, with what text. */
  comunicazioni: Map<string, TrackedComunicazione>;
  /** Slots handed to drafts, to re-use on purpose and provoke SLOT_NON_DISPONIBILE. */
  usedSlots: { sedeId: string; data: string; ora: string }[];
  refusals: Record<string, number>;
  /** Batch operations: how often each ran and what came of it (created, proposed, queued…). */
  blocco: Record<string, number>;
  /** The reasons batch commands gave for the items they left out, by kind. */
  motiviBlocco: Record<string, number>;
  adminRefusals: Record<string, number>;
  offlineSyncs: number;
  failures: string[];
  step: number;
  log: (line: string) => void;
  /** Whether a log is attached (tracing the outbox costs a query per operation). */
  tracing: boolean;
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Runs a command; refusals are expected and counted, an internal error or a throw is a failure. */
export async function call(s: FuzzState, inst: Instance, name: string, input: unknown): Promise<Result | null> {
  let result: Result;
  try {
    result = await inst.core.dispatcher('app')(name, input);
  } catch (error) {
    s.failures.push(`step ${s.step}: ${inst.username} ${name} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return null;
  }
  if (!result.ok) {
    if (result.error.code === 'ERRORE_INTERNO') s.failures.push(`step ${s.step}: ${inst.username} ${name} → ERRORE_INTERNO ${result.error.message}`);
    else inc(s.refusals, result.error.code);
    s.log(`  ${name} refused ${result.error.code}`);
  }
  return result;
}

/** sync.ora; an 'errore' phase is the engine failing (not the network): a failure. */
export async function syncInstance(s: FuzzState, inst: Instance): Promise<SyncStato | null> {
  const result = await call(s, inst, 'sync.ora', {});
  retimeRetries(inst);
  if (!result?.ok) return null;
  const stato = result.value as SyncStato;
  if (stato.fase === 'errore') s.failures.push(`step ${s.step}: ${inst.username} sync.ora ended in errore: ${stato.errore ?? ''}`);
  if (stato.fase === 'offline') s.offlineSyncs += 1;
  s.log(`  sync ${inst.username}: ${stato.fase} ${stato.modifiche} changes, ${stato.inCoda} queued`);
  return stato;
}

const today = (s: FuzzState) => romeDate(s.sandbox.clock.now());

function localDrafts(inst: Instance, s: FuzzState, stati: readonly string[]): Bozza[] {
  const rows = inst.core.ctx.sqlite.prepare('SELECT id, stato, quesiti, sede_id, data_preferita, ora_preferita, modalita, nota FROM bozze').all() as {
    id: string;
    stato: string;
    quesiti: string;
    sede_id: string | null;
    data_preferita: string | null;
    ora_preferita: string | null;
    modalita: Bozza['modalita'];
    nota: string | null;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Creation order, as tracked by the fuzzer (ids are random UUIDs: never order by them).
  const out: Bozza[] = [];
  for (const [id, t] of s.drafts) {
    const r = byId.get(id);
    if (t.instance !== inst.index || !r || !stati.includes(r.stato)) continue;
    out.push({
      id,
      stato: r.stato as Bozza['stato'],
      quesitiIds: JSON.parse(r.quesiti) as string[],
      sedeId: r.sede_id,
      data: r.data_preferita,
      ora: r.ora_preferita,
      modalita: r.modalita,
      nota: r.nota,
    } as Bozza);
  }
  return out;
}

/** A sede offering 'presenza' and a slot: usually free per the service, sometimes one already handed out. */
async function pickSlot(s: FuzzState, inst: Instance): Promise<{ sedeId: string | null; data: string | null; ora: string | null }> {
  const sedi = inst.core.ctx.sqlite.prepare("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id").pluck().all() as string[];
  const sedeId = s.rng.pick(sedi) ?? null;
  if (sedeId === null) return { sedeId: null, data: null, ora: null };
  if (s.rng.chance(0.15)) {
    const taken = s.rng.pick(s.usedSlots);
    if (taken) return { ...taken };
  }
  const oggi = today(s);
  const result = await call(s, inst, 'sedi.slot', { sedeId, dal: addDays(oggi, 1), al: addDays(oggi, 21) });
  const value = result?.ok ? (result.value as { online: boolean; slot: { data: string; ora: string }[] }) : null;
  // A small window of the earliest slots, so instances of one office collide now and then.
  const slot = value?.online ? s.rng.pick(value.slot.slice(0, 30)) : undefined;
  if (!slot) return { sedeId, data: null, ora: null }; // offline: the draft waits for a slot
  s.usedSlots.push({ sedeId, ...slot });
  if (s.usedSlots.length > 200) s.usedSlots.shift();
  return { sedeId, ...slot };
}

async function opCrea(s: FuzzState, inst: Instance): Promise<void> {
  const sqlite = inst.core.ctx.sqlite;
  const rows = sqlite
    .prepare(
      `SELECT q.id, q.codice_rapporto AS rapporto, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine
       FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti ra ON ra.codice = q.codice_rapporto
       WHERE (SELECT d.stato FROM deleghe d WHERE d.datore_cf = ra.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti ap ON ap.id = l.appuntamento_id
                         WHERE l.quesito_id = q.id AND ap.stato = 'confermato')
       ORDER BY q.id`,
    )
    .all() as { id: string; rapporto: string; esito: Esito; dataInvio: string; dataEsito: string | null; termine: number }[];
  const inDrafts = new Set(localDrafts(inst, s, ['bozza', 'in_coda', 'da_correggere', 'congelata']).flatMap((b) => b.quesitiIds));
  const oggi = today(s);
  // Mostly what an operator would pick; sometimes a quesito not idoneo or already in a draft, to be refused.
  const strict = !s.rng.chance(0.1);
  const candidates = rows.filter((q) => !strict || (valutaIdoneita(q, q.termine, oggi).idoneo && !inDrafts.has(q.id)));
  const q = s.rng.pick(candidates);
  if (!q) return;
  const slot = await pickSlot(s, inst);
  const result = await call(s, inst, 'bozza.crea', {
    codiceRapporto: q.rapporto,
    quesitiIds: [q.id],
    ...slot,
    modalita: 'presenza',
    nota: s.rng.chance(0.3) ? `Nota fuzz ${s.step}` : null,
  });
  if (result?.ok) {
    const b = result.value as Bozza;
    s.drafts.set(b.id, { instance: inst.index, deleted: false, queued: false });
    s.log(`  draft ${b.id} for ${q.id} at ${slot.sedeId} ${slot.data} ${slot.ora}`);
  }
}

async function opModifica(s: FuzzState, inst: Instance): Promise<void> {
  const b = s.rng.pick(localDrafts(inst, s, s.rng.chance(0.05) ? ['in_coda', 'inviata', 'congelata'] : ['bozza', 'da_correggere']));
  if (!b) return;
  // A draft without a slot (made offline) gets one; otherwise the operator moves it now and then.
  const slot = b.data === null || s.rng.chance(0.6) ? await pickSlot(s, inst) : { sedeId: b.sedeId, data: b.data, ora: b.ora };
  await call(s, inst, 'bozza.modifica', {
    id: b.id,
    quesitiIds: b.quesitiIds,
    ...slot,
    modalita: b.modalita ?? 'presenza',
    nota: s.rng.chance(0.5) ? `Modificata al passo ${s.step}` : b.nota,
  });
}

async function opElimina(s: FuzzState, inst: Instance): Promise<void> {
  const b = s.rng.pick(localDrafts(inst, s, s.rng.chance(0.05) ? ['in_coda', 'inviata'] : ['bozza', 'da_correggere', 'congelata']));
  if (!b) return;
  const result = await call(s, inst, 'bozza.elimina', { id: b.id });
  const tracked = s.drafts.get(b.id);
  if (result?.ok && tracked) tracked.deleted = true;
}

async function opInvia(s: FuzzState, inst: Instance): Promise<void> {
  const odd = s.rng.chance(0.05);
  const sendable = localDrafts(inst, s, odd ? ['in_coda', 'inviata', 'congelata'] : ['bozza', 'da_correggere']);
  // Mostly complete drafts; now and then an incomplete one, to be refused locally.
  const complete = sendable.filter((d) => d.data !== null);
  const b = s.rng.pick(odd || complete.length === 0 || s.rng.chance(0.1) ? sendable : complete);
  if (!b) return;
  const result = await call(s, inst, 'bozza.invia', { id: b.id });
  const tracked = s.drafts.get(b.id);
  if (result?.ok && tracked) tracked.queued = true;
  await settle(inst.core); // invia pushes at once in the background
  retimeRetries(inst);
}

async function opCancella(s: FuzzState, inst: Instance): Promise<void> {
  const sqlite = inst.core.ctx.sqlite;
  const own = s.rng.chance(0.7);
  const ids = sqlite
    .prepare(`SELECT id FROM appuntamenti WHERE stato = 'confermato' ${own ? 'AND operatore_id = ?' : ''} ORDER BY id`)
    .pluck()
    .all(...(own ? [inst.operatoreId] : [])) as string[];
  // Mostly recent ones (the fuzzer's own bookings), sometimes any.
  const id = s.rng.pick(s.rng.chance(0.6) ? ids.slice(-15) : ids);
  if (!id) return;
  await call(s, inst, 'appuntamento.cancella', { id });
  await settle(inst.core);
  retimeRetries(inst);
}

function ourIntermediari(s: FuzzState): string[] {
  return [...new Set(s.instances.map((i) => i.intermediarioId))].sort();
}

function countAdmin(s: FuzzState, what: string, status: number): void {
  if (status >= 500) s.failures.push(`step ${s.step}: admin ${what} answered ${status}`);
  else if (status >= 400) inc(s.adminRefusals, `${what} ${status}`);
}

async function opSede(s: FuzzState): Promise<void> {
  const ints = ourIntermediari(s);
  const ids = s.sandbox.store.db
    .prepare(
      `SELECT id FROM appuntamenti WHERE stato = 'confermato'
         AND datore_cf IN (SELECT datore_cf FROM deleghe WHERE intermediario_id IN (${ints.map(() => '?').join(',')}))
       ORDER BY id`,
    )
    .pluck()
    .all(...ints) as string[];
  const id = s.rng.pick(s.rng.chance(0.6) ? ids.slice(-20) : ids);
  if (!id) return;
  const azione = s.rng.weighted({ disdetta: 3, chiusura: 2, comunicazioni: 3 });
  const body = azione === 'comunicazioni' ? { testo: `Comunicazione della sede (passo ${s.step})` } : { motivo: `Motivo della sede (passo ${s.step})` };
  const { status } = await admin(s.sandbox, `/admin/appuntamenti/${id}/${azione}`, body);
  countAdmin(s, azione, status);
  s.log(`  sede ${azione} ${id}: ${status}`);
}

function ourRapporti(s: FuzzState): string[] {
  const ints = ourIntermediari(s);
  return s.sandbox.store.db
    .prepare(
      `SELECT codice FROM rapporti WHERE datore_cf IN (SELECT datore_cf FROM deleghe WHERE intermediario_id IN (${ints.map(() => '?').join(',')}))
       ORDER BY codice`,
    )
    .pluck()
    .all(...ints) as string[];
}

async function opEsito(s: FuzzState): Promise<void> {
  const rapporti = new Set(ourRapporti(s));
  const waiting = (
    s.sandbox.store.db.prepare("SELECT id, codice_rapporto AS r FROM quesiti WHERE json_extract(data, '$.esito') = 'in_attesa' ORDER BY id").all() as {
      id: string;
      r: string;
    }[]
  ).filter((q) => rapporti.has(q.r));
  const q = s.rng.pick(s.rng.chance(0.5) ? waiting.slice(-20) : waiting);
  if (!q) return;
  const esito = s.rng.weighted({ negativo: 6, positivo: 3, in_attesa: 1 });
  const { status } = await admin(s.sandbox, `/admin/quesiti/${q.id}/esito`, { esito, motivoEsito: esito === 'in_attesa' ? null : `Esito al passo ${s.step}` });
  countAdmin(s, 'esito', status);
  s.log(`  esito ${q.id} ${esito}: ${status}`);
}

async function opQuesito(s: FuzzState): Promise<void> {
  const codiceRapporto = s.rng.pick(ourRapporti(s));
  if (!codiceRapporto) return;
  const argomento = s.rng.pick(ARGOMENTI)!;
  const oggi = today(s);
  const dataInvio = s.rng.chance(0.5) ? addDays(oggi, -s.rng.int(0, 120)) : undefined;
  const { status } = await admin(s.sandbox, '/admin/quesiti', {
    codiceRapporto,
    argomento,
    oggetto: `Quesito del passo ${s.step}`,
    ...(dataInvio ? { dataInvio } : {}),
  });
  countAdmin(s, 'quesito', status);
  s.log(`  quesito on ${codiceRapporto}: ${status}`);
}

async function opDelega(s: FuzzState): Promise<void> {
  const ints = ourIntermediari(s);
  const all = ['int-001', 'int-002', 'int-003'];
  const db = s.sandbox.store.db;
  const deleghe = db
    .prepare(`SELECT id, datore_cf AS cf, intermediario_id AS i, stato FROM deleghe WHERE intermediario_id IN (${ints.map(() => '?').join(',')}) ORDER BY id`)
    .all(...ints) as { id: string; cf: string; i: string; stato: string }[];
  const kind = s.rng.weighted({ revoca: 3, nuova: 3, attiva: 2, annulla: 1 });
  if (kind === 'revoca' || kind === 'annulla') {
    const d = s.rng.pick(deleghe.filter((x) => x.stato === 'attiva' || (kind === 'annulla' && x.stato === 'da_attivare')));
    if (!d) return;
    const stato = kind === 'revoca' ? 'revocata' : 'annullata';
    const { status } = await admin(s.sandbox, `/admin/deleghe/${d.id}/fine`, { stato, motivo: `Fine delega al passo ${s.step}` });
    countAdmin(s, `delega ${stato}`, status);
    s.log(`  delega ${d.id} ${stato}: ${status}`);
  } else if (kind === 'nuova') {
    // Half the time a client whose delega to us just ended comes back (this thaws frozen drafts,
    // whose queued rows may still be pending); otherwise any client moves or returns.
    const ended = deleghe.filter((x) => x.stato === 'revocata' || x.stato === 'annullata').slice(-10);
    const comeback = s.rng.chance(0.5) ? s.rng.pick(ended) : undefined;
    const d = comeback ?? s.rng.pick(deleghe);
    if (!d) return;
    const intermediarioId = comeback ? comeback.i : s.rng.pick(all.filter((x) => x !== d.i || d.stato !== 'attiva'))!;
    const stato = s.rng.chance(0.6) ? 'attiva' : 'da_attivare';
    const { status } = await admin(s.sandbox, '/admin/deleghe', { datoreCf: d.cf, intermediarioId, stato });
    countAdmin(s, 'delega nuova', status);
    s.log(`  delega nuova ${d.cf} → ${intermediarioId} ${stato}: ${status}`);
  } else {
    const pending = db.prepare("SELECT id FROM deleghe WHERE stato = 'da_attivare' ORDER BY id").pluck().all() as string[];
    const id = s.rng.pick(pending);
    if (!id) return;
    const { status } = await admin(s.sandbox, `/admin/deleghe/${id}/attivazione`, {});
    countAdmin(s, 'delega attivazione', status);
    s.log(`  delega ${id} attivata: ${status}`);
  }
}

async function opClock(s: FuzzState): Promise<void> {
  const minutes = s.rng.int(30, 3000);
  const { status } = await admin(s.sandbox, '/admin/clock', { advanceMinutes: minutes });
  countAdmin(s, 'clock', status);
  s.log(`  clock +${minutes} min → ${s.sandbox.clock.now().toISOString()}`);
}

/** Faults on at the run's rate (most of the time) or off for a while; the split favours cheap faults. */
export function faultConfig(rate: number, seed: number) {
  const timeoutRate = Math.min(0.01, rate * 0.05); // each timeout costs the gateway's whole timeout in wall time
  const rest = rate - timeoutRate;
  return { errorRate: rest * 0.4, resetRate: rest * 0.3, duplicateRate: rest * 0.3, timeoutRate, latencyMs: 0, seed };
}

export const NO_FAULTS = { errorRate: 0, resetRate: 0, duplicateRate: 0, timeoutRate: 0, latencyMs: 0, seed: 1 };

function opGuasti(s: FuzzState): void {
  const on = s.rng.chance(0.75);
  const seed = s.rng.int(1, 2 ** 30);
  s.sandbox.faults.configure(on ? faultConfig(s.faultRate, seed) : NO_FAULTS);
  s.log(`  faults ${on ? 'on' : 'off'}`);
}

export async function runOp(s: FuzzState, kind: OpKind, inst: Instance): Promise<void> {
  await dispatchOp(s, kind, inst);
  if (s.tracing) traceOutbox(inst, s.log);
  // A pull may bring the copy of a reply whose answer was lost: it must not be shown twice meanwhile.
  if (kind === 'sync' && s.comunicazioni.size > 0) {
    const windows = await checkNeverTwice(s, inst);
    if (windows > 0) s.log(`  ${windows} replies already in the cache while their row waits for its retry`);
  }
}

async function dispatchOp(s: FuzzState, kind: OpKind, inst: Instance): Promise<void> {
  switch (kind) {
    case 'crea':
      return opCrea(s, inst);
    case 'modifica':
      return opModifica(s, inst);
    case 'elimina':
      return opElimina(s, inst);
    case 'invia':
      return opInvia(s, inst);
    case 'cancella':
      return opCancella(s, inst);
    case 'comunica':
      return opComunica(s, inst);
    case 'prepara':
      return opPrepara(s, inst);
    case 'proponi':
      return opProponi(s, inst);
    case 'inviaBlocco':
      return opInviaBlocco(s, inst);
    case 'modificaBlocco':
      return opModificaBlocco(s, inst);
    case 'eliminaBlocco':
      return opEliminaBlocco(s, inst);
    case 'sync':
      await syncInstance(s, inst);
      return;
    case 'sede':
      return opSede(s);
    case 'esito':
      return opEsito(s);
    case 'quesito':
      return opQuesito(s);
    case 'delega':
      return opDelega(s);
    case 'clock':
      return opClock(s);
    case 'guasti':
      return opGuasti(s);
  }
}
