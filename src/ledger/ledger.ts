// The append-only double-entry ledger in one SQLite file or a PostgreSQL database:
// batches, hash-chained entries and postings, the per-member subledger, voids and closes.
// The only module that opens it. Knows better-sqlite3 and (through pg-db.ts) the server,
// never CSV, xlsx or the terminal. Schema and API: docs/ledger.md, docs/postgres.md.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { createHash, type Hash } from "node:crypto";
import { existsSync, linkSync, statSync, unlinkSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { childrenOf, findAccount, isChartId, type ChartId } from "../domain/chart.js";
import { BOOK_ACTION_KINDS, PER_POSTING_PERIOD_KINDS, debitTotal, imbalance } from "../domain/journal.js";
import type { Minor } from "../domain/money.js";
import { isDate, isPeriod, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import {
  canonicalPosting, entryCanonical, entryHash, genesisHash, memberLineCanonical, sha256Hex,
  type BatchHeader, type CanonicalPosting, type MemberLineTuple,
} from "./canonical.js";
import { EXEMPT_REASONS, type MemberLineColumns } from "../domain/member-line.js";
import { MIGRATIONS } from "./migrations/index.js";
import { sqlFor, type Dialect } from "./migrations/types.js";
import { isServerUrl, PgDb, PgError, redactUrl } from "./pg-db.js";
import type { SqlDb, SqlStatement } from "./sql.js";
import { openSqlite } from "./sqlite-db.js";
import { verifyLedger, type VerifyReport } from "./verify.js";

export type { VerifyReport, VerifyBreak } from "./verify.js";
export { isServerUrl, redactUrl } from "./pg-db.js";
export type { Dialect } from "./migrations/types.js";

// The one advisory lock every writer of a PostgreSQL ledger takes (pg_advisory_xact_lock):
// writers queue as SQLite's BEGIN IMMEDIATE makes them (docs/postgres.md, "Locking").
const PG_WRITE_LOCK = 0x64756573; // "dues"

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface LedgerMeta {
  readonly chart: ChartId;
  readonly currency: string;
  readonly digits: number;
  readonly createdAt: string;
  readonly schemaVersion: number;
}

export interface BatchInput {
  kind: string;
  period?: Period | null;
  source?: string | null;
  file?: string | null;
  sha256?: string | null;
  encoding?: string | null;
  rows?: number | null;
  configSha256?: string | null;
  /** The configuration text; saved under configSha256 when given. */
  configText?: string | null;
  memo?: string | null;
  createdAt: string;
  createdBy?: string | null;
}

export interface PostingInput {
  account: string;
  body?: string | null;
  member?: string | null;
  /** A project tag (dues.yaml projects:), e.g. earmarked money. */
  project?: string | null;
  /** Only on opening entries (and the voids reversing them): the period a balance belongs
   *  to, before the entry's own; default the entry's period. */
  period?: Period | null;
  amount: Minor;
}

export interface EntryInput {
  batch: number;
  date: IsoDate;
  period: Period;
  memo: string;
  kind?: string;
  ref?: string | null;
  body?: string | null;
  reverses?: number | null;
  postings: readonly PostingInput[];
}

export interface MemberLine {
  period: Period;
  memberId: string;
  sourceLine: number;
  name: string;
  department: string;
  status: string;
  isMember: boolean;
  exempt: boolean;
  exemptReason: string | null;
  duesBase: Minor;
  truncatedBase: Minor;
  rateText: string;
  dues: Minor;
  deducted: Minor | null;
  difference: Minor;
  fundsBase: Minor;
}

export interface MemberLineRow extends MemberLine {
  id: number;
  batchId: number;
}

export interface MemberRecord {
  id: string;
  name: string;
  department: string;
  status: string;
  updatedAt: string;
}

export interface MemberStatusRow {
  member: string;
  period: Period;
  status: string;
  batch: number;
}

export interface BatchRow {
  id: number;
  kind: string;
  period: Period | null;
  source: string | null;
  file: string | null;
  sha256: string | null;
  encoding: string | null;
  rows: number | null;
  configSha256: string | null;
  memo: string | null;
  createdAt: string;
  createdBy: string | null;
  voided: boolean;
  voidedBy: number | null;
  voidReason: string | null;
  entries: number;
}

export interface PostingRow {
  account: string;
  body: string | null;
  member: string | null;
  amount: Minor;
  /** Present only where the posting has its own period (opening lines); else its entry's. */
  period?: Period;
  project?: string | null;
}

export interface EntryRow {
  seq: number;
  date: IsoDate;
  period: Period;
  kind: string;
  memo: string;
  batch: number;
  ref: string | null;
  body: string | null;
  reverses: number | null;
  recordedAt: string;
  hash: string;
  postings: PostingRow[];
}

/** One posting with its entry's fields, for journals streamed in order. */
export interface JournalLine extends PostingRow {
  seq: number;
  line: number;
  date: IsoDate;
  period: Period;
  kind: string;
  memo: string;
  batch: number;
  ref: string | null;
}

export interface RangeQuery {
  /** Inclusive periods. */
  from?: Period;
  to?: Period;
  /** Only entries dated on or before this day. */
  asOf?: IsoDate;
}

export interface BalanceRow {
  account: string;
  body: string | null;
  period?: Period;
  member?: string | null;
  project?: string | null;
  debit: Minor;
  credit: Minor;
  /** debit − credit. */
  balance: Minor;
}

export interface TrialRow {
  account: string;
  body: string | null;
  /** Signed, positive = debit: everything before `from`. */
  opening: Minor;
  debit: Minor;
  credit: Minor;
  closing: Minor;
}

export interface CloseRow {
  id: number;
  period: Period;
  action: "close" | "reopen";
  entry: number;
  headSeq: number | null;
  headHash: string | null;
  reason: string | null;
  createdAt: string;
}

export interface VoidResult {
  batch: number;
  voidBatch: number;
  entries: number[];
}

export interface OpenOptions {
  readonly?: boolean;
}

// Rows per multi-row INSERT of member lines: 17 parameters each, well under SQLite's 32766.
const LINE_CHUNK = 500;
/** Rows a page of Ledger.memberLineKeys reads at once. */
const KEY_PAGE = 8192;

/** [line id, member id, dues, is_member, exempt, name, department, status, source_line] */
export type MemberLineKey = [number, string, number, number, number, string, string, string, number];
// Postings per multi-row INSERT: 8 parameters each.
const POSTING_CHUNK = 500;
// Members per multi-row upsert: 5 parameters each.
const MEMBER_CHUNK = 500;
const LINE_COLUMNS = "batch_id, period, member_id, source_line, name, department, status, is_member, exempt, exempt_reason, dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base";

interface OpenBatch {
  hash: Hash;
  /** Canonical text not yet fed to hash: one update per ~64 KB is much cheaper than per line. */
  buf: string;
  count: number;
  covered: number;
  entries: number;
  /** False while the batch id is only reserved (reserveBatch): lines may come, entries not yet. */
  header: boolean;
}

/**
 * What a write transaction knows without asking the server again: it holds the write lock
 * (BEGIN IMMEDIATE, or the advisory lock on PostgreSQL), so nothing but this Ledger changes
 * the chain head, the closed months or the batch ids until it ends. On PostgreSQL each read
 * is a round trip (docs/postgres.md, "Where PostgreSQL's time goes"). undefined: not read yet.
 */
interface WriteCache {
  head?: { seq: number; hash: string } | null;
  closed?: Set<Period>;
  nextBatch?: number;
}

export class Ledger {
  readonly db: SqlDb;
  /** The file path, or the server URL without its password. */
  readonly path: string;
  readonly dialect: Dialect;
  private closed = false;
  private metaCache: LedgerMeta;
  private headers = new Map<number, BatchHeader>();
  /** Batches begun in the current transaction: running member-line digest and counts. */
  private open = new Map<number, OpenBatch>();
  private lineStmts = new Map<number, SqlStatement>();
  private postingStmts = new Map<number, SqlStatement>();
  private upsertStmts = new Map<number, SqlStatement>();
  private stmts: ReturnType<typeof prepare>;
  /** Set while a write transaction of this Ledger is open (transaction(), beginWrite()). */
  private cache: WriteCache | null = null;

  private constructor(db: SqlDb, path: string, dialect: Dialect) {
    this.db = db;
    this.path = path;
    this.dialect = dialect;
    this.metaCache = readMeta(db);
    this.stmts = prepare(db);
  }

  // ---------------------------------------------------------------- opening

  static create(path: string, meta: { chart: ChartId; currency: string; digits: number; createdAt: string }): Ledger {
    if (!isChartId(meta.chart) || !Number.isInteger(meta.digits) || meta.digits < 0 || meta.digits > 4) throw new Error(`bug: bad ledger meta ${JSON.stringify(meta)}`);
    if (isServerUrl(path)) return Ledger.createOnServer(path, meta);
    if (existsSync(path)) {
      throw new Refusal("cannot-write", [problem("LEDGER_EXISTS", text(`${path} already exists; dues never overwrites a ledger`, `${path} 已存在；dues 不会覆盖账本`), {
        file: path,
        hint: text("choose another --db path, or use the existing ledger", "请用 --db 指定其他路径，或继续使用现有账本"),
      })]);
    }
    const db = openSqlite(path, false, false);
    try {
      writeTransaction(db, "sqlite", () => initialise(db, "sqlite", meta));
    } catch (e) {
      db.close();
      throw e;
    }
    return new Ledger(db, path, "sqlite");
  }

  /** `dues init --db postgres://…`: the schema in an empty database (one that holds no ledger). */
  private static createOnServer(url: string, meta: { chart: ChartId; currency: string; digits: number; createdAt: string }): Ledger {
    const shown = redactUrl(url);
    const db = connect(url, "cannot-write");
    try {
      writeTransaction(db, "postgres", () => {
        const tables = db.prepare("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name").pluck().all() as string[];
        if (tables.includes("meta")) {
          throw new Refusal("cannot-write", [problem("LEDGER_EXISTS", text(`${shown} already holds a ledger; dues never overwrites a ledger`, `${shown} 中已有账本；dues 不会覆盖账本`), {
            file: shown,
            hint: text("name another database with --db postgres://…, or use the existing ledger", "请用 --db postgres://… 指定其他数据库，或继续使用现有账本"),
          })]);
        }
        if (tables.length > 0) {
          throw new Refusal("cannot-write", [problem("LEDGER_DATABASE_NOT_EMPTY", text(`${shown} is not empty (tables ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? " …" : ""}); a ledger is created in an empty database`, `${shown} 不是空数据库（已有表 ${tables.slice(0, 5).join("、")}${tables.length > 5 ? " …" : ""}）；账本只能建在空数据库中`), {
            file: shown,
            hint: text("create one for the ledger: `createdb dues`, then `dues init --db postgres://HOST/dues`", "请为账本新建数据库：`createdb dues`，再运行 `dues init --db postgres://主机/dues`"),
          })]);
        }
        initialise(db, "postgres", meta);
      });
    } catch (e) {
      db.close();
      throw e;
    }
    return new Ledger(db, shown, "postgres");
  }

  static open(path: string, opts: OpenOptions = {}): Ledger {
    if (isServerUrl(path)) return Ledger.openOnServer(path, opts);
    if (!existsSync(path)) {
      throw new Refusal("missing", [problem("LEDGER_MISSING", text(`no ledger at ${path}`, `找不到账本 ${path}`), {
        file: path,
        hint: text("run `dues init` to create one, or name it with --db PATH", "请先运行 `dues init` 创建账本，或用 --db 指定路径"),
      })]);
    }
    let db: Database.Database;
    try {
      db = openSqlite(path, true, Boolean(opts.readonly));
    } catch (e) {
      throw notALedger(path, e);
    }
    const version = schemaVersionOf(db, path);
    Ledger.checkVersion(db, path, version, opts);
    if (version < SCHEMA_VERSION) {
      // A copy of the ledger as it was, beside it, before anything changes (SPEC §5).
      const backup = freeName(`${path}.v${version}.bak`);
      db.exec(`VACUUM INTO '${backup.replace(/'/g, "''")}'`);
      upgrade(db, "sqlite");
    }
    return new Ledger(db, path, "sqlite");
  }

  /**
   * A ledger on a PostgreSQL server. An older schema is migrated in one transaction (the
   * server's DDL is transactional, so a failed migration changes nothing); the copy
   * beside it that SQLite gets is the operator's pg_dump here (docs/postgres.md).
   */
  private static openOnServer(url: string, opts: OpenOptions): Ledger {
    const shown = redactUrl(url);
    const db = connect(url, "missing");
    try {
      if (opts.readonly) db.exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      const version = schemaVersionOf(db, shown);
      Ledger.checkVersion(db, shown, version, opts);
      if (version < SCHEMA_VERSION) upgrade(db, "postgres");
      return new Ledger(db, shown, "postgres");
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private static checkVersion(db: SqlDb, path: string, version: number, opts: OpenOptions): void {
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new Refusal("cannot-write", [problem("LEDGER_TOO_NEW", text(`${path} has schema ${version}; this dues knows up to ${SCHEMA_VERSION}`, `${path} 的结构版本为 ${version}，本程序只支持到 ${SCHEMA_VERSION}`), {
        file: path,
        hint: text("upgrade dues", "请升级 dues"),
      })]);
    }
    if (version < SCHEMA_VERSION && opts.readonly) {
      db.close();
      throw new Refusal("cannot-write", [problem("LEDGER_NEEDS_MIGRATION", text(`${path} needs migrating to schema ${SCHEMA_VERSION}, but was opened read-only`, `${path} 需要升级结构到 ${SCHEMA_VERSION}，但以只读方式打开`), { file: path })]);
    }
  }

  get meta(): LedgerMeta {
    return this.metaCache;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---------------------------------------------------------------- writing

  /**
   * Runs fn in one BEGIN IMMEDIATE transaction (nested calls become savepoints). A throw
   * rolls everything back. At commit, every batch begun inside must have an entry and
   * every member line must be covered by one (otherwise the chain would not cover them).
   */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) {
      // A savepoint: if it rolls back, forget the batches begun inside it, so the outer
      // transaction's commit check does not trip over batches that no longer exist.
      // Batches of the outer transaction get their running digest and counts back too.
      const before = new Map([...this.open].map(([id, b]) => [id, { ...b, hash: b.hash.copy() }]));
      const cached = this.cache && { ...this.cache, closed: this.cache.closed && new Set(this.cache.closed) };
      try {
        return this.db.transaction(fn)();
      } catch (e) {
        for (const id of [...this.open.keys()]) if (!before.has(id)) this.headers.delete(id);
        this.open = before;
        this.cache = cached;
        throw e;
      }
    }
    try {
      return writeTransaction(this.db, this.dialect, () => {
        this.cache = {};
        const r = fn();
        for (const [id, b] of this.open) {
          if (b.entries === 0) throw new Error(`bug: batch ${id} was begun but has no entries`);
          if (b.covered !== b.count) throw new Error(`bug: batch ${id} has ${b.count - b.covered} member lines appended after its last entry; post an entry after appending lines`);
        }
        return r;
      });
    } catch (e) {
      // A rolled-back batch id may be reused: forget what was cached about it.
      this.headers.clear();
      throw e;
    } finally {
      this.open.clear();
      this.cache = null;
    }
  }

  /**
   * Begins a write transaction (BEGIN IMMEDIATE; on PostgreSQL BEGIN and the ledger's
   * advisory lock) that stays open across awaits, for a use
   * case that writes while it reads a file (the payroll import). Until commitWrite() or
   * rollbackWrite(), nothing else may use this connection; transaction() calls made
   * meanwhile become savepoints of it. Throws SQLITE_BUSY when another command holds the
   * ledger for longer than the busy timeout.
   */
  beginWrite(): void {
    if (this.db.inTransaction) throw new Error("bug: beginWrite inside a transaction");
    this.open.clear();
    beginWrite(this.db, this.dialect);
    this.cache = {};
  }

  /** Commits a beginWrite() transaction, with the same checks as transaction() at commit. */
  commitWrite(): void {
    try {
      for (const [id, b] of this.open) {
        if (b.header === false) throw new Error(`bug: batch ${id} was reserved but never begun`);
        if (b.entries === 0) throw new Error(`bug: batch ${id} was begun but has no entries`);
        if (b.covered !== b.count) throw new Error(`bug: batch ${id} has ${b.count - b.covered} member lines appended after its last entry; post an entry after appending lines`);
      }
      this.db.exec("COMMIT");
    } catch (e) {
      this.rollbackWrite();
      throw e;
    } finally {
      this.open.clear();
      this.cache = null;
    }
  }

  /** Rolls a beginWrite() transaction back (nothing of it stays); harmless when none is open. */
  rollbackWrite(): void {
    this.headers.clear();
    this.open.clear();
    this.cache = null;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  /**
   * Reserves the next batch id inside a beginWrite() transaction: member lines can be
   * appended to it before its header exists, and beginBatch(b, id) then inserts the header
   * (with the row count known only once the file is read). The write lock makes the id
   * safe; nothing else may begin a batch in between.
   */
  reserveBatch(): number {
    this.requireTransaction("reserveBatch");
    const id = this.nextBatchId();
    // Rows that name the batch (member_status) may come before its header: their foreign
    // key is checked at commit instead (the pragma ends with the transaction).
    this.db.exec(this.dialect === "sqlite" ? "PRAGMA defer_foreign_keys = ON" : "SET CONSTRAINTS ALL DEFERRED");
    this.open.set(id, { hash: createHash("sha256"), buf: "", count: 0, covered: 0, entries: 0, header: false });
    return id;
  }

  private nextBatchId(): number {
    if (this.cache?.nextBatch !== undefined) return this.cache.nextBatch;
    const r = this.db.prepare(`SELECT COALESCE((SELECT seq FROM ${marksTable(this.dialect)} WHERE name = 'batches'), 0) AS mark, COALESCE((SELECT MAX(id) FROM batches), 0) AS top`).get() as { mark: number; top: number };
    const next = Math.max(r.mark, r.top) + 1;
    if (this.cache) this.cache.nextBatch = next;
    return next;
  }

  /** Inserts a batch header with its id (the high-water mark moves past it). */
  private insertBatch(id: number, header: BatchHeader): void {
    later(this.stmts.insertBatchId, [id, ...header]);
    this.headers.set(id, header);
    if (this.cache) this.cache.nextBatch = Math.max(this.cache.nextBatch ?? 0, id + 1);
  }

  private requireTransaction(what: string): void {
    if (!this.db.inTransaction) throw new Error(`bug: Ledger.${what} must run inside ledger.transaction()`);
  }

  /** Stores a configuration text under its SHA-256 (idempotent; the hash is checked). */
  saveConfig(sha256: string, configText: string): void {
    this.requireTransaction("saveConfig");
    if (sha256Hex(configText) !== sha256) throw new Error("bug: configuration sha256 does not match its text");
    this.stmts.saveConfig.run(sha256, configText);
  }

  beginBatch(b: BatchInput, reserved?: number): number {
    this.requireTransaction("beginBatch");
    if (reserved !== undefined) {
      const ob = this.open.get(reserved);
      if (!ob || ob.header !== false) throw new Error(`bug: batch ${reserved} was not reserved in this transaction`);
      if (this.nextBatchId() !== reserved) throw new Error(`bug: another batch was begun after batch ${reserved} was reserved`);
    }
    if (b.period != null && !isPeriod(b.period)) throw new Error(`bug: batch period ${b.period}`);
    if (b.period && !["void", ...BOOK_ACTION_KINDS].includes(b.kind)) this.refuseIfClosed(b.period);
    if (b.configText != null) {
      if (!b.configSha256) throw new Error("bug: configText without configSha256");
      this.saveConfig(b.configSha256, b.configText);
    }
    const header: BatchHeader = [
      b.kind, b.period ?? null, b.source ?? null, b.file ?? null, b.sha256 ?? null, b.encoding ?? null,
      b.rows ?? null, b.configSha256 ?? null, b.memo ?? null, b.createdAt, b.createdBy ?? null,
    ];
    if (reserved !== undefined) {
      this.insertBatch(reserved, header);
      this.open.get(reserved)!.header = true;
      return reserved;
    }
    // The id is given, not left to the engine: the same on both backends, and a
    // PostgreSQL identity sequence would move on even for a rolled-back batch.
    const id = this.nextBatchId();
    this.insertBatch(id, header);
    this.open.set(id, { hash: createHash("sha256"), buf: "", count: 0, covered: 0, entries: 0, header: true });
    return id;
  }

  /**
   * Appends one balanced entry to the chain. Unbalanced postings, unknown or non-leaf
   * accounts, and body mistakes are bugs here (app code refuses them with problems
   * first); a closed period is a Refusal (cannot-write, 73).
   */
  postEntry(e: EntryInput): number {
    this.requireTransaction("postEntry");
    const kind = e.kind ?? "entry";
    if (!isDate(e.date) || !isPeriod(e.period)) throw new Error(`bug: entry date ${e.date} / period ${e.period}`);
    if (e.postings.length === 0 && !BOOK_ACTION_KINDS.includes(kind)) throw new Error("bug: an entry needs postings");
    const chart = this.metaCache.chart;
    for (const p of e.postings) {
      if (!Number.isSafeInteger(p.amount)) throw new Error(`bug: posting amount ${p.amount} is not integer minor units`);
      const acc = findAccount(chart, p.account);
      if (!acc || childrenOf(chart, p.account).length > 0) throw new Error(`bug: account ${p.account} is not a postable account of ${chart}`);
      if (Boolean(acc.takesBody) !== Boolean(p.body)) throw new Error(`bug: account ${p.account} ${acc.takesBody ? "needs" : "takes no"} body`);
      if (p.period != null && p.period !== e.period && (!PER_POSTING_PERIOD_KINDS.includes(kind) || !isPeriod(p.period) || p.period > e.period)) {
        throw new Error(`bug: posting period ${p.period} on a ${kind} entry of ${e.period}`);
      }
    }
    if (imbalance(e.postings) !== 0) throw new Error(`bug: unbalanced entry (${imbalance(e.postings)} minor units): ${e.memo}`);
    if (!BOOK_ACTION_KINDS.includes(kind)) {
      this.refuseIfClosed(e.period);
      this.refuseIfClosed(periodOf(e.date));
    }
    const header = this.header(e.batch);
    const head = this.head();
    const seq = (head?.seq ?? 0) + 1;
    const prev = head?.hash ?? genesisHash(this.metaCache);
    let linesCount: number | null = null;
    let linesDigest: string | null = null;
    const ob = this.open.get(e.batch);
    if (ob) {
      ob.entries++;
      if (ob.count > ob.covered) {
        ob.hash.update(ob.buf);
        ob.buf = "";
        linesCount = ob.count;
        linesDigest = ob.hash.copy().digest("hex");
        ob.covered = ob.count;
      }
    }
    const postings: CanonicalPosting[] = e.postings.map((p) => canonicalPosting({
      account: p.account, body: p.body ?? null, member: p.member ?? null, amount: p.amount, period: p.period ?? null, project: p.project ?? null,
    }, e.period));
    const entry = {
      seq, date: e.date, period: e.period, kind, memo: e.memo, batch: e.batch, ref: e.ref ?? null, body: e.body ?? null,
      reverses: e.reverses ?? null, recordedAt: header[9], linesCount, linesDigest,
    };
    const hash = entryHash(prev, entryCanonical(entry, header, postings));
    // Sent without waiting on PostgreSQL (nothing is read back): a failure (a trigger's
    // refusal) is thrown by the next statement, inside the same transaction, which it aborts.
    later(this.stmts.insertEntry, [
      seq, entry.date, entry.period, kind, entry.memo, entry.batch, entry.ref, entry.body, entry.reverses,
      postings.length, debitTotal(e.postings), linesCount, linesDigest, entry.recordedAt, prev, hash,
    ]);
    if (this.cache) this.cache.head = { seq, hash };
    // All of an entry's postings in one statement: on PostgreSQL each statement is a round
    // trip to the server, and a federation's advice month is one entry of five postings.
    // At most POSTING_CHUNK rows a statement (8 parameters each, under SQLite's limit).
    for (let at = 0; at < e.postings.length; at += POSTING_CHUNK) {
      const part = e.postings.slice(at, at + POSTING_CHUNK);
      const args: unknown[] = [];
      part.forEach((p, i) => args.push(seq, at + i + 1, p.period ?? e.period, p.account, p.body ?? null, p.member ?? null, p.amount, p.project ?? null));
      later(this.postingStmt(part.length), args);
    }
    return seq;
  }

  /**
   * The hot path: appends member lines with multi-row INSERTs and folds each into the
   * batch's running digest. Lines must be appended in the transaction that began the
   * batch, and an entry posted after them covers them in the chain.
   */
  appendMemberLines(batch: number, lines: Iterable<MemberLine>): number {
    this.requireTransaction("appendMemberLines");
    const ob = this.open.get(batch);
    if (!ob) throw new Error(`bug: member lines for batch ${batch} must be appended in the transaction that began it`);
    const closed = new Set(this.closedPeriods());
    const chunk: unknown[] = new Array(LINE_CHUNK * 17);
    let n = 0;
    let inChunk = 0;
    let at = 0;
    for (const l of lines) {
      if (closed.has(l.period)) this.refuseIfClosed(l.period);
      const t: MemberLineTuple = [
        l.period, l.memberId, l.sourceLine, l.name, l.department, l.status, l.isMember ? 1 : 0, l.exempt ? 1 : 0,
        l.exemptReason, l.duesBase, l.truncatedBase, l.rateText, l.dues, l.deducted, l.difference, l.fundsBase,
      ];
      checkLineMoney(l.memberId, l.sourceLine, l.duesBase, l.truncatedBase, l.dues, l.deducted, l.difference, l.fundsBase);
      ob.buf += memberLineCanonical(t);
      if (ob.buf.length > 65536) { ob.hash.update(ob.buf); ob.buf = ""; }
      chunk[at++] = batch;
      for (let i = 0; i < 16; i++) chunk[at++] = t[i];
      n++;
      if (++inChunk === LINE_CHUNK) { this.insertLines(chunk, inChunk); inChunk = 0; at = 0; }
    }
    if (inChunk > 0) this.insertLines(chunk, inChunk);
    ob.count += n;
    return n;
  }

  /**
   * The payroll import's hot path: member lines of one period as columns, their canonical
   * text already built beside them (domain/member-line.ts, on the reader thread), so this
   * thread only binds, inserts, and folds the given bytes into the batch's running digest.
   * The bytes must be the lines' memberLineCanonical in order (tests compare the two paths;
   * `dues verify` recomputes every digest from the stored rows).
   */
  appendMemberLineColumns(batch: number, c: MemberLineColumns): number {
    this.requireTransaction("appendMemberLineColumns");
    const ob = this.open.get(batch);
    if (!ob) throw new Error(`bug: member lines for batch ${batch} must be appended in the transaction that began it`);
    this.refuseIfClosed(c.period as Period); // from the write transaction's cache: no query per chunk
    const chunk: unknown[] = new Array(LINE_CHUNK * 17);
    let inChunk = 0;
    let at = 0;
    for (let i = 0; i < c.n; i++) {
      const duesBase = c.duesBase[i]!, truncatedBase = c.truncatedBase[i]!, dues = c.dues[i]!, d = c.deducted[i]!;
      const difference = c.difference[i]!, fundsBase = c.fundsBase[i]!;
      const deducted = Number.isNaN(d) ? null : d;
      checkLineMoney(c.memberId[i]!, c.line[i]!, duesBase, truncatedBase, dues, deducted, difference, fundsBase);
      const isMember = c.isMember[i]!;
      chunk[at++] = batch; chunk[at++] = c.period; chunk[at++] = c.memberId[i]; chunk[at++] = c.line[i]; chunk[at++] = c.name[i];
      chunk[at++] = c.department[i]; chunk[at++] = c.status[i]; chunk[at++] = isMember; chunk[at++] = c.exempt[i];
      chunk[at++] = EXEMPT_REASONS[c.reason[i]!]; chunk[at++] = duesBase; chunk[at++] = truncatedBase;
      chunk[at++] = isMember === 1 ? c.rateText : ""; chunk[at++] = dues; chunk[at++] = deducted; chunk[at++] = difference; chunk[at++] = fundsBase;
      if (++inChunk === LINE_CHUNK) { this.insertLines(chunk, inChunk); inChunk = 0; at = 0; }
    }
    if (inChunk > 0) this.insertLines(chunk, inChunk);
    if (ob.buf) { ob.hash.update(ob.buf); ob.buf = ""; }
    ob.hash.update(c.canonical);
    ob.count += c.n;
    return c.n;
  }

  /** One multi-row INSERT of `rows` member lines (17 values each) from the start of chunk. */
  private insertLines(chunk: unknown[], rows: number): void {
    const st = this.lineStmt(rows);
    // A full chunk on PostgreSQL is sent without waiting: the next one is built while the server inserts.
    if (rows === LINE_CHUNK) later(st, chunk);
    else st.run(chunk.slice(0, rows * 17));
  }

  private postingStmt(rows: number): SqlStatement {
    let s = this.postingStmts.get(rows);
    if (!s) {
      s = this.db.prepare(`INSERT INTO postings(entry, line, period, account, body, member, amount, project) VALUES ${Array(rows).fill("(?,?,?,?,?,?,?,?)").join(",")}`);
      this.postingStmts.set(rows, s);
    }
    return s;
  }

  private lineStmt(rows: number): SqlStatement {
    let s = this.lineStmts.get(rows);
    if (!s) {
      const one = `(${Array(17).fill("?").join(",")})`;
      s = this.db.prepare(`INSERT INTO member_lines (${LINE_COLUMNS}) VALUES ${Array(rows).fill(one).join(",")}`);
      this.lineStmts.set(rows, s);
    }
    return s;
  }

  /** Adds or updates members in the register (not the books: no chain, may change). */
  upsertMembers(members: Iterable<MemberRecord>): number {
    this.requireTransaction("upsertMembers");
    // Multi-row statements (a single-row statement each measured ~3 s per million members).
    // A member twice in one statement would be an error ("ON CONFLICT DO UPDATE command
    // cannot affect row a second time"), so a repeated id ends the chunk.
    let n = 0;
    const args: unknown[] = [];
    const ids = new Set<string>();
    const run = () => {
      if (ids.size === 0) return;
      if (ids.size === 1) this.stmts.upsertMember.run(...args);
      else this.upsertStmt(ids.size).run(args);
      args.length = 0;
      ids.clear();
    };
    for (const m of members) {
      if (ids.has(m.id)) run();
      ids.add(m.id);
      args.push(m.id, m.name, m.department, m.status, m.updatedAt);
      n++;
      if (ids.size === MEMBER_CHUNK) run();
    }
    run();
    return n;
  }

  /**
   * True where every write waits for its statement (SQLite). There a first month's register
   * is best grown after each chunk, in the main thread's spare time while the reader reads; on
   * PostgreSQL the writes are pipelined (runLater) and the id query such a step needs would
   * stop the pipeline once per chunk (1M rows: 17-20 s -> 23-25 s), so the register is one
   * statement at the end, on the server.
   */
  get writesWait(): boolean {
    return this.stmts.lastLine.runLater === undefined;
  }

  /**
   * Adds or updates the members of a batch's member lines in the register, in one
   * statement that reads the lines just written: for a first month, where every member is
   * new to the comparison, it saves binding a million rows' values a second time. Only the
   * lines with an id past `afterLine` (0: all of them), in id order: called after each
   * chunk of lines with the id it returned the time before, it leaves the register as one
   * call at the end would, while the file is still being read. Returns the last member
   * line id it has seen.
   */
  upsertMembersFromLines(batch: number, updatedAt: string, afterLine = 0): number {
    this.requireTransaction("upsertMembersFromLines");
    const last = (this.stmts.lastLine.get() as { last: number | null }).last ?? 0;
    if (last <= afterLine) return afterLine;
    this.stmts.membersFromLines.run(updatedAt, afterLine, last, batch);
    return last;
  }

  private upsertStmt(rows: number): SqlStatement {
    let s = this.upsertStmts.get(rows);
    if (!s) {
      s = this.db.prepare(`INSERT INTO members(id, name, department, status, updated_at) VALUES ${Array(rows).fill("(?,?,?,?,?)").join(",")} ON CONFLICT(id) DO UPDATE SET name = excluded.name, department = excluded.department, status = excluded.status, updated_at = excluded.updated_at`);
      this.upsertStmts.set(rows, s);
    }
    return s;
  }

  appendMemberStatuses(rows: Iterable<MemberStatusRow>): number {
    this.requireTransaction("appendMemberStatuses");
    let n = 0;
    for (const r of rows) {
      this.stmts.insertStatus.run(r.member, r.period, r.status, r.batch);
      n++;
    }
    return n;
  }

  /**
   * Reverses every entry of a batch in a new batch of kind `void`: same postings with
   * opposite signs, in the original entries' periods and dates, `reverses` = original
   * seq. Refused for unknown, void or close batches, twice, or in a closed period.
   */
  voidBatch(batchId: number, o: { reason: string; createdAt: string; createdBy?: string | null }): VoidResult {
    return this.transaction(() => {
      const b = this.batch(batchId);
      if (!b) {
        throw new Refusal("data", [problem("LEDGER_UNKNOWN_BATCH", text(`there is no batch ${batchId}`, `没有批次 ${batchId}`), {
          hint: text("list batches with `dues report journal`", "可用 `dues report journal` 查看批次"),
        })]);
      }
      if (b.voided) {
        throw new Refusal("data", [problem("LEDGER_ALREADY_VOIDED", text(`batch ${batchId} was already voided by batch ${b.voidedBy}`, `批次 ${batchId} 已由批次 ${b.voidedBy} 冲销`), {
          hint: text(
            `void batch ${b.voidedBy}${b.voidReason ? ` ("${b.voidReason}")` : ""} already reverses it; nothing is left to void. See both with \`dues report journal\`, then record or import the correct entries`,
            `冲销批次 ${b.voidedBy}${b.voidReason ? `（“${b.voidReason}”）` : ""} 已将其冲回，无需再冲销。可用 \`dues report journal\` 查看两个批次，然后重新录入或导入正确的分录`,
          ),
        })]);
      }
      if (["void", ...BOOK_ACTION_KINDS].includes(b.kind)) {
        throw new Refusal("data", [problem("LEDGER_CANNOT_VOID", text(`batch ${batchId} is a ${b.kind} batch and cannot be voided`, `批次 ${batchId} 是${b.kind}批次，不能冲销`), {
          hint: b.kind === "close" ? text("use `dues reopen PERIOD --reason TEXT`", "请使用 `dues reopen 期间 --reason 原因`")
            : b.kind === "year-close" ? text("use `dues reopen YEAR --reason TEXT`", "请使用 `dues reopen 年度 --reason 原因`") : undefined,
        })]);
      }
      if (!o.reason.trim()) throw new Error("bug: a void needs a reason");
      const originals = this.entries({ batch: batchId });
      for (const p of new Set(originals.flatMap((e) => [e.period, periodOf(e.date)]))) this.refuseIfClosed(p, text(
        `reopen ${p} with a reason first (\`dues reopen ${p} --reason TEXT\`), or record a correcting entry in an open month`,
        `请先说明原因重新打开 ${p}（\`dues reopen ${p} --reason 原因\`），或在未结账月份录入更正分录`,
      ));
      const voidBatch = this.beginBatch({ kind: "void", period: b.period, source: b.source, memo: o.reason, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
      const entries: number[] = [];
      for (const e of originals) {
        entries.push(this.postEntry({
          batch: voidBatch, date: e.date, period: e.period, kind: "void", memo: `void #${e.seq}: ${e.memo}`, ref: e.ref, body: e.body,
          reverses: e.seq, postings: e.postings.map((p) => ({ account: p.account, body: p.body, member: p.member, project: p.project ?? null, period: p.period ?? e.period, amount: -p.amount })),
        }));
      }
      this.stmts.insertVoid.run(batchId, voidBatch, o.reason, o.createdAt);
      return { batch: batchId, voidBatch, entries };
    });
  }

  /** Seals a period: an entry of kind close, and the chain head before it recorded. */
  closePeriod(period: Period, o: { date: IsoDate; createdAt: string; createdBy?: string | null }): CloseRow {
    return this.transaction(() => {
      if (this.isClosed(period)) {
        throw new Refusal("data", [problem("LEDGER_ALREADY_CLOSED", text(`${period} is already closed`, `${period} 已结账`), {
          hint: text(
            `nothing to do; to change ${period}, reopen it with a reason: \`dues reopen ${period} --reason TEXT\``,
            `无需操作；如需更改 ${period}，请说明原因重新打开：\`dues reopen ${period} --reason 原因\``,
          ),
        })]);
      }
      return this.closeAction(period, "close", null, o);
    });
  }

  /** Reopens a closed period; the reopening is itself an entry, with its reason. */
  reopenPeriod(period: Period, o: { reason: string; date: IsoDate; createdAt: string; createdBy?: string | null }): CloseRow {
    return this.transaction(() => {
      if (!this.isClosed(period)) {
        const closed = this.closedPeriods();
        const shown = closed.length > 6 ? ["…", ...closed.slice(-6)] : closed;
        throw new Refusal("data", [problem("LEDGER_NOT_CLOSED", text(`${period} is not closed`, `${period} 未结账`), {
          hint: closed.length === 0
            ? text(
              `no month is closed, so there is nothing to reopen; ${period} already takes entries (\`dues close YYYY-MM\` seals a month)`,
              `目前没有已结账的月份，无需重新打开；${period} 本就可以记账（\`dues close YYYY-MM\` 用于结账）`,
            )
            : text(
              `${period} already takes entries. Closed months: ${shown.join(", ")}; reopen one with \`dues reopen ${closed[closed.length - 1]} --reason TEXT\``,
              `${period} 本就可以记账。已结账月份：${shown.join("、")}；重新打开请用 \`dues reopen ${closed[closed.length - 1]} --reason 原因\``,
            ),
        })]);
      }
      if (!o.reason.trim()) throw new Error("bug: reopening needs a reason");
      return this.closeAction(period, "reopen", o.reason, o);
    });
  }

  private closeAction(period: Period, action: "close" | "reopen", reason: string | null, o: { date: IsoDate; createdAt: string; createdBy?: string | null }): CloseRow {
    const head = this.head();
    const batch = this.beginBatch({ kind: action, period, memo: reason, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
    const entry = this.postEntry({ batch, date: o.date, period, kind: action, memo: reason ?? `${action} ${period}`, ref: period, postings: [] });
    const id = Number(this.stmts.insertClose.run(period, action, entry, head?.seq ?? null, head?.hash ?? null, reason, o.createdAt).lastInsertRowid);
    if (this.cache) this.cache.closed = undefined; // read again when next asked
    return { id, period, action, entry, headSeq: head?.seq ?? null, headHash: head?.hash ?? null, reason, createdAt: o.createdAt };
  }

  private refuseIfClosed(period: Period, hint?: ReturnType<typeof text>): void {
    if (!this.isClosed(period)) return;
    throw new Refusal("cannot-write", [problem("LEDGER_PERIOD_CLOSED", text(`${period} is closed`, `${period} 已结账`), {
      hint: hint ?? text(`reopen it with a reason: \`dues reopen ${period} --reason TEXT\``, `如需更正，请说明原因重新打开：\`dues reopen ${period} --reason 原因\``),
    })]);
  }

  private header(batch: number): BatchHeader {
    let h = this.headers.get(batch);
    if (!h) {
      const r = this.stmts.batchHeader.raw().get(batch) as BatchHeader | undefined;
      if (!r) throw new Error(`bug: entry for unknown batch ${batch}`);
      h = r;
      this.headers.set(batch, h);
    }
    return h;
  }

  // ---------------------------------------------------------------- reading

  head(): { seq: number; hash: string } | null {
    if (this.cache?.head !== undefined) return this.cache.head;
    const head = (this.stmts.head.get() as { seq: number; hash: string } | undefined) ?? null;
    if (this.cache) this.cache.head = head;
    return head;
  }

  isClosed(period: Period): boolean {
    if (this.cache) return (this.cache.closed ??= new Set(this.closedPeriods())).has(period);
    const r = this.stmts.lastClose.get(period) as { action: string } | undefined;
    return r?.action === "close";
  }

  closedPeriods(): Period[] {
    return (this.db.prepare(`SELECT period FROM closes c WHERE id = (SELECT MAX(id) FROM closes WHERE period = c.period) AND action = 'close' ORDER BY period`).all() as { period: string }[]).map((r) => r.period);
  }

  closes(): CloseRow[] {
    return this.db.prepare("SELECT id, period, action, entry, head_seq AS headSeq, head_hash AS headHash, reason, created_at AS createdAt FROM closes ORDER BY id").all() as CloseRow[];
  }

  batch(id: number): BatchRow | undefined {
    return this.batches({ id })[0];
  }

  batches(q: { id?: number; period?: Period; source?: string; kind?: string; sha256?: string; includeVoided?: boolean } = {}): BatchRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.id !== undefined) { where.push("b.id = ?"); args.push(q.id); }
    if (q.period !== undefined) { where.push("b.period = ?"); args.push(q.period); }
    if (q.source !== undefined) { where.push("b.source = ?"); args.push(q.source); }
    if (q.kind !== undefined) { where.push("b.kind = ?"); args.push(q.kind); }
    if (q.sha256 !== undefined) { where.push("b.sha256 = ?"); args.push(q.sha256); }
    if (q.includeVoided === false) where.push("v.batch IS NULL");
    const rows = this.db.prepare(`
      SELECT b.id, b.kind, b.period, b.source, b.file, b.sha256, b.encoding, b.rows, b.config_sha256 AS configSha256,
             b.memo, b.created_at AS createdAt, b.created_by AS createdBy,
             v.void_batch AS voidedBy, v.reason AS voidReason,
             (SELECT COUNT(*) FROM entries e WHERE e.batch = b.id) AS entries
      FROM batches b LEFT JOIN batch_voids v ON v.batch = b.id
      ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY b.id`).all(...args) as (Omit<BatchRow, "voided">)[];
    return rows.map((r) => ({ ...r, voided: r.voidedBy !== null }));
  }

  /** Entries with their postings, in chain order. */
  entries(q: RangeQuery & { batch?: number; kinds?: string[] } = {}): EntryRow[] {
    const { where, args } = rangeWhere(q, "e");
    if (q.batch !== undefined) { where.push("e.batch = ?"); args.push(q.batch); }
    if (q.kinds?.length) { where.push(`e.kind IN (${q.kinds.map(() => "?").join(",")})`); args.push(...q.kinds); }
    const w = where.length ? "WHERE " + where.join(" AND ") : "";
    const entries = this.db.prepare(`SELECT seq, date, period, kind, memo, batch, ref, body, reverses, recorded_at AS recordedAt, hash FROM entries e ${w} ORDER BY seq`).all(...args) as Omit<EntryRow, "postings">[];
    const byEntry = new Map<number, PostingRow[]>();
    for (const e of entries) byEntry.set(e.seq, []);
    const ps = this.db.prepare(`SELECT p.entry, p.account, p.body, p.member, p.amount, p.period, e.period AS "entryPeriod", p.project FROM postings p JOIN entries e ON e.seq = p.entry ${w} ORDER BY p.entry, p.line`).iterate(...args) as IterableIterator<PostingRow & { entry: number; entryPeriod: string }>;
    for (const p of ps) {
      // period only where it is the posting's own (opening lines), project only where tagged.
      byEntry.get(p.entry)?.push({
        account: p.account, body: p.body, member: p.member, amount: p.amount,
        ...(p.period !== p.entryPeriod ? { period: p.period } : {}), ...(p.project !== null ? { project: p.project } : {}),
      });
    }
    return entries.map((e) => ({ ...e, postings: byEntry.get(e.seq)! }));
  }

  /** Every posting in chain order with its entry's fields; streams (for long journals). */
  iteratePostings(q: RangeQuery & { entry?: number } = {}): IterableIterator<JournalLine> {
    const { where, args } = rangeWhere(q, "e");
    if (q.entry !== undefined) { where.push("e.seq = ?"); args.push(q.entry); }
    return this.db.prepare(`
      SELECT e.seq, p.line, e.date, e.period, e.kind, e.memo, e.batch, e.ref, p.account, p.body, p.member, p.amount, p.project
      FROM postings p JOIN entries e ON e.seq = p.entry ${where.length ? "WHERE " + where.join(" AND ") : ""}
      ORDER BY p.entry, p.line`).iterate(...args) as IterableIterator<JournalLine>;
  }

  /**
   * Debits, credits and balance (debit − credit) by account, and optionally by body,
   * period and member. `account` includes its sub-accounts (501 → 50101…50106).
   */
  balances(q: RangeQuery & { account?: string; byBody?: boolean; byPeriod?: boolean; byMember?: boolean; byProject?: boolean; notKinds?: readonly string[] } = {}): BalanceRow[] {
    const { where, args } = rangeWhere(q, "p");
    if (q.asOf !== undefined) { where.push("e.date <= ?"); args.push(q.asOf); }
    // Entries of these kinds left out: the year-end carry-forward is not the year's movement.
    if (q.notKinds?.length) { where.push(`e.kind NOT IN (${q.notKinds.map(() => "?").join(",")})`); args.push(...q.notKinds); }
    if (q.account !== undefined) {
      const codes = [q.account, ...this.descendants(q.account)];
      where.push(`p.account IN (${codes.map(() => "?").join(",")})`);
      args.push(...codes);
    }
    const keys = ["p.account", ...(q.byBody ? ["p.body"] : []), ...(q.byPeriod ? ["p.period"] : []), ...(q.byMember ? ["p.member"] : []), ...(q.byProject ? ["p.project"] : [])];
    const rows = this.db.prepare(`
      SELECT ${keys.join(", ")},
        SUM(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END) AS debit,
        SUM(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END) AS credit,
        SUM(p.amount) AS balance
      FROM postings p ${q.asOf !== undefined || q.notKinds?.length ? "JOIN entries e ON e.seq = p.entry" : ""}
      ${where.length ? "WHERE " + where.join(" AND ") : ""}
      GROUP BY ${keys.join(", ")} ORDER BY ${keys.map((k) => `${k} NULLS FIRST`).join(", ")}`).all(...args) as (BalanceRow & { body?: string | null })[];
    return rows.map((r) => ({ ...r, body: r.body ?? null }));
  }

  /** Per account (and body): opening before `from`, debits and credits in range, closing. */
  trialBalance(q: { from?: Period; to?: Period } = {}): TrialRow[] {
    const rows = this.db.prepare(`
      SELECT account, body,
        SUM(CASE WHEN CAST(? AS TEXT) IS NOT NULL AND period < ? THEN amount ELSE 0 END) AS opening,
        SUM(CASE WHEN (CAST(? AS TEXT) IS NULL OR period >= ?) AND amount > 0 THEN amount ELSE 0 END) AS debit,
        SUM(CASE WHEN (CAST(? AS TEXT) IS NULL OR period >= ?) AND amount < 0 THEN -amount ELSE 0 END) AS credit
      FROM postings WHERE (CAST(? AS TEXT) IS NULL OR period <= ?)
      GROUP BY account, body ORDER BY account, body NULLS FIRST`).all(
      q.from ?? null, q.from ?? null, q.from ?? null, q.from ?? null, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null,
    ) as Omit<TrialRow, "closing">[];
    return rows
      .map((r) => ({ ...r, closing: r.opening + r.debit - r.credit }))
      .filter((r) => r.opening !== 0 || r.debit !== 0 || r.credit !== 0);
  }

  /** Member lines (the per-member subledger), by default without voided batches. */
  memberLines(q: { period?: Period; from?: Period; to?: Period; member?: string; batch?: number; includeVoided?: boolean } = {}): IterableIterator<MemberLineRow> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.period !== undefined) { where.push("l.period = ?"); args.push(q.period); }
    if (q.from !== undefined) { where.push("l.period >= ?"); args.push(q.from); }
    if (q.to !== undefined) { where.push("l.period <= ?"); args.push(q.to); }
    if (q.member !== undefined) { where.push("l.member_id = ?"); args.push(q.member); }
    if (q.batch !== undefined) { where.push("l.batch_id = ?"); args.push(q.batch); }
    if (!q.includeVoided) where.push("l.batch_id NOT IN (SELECT batch FROM batch_voids)");
    const it = this.db.prepare(`
      SELECT id, batch_id, period, member_id, source_line, name, department, status, is_member, exempt, exempt_reason,
             dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base
      FROM member_lines l ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY l.period, l.batch_id, l.id`).raw().iterate(...args) as IterableIterator<unknown[]>;
    // Raw rows and one object each: this is read a million rows at a time by the workbooks.
    return (function* () {
      for (const r of it) {
        yield {
          id: r[0] as number, batchId: r[1] as number, period: r[2] as string, memberId: r[3] as string, sourceLine: r[4] as number,
          name: r[5] as string, department: r[6] as string, status: r[7] as string, isMember: r[8] === 1, exempt: r[9] === 1,
          exemptReason: r[10] as string | null, duesBase: r[11] as number, truncatedBase: r[12] as number, rateText: r[13] as string,
          dues: r[14] as number, deducted: r[15] as number | null, difference: r[16] as number, fundsBase: r[17] as number,
        };
      }
    })();
  }

  /**
   * One batch's member lines as raw rows (MemberLineKey: line id, memberId, dues, isMember 0/1,
   * exempt 0/1, name, department, status, sourceLine), in line order and in pages: no object
   * per line, for the payroll import's comparison with last month (a million lines).
   */
  memberLineKeys(batch: number, period: Period): Iterable<MemberLineKey[]> {
    // Pages of rows, each read with all(): a row at a time through iterate() costs a native
    // round trip per row, and a million rows at once would be a million arrays held together.
    const st = this.db.prepare(`SELECT id, member_id, dues, is_member, exempt, name, department, status, source_line FROM member_lines
      WHERE period = ? AND batch_id = ? AND id > ? ORDER BY period, batch_id, id LIMIT ${KEY_PAGE}`).raw();
    return {
      *[Symbol.iterator]() {
        for (let after = 0; ;) {
          const rows = st.all(period, batch, after) as MemberLineKey[];
          if (rows.length === 0) return;
          yield rows;
          if (rows.length < KEY_PAGE) return;
          after = rows[rows.length - 1]![0];
        }
      },
    };
  }

  members(): MemberRecord[] {
    return this.db.prepare("SELECT id, name, department, status, updated_at AS updatedAt FROM members ORDER BY id").all() as MemberRecord[];
  }

  memberStatuses(member?: string): MemberStatusRow[] {
    return this.db.prepare(`SELECT member, period, status, batch FROM member_status ${member !== undefined ? "WHERE member = ?" : ""} ORDER BY member, period, id`).all(...(member !== undefined ? [member] : [])) as MemberStatusRow[];
  }

  configText(sha256: string): string | undefined {
    return (this.db.prepare("SELECT text FROM configs WHERE sha256 = ?").get(sha256) as { text: string } | undefined)?.text;
  }

  /** Recomputes the chain, balances, member-line digests, voids, closes and SQLite integrity. */
  verify(o: { head?: string } = {}): VerifyReport {
    return verifyLedger(this.db, this.dialect, this.metaCache, o);
  }

  /**
   * A consistent copy, refusing to overwrite `file`: SQLite's online backup API, or on
   * PostgreSQL a pg_dump (custom format) of one snapshot, whose chain head is read in it.
   */
  async backupTo(file: string): Promise<{ file: string; bytes: number; head: { seq: number; hash: string } | null }> {
    if (existsSync(file)) throw backupExists(file);
    if (this.dialect === "postgres") return this.dumpTo(file);
    // Write beside the target, then link into place: link() never replaces an existing
    // file, so a FILE created meanwhile by someone else is not overwritten either.
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
    try {
      await (this.db as Database.Database).backup(tmp);
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") throw backupExists(file);
        throw e;
      }
    } finally {
      if (existsSync(tmp)) unlinkSync(tmp);
    }
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const bytes = (copy.prepare("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()").get() as { n: number }).n;
      // The head of the copy, not of the live file: another process may have written since.
      const head = (copy.prepare("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined) ?? null;
      return { file, bytes, head };
    } finally {
      copy.close();
    }
  }

  private async dumpTo(file: string): Promise<{ file: string; bytes: number; head: { seq: number; hash: string } | null }> {
    const db = this.db as PgDb;
    if (db.inTransaction) throw new Error("bug: backupTo inside a transaction");
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
    // One snapshot for the dump and for the head it reports: exported from a repeatable
    // read transaction held open while pg_dump runs (pg_dump --snapshot).
    db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const snapshot = db.prepare("SELECT pg_export_snapshot() AS s").pluck().get() as string;
      const head = this.head();
      await runPgDump(db.url, snapshot, tmp);
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") throw backupExists(file);
        throw e;
      }
      return { file, bytes: statSync(file).size, head };
    } finally {
      if (existsSync(tmp)) unlinkSync(tmp);
      db.exec("ROLLBACK");
    }
  }

  private descendants(code: string): string[] {
    const out: string[] = [];
    for (const c of childrenOf(this.metaCache.chart, code)) out.push(c.code, ...this.descendants(c.code));
    return out;
  }
}

function backupExists(file: string): Refusal {
  return new Refusal("cannot-write", [problem("BACKUP_EXISTS", text(`${file} already exists; a backup never overwrites a file`, `${file} 已存在；备份不会覆盖已有文件`), {
    file,
    hint: text("choose a new file name", "请换一个文件名"),
  })]);
}

function notALedger(path: string, e: unknown): Refusal {
  if (/^SQLITE_(CORRUPT|IOERR)/.test((e as { code?: string }).code ?? "")) {
    return new Refusal("missing", [problem("LEDGER_DAMAGED", text(`${path} is damaged and cannot be read (${(e as Error).message})`, `${path} 已损坏，无法读取（${(e as Error).message}）`), {
      file: path,
      hint: text("restore the latest copy made by `dues backup`, then run `dues verify` on it", "请恢复最近一次 `dues backup` 的副本，并对其运行 `dues verify`"),
    })]);
  }
  return new Refusal("missing", [problem("LEDGER_NOT_A_LEDGER", text(`${path} is not a dues ledger (${e instanceof Error ? e.message : String(e)})`, `${path} 不是 dues 账本（${e instanceof Error ? e.message : String(e)}）`), {
    file: path,
    hint: text("check --db, DUES_DB or the `ledger:` key in dues.yaml", "请检查 --db、DUES_DB 或 dues.yaml 中的 ledger: 设置"),
  })]);
}

function migrate(db: SqlDb, dialect: Dialect, from: number): void {
  for (const m of MIGRATIONS) if (m.version > from) db.exec(sqlFor(m, dialect));
  if (db instanceof PgDb) db.schemaChanged();
}

/** True for "another writer held the ledger for the whole wait" on either backend. */
export function isLedgerBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || (e instanceof PgError && code === "55P03");
}

/** The table of high-water marks: SQLite's own, or the one migration 001 makes on PostgreSQL. */
export function marksTable(dialect: Dialect): string {
  return dialect === "sqlite" ? "sqlite_sequence" : "dues_sequence";
}

/** A member line's money must be integer minor units (exact below 2^53): else a bug upstream. */
function checkLineMoney(member: string, line: number, duesBase: number, truncatedBase: number, dues: number, deducted: number | null, difference: number, fundsBase: number): void {
  if (!(Number.isSafeInteger(duesBase) && Number.isSafeInteger(truncatedBase) && Number.isSafeInteger(dues)
    && Number.isSafeInteger(difference) && Number.isSafeInteger(fundsBase) && (deducted === null || Number.isSafeInteger(deducted)))) {
    throw new Error(`bug: member line ${member} (line ${line}) has money that is not integer minor units`);
  }
}

/** Begins the one write transaction: BEGIN IMMEDIATE, or BEGIN and the advisory lock. */
function beginWrite(db: SqlDb, dialect: Dialect): void {
  if (dialect === "sqlite") {
    db.exec("BEGIN IMMEDIATE");
    return;
  }
  // For the measurement behind the locking decision only (bench/pg.ts, docs/postgres.md):
  // SERIALIZABLE and no lock, so that concurrent writers conflict and retry.
  if (process.env.DUES_PG_LOCKING === "serializable") {
    db.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
    return;
  }
  // One round trip. As SQLite's busy_timeout: wait up to 10 s for the writer before,
  // then fail (55P03, isLedgerBusy).
  try {
    db.exec(`BEGIN; SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(${PG_WRITE_LOCK}); SET LOCAL lock_timeout = 0`);
  } catch (e) {
    try { db.exec("ROLLBACK"); } catch { /* no transaction was left open */ }
    throw e;
  }
}

/** fn in one write transaction (see beginWrite); a throw rolls it back. */
function writeTransaction<T>(db: SqlDb, dialect: Dialect, fn: () => T): T {
  beginWrite(db, dialect);
  try {
    const r = fn();
    db.exec("COMMIT");
    return r;
  } catch (e) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw e;
  }
}

function initialise(db: SqlDb, dialect: Dialect, meta: { chart: ChartId; currency: string; digits: number; createdAt: string }): void {
  migrate(db, dialect, 0);
  const put = db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
  put.run("chart", meta.chart);
  put.run("currency", meta.currency);
  put.run("digits", String(meta.digits));
  put.run("created_at", meta.createdAt);
  put.run("schema_version", String(SCHEMA_VERSION));
}

/** Migrates to SCHEMA_VERSION in one write transaction (re-reading the version inside it). */
function upgrade(db: SqlDb, dialect: Dialect): void {
  writeTransaction(db, dialect, () => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const now = Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
    if (now < SCHEMA_VERSION) {
      migrate(db, dialect, now);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
    }
  });
}

function schemaVersionOf(db: SqlDb, path: string): number {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    if (!row) throw new Error("no schema_version");
    return Number(row.value);
  } catch (e) {
    db.close();
    throw notALedger(path, e);
  }
}

/** One connection to the server, or a Refusal that says why not (never the password). */
function connect(url: string, kind: "missing" | "cannot-write"): PgDb {
  try {
    return new PgDb(url);
  } catch (e) {
    const shown = redactUrl(url);
    const why = (e as Error).message;
    throw new Refusal(kind, [problem("LEDGER_SERVER_UNREACHABLE", text(`cannot connect to the PostgreSQL ledger ${shown}: ${why}`, `无法连接 PostgreSQL 账本 ${shown}：${why}`), {
      file: shown,
      hint: text(
        "check the server is running and the URL (--db, DUES_DB or ledger: { url } in dues.yaml); the password comes from PGPASSWORD or ~/.pgpass, never from dues.yaml",
        "请确认服务器已启动、URL 正确（--db、DUES_DB 或 dues.yaml 中的 ledger: { url }）；密码取自 PGPASSWORD 或 ~/.pgpass，不写在 dues.yaml 中",
      ),
    })]);
  }
}

/** pg_dump of one exported snapshot, custom format (restore with pg_restore). */
function runPgDump(url: string, snapshot: string, out: string): Promise<void> {
  const bin = pgDumpPath();
  return new Promise((res, rej) => {
    const child = spawn(bin, ["--format=custom", `--snapshot=${snapshot}`, `--file=${out}`, `--dbname=${url}`], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => rej(backupCannotWrite(out, `pg_dump: ${e.message}`)));
    child.on("close", (code) => (code === 0 ? res() : rej(backupCannotWrite(out, `pg_dump exited ${code}: ${stderr.trim().split("\n")[0] ?? ""}`))));
  });
}

/** pg_dump on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin. */
function pgDumpPath(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, "pg_dump"))) return join(dir, "pg_dump");
  for (const v of ["17", "16", "15", "14", "13"]) if (existsSync(`/usr/lib/postgresql/${v}/bin/pg_dump`)) return `/usr/lib/postgresql/${v}/bin/pg_dump`;
  return "pg_dump";
}

function backupCannotWrite(file: string, why: string): Refusal {
  return new Refusal("cannot-write", [problem("BACKUP_CANNOT_WRITE", text(`cannot write the backup ${file}: ${why}`, `无法写入备份 ${file}：${why}`), {
    file,
    hint: text("install pg_dump (the postgresql-client package) of the server's version or newer", "请安装与服务器同版本或更新的 pg_dump（postgresql-client 软件包）"),
  })]);
}

function readMeta(db: SqlDb): LedgerMeta {
  const rows = db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[];
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const chart = m.get("chart") ?? "";
  if (!isChartId(chart)) throw new Error(`bug: ledger meta names unknown chart ${chart}`);
  return { chart, currency: m.get("currency") ?? "", digits: Number(m.get("digits")), createdAt: m.get("created_at") ?? "", schemaVersion: Number(m.get("schema_version")) };
}

function freeName(base: string): string {
  if (!existsSync(base)) return base;
  for (let i = 2; ; i++) if (!existsSync(`${base}.${i}`)) return `${base}.${i}`;
}

function rangeWhere(q: RangeQuery, alias: string): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.from !== undefined) { where.push(`${alias}.period >= ?`); args.push(q.from); }
  if (q.to !== undefined) { where.push(`${alias}.period <= ?`); args.push(q.to); }
  if (q.asOf !== undefined && alias === "e") { where.push("e.date <= ?"); args.push(q.asOf); }
  return { where, args };
}

/** A write whose result nobody reads: pipelined where the backend can (runLater), else run. */
function later(st: SqlStatement, params: unknown[]): void {
  if (st.runLater) st.runLater(params); else st.run(params);
}

function prepare(db: SqlDb) {
  return {
    saveConfig: db.prepare("INSERT INTO configs(sha256, text) VALUES (?, ?) ON CONFLICT(sha256) DO NOTHING"),
    insertBatchId: db.prepare("INSERT INTO batches(id, kind, period, source, file, sha256, encoding, rows, config_sha256, memo, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"),
    batchHeader: db.prepare("SELECT kind, period, source, file, sha256, encoding, rows, config_sha256, memo, created_at, created_by FROM batches WHERE id = ?"),
    insertEntry: db.prepare("INSERT INTO entries(seq, date, period, kind, memo, batch, ref, body, reverses, postings, debit_total, lines_count, lines_digest, recorded_at, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
    insertVoid: db.prepare("INSERT INTO batch_voids(batch, void_batch, reason, created_at) VALUES (?,?,?,?)"),
    insertClose: db.prepare("INSERT INTO closes(period, action, entry, head_seq, head_hash, reason, created_at) VALUES (?,?,?,?,?,?,?)"),
    upsertMember: db.prepare("INSERT INTO members(id, name, department, status, updated_at) VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, department = excluded.department, status = excluded.status, updated_at = excluded.updated_at"),
    lastLine: db.prepare(`SELECT MAX(id) AS "last" FROM member_lines`),
    membersFromLines: db.prepare(`INSERT INTO members(id, name, department, status, updated_at)
      SELECT member_id, name, department, status, ? FROM member_lines WHERE id > ? AND id <= ? AND batch_id = ? AND is_member = 1 ORDER BY id
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, department = excluded.department, status = excluded.status, updated_at = excluded.updated_at`),
    insertStatus: db.prepare("INSERT INTO member_status(member, period, status, batch) VALUES (?,?,?,?)"),
    head: db.prepare("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1"),
    lastClose: db.prepare("SELECT action FROM closes WHERE period = ? ORDER BY id DESC LIMIT 1"),
  };
}
