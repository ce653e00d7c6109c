// The one database interface the ledger layer and its stores use (issue 11 item 4):
// prepare(sql) -> run/get/all/iterate (plus raw rows and pluck), exec, transaction, close.
// SQL written against it is portable (TEAM.md): `?` placeholders, quoted camelCase
// aliases, no SQLite-only syntax. better-sqlite3's Database satisfies it as it is
// (sqlite-db.ts); a PostgreSQL backend implements the same shape (docs/postgres.md).

/** What run() reports: rows changed and, for an INSERT into a table with an id, the id. */
export interface SqlRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/** A prepared statement. raw() makes it return rows as arrays, pluck() the first column. */
export interface SqlStatement {
  run(...params: unknown[]): SqlRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  raw(toggle?: boolean): this;
  pluck(toggle?: boolean): this;
  /** Optional: run without waiting for the result (PostgreSQL pipelines it; errors surface at the next statement). */
  runLater?(...params: unknown[]): void;
}

/** A database handle: synchronous, one connection, one transaction at a time. */
export interface SqlDb {
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  /** Wraps fn in a transaction (a savepoint when one is open); a throw rolls it back. */
  transaction<T>(fn: () => T): () => T;
  readonly inTransaction: boolean;
  close(): unknown;
}
