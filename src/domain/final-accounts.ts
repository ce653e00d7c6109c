// The final accounts (决算) of a year, as a base union presents them to its members'
// assembly and reports them upward: 收入支出决算表 (each income and spending account: budget
// adopted and adjusted, the final amount, variance, execution rate, last year's final and
// the change), 结转结余变动表 (321/322: opening + surplus − used = closing) and 上解情况.
// Pure: the app layer reads the figures from the ledger; amounts are minor units.
import { executionRate, type BudgetLine, type RateHundredths } from "./budget.js";
import { chartOf, type Account, type ChartId } from "./chart.js";
import type { Minor } from "./money.js";
import type { Period } from "./period.js";
import { text, type Text } from "./text.js";

export type FinalClass = "income" | "spending";

/** The figures of one line (or a total) of 收入支出决算表. */
export interface FinalFigures {
  /** 年初预算: the budget adopted at the start of the year (the version in force's 年初预算 column). */
  readonly budget: Minor;
  /** 调整后预算: adopted + mid-year adjustments. */
  readonly adjusted: Minor;
  /** 决算数: the year's income (net credits) or spending (net debits), the year-end close left out. */
  readonly final: Minor;
  /** adjusted − final. */
  readonly variance: Minor;
  /** final ÷ adjusted, hundredths of a percent; null when nothing was budgeted. */
  readonly rate: RateHundredths | null;
  /** 上年决算数: the same account's final amount the year before. */
  readonly lastYear: Minor;
  /** final − last year. */
  readonly change: Minor;
  /** change ÷ last year, hundredths of a percent; null when last year was zero. */
  readonly changeRate: RateHundredths | null;
}

export interface FinalRow extends FinalFigures {
  readonly account: string;
  readonly name: Text;
  readonly class: FinalClass;
  /** The nearest shown ancestor (50102 → 501), null at the top. */
  readonly parent: string | null;
  readonly depth: number;
  readonly hasChildren: boolean;
}

export interface FinalStatement {
  /** Income accounts, then spending; each parent directly before its sub-accounts. */
  readonly rows: readonly FinalRow[];
  readonly income: FinalFigures;
  readonly spending: FinalFigures;
  /** 收支差额: income − spending, per column (rates are null). */
  readonly surplus: FinalFigures;
}

export interface FinalInput {
  readonly chart: ChartId;
  /** Lines of the budget version in force (leaves or parents budgeted as a whole). */
  readonly budget: readonly BudgetLine[];
  /** Per account as booked (leaves): income's net credits, spending's net debits, this year. */
  readonly final: ReadonlyMap<string, Minor>;
  /** The same for the year before. */
  readonly lastYear: ReadonlyMap<string, Minor>;
}

export function figures(budget: Minor, adjusted: Minor, final: Minor, lastYear: Minor): FinalFigures {
  const change = final - lastYear;
  return {
    budget, adjusted, final, lastYear, change,
    variance: adjusted - final,
    // ROUNDING: both rates to two places of a percentage, half away from zero (executionRate).
    rate: executionRate(final, adjusted),
    changeRate: executionRate(change, lastYear),
  };
}

type Own = { budget: Minor; adjusted: Minor; final: Minor; lastYear: Minor };

/**
 * 收入支出决算表. Every top-level income and spending account of the chart is a line (the
 * form is statutory: a zero line stays); a sub-account is a line when it has a budget or
 * an amount this year or last. A parent's figures are its own plus its sub-accounts'.
 */
export function finalStatement(i: FinalInput): FinalStatement {
  const accounts = chartOf(i.chart).accounts.filter((a) => a.kind === "income" || a.kind === "expense");
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const own = new Map<string, Own>();
  const touch = (code: string): Own | undefined => {
    if (!byCode.has(code)) return undefined;
    let o = own.get(code);
    if (!o) own.set(code, (o = { budget: 0, adjusted: 0, final: 0, lastYear: 0 }));
    return o;
  };
  const budgeted = new Set<string>();
  for (const l of i.budget) {
    const o = touch(l.account);
    if (!o) continue;
    budgeted.add(l.account);
    o.budget += l.budget;
    o.adjusted += l.budget + l.adjustment;
  }
  for (const [code, v] of i.final) { const o = touch(code); if (o) o.final += v; }
  for (const [code, v] of i.lastYear) { const o = touch(code); if (o) o.lastYear += v; }

  const children = (code: string) => accounts.filter((a) => a.parent === code);
  const total = (a: Account): Own => {
    const t = { ...(own.get(a.code) ?? { budget: 0, adjusted: 0, final: 0, lastYear: 0 }) };
    for (const k of children(a.code)) {
      const s = total(k);
      t.budget += s.budget; t.adjusted += s.adjusted; t.final += s.final; t.lastYear += s.lastYear;
    }
    return t;
  };
  const shown = (a: Account): boolean => {
    if (!a.parent && !a.whenUsed) return true;
    const t = total(a);
    return budgeted.has(a.code) || t.budget !== 0 || t.adjusted !== 0 || t.final !== 0 || t.lastYear !== 0;
  };

  const rows: FinalRow[] = [];
  const visit = (a: Account, depth: number, parent: string | null) => {
    const t = total(a);
    const kids = children(a.code).filter(shown);
    rows.push({
      account: a.code, name: a.name, class: a.kind === "income" ? "income" : "spending", parent, depth,
      hasChildren: kids.length > 0, ...figures(t.budget, t.adjusted, t.final, t.lastYear),
    });
    for (const k of kids) visit(k, depth + 1, a.code);
  };
  const tops = accounts.filter((a) => !a.parent);
  for (const cls of ["income", "expense"] as const) for (const a of tops.filter((x) => x.kind === cls && shown(x))) visit(a, 0, null);

  const sum = (cls: FinalClass): FinalFigures => {
    const top = rows.filter((r) => r.parent === null && r.class === cls);
    const add = (f: (r: FinalRow) => Minor) => top.reduce((s, r) => s + f(r), 0);
    return figures(add((r) => r.budget), add((r) => r.adjusted), add((r) => r.final), add((r) => r.lastYear));
  };
  const income = sum("income");
  const spending = sum("spending");
  const diff = figures(income.budget - spending.budget, income.adjusted - spending.adjusted, income.final - spending.final, income.lastYear - spending.lastYear);
  return { rows, income, spending, surplus: { ...diff, rate: null, changeRate: null } };
}

/** One line of 结转结余变动表: a fund-balance account over the year. */
export interface FundBalanceRow {
  readonly account: string;
  readonly name: Text;
  /** 年初余额: the balance at the start of the year (the opening balances included). */
  readonly opening: Minor;
  /** 本年收支差额转入: what the year-end close carried in (income less spending). */
  readonly surplus: Minor;
  /** 其他增加: credits other than the close (a transfer in, a correction). */
  readonly increase: Minor;
  /** 本年使用: debits other than the close (money of earlier years used, a transfer out). */
  readonly used: Minor;
  /** 年末余额 = opening + surplus + increase − used. */
  readonly closing: Minor;
}

/** Opening + surplus + increase − used; throws (a bug) when it is not the ledger's own closing. */
export function fundBalanceRow(account: string, name: Text, f: Omit<FundBalanceRow, "account" | "name" | "closing">, ledgerClosing: Minor): FundBalanceRow {
  const closing = f.opening + f.surplus + f.increase - f.used;
  if (closing !== ledgerClosing) throw new Error(`bug: ${account} opening ${f.opening} + ${f.surplus} + ${f.increase} − ${f.used} is not the ledger's ${ledgerClosing}`);
  return { account, name, ...f, closing };
}

/** What one higher body was owed over the year (上解情况). */
export interface RemittanceYearRow {
  readonly body: string;
  readonly name: string;
  /** 年初应付: owed at the start of the year (211:BODY, the opening balances included). */
  readonly opening: Minor;
  /** 本年应缴: accrued in the year (the shares of the year's months). */
  readonly due: Minor;
  /** 本年已缴: remitted in the year. */
  readonly paid: Minor;
  /** 年末应付 = opening + due − paid: the balance sheet's 211 line for the body. */
  readonly closing: Minor;
  /** Outstanding for the months up to the year's end, as `dues reconcile` allocates payments on the as-of date. */
  readonly outstanding: Minor;
  /** Months up to the year's end still outstanding (or overpaid) on the as-of date. */
  readonly openMonths: number;
}

/**
 * Books taken over at (or after) the year's start: last year is in the old books, not in
 * this ledger, so the last-year column reads zero. Said wherever that column is shown,
 * rather than let a zero pass for last year's figure. Null when the ledger holds last year.
 */
export function lastYearNotInLedger(o: { readonly opening: { readonly date: string | null } | null; readonly from: Period }): Text | null {
  const date = o.opening?.date;
  if (!date || date.slice(0, 7) < o.from) return null;
  return text(`Last year's final amounts: the books were taken over on ${date}, so last year is not in this ledger and that column shows zero; take last year's figures from the old books' final accounts.`,
    `上年决算数：账本于 ${date} 承接原账，上年收支不在本账簿中，该列显示为零；上年数请以原账簿的上年决算为准。`);
}
