import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The page cache a connection starts with (SQLite3 Multiple Ciphers' default, in KiB). */
export const CACHE_MINIMA_KB = 16_000;
/** The most it grows to for a large file. */
export const CACHE_MASSIMA_KB = 64 * 1024;

/**
 * The page cache for a database of this size: a sixteenth of the file, between 16 and 64 MB.
 * A search's first page reads a few hundred pages; on an encrypted file each one read again is
 * decrypted again. At office size (180 MB) the default 16 MB keeps them. At the large office's
 * 900 MB anything that reads a whole index (a count, the statistics, a report) evicted them, and
 * the next search read them back: the bench's searches, each run beside its hand-written
 * baseline, went from ~1 ms alone to 5–10 ms (p95 to 16 ms). With 64 MB the index counts stay in
 * the cache too (the no-filter count 89 → 2.3 ms). Row 7 keeps the footprint in view.
 */
export function cachePerDimensioneKb(byte: number): number {
  return quotaDelFileKb(byte, 16, CACHE_MINIMA_KB, CACHE_MASSIMA_KB);
}

/** One `parte`-th of a file of `byte` bytes, in KiB, kept between `minimaKb` and `massimaKb`. */
export function quotaDelFileKb(byte: number, parte: number, minimaKb: number, massimaKb: number): number {
  return Math.min(massimaKb, Math.max(minimaKb, Math.round(byte / 1024 / parte)));
}

/** The connection's database as it is now, in bytes (its pages). */
export function dimensioneByte(sqlite: BetterSqlite3.Database): number {
  return (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
}

/** cachePerDimensioneKb for the connection's database as it is now. */
export function cacheAdattaKb(sqlite: BetterSqlite3.Database): number {
  return cachePerDimensioneKb(dimensioneByte(sqlite));
}

/** Sets the connection's page cache for the file's size now (at open, and after a bulk load). */
export function adattaCache(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma(`cache_size = -${cacheAdattaKb(sqlite)}`);
}
