import { sql, type RawBuilder } from 'kysely';

/**
 * A list of values as one bound parameter: `x IN (SELECT value FROM json_each(?))`. A batch
 * names hundreds of ids; `IN (?, ?, …)` would make one SQL text per list length, each a new
 * prepared statement crowding the cache in store/queries.ts.
 */
export function jsonList(values: readonly string[]): RawBuilder<string> {
  return sql<string>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
