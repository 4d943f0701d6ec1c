// The searches the UI offers, with values taken from the synced dataset, and for each one a
// hand-written better-sqlite3 statement that returns the same rows (the baseline).
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { normalizeSearchText, testoDatore } from '../electron/core/store/search';

export interface AppuntamentiInput {
  codiceRapporto?: string;
  testo?: string;
  stati?: ('confermato' | 'chiuso_definito' | 'cancellato')[];
  dal?: string;
  al?: string;
  gestitoDaIntermediario?: boolean;
  sedeId?: string;
  operatoreId?: string;
  ordine?: 'data' | '-data';
  limite: number;
}

export interface ClientiInput {
  testo: string;
  limite: number;
}

export type SearchCase =
  { name: string; command: 'appuntamenti.cerca'; input: AppuntamentiInput } | { name: string; command: 'clienti.cerca'; input: ClientiInput };

const PAGE = 100;

/** Picks filter values that exist in the dataset: a busy rapporto, the busiest sede, a real surname … */
export function searchCases(sqlite: BetterSqlite3.Database): SearchCase[] {
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  const rapporto = one<{ codice_rapporto: string }>(
    'SELECT codice_rapporto FROM appuntamenti GROUP BY codice_rapporto ORDER BY count(*) DESC, codice_rapporto LIMIT 1',
  ).codice_rapporto;
  const sede = one<{ sede_id: string }>('SELECT sede_id FROM appuntamenti GROUP BY sede_id ORDER BY count(*) DESC, sede_id LIMIT 1').sede_id;
  const operatore = one<{ operatore_id: string } | undefined>(
    'SELECT operatore_id FROM appuntamenti WHERE operatore_id IS NOT NULL GROUP BY operatore_id ORDER BY count(*) DESC, operatore_id LIMIT 1',
  )?.operatore_id;
  const dates = sqlite.prepare('SELECT data FROM appuntamenti ORDER BY data').pluck().all() as string[];
  const mid = dates[Math.floor(dates.length / 2)] ?? '2026-01-01';
  const month = { dal: mid, al: shift(mid, 30) };
  const half = { dal: shift(mid, -90), al: shift(mid, 90) };
  // A client with appointments, by surname and by the start of the codice fiscale.
  const datore = one<{ cognome: string; codice_fiscale: string }>(
    `SELECT d.cognome, d.codice_fiscale FROM datori d WHERE d.codice_fiscale =
       (SELECT datore_cf FROM appuntamenti WHERE codice_rapporto = ? LIMIT 1)`,
    rapporto,
  );
  const cognome = normalizeSearchText(datore.cognome).split(' ')[0]!;
  const cfPrefix = datore.codice_fiscale.slice(0, 8);
  const cases: SearchCase[] = [
    { name: 'no filter (the list as it opens)', command: 'appuntamenti.cerca', input: { limite: PAGE } },
    { name: 'codice rapporto', command: 'appuntamenti.cerca', input: { codiceRapporto: rapporto, limite: PAGE } },
    { name: 'codice rapporto, first 4 digits', command: 'appuntamenti.cerca', input: { codiceRapporto: rapporto.slice(0, 4), limite: PAGE } },
    { name: 'stato confermato', command: 'appuntamenti.cerca', input: { stati: ['confermato'], limite: PAGE } },
    { name: 'stati cancellato + chiuso', command: 'appuntamenti.cerca', input: { stati: ['cancellato', 'chiuso_definito'], limite: PAGE } },
    { name: 'date range (30 days)', command: 'appuntamenti.cerca', input: { ...month, limite: PAGE } },
    { name: 'gestito da intermediario: sì', command: 'appuntamenti.cerca', input: { gestitoDaIntermediario: true, limite: PAGE } },
    { name: 'gestito da intermediario: no', command: 'appuntamenti.cerca', input: { gestitoDaIntermediario: false, limite: PAGE } },
    { name: 'sede', command: 'appuntamenti.cerca', input: { sedeId: sede, limite: PAGE } },
    ...(operatore ? [{ name: 'operatore', command: 'appuntamenti.cerca' as const, input: { operatoreId: operatore, limite: PAGE } }] : []),
    { name: 'client name', command: 'appuntamenti.cerca', input: { testo: cognome, limite: PAGE } },
    {
      name: 'stato + sede + 6 months + gestito',
      command: 'appuntamenti.cerca',
      input: { stati: ['confermato'], sedeId: sede, ...half, gestitoDaIntermediario: true, limite: PAGE },
    },
    {
      name: 'stati + 6 months + gestito no, newest first',
      command: 'appuntamenti.cerca',
      input: { stati: ['cancellato', 'chiuso_definito'], ...half, gestitoDaIntermediario: false, ordine: '-data', limite: PAGE },
    },
    { name: 'newest first, no filter', command: 'appuntamenti.cerca', input: { ordine: '-data', limite: PAGE } },
    { name: 'clienti.cerca by name', command: 'clienti.cerca', input: { testo: cognome, limite: PAGE } },
    { name: 'clienti.cerca by codice fiscale', command: 'clienti.cerca', input: { testo: cfPrefix, limite: PAGE } },
    { name: 'clienti.cerca, no text (all clients)', command: 'clienti.cerca', input: { testo: '', limite: PAGE } },
  ];
  return cases;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface BaselineQuery {
  /** Runs the page and the count; returns the page's ids (first column) and the total. */
  run(): { ids: string[]; totale: number };
}

/** The hand-written statements, prepared once. */
export function baselineQuery(sqlite: BetterSqlite3.Database, c: SearchCase): BaselineQuery {
  return c.command === 'appuntamenti.cerca' ? appuntamentiBaseline(sqlite, c.input) : clientiBaseline(sqlite, c.input);
}

function appuntamentiBaseline(sqlite: BetterSqlite3.Database, f: AppuntamentiInput): BaselineQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  const codice = f.codiceRapporto ?? '';
  if (codice.length === 10) {
    where.push('a.codice_rapporto = ?');
    params.push(codice);
  } else if (codice) {
    where.push('a.codice_rapporto >= ? AND a.codice_rapporto < ?');
    params.push(codice, `${codice}:`);
  }
  if (f.stati && f.stati.length > 0) {
    where.push(`a.stato IN (${f.stati.map(() => '?').join(', ')})`);
    params.push(...f.stati);
  }
  if (f.dal) {
    where.push('a.data >= ?');
    params.push(f.dal);
  }
  if (f.al) {
    where.push('a.data <= ?');
    params.push(f.al);
  }
  if (f.gestitoDaIntermediario !== undefined) {
    where.push('a.gestito_da_intermediario = ?');
    params.push(f.gestitoDaIntermediario ? 1 : 0);
  }
  if (f.sedeId) {
    where.push('a.sede_id = ?');
    params.push(f.sedeId);
  }
  if (f.operatoreId) {
    where.push('a.operatore_id = ?');
    params.push(f.operatoreId);
  }
  const text = normalizeSearchText(f.testo ?? '');
  if (text) {
    const t = testoDatore(text);
    where.push(`a.datore_cf IN (${datoriSql(t, 'cf')})`);
    params.push(...t.valori);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const dir = f.ordine === '-data' ? 'DESC' : 'ASC';
  const order = `ORDER BY a.data ${dir}, a.ora ${dir}, a.id ${dir}`;
  // With a client text the rows must be sorted: the page's rowids first, from the covering index
  // by datore, then only those rows whole (as the app does, and as anyone tuning this by hand would).
  const filter = text ? `WHERE a.rowid IN (SELECT a.rowid FROM appuntamenti a ${clause} ${order} LIMIT ?)` : `${clause}`;
  const page = sqlite.prepare(
    `SELECT a.id, a.data, a.ora, a.stato, a.cancellato_da, a.modalita, a.sede_id, s.nome AS sede_nome, a.codice_rapporto, a.datore_cf,
            d.cognome || ' ' || d.nome AS nominativo, a.gestito_da_intermediario, a.operatore_id,
            EXISTS (SELECT 1 FROM outbox o WHERE o.entita_id = a.id AND o.tipo = 'cancella' AND o.stato = 'in_attesa') AS in_corso
       FROM appuntamenti a JOIN sedi s ON s.id = a.sede_id JOIN datori d ON d.codice_fiscale = a.datore_cf
       ${filter}
      ${order}${text ? '' : '\n      LIMIT ?'}`,
  );
  const count = sqlite.prepare(`SELECT count(*) FROM appuntamenti a ${clause}`).pluck();
  return {
    run: () => {
      const rows = page.all(...params, f.limite) as { id: string }[];
      return { ids: rows.map((r) => r.id), totale: count.get(...params) as number };
    },
  };
}

/**
 * The datori a text names, as the best hand-written form: the codice fiscale range, then the names
 * the trigram index finds (LIKE checking the words shorter than three characters), or, with no
 * longer word, every name LIKE matches. It binds testoDatore's values, in their order. `as` is
 * what it returns: rowids of datori, or codici fiscali.
 */
function datoriSql(t: ReturnType<typeof testoDatore>, as: 'rowid' | 'cf'): string {
  const likes = t.likes.map(() => "n.nominativo_ricerca LIKE ? ESCAPE '\\'").join(' AND ');
  const range = `SELECT ${as === 'rowid' ? 'rowid' : 'codice_fiscale'} FROM datori WHERE codice_fiscale >= ? AND codice_fiscale < ?`;
  let names: string;
  if (t.match === null) {
    const rowids = `SELECT n.rowid FROM datori n WHERE ${likes}`;
    names = as === 'rowid' ? rowids : `SELECT codice_fiscale FROM datori WHERE rowid IN (${rowids})`;
  } else {
    const codici = `SELECT k.codice_fiscale FROM datori_fts f JOIN datori_testo k ON k.id = f.rowid${
      likes ? ` JOIN datori n ON n.codice_fiscale = k.codice_fiscale` : ''
    } WHERE datori_fts MATCH ?${likes ? ` AND ${likes}` : ''}`;
    names = as === 'cf' ? codici : `SELECT rowid FROM datori WHERE codice_fiscale IN (${codici})`;
  }
  return `${range} UNION ALL ${names}`;
}

function clientiBaseline(sqlite: BetterSqlite3.Database, f: ClientiInput): BaselineQuery {
  const text = normalizeSearchText(f.testo);
  const words = text === '' ? [] : text.split(' ');
  let clause = '';
  const params: unknown[] = [];
  if (/^\d{1,10}$/.test(text)) {
    clause = 'WHERE d.codice_fiscale IN (SELECT datore_cf FROM rapporti WHERE codice >= ? AND codice < ?)';
    params.push(text, `${text}:`);
  } else if (words.length > 0) {
    const t = testoDatore(text);
    clause = `WHERE d.rowid IN (${datoriSql(t, 'rowid')})`;
    params.push(...t.valori);
  }
  // With a filter, the page's rowids first and the per-client figures for those only (as the app does).
  const delega = (column: string) =>
    `(SELECT cd.${column} FROM deleghe cd WHERE cd.datore_cf = d.codice_fiscale ORDER BY cd.data_sottoscrizione DESC, cd.id DESC LIMIT 1)`;
  const page = sqlite.prepare(
    `SELECT d.codice_fiscale, d.cognome, d.nome, d.comune, d.provincia, ${delega('stato')} AS delega_stato, ${delega('data_scadenza')} AS delega_scadenza,
            (SELECT count(*) FROM rapporti r WHERE r.datore_cf = d.codice_fiscale) AS rapporti,
            (SELECT count(*) FROM appuntamenti a WHERE a.datore_cf = d.codice_fiscale AND +a.stato = 'confermato') AS confermati
       FROM datori d ${clause ? `WHERE d.rowid IN (SELECT d.rowid FROM datori d ${clause} ORDER BY d.cognome, d.nome, d.codice_fiscale LIMIT ?)` : ''}
      ORDER BY d.cognome, d.nome, d.codice_fiscale${clause ? '' : '\n      LIMIT ?'}`,
  );
  const count = sqlite.prepare(`SELECT count(*) FROM datori d ${clause}`).pluck();
  return {
    run: () => {
      const rows = page.all(...params, f.limite) as { codice_fiscale: string }[];
      return { ids: rows.map((r) => r.codice_fiscale), totale: count.get(...params) as number };
    },
  };
}

/** The ids and total of a command's answer, to compare with the baseline's. */
export function idsOf(c: SearchCase, value: unknown): { ids: string[]; totale: number } {
  const page = value as { righe: Record<string, unknown>[]; totale: number };
  const key = c.command === 'appuntamenti.cerca' ? 'id' : 'codiceFiscale';
  return { ids: page.righe.map((r) => String(r[key])), totale: page.totale };
}
