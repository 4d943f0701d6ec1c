import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

/** Distinct SQL texts kept prepared; `IN (?, ?, …)` lists make a few shapes per filter, not thousands. */
const MAX_STATEMENTS = 500;

/**
 * The one way the core reads and writes its tables: queries are built with Kysely (typed rows,
 * no `as` casts) and run synchronously on better-sqlite3 through a cache of prepared statements.
 * Synchronous on purpose: a draft's state and its outbox rows commit in one better-sqlite3
 * transaction, with no await inside it where another command could interleave.
 */
export class Queries {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    /** For building queries only: they are compiled here and run on `sqlite`. */
    readonly db: Kysely<Database>,
    readonly sqlite: BetterSqlite3.Database,
  ) {}

  all<O>(query: Compilable<O>): O[] {
    const compiled = query.compile();
    return this.#statement(compiled.sql).all(...compiled.parameters) as O[];
  }

  first<O>(query: Compilable<O>): O | undefined {
    const compiled = query.compile();
    return this.#statement(compiled.sql).get(...compiled.parameters) as O | undefined;
  }

  /** Runs a write; returns how many rows it changed. */
  run(query: Compilable<unknown>): number {
    const compiled = query.compile();
    return this.#statement(compiled.sql).run(...compiled.parameters).changes;
  }

  /** Every multi-row write goes through here: all of it commits, or none. IMMEDIATE takes the write lock up front. */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work).immediate();
  }

  #statement(text: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
      statement = this.sqlite.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}
