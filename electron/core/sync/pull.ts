import type { ChangesPage } from '../../common/remote/changes';
import type { Clock } from '../clock';
import { PageApplier } from './applyPage';
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
 */
export async function pullChanges(sqlite: BetterSqlite3.Database, source: ChangesSource, clock: Clock, options: PullOptions = {}): Promise<PullProgress> {
  const applier = new PageApplier(sqlite);
  const progress: PullProgress = { pages: 0, changes: 0, percent: null };
  // The first full pull (even resumed after a crash) brings history, not news.
  const news = applier.caughtUp();
  let total: number | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await source.changes(applier.cursor(), options.pageSize ?? 1000, options.signal, progress.pages === 0);
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
}
