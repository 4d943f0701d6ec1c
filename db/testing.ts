// For tests only (the database layer's and the core's readers'): the folder each test's files go
// in, and the client most migration tests hang their rows on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A new empty folder for each test of the file, removed after it; the function returns the current one. */
export function useCartellaTemporanea(nome: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `cassetto-${nome}-`));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The client of CLIENTE_PROVA_SQL. */
export const CF_PROVA = 'RSSMRA48E12H501X';

/** A datore (Rossi), a rapporto of theirs ('0000123456') and a sede ('s1'), in columns every schema has had. */
export const CLIENTE_PROVA_SQL = `
  INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, nominativo_ricerca) VALUES ('${CF_PROVA}', 'Rossi', 'Mario', 'Roma', 'RM', 'rossi mario');
  INSERT INTO rapporti VALUES ('0000123456', '${CF_PROVA}', 'LVRLVR80A01H501X', 'Lavoratore', 'colf', '2020-01-01', NULL);
  INSERT INTO sedi VALUES ('s1', 'INPS Roma', 'Via X', 'Roma', 'RM', '["presenza"]', 30, '{}', '[]');
`;
