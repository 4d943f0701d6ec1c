import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_MINIMA_KB, cacheAdattaKb } from '../../../db/cacheAdatta';
import { CACHE_CARICAMENTO_KB, perCaricamentoMassivo } from './caricamentoMassivo';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function database(): BetterSqlite3.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caricamento-'));
  dirs.push(dir);
  const sqlite = new BetterSqlite3(path.join(dir, 'c.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`cache_size = -${CACHE_MINIMA_KB}`);
  sqlite.exec('CREATE TABLE righe (b BLOB)');
  return sqlite;
}

describe('the settings of a bulk load', () => {
  it('gives back the setting it found when the file stayed small', () => {
    const sqlite = database();
    const ripristina = perCaricamentoMassivo(sqlite);
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-CACHE_CARICAMENTO_KB);
    sqlite.prepare('INSERT INTO righe VALUES (zeroblob(1000))').run();
    ripristina();
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-CACHE_MINIMA_KB);
    sqlite.close();
  });

  it('keeps a larger cache it finds (a first full sync resumed on a large file)', () => {
    const sqlite = database();
    sqlite.pragma('cache_size = -60000');
    const ripristina = perCaricamentoMassivo(sqlite);
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-60000);
    ripristina();
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-60000);
    sqlite.close();
  });

  it('ends with the larger cache the grown file asks for (db/cacheAdatta.ts)', () => {
    const sqlite = database();
    const ripristina = perCaricamentoMassivo(sqlite);
    const ins = sqlite.prepare('INSERT INTO righe VALUES (zeroblob(?))');
    sqlite.transaction(() => {
      for (let i = 0; i < 300; i++) ins.run(1024 * 1024);
    })();
    ripristina();
    expect(cacheAdattaKb(sqlite)).toBeGreaterThan(CACHE_MINIMA_KB);
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-cacheAdattaKb(sqlite));
    sqlite.close();
  });
});
