import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { cacheAdattaKb } from '../../../db/cacheAdatta';
import { ricreaIndici, rinviaIndici } from '../../../db/indiciRinviati';

/** The page cache during a first full sync: at least 32 MB (a connection starts with 16, more for a large file: db/cacheAdatta.ts). */
export const CACHE_CARICAMENTO_KB = 32 * 1024;
/**
 * WAL pages between automatic checkpoints during a first full sync (default 1,000: 4 MB): 256 MB.
 * A page of the feed dirties ~7,000 index pages (every appointment enters a dozen indexes at random
 * places), so with 8,000 the WAL was checkpointed after about every page, and the hot pages evicted
 * from the cache were read back from the file and, encrypted, decrypted again. Office feed, raw
 * inserts, encrypted (load 2-4, CPU time): 8,000 → 46.7 s, 32,000 → 41.6 s, 64,000 → 40.1 s (plain 31 s).
 */
export const CHECKPOINT_CARICAMENTO_PAGINE = 64_000;

/**
 * Settings for a bulk load (the first full sync: hundreds of thousands of rows into every index),
 * restored by the function returned. The indexes only reads need are dropped and built again when
 * it ends, however it ends (db/indiciRinviati.ts; a crash leaves that to the next open). With the default 2 MB cache, each page of rows sends the index
 * inserts to pages evicted since the last page, read back from the file and — on an encrypted
 * database — decrypted again; with a small WAL, the same hot pages are checkpointed (read back and,
 * encrypted, decrypted and encrypted again) after nearly every page. Memory goes back when the sync ends (the cache shrinks to its
 * setting again); RSS after a sync is row 7's concern, measured apart.
 */
export function perCaricamentoMassivo(sqlite: BetterSqlite3.Database): () => void {
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  const checkpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  // A first full sync resumed on a large file keeps that file's larger cache.
  sqlite.pragma(`cache_size = ${Math.min(cache, -CACHE_CARICAMENTO_KB)}`);
  sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_CARICAMENTO_PAGINE}`);
  rinviaIndici(sqlite);
  return () => {
    // Already built with the last page of a complete first sync (applyPage.ts); after a stop midway, now.
    ricreaIndici(sqlite);
    // The setting found, or the larger one the file now asks for (db/cacheAdatta.ts): a first
    // full sync takes the file from nothing to its whole size.
    sqlite.pragma(`cache_size = ${Math.min(cache, -cacheAdattaKb(sqlite))}`);
    sqlite.pragma(`wal_autocheckpoint = ${checkpoint}`);
    // The WAL file keeps the size it grew to (up to 256 MB): written back and emptied now, not left
    // on disk until the app closes. Without waiting: a reader in the way (the integrity check's
    // worker) only leaves it for later, SQLite reports busy and the next checkpoints do the rest.
    const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
    try {
      sqlite.pragma('busy_timeout = 0');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy or locked: nothing lost, the WAL stays until a later checkpoint.
    } finally {
      sqlite.pragma(`busy_timeout = ${busy}`);
    }
  };
}
