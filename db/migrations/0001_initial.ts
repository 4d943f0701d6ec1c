import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { APPLICATION_ID } from '../applicationId';
import type { Migration } from './migration';

// The first schema: the local cache of the remote service, plus local-only state
// (bozze, outbox, sync cursors, review marks, audit log). STRICT tables so a wrong type
// is an error, not a silent coercion. Codes the service owns (stati, argomenti) are
// CHECKed so a bad sync page fails its transaction instead of polluting the cache.
export const m0001Initial: Migration = {
  version: 1,
  name: '0001_initial',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    // One group of tables at a time, in dependency order (a REFERENCES target comes first).
    // The SQL keeps its original indentation: sqlite_master stores each statement as written.
    createClientTables(db);
    createQuesitiTables(db);
    createAppuntamentiTables(db);
    createAllegatiComunicazioniTables(db);
    createLocalStateTables(db);
  },
};

// The clients of the office and what the service knows about them: datori, deleghe, rapporti.
function createClientTables(db: BetterSqlite3.Database): void {
  db.exec(`
      CREATE TABLE datori (
        codice_fiscale TEXT PRIMARY KEY CHECK (length(codice_fiscale) = 16),
        cognome        TEXT NOT NULL,
        nome           TEXT NOT NULL,
        comune         TEXT NOT NULL,
        provincia      TEXT NOT NULL,
        telefono       TEXT,
        email          TEXT,
        -- lower-case "cognome nome" for prefix/substring search
        nominativo_ricerca TEXT NOT NULL
      ) STRICT;
      CREATE INDEX datori_nominativo ON datori (nominativo_ricerca);

      CREATE TABLE deleghe (
        id                 TEXT PRIMARY KEY,
        datore_cf          TEXT NOT NULL REFERENCES datori (codice_fiscale),
        stato              TEXT NOT NULL CHECK (stato IN ('da_attivare', 'attiva', 'revocata', 'annullata')),
        data_sottoscrizione TEXT NOT NULL,
        data_attivazione   TEXT,
        data_scadenza      TEXT,
        data_fine          TEXT,
        motivo_fine        TEXT
      ) STRICT;
      CREATE INDEX deleghe_datore ON deleghe (datore_cf, data_sottoscrizione);
      CREATE INDEX deleghe_stato ON deleghe (stato, data_scadenza);

      CREATE TABLE rapporti (
        codice                TEXT PRIMARY KEY CHECK (length(codice) = 10 AND codice NOT GLOB '*[^0-9]*'),
        datore_cf             TEXT NOT NULL REFERENCES datori (codice_fiscale),
        lavoratore_cf         TEXT NOT NULL,
        lavoratore_nominativo TEXT NOT NULL,
        tipologia             TEXT NOT NULL CHECK (tipologia IN ('colf', 'badante', 'baby_sitter')),
        data_inizio           TEXT NOT NULL,
        data_fine             TEXT
      ) STRICT;
      CREATE INDEX rapporti_datore ON rapporti (datore_cf);
  `);
}

// The topics a quesito may be about, and the quesiti sent on a rapporto.
function createQuesitiTables(db: BetterSqlite3.Database): void {
  db.exec(`
      CREATE TABLE argomenti (
        codice        TEXT PRIMARY KEY CHECK (codice IN ('mav', 'anagrafiche', 'contributi', 'rapporti', 'avviso_bonario')),
        descrizione   TEXT NOT NULL,
        termine_giorni INTEGER NOT NULL CHECK (termine_giorni >= 0)
      ) STRICT;

      CREATE TABLE quesiti (
        id              TEXT PRIMARY KEY,
        protocollo      TEXT NOT NULL UNIQUE,
        codice_rapporto TEXT NOT NULL REFERENCES rapporti (codice),
        argomento       TEXT NOT NULL REFERENCES argomenti (codice),
        oggetto         TEXT NOT NULL,
        data_invio      TEXT NOT NULL,
        esito           TEXT NOT NULL CHECK (esito IN ('in_attesa', 'positivo', 'negativo')),
        data_esito      TEXT,
        motivo_esito    TEXT
      ) STRICT;
      CREATE INDEX quesiti_rapporto ON quesiti (codice_rapporto, data_invio);
      CREATE INDEX quesiti_esito ON quesiti (esito, data_invio);
  `);
}

// The INPS sedi and the appointments booked at them, with their quesiti and status history.
function createAppuntamentiTables(db: BetterSqlite3.Database): void {
  db.exec(`
      CREATE TABLE sedi (
        id          TEXT PRIMARY KEY,
        nome        TEXT NOT NULL,
        indirizzo   TEXT NOT NULL,
        comune      TEXT NOT NULL,
        provincia   TEXT NOT NULL,
        modalita    TEXT NOT NULL,  -- JSON array of modalità
        slot_minuti INTEGER NOT NULL CHECK (slot_minuti > 0),
        orari       TEXT NOT NULL,  -- JSON: ISO weekday → { dalle, alle }
        chiusure    TEXT NOT NULL   -- JSON array of IsoDate
      ) STRICT;

      CREATE TABLE appuntamenti (
        id                       TEXT PRIMARY KEY,
        codice_rapporto          TEXT NOT NULL REFERENCES rapporti (codice),
        datore_cf                TEXT NOT NULL REFERENCES datori (codice_fiscale),
        sede_id                  TEXT NOT NULL REFERENCES sedi (id),
        data                     TEXT NOT NULL,
        ora                      TEXT NOT NULL,
        modalita                 TEXT NOT NULL CHECK (modalita IN ('presenza', 'richiamata', 'videochiamata')),
        stato                    TEXT NOT NULL CHECK (stato IN ('confermato', 'chiuso_definito', 'cancellato')),
        cancellato_da            TEXT CHECK (cancellato_da IN ('utente', 'sede')),
        motivo_stato             TEXT,
        nota                     TEXT,
        gestito_da_intermediario INTEGER NOT NULL CHECK (gestito_da_intermediario IN (0, 1)),
        operatore_id             TEXT,
        creato_il                TEXT NOT NULL,
        aggiornato_il            TEXT NOT NULL
      ) STRICT;
      -- One index per filter the search offers; each ends with (data, ora, id) so the
      -- first page of a date-sorted result is read in index order, without a sort.
      CREATE INDEX appuntamenti_data ON appuntamenti (data, ora, id);
      CREATE INDEX appuntamenti_rapporto ON appuntamenti (codice_rapporto, data, ora, id);
      CREATE INDEX appuntamenti_datore ON appuntamenti (datore_cf, data, ora, id);
      CREATE INDEX appuntamenti_stato ON appuntamenti (stato, data, ora, id);
      CREATE INDEX appuntamenti_sede ON appuntamenti (sede_id, data, ora, id);
      CREATE INDEX appuntamenti_operatore ON appuntamenti (operatore_id, data, ora, id);
      CREATE INDEX appuntamenti_gestito ON appuntamenti (gestito_da_intermediario, data, ora, id);
      CREATE INDEX appuntamenti_aggiornato ON appuntamenti (aggiornato_il);

      CREATE TABLE appuntamento_quesiti (
        appuntamento_id TEXT NOT NULL REFERENCES appuntamenti (id) ON DELETE CASCADE,
        quesito_id      TEXT NOT NULL REFERENCES quesiti (id),
        PRIMARY KEY (appuntamento_id, quesito_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX appuntamento_quesiti_quesito ON appuntamento_quesiti (quesito_id);

      -- Status history, for the detail page ("stato con la sua storia").
      CREATE TABLE appuntamento_stati (
        appuntamento_id TEXT NOT NULL REFERENCES appuntamenti (id) ON DELETE CASCADE,
        stato           TEXT NOT NULL CHECK (stato IN ('confermato', 'chiuso_definito', 'cancellato')),
        il              TEXT NOT NULL,
        origine         TEXT,
        motivo          TEXT,
        PRIMARY KEY (appuntamento_id, il, stato)
      ) STRICT, WITHOUT ROWID;
  `);
}

// Attachments (stored once, by content) and the messages exchanged on an appointment.
function createAllegatiComunicazioniTables(db: BetterSqlite3.Database): void {
  db.exec(`
      -- Content-addressed store: the file lives under <data>/allegati/<sha256>.
      CREATE TABLE allegati (
        sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        mime       TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
        dimensione INTEGER NOT NULL CHECK (dimensione > 0),
        creato_il  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE appuntamento_allegati (
        appuntamento_id TEXT NOT NULL REFERENCES appuntamenti (id) ON DELETE CASCADE,
        posizione       INTEGER NOT NULL CHECK (posizione BETWEEN 0 AND 2),
        sha256          TEXT NOT NULL,
        nome_file       TEXT NOT NULL,
        mime            TEXT NOT NULL,
        dimensione      INTEGER NOT NULL,
        PRIMARY KEY (appuntamento_id, posizione)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE comunicazioni (
        id              TEXT PRIMARY KEY,
        appuntamento_id TEXT NOT NULL REFERENCES appuntamenti (id) ON DELETE CASCADE,
        autore          TEXT NOT NULL CHECK (autore IN ('sede', 'intermediario', 'cittadino')),
        testo           TEXT NOT NULL,
        inviata_il      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX comunicazioni_appuntamento ON comunicazioni (appuntamento_id, inviata_il);
      CREATE INDEX comunicazioni_inviata ON comunicazioni (inviata_il);
  `);
}

// Local-only state: drafts, the outbox of pending pushes, sync cursors, review marks, audit log.
function createLocalStateTables(db: BetterSqlite3.Database): void {
  db.exec(`
      -- Local drafts. id is a UUID and doubles as the idempotency key of the create.
      CREATE TABLE bozze (
        id               TEXT PRIMARY KEY,
        datore_cf        TEXT NOT NULL,
        codice_rapporto  TEXT NOT NULL,
        stato            TEXT NOT NULL CHECK (stato IN ('bozza', 'in_coda', 'da_correggere', 'inviata', 'congelata')),
        sede_id          TEXT,
        data_preferita   TEXT,
        ora_preferita    TEXT,
        modalita         TEXT CHECK (modalita IN ('presenza', 'richiamata', 'videochiamata')),
        nota             TEXT,
        quesiti          TEXT NOT NULL DEFAULT '[]',  -- JSON array of quesito ids
        errore_codice    TEXT,
        errore_messaggio TEXT,
        appuntamento_id  TEXT,
        operatore_id     TEXT,
        creata_il        TEXT NOT NULL,
        aggiornata_il    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bozze_stato ON bozze (stato, aggiornata_il);
      CREATE INDEX bozze_datore ON bozze (datore_cf);

      CREATE TABLE bozza_allegati (
        bozza_id  TEXT NOT NULL REFERENCES bozze (id) ON DELETE CASCADE,
        posizione INTEGER NOT NULL CHECK (posizione BETWEEN 0 AND 2),
        sha256    TEXT NOT NULL REFERENCES allegati (sha256),
        nome_file TEXT NOT NULL,
        PRIMARY KEY (bozza_id, posizione)
      ) STRICT, WITHOUT ROWID;

      -- One row per intent to push; written in the same transaction as the state change it serves.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        tipo            TEXT NOT NULL CHECK (tipo IN ('upload', 'crea', 'cancella')),
        entita_id       TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL,
        stato           TEXT NOT NULL CHECK (stato IN ('in_attesa', 'fatto', 'fallito')),
        tentativi       INTEGER NOT NULL DEFAULT 0,
        prossimo_tentativo_il TEXT NOT NULL,
        ultimo_errore   TEXT,
        creato_il       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_coda ON outbox (stato, prossimo_tentativo_il, id);

      CREATE TABLE sync_state (
        stream        TEXT PRIMARY KEY,
        cursore       TEXT,
        aggiornato_il TEXT NOT NULL
      ) STRICT;

      CREATE TABLE review_marks (
        chiave     TEXT PRIMARY KEY,   -- e.g. 'appuntamento:<id>:<aggiornato_il>'
        visto_il   TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        il         TEXT NOT NULL,
        operatore  TEXT,
        azione     TEXT NOT NULL,
        entita     TEXT NOT NULL,
        entita_id  TEXT,
        dettagli   TEXT
      ) STRICT;
      CREATE INDEX audit_log_il ON audit_log (il);
  `);
}
