import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { rinviaIndici } from '../indiciRinviati';
import { migrations } from './index';
import { CF_PROVA, CLIENTE_PROVA_SQL, useCartellaTemporanea } from '../testing';

// Migration 0017 puts the outcome next to the grouped expression in the two statistics indexes of
// the appointments, and the observations' `al` in theirs, for a cache made before it — also one
// whose first sync stopped with those indexes waiting to be built (db/indiciRinviati.ts).

const cartella = useCartellaTemporanea('0017');

const CF = CF_PROVA;
const INDICI = ['appuntamenti_anticipo', 'appuntamenti_giorno'];
const TUTTI = [...INDICI, 'slot_osservazioni_attesa'];

const definizioni = (sqlite: BetterSqlite3.Database) =>
  TUTTI.map((nome) => sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(nome));
/** The index's key columns in order (an expression is NULL: its number is -2). */
const colonne = (sqlite: BetterSqlite3.Database, nome: string) => (sqlite.pragma(`index_info(${nome})`) as { name: string | null }[]).map((c) => c.name);

async function cacheAllaVersione16(file: string, firstSyncStopped: boolean): Promise<void> {
  const v16 = await openDatabase({ path: file, migrations: migrations.slice(0, 16) });
  v16.sqlite.exec(`
    ${CLIENTE_PROVA_SQL}
    INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, data, ora, modalita, stato, cancellato_da, gestito_da_intermediario, creato_il, aggiornato_il, esito)
    VALUES
      ('A1', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'confermato', NULL, 1, '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', 'confermato'),
      ('A2', '0000123456', '${CF}', 's1', '2026-03-21', '09:00', 'presenza', 'cancellato', 'sede', 1, '2026-03-02T23:30:00.000Z', '2026-03-04T08:00:00.000Z', 'disdetto_sede');
  `);
  if (firstSyncStopped) expect(rinviaIndici(v16.sqlite)).toBeGreaterThan(0);
  await v16.close();
}

describe('migration 0017', () => {
  for (const firstSyncStopped of [false, true]) {
    it(`gives a cache at schema 16 the indexes of a new one${firstSyncStopped ? ', its first sync stopped with them waiting' : ''}`, async () => {
      const fresh = await openDatabase({ path: path.join(cartella(), 'fresh.sqlite') });
      const attese = definizioni(fresh.sqlite);
      await fresh.close();
      const file = path.join(cartella(), 'v16.sqlite');
      await cacheAllaVersione16(file, firstSyncStopped);

      const latest = await openDatabase({ path: file });
      try {
        expect(latest.migration.applied).toContain('0017_statistiche_esiti_in_ordine');
        expect(definizioni(latest.sqlite)).toEqual(attese);
        expect(colonne(latest.sqlite, 'appuntamenti_anticipo')).toEqual(['sede_id', null, 'esito', 'creato_il', 'operatore_id', 'data', 'id']);
        expect(colonne(latest.sqlite, 'appuntamenti_giorno')).toEqual([null, 'esito', 'operatore_id', 'sede_id', 'creato_il', 'id']);
        expect(colonne(latest.sqlite, 'slot_osservazioni_attesa')).toEqual(['sede_id', null, 'osservata_il', 'attesa_giorni', 'al']);
        expect(latest.sqlite.prepare('SELECT count(*) FROM indici_rinviati').pluck().get()).toBe(0);
        // Both rows are in both indexes, which agree with the table.
        expect(latest.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        for (const indice of INDICI)
          expect(latest.sqlite.prepare(`SELECT id, esito FROM appuntamenti INDEXED BY ${indice} ORDER BY id`).raw().all()).toEqual([
            ['A1', 'confermato'],
            ['A2', 'disdetto_sede'],
          ]);
      } finally {
        await latest.close();
      }
    });
  }
});
