import crypto from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { apriConChiave } from '../../db/cifratura';
import { ATTESA_BLOCCO_MS } from '../../db/connection';
import { useCartellaTemporanea } from '../../db/testing';
import { LettoriSqlite, LetturaFallita } from './sqliteLettori';

const cartella = useCartellaTemporanea('lettori');
const aperti: LettoriSqlite[] = [];
afterEach(async () => {
  await Promise.all(aperti.splice(0).map((l) => l.close()));
});

/** An encrypted WAL file with a table of `righe` numbers, its key, and readers on it. */
function preparaFile(righe: number, o: { corsie?: number; riposoMs?: number } = {}) {
  const file = path.join(cartella(), 'dati.sqlite');
  const chiave = crypto.randomBytes(32);
  const db = apriConChiave(file, chiave);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, pari INTEGER NOT NULL)');
  const ins = db.prepare('INSERT INTO t (n, pari) VALUES (?, ?)');
  db.transaction(() => {
    for (let n = 1; n <= righe; n++) ins.run(n, n % 2 === 0 ? 1 : 0);
  })();
  const lettori = new LettoriSqlite({ file, chiave, corsie: o.corsie ?? 2, pragmi: () => [], riposoMs: o.riposoMs ?? 60_000 });
  aperti.push(lettori);
  return { file, chiave, db, lettori };
}

describe('LettoriSqlite', () => {
  it('reads the encrypted file on its own connection, every statement of a request in order, with named parameters', async () => {
    const { db, lettori } = preparaFile(100);
    const [somma, pari] = await lettori.leggi(0, [
      { sql: 'SELECT sum(n) AS s FROM t WHERE n <= @fino', params: { fino: 10 } },
      { sql: 'SELECT count(*) AS c FROM t WHERE pari = @pari', params: { pari: 1 } },
    ]);
    expect(somma).toEqual([{ s: 55 }]);
    expect(pari).toEqual([{ c: 50 }]);
    // It waits for a lock as long as the app's own connection does (db/connection.ts).
    expect(await lettori.leggi(0, [{ sql: 'PRAGMA busy_timeout', params: {} }])).toEqual([[{ timeout: ATTESA_BLOCCO_MS }]]);
    // It sees what the writer commits after it started (WAL: a new read transaction per request).
    db.prepare('INSERT INTO t (n, pari) VALUES (101, 0)').run();
    expect(await lettori.leggi(0, [{ sql: 'SELECT count(*) AS c FROM t', params: {} }])).toEqual([[{ c: 101 }]]);
    db.close();
  });

  it('refuses a statement with its SQLite message and code, and the lane answers the next request', async () => {
    const { db, lettori } = preparaFile(3);
    const errore = await lettori.leggi(1, [{ sql: 'SELECT nessuna FROM t', params: {} }]).catch((e: unknown) => e);
    expect(errore).toBeInstanceOf(LetturaFallita);
    expect((errore as LetturaFallita).message).toMatch(/no such column: nessuna/);
    expect((errore as LetturaFallita).code).toBe('SQLITE_ERROR');
    // A reader never writes.
    const scrittura = await lettori.leggi(1, [{ sql: 'DELETE FROM t RETURNING n', params: {} }]).catch((e: unknown) => e);
    expect((scrittura as LetturaFallita).code).toBe('SQLITE_READONLY');
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3);
    expect(await lettori.leggi(1, [{ sql: 'SELECT count(*) AS c FROM t', params: {} }])).toEqual([[{ c: 3 }]]);
    db.close();
  });

  it('refuses, without hanging, a file it cannot open or read with the key', async () => {
    const mancante = new LettoriSqlite({ file: path.join(cartella(), 'nessuno.sqlite'), chiave: null, corsie: 1, pragmi: () => [], riposoMs: 60_000 });
    aperti.push(mancante);
    await expect(mancante.leggi(0, [{ sql: 'SELECT 1', params: {} }])).rejects.toBeInstanceOf(LetturaFallita);
    const { file } = preparaFile(1);
    const chiaveSbagliata = new LettoriSqlite({ file, chiave: crypto.randomBytes(32), corsie: 1, pragmi: () => [], riposoMs: 60_000 });
    aperti.push(chiaveSbagliata);
    const errore = await chiaveSbagliata.leggi(0, [{ sql: 'SELECT count(*) FROM t', params: {} }]).catch((e: unknown) => e);
    expect(errore).toBeInstanceOf(LetturaFallita);
    expect((errore as LetturaFallita).code).toBe('SQLITE_NOTADB');
  });

  it('answers a request on another lane while the first lane is still reading', async () => {
    const { db, lettori } = preparaFile(10);
    const ordine: string[] = [];
    // Seconds of work on lane 0 (a recursive count), then a one-row read on lane 1.
    const lenta = lettori
      .leggi(0, [{ sql: 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT count(*) AS n FROM c', params: {} }])
      .then((r) => {
        ordine.push('lenta');
        return r;
      });
    const svelta = lettori.leggi(1, [{ sql: 'SELECT count(*) AS c FROM t', params: {} }]).then((r) => {
      ordine.push('svelta');
      return r;
    });
    expect(await Promise.all([lenta, svelta])).toEqual([[[{ n: 3000000 }]], [[{ c: 10 }]]]);
    expect(ordine).toEqual(['svelta', 'lenta']);
    expect(lettori.aperte).toBe(2);
    db.close();
  });

  it('closes its readers once they rest, starts them again on the next request, and refuses requests once closed', async () => {
    const { db, lettori } = preparaFile(5, { corsie: 1, riposoMs: 50 });
    await lettori.leggi(0, [{ sql: 'SELECT 1', params: {} }]);
    expect(lettori.aperte).toBe(1);
    for (let i = 0; i < 100 && lettori.aperte > 0; i++) await sleep(20);
    expect(lettori.aperte).toBe(0);
    expect(await lettori.leggi(0, [{ sql: 'SELECT count(*) AS c FROM t', params: {} }])).toEqual([[{ c: 5 }]]);
    await lettori.close();
    await expect(lettori.leggi(0, [{ sql: 'SELECT 1', params: {} }])).rejects.toBeInstanceOf(LetturaFallita);
    db.close();
  });
});
