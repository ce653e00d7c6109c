// The year-end carry-forward in the ledger file: the year-close and year-reopen entries
// (kinds in the hashed entry, `ref` = the financial year), from which whether a year is
// closed is read. No table of its own: the entries in the chain are the record.
import type { SqlDb } from "./sql.js";
import type { IsoDate, Period } from "../domain/period.js";

export const YEAR_CLOSE = "year-close";
export const YEAR_REOPEN = "year-reopen";

export interface YearAction {
  readonly seq: number;
  readonly batch: number;
  readonly kind: typeof YEAR_CLOSE | typeof YEAR_REOPEN;
  /** The financial year, as four digits ("2025"). */
  readonly year: string;
  /** The last month of that financial year, and its last day. */
  readonly period: Period;
  readonly date: IsoDate;
  readonly memo: string;
  readonly hash: string;
  readonly recordedAt: string;
}

export class YearStore {
  constructor(private readonly db: SqlDb) {}

  /** Every year-close and year-reopen entry, in chain order. */
  actions(): YearAction[] {
    return this.db.prepare(`SELECT seq, batch, kind, ref AS year, period, date, memo, hash, recorded_at AS "recordedAt"
      FROM entries WHERE kind IN (?, ?) ORDER BY seq`).all(YEAR_CLOSE, YEAR_REOPEN) as YearAction[];
  }

  /** The year-close entries that stand (not followed by a year-reopen of the same year), by year. */
  closed(): Map<string, YearAction> {
    const out = new Map<string, YearAction>();
    for (const a of this.actions()) {
      if (a.kind === YEAR_CLOSE) out.set(a.year, a);
      else out.delete(a.year);
    }
    return out;
  }
}
