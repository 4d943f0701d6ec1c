import { sql, type RawBuilder } from 'kysely';

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
