import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { migrations } from './index';
import { useCartellaTemporanea } from '../testing';

// Migration 0015: the trigram index of the clients' names, filled for a cache synced before it and
// kept in step by triggers with every write to `datori`.

const cartella = useCartellaTemporanea('0015');

const datore = (cf: string, nominativo: string) =>
  `INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, nominativo_ricerca) VALUES ('${cf}', 'C', 'N', 'Roma', 'RM', '${nominativo}')`;

/** The codici fiscali the index finds for an FTS5 query, through the stable key. */
function trovati(sqlite: BetterSqlite3.Database, match: string): string[] {
  return sqlite
    .prepare('SELECT k.codice_fiscale FROM datori_fts f JOIN datori_testo k ON k.id = f.rowid WHERE datori_fts MATCH ? ORDER BY 1')
    .pluck()
    .all(match) as string[];
}

describe('migration 0015', () => {
  it('indexes the names of a cache at schema 14', async () => {
    const file = path.join(cartella(), 'v14.sqlite');
    const v14 = await openDatabase({ path: file, migrations: migrations.slice(0, 14) });
    v14.sqlite.exec(
      `${datore('AAAAAAAAAAAAAAAA', 'rossi mario')}; ${datore('BBBAAAAAAAAAAAAA', 'bianchi giuseppe')}; ${datore('CCCAAAAAAAAAAAAA', 'rossini anna')};`,
    );
    await v14.close();

    const latest = await openDatabase({ path: file });
    try {
      expect(latest.migration.applied).toContain('0015_datori_testo');
      expect(trovati(latest.sqlite, '"ross"')).toEqual(['AAAAAAAAAAAAAAAA', 'CCCAAAAAAAAAAAAA']);
      expect(trovati(latest.sqlite, '"ross" AND "ann"')).toEqual(['CCCAAAAAAAAAAAAA']);
      expect(trovati(latest.sqlite, '"giuseppe"')).toEqual(['BBBAAAAAAAAAAAAA']);
    } finally {
      await latest.close();
    }
  });

  it('follows every insert, rename, change of codice fiscale, upsert and delete, and survives VACUUM', async () => {
    const opened = await openDatabase({ path: path.join(cartella(), 'c.sqlite') });
    const db = opened.sqlite;
    try {
      db.exec(`${datore('AAAAAAAAAAAAAAAA', 'rossi mario')}; ${datore('BBBAAAAAAAAAAAAA', 'bianchi giuseppe')};`);
      expect(trovati(db, '"ross"')).toEqual(['AAAAAAAAAAAAAAAA']);

      db.exec("UPDATE datori SET nominativo_ricerca = 'verdi mario' WHERE codice_fiscale = 'AAAAAAAAAAAAAAAA'");
      expect(trovati(db, '"ross"')).toEqual([]);
      expect(trovati(db, '"verdi"')).toEqual(['AAAAAAAAAAAAAAAA']);

      // The sync's upsert: an update through ON CONFLICT, the name unchanged then changed.
      const upsert = db.prepare(`INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, nominativo_ricerca) VALUES (?, 'C', 'N', 'Roma', 'RM', ?)
        ON CONFLICT (codice_fiscale) DO UPDATE SET nominativo_ricerca = excluded.nominativo_ricerca`);
      upsert.run('BBBAAAAAAAAAAAAA', 'bianchi giuseppe');
      upsert.run('BBBAAAAAAAAAAAAA', 'neri giuseppe');
      upsert.run('DDDAAAAAAAAAAAAA', 'rossi anna');
      expect(trovati(db, '"giuseppe"')).toEqual(['BBBAAAAAAAAAAAAA']);
      expect(trovati(db, '"bianchi"')).toEqual([]);
      expect(trovati(db, '"ross"')).toEqual(['DDDAAAAAAAAAAAAA']);

      db.exec("UPDATE datori SET codice_fiscale = 'EEEAAAAAAAAAAAAA', nominativo_ricerca = 'gialli piero' WHERE codice_fiscale = 'AAAAAAAAAAAAAAAA'");
      expect(trovati(db, '"gialli"')).toEqual(['EEEAAAAAAAAAAAAA']);
      expect(trovati(db, '"verdi"')).toEqual([]);

      db.exec("DELETE FROM datori WHERE codice_fiscale = 'DDDAAAAAAAAAAAAA'");
      expect(trovati(db, '"ross"')).toEqual([]);
      expect(db.prepare('SELECT codice_fiscale FROM datori_testo ORDER BY 1').pluck().all()).toEqual(['BBBAAAAAAAAAAAAA', 'EEEAAAAAAAAAAAAA']);

      // VACUUM may renumber the rowids of `datori` (a text primary key), never datori_testo's ids.
      db.exec('VACUUM');
      expect(trovati(db, '"giuseppe"')).toEqual(['BBBAAAAAAAAAAAAA']);
      expect(trovati(db, '"piero"')).toEqual(['EEEAAAAAAAAAAAAA']);
      expect(db.prepare('SELECT count(*) FROM datori_fts WHERE datori_fts MATCH \'"ero"\'').pluck().get()).toBe(1);
    } finally {
      await opened.close();
    }
  });
});
