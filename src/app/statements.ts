// `dues report income|balance`: the statutory statements from the ledger's balances.
// Reads only; the arithmetic lives in domain/statements.ts.
import type { Config } from "../domain/config.js";
import { formatMinor } from "../domain/money.js";
import { reportRange } from "./report-range.js";
import { CARRY_FORWARD_KINDS } from "../domain/journal.js";
import { isDate, lastDayOf, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { balanceSheet, incomeStatement, type AccountAmount, type Statement } from "../domain/statements.js";
import { pick, text, type Lang, type Text } from "../domain/text.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { financialYearStartOf, yearContaining, yearStartBalances } from "./financial-year.js";

export interface IncomeQuery {
  readonly period?: string;
  readonly year?: string;
}

export interface IncomeReport {
  readonly statement: Statement;
  readonly from: Period;
  readonly to: Period;
  /** First period of the year-to-date column (only with --period). */
  readonly yearFrom?: Period;
}

export interface BalanceReport {
  readonly statement: Statement;
  readonly asOf: IsoDate;
  readonly yearStart: IsoDate;
}

const usage = (code: string, en: string, zh: string, hint?: Text) => new Refusal("usage", [problem(code, text(en, zh), { hint })]);

function toAmounts(rows: readonly { account: string; body: string | null; balance: number }[]): AccountAmount[] {
  return rows.map((r) => ({ account: r.account, body: r.body, amount: r.balance }));
}

/** Names for the lines under a per-counterparty account: the bodies, and for a federation
 *  its affiliates (132 / 212 lines show the affiliate's name, not only its id). */
function counterparties(ledger: Ledger, config: Pick<Config, "bodies" | "federation"> | undefined): { id: string; name: string }[] {
  const bodies = [...(config?.bodies ?? [])];
  if (!config?.federation) return bodies;
  return [...bodies, ...new AffiliateStore(ledger.db).all().filter((a) => !bodies.some((b) => b.id === a.id)).map((a) => ({ id: a.id, name: a.name }))];
}

/** 收入支出表 for one period (with year to date) or one whole year. */
export function incomeReport(ledger: Ledger, config: Pick<Config, "bodies" | "financialYearStart" | "federation"> | undefined, q: IncomeQuery): IncomeReport {
  const range = reportRange(q, financialYearStartOf(ledger, config));
  if (!range.from || !range.to) {
    throw usage("REPORT_RANGE_REQUIRED", "give --period YYYY-MM or --year YYYY", "请给出 --period YYYY-MM 或 --year YYYY", text("Example: dues report income --period 2026-10", "例如：dues report income --period 2026-10"));
  }
  const bodies = counterparties(ledger, config);
  const chart = ledger.meta.chart;
  if (q.period !== undefined) {
    const p = range.from;
    const yearFrom = yearContaining(ledger, config, p).from;
    const statement = incomeStatement(chart, [
      { key: "period", label: text("This period", "本期数"), balances: toAmounts(movement(ledger, p, p)) },
      { key: "yearToDate", label: text("Year to date", "本年累计数"), balances: toAmounts(movement(ledger, yearFrom, p)) },
    ], bodies);
    return { statement, from: p, to: p, yearFrom };
  }
  const { from, to } = range;
  const statement = incomeStatement(chart, [
    { key: "year", label: text(`Year ${range.label}`, `${range.label} 年度`), balances: toAmounts(movement(ledger, from, to)) },
  ], bodies);
  return { statement, from, to };
}

/** Balances of the postings of a range of periods that are the range's movement: the
 *  year-end carry-forward (and its reversal) is not, so a closed year still shows its year. */
export function movement(ledger: Ledger, from: Period, to: Period) {
  return ledger.balances({ from, to, byBody: true, notKinds: CARRY_FORWARD_KINDS });
}

/** 资产负债表 as of a date, beside the balances at the start of that year. */
export function balanceReport(ledger: Ledger, config: Pick<Config, "bodies" | "financialYearStart" | "federation"> | undefined, asOf: string): BalanceReport {
  if (!isDate(asOf)) throw usage("REPORT_BAD_DATE", `not a date: ${asOf} (expected YYYY-MM-DD)`, `不是有效的日期：${asOf}（应为 YYYY-MM-DD）`, text("Example: --as-of 2026-10-31", "例如：--as-of 2026-10-31"));
  const fy = yearContaining(ledger, config, periodOf(asOf));
  const statement = balanceSheet(ledger.meta.chart, [
    { key: "yearStart", label: text("Start of year", "年初数"), balances: toAmounts(yearStartBalances(ledger, fy, asOf)) },
    { key: "end", label: text(`As of ${asOf}`, "期末数"), balances: toAmounts(ledger.balances({ asOf, byBody: true })) },
  ], counterparties(ledger, config));
  return { statement, asOf, yearStart: fy.firstDay };
}

/** The last day of a period, for `--as-of` defaults and the audit workbook. */
export function periodEnd(p: Period): IsoDate {
  return lastDayOf(p);
}

/** The JSON shape of a statement: amounts as strings with the currency's digits. */
export function statementJson(st: Statement, digits: number, lang: Lang, extra: Record<string, unknown>): unknown {
  return {
    statement: st.kind,
    form: st.form,
    ...extra,
    columns: st.columns.map((c) => c.key),
    lines: st.lines.map((l) => ({
      role: l.role,
      code: l.code,
      name: pick(l.label, lang),
      level: l.level,
      ...Object.fromEntries(st.columns.map((c, i) => [c.key, l.role === "heading" ? null : formatMinor(l.amounts[i]!, digits)])),
    })),
    balanced: st.check.ok,
    unknownAccounts: st.unknownAccounts,
  };
}
