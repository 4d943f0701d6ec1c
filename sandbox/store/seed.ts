// Bulk seeding from the demo generator: prepared statements in one transaction, and the initial
// change feed built in the same pass (office size: ~400k records, ~400k changes).
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { generateDataset, type DatasetSize, type DemoDataset } from '../../electron/common/demo';
import type { Delega, IsoDate } from '../../electron/common/model';
import type { Store } from './store';

type Statements = ReturnType<typeof prepareStatements>;

/** Who sees which datore's records and the datore itself, from the deleghe (see audiencesOf). */
interface Audiences {
  audienceOf: Map<string, string>;
  delegatiOf: Map<string, Set<string>>;
}

function prepareStatements(db: Db) {
  const ins = (sql: string) => db.prepare(sql);
  return {
    meta: ins('INSERT INTO meta (key, value) VALUES (?, ?)'),
    intermediario: ins('INSERT INTO intermediari (id, data) VALUES (?, ?)'),
    operatore: ins('INSERT INTO operatori (id, intermediario_id, data) VALUES (?, ?, ?)'),
    account: ins('INSERT INTO accounts (username, password, kind, operatore_id, intermediario_id, datore_cf) VALUES (?, ?, ?, ?, ?, ?)'),
    datore: ins('INSERT INTO datori (cf, data) VALUES (?, ?)'),
    delega: ins('INSERT INTO deleghe (id, datore_cf, intermediario_id, stato, data) VALUES (?, ?, ?, ?, ?)'),
    rapporto: ins('INSERT INTO rapporti (codice, datore_cf, data) VALUES (?, ?, ?)'),
    argomento: ins('INSERT INTO argomenti (codice, termine_giorni, data) VALUES (?, ?, ?)'),
    quesito: ins('INSERT INTO quesiti (id, codice_rapporto, data) VALUES (?, ?, ?)'),
    sede: ins('INSERT INTO sedi (id, data) VALUES (?, ?)'),
    appuntamento: ins(
      'INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, giorno, ora, stato, gestito, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    link: ins('INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id) VALUES (?, ?)'),
    comunicazione: ins('INSERT INTO comunicazioni (id, appuntamento_id, data) VALUES (?, ?, ?)'),
    change: ins('INSERT INTO changes (entity, audience, data) VALUES (?, ?, ?)'),
  };
}

export function seedStore(store: Store, ds: DemoDataset): void {
  const st = prepareStatements(store.db);
  store.db.transaction(() => {
    st.meta.run('seed', String(ds.seed));
    st.meta.run('size', ds.size);
    st.meta.run('today', ds.today);
    seedAccounts(st, ds);
    // Global entities first, so a client applying the feed in order has them before records refer to them.
    seedGlobals(st, ds);
    const audiences = audiencesOf(ds.deleghe);
    seedDatoriDeleghe(st, ds, audiences);
    seedRapportiQuesiti(st, ds, audiences.audienceOf);
    seedAppuntamentiComunicazioni(st, ds, audiences.audienceOf);
    st.meta.run('seeded', new Date().toISOString());
  })();
}

function seedAccounts(st: Statements, ds: DemoDataset): void {
  for (const i of ds.intermediari) st.intermediario.run(i.id, JSON.stringify(i));
  for (const o of ds.operatori) st.operatore.run(o.id, o.intermediarioId, JSON.stringify(o));
  for (const a of ds.accounts) st.account.run(a.username, a.password, 'operatore', a.operatoreId, a.intermediarioId, null);
  for (const c of ds.citizenAccounts) st.account.run(c.username, c.password, 'cittadino', null, null, c.datoreCf);
}

function seedGlobals(st: Statements, ds: DemoDataset): void {
  for (const a of ds.argomenti) {
    const json = JSON.stringify(a);
    st.argomento.run(a.codice, a.termineGiorni, json);
    st.change.run('argomento', '*', json);
  }
  for (const s of ds.sedi) {
    const json = JSON.stringify(s);
    st.sede.run(s.id, json);
    st.change.run('sede', '*', json);
  }
}

function audiencesOf(deleghe: readonly Delega[]): Audiences {
  // Who sees each datore's records: the holder of its attiva delega (none → nobody).
  const audienceOf = new Map<string, string>();
  // Every intermediario with a delega (any stato) of the datore gets the datore itself, before its
  // deleghe: a client can then keep a foreign key from delega to datore, and show whose delega it is.
  const delegatiOf = new Map<string, Set<string>>();
  for (const d of deleghe) {
    if (d.stato === 'attiva') audienceOf.set(d.datoreCf, d.intermediarioId);
    const set = delegatiOf.get(d.datoreCf) ?? new Set<string>();
    set.add(d.intermediarioId);
    delegatiOf.set(d.datoreCf, set);
  }
  return { audienceOf, delegatiOf };
}

function seedDatoriDeleghe(st: Statements, ds: DemoDataset, { delegatiOf }: Audiences): void {
  for (const d of ds.datori) {
    const json = JSON.stringify(d);
    st.datore.run(d.codiceFiscale, json);
    for (const audience of delegatiOf.get(d.codiceFiscale) ?? []) st.change.run('datore', audience, json);
  }
  for (const d of ds.deleghe) {
    const json = JSON.stringify(d);
    st.delega.run(d.id, d.datoreCf, d.intermediarioId, d.stato, json);
    st.change.run('delega', d.intermediarioId, json);
  }
}

function seedRapportiQuesiti(st: Statements, ds: DemoDataset, audienceOf: Map<string, string>): void {
  const datoreOfRapporto = new Map<string, string>();
  for (const r of ds.rapporti) {
    const json = JSON.stringify(r);
    st.rapporto.run(r.codice, r.datoreCf, json);
    datoreOfRapporto.set(r.codice, r.datoreCf);
    const audience = audienceOf.get(r.datoreCf);
    if (audience !== undefined) st.change.run('rapporto', audience, json);
  }
  for (const q of ds.quesiti) {
    const json = JSON.stringify(q);
    st.quesito.run(q.id, q.codiceRapporto, json);
    const cf = datoreOfRapporto.get(q.codiceRapporto);
    const audience = cf === undefined ? undefined : audienceOf.get(cf);
    if (audience !== undefined) st.change.run('quesito', audience, json);
  }
}

function seedAppuntamentiComunicazioni(st: Statements, ds: DemoDataset, audienceOf: Map<string, string>): void {
  const datoreOfAppuntamento = new Map<string, string>();
  for (const a of ds.appuntamenti) {
    const json = JSON.stringify(a);
    st.appuntamento.run(a.id, a.codiceRapporto, a.datoreCf, a.sedeId, a.data, a.ora, a.stato, a.gestitoDaIntermediario ? 1 : 0, json);
    for (const q of a.quesitiIds) st.link.run(a.id, q);
    datoreOfAppuntamento.set(a.id, a.datoreCf);
    const audience = audienceOf.get(a.datoreCf);
    if (audience !== undefined) st.change.run('appuntamento', audience, json);
  }
  for (const c of ds.comunicazioni) {
    const json = JSON.stringify(c);
    st.comunicazione.run(c.id, c.appuntamentoId, json);
    const cf = datoreOfAppuntamento.get(c.appuntamentoId);
    const audience = cf === undefined ? undefined : audienceOf.get(cf);
    if (audience !== undefined) st.change.run('comunicazione', audience, json);
  }
}

// Every table holding data; the change feed's sequence is not reset (sqlite_sequence is kept), so a
// cursor from before a reseed never points past new changes.
const DATA_TABLES = [
  'meta',
  'counters',
  'intermediari',
  'operatori',
  'accounts',
  'sessions',
  'datori',
  'deleghe',
  'rapporti',
  'argomenti',
  'quesiti',
  'sedi',
  'appuntamenti',
  'appuntamento_quesiti',
  'allegati',
  'appuntamento_allegati',
  'comunicazioni',
  'storico',
  'idempotenza',
  'changes',
] as const;

/** Replaces everything with a freshly generated dataset (admin: "seed a dataset of a given size"). */
export function reseedStore(store: Store, opts: { seed: number; size: DatasetSize; today: IsoDate }): void {
  const dataset = generateDataset(opts);
  store.db.transaction(() => {
    for (const table of DATA_TABLES) store.db.exec(`DELETE FROM ${table}`);
    seedStore(store, dataset);
  })();
}
