// The queries the final accounts (决算) and the annual return need beyond Ledger's own:
// movements of the fund-balance accounts (321/322) told apart by kind, and each payroll
// batch's member counts and totals. Portable SQL (TEAM.md): ? placeholders, quoted aliases.
import type { SqlDb } from "./sql.js";
import type { Minor } from "../domain/money.js";
import type { IsoDate, Period } from "../domain/period.js";
import { CARRY_FORWARD_KINDS as YEAR_CLOSE_KINDS } from "../domain/journal.js";
import { OPENING_KIND } from "./opening-store.js";

/** Postings to one account dated in a range, split by what kind of entry made them. */
export interface FundMovement {
  readonly account: string;
  /** Net (debit positive) of the year-end close and its reopenings. */
  readonly close: Minor;
  /** Net of the opening-balance batch dated in the range (it belongs to the year's start). */
  readonly opening: Minor;
  /** Debits and credits of every other entry. */
  readonly debit: Minor;
  readonly credit: Minor;
}

/** A payroll batch that stands (not voided), with the totals of its member lines. */
export interface PayrollBatchSummary {
  readonly batch: number;
  readonly period: Period;
  readonly source: string | null;
  readonly file: string | null;
  readonly sha256: string | null;
  readonly configSha256: string | null;
  readonly employees: number;
  readonly members: number;
  readonly exempt: number;
  /** Members assessed dues above zero (SPEC §3 count: paying). */
  readonly paying: number;
  /** Σ dues base of members who are not exempt, as the import's summary adds it. */
  readonly duesBase: Minor;
  readonly dues: Minor;
  readonly fundsBase: Minor;
  /** Members by status as stored (the import's per-capita counts). */
  readonly statuses: Readonly<Record<string, number>>;
}

const STANDING = "e.batch NOT IN (SELECT batch FROM batch_voids) AND e.batch NOT IN (SELECT void_batch FROM batch_voids)";

export class FinalStore {
  constructor(private readonly db: SqlDb) {}

  /**
   * For each account: postings dated from..to (inclusive), voided batches and the void
   * batches that reversed them left out (together they are nothing), split into the
   * year-end close, the opening batch, and the rest by side.
   */
  fundMovements(accounts: readonly string[], from: IsoDate, to: IsoDate): FundMovement[] {
    if (accounts.length === 0) return [];
    const marks = accounts.map(() => "?").join(", ");
    const closeMarks = YEAR_CLOSE_KINDS.map(() => "?").join(", ");
    const rows = this.db.prepare(`
      SELECT account,
        SUM(CASE WHEN cls = 'close' THEN amount ELSE 0 END) AS close,
        SUM(CASE WHEN cls = 'opening' THEN amount ELSE 0 END) AS opening,
        SUM(CASE WHEN cls = 'other' AND amount > 0 THEN amount ELSE 0 END) AS debit,
        SUM(CASE WHEN cls = 'other' AND amount < 0 THEN -amount ELSE 0 END) AS credit
      FROM (
        SELECT p.account AS account, p.amount AS amount,
          CASE WHEN e.kind IN (${closeMarks}) OR b.kind IN (${closeMarks}) THEN 'close' WHEN b.kind = ? THEN 'opening' ELSE 'other' END AS cls
        FROM postings p JOIN entries e ON e.seq = p.entry JOIN batches b ON b.id = e.batch
        WHERE p.account IN (${marks}) AND e.date >= ? AND e.date <= ? AND ${STANDING}
      ) t
      GROUP BY account ORDER BY account`).all(...YEAR_CLOSE_KINDS, ...YEAR_CLOSE_KINDS, OPENING_KIND, ...accounts, from, to) as FundMovement[];
    return rows;
  }

  /** Payroll batches of the periods from..to that stand, with their member lines' totals, by period then batch. */
  payrollBatches(from: Period, to: Period): PayrollBatchSummary[] {
    const rows = this.db.prepare(`
      SELECT b.id AS batch, b.period AS period, b.source AS source, b.file AS file, b.sha256 AS sha256, b.config_sha256 AS "configSha256",
        COUNT(l.id) AS employees,
        COALESCE(SUM(CASE WHEN l.is_member = 1 THEN 1 ELSE 0 END), 0) AS members,
        COALESCE(SUM(CASE WHEN l.is_member = 1 AND l.exempt = 1 THEN 1 ELSE 0 END), 0) AS exempt,
        COALESCE(SUM(CASE WHEN l.is_member = 1 AND l.dues > 0 THEN 1 ELSE 0 END), 0) AS paying,
        COALESCE(SUM(CASE WHEN l.is_member = 1 AND l.exempt = 0 THEN l.dues_base ELSE 0 END), 0) AS "duesBase",
        COALESCE(SUM(l.dues), 0) AS dues,
        COALESCE(SUM(l.funds_base), 0) AS "fundsBase"
      FROM batches b LEFT JOIN member_lines l ON l.batch_id = b.id
      WHERE b.kind = 'payroll' AND b.period >= ? AND b.period <= ?
        AND b.id NOT IN (SELECT batch FROM batch_voids)
      GROUP BY b.id, b.period, b.source, b.file, b.sha256, b.config_sha256
      ORDER BY b.period, b.id`).all(from, to) as Omit<PayrollBatchSummary, "statuses">[];
    const statuses = this.db.prepare(`SELECT status, COUNT(*) AS n FROM member_lines WHERE batch_id = ? AND is_member = 1 GROUP BY status ORDER BY status`);
    return rows.map((r) => ({
      ...r,
      statuses: Object.fromEntries((statuses.all(r.batch) as { status: string; n: number }[]).map((s) => [s.status, s.n])),
    }));
  }
}
