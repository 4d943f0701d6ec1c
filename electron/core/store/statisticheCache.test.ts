import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dimensioneByte } from '../../../db/cacheAdatta';
import { CACHE_STATISTICHE_MASSIMA_KB, CACHE_STATISTICHE_MINIMA_KB, cachePerStatistiche, cacheStatisticheKb, RIPOSO_STATISTICHE_MS } from './statisticheCache';

let sqlite: BetterSqlite3.Database;
const cache = () => sqlite.pragma('cache_size', { simple: true });

beforeEach(() => {
  vi.useFakeTimers();
  sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('cache_size = -16000');
});
afterEach(() => {
  vi.useRealTimers();
  if (sqlite.open) sqlite.close();
});

describe('the page cache of the Statistiche screen', () => {
  it('is a quarter of the file, between 48 and 256 MB', () => {
    const MB = 1024 * 1024;
    expect(cacheStatisticheKb(4 * MB)).toBe(CACHE_STATISTICHE_MINIMA_KB);
    expect(cacheStatisticheKb(180 * MB)).toBe(CACHE_STATISTICHE_MINIMA_KB); // an office
    expect(cacheStatisticheKb(912 * MB)).toBe(228 * 1024); // the large office
    expect(cacheStatisticheKb(4096 * MB)).toBe(CACHE_STATISTICHE_MASSIMA_KB);
  });

  it('is raised to the quarter of a file larger than the minimum', () => {
    // 240 blobs of 1 MB: a file of ~240 MB, whose quarter (~60 MB) is above the minimum.
    sqlite.exec('CREATE TABLE t (x BLOB)');
    const insert = sqlite.prepare('INSERT INTO t VALUES (zeroblob(1000000))');
    for (let i = 0; i < 240; i++) insert.run();
    cachePerStatistiche(sqlite);
    expect(cache()).toBe(-cacheStatisticheKb(dimensioneByte(sqlite)));
    expect(cache()).toBeLessThan(-CACHE_STATISTICHE_MINIMA_KB);
    cachePerStatistiche(sqlite);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS);
    expect(cache()).toBe(-16000);
  });

  it('is raised by a statistics command and goes back to the setting it found once the screen has rested', () => {
    cachePerStatistiche(sqlite);
    expect(cache()).toBe(-CACHE_STATISTICHE_MINIMA_KB);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS - 1);
    expect(cache()).toBe(-CACHE_STATISTICHE_MINIMA_KB);
    vi.advanceTimersByTime(1);
    expect(cache()).toBe(-16000);
  });

  it('stays raised while commands keep coming, and remembers the setting from before the first', () => {
    cachePerStatistiche(sqlite);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS - 1000);
    cachePerStatistiche(sqlite);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS - 1000);
    expect(cache()).toBe(-CACHE_STATISTICHE_MINIMA_KB);
    vi.advanceTimersByTime(1000);
    expect(cache()).toBe(-16000);
  });

  it('leaves alone a setting someone else made meanwhile (a first full sync restoring its own)', () => {
    cachePerStatistiche(sqlite);
    sqlite.pragma('cache_size = -2000');
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS);
    expect(cache()).toBe(-2000);
  });

  it('leaves a larger cache as it is (a large file’s, db/cacheAdatta.ts), also when it was set while the screen was raised', () => {
    sqlite.pragma('cache_size = -60000');
    cachePerStatistiche(sqlite);
    expect(cache()).toBe(-60000);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS);
    expect(cache()).toBe(-60000);
    sqlite.pragma('cache_size = -16000');
    cachePerStatistiche(sqlite);
    sqlite.pragma('cache_size = -60000'); // a first full sync ending meanwhile
    cachePerStatistiche(sqlite);
    expect(cache()).toBe(-60000);
    vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS);
    expect(cache()).toBe(-60000);
  });

  it('does not touch a connection closed before the screen rested', () => {
    cachePerStatistiche(sqlite);
    sqlite.close();
    expect(() => vi.advanceTimersByTime(RIPOSO_STATISTICHE_MS)).not.toThrow();
  });
});
