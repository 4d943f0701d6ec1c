import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { adattaCache, CACHE_MASSIMA_KB, CACHE_MINIMA_KB, cachePerDimensioneKb } from './cacheAdatta';
import { openDatabase } from './connection';

const MB = 1024 * 1024;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the page cache sized to the database', () => {
  it('is a sixteenth of the file, never below the default 16 MB nor above 64 MB', () => {
    expect(cachePerDimensioneKb(0)).toBe(CACHE_MINIMA_KB);
    expect(cachePerDimensioneKb(180 * MB)).toBe(CACHE_MINIMA_KB); // an office
    expect(cachePerDimensioneKb(512 * MB)).toBe(32 * 1024);
    expect(cachePerDimensioneKb(900 * MB)).toBe(57_600); // a large office
    expect(cachePerDimensioneKb(4096 * MB)).toBe(CACHE_MASSIMA_KB);
  });

  it('is set when the database opens, and again for the size the file has grown to', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-adatta-'));
    dirs.push(dir);
    const opened = await openDatabase({ path: path.join(dir, 'c.sqlite') });
    expect(opened.sqlite.pragma('cache_size', { simple: true })).toBe(-CACHE_MINIMA_KB);
    await opened.close();
    // 300 MB of rows (zeroblobs, quick to write): a sixteenth is about 19 MB.
    const raw = new BetterSqlite3(path.join(dir, 'c.sqlite'));
    raw.exec('CREATE TABLE grande (b BLOB)');
    const ins = raw.prepare('INSERT INTO grande VALUES (zeroblob(?))');
    raw.transaction(() => {
      for (let i = 0; i < 300; i++) ins.run(MB);
    })();
    adattaCache(raw);
    const atteso = cachePerDimensioneKb((raw.pragma('page_count', { simple: true }) as number) * 4096);
    expect(atteso).toBeGreaterThan(CACHE_MINIMA_KB);
    expect(raw.pragma('cache_size', { simple: true })).toBe(-atteso);
    raw.close();
  });
});
