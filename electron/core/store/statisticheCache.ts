import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import os from 'node:os';
import { dimensioneByte, quotaDelFileKb } from '../../../db/cacheAdatta';
import { LettoriSqlite } from '../sqliteLettori';

/** The least page cache while the Statistiche screen is in use: 48 MB (the connection's default is 16 MB). */
export const CACHE_STATISTICHE_MINIMA_KB = 48 * 1024;
/** The most it is raised to, whatever the file. */
export const CACHE_STATISTICHE_MASSIMA_KB = 256 * 1024;

/**
 * The screen's page cache for a file of this size: a quarter of it, between 48 and 256 MB. The
 * four blocks read the appointments' two indexes by sede and by day, the quesiti by topic, the
 * links by topic and the observations by wait, a fifth to a quarter of the file: ~45 MB at office
 * size, ~160-180 MB at the large office's 910 MB (dbstat). With less than that, each scan evicts
 * what the next one reads, and the whole working set is read back and decrypted on every screen.
 * Large 12-month screen (median, one file, only the cache differing; the four blocks through the
 * dispatcher): 64, 100 and 150 MB 1.5-1.6 s; 200 MB 0.67 s.
 */
export function cacheStatisticheKb(byte: number): number {
  return quotaDelFileKb(byte, 4, CACHE_STATISTICHE_MINIMA_KB, CACHE_STATISTICHE_MASSIMA_KB);
}

/** Back to the default this long after the last statistics command. */
export const RIPOSO_STATISTICHE_MS = 5 * 60_000;

interface Stato {
  timer: ReturnType<typeof setTimeout>;
  /** The raised setting, in KiB. */
  raisedKb: number;
  /** The setting found before the first raise, put back when the screen has rested. */
  precedente: number;
}

const stati = new WeakMap<BetterSqlite3.Database, Stato>();

/**
 * Raises the connection's page cache for the statistics, and lowers it again once they have rested.
 * At office size the four blocks of a 12-month screen read ~45 MB of pages (appointments, links,
 * quesiti, observations): with 16 MB each block evicted the pages the next one reads, read back and, the
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
  // While raised, the setting stays what it was raised to (the file grows a little meanwhile).
  const voluta = stato && attuale === -stato.raisedKb ? stato.raisedKb : cacheStatisticheKb(dimensioneByte(sqlite));
  if (attuale < -voluta) {
    // Already larger (set by someone else): nothing to raise, nothing to put back.
    stati.delete(sqlite);
    return;
  }
  const precedente = stato && attuale === -stato.raisedKb ? stato.precedente : attuale;
  if (attuale !== -voluta) sqlite.pragma(`cache_size = -${voluta}`);
  const timer = setTimeout(() => {
    stati.delete(sqlite);
    if (sqlite.open && sqlite.pragma('cache_size', { simple: true }) === -voluta) sqlite.pragma(`cache_size = ${precedente}`);
  }, riposoMs);
  // The app may close with the screen open: the timer must not keep the process alive.
  timer.unref?.();
  stati.set(sqlite, { timer, raisedKb: voluta, precedente });
}

/** Readers for the blocks: one per core, four at most (one per block). */
export const LETTORI_STATISTICHE_MASSIMI = 4;

/**
 * The Statistiche screen's readers (sqliteLettori.ts) for a database file. Each starts with the
 * screen's cache rule split between two lanes: with two, each lane reads its own blocks' indexes
 * (about half the pages), so the two together keep what one connection kept before; with more,
 * each block alone reads less than half. They close, caches and all, after the same rest as the
 * single connection's raise above.
 */
export function lettoriStatistiche(file: string, chiave: Buffer | null, sqlite: BetterSqlite3.Database): LettoriSqlite {
  const corsie = Math.max(1, Math.min(LETTORI_STATISTICHE_MASSIMI, os.availableParallelism()));
  return new LettoriSqlite({
    file,
    chiave,
    corsie,
    pragmi: () => [`cache_size = -${Math.round(cacheStatisticheKb(dimensioneByte(sqlite)) / Math.min(corsie, 2))}`],
    riposoMs: RIPOSO_STATISTICHE_MS,
  });
}
