// Reading the change feed: keyset pagination on seq, filtered by audience ('*' or the caller's
// intermediario). The page is assembled from the stored JSON without re-parsing it.
import { ProblemError } from '../problem';
import type { Store } from './store';

export const CHANGES_LIMIT_DEFAULT = 1000;
export const CHANGES_LIMIT_MAX = 5000;

const CURSOR_PREFIX = 'c1.';

export function encodeCursor(seq: number): string {
  return CURSOR_PREFIX + Buffer.from(String(seq)).toString('base64url');
}

/** '' (or absent) = from the beginning. Anything not minted by encodeCursor is refused. */
export function decodeCursor(cursor: string): number {
  if (cursor === '') return 0;
  const seq = cursor.startsWith(CURSOR_PREFIX) ? Number(Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString()) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new ProblemError(400, 'CURSORE_NON_VALIDO', 'Il cursore indicato non è valido: riparti da un cursore vuoto.');
  }
  return seq;
}

/** The page as a JSON string (already serialized: the stored records go out verbatim). */
export function readChangesJson(store: Store, intermediarioId: string, since: string, limit: number, withRemaining = false): string {
  const after = decodeCursor(since);
  const rows = store.db
    .prepare(`SELECT seq, entity, data FROM changes WHERE seq > ? AND audience IN ('*', ?) ORDER BY seq LIMIT ?`)
    .all(after, intermediarioId, limit + 1) as { seq: number; entity: string; data: string }[];
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.length > 0 ? (page[page.length - 1]?.seq ?? after) : after;
  const parts = page.map((r) => `{"seq":${r.seq},"entity":"${r.entity}","op":"upsert","data":${r.data}}`);
  // How many changes are still to come (this page included), for a progress percentage: asked
  // once per sync run, because it scans the rest of the feed.
  const remaining = withRemaining
    ? `,"remaining":${store.db.prepare(`SELECT count(*) FROM changes WHERE seq > ? AND audience IN ('*', ?)`).pluck().get(after, intermediarioId) as number}`
    : '';
  return `{"changes":[${parts.join(',')}],"nextCursor":"${encodeCursor(last)}","hasMore":${hasMore}${remaining}}`;
}
