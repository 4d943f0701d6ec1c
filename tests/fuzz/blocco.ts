// Batch work in the fuzzer (issue #11): «Prepara in blocco», «Proponi orari», and editing,
// deleting and sending a selection of drafts. Each call is checked at once against what the
// fuzzer works out by itself from the instance's cache (its own SQL and the idoneità rule, not
// the handlers' code); every draft a batch creates is tracked in `s.drafts`, so the invariants
// after the drain (checks.ts: nothing lost, never booked twice, In coda ends booked or refused)
// cover batch drafts too.
import type { BloccoEsito, EsitoSaltato, PreparazioneEsito, ProposteOrari } from '../../electron/common/commands/types';
import { addDays, romeDate } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import { MODALITA, NOTA_MAX, type Esito, type Modalita } from '../../electron/common/model';
import { call, type FuzzState } from './ops';
import { retimeRetries, settle, type Instance } from './world';

/** A draft as stored, with the whole row as JSON to tell whether a call touched it. */
interface Riga {
  id: string;
  stato: string;
  cf: string;
  rapporto: string;
  sede: string | null;
  data: string | null;
  ora: string | null;
  dal: string | null;
  al: string | null;
  modalita: string | null;
  nota: string | null;
  quesiti: string;
  json: string;
}

const APERTE = ['bozza', 'in_coda', 'da_correggere', 'congelata'];
const MODIFICABILI = ['bozza', 'da_correggere'];
/** Without a window of its own, Proponi orari looks at the next 30 days (handlers/orari.ts). */
const GIORNI_FINESTRA = 30;
/** At most this many quesiti in one draft (the service's cap on one appointment). */
const QUESITI_PER_BOZZA = 10;

const inc = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};
const fail = (s: FuzzState, message: string) => s.failures.push(`step ${s.step}: ${message}`);
const oggi = (s: FuzzState) => romeDate(s.sandbox.clock.now());

function righe(inst: Instance): Map<string, Riga> {
  const rows = inst.core.ctx.sqlite
    .prepare(
      `SELECT id, stato, datore_cf AS cf, codice_rapporto AS rapporto, sede_id AS sede, data_preferita AS data, ora_preferita AS ora,
         finestra_dal AS dal, finestra_al AS al, modalita, nota, quesiti, errore_codice, errore_messaggio, appuntamento_id, aggiornata_il
       FROM bozze ORDER BY id`,
    )
    .all() as (Riga & Record<string, unknown>)[];
  return new Map(rows.map((r) => [r.id, { ...r, json: JSON.stringify(r) }]));
}

/** The instance's tracked drafts still there, in creation order (ids are random UUIDs: never order by them). */
function tracciate(s: FuzzState, inst: Instance): Riga[] {
  const byId = righe(inst);
  return [...s.drafts].flatMap(([id, t]) => (t.instance === inst.index && byId.has(id) ? [byId.get(id)!] : []));
}

/** `k` distinct items, each drawn from what is left. */
function alcuni<T>(s: FuzzState, items: readonly T[], k: number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (out.length < k && left.length > 0) out.push(left.splice(Math.floor(s.rng.next() * left.length), 1)[0]!);
  return out;
}

/** A selection of drafts: mostly recent ones in `stati`, now and then one the action must refuse. */
function selezione(s: FuzzState, inst: Instance, max: number, stati: readonly string[], strani: readonly string[]): Riga[] {
  const all = tracciate(s, inst);
  const odd = s.rng.chance(0.15);
  const pool = all.filter((r) => stati.includes(r.stato) || (odd && strani.includes(r.stato)));
  return alcuni(s, s.rng.chance(0.7) ? pool.slice(-20) : pool, s.rng.int(1, max));
}

/** A reason with its numbers, names and ids taken out, to count how often each kind comes back. */
export function tipoDi(motivo: string): string {
  const prima = motivo.split(/(?<=\.) /)[0]!; // the first sentence says the kind; the rest are details
  return prima
    .replace(/\S*\d\S*/g, '…')
    .replace(/La sede .+? non offre/, 'La sede … non offre')
    .slice(0, 100);
}

/** Every id of the selection comes back once, done or skipped with a reason; nothing else comes back. */
export function checkPartizione(s: FuzzState, what: string, ids: readonly string[], fatte: readonly string[], saltati: readonly EsitoSaltato[]): void {
  const seen = new Map<string, number>();
  for (const id of [...fatte, ...saltati.map((x) => x.id)]) seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const id of ids) if (seen.get(id) !== 1) fail(s, `${what}: draft ${id} of the selection came back ${seen.get(id) ?? 0} times`);
  for (const id of seen.keys()) if (!ids.includes(id)) fail(s, `${what}: ${id} came back but was not in the selection`);
  contaSaltati(s, what, saltati);
}

function contaSaltati(s: FuzzState, what: string, saltati: readonly EsitoSaltato[]): void {
  for (const x of saltati) {
    if (!x.motivo.trim()) fail(s, `${what}: ${x.id} was skipped without a reason`);
    inc(s.motiviBlocco, `${what}: ${tipoDi(x.motivo)}`);
  }
}

// ---------------------------------------------------------------------------------- prepara

interface QuesitoCache {
  id: string;
  protocollo: string;
  rapporto: string;
  cf: string;
  esito: Esito;
  dataInvio: string;
  dataEsito: string | null;
  termine: number;
  delega: string | null;
  prenotato: number;
}

function quesitiCache(inst: Instance): QuesitoCache[] {
  return inst.core.ctx.sqlite
    .prepare(
      `SELECT q.id, q.protocollo, q.codice_rapporto AS rapporto, ra.datore_cf AS cf, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito,
         a.termine_giorni AS termine,
         (SELECT d.stato FROM deleghe d WHERE d.datore_cf = ra.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) AS delega,
         EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti ap ON ap.id = l.appuntamento_id
                 WHERE l.quesito_id = q.id AND ap.stato = 'confermato') AS prenotato
       FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti ra ON ra.codice = q.codice_rapporto
       ORDER BY q.id`,
    )
    .all() as QuesitoCache[];
}

/** What the batch is asked for, and what the fuzzer expects of it. */
interface Richiesta {
  input: {
    quesitiIds: string[];
    datori: string[];
    sedeId: string | null;
    modalita: string | null;
    finestra: { dal: string; al: string } | null;
    notaModello: string | null;
  };
  /** Quesiti that must end in a draft (or be skipped for the cap of 10, or with their rapporto for the note). */
  idonei: Set<string>;
  /** Quesiti named that must be skipped with a reason, never put in a draft. */
  esclusi: Set<string>;
  /** Clients named whose delega is not active: skipped with a reason. */
  clientiEsclusi: Set<string>;
  /** The code refusing the whole batch, or null. */
  rifiuto: string | null;
}

function sceltaNota(s: FuzzState): { notaModello: string | null; rifiuto: string | null } {
  switch (s.rng.weighted({ nessuna: 4, modello: 4, sconosciuto: 1, lunga: 1 })) {
    case 'nessuna':
      return { notaModello: null, rifiuto: null };
    case 'modello':
      return { notaModello: `Per {nominativo}, rapporto {codiceRapporto}: quesiti {quesiti} (passo ${s.step}).`, rifiuto: null };
    case 'sconosciuto':
      // A typo in a placeholder: the whole batch is refused, nothing created.
      return { notaModello: `Gentile {nome}, rapporto {codiceRapporto}.`, rifiuto: 'SEGNAPOSTO_SCONOSCIUTO' };
    default:
      // Short enough for one quesito of a short name; more, and that rapporto is skipped with the reason.
      return { notaModello: `${'x'.repeat(NOTA_MAX - 45)} {nominativo} {quesiti}`, rifiuto: null };
  }
}

/** A random batch over several clients of the instance, now and then with items it must leave out. */
function richiesta(s: FuzzState, inst: Instance): Richiesta | null {
  const quesiti = quesitiCache(inst);
  const inBozza = new Set(
    (
      inst.core.ctx.sqlite
        .prepare(`SELECT quesiti FROM bozze WHERE stato IN (${APERTE.map(() => '?').join(',')}) ORDER BY id`)
        .pluck()
        .all(...APERTE) as string[]
    ).flatMap((j) => JSON.parse(j) as string[]),
  );
  const day = oggi(s);
  const idoneo = (q: QuesitoCache) => q.delega === 'attiva' && !inBozza.has(q.id) && !q.prenotato && valutaIdoneita(q, q.termine, day).idoneo;
  const buoni = quesiti.filter(idoneo);
  // With nothing idoneo left the batch is still asked for: everything in it must come back skipped.
  const clienti = alcuni(s, [...new Set(buoni.map((q) => q.cf))].sort(), s.rng.int(1, 4));
  const modo = s.rng.weighted({ quesiti: 6, datori: 2, entrambi: 2 });
  const quesitiIds: string[] = [];
  const datori: string[] = [];
  for (const cf of clienti) {
    if (modo !== 'quesiti' && (modo === 'datori' || s.rng.chance(0.5))) datori.push(cf);
    else {
      const suoi = buoni.filter((q) => q.cf === cf);
      const presi = suoi.filter(() => s.rng.chance(0.7));
      quesitiIds.push(...(presi.length > 0 ? presi : suoi.slice(0, 1)).map((q) => q.id));
    }
  }
  // What must come back skipped: in a draft, in a Confermato appointment, delega not active, not idoneo, unknown.
  const extra = (pool: QuesitoCache[], p: number) => {
    const q = s.rng.chance(p) ? s.rng.pick(pool) : undefined;
    if (q && !quesitiIds.includes(q.id)) quesitiIds.push(q.id);
  };
  extra(
    quesiti.filter((q) => inBozza.has(q.id)),
    0.3,
  );
  extra(
    quesiti.filter((q) => q.prenotato),
    0.2,
  );
  extra(
    quesiti.filter((q) => q.delega !== 'attiva'),
    0.25,
  );
  extra(
    quesiti.filter((q) => q.delega === 'attiva' && !valutaIdoneita(q, q.termine, day).idoneo),
    0.15,
  );
  if (s.rng.chance(0.05)) quesitiIds.push(`q-ignoto-${s.step}`);
  const sospeso = s.rng.chance(0.15) ? s.rng.pick([...new Set(quesiti.filter((q) => q.delega !== 'attiva').map((q) => q.cf))].sort()) : undefined;
  if (sospeso) datori.push(sospeso);
  if (quesitiIds.length + datori.length === 0) return null;

  const byId = new Map(quesiti.map((q) => [q.id, q]));
  const attivi = new Set(datori.filter((cf) => quesiti.find((q) => q.cf === cf)?.delega === 'attiva'));
  const idonei = new Set([
    ...quesitiIds.filter((id) => byId.has(id) && idoneo(byId.get(id)!)),
    ...quesiti.filter((q) => attivi.has(q.cf) && (q.esito === 'in_attesa' || q.esito === 'negativo') && idoneo(q)).map((q) => q.id),
  ]);
  const sedi = inst.core.ctx.sqlite.prepare('SELECT id FROM sedi ORDER BY id').pluck().all() as string[];
  const sede = s.rng.weighted({ ultima: 5, scelta: 4, ignota: 1 });
  const nota = sceltaNota(s);
  const modalita = s.rng.weighted({ presenza: 6, nessuna: 2, richiamata: 1, videochiamata: 1 } satisfies Record<Modalita | 'nessuna', number>);
  const dal = addDays(day, s.rng.int(1, 5));
  return {
    input: {
      quesitiIds,
      datori,
      sedeId: sede === 'ultima' ? null : sede === 'scelta' ? (s.rng.pick(sedi) ?? null) : 'sede-ignota',
      modalita: modalita === 'nessuna' ? null : modalita,
      finestra: s.rng.chance(0.6) ? { dal, al: addDays(dal, s.rng.int(5, 25)) } : null,
      notaModello: nota.notaModello,
    },
    idonei,
    esclusi: new Set(quesitiIds.filter((id) => !idonei.has(id))),
    clientiEsclusi: new Set(datori.filter((cf) => !attivi.has(cf))),
    rifiuto: nota.rifiuto ?? (sede === 'ignota' ? 'NON_TROVATO' : null),
  };
}

function notaAttesa(modello: string | null, dati: Record<string, string>): string | null {
  if (modello === null) return null;
  const nota = modello.replace(/\{([^{}]*)\}/g, (_all, nome: string) => dati[nome] ?? `{${nome}}`).trim();
  return nota === '' ? null : nota;
}

export async function opPrepara(s: FuzzState, inst: Instance): Promise<void> {
  const r = richiesta(s, inst);
  if (!r) return;
  const what = `${inst.username} bozze.prepara`;
  const before = righe(inst);
  const result = await call(s, inst, 'bozze.prepara', r.input);
  inc(s.blocco, 'prepara');
  if (!result) return;
  const code = result.ok ? 'ok' : result.error.code;
  if (code !== (r.rifiuto ?? 'ok')) fail(s, `${what} answered ${code}, expected ${r.rifiuto ?? 'ok'} (${JSON.stringify(r.input).slice(0, 300)})`);
  if (!result.ok) {
    // A refused batch is refused whole: nothing created.
    if (righe(inst).size !== before.size) fail(s, `${what} was refused (${code}) but drafts were created`);
    inc(s.blocco, 'prepara rifiutata');
    return;
  }
  const esito = result.value as PreparazioneEsito;
  for (const c of esito.create) s.drafts.set(c.bozzaId, { instance: inst.index, deleted: false, queued: false, via: 'prepara' });
  inc(s.blocco, 'prepara create', esito.create.length);
  inc(s.blocco, 'prepara saltati', esito.saltati.length);
  contaSaltati(s, 'prepara', esito.saltati);
  s.log(`  prepara: ${esito.create.length} created, ${esito.saltati.length} skipped`);
  checkPreparate(s, inst, what, r, esito, before);
}

/** The batch made what was asked, once per rapporto, with the common fields; what it left out says why. */
function checkPreparate(s: FuzzState, inst: Instance, what: string, r: Richiesta, esito: PreparazioneEsito, before: Map<string, Riga>): void {
  const after = righe(inst);
  const protocollo = new Map(quesitiCache(inst).map((q) => [q.id, q]));
  const saltati = new Set(esito.saltati.map((x) => x.id));
  const messi = new Map<string, string>();
  const rapporti = new Set<string>();
  if (after.size !== before.size + esito.create.length)
    fail(s, `${what}: ${esito.create.length} created but the instance has ${after.size - before.size} more drafts`);
  for (const c of esito.create) {
    const row = after.get(c.bozzaId);
    if (!row || before.has(c.bozzaId)) {
      fail(s, `${what}: created draft ${c.bozzaId} ${row ? 'existed before' : 'does not exist'}`);
      continue;
    }
    if (rapporti.has(c.codiceRapporto)) fail(s, `${what}: two drafts created for rapporto ${c.codiceRapporto}`);
    rapporti.add(c.codiceRapporto);
    const ids = JSON.parse(row.quesiti) as string[];
    if (row.stato !== 'bozza' || row.rapporto !== c.codiceRapporto || ids.length !== c.quesiti || ids.length === 0 || ids.length > QUESITI_PER_BOZZA)
      fail(s, `${what}: draft ${c.bozzaId} is ${row.stato} for ${row.rapporto} with ${ids.length} quesiti, reported ${c.codiceRapporto} with ${c.quesiti}`);
    for (const id of ids) {
      if (!r.idonei.has(id)) fail(s, `${what}: draft ${c.bozzaId} holds quesito ${id}, which was not asked for or may not go`);
      if (protocollo.get(id)?.rapporto !== row.rapporto) fail(s, `${what}: draft ${c.bozzaId} of ${row.rapporto} holds quesito ${id} of another rapporto`);
      if (messi.has(id)) fail(s, `${what}: quesito ${id} is in two drafts of the batch`);
      messi.set(id, c.bozzaId);
    }
    checkCampiComuni(s, what, r, row, c.datoreNominativo, ids.map((id) => protocollo.get(id)?.protocollo ?? id).join(', '), saltati);
  }
  for (const id of r.idonei) {
    const rapporto = protocollo.get(id)?.rapporto ?? '';
    if (!messi.has(id) && !saltati.has(id) && !saltati.has(rapporto)) fail(s, `${what}: idoneo quesito ${id} is neither in a draft nor skipped`);
  }
  for (const id of r.esclusi) {
    if (!saltati.has(id)) fail(s, `${what}: quesito ${id}, which may not go, was not listed as skipped`);
    if (messi.has(id)) fail(s, `${what}: quesito ${id}, which may not go, was put in draft ${messi.get(id)}`);
  }
  for (const cf of r.clientiEsclusi) if (!saltati.has(cf)) fail(s, `${what}: client ${cf} without an active delega was not listed as skipped`);
}

function checkCampiComuni(s: FuzzState, what: string, r: Richiesta, row: Riga, nominativo: string, protocolli: string, saltati: Set<string>): void {
  const { sedeId, modalita, finestra, notaModello } = r.input;
  if (sedeId !== null && row.sede !== sedeId) fail(s, `${what}: draft ${row.id} has sede ${row.sede}, the batch asked for ${sedeId}`);
  if (row.modalita !== modalita && !(row.modalita === null && saltati.has(row.id)))
    fail(s, `${what}: draft ${row.id} has modalità ${row.modalita}, the batch asked for ${modalita} and said nothing`);
  if (row.dal !== (finestra?.dal ?? null) || row.al !== (finestra?.al ?? null)) fail(s, `${what}: draft ${row.id} has window ${row.dal}–${row.al}`);
  const nota = notaAttesa(notaModello, { nominativo, codiceRapporto: row.rapporto, quesiti: protocolli });
  if (row.nota !== nota) fail(s, `${what}: draft ${row.id}'s note is «${row.nota?.slice(0, 80)}», expected «${nota?.slice(0, 80)}»`);
  if ((row.nota?.length ?? 0) > NOTA_MAX) fail(s, `${what}: draft ${row.id}'s note is ${row.nota?.length} characters`);
}

// ---------------------------------------------------------------------------------- proponi

function faultsOn(s: FuzzState): boolean {
  const f = s.sandbox.faults.current();
  return f.errorRate + f.resetRate + f.timeoutRate + f.duplicateRate > 0;
}

/** A batch edit another window makes while Proponi orari waits for the service. */
type Gara = { kind: 'modifica'; ids: string[]; campi: Record<string, unknown> } | { kind: 'elimina'; ids: string[] } | null;

function sceltaGara(s: FuzzState, inst: Instance, ids: readonly string[]): Gara {
  const kind = s.rng.weighted({ nessuna: 5, modifica: 2, elimina: 1 });
  const scelte = ids.filter(() => s.rng.chance(0.5));
  if (kind === 'nessuna' || scelte.length === 0) return null;
  if (kind === 'elimina') return { kind, ids: scelte };
  return { kind, ids: scelte, campi: campiInBlocco(s, inst, false) };
}

export async function opProponi(s: FuzzState, inst: Instance): Promise<void> {
  let scelte = selezione(s, inst, 8, MODIFICABILI, ['in_coda', 'inviata', 'congelata']);
  // The service's faults are drawn one per request in arrival order, and the handler asks for
  // several sedi at once: under faults the selection keeps one sede, so the seed alone decides.
  const prima = scelte.find((b) => b.sede !== null && MODIFICABILI.includes(b.stato));
  if (prima && faultsOn(s)) scelte = scelte.filter((b) => b.sede === null || b.sede === prima.sede || !MODIFICABILI.includes(b.stato));
  if (scelte.length === 0) return;
  const ids = scelte.map((b) => b.id);
  const gara = sceltaGara(s, inst, ids);
  const before = righe(inst);
  const [result, altra] = await Promise.all([
    call(s, inst, 'bozze.proponiOrari', { ids }),
    gara === null
      ? null
      : gara.kind === 'modifica'
        ? call(s, inst, 'bozze.modificaInBlocco', { ids: gara.ids, campi: gara.campi })
        : call(s, inst, 'bozze.eliminaInBlocco', { ids: gara.ids }),
  ]);
  inc(s.blocco, gara ? `proponi con ${gara.kind}` : 'proponi');
  if (!result?.ok) return;
  const esito = result.value as ProposteOrari;
  const rivale = altra?.ok ? (altra.value as BloccoEsito) : null;
  if (gara?.kind === 'elimina') for (const id of rivale?.fatte ?? []) s.drafts.get(id)!.deleted = true;
  inc(s.blocco, esito.online ? 'proponi proposte' : 'proponi proposte offline', esito.proposte.length);
  s.log(`  proponi ${esito.online ? 'online' : 'offline'}: ${esito.proposte.length} proposals, ${esito.saltati.length} skipped`);
  if (gara) s.log(`  meanwhile another window: ${gara.kind} ${JSON.stringify(gara.kind === 'modifica' ? gara.campi : {})} on ${rivale?.fatte.length ?? 0}`);
  const what = `${inst.username} bozze.proponiOrari`;
  checkPartizione(
    s,
    'proponi',
    ids,
    esito.proposte.map((p) => p.bozzaId),
    esito.saltati,
  );
  const toccate = new Set(rivale?.fatte ?? []);
  checkProposte(s, inst, what, esito, before, new Set(ids), gara, toccate);
  // The skipped drafts the other window did not touch are as they were.
  const after = righe(inst);
  for (const x of esito.saltati)
    if (!toccate.has(x.id) && before.get(x.id)?.json !== after.get(x.id)?.json) fail(s, `${what}: skipped draft ${x.id} was changed («${x.motivo}»)`);
}

function checkProposte(
  s: FuzzState,
  inst: Instance,
  what: string,
  esito: ProposteOrari,
  before: Map<string, Riga>,
  batch: Set<string>,
  gara: Gara,
  toccate: Set<string>,
): void {
  const after = righe(inst);
  const day = oggi(s);
  const confermato = inst.core.ctx.sqlite.prepare("SELECT 1 FROM appuntamenti WHERE datore_cf = ? AND data = ? AND stato = 'confermato'").pluck();
  const preso = s.sandbox.store.db.prepare("SELECT 1 FROM appuntamenti WHERE sede_id = ? AND giorno = ? AND ora = ? AND stato != 'cancellato'").pluck();
  const slot = new Set<string>();
  const giorni = new Set<string>();
  for (const p of esito.proposte) {
    const was = before.get(p.bozzaId);
    const row = after.get(p.bozzaId);
    if (!was || !row) {
      fail(s, `${what}: proposal for draft ${p.bozzaId}, which ${was ? 'is gone' : 'did not exist'}`);
      continue;
    }
    if (row.data !== p.data || row.ora !== p.ora || row.stato !== 'bozza' || row.sede !== was.sede)
      fail(s, `${what}: draft ${p.bozzaId} was proposed ${p.data} ${p.ora} at ${was.sede} but is ${row.stato} ${row.data} ${row.ora} at ${row.sede}`);
    // Inside the draft's window as it stands now (another window may have changed it meanwhile), from tomorrow.
    const dal = row.dal !== null && row.dal > addDays(day, 1) ? row.dal : addDays(day, 1);
    // Without a window the handler looks 30 days ahead; one the other window just emptied bounds nothing.
    const al = row.al ?? (toccate.has(p.bozzaId) ? '9999-12-31' : addDays(day, GIORNI_FINESTRA));
    if (p.data < dal || p.data > al) fail(s, `${what}: draft ${p.bozzaId} got ${p.data}, outside its window ${dal}–${al}`);
    const key = `${row.sede} ${p.data} ${p.ora}`;
    if (slot.has(key)) fail(s, `${what}: the slot ${key} was proposed twice`);
    slot.add(key);
    if (giorni.has(`${row.cf} ${p.data}`)) fail(s, `${what}: client ${row.cf} got two visits on ${p.data}`);
    giorni.add(`${row.cf} ${p.data}`);
    if (confermato.get(row.cf, p.data)) fail(s, `${what}: client ${row.cf} already has a Confermato appointment on ${p.data}`);
    const altra = [...before.values()].find((b) => b.cf === row.cf && b.data === p.data && !batch.has(b.id) && APERTE.includes(b.stato));
    if (altra) fail(s, `${what}: client ${row.cf} already has draft ${altra.id} on ${p.data}`);
    if (esito.online && preso.get(row.sede, p.data, p.ora)) fail(s, `${what}: slot ${key} is taken at the service`);
    if (gara && toccate.has(p.bozzaId) && gara.kind === 'elimina') fail(s, `${what}: draft ${p.bozzaId} got a proposal though another window deleted it`);
  }
  if (gara?.kind === 'modifica') checkModificate(s, `${inst.username} bozze.modificaInBlocco (during proponi)`, gara.campi, [...toccate], before, after, true);
  if (gara?.kind === 'elimina') for (const id of toccate) if (after.has(id)) fail(s, `${what}: draft ${id} deleted by another window is back`);
}

// ----------------------------------------------------------------------- modifica, elimina

function campiInBlocco(s: FuzzState, inst: Instance, ignota: boolean): Record<string, unknown> {
  const sedi = inst.core.ctx.sqlite.prepare("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id").pluck().all() as string[];
  const campi: Record<string, unknown> = {};
  if (s.rng.chance(0.4)) campi.sedeId = ignota && s.rng.chance(0.1) ? 'sede-ignota' : s.rng.chance(0.9) ? (s.rng.pick(sedi) ?? null) : null;
  if (s.rng.chance(0.3)) campi.modalita = s.rng.pick([null, ...MODALITA]);
  if (s.rng.chance(0.4)) {
    const dal = addDays(oggi(s), s.rng.int(1, 10));
    campi.finestra = s.rng.chance(0.9) ? { dal, al: addDays(dal, s.rng.int(3, 20)) } : null;
  }
  if (s.rng.chance(0.4) || Object.keys(campi).length === 0) campi.nota = s.rng.chance(0.9) ? `Nota in blocco al passo ${s.step}` : null;
  return campi;
}

/** The drafts edited have the batch's fields (a day that no longer fits is emptied); the others are as they were. */
function checkModificate(
  s: FuzzState,
  what: string,
  campi: Record<string, unknown>,
  fatte: readonly string[],
  before: Map<string, Riga>,
  after: Map<string, Riga>,
  gara: boolean,
): void {
  const finestra = campi.finestra as { dal: string; al: string } | null | undefined;
  for (const id of fatte) {
    const was = before.get(id);
    const row = after.get(id);
    if (!was || !row) {
      fail(s, `${what}: edited draft ${id} ${was ? 'is gone' : 'did not exist'}`);
      continue;
    }
    if (!MODIFICABILI.includes(was.stato)) fail(s, `${what}: draft ${id} was ${was.stato} but was edited`);
    const wrong: string[] = [];
    if (campi.sedeId !== undefined && row.sede !== campi.sedeId) wrong.push(`sede ${row.sede}`);
    if (campi.modalita !== undefined && row.modalita !== campi.modalita) wrong.push(`modalità ${row.modalita}`);
    if (campi.nota !== undefined && row.nota !== campi.nota) wrong.push(`nota ${row.nota}`);
    if (finestra !== undefined && (row.dal !== (finestra?.dal ?? null) || row.al !== (finestra?.al ?? null))) wrong.push(`window ${row.dal}–${row.al}`);
    // Another sede, or a window that leaves the day out: the day is emptied (Proponi orari fills it again, unless it raced this edit).
    const spostata = campi.sedeId !== undefined && campi.sedeId !== was.sede;
    if (spostata && row.data !== null) wrong.push(`day ${row.data} kept at another sede`);
    if (!gara && finestra && row.data !== null && (row.data < finestra.dal || row.data > finestra.al)) wrong.push(`day ${row.data} outside the window`);
    if (wrong.length > 0) fail(s, `${what}: draft ${id} was edited with ${JSON.stringify(campi)} but has ${wrong.join(', ')}`);
  }
}

export async function opModificaBlocco(s: FuzzState, inst: Instance): Promise<void> {
  const ids = selezione(s, inst, 8, MODIFICABILI, ['in_coda', 'inviata', 'congelata']).map((b) => b.id);
  if (ids.length === 0) return;
  const campi = campiInBlocco(s, inst, true);
  const before = righe(inst);
  const result = await call(s, inst, 'bozze.modificaInBlocco', { ids, campi });
  inc(s.blocco, 'modificaBlocco');
  const after = righe(inst);
  const what = `${inst.username} bozze.modificaInBlocco`;
  if (!result?.ok) {
    // Only an unknown sede refuses the whole batch, and then nothing changed.
    if (campi.sedeId !== 'sede-ignota') fail(s, `${what} was refused whole (${result?.ok === false ? result.error.code : '?'})`);
    for (const id of ids) if (before.get(id)?.json !== after.get(id)?.json) fail(s, `${what} was refused whole but draft ${id} changed`);
    return;
  }
  if (campi.sedeId === 'sede-ignota') fail(s, `${what} accepted an unknown sede`);
  const esito = result.value as BloccoEsito;
  inc(s.blocco, 'modificaBlocco fatte', esito.fatte.length);
  checkPartizione(s, 'modificaBlocco', ids, esito.fatte, esito.saltati);
  checkModificate(s, what, campi, esito.fatte, before, after, false);
  for (const x of esito.saltati) if (before.get(x.id)?.json !== after.get(x.id)?.json) fail(s, `${what}: skipped draft ${x.id} was changed`);
}

export async function opEliminaBlocco(s: FuzzState, inst: Instance): Promise<void> {
  const ids = selezione(s, inst, 5, [...MODIFICABILI, 'congelata'], ['in_coda', 'inviata']).map((b) => b.id);
  if (ids.length === 0) return;
  const before = righe(inst);
  const result = await call(s, inst, 'bozze.eliminaInBlocco', { ids });
  inc(s.blocco, 'eliminaBlocco');
  if (!result?.ok) return;
  const esito = result.value as BloccoEsito;
  const after = righe(inst);
  const what = `${inst.username} bozze.eliminaInBlocco`;
  inc(s.blocco, 'eliminaBlocco fatte', esito.fatte.length);
  checkPartizione(s, 'eliminaBlocco', ids, esito.fatte, esito.saltati);
  const inAttesa = inst.core.ctx.sqlite.prepare("SELECT 1 FROM outbox WHERE entita_id = ? AND stato = 'in_attesa'").pluck();
  for (const id of esito.fatte) {
    s.drafts.get(id)!.deleted = true;
    if (after.has(id)) fail(s, `${what}: draft ${id} was reported deleted but is still there`);
    const stato = before.get(id)?.stato;
    if (stato === 'in_coda' || stato === 'inviata') fail(s, `${what}: draft ${id} was ${stato} but was deleted`);
  }
  for (const x of esito.saltati) {
    if (before.get(x.id)?.json !== after.get(x.id)?.json) fail(s, `${what}: skipped draft ${x.id} was changed`);
    if (before.get(x.id)?.stato === 'congelata' && !inAttesa.get(x.id))
      fail(s, `${what}: frozen draft ${x.id} with nothing on its way was not deleted («${x.motivo}»)`);
  }
}

// ------------------------------------------------------------------------------ inviaBlocco

const completa = (r: Riga) => r.sede !== null && r.data !== null && r.ora !== null && r.modalita !== null && (JSON.parse(r.quesiti) as string[]).length > 0;

/** Each entity's outbox rows as JSON, and whether one is freshly armed (re-sending a refused draft re-arms its row instead of adding one). */
function outboxDi(inst: Instance): Map<string, { json: string; armata: boolean }> {
  const out = new Map<string, { json: string; armata: boolean }>();
  for (const row of inst.core.ctx.sqlite.prepare('SELECT * FROM outbox ORDER BY id').all() as { entita_id: string; stato: string; tentativi: number }[]) {
    const o = out.get(row.entita_id) ?? { json: '', armata: false };
    out.set(row.entita_id, { json: o.json + JSON.stringify(row), armata: o.armata || (row.stato === 'in_attesa' && row.tentativi === 0) });
  }
  return out;
}

export async function opInviaBlocco(s: FuzzState, inst: Instance): Promise<void> {
  const pool = tracciate(s, inst).filter((r) => MODIFICABILI.includes(r.stato));
  const complete = pool.filter(completa);
  const scelte = alcuni(s, (s.rng.chance(0.6) ? complete : pool).slice(s.rng.chance(0.7) ? -20 : 0), s.rng.int(1, 10));
  // Now and then one the batch must refuse: incomplete, or already on its way or booked.
  const aggiungi = (r: Riga | undefined) => r && !scelte.includes(r) && scelte.push(r);
  if (s.rng.chance(0.3)) aggiungi(s.rng.pick(pool.filter((r) => !completa(r))));
  if (s.rng.chance(0.15)) aggiungi(s.rng.pick(tracciate(s, inst).filter((r) => !MODIFICABILI.includes(r.stato))));
  if (scelte.length === 0) return;
  const ids = scelte.map((r) => r.id);
  // Two windows of one PC send the same selection at once (one core); or another PC of the office, which does not have these drafts.
  const modo = s.rng.weighted({ una: 7, dueFinestre: 2, altroPc: 1 });
  const altro = s.instances.find((i) => i !== inst && i.intermediarioId === inst.intermediarioId) ?? s.instances.find((i) => i !== inst);
  const chi = modo === 'una' || !altro ? [inst] : modo === 'dueFinestre' ? [inst, inst] : [inst, altro];
  const before = righe(inst);
  const righePrima = outboxDi(inst);
  const results = await Promise.all(chi.map((i) => call(s, i, 'bozze.inviaInBlocco', { ids })));
  inc(s.blocco, chi.length === 1 ? 'inviaBlocco' : `inviaBlocco ${modo}`);
  // Checked before the push (it starts on the next turn of the event loop): each draft as the batch left it.
  const after = righe(inst);
  const righeDopo = outboxDi(inst);
  const inCoda = new Map<string, number>();
  results.forEach((result, n) => {
    if (!result?.ok) return;
    const esito = result.value as BloccoEsito;
    const what = `${chi[n]!.username} bozze.inviaInBlocco${chi.length > 1 ? ` (${modo} #${n + 1})` : ''}`;
    checkPartizione(s, 'inviaBlocco', ids, esito.fatte, esito.saltati);
    if (chi[n] !== inst && esito.fatte.length > 0) fail(s, `${what} queued drafts of another PC: ${esito.fatte.join(', ')}`);
    for (const id of esito.fatte) inCoda.set(id, (inCoda.get(id) ?? 0) + 1);
    inc(s.blocco, 'inviaBlocco fatte', esito.fatte.length);
  });
  const what = `${inst.username} bozze.inviaInBlocco`;
  for (const id of ids) {
    const was = before.get(id)!;
    const row = after.get(id);
    const n = inCoda.get(id) ?? 0;
    if (n > 1) fail(s, `${what}: draft ${id} was queued by ${n} windows`);
    if (n === 1) {
      s.drafts.get(id)!.queued = true;
      if (!MODIFICABILI.includes(was.stato) || !completa(was))
        fail(s, `${what}: draft ${id} was ${was.stato}${completa(was) ? '' : ' and incomplete'} but was queued`);
      if (row?.stato !== 'in_coda') fail(s, `${what}: draft ${id} was queued but is ${row?.stato ?? 'gone'}`);
      if (!righeDopo.get(id)?.armata || righeDopo.get(id)?.json === righePrima.get(id)?.json)
        fail(s, `${what}: draft ${id} was queued without a new outbox row`);
    } else {
      // Refused by every window: not queued, not touched, nothing in the outbox.
      if (was.json !== row?.json) fail(s, `${what}: draft ${id} was refused but changed (${was.stato} → ${row?.stato ?? 'gone'})`);
      if (righeDopo.get(id)?.json !== righePrima.get(id)?.json) fail(s, `${what}: draft ${id} was refused but its outbox rows changed`);
    }
  }
  await settle(inst.core); // the batch pushes at once in the background
  retimeRetries(inst);
}

/** For the report: drafts made by «Prepara in blocco» that ended booked. */
export function preparateInviate(s: FuzzState): number {
  let n = 0;
  for (const inst of s.instances) {
    const inviata = inst.core.ctx.sqlite.prepare("SELECT 1 FROM bozze WHERE id = ? AND stato = 'inviata'").pluck();
    for (const [id, t] of s.drafts) if (t.via === 'prepara' && t.instance === inst.index && inviata.get(id)) n += 1;
  }
  return n;
}
