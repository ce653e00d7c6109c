// `dues budget show --year Y [--as-of D]`: the year's budget in force against the
// ledger's actuals (spending's net debits, income's net credits, in the year's periods,
// dated up to as-of), rolled up to parents, with the SPEC §4.2 JSON shape.
import { computeExecution, formatRate, type Execution, type ExecutionFigures } from "../domain/budget.js";
import type { Config } from "../domain/config.js";
import { findAccount } from "../domain/chart.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { CARRY_FORWARD_KINDS } from "../domain/journal.js";
import { financialYear, isDate, type FinancialYear, type IsoDate } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { pick, text, type Lang } from "../domain/text.js";
import { BudgetStore, type StoredBudgetVersion } from "../ledger/budget-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { budgetLookup } from "./budget-accounts.js";
import { parseYear } from "./budget-import.js";

export interface BudgetShowRequest {
  readonly year: string;
  readonly asOf?: string;
  /** Today (ctx.today()): the default as-of, kept within the year. */
  readonly today: IsoDate;
}

export interface BudgetShow {
  readonly execution: Execution;
  /** The version in force, or null when the year has no budget yet (actuals only). */
  readonly version: StoredBudgetVersion | null;
  readonly versions: number;
  /** Every version of the year, oldest first (the audit trail of adoptions and adjustments). */
  readonly history: readonly StoredBudgetVersion[];
  readonly digits: number;
}

/** The as-of date: --as-of when given (not before the year starts), else today kept within the year. */
export function resolveAsOf(fy: FinancialYear, asOf: string | undefined, today: IsoDate): IsoDate {
  const year = fy.year;
  const start = fy.firstDay;
  const end = fy.lastDay;
  if (asOf === undefined) return today < start ? start : today > end ? end : today;
  if (!isDate(asOf) || asOf < start) {
    throw new Refusal("usage", [problem("BUDGET_AS_OF_INVALID", text(`--as-of ${asOf} is not a date in or after ${year}`, `--as-of ${asOf} 不是 ${year} 年内或之后的日期`), {
      file: "--as-of", hint: text(`e.g. --as-of ${year}-10-31`, `例如 --as-of ${year}-10-31`),
    })]);
  }
  return asOf;
}

/**
 * Per account: spending's net debits and income's net credits in the financial year, dated
 * up to asOf. The year-end carry-forward is not spending or income: left out, so a closed
 * year's execution is what it was before the close.
 */
export function yearActuals(config: Config, ledger: Ledger, year: number, asOf: IsoDate, byPeriod = false): Map<string, Minor> {
  const out = new Map<string, Minor>();
  const fy = financialYear(year, config.financialYearStart);
  for (const b of ledger.balances({ from: fy.from, to: fy.to, asOf, byPeriod, notKinds: CARRY_FORWARD_KINDS })) {
    const a = findAccount(config.union.chart, b.account);
    if (!a || (a.kind !== "income" && a.kind !== "expense")) continue;
    const key = byPeriod ? `${b.account}@${b.period}` : b.account;
    out.set(key, (out.get(key) ?? 0) + (a.kind === "income" ? -b.balance : b.balance));
  }
  return out;
}

export function showBudget(ws: { config: Config; ledger: Ledger }, req: BudgetShowRequest): BudgetShow {
  const year = parseYear(req.year);
  const asOf = resolveAsOf(financialYear(year, ws.config.financialYearStart), req.asOf, req.today);
  const store = new BudgetStore(ws.ledger.db);
  const all = store.versions(year);
  const version = all[all.length - 1] ?? null;
  const actuals = yearActuals(ws.config, ws.ledger, year, asOf);
  const execution = computeExecution(version?.lines ?? [], actuals, budgetLookup(ws.config.union.chart), year, asOf);
  return { execution, version, versions: all.length, history: all, digits: ws.config.union.currency.digits };
}

function figuresJson(f: ExecutionFigures, digits: number) {
  const m = (x: Minor) => formatMinor(x, digits);
  return { budget: m(f.budget), adjustment: m(f.adjustment), adjusted: m(f.adjusted), actual: m(f.actual), variance: m(f.variance), rate: formatRate(f.rate) };
}

/**
 * SPEC §4.2's JSON: the rows carry the specified keys, plus `kind` (income/spending),
 * `parent`, `level` and `overBudget`; the top adds the version in force and the income
 * and spending subtotals. Names are in the message language.
 */
export function budgetShowJson(s: BudgetShow, lang: Lang): object {
  const v = s.version;
  return {
    year: s.execution.year,
    asOf: s.execution.asOf,
    version: v && {
      number: v.version, kind: v.kind, file: v.file, sha256: v.sha256, importedAt: v.importedAt,
      approved: v.approval && { by: v.approval.by, date: v.approval.date, review: v.approval.review, reviewDate: v.approval.reviewDate },
    },
    rows: s.execution.rows.map((r) => ({
      account: r.account,
      name: pick(r.name, lang),
      ...figuresJson(r, s.digits),
      kind: r.class,
      parent: r.parent,
      level: r.depth,
      overBudget: r.overBudget,
    })),
    totals: {
      income: figuresJson(s.execution.totals.income, s.digits),
      spending: { ...figuresJson(s.execution.totals.spending, s.digits), overBudget: s.execution.totals.spending.overBudget },
    },
  };
}
