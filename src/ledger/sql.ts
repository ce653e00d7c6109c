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

// Parameters per multi-row INSERT of insertRows: well under SQLite's 32766, and a few
// hundred rows a statement, so that on PostgreSQL a round trip carries many rows.
const ROW_PARAMS = 8192;
const rowStatements = new WeakMap<SqlDb, Map<string, SqlStatement>>();

/**
 * Inserts rows (each `columns.length` values) with multi-row INSERTs of at most ROW_PARAMS
 * parameters, sent without waiting where the backend can (runLater; a failure is thrown by
 * the next statement of the same transaction). For rows nobody reads back an id of.
 * onConflict: an `ON CONFLICT … DO …` clause (an upsert: one row per key in the rows).
 * placeholders: SQL in place of the first columns' `?` (each with one `?`, e.g. a subquery).
 */
export function insertRows(
  db: SqlDb, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>, onConflict = "", placeholders: readonly string[] = [],
): number {
  const width = columns.length;
  const per = Math.max(1, Math.floor(ROW_PARAMS / width));
  let stmts = rowStatements.get(db);
  if (!stmts) rowStatements.set(db, stmts = new Map());
  const statement = (n: number): SqlStatement => {
    const key = `${table}\u0000${columns.join(",")}\u0000${n}\u0000${onConflict}\u0000${placeholders.join(",")}`;
    let st = stmts!.get(key);
    if (!st) {
      const one = `(${columns.map((_, i) => placeholders[i] ?? "?").join(",")})`;
      st = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array(n).fill(one).join(",")}${onConflict ? ` ${onConflict}` : ""}`);
      stmts!.set(key, st);
    }
    return st;
  };
  const send = (n: number, params: unknown[]) => {
    const st = statement(n);
    if (st.runLater) st.runLater(params); else st.run(params);
  };
  let params: unknown[] = [];
  let inChunk = 0;
  let total = 0;
  for (const r of rows) {
    if (r.length !== width) throw new Error(`bug: a row of ${r.length} values for the ${width} columns of ${table}`);
    for (const v of r) params.push(v);
    total++;
    if (++inChunk === per) {
      send(per, params);
      params = [];
      inChunk = 0;
    }
  }
  if (inChunk > 0) send(inChunk, params);
  return total;
}
