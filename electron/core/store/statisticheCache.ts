import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The page cache while the Statistiche screen is in use: 48 MB (the connection's default is 16 MB). */
export const CACHE_STATISTICHE_KB = 48 * 1024;
/** Back to the default this long after the last statistics command. */
export const RIPOSO_STATISTICHE_MS = 5 * 60_000;

interface Stato {
  timer: ReturnType<typeof setTimeout>;
  /** The setting found before the first raise, put back when the screen has rested. */
  precedente: number;
}

const stati = new WeakMap<BetterSqlite3.Database, Stato>();

/**
 * Raises the connection's page cache for the statistics, and lowers it again once they have rested.
 * The four blocks of a 12-month screen read ~45 MB of pages (appointments, links, quesiti,
 * observations): with 16 MB each block evicted the pages the next one reads, read back and, the
 * file being encrypted, decrypted again. CPU time of the whole screen on an office database (probe
 * on the same file, load ≈ 2): 16 MB 821 ms, 32 MB 754, 48 MB 556, 64 MB 525; raised for each
 * command alone (the blocks still evicting one another) 713. Lowered when idle so the rest of the
 * day keeps row 7's footprint. The setting is only put back if it is still this one: a first full
 * sync that set its own meanwhile (sync/caricamentoMassivo.ts) restores its own.
 */
export function cachePerStatistiche(sqlite: BetterSqlite3.Database, riposoMs = RIPOSO_STATISTICHE_MS): void {
  const attuale = sqlite.pragma('cache_size', { simple: true }) as number;
  const stato = stati.get(sqlite);
  if (stato) clearTimeout(stato.timer);
  if (attuale < -CACHE_STATISTICHE_KB) {
    // Already larger (a large file's own, db/cacheAdatta.ts): nothing to raise, nothing to put back.
    stati.delete(sqlite);
    return;
  }
  const precedente = stato && attuale === -CACHE_STATISTICHE_KB ? stato.precedente : attuale;
  if (attuale !== -CACHE_STATISTICHE_KB) sqlite.pragma(`cache_size = -${CACHE_STATISTICHE_KB}`);
  const timer = setTimeout(() => {
    stati.delete(sqlite);
    if (sqlite.open && sqlite.pragma('cache_size', { simple: true }) === -CACHE_STATISTICHE_KB) sqlite.pragma(`cache_size = ${precedente}`);
  }, riposoMs);
  // The app may close with the screen open: the timer must not keep the process alive.
  timer.unref?.();
  stati.set(sqlite, { timer, precedente });
}
