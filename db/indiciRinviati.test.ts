import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { INDICI_RINVIABILI, ricreaIndici, rinviaIndici } from './indiciRinviati';
import { migrations } from './migrations/index';
import { useCartellaTemporanea } from './testing';

const cartella = useCartellaTemporanea('indici');

const schema = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
const presenti = (sqlite: BetterSqlite3.Database) =>
  INDICI_RINVIABILI.filter((nome) => sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(nome) !== undefined);

describe('indexes left for the end of a bulk load', () => {
  it('names only indexes the schema has', async () => {
    const opened = await openDatabase({ path: ':memory:' });
    expect(presenti(opened.sqlite)).toEqual(INDICI_RINVIABILI);
    await opened.close();
  });

  it('drops them keeping their definitions, and builds exactly the same schema again', async () => {
    const opened = await openDatabase({ path: path.join(cartella(), 'c.sqlite') });
    const db = opened.sqlite;
    const before = schema(db);
    expect(rinviaIndici(db)).toBe(INDICI_RINVIABILI.length);
    expect(presenti(db)).toEqual([]);
    expect(db.prepare('SELECT nome FROM indici_rinviati ORDER BY nome').pluck().all()).toEqual([...INDICI_RINVIABILI].sort());
    // A second call finds nothing left to drop and loses no definition.
    expect(rinviaIndici(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM indici_rinviati').pluck().get()).toBe(INDICI_RINVIABILI.length);

    expect(ricreaIndici(db)).toBe(INDICI_RINVIABILI.length);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM indici_rinviati').pluck().get()).toBe(0);
    expect(ricreaIndici(db)).toBe(0);
    await opened.close();
  });

  it('are built when the database opens after a crash in the middle of a first sync', async () => {
    const file = path.join(cartella(), 'c.sqlite');
    const first = await openDatabase({ path: file });
    const before = schema(first.sqlite);
    rinviaIndici(first.sqlite);
    // The process dies here: no rebuild.
    first.sqlite.close();

    const reopened = await openDatabase({ path: file });
    expect(presenti(reopened.sqlite)).toEqual(INDICI_RINVIABILI);
    expect(schema(reopened.sqlite)).toEqual(before);
    await reopened.close();
  });

  it('does nothing on a database older than the table that keeps them', async () => {
    const opened = await openDatabase({ path: path.join(cartella(), 'v15.sqlite'), migrations: migrations.slice(0, 15) });
    expect(rinviaIndici(opened.sqlite)).toBe(0);
    expect(presenti(opened.sqlite)).toEqual(INDICI_RINVIABILI);
    expect(ricreaIndici(opened.sqlite)).toBe(0);
    await opened.close();
  });
});
