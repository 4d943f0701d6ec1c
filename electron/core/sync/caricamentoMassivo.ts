import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The page cache during a first full sync: 32 MB (SQLite's default is 2 MB). */
export const CACHE_CARICAMENTO_KB = 32 * 1024;
/** WAL pages between automatic checkpoints during a first full sync (default 1,000: 4 MB). */
export const CHECKPOINT_CARICAMENTO_PAGINE = 8000;

/**
 * Settings for a bulk load (the first full sync: hundreds of thousands of rows into every index),
 * restored by the function returned. With the default 2 MB cache, each page of rows sends the index
 * inserts to pages evicted since the last page, read back from the file and — on an encrypted
 * database — decrypted again; with a 4 MB WAL, the same hot pages are checkpointed (decrypted and
 * encrypted again) every few pages. Memory goes back when the sync ends (the cache shrinks to its
 * setting again); RSS after a sync is row 7's concern, measured apart.
 */
export function perCaricamentoMassivo(sqlite: BetterSqlite3.Database): () => void {
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  const checkpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${CACHE_CARICAMENTO_KB}`);
  sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_CARICAMENTO_PAGINE}`);
  return () => {
    sqlite.pragma(`cache_size = ${cache}`);
    sqlite.pragma(`wal_autocheckpoint = ${checkpoint}`);
  };
}
