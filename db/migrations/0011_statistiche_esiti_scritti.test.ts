import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { migrations } from './index';
import { CF_PROVA, CLIENTE_PROVA_SQL, useCartellaTemporanea } from '../testing';

// Migration 0011 fills the statistics' columns of a cache synced before it: each appointment's first
// closing instant from its history, each link's quesito topic and sending day and its appointment's
// outcome, sede and operator.

const cartella = useCartellaTemporanea('0011');

const CF = CF_PROVA;

describe('migration 0011', () => {
  it('backfills the closing instant and the links of a cache at schema 10', async () => {
    const file = path.join(cartella(), 'v10.sqlite');
    const v10 = await openDatabase({ path: file, migrations: migrations.slice(0, 10) });
    v10.sqlite.exec(`
      ${CLIENTE_PROVA_SQL}
      INSERT INTO argomenti VALUES ('mav', 'MAV', 30), ('contributi', 'Contributi', 60);
      INSERT INTO quesiti (id, protocollo, codice_rapporto, argomento, oggetto, data_invio, esito) VALUES
        ('q1', 'P1', '0000123456', 'mav', 'x', '2026-02-10', 'in_attesa'),
        ('q2', 'P2', '0000123456', 'contributi', 'y', '2026-02-11', 'in_attesa');
      INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, data, ora, modalita, stato, cancellato_da, gestito_da_intermediario, operatore_id, creato_il, aggiornato_il)
      VALUES
        -- closed the day before its own (the history says so; the row was updated later): senza visita
        ('A1', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'chiuso_definito', NULL, 1, 'op-001', '2026-03-01T08:00:00.000Z', '2026-03-25T10:00:00.000Z'),
        -- closed with no history row (an old cache): its last update, on its day: held
        ('A2', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'chiuso_definito', NULL, 1, NULL, '2026-03-01T08:00:00.000Z', '2026-03-20T15:00:00.000Z'),
        ('A3', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'cancellato', 'utente', 1, 'op-002', '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'),
        ('A4', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'cancellato', 'sede', 1, 'op-002', '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'),
        ('A5', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'confermato', NULL, 1, 'op-001', '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z');
      INSERT INTO appuntamento_stati (appuntamento_id, stato, il, origine) VALUES
        ('A1', 'confermato', '2026-03-01T08:00:00.000Z', NULL), ('A1', 'chiuso_definito', '2026-03-19T10:00:00.000Z', 'sede');
      INSERT INTO appuntamento_quesiti VALUES ('A1', 'q1'), ('A1', 'q2'), ('A2', 'q1'), ('A3', 'q1'), ('A4', 'q2'), ('A5', 'q2');
    `);
    await v10.close();

    const latest = await openDatabase({ path: file });
    try {
      expect(latest.migration.applied).toContain('0011_statistiche_esiti_scritti');
      expect(latest.sqlite.prepare('SELECT id, chiuso_il FROM appuntamenti ORDER BY id').all()).toEqual([
        { id: 'A1', chiuso_il: '2026-03-19T10:00:00.000Z' },
        { id: 'A2', chiuso_il: '2026-03-20T15:00:00.000Z' },
        { id: 'A3', chiuso_il: null },
        { id: 'A4', chiuso_il: null },
        { id: 'A5', chiuso_il: null },
      ]);
      expect(
        latest.sqlite
          .prepare('SELECT appuntamento_id AS a, quesito_id AS q, argomento, data_invio, esito, sede_id, operatore_id FROM appuntamento_quesiti ORDER BY 1, 2')
          .raw()
          .all(),
      ).toEqual([
        ['A1', 'q1', 'mav', '2026-02-10', 'chiuso_senza_visita', 's1', 'op-001'],
        ['A1', 'q2', 'contributi', '2026-02-11', 'chiuso_senza_visita', 's1', 'op-001'],
        ['A2', 'q1', 'mav', '2026-02-10', 'svolto', 's1', null],
        ['A3', 'q1', 'mav', '2026-02-10', 'cancellato_ufficio', 's1', 'op-002'],
        ['A4', 'q2', 'contributi', '2026-02-11', 'disdetto_sede', 's1', 'op-002'],
        ['A5', 'q2', 'contributi', '2026-02-11', 'confermato', 's1', 'op-001'],
      ]);
    } finally {
      await latest.close();
    }
  });
});
