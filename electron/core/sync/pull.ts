import type { ChangesPage } from '../../common/remote/changes';
import type { Clock } from '../clock';
import { PageApplier } from './applyPage';
import { perCaricamentoMassivo } from './caricamentoMassivo';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** What the pull needs from the gateway. */
export interface ChangesSource {
  /** `count`: also report how many changes remain (asked on the first page, for the percentage). */
  changes(since: string, limit: number, signal?: AbortSignal, count?: boolean): Promise<ChangesPage>;
}

export interface PullProgress {
  pages: number;
  changes: number;
  /** 0–100, when the service told how many changes there were to read. */
  percent: number | null;
}

export interface PullOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onPage?: (progress: PullProgress) => void;
}

/**
 * Pages through the feed from the stored cursor until it says there is no more.
 * Resumable by construction: the cursor only moves with the page it belongs to.
 *
 * The next page is asked for before this one is written (its cursor is in this page): the service
 * prepares and sends it while the write runs, instead of the two taking turns. A crash or an error
 * drops at most that one page, unwritten; it is asked for again from the stored cursor.
 */
export async function pullChanges(sqlite: BetterSqlite3.Database, source: ChangesSource, clock: Clock, options: PullOptions = {}): Promise<PullProgress> {
  const applier = new PageApplier(sqlite);
  const progress: PullProgress = { pages: 0, changes: 0, percent: null };
  // The first full pull (even resumed after a crash) brings history, not news.
  const news = applier.caughtUp();
  const pageSize = options.pageSize ?? 1000;
  // Ends the page asked for ahead when the pull stops early (an error, or the caller's abort).
  const ahead = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, ahead.signal]) : ahead.signal;
  const ask = (cursor: string, count: boolean): Promise<ChangesPage> => {
    const asked = source.changes(cursor, pageSize, signal, count);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    asked.catch(() => {});
    return asked;
  };
  let total: number | null = null;
  const ripristina = news ? () => {} : perCaricamentoMassivo(sqlite);
  try {
    options.signal?.throwIfAborted();
    let next = ask(applier.cursor(), true);
    for (;;) {
      const page = await next;
      options.signal?.throwIfAborted();
      if (page.hasMore) next = ask(page.nextCursor, false);
      applier.apply(page, clock.now().toISOString(), news);
      if (progress.pages === 0 && page.remaining !== undefined) total = page.remaining;
      progress.pages += 1;
      progress.changes += page.changes.length;
      progress.percent = total === null ? null : total === 0 || !page.hasMore ? 100 : Math.min(99, Math.floor((100 * progress.changes) / total));
      options.onPage?.({ ...progress });
      if (!page.hasMore) {
        // After a large pull, fresh statistics keep the query planner on the right indexes.
        if (progress.changes >= 1000) sqlite.pragma('optimize');
        return progress;
      }
    }
  } finally {
    ahead.abort();
    ripristina();
  }
}
