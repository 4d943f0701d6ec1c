// The sandbox's own SQLite schema. Records are kept whole as JSON (`data`, exactly the model.ts
// shape the API returns) beside the columns the rules and searches filter on.
export const SCHEMA_VERSION = 1;

export const DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE intermediari (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE operatori (id TEXT PRIMARY KEY, intermediario_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE accounts (
  username TEXT PRIMARY KEY, password TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('operatore','cittadino')),
  operatore_id TEXT, intermediario_id TEXT, datore_cf TEXT);
CREATE TABLE sessions (
  token TEXT PRIMARY KEY, username TEXT NOT NULL, kind TEXT NOT NULL, operatore_id TEXT,
  intermediario_id TEXT, datore_cf TEXT, scadenza_ms INTEGER NOT NULL);
CREATE TABLE datori (cf TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE deleghe (
  id TEXT PRIMARY KEY, datore_cf TEXT NOT NULL, intermediario_id TEXT NOT NULL, stato TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX deleghe_datore ON deleghe (datore_cf, stato);
CREATE INDEX deleghe_intermediario ON deleghe (intermediario_id, stato);
CREATE TABLE rapporti (codice TEXT PRIMARY KEY, datore_cf TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX rapporti_datore ON rapporti (datore_cf);
CREATE TABLE argomenti (codice TEXT PRIMARY KEY, termine_giorni INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE quesiti (id TEXT PRIMARY KEY, codice_rapporto TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX quesiti_rapporto ON quesiti (codice_rapporto);
CREATE TABLE sedi (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE appuntamenti (
  id TEXT PRIMARY KEY, codice_rapporto TEXT NOT NULL, datore_cf TEXT NOT NULL, sede_id TEXT NOT NULL,
  giorno TEXT NOT NULL, ora TEXT NOT NULL, stato TEXT NOT NULL, gestito INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX appuntamenti_datore ON appuntamenti (datore_cf, giorno);
CREATE INDEX appuntamenti_rapporto ON appuntamenti (codice_rapporto);
CREATE INDEX appuntamenti_sede ON appuntamenti (sede_id, giorno);
-- Backstop for double booking: the booking transaction checks first, this makes a slip impossible.
CREATE UNIQUE INDEX appuntamenti_slot ON appuntamenti (sede_id, giorno, ora) WHERE stato != 'cancellato';
CREATE TABLE appuntamento_quesiti (
  appuntamento_id TEXT NOT NULL, quesito_id TEXT NOT NULL, PRIMARY KEY (appuntamento_id, quesito_id)) WITHOUT ROWID;
CREATE INDEX appuntamento_quesiti_quesito ON appuntamento_quesiti (quesito_id);
CREATE TABLE allegati (sha256 TEXT PRIMARY KEY, mime TEXT NOT NULL, dimensione INTEGER NOT NULL,
  caricato_il TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE appuntamento_allegati (
  appuntamento_id TEXT NOT NULL, posizione INTEGER NOT NULL, sha256 TEXT NOT NULL, nome_file TEXT NOT NULL,
  PRIMARY KEY (appuntamento_id, posizione)) WITHOUT ROWID;
CREATE TABLE comunicazioni (id TEXT PRIMARY KEY, appuntamento_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX comunicazioni_appuntamento ON comunicazioni (appuntamento_id);
-- Status changes made in the sandbox (seeded appointments get theirs derived from the record).
CREATE TABLE storico (
  id INTEGER PRIMARY KEY AUTOINCREMENT, appuntamento_id TEXT NOT NULL, stato TEXT NOT NULL,
  il TEXT NOT NULL, motivo TEXT, da TEXT);
CREATE INDEX storico_appuntamento ON storico (appuntamento_id);
CREATE TABLE idempotenza (
  scope TEXT NOT NULL, chiave TEXT NOT NULL, body_hash TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, PRIMARY KEY (scope, chiave)) WITHOUT ROWID;
-- The change feed. AUTOINCREMENT: a seq is never reused; rows are written in the same
-- transaction as the data, and SQLite serialises writers, so seq order is commit order.
-- audience: '*' for global entities, else the intermediario id allowed to see the change.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, audience TEXT NOT NULL, data TEXT NOT NULL);
`;
