// The client text search (#17): through the trigram index (0015) it must find exactly the datori the
// scan with LIKE finds, for any text an operator types — short words, punctuation, FTS5 syntax, accents.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/connection';
import { codiciPerTesto, datoriPerTesto, escapeLike, normalizeSearchText, testoDatore } from './search';

let dir: string;
let opened: OpenedDatabase;

const COGNOMI = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  "D'Angelo",
  'De Luca',
  'Lò',
  'Bò',
  'Ñúñez',
  'Rossini',
  'Ro_ssi',
  'Ros%si',
  'Na"po',
  'AND',
  'Or',
];
const NOMI = ['Mario', 'Anna', 'Giuseppe', 'Lia', 'Ugo', 'Maria Grazia', 'Èlia', 'Ada', 'NEAR'];

/** The datori found by reading every name with LIKE (the rule before the index). */
function perScansione(text: string): string[] {
  const words = text === '' ? [] : text.split(' ');
  const cf = text.replace(/ /g, '').toUpperCase();
  const likes = words.map(() => "nominativo_ricerca LIKE ? ESCAPE '\\'").join(' AND ');
  return opened.sqlite
    .prepare(`SELECT codice_fiscale FROM datori WHERE (${likes || '0'}) OR (codice_fiscale >= ? AND codice_fiscale < ?) ORDER BY 1`)
    .pluck()
    .all(...words.map((w) => `%${escapeLike(w)}%`), cf, `${cf}[`) as string[];
}

/** Both forms of the search: the datori's rowids (Clienti) and their codici fiscali (Appuntamenti); they must agree. */
async function perTesto(text: string): Promise<string[]> {
  const t = testoDatore(text);
  const byRowid = await opened.db
    .selectFrom('datori as d')
    .select('d.codice_fiscale')
    .where(sql`d.rowid`, 'in', datoriPerTesto(t))
    .orderBy('d.codice_fiscale')
    .execute();
  const byCodice = await opened.db
    .selectFrom('datori as d')
    .select('d.codice_fiscale')
    .where('d.codice_fiscale', 'in', codiciPerTesto(t))
    .orderBy('d.codice_fiscale')
    .execute();
  expect(byCodice).toEqual(byRowid);
  return byRowid.map((r) => r.codice_fiscale);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-ricerca-'));
  opened = await openDatabase({ path: path.join(dir, 'c.sqlite') });
  const insert = opened.sqlite.prepare(
    "INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, nominativo_ricerca) VALUES (?, ?, ?, 'Roma', 'RM', ?)",
  );
  let n = 0;
  opened.sqlite.transaction(() => {
    for (const cognome of COGNOMI)
      for (const nome of NOMI) insert.run(`CF${String(n++).padStart(14, '0')}`, cognome, nome, normalizeSearchText(`${cognome} ${nome}`));
  })();
});
afterAll(async () => {
  await opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('datoriPerTesto', () => {
  it('uses the index for words of three characters or more, LIKE alone for shorter ones', () => {
    expect(testoDatore('ro').match).toBeNull();
    expect(testoDatore('de lu').match).toBeNull();
    expect(testoDatore('ros ma')).toMatchObject({ match: '"ros"', likes: ['%ma%'] });
    expect(testoDatore('rossi mario')).toMatchObject({ match: '"rossi" AND "mario"', likes: [] });
    expect(testoDatore('ro_ ma').likes).toEqual(['%ma%']);
    expect(testoDatore('r_').likes).toEqual(['%r\\_%']);
    expect(testoDatore('na"po').match).toBe('"na""po"');
    expect(new Set(['ros ma', 'ro ma', 'rossi mario', 'rossi'].map((text) => testoDatore(text).forma)).size).toBe(3);
  });

  it.each([
    'rossi',
    'ross',
    'ros',
    'ro',
    'r',
    'ssi mar',
    'mario rossi',
    'ma ro',
    'de luca',
    'd angelo',
    'lo',
    'lo ugo',
    'nunez',
    'ro_ssi',
    'ros%si',
    '%',
    '_',
    'na"po',
    '"',
    'and',
    'or near',
    'ross*',
    'ross OR bianchi',
    '(ross)',
    'grazia maria',
    'zzz',
    'CF0000000000001',
    'cf00000000000',
    'CF',
  ])('finds for %j what reading every name finds', async (typed) => {
    const text = normalizeSearchText(typed);
    const expected = perScansione(text);
    expect(await perTesto(text)).toEqual(expected);
  });

  it('has something to find in most of those texts (the comparison is not between two empty lists)', async () => {
    for (const text of ['rossi', 'ssi mar', 'de luca', 'nunez', 'ro_ssi', 'na"po', 'and', 'grazia maria'])
      expect((await perTesto(text)).length).toBeGreaterThan(0);
    expect(await perTesto('ros%si')).toEqual(perScansione('ros%si'));
  });
});
