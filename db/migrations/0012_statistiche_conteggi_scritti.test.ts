import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { ricalcolaContaSql } from './0012_statistiche_conteggi_scritti';
import { migrations } from './index';
import { CF_PROVA, CLIENTE_PROVA_SQL, useCartellaTemporanea } from '../testing';

// Migration 0012: `appuntamento_quesiti.conta` (one link per appointment and topic, the smallest
// quesito id) and `quesiti.con_appuntamento` (a link names it), filled for an older cache and then
// kept by triggers whoever writes the links. Each step is checked against the definition computed
// from scratch.

const cartella = useCartellaTemporanea('0012');

const CF = CF_PROVA;

const DATI = `
  ${CLIENTE_PROVA_SQL}
  INSERT INTO argomenti VALUES ('mav', 'MAV', 30), ('contributi', 'Contributi', 60);
  INSERT INTO quesiti (id, protocollo, codice_rapporto, argomento, oggetto, data_invio, esito) VALUES
    ('q1', 'P1', '0000123456', 'mav', 'x', '2026-02-10', 'in_attesa'),
    ('q2', 'P2', '0000123456', 'mav', 'y', '2026-02-11', 'in_attesa'),
    ('q3', 'P3', '0000123456', 'contributi', 'z', '2026-02-12', 'in_attesa'),
    ('q4', 'P4', '0000123456', 'contributi', 'w', '2026-02-13', 'in_attesa');
  INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, data, ora, modalita, stato, gestito_da_intermediario, creato_il, aggiornato_il)
  VALUES
    ('A1', '0000123456', '${CF}', 's1', '2026-03-20', '09:00', 'presenza', 'confermato', 1, '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z'),
    ('A2', '0000123456', '${CF}', 's1', '2026-03-21', '09:00', 'presenza', 'confermato', 1, '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z');
`;

/** The flags as stored, and as their definitions give them from the rows. */
function flags(db: BetterSqlite3.Database) {
  const links = db.prepare('SELECT appuntamento_id AS a, quesito_id AS q, conta FROM appuntamento_quesiti ORDER BY 1, 2').raw().all();
  const linksAttesi = db
    .prepare(
      `SELECT l.appuntamento_id, l.quesito_id, (l.quesito_id = (SELECT min(x.quesito_id) FROM appuntamento_quesiti x
         WHERE x.appuntamento_id = l.appuntamento_id AND x.argomento IS l.argomento)) FROM appuntamento_quesiti l ORDER BY 1, 2`,
    )
    .raw()
    .all();
  const quesiti = db.prepare('SELECT id, con_appuntamento FROM quesiti ORDER BY id').raw().all();
  const quesitiAttesi = db.prepare('SELECT id, EXISTS (SELECT 1 FROM appuntamento_quesiti l WHERE l.quesito_id = q.id) FROM quesiti q ORDER BY id').raw().all();
  return { links, linksAttesi, quesiti, quesitiAttesi };
}

function expectConsistent(db: BetterSqlite3.Database) {
  const f = flags(db);
  expect(f.links).toEqual(f.linksAttesi);
  expect(f.quesiti).toEqual(f.quesitiAttesi);
  return f;
}

describe('migration 0012', () => {
  it('fills the flags of a cache at schema 11', async () => {
    const file = path.join(cartella(), 'v11.sqlite');
    const v11 = await openDatabase({ path: file, migrations: migrations.slice(0, 11) });
    v11.sqlite.exec(`${DATI}
      INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id, argomento, data_invio) VALUES
        ('A1', 'q2', 'mav', '2026-02-11'), ('A1', 'q1', 'mav', '2026-02-10'), ('A1', 'q3', 'contributi', '2026-02-12'), ('A2', 'q2', 'mav', '2026-02-11');
    `);
    await v11.close();

    const latest = await openDatabase({ path: file });
    try {
      expect(latest.migration.applied).toContain('0012_statistiche_conteggi_scritti');
      const f = expectConsistent(latest.sqlite);
      expect(f.links).toEqual([
        ['A1', 'q1', 1],
        ['A1', 'q2', 0],
        ['A1', 'q3', 1],
        ['A2', 'q2', 1],
      ]);
      expect(f.quesiti).toEqual([
        ['q1', 1],
        ['q2', 1],
        ['q3', 1],
        ['q4', 0],
      ]);
    } finally {
      await latest.close();
    }
  });

  it('keeps them through inserts in any order, a topic filled in later, removals and a cascade', async () => {
    const opened = await openDatabase({ path: path.join(cartella(), 'nuovo.sqlite') });
    const db = opened.sqlite;
    try {
      db.exec(DATI);
      const link = db.prepare('INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id, argomento, data_invio) VALUES (?, ?, ?, ?)');
      // The larger id first: the smaller one takes the count when it comes.
      link.run('A1', 'q2', 'mav', '2026-02-11');
      expect(expectConsistent(db).links).toEqual([['A1', 'q2', 1]]);
      link.run('A1', 'q1', 'mav', '2026-02-10');
      link.run('A1', 'q3', 'contributi', '2026-02-12');
      expect(expectConsistent(db).links).toEqual([
        ['A1', 'q1', 1],
        ['A1', 'q2', 0],
        ['A1', 'q3', 1],
      ]);
      // A link whose quesito is not in the cache yet (no topic), then the topic filled in.
      db.exec('PRAGMA defer_foreign_keys = ON');
      db.transaction(() => {
        link.run('A1', 'q0', null, null);
        expectConsistent(db);
        db.prepare(
          "INSERT INTO quesiti (id, protocollo, codice_rapporto, argomento, oggetto, data_invio, esito) VALUES ('q0', 'P0', '0000123456', 'mav', 'v', '2026-02-09', 'in_attesa')",
        ).run();
        expect(db.prepare("SELECT con_appuntamento FROM quesiti WHERE id = 'q0'").pluck().get()).toBe(1);
        db.prepare("UPDATE appuntamento_quesiti SET argomento = 'mav', data_invio = '2026-02-09' WHERE quesito_id = 'q0'").run();
      })();
      expect(expectConsistent(db).links).toEqual([
        ['A1', 'q0', 1],
        ['A1', 'q1', 0],
        ['A1', 'q2', 0],
        ['A1', 'q3', 1],
      ]);
      // Removing the counted link hands the count on; a quesito loses its flag with its last link only.
      link.run('A2', 'q1', 'mav', '2026-02-10');
      db.prepare("DELETE FROM appuntamento_quesiti WHERE appuntamento_id = 'A1' AND quesito_id IN ('q0', 'q1')").run();
      const dopo = expectConsistent(db);
      expect(dopo.links).toEqual([
        ['A1', 'q2', 1],
        ['A1', 'q3', 1],
        ['A2', 'q1', 1],
      ]);
      expect(dopo.quesiti).toEqual([
        ['q0', 0],
        ['q1', 1],
        ['q2', 1],
        ['q3', 1],
        ['q4', 0],
      ]);
      // An appointment deleted: its links go by cascade, and their quesiti's flags with them.
      db.prepare("DELETE FROM appuntamenti WHERE id = 'A1'").run();
      expect(expectConsistent(db).quesiti).toEqual([
        ['q0', 0],
        ['q1', 1],
        ['q2', 0],
        ['q3', 0],
        ['q4', 0],
      ]);
    } finally {
      await opened.close();
    }
  });

  it('recounts an appointment’s links through the primary key, not the index by topic (a fresh database has no statistics)', async () => {
    const opened = await openDatabase({ path: path.join(cartella(), 'piano.sqlite') });
    try {
      const piano = (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${ricalcolaContaSql('@a', '@g')}`).all({ a: 'A1', g: 'mav' }) as { detail: string }[]).map(
        (r) => r.detail,
      );
      expect(piano.length).toBeGreaterThan(0);
      expect(piano.every((d) => !d.includes('appuntamento_quesiti_conta'))).toBe(true);
      expect(piano.filter((d) => d.includes('PRIMARY KEY (appuntamento_id=?)'))).toHaveLength(2);
    } finally {
      await opened.close();
    }
  });
});
