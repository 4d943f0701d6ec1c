import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

/** Distinct SQL texts kept prepared; `IN (?, ?, …)` lists make a few shapes per filter, not thousands. */
const MAX_STATEMENTS = 500;
/** Totals kept (one per filter and its values); a write anywhere makes them all stale at once. */
const MAX_TOTALS = 200;

/** A query's SQL for one shape, and the values Kysely binds before the caller's (constants of the select list). */
interface Shaped {
  statement: BetterSqlite3.Statement;
  prefix: readonly unknown[];
}

/**
 * The one way the core reads and writes its tables: queries are built with Kysely (typed rows,
 * no `as` casts) and run synchronously on better-sqlite3 through a cache of prepared statements.
 * Synchronous on purpose: a draft's state and its outbox rows commit in one better-sqlite3
 * transaction, with no await inside it where another command could interleave.
 */
export class Queries {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #shapes = new Map<string, Shaped | null>();
  readonly #totals = new Map<string, { version: string; n: number }>();
  #version: BetterSqlite3.Statement | null = null;

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

  /**
   * For the hot searches: a query whose SQL text depends only on `shape` is built and compiled
   * with Kysely the first time the shape is seen (≈ 0.1–0.2 ms per call otherwise, more than a
   * short search's SQL), then run with `values` — the values the caller's filters bind, in
   * Kysely's order, which must close Kysely's own parameter list (before them: the constants of
   * the select list, kept from the first compile). Checked against Kysely's list each time a
   * shape is compiled; a shape that fails the check is never cached (built every time, still right).
   */
  allShaped<O>(shape: string, build: () => Compilable<O>, values: readonly unknown[]): O[] {
    const shaped = this.#shaped(shape, build, values);
    return (shaped ? shaped.statement.all(...shaped.prefix, ...values) : this.all(build())) as O[];
  }

  firstShaped<O>(shape: string, build: () => Compilable<O>, values: readonly unknown[]): O | undefined {
    const shaped = this.#shaped(shape, build, values);
    return (shaped ? shaped.statement.get(...shaped.prefix, ...values) : this.first(build())) as O | undefined;
  }

  /**
   * A count(*) query's `n`, remembered per shape and values until the data changes: a count over
   * tens of thousands of rows costs more than the page it totals, and the list asks it again for
   * every page and every repeated search. The data version is this connection's total_changes()
   * (every row it inserted, updated or deleted, committed or not) with PRAGMA data_version (a
   * commit by any other connection); no total is kept inside a transaction, which may roll back.
   */
  countShaped(shape: string, build: () => Compilable<{ n: number }>, values: readonly unknown[]): number {
    const inTransaction = this.sqlite.inTransaction;
    const version = inTransaction ? '' : this.#dataVersion();
    const key = `${shape}\u0000${JSON.stringify(values)}`;
    const kept = inTransaction ? undefined : this.#totals.get(key);
    if (kept && kept.version === version) return kept.n;
    const n = Number(this.firstShaped(shape, build, values)?.n ?? 0);
    if (!inTransaction) {
      this.#totals.delete(key);
      if (this.#totals.size >= MAX_TOTALS) this.#totals.delete(this.#totals.keys().next().value!);
      this.#totals.set(key, { version, n });
    }
    return n;
  }

  /** Shapes whose values did not match Kysely's parameters (a bug in the caller's list): for tests. */
  get shapesRefused(): string[] {
    return [...this.#shapes].filter(([, s]) => s === null).map(([shape]) => shape);
  }

  #dataVersion(): string {
    this.#version ??= this.sqlite.prepare('SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v');
    const { t, v } = this.#version.get() as { t: number; v: number };
    return `${t}/${v}`;
  }

  #shaped(shape: string, build: () => Compilable<unknown>, values: readonly unknown[]): Shaped | null {
    const known = this.#shapes.get(shape);
    if (known !== undefined) return known;
    const compiled = build().compile();
    const cut = compiled.parameters.length - values.length;
    const matches = cut >= 0 && values.every((v, i) => Object.is(v, compiled.parameters[cut + i]));
    const shaped = matches ? { statement: this.#statement(compiled.sql), prefix: compiled.parameters.slice(0, cut) } : null;
    if (this.#shapes.size >= MAX_STATEMENTS) this.#shapes.delete(this.#shapes.keys().next().value!);
    this.#shapes.set(shape, shaped);
    return shaped;
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
