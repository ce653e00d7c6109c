// The PostgreSQL backend of SqlDb (sql.ts): node-postgres run in a worker thread and
// bridged synchronously (Atomics.wait on a SharedArrayBuffer; the worker replies on a
// MessagePort and the main thread takes the reply with receiveMessageOnPort), because the
// whole app is synchronous, as better-sqlite3 is. One connection per process. Knows
// nothing of the books; ledger.ts does. Decisions: docs/postgres.md.
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { SqlDb, SqlRunResult, SqlStatement } from "./sql.js";

/** True for a postgres:// or postgresql:// URL (a server), false for a file path. */
export function isServerUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** The URL without its password (for messages): postgres://user@host/db. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, "$1@");
}

/**
 * Rewrites portable SQL for PostgreSQL: `?` placeholders become $1, $2 … and unquoted
 * camelCase aliases (`AS createdAt`) are quoted, which PostgreSQL would otherwise fold to
 * lower case. Quoted strings, quoted identifiers, comments and $$ bodies are left alone.
 */
export function toPostgresSql(sql: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  const len = sql.length;
  while (i < len) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= len) break;
        if (sql[j] === c) {
          if (sql[j + 1] === c) { j += 2; continue; }
          break;
        }
        j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const j = sql.indexOf("\n", i);
      const end = j < 0 ? len : j;
      out += sql.slice(i, end);
      i = end;
    } else if (c === "$" && sql[i + 1] === "$") {
      const j = sql.indexOf("$$", i + 2);
      const end = j < 0 ? len : j + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
    } else if ((c === "A" || c === "a") && /[sS]/.test(sql[i + 1] ?? "") && !/\w/.test(sql[i - 1] ?? " ")) {
      const m = /^[aA][sS]\s+([A-Za-z_]\w*)/.exec(sql.slice(i, i + 80));
      if (m && /[a-z]/.test(m[1]!) && /[A-Z]/.test(m[1]!)) {
        out += m[0].slice(0, m[0].length - m[1]!.length) + `"${m[1]}"`;
        i += m[0].length;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A failure reported by the server, with its SQLSTATE (e.g. 23505, P0001 for RAISE). */
export class PgError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

type Request =
  | { op: "connect"; url: string }
  | { op: "query"; sql: string; params: unknown[]; array: boolean; returning: boolean; deferred?: boolean }
  | { op: "exec"; sql: string }
  | { op: "copy"; sql: string; data: string }
  | { op: "close" };

interface Reply {
  ok: boolean;
  rows?: unknown[];
  changes?: number;
  lastId?: number | null;
  error?: { message: string; code: string };
}

// The worker, as CommonJS source (eval'd): the same code runs under vitest (TypeScript
// sources) and from dist/, and needs no file of its own beside the compiled module.
const WORKER = String.raw`
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { parse } = require(workerData.connectionStringPath);
const pgpass = require(workerData.pgpassPath);
const flag = new Int32Array(workerData.shared);
const port = workerData.port;
let unsafe = null;
// Counts, ids and money come back as JS numbers; beyond 2^53 or fractional they are refused.
function toInt(v) {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || !/^-?\d+$/.test(v)) { unsafe = v; return NaN; }
  return n;
}
const types = { getTypeParser(oid, format) {
  if (oid === 20 || oid === 1700) return toInt;
  return pg.types.getTypeParser(oid, format);
} };
// The password as libpq finds it: PGPASSWORD, else ~/.pgpass (or PGPASSFILE) for this
// host, port, database and user. (node-postgres's own .pgpass lookup is deprecated.)
function password(url) {
  return () => {
    if (process.env.PGPASSWORD !== undefined) return process.env.PGPASSWORD;
    const c = parse(url);
    const params = {
      host: c.host || process.env.PGHOST || "localhost",
      port: String(c.port || process.env.PGPORT || 5432),
      database: c.database || process.env.PGDATABASE,
      user: c.user || process.env.PGUSER || require("node:os").userInfo().username,
    };
    if (params.host.startsWith("/")) params.host = "localhost"; // libpq matches a socket as localhost
    return new Promise((res) => pgpass(params, (p) => res(p)));
  };
}
let client = null;
const names = new Map();
function reply(r) {
  port.postMessage(r);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
function fail(e) {
  reply({ ok: false, error: { message: String(e && e.message || e), code: String(e && e.code || "") } });
}
async function handle(req) {
  if (req.op === "connect") {
    client = new pg.Client({ connectionString: req.url, types, password: password(req.url) });
    client.on("error", () => { client = null; });
    await client.connect();
    // Literals written by literal() below take a backslash as itself.
    await client.query("SET standard_conforming_strings = on");
    return { ok: true };
  }
  if (req.op === "close") {
    const c = client;
    client = null;
    if (c) await c.end();
    return { ok: true };
  }
  if (!client) throw Object.assign(new Error("the connection to the PostgreSQL server was lost"), { code: "08006" });
  if (req.op === "exec") {
    await client.query(req.sql);
    return { ok: true };
  }
  if (req.op === "copy") {
    throw new Error("COPY is not supported by this bridge");
  }
  let name = names.get(req.sql);
  if (!name) { name = "s" + names.size; names.set(req.sql, name); }
  unsafe = null;
  const r = await client.query({ name, text: req.sql, values: req.params, rowMode: req.array ? "array" : undefined });
  if (unsafe !== null) throw Object.assign(new Error("the server returned " + unsafe + ", which is not a whole number a JavaScript number holds exactly (beyond 2^53)"), { code: "22003" });
  if (req.returning) {
    const last = r.rows.length ? r.rows[r.rows.length - 1] : null;
    return { ok: true, changes: r.rowCount || 0, lastId: last ? (Array.isArray(last) ? last[0] : Object.values(last)[0]) : null };
  }
  return { ok: true, rows: r.rows, changes: r.rowCount || 0 };
}
// Small deferred writes (an entry, its postings, an advice and its lines) are not sent one by
// one, which on this bridge costs a round trip each even when nobody waits for it: they are
// written out as literal SQL and sent together, several statements in one simple query (one
// round trip), before the next request or when SMALL_BYTES have gathered. Run in order in the
// open transaction, the same as one at a time; the first failure aborts the rest. Only
// whole numbers, NULL and strings without NUL are written out (anything else goes prepared,
// so a fraction meeting an integer column fails as it would, not rounded by a cast). Large
// writes (a chunk of 500 member lines) still go one by one, prepared, as the server works on
// one while the client builds the next.
const SMALL_PARAMS = 2000;
const SMALL_BYTES = 1 << 20;
let small = [];
let smallBytes = 0;
function literal(v) {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return String(v);
  return "'" + String(v).replace(/'/g, "''") + "'";
}
function render(sql, params) {
  return sql.replace(/\$(\d+)/g, (_, n) => literal(params[Number(n) - 1]));
}
function canGather(req) {
  return req.op === "query" && req.deferred === true && req.params.length <= SMALL_PARAMS && !/['"$]/.test(req.sql.replace(/\$\d+/g, ""))
    && req.params.every((v) => v === null || (typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && !v.includes("\u0000")));
}
// Sends gathered writes; a failure is kept as the deferred error (the request after still
// runs: a ROLLBACK must), as when each was sent alone.
async function sendSmall(batch) {
  if (batch.length === 0) return;
  try {
    if (!client) throw Object.assign(new Error("the connection to the PostgreSQL server was lost"), { code: "08006" });
    await client.query(batch.join(";\n"));
  } catch (e) {
    if (!deferredError) deferredError = e;
  }
}
// A deferred request (a batch of member lines) gets no reply of its own: requests run in
// order, so the next request's reply comes after it, and carries its error if it failed.
// Requests run one at a time, in order (node-postgres deprecates queueing on the client).
let deferredError = null;
let queue = Promise.resolve();
port.on("message", (req) => {
  const gathered = canGather(req);
  if (gathered) {
    const text = render(req.sql, req.params);
    small.push(text);
    smallBytes += text.length;
    if (smallBytes < SMALL_BYTES) return;
  }
  // What was gathered goes before this request (taken now: later ones join the next).
  const batch = small;
  small = [];
  smallBytes = 0;
  queue = queue.then(() => sendSmall(batch)).then(() => (gathered ? { ok: true } : handle(req))).then((r) => {
    if (req.deferred) return;
    if (deferredError) { const e = deferredError; deferredError = null; fail(e); } else reply(r);
  }, (e) => {
    if (req.deferred) { if (!deferredError) deferredError = e; return; }
    // The earlier deferred failure is the cause (this one is "transaction is aborted").
    const cause = deferredError || e;
    deferredError = null;
    fail(cause);
  });
});
`;

// One wait slice; the loop gives up after WAIT_LIMIT (a server that answers nothing).
const WAIT_SLICE_MS = 1000;
const WAIT_LIMIT_MS = 15 * 60 * 1000;
// Deferred writes in flight at most (runLater): enough to keep client and server both busy,
// bounded by their parameters (four chunks of 500 member lines) and by their count (an advice
// is five small writes: a flush after each of them was a round trip per advice).
const MAX_DEFERRED = 256;
const MAX_DEFERRED_PARAMS = 4 * 500 * 17;
// The worker's young generation (MB): see the constructor.
const WORKER_YOUNG_MB = 8;
// Rows fetched per round trip when iterating through a server-side cursor.
const FETCH_ROWS = 5000;

// DUES_DEBUG_SQL=1: every statement sent to the server is counted by its text, round trips
// (the client waited for the reply) apart from pipelined ones (runLater), and the counts
// are printed to stderr at exit, most frequent first (docs/postgres.md, "Where
// PostgreSQL's time goes").
const DEBUG_SQL = process.env.DUES_DEBUG_SQL === "1";
const sqlCounts = new Map<string, { trips: number; later: number }>();
function countSql(sql: string, later: boolean): void {
  let c = sqlCounts.get(sql);
  if (!c) {
    if (sqlCounts.size === 0) process.on("exit", printSqlCounts);
    c = { trips: 0, later: 0 };
    sqlCounts.set(sql, c);
  }
  if (later) c.later++; else c.trips++;
}
function printSqlCounts(): void {
  const rows = [...sqlCounts].sort((a, b) => b[1].trips + b[1].later - a[1].trips - a[1].later);
  let trips = 0;
  let later = 0;
  for (const [, c] of rows) { trips += c.trips; later += c.later; }
  const lines = [`DUES_DEBUG_SQL: ${trips} statements waited for, ${later} sent without waiting (runLater; the small ones gathered by the worker and sent with the next), ${rows.length} distinct statements`];
  for (const [sql, c] of rows) lines.push(`${String(c.trips).padStart(9)} ${String(c.later).padStart(7)}  ${sql.replace(/\s+/g, " ").slice(0, 150)}`);
  process.stderr.write(lines.join("\n") + "\n");
}

/** A synchronous SqlDb over one PostgreSQL connection. */
export class PgDb implements SqlDb {
  private worker: Worker | null;
  private port: MessagePort;
  private flag: Int32Array;
  private depth = 0;
  private deferred = 0;
  private deferredParams = 0;
  private cursors = 0;
  /** Rows per FETCH of iterate()'s cursor (tests lower it to cross many fetches). */
  fetchRows = FETCH_ROWS;
  /** Tables with an `id` (or entries' `seq`) column: INSERT gets RETURNING for lastInsertRowid. */
  private idColumns = new Map<string, string | null>();
  open = true;

  constructor(readonly url: string) {
    const shared = new SharedArrayBuffer(4);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const resolve = createRequire(import.meta.url).resolve;
    const workerData = { shared, port: port2, pgPath: resolve("pg"), connectionStringPath: resolve("pg-connection-string"), pgpassPath: resolve("pgpass") };
    // A small young generation: the worker only parses replies and passes them on, and V8's
    // default (16 MB semi-spaces) let its heap grow by tens of MB on a long read (issue 11).
    this.worker = new Worker(WORKER, { eval: true, workerData, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    // The process may exit with the connection open: the server then rolls back whatever
    // transaction was open, which is what a killed import must leave (nothing).
    this.worker.unref();
    this.port.unref();
    try {
      this.call({ op: "connect", url });
    } catch (e) {
      void this.worker.terminate();
      this.worker = null;
      this.open = false;
      throw e;
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  private call(req: Request): Reply {
    if (!this.worker) throw new PgError("the PostgreSQL connection is closed", "08003");
    this.deferred = 0; // the reply to this request comes after every deferred one
    this.deferredParams = 0;
    if (DEBUG_SQL && (req.op === "query" || req.op === "exec")) countSql(req.sql, false);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    let waited = 0;
    while (Atomics.wait(this.flag, 0, 0, WAIT_SLICE_MS) === "timed-out") {
      waited += WAIT_SLICE_MS;
      if (waited >= WAIT_LIMIT_MS) throw new PgError(`no answer from the PostgreSQL server in ${WAIT_LIMIT_MS / 60000} minutes`, "57014");
    }
    const m = receiveMessageOnPort(this.port);
    if (!m) throw new Error("bug: the PostgreSQL worker signalled without a reply");
    const r = m.message as Reply;
    if (!r.ok) {
      // The connection dropped (server restarted, backend terminated, network): not a bug
      // of dues, and nothing of the open transaction was committed.
      if (req.op !== "connect" && isConnectionLost(r.error!.code)) throw serverLost(r.error!.message);
      throw new PgError(r.error!.message, r.error!.code);
    }
    return r;
  }

  /** Runs one or more statements with no parameters (the simple query protocol). */
  exec(sql: string): this {
    const t = sql.trim().toUpperCase();
    this.call({ op: "exec", sql });
    // Keep inTransaction true to the server's state for the statements Ledger sends.
    if (/^(BEGIN|START TRANSACTION)\b/.test(t)) this.depth = 1;
    else if (/^(COMMIT|END|ROLLBACK)\s*;?$/.test(t) || /^ROLLBACK\s*(AND|;|$)/.test(t)) this.depth = 0;
    return this;
  }

  query(sql: string, params: unknown[], array: boolean): unknown[] {
    return this.call({ op: "query", sql, params: params.map(toParam), array, returning: false }).rows!;
  }

  /**
   * Sends a write without waiting for it (the client builds the next batch while the
   * server inserts this one); its failure is thrown by the next statement, which is in
   * the same transaction. At most MAX_DEFERRED are in flight.
   */
  runLater(sql: string, params: unknown[]): void {
    if (!this.worker) throw new PgError("the PostgreSQL connection is closed", "08003");
    if (this.deferred >= MAX_DEFERRED || (this.deferred > 0 && this.deferredParams + params.length > MAX_DEFERRED_PARAMS)) {
      this.call({ op: "exec", sql: "SELECT 1" }); // waits for every deferred write before it
    }
    if (DEBUG_SQL) countSql(sql, true);
    this.port.postMessage({ op: "query", sql, params: params.map(toParam), array: true, returning: false, deferred: true } satisfies Request);
    this.deferred++;
    this.deferredParams += params.length;
  }

  run(sql: string, params: unknown[], returning: boolean): SqlRunResult {
    const r = this.call({ op: "query", sql, params: params.map(toParam), array: true, returning });
    return { changes: r.changes ?? 0, lastInsertRowid: r.lastId ?? 0 };
  }

  /** The id column RETURNING reads for an INSERT into `table`, if it has one. */
  idColumnOf(table: string): string | null {
    if (!this.idColumns.has(table)) {
      const cols = this.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name IN ('id', 'seq')", [table], true) as [string][];
      this.idColumns.set(table, cols.find((c) => c[0] === "id")?.[0] ?? cols[0]?.[0] ?? null);
    }
    return this.idColumns.get(table)!;
  }

  /** Forgets cached table shapes (after a migration). */
  schemaChanged(): void {
    this.idColumns.clear();
  }

  prepare(sql: string): SqlStatement {
    return new PgStatement(this, sql);
  }

  /** Rows through a server-side cursor, FETCH_ROWS at a time (WITH HOLD outside a transaction). */
  *cursor(sql: string, params: unknown[], array: boolean): IterableIterator<unknown> {
    const name = `dues_cursor_${++this.cursors}`;
    const hold = this.inTransaction ? "" : " WITH HOLD";
    this.call({ op: "query", sql: `DECLARE ${name} NO SCROLL CURSOR${hold} FOR ${sql}`, params: params.map(toParam), array, returning: false });
    try {
      for (;;) {
        const n = this.fetchRows;
        const rows = this.query(`FETCH ${n} FROM ${name}`, [], array);
        for (const r of rows) yield r;
        if (rows.length < n) break;
      }
    } finally {
      // A cursor of a transaction that ended (or aborted) is gone with it.
      if (this.open) {
        try { this.call({ op: "exec", sql: `CLOSE ${name}` }); } catch { /* the transaction ended it */ }
      }
    }
  }

  /** Wraps fn in BEGIN/COMMIT (READ COMMITTED), or a savepoint when a transaction is open. */
  transaction<T>(fn: () => T): () => T {
    return () => {
      if (this.depth > 0) {
        const sp = `dues_sp_${this.depth}`;
        this.call({ op: "exec", sql: `SAVEPOINT ${sp}` });
        this.depth++;
        try {
          const r = fn();
          this.depth--;
          this.call({ op: "exec", sql: `RELEASE SAVEPOINT ${sp}` });
          return r;
        } catch (e) {
          this.depth--;
          this.call({ op: "exec", sql: `ROLLBACK TO SAVEPOINT ${sp}` });
          throw e;
        }
      }
      this.exec("BEGIN");
      try {
        const r = fn();
        this.exec("COMMIT");
        return r;
      } catch (e) {
        if (this.depth > 0) this.exec("ROLLBACK");
        throw e;
      }
    };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      this.call({ op: "close" });
    } finally {
      void this.worker?.terminate();
      this.worker = null;
      this.port.close();
    }
  }
}

/** SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shut down or restarting). */
function isConnectionLost(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03";
}

function serverLost(why: string): Refusal {
  return new Refusal("cannot-write", [problem("LEDGER_SERVER_LOST", text(`the connection to the PostgreSQL ledger was lost (${why}); what this command had not committed was not written`, `与 PostgreSQL 账本的连接中断（${why}）；本命令未提交的内容均未写入`), {
    hint: text("check the server, then run the command again; `dues verify` shows the books are whole", "请检查服务器后重新运行该命令；可用 `dues verify` 确认账本完整"),
  })]);
}

function toParam(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`bug: ${v} as an SQL parameter`);
  return v;
}

class PgStatement implements SqlStatement {
  private readonly text: string;
  private isRaw = false;
  private isPluck = false;
  private readonly insertInto: string | null;
  private returningSql: string | null | undefined;

  constructor(private readonly db: PgDb, sql: string) {
    this.text = toPostgresSql(sql);
    const m = /^\s*INSERT\s+INTO\s+([a-z_][a-z0-9_]*)/i.exec(this.text);
    // RETURNING only for a one-row INSERT … VALUES (…) (or INSERT … SELECT): a multi-row
    // insert (500 member lines) would send 500 ids back that nobody reads.
    const multiRow = /\bVALUES\s*\([^]*\)\s*,\s*\(/i.test(this.text);
    this.insertInto = m && !multiRow && !/\bRETURNING\b/i.test(this.text) ? m[1]!.toLowerCase() : null;
  }

  raw(toggle = true): this {
    this.isRaw = toggle;
    return this;
  }

  pluck(toggle = true): this {
    this.isPluck = toggle;
    return this;
  }

  private args(params: unknown[]): unknown[] {
    // better-sqlite3 takes one array of parameters as well as a list.
    return params.length === 1 && Array.isArray(params[0]) ? params[0] : params;
  }

  /** A write whose result is not needed (the caller reads nothing back): sent without waiting. */
  runLater(...params: unknown[]): void {
    this.db.runLater(this.text, this.args(params));
  }

  run(...params: unknown[]): SqlRunResult {
    if (this.insertInto) {
      if (this.returningSql === undefined) {
        const col = this.db.idColumnOf(this.insertInto);
        this.returningSql = col ? `${this.text} RETURNING ${col}` : null;
      }
      if (this.returningSql) return this.db.run(this.returningSql, this.args(params), true);
    }
    return this.db.run(this.text, this.args(params), false);
  }

  get(...params: unknown[]): unknown {
    const rows = this.db.query(this.text, this.args(params), this.isRaw || this.isPluck);
    return rows.length ? this.shape(rows[0]) : undefined;
  }

  all(...params: unknown[]): unknown[] {
    return this.db.query(this.text, this.args(params), this.isRaw || this.isPluck).map((r) => this.shape(r));
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    const it = this.db.cursor(this.text, this.args(params), this.isRaw || this.isPluck);
    if (!this.isPluck) return it;
    return (function* () { for (const r of it) yield (r as unknown[])[0]; })();
  }

  private shape(r: unknown): unknown {
    return this.isPluck ? (r as unknown[])[0] : r;
  }
}
