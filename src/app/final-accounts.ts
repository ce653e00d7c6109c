// `dues report final --year Y` and the figures of `dues export final`: the year's final
// accounts (决算) from the ledger. The statutory statements come from app/statements.ts
// (so the 决算 shows exactly what `report income|balance` show), the budget from the
// version in force, the remittances as `dues reconcile` allocates them. Reads only.
import type { BudgetKind, Approval } from "../domain/budget.js";
import { accountFor, chartOf, findAccount } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { finalStatement, fundBalanceRow, type FinalFigures, type FinalStatement, type FundBalanceRow, type RemittanceYearRow } from "../domain/final-accounts.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { addMonths, financialYear, isDate, periodRange, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import type { AccountAmount, Statement } from "../domain/statements.js";
import { pick, text, type Lang } from "../domain/text.js";
import { formatRate } from "../domain/budget.js";
import { BudgetStore } from "../ledger/budget-store.js";
import { FinalStore } from "../ledger/final-store.js";
import { OPENING_KIND, OpeningStore } from "../ledger/opening-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { YearStore } from "../ledger/year-store.js";
import { bankStoreOf } from "./receive.js";
import { reconcileBooks } from "./reconcile.js";
import { reportRange } from "./report-range.js";
import { financialYearStartOf, yearStartBalances } from "./financial-year.js";
import { balanceReport, incomeReport, statementJson, type IncomeReport } from "./statements.js";

export interface FinalRequest {
  readonly year: string;
  /** The date remittances are reconciled as of (default today); not before the year starts. */
  readonly asOf?: string;
  readonly today: IsoDate;
}

export interface FinalBudgetVersion {
  readonly number: number;
  readonly kind: BudgetKind;
  readonly file: string;
  readonly sha256: string;
  readonly importedAt: string;
  readonly approval: Approval | null;
}

export interface FinalReport {
  readonly year: number;
  readonly from: Period;
  readonly to: Period;
  readonly yearStart: IsoDate;
  readonly yearEnd: IsoDate;
  readonly asOf: IsoDate;
  readonly union: { readonly name: string; readonly id: string | null; readonly creditCode: string | null };
  readonly currency: string;
  readonly digits: number;
  readonly chart: Config["union"]["chart"];
  readonly statement: FinalStatement;
  readonly budget: FinalBudgetVersion | null;
  /** 收入支出表 of the year (what `report income --year Y` shows). */
  readonly income: IncomeReport;
  /** 资产负债表 at year end beside the year's start (opening balances included). */
  readonly balance: Statement;
  readonly funds: {
    readonly rows: readonly FundBalanceRow[];
    /** Income less spending at year end not carried forward by a year-end close (0 once closed). */
    readonly unclosed: Minor;
    readonly total: Omit<FundBalanceRow, "account" | "name">;
  };
  readonly yearClosed: boolean;
  readonly closeEntries: readonly { readonly seq: number; readonly date: IsoDate; readonly kind: string }[];
  readonly opening: { readonly batch: number; readonly date: IsoDate | null; readonly file: string | null } | null;
  /** Months of the year not closed (sealed) yet. */
  readonly openMonths: readonly Period[];
  readonly remittances: { readonly rows: readonly RemittanceYearRow[]; readonly total: Omit<RemittanceYearRow, "body" | "name"> };
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly configSha256: string;
}

const usage = (code: string, en: string, zh: string, hint: ReturnType<typeof text>) => new Refusal("usage", [problem(code, text(en, zh), { hint })]);

/** The fund-balance accounts 结转结余变动表 follows: where the year-end close carries to (321 and 322; generic 3000). */
export function fundBalanceAccounts(chart: Config["union"]["chart"]): string[] {
  return [...new Set([accountFor(chart, "carried-forward"), accountFor(chart, "net-assets")])].sort();
}

/** Leaves of the income statement's single column: income's net credits, spending's net debits. */
function leafAmounts(st: Statement, chart: Config["union"]["chart"]): Map<string, Minor> {
  const out = new Map<string, Minor>();
  const accounts = chartOf(chart).accounts;
  for (const l of st.lines) {
    if (l.role !== "account" || l.code === null) continue;
    const a = findAccount(chart, l.code);
    if (!a || accounts.some((x) => x.parent === a.code)) continue;
    if (l.amounts[0] !== 0) out.set(l.code, l.amounts[0]!);
  }
  return out;
}

export function finalReport(ws: { config: Config; ledger: Ledger }, req: FinalRequest): FinalReport {
  const { config, ledger } = ws;
  reportRange({ year: req.year }); // refuses a malformed year (REPORT_BAD_YEAR, 64)
  const year = Number(req.year);
  // The financial year (financial_year_start), named by the year it ends in.
  const fy = financialYear(year, financialYearStartOf(ledger, config));
  const { from, to } = fy;
  const yearStart = fy.firstDay;
  const yearEnd = fy.lastDay;
  if (req.asOf !== undefined && (!isDate(req.asOf) || req.asOf < yearStart)) {
    throw usage("FINAL_AS_OF_INVALID", `--as-of ${req.asOf} is not a date in or after ${req.year}`, `--as-of ${req.asOf} 不是 ${req.year} 年内或之后的日期`, text(`e.g. --as-of ${year + 1}-01-20`, `例如 --as-of ${year + 1}-01-20`));
  }
  const asOf = req.asOf ?? (req.today < yearStart ? yearStart : req.today);
  const chart = config.union.chart;
  const digits = config.union.currency.digits;

  const income = incomeReport(ledger, config, { year: req.year });
  const previous = incomeReport(ledger, config, { year: String(year - 1) });
  const store = new BudgetStore(ledger.db);
  const version = store.latest(year) ?? null;
  const statement = finalStatement({ chart, budget: version?.lines ?? [], final: leafAmounts(income.statement, chart), lastYear: leafAmounts(previous.statement, chart) });

  // The balance sheet exactly as `report balance --as-of` the year's last day gives it.
  const balance = balanceReport(ledger, config, yearEnd).statement;
  const amounts = (rows: readonly { account: string; body: string | null; balance: Minor }[]): AccountAmount[] => rows.map((r) => ({ account: r.account, body: r.body, amount: r.balance }));
  const startBalances = amounts(yearStartBalances(ledger, fy, yearEnd));
  const endBalances = amounts(ledger.balances({ asOf: yearEnd, byBody: true }));

  // 结转结余变动表: each fund-balance account from its start to its end (credit side positive).
  const sumOf = (bals: readonly AccountAmount[], account: string, body?: string) =>
    -bals.filter((b) => b.account === account && (body === undefined || b.body === body)).reduce((t, b) => t + b.amount, 0);
  const finals = new FinalStore(ledger.db);
  const fundCodes = fundBalanceAccounts(chart);
  const moves = new Map(finals.fundMovements(fundCodes, yearStart, yearEnd).map((m) => [m.account, m]));
  const rows = fundCodes.map((code) => {
    const m = moves.get(code);
    return fundBalanceRow(code, findAccount(chart, code)!.name, {
      opening: sumOf(startBalances, code), surplus: -(m?.close ?? 0), increase: m?.credit ?? 0, used: m?.debit ?? 0,
    }, sumOf(endBalances, code));
  });
  // The balance sheet's own line for income less spending not carried forward (none once carried).
  const unclosedLine = balance.lines.find((l) => l.role === "account" && l.code === null);
  const unclosed = unclosedLine?.amounts[1] ?? 0;
  const total = rows.reduce((t, r) => ({ opening: t.opening + r.opening, surplus: t.surplus + r.surplus, increase: t.increase + r.increase, used: t.used + r.used, closing: t.closing + r.closing }), { opening: 0, surplus: 0, increase: 0, used: 0, closing: 0 });

  const actions = new YearStore(ledger.db).actions().filter((a) => a.year === String(year));
  const yearClosed = new YearStore(ledger.db).closed().has(String(year));
  const openingEntry = new OpeningStore(ledger.db).opening();
  const closed = new Set(ledger.closedPeriods());

  return {
    year, from, to, yearStart, yearEnd, asOf,
    union: { name: config.union.name, id: config.union.id ?? null, creditCode: config.union.creditCode ?? null },
    currency: config.union.currency.code, digits, chart,
    statement,
    budget: version && { number: version.version, kind: version.kind, file: version.file, sha256: version.sha256, importedAt: version.importedAt, approval: version.approval },
    income, balance,
    funds: { rows, unclosed, total },
    yearClosed,
    closeEntries: actions.map((e) => ({ seq: e.seq, date: e.date, kind: e.kind })),
    opening: openingEntry ? { batch: openingEntry.batch, date: openingEntry.date, file: ledger.batch(openingEntry.batch)?.file ?? null } : null,
    openMonths: periodRange(from, to).filter((p) => !closed.has(p)),
    remittances: remittanceYear(ws, { yearStart, yearEnd, to, asOf, startBalances, openingBatches: new Set(ledger.batches({ kind: OPENING_KIND }).map((b) => b.id)) }),
    head: ledger.head(),
    configSha256: config.sha256,
  };
}

/**
 * 上解情况: per body, owed at the start, accrued in the year, remitted in the year and
 * owed at the end (the ledger's 211 line), and what is still outstanding for the months up
 * to the year's end as reconcile allocates the payments on the as-of date.
 */
function remittanceYear(ws: { config: Config; ledger: Ledger }, o: { yearStart: IsoDate; yearEnd: IsoDate; to: Period; asOf: IsoDate; startBalances: readonly AccountAmount[]; openingBatches: ReadonlySet<number> }): FinalReport["remittances"] {
  const payable = accountFor(ws.config.union.chart, "payable-upstream");
  const flows = bankStoreOf(ws.ledger).flows([payable]);
  const rec = reconcileBooks(ws, { to: o.to, asOf: o.asOf }, o.asOf).reconciliation;
  const seen = new Set<string>();
  for (const f of flows) if (f.body) seen.add(f.body);
  for (const b of o.startBalances) if (b.account === payable && b.body) seen.add(b.body);
  const ids = [...ws.config.bodies.map((b) => b.id).filter((id) => seen.has(id)), ...[...seen].filter((id) => !ws.config.bodies.some((b) => b.id === id)).sort()];
  const rows: RemittanceYearRow[] = ids.map((body) => {
    const opening = -o.startBalances.filter((b) => b.account === payable && b.body === body).reduce((t, b) => t + b.amount, 0);
    let due = 0;
    let paid = 0;
    for (const f of flows) {
      if (f.body !== body || f.date < o.yearStart || f.date > o.yearEnd || o.openingBatches.has(f.batch)) continue;
      if (f.amount < 0) due -= f.amount;
      else paid += f.amount;
    }
    const mine = rec.rows.filter((r) => r.party === body);
    return {
      body, name: ws.config.bodies.find((b) => b.id === body)?.name ?? body,
      opening, due, paid, closing: opening + due - paid,
      outstanding: mine.reduce((t, r) => t + r.outstanding, 0),
      openMonths: mine.filter((r) => r.outstanding !== 0).length,
    };
  });
  const add = (f: (r: RemittanceYearRow) => number) => rows.reduce((t, r) => t + f(r), 0);
  return {
    rows,
    total: { opening: add((r) => r.opening), due: add((r) => r.due), paid: add((r) => r.paid), closing: add((r) => r.closing), outstanding: add((r) => r.outstanding), openMonths: add((r) => r.openMonths) },
  };
}

function figuresJson(f: FinalFigures, digits: number) {
  const m = (x: Minor) => formatMinor(x, digits);
  return {
    budget: m(f.budget), adjusted: m(f.adjusted), final: m(f.final), variance: m(f.variance), rate: formatRate(f.rate),
    lastYear: m(f.lastYear), change: m(f.change), changeRate: formatRate(f.changeRate),
  };
}

/** `report final --json`: amounts as strings with the currency's digits, names in the message language. */
export function finalJson(r: FinalReport, lang: Lang): object {
  const m = (x: Minor) => formatMinor(x, r.digits);
  const fund = (f: Omit<FundBalanceRow, "account" | "name">) => ({ opening: m(f.opening), surplus: m(f.surplus), increase: m(f.increase), used: m(f.used), closing: m(f.closing) });
  const rem = (x: Omit<RemittanceYearRow, "body" | "name">) => ({ opening: m(x.opening), due: m(x.due), paid: m(x.paid), closing: m(x.closing), outstanding: m(x.outstanding), openMonths: x.openMonths });
  return {
    report: "final",
    year: r.year, from: r.from, to: r.to, yearStart: r.yearStart, yearEnd: r.yearEnd, asOf: r.asOf,
    currency: r.currency,
    union: r.union,
    yearClosed: r.yearClosed,
    closeEntries: r.closeEntries,
    opening: r.opening,
    openMonths: r.openMonths,
    budget: r.budget && {
      version: r.budget.number, kind: r.budget.kind, file: r.budget.file, sha256: r.budget.sha256,
      approved: r.budget.approval && { by: r.budget.approval.by, date: r.budget.approval.date, review: r.budget.approval.review, reviewDate: r.budget.approval.reviewDate },
    },
    accounts: {
      rows: r.statement.rows.map((x) => ({ account: x.account, name: pick(x.name, lang), kind: x.class, parent: x.parent, level: x.depth, ...figuresJson(x, r.digits) })),
      totals: { income: figuresJson(r.statement.income, r.digits), spending: figuresJson(r.statement.spending, r.digits), surplus: figuresJson(r.statement.surplus, r.digits) },
    },
    balance: statementJson(r.balance, r.digits, lang, { asOf: r.yearEnd, yearStart: r.yearStart, currency: r.currency }),
    funds: {
      rows: r.funds.rows.map((x) => ({ account: x.account, name: pick(x.name, lang), ...fund(x) })),
      unclosed: m(r.funds.unclosed),
      totals: fund(r.funds.total),
    },
    remittances: {
      asOf: r.asOf,
      rows: r.remittances.rows.map((x) => ({ body: x.body, name: x.name, ...rem(x) })),
      totals: rem(r.remittances.total),
    },
    ledger: { head: r.head, configSha256: r.configSha256 },
    balanced: r.balance.check.ok && r.income.statement.check.ok,
  };
}
