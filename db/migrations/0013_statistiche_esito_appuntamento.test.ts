import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { esitoSql } from './0011_statistiche_esiti_scritti';
import { colonneRiga, esitoDaSql } from './0013_statistiche_esito_appuntamento';
import { migrations } from './index';
import { CF_PROVA, CLIENTE_PROVA_SQL, useCartellaTemporanea } from '../testing';

// Migration 0013 writes each appointment's outcome on its row, for a cache synced before it.

const cartella = useCartellaTemporanea('0013');

const CF = CF_PROVA;

describe('migration 0013', () => {
  it('is 0011’s definition of the outcome, whatever names its inputs', () => {
    expect(esitoDaSql(colonneRiga('a.'))).toBe(esitoSql('a.'));
    expect(esitoDaSql(colonneRiga())).toBe(esitoSql());
  });

  it('writes the outcome of every appointment of a cache at schema 12', async () => {
    const file = path.join(cartella(), 'v12.sqlite');
    const v12 = await openDatabase({ path: file, migrations: migrations.slice(0, 12) });
    v12.sqlite.exec(`
      ${CLIENTE_PROVA_SQL}
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
