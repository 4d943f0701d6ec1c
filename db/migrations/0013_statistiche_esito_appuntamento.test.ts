import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { esitoSql } from './0011_statistiche_esiti_scritti';
import { colonneRiga, esitoDaSql } from './0013_statistiche_esito_appuntamento';
import { migrations } from './index';

// Migration 0013 writes each appointment's outcome on its row, for a cache synced before it.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-0013-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const CF = 'RSSMRA48E12H501X';

describe('migration 0013', () => {
  it('is 0011’s definition of the outcome, whatever names its inputs', () => {
    expect(esitoDaSql(colonneRiga('a.'))).toBe(esitoSql('a.'));
    expect(esitoDaSql(colonneRiga())).toBe(esitoSql());
  });

  it('writes the outcome of every appointment of a cache at schema 12', async () => {
    const file = path.join(dir, 'v12.sqlite');
    const v12 = await openDatabase({ path: file, migrations: migrations.slice(0, 12) });
    v12.sqlite.exec(`
      INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, nominativo_ricerca) VALUES ('${CF}', 'Rossi', 'Mario', 'Roma', 'RM', 'rossi mario');
      INSERT INTO rapporti VALUES ('0000123456', '${CF}', 'LVRLVR80A01H501X', 'Lavoratore', 'colf', '2020-01-01', NULL);
      INSERT INTO sedi VALUES ('s1', 'INPS Roma', 'Via X', 'Roma', 'RM', '["presenza"]', 30, '{}', '[]');
      INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, data, ora, modalita, stato, cancellato_da, gestito_da_intermediario, creato_il, aggiornato_il, chiuso_il)
      VALUES
        -- closed at 23:30 UTC on the 19th: the 20th in Rome, its own day: held
        ('A1', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'chiuso_definito', NULL, 1, '2026-03-01T08:00:00.000Z', '2026-03-25T10:00:00.000Z', '2026-03-19T23:30:00.000Z'),
        -- closed the day before (the first closing kept, a later update after it)
        ('A2', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'chiuso_definito', NULL, 1, '2026-03-01T08:00:00.000Z', '2026-03-25T10:00:00.000Z', '2026-03-19T10:00:00.000Z'),
        ('A3', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'cancellato', 'utente', 1, '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z', NULL),
        ('A4', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'cancellato', 'sede', 1, '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z', NULL),
        ('A5', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'confermato', NULL, 1, '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', NULL),
        -- a cancellation naming nobody (an old row): no outcome
        ('A6', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'cancellato', NULL, 1, '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z', NULL);
    `);
    await v12.close();

    const latest = await openDatabase({ path: file });
    try {
      expect(latest.migration.applied).toContain('0013_statistiche_esito_appuntamento');
      expect(latest.sqlite.prepare('SELECT id, esito FROM appuntamenti ORDER BY id').raw().all()).toEqual([
        ['A1', 'svolto'],
        ['A2', 'chiuso_senza_visita'],
        ['A3', 'cancellato_ufficio'],
        ['A4', 'disdetto_sede'],
        ['A5', 'confermato'],
        ['A6', null],
      ]);
    } finally {
      await latest.close();
    }
  });
});
