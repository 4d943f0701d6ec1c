import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { expressionBuilder, sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/schema';

/** Lower-case, accents folded, inner whitespace collapsed: the form stored in `*_ricerca` columns. */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern with backslash as its escape character (pair it with escapeLike). */
export function likeLiteral(pattern: string): RawBuilder<string> {
  return sql<string>`${pattern} ESCAPE '\\'`;
}

/** A client text search: a codice fiscale range, what the name index looks up, what LIKE checks. */
export interface TestoDatore {
  words: string[];
  /** The FTS5 query for the words the trigram index can look up (three characters or more); null when none can. */
  match: string | null;
  /** LIKE patterns of the words the index cannot answer: every word without a match, the shorter ones with it. */
  likes: string[];
  cf: string;
  cfFine: string;
  /** The SQL's shape (for the compiled-statement cache) and the values it binds, in its order. */
  forma: string;
  valori: unknown[];
}

/** Shortest substring the trigram tokenizer indexes. */
const TRIGRAMMA = 3;

/** Normalised text → the values `datoriPerTesto` and `codiciPerTesto` bind, in their order. */
export function testoDatore(text: string): TestoDatore {
  const cf = text.replace(/ /g, '').toUpperCase();
  const words = text === '' ? [] : text.split(' ');
  const lunga = (word: string) => [...word].length >= TRIGRAMMA;
  // Each word a phrase (quoted: the text is the operator's, not FTS5 syntax), all of them required.
  const indexed = words.filter(lunga);
  const match = indexed.length > 0 ? indexed.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ') : null;
  const likes = words.filter((word) => match === null || !lunga(word)).map((word) => `%${escapeLike(word)}%`);
  return {
    words,
    match,
    likes,
    cf,
    cfFine: `${cf}[`,
    forma: `testo ${match === null ? 'like' : 'fts'} ${likes.length}`,
    valori: [cf, `${cf}[`, ...(match === null ? [] : [match]), ...likes],
  };
}

/*
 * The datori whose "cognome nome" holds every word (any order), or whose codice fiscale starts with
 * the text (a range on the primary key: codici fiscali are A–Z 0–9, all below '['). Two narrow
 * reads, not `name OR cf` on the table: with the OR, SQLite reads the wide rows, every one of them
 * when few match (a codice fiscale in Clienti walked the whole list in name order: 17–19 ms at
 * office size against 1.7).
 *
 * Names: from the trigram index (0015) when a word has three characters or more, reading only the
 * names that hold those words; LIKE checks the shorter words on those. Without such a word, LIKE
 * reads every name (datori_nominativo). At large size, one surname (436 clients): 6.9 ms reading
 * every name with LIKE, 1.2 ms from the index. The index's matches are LIKE's: the stored names and
 * the searched words are both normalised (normalizeSearchText), and the index folds case too.
 */

const eb = () => expressionBuilder<Database, never>();

/** The codici fiscali the trigram index finds, with the shorter words checked by LIKE when there are any. */
function perIndice(t: TestoDatore, match: string) {
  const found = eb()
    .selectFrom('datori_fts as f')
    .innerJoin('datori_testo as k', (join) => join.on(sql<boolean>`k.id = f.rowid`))
    .where(sql<boolean>`datori_fts MATCH ${match}`);
  return t.likes.length === 0
    ? found.select('k.codice_fiscale')
    : found
        .innerJoin('datori as n', 'n.codice_fiscale', 'k.codice_fiscale')
        .where((w) => w.and(t.likes.map((p) => w('n.nominativo_ricerca', 'like', likeLiteral(p)))))
        .select('k.codice_fiscale');
}

/** The rowids of the names LIKE matches, read off datori_nominativo (covered: the rowid is in the index). */
function perLettura(t: TestoDatore) {
  return eb()
    .selectFrom('datori as n')
    .select(sql<number>`n.rowid`.as('id'))
    .where((w) => w.and(t.likes.map((p) => w('n.nominativo_ricerca', 'like', likeLiteral(p)))));
}

/** The codice fiscale range of the text (its first bound values: the range comes first in each union). */
function perCodice(t: TestoDatore) {
  return eb().selectFrom('datori as c').where('c.codice_fiscale', '>=', t.cf).where('c.codice_fiscale', '<', t.cfFine);
}

/** The datori a client text names, as rowids of `datori` (for a search of the datori themselves). */
export function datoriPerTesto(t: TestoDatore) {
  return perCodice(t)
    .select(sql<number>`c.rowid`.as('id'))
    .unionAll(
      t.match === null
        ? perLettura(t)
        : eb()
            .selectFrom('datori as n')
            .select(sql<number>`n.rowid`.as('id'))
            .where('n.codice_fiscale', 'in', perIndice(t, t.match)),
    );
}

/**
 * The datori a client text names, as codici fiscali (for what refers to them: appointments). From
 * the index the codici come without reading a datore (at large size, one surname's first page of
 * appointments: 0.9 ms, against 1.8 through the datori's rowids).
 */
export function codiciPerTesto(t: TestoDatore) {
  return perCodice(t)
    .select('c.codice_fiscale')
    .unionAll(
      t.match === null
        ? eb()
            .selectFrom('datori as x')
            .select('x.codice_fiscale')
            .where(sql`x.rowid`, 'in', perLettura(t))
        : perIndice(t, t.match),
    );
}

/**
 * Fresh planner statistics for the searches, after a bulk load (the end of the first full sync;
 * of the drafts alone, after a large batch: the first sync found none, and without statistics the
 * Bozze screen sorted all 5,000 drafts for a page of 200, 14.5 ms instead of 8.9 at office size).
 * A full ANALYZE: `PRAGMA optimize` alone samples ~2,000 rows per index and then believes a stato
 * or a gestione holds 2,000 appointments, not 30,000–80,000, and sorts them all for a first page
 * of 100 (60 ms at office size instead of 2). Then only sqlite_stat1 is kept: with the exact
 * range counts of sqlite_stat4 the planner prefers sorting a date range over reading it in index
 * order up to the LIMIT, which it does not credit (10 ms instead of 0.6 for 30 days of an
 * office). Measured by `npm run bench`; about 0.2 s on the office dataset.
 */
export function analyzeForSearch(sqlite: BetterSqlite3.Database, table?: 'bozze'): void {
  sqlite.exec(table ? `ANALYZE ${table}` : 'ANALYZE');
  if (sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").get() !== undefined) {
    // Reload what the planner uses from the tables as they are now.
    sqlite.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;');
  }
}
