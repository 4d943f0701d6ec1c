import type { ChangesPage } from '../../common/remote/changes';
import type { Clock } from '../clock';
import { PageApplier } from './applyPage';
import type BetterSqlite3 from 'better-sqlite3';

/** What the pull needs from the gateway. */
export interface ChangesSource {
  changes(since: string, limit: number, signal?: AbortSignal): Promise<ChangesPage>;
}

export interface PullProgress {
  pages: number;
  changes: number;
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
  const progress: PullProgress = { pages: 0, changes: 0 };
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await source.changes(applier.cursor(), options.pageSize ?? 1000, options.signal);
    applier.apply(page, clock.now().toISOString());
    progress.pages += 1;
    progress.changes += page.changes.length;
    options.onPage?.({ ...progress });
    if (!page.hasMore) return progress;
  }
}
