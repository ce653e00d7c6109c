// The periods a report covers, from `--period P` or `--year Y` (neither: everything).
// Shared by the `dues report` subcommands so they read their flags the same way.
import { financialYear, isPeriod, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";

export interface ReportRange {
  readonly from?: Period;
  readonly to?: Period;
  /** As the treasurer asked: "2026-10", "2026", or "all". */
  readonly label: string;
}

/** Refuses (64) a malformed period or year, or both flags at once. `--year Y` is the
 *  financial year ending in Y (fyStart: financial_year_start, default January). */
export function reportRange(o: { period?: string; year?: string }, fyStart = 1): ReportRange {
  if (o.period !== undefined && o.year !== undefined) {
    throw new Refusal("usage", [problem("REPORT_PERIOD_AND_YEAR", text("give --period or --year, not both", "--period 与 --year 只能给一个"))]);
  }
  if (o.period !== undefined) {
    if (!isPeriod(o.period)) {
      throw new Refusal("usage", [problem("REPORT_BAD_PERIOD", text(`${o.period} is not a period`, `${o.period} 不是有效期间`), {
        file: "--period", hint: text("write periods as YYYY-MM, e.g. 2026-10", "期间格式为 YYYY-MM，例如 2026-10"),
      })]);
    }
    return { from: o.period, to: o.period, label: o.period };
  }
  if (o.year !== undefined) {
    if (!/^\d{4}$/.test(o.year)) {
      throw new Refusal("usage", [problem("REPORT_BAD_YEAR", text(`${o.year} is not a year`, `${o.year} 不是有效年份`), {
        file: "--year", hint: text("write a year as YYYY, e.g. 2026", "年份格式为 YYYY，例如 2026"),
      })]);
    }
    const fy = financialYear(Number(o.year), fyStart);
    return { from: fy.from, to: fy.to, label: o.year };
  }
  return { label: "all" };
}
