import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/**
 * A forward-only schema step. `up` runs inside its own transaction together with the
 * bump of `PRAGMA user_version` and the row in `schema_migrations`, so a crash leaves
 * the database at the previous version or the next one, never in between.
 */
export interface Migration {
  /** 1, 2, 3 … — equals `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}
