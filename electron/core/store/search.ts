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

/** A client text search's values: LIKE patterns of its words, then a codice fiscale range. */
export interface TestoDatore {
  words: string[];
  patterns: string[];
  cf: string;
  cfFine: string;
}

/** Normalised text → the values `datoriPerTesto` binds, in its order. */
export function testoDatore(text: string): TestoDatore {
  const cf = text.replace(/ /g, '').toUpperCase();
  const words = text === '' ? [] : text.split(' ');
  return { words, patterns: words.map((word) => `%${escapeLike(word)}%`), cf, cfFine: `${cf}[` };
}

/**
 * The rowids of the datori whose "cognome nome" holds every word (any order), or whose codice
 * fiscale starts with the text (a range on the primary key: codici fiscali are A–Z 0–9, all below
 * '['). Two covered reads of narrow indexes (datori_nominativo, the primary key's), not `name OR cf`
 * on the table: with the OR, SQLite reads the wide rows, every one of them when few match (a codice
 * fiscale in Clienti walked the whole list in name order: 17–19 ms at office size against 1.7).
 */
export function datoriPerTesto(t: TestoDatore) {
  const eb = expressionBuilder<Database, never>();
  return eb
    .selectFrom('datori as n')
    .select(sql<number>`n.rowid`.as('id'))
    .where((w) => w.and(t.patterns.map((p) => w('n.nominativo_ricerca', 'like', likeLiteral(p)))))
    .unionAll(
      eb
        .selectFrom('datori as c')
        .select(sql<number>`c.rowid`.as('id'))
        .where('c.codice_fiscale', '>=', t.cf)
        .where('c.codice_fiscale', '<', t.cfFine),
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
