// The federation's tables (migration 007): the affiliates register with its history, and
// the remittance advices with their month lines. Takes SqlDb and portable SQL only
// (TEAM.md); writes run inside ledger.transaction(). Knows no CSV, JSON or terminal.
import { insertRows, type SqlDb } from "./sql.js";
import type { Affiliate, AffiliateVersion, CollectionModel } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";

interface AffiliateRow {
  id: string;
  version: number;
  name: string;
  employer: string;
  creditCode: string | null;
  collection: string | null;
  receives: string;
  fundsBase: number | null;
  contact: string;
  joined: string | null;
  left: string | null;
}

const COLUMNS = `name, employer, credit_code AS "creditCode", collection, receives, funds_base AS "fundsBase", contact, joined, left_on AS "left"`;

function toAffiliate(r: AffiliateRow): Affiliate {
  return {
    id: r.id, name: r.name, employer: r.employer, creditCode: r.creditCode, collection: (r.collection as CollectionModel | null) ?? null,
    receives: r.receives === "" ? null : r.receives === "all" ? "all" : r.receives.split(";"),
    fundsBase: r.fundsBase, contact: r.contact, joined: r.joined ?? null, left: r.left ?? null,
  };
}

function receivesColumn(a: Affiliate): string {
  return a.receives === null ? "" : a.receives === "all" ? "all" : a.receives.join(";");
}

/** One affiliate of an import, with the line of the file it came from. */
export interface AffiliateInput extends Affiliate {
  readonly sourceLine: number;
}

export interface NewAdvice {
  readonly batch: number;
  readonly affiliate: string;
  readonly kind: "month" | "year";
  readonly from: Period;
  readonly to: Period;
  readonly file: string;
  readonly sha256: string;
  readonly generatedAt: string;
  readonly asOf: string | null;
  readonly head: { seq: number; hash: string } | null;
  readonly configSha256: string;
  readonly importedAt: string;
}

export interface NewAdviceLine {
  readonly period: Period;
  readonly employees: number;
  readonly members: number;
  readonly dues: Minor;
  readonly fundsBase: Minor;
  readonly funds: Minor;
  /** Every share the affiliate owes upward for the month. */
  readonly upward: Minor;
  /** Of it, what comes to this federation. */
  readonly expected: Minor;
  /** Of that, what was debited to the affiliate's receivable (the rest comes another way). */
  readonly booked: Minor;
  readonly collection: CollectionModel;
  readonly entry: number | null;
  readonly replaces: number | null;
}

/** A month line of an advice that stands: its batch not voided and no standing line replacing it. */
export interface StandingLine extends NewAdviceLine {
  readonly id: number;
  readonly advice: number;
  readonly affiliate: string;
  readonly sha256: string;
  readonly file: string;
  readonly batch: number;
}

export interface StoredAdvice {
  readonly id: number;
  readonly batch: number;
  readonly affiliate: string;
  readonly kind: string;
  readonly from: Period;
  readonly to: Period;
  readonly file: string;
  readonly sha256: string;
  readonly importedAt: string;
  /** The advice's batch was voided. */
  readonly voided: boolean;
}

const ADVICE_LINE_COLUMNS = ["advice", "affiliate", "period", "employees", "members", "dues", "funds_base", "funds", "upward", "expected", "booked", "collection", "entry", "replaces"];

// The advice column of a line: the id of the (one) advice of the batch given, the newest first
// (a backward scan of the primary key that stops at once: advices has no index on batch).
const ADVICE_OF_BATCH = ["(SELECT id FROM advices WHERE batch = ? ORDER BY id DESC LIMIT 1)"];

const NOT_VOIDED = (col: string) => `${col} NOT IN (SELECT batch FROM batch_voids) AND ${col} NOT IN (SELECT void_batch FROM batch_voids)`;

/** Advice lines whose batch stands; callers add a filter and the order. */
const STANDING_LINES = `SELECT l.id AS id, l.advice AS advice, l.affiliate AS affiliate, l.period AS period, l.employees AS employees, l.members AS members, l.dues AS dues,
              l.funds_base AS "fundsBase", l.funds AS funds, l.upward AS upward, l.expected AS expected, l.booked AS booked, l.collection AS collection,
              l.entry AS entry, l.replaces AS replaces, a.sha256 AS sha256, a.file AS file, a.batch AS batch
         FROM advice_lines l JOIN advices a ON a.id = l.advice
        WHERE ${NOT_VOIDED("a.batch")}`;

/** Leaves out a line replaced by a line that itself stands (the replacing batch reversed it);
 *  a correction replaces a line of the same affiliate and month, so one affiliate's lines suffice. */
function superseded(rows: StandingLine[]): StandingLine[] {
  const replaced = new Set(rows.map((r) => r.replaces).filter((x): x is number => x !== null));
  return replaced.size ? rows.filter((r) => !replaced.has(r.id)) : rows;
}

export class AffiliateStore {
  constructor(private readonly db: SqlDb) {}

  private requireTransaction(what: string): void {
    if (!this.db.inTransaction) throw new Error(`bug: AffiliateStore.${what} must run inside ledger.transaction()`);
  }

  /** The register as it stands, by id. */
  all(): Affiliate[] {
    return (this.db.prepare(`SELECT id, version, ${COLUMNS} FROM affiliates ORDER BY id`).all() as AffiliateRow[]).map(toAffiliate);
  }

  get(id: string): (Affiliate & { version: number }) | undefined {
    const r = this.db.prepare(`SELECT id, version, ${COLUMNS} FROM affiliates WHERE id = ?`).get(id) as AffiliateRow | undefined;
    return r ? { ...toAffiliate(r), version: r.version } : undefined;
  }

  /** The affiliate whose employer has this credit code (one at most: the import refuses a second), for tax lists. */
  byCreditCode(code: string): (Affiliate & { version: number }) | undefined {
    const r = this.db.prepare(`SELECT id, version, ${COLUMNS} FROM affiliates WHERE credit_code = ?`).get(code) as AffiliateRow | undefined;
    return r ? { ...toAffiliate(r), version: r.version } : undefined;
  }

  count(): number {
    return Number((this.db.prepare("SELECT COUNT(*) AS n FROM affiliates").get() as { n: number }).n);
  }

  /** Every version of one affiliate, oldest first, with the import each came from. */
  history(id: string): AffiliateVersion[] {
    const rows = this.db.prepare(
      `SELECT v.affiliate AS id, v.version AS version, v.name AS name, v.employer AS employer, v.credit_code AS "creditCode", v.collection AS collection,
              v.receives AS receives, v.funds_base AS "fundsBase", v.contact AS contact, v.joined AS joined, v.left_on AS "left", i.file AS file, v.source_line AS "sourceLine", i.imported_at AS "importedAt"
         FROM affiliate_versions v JOIN affiliate_imports i ON i.id = v.import_id
        WHERE v.affiliate = ? ORDER BY v.version`,
    ).all(id) as (AffiliateRow & { file: string; sourceLine: number; importedAt: string })[];
    return rows.map((r) => ({ ...toAffiliate(r), version: r.version, file: r.file, sourceLine: r.sourceLine, importedAt: r.importedAt }));
  }

  /**
   * Records an import: a new version for every affiliate that is new or whose fields
   * changed (`changed` says which ids), and the register row brought up to date.
   */
  record(rows: readonly AffiliateInput[], changed: ReadonlySet<string>, from: { file: string; sha256: string; importedAt: string; added: number }): number {
    this.requireTransaction("record");
    const importId = Number(this.db.prepare("INSERT INTO affiliate_imports (file, sha256, rows_read, added, changed, imported_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(from.file, from.sha256, rows.length, from.added, changed.size - from.added, from.importedAt).lastInsertRowid);
    // Three statements for the whole import, not three round trips per affiliate on
    // PostgreSQL: the versions read once, the new versions and the register rows written
    // with multi-row INSERTs (docs/postgres.md, "Where PostgreSQL's time goes").
    const versions = new Map((this.db.prepare("SELECT id, version FROM affiliates").raw().all() as [string, number][]).map(([id, v]) => [id, Number(v)]));
    const versionRows: unknown[][] = [];
    const registerRows = new Map<string, unknown[]>(); // by id: one row per id in an upsert statement
    for (const a of rows) {
      if (!changed.has(a.id)) continue;
      const v = (versions.get(a.id) ?? 0) + 1;
      versions.set(a.id, v);
      const values = [a.name, a.employer, a.creditCode, a.collection, receivesColumn(a), a.fundsBase, a.contact, a.joined ?? null, a.left ?? null] as const;
      versionRows.push([a.id, v, ...values, importId, a.sourceLine]);
      registerRows.set(a.id, [a.id, v, ...values, from.importedAt]);
    }
    insertRows(this.db, "affiliate_versions", ["affiliate", "version", "name", "employer", "credit_code", "collection", "receives", "funds_base", "contact", "joined", "left_on", "import_id", "source_line"], versionRows);
    insertRows(this.db, "affiliates", ["id", "version", "name", "employer", "credit_code", "collection", "receives", "funds_base", "contact", "joined", "left_on", "updated_at"], registerRows.values(),
      `ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name, employer = excluded.employer, credit_code = excluded.credit_code,
        collection = excluded.collection, receives = excluded.receives, funds_base = excluded.funds_base, contact = excluded.contact, joined = excluded.joined, left_on = excluded.left_on, updated_at = excluded.updated_at`);
    return importId;
  }

  // ---------------------------------------------------------------------------------
  // Advices
  // ---------------------------------------------------------------------------------

  /**
   * Records an advice and its month lines. Both are sent without waiting where the backend
   * can (runLater): the lines find their advice as the newest of its batch (one advice per
   * batch), so no id has to come back first, which on PostgreSQL is a round trip per advice.
   */
  addAdvice(a: NewAdvice, lines: readonly NewAdviceLine[]): void {
    this.requireTransaction("addAdvice");
    insertRows(this.db, "advices", ["batch", "affiliate", "kind", "from_period", "to_period", "file", "sha256", "generated_at", "as_of", "head_seq", "head_hash", "config_sha256", "imported_at"], [[
      a.batch, a.affiliate, a.kind, a.from, a.to, a.file, a.sha256, a.generatedAt, a.asOf, a.head?.seq ?? null, a.head?.hash ?? null, a.configSha256, a.importedAt,
    ]]);
    // All of an advice's month lines in one statement, not one round trip each on PostgreSQL.
    insertRows(this.db, "advice_lines", ADVICE_LINE_COLUMNS, lines.map((l) => [
      a.batch, a.affiliate, l.period, l.employees, l.members, l.dues, l.fundsBase, l.funds, l.upward, l.expected, l.booked, l.collection, l.entry, l.replaces,
    ]), "", ADVICE_OF_BATCH);
  }

  /** Advices with any of these SHA-256s, oldest first, voided ones included and marked: one query for many files. */
  advicesWithShas(shas: readonly string[]): StoredAdvice[] {
    if (shas.length === 0) return [];
    return (this.db.prepare(
      `SELECT id, batch, affiliate, kind, from_period AS "from", to_period AS "to", file, sha256, imported_at AS "importedAt",
              CASE WHEN batch IN (SELECT batch FROM batch_voids) THEN 1 ELSE 0 END AS voided
         FROM advices WHERE sha256 IN (${shas.map(() => "?").join(",")}) ORDER BY id`,
    ).all(...shas) as (Omit<StoredAdvice, "voided"> & { voided: number })[]).map((r) => ({ ...r, voided: Boolean(r.voided) }));
  }

  /**
   * The month lines that stand of each of these affiliates (the advice's batch not voided,
   * and no later standing line replacing it), by affiliate, each ordered by period: one
   * query for many files.
   */
  standingLinesOf(affiliates: readonly string[]): Map<string, StandingLine[]> {
    const out = new Map<string, StandingLine[]>();
    if (affiliates.length === 0) return out;
    const rows = this.db.prepare(`${STANDING_LINES} AND l.affiliate IN (${affiliates.map(() => "?").join(",")}) ORDER BY l.affiliate, l.period, l.id`).all(...affiliates) as StandingLine[];
    for (const l of rows) {
      const group = out.get(l.affiliate);
      if (group) group.push(l);
      else out.set(l.affiliate, [l]);
    }
    for (const [id, group] of out) out.set(id, superseded(group));
    return out;
  }

  /**
   * The standing lines one affiliate at a time, in affiliate order (byte order, as TEXT
   * collates on both backends), read through a cursor: only one affiliate's lines are held.
   */
  *standingByAffiliate(): IterableIterator<StandingLine[]> {
    let group: StandingLine[] = [];
    for (const l of this.db.prepare(`${STANDING_LINES} ORDER BY l.affiliate, l.period, l.id`).iterate() as IterableIterator<StandingLine>) {
      if (group.length && group[0]!.affiliate !== l.affiliate) {
        yield superseded(group);
        group = [];
      }
      group.push(l);
    }
    if (group.length) yield superseded(group);
  }

  /** The first month a standing advice line covers (a line replaced stands on the same month). */
  firstStandingPeriod(): Period | undefined {
    const r = this.db.prepare(`SELECT MIN(l.period) AS period FROM advice_lines l JOIN advices a ON a.id = l.advice WHERE ${NOT_VOIDED("a.batch")}`).get() as { period: Period | null } | undefined;
    return r?.period ?? undefined;
  }
}
