import type { Migration } from './migration';

// Client-name search (#17) through a trigram index. `nominativo_ricerca LIKE '%word%'` reads every
// name: 48,500 at large size, 12–14 ms p95 for one surname (target 8), and the cost is the reading,
// not the matching (`instr` took the same time). FTS5's trigram tokenizer finds the names holding a
// substring of three characters or more from its index; shorter words still go through LIKE.
//
// The index needs an integer key that never changes: `datori` has a text primary key, so its rowids
// are SQLite's own and VACUUM may renumber them. `datori_testo` gives each codice fiscale one
// (an INTEGER PRIMARY KEY, which VACUUM keeps). The index itself stores no text of its own
// (contentless, with deletes): the names are in `datori` already.
// Triggers keep both in step with every writer (the cache writer, a restore, a test's raw insert).
export const m0015DatoriTesto: Migration = {
  version: 15,
  name: '0015_datori_testo',
  up(db) {
    db.exec(`
      CREATE TABLE datori_testo (
        id INTEGER PRIMARY KEY,
        codice_fiscale TEXT NOT NULL UNIQUE
      );
      -- Folding case (the default) although the stored names are lower-case: a text that reached the
      -- store without normalizeSearchText still finds what LIKE (case-insensitive) would find.
      CREATE VIRTUAL TABLE datori_fts USING fts5(nominativo, content = '', contentless_delete = 1, tokenize = 'trigram');

      INSERT INTO datori_testo (codice_fiscale) SELECT codice_fiscale FROM datori ORDER BY codice_fiscale;
      INSERT INTO datori_fts (rowid, nominativo)
        SELECT t.id, d.nominativo_ricerca FROM datori_testo t JOIN datori d ON d.codice_fiscale = t.codice_fiscale;

      CREATE TRIGGER datori_testo_inserito AFTER INSERT ON datori
      BEGIN
        INSERT INTO datori_testo (codice_fiscale) VALUES (NEW.codice_fiscale);
        INSERT INTO datori_fts (rowid, nominativo)
          SELECT id, NEW.nominativo_ricerca FROM datori_testo WHERE codice_fiscale = NEW.codice_fiscale;
      END;
      -- One trigger for both columns: a change of codice fiscale must move the key before the name is found by it.
      CREATE TRIGGER datori_testo_cambiato AFTER UPDATE OF codice_fiscale, nominativo_ricerca ON datori
        WHEN OLD.codice_fiscale IS NOT NEW.codice_fiscale OR OLD.nominativo_ricerca IS NOT NEW.nominativo_ricerca
      BEGIN
        UPDATE datori_testo SET codice_fiscale = NEW.codice_fiscale
          WHERE codice_fiscale = OLD.codice_fiscale AND OLD.codice_fiscale IS NOT NEW.codice_fiscale;
        UPDATE datori_fts SET nominativo = NEW.nominativo_ricerca
          WHERE rowid = (SELECT id FROM datori_testo WHERE codice_fiscale = NEW.codice_fiscale)
            AND OLD.nominativo_ricerca IS NOT NEW.nominativo_ricerca;
      END;
      CREATE TRIGGER datori_testo_tolto AFTER DELETE ON datori
      BEGIN
        DELETE FROM datori_fts WHERE rowid = (SELECT id FROM datori_testo WHERE codice_fiscale = OLD.codice_fiscale);
        DELETE FROM datori_testo WHERE codice_fiscale = OLD.codice_fiscale;
      END;
    `);
  },
};
