import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './migrations/migration';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction together with its
 * bookkeeping. Not Kysely's Migrator: for SQLite it runs migrations without a transaction and
 * records each one after it ran, so a crash in between would leave a half-applied step.
 */
export function migrate(db: BetterSqlite3.Database, list: readonly Migration[]): MigrationReport {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const from = schemaVersion(db);
  const applied: string[] = [];
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  for (const m of list.slice(from)) {
    const step = db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      // user_version lives in the database header, which is part of the transaction.
      db.pragma(`user_version = ${m.version}`);
    });
    step.immediate();
    applied.push(m.name);
  }
  return { from, to: schemaVersion(db), applied };
}
