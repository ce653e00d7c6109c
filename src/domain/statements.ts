// The two statutory statements of 工会会计制度 (2021): 收入支出表 (工会02表, income and
// spending for a period or year) and 资产负债表 (工会01表, as of a date), computed from
// account balances the ledger gives. Pure: no ledger, no clock; amounts in minor units.
import { chartOf, type Account, type ChartId } from "./chart.js";
import type { Minor } from "./money.js";
import { text, type Text } from "./text.js";

/** A balance as the ledger gives it: signed, positive = debit. */
export interface AccountAmount {
  readonly account: string;
  readonly body?: string | null;
  readonly amount: Minor;
}

export interface StatementColumn {
  readonly key: string;
  readonly label: Text;
}

export type LineRole = "heading" | "account" | "total" | "result";

export interface StatementLine {
  readonly role: LineRole;
  /** Account code, or body id for a per-body line under 211; null on headings and totals. */
  readonly code: string | null;
  readonly label: Text;
  /** 0: top-level account or total; 1: sub-account; 2: a body under an account. */
  readonly level: number;
  /** One per column, on the line's normal side (a liability's credit balance is positive). */
  readonly amounts: readonly Minor[];
}

export interface StatementCheck {
  readonly label: Text;
  /** Per column: the two sides, which must be equal. */
  readonly left: readonly Minor[];
  readonly right: readonly Minor[];
  readonly ok: boolean;
}

export interface Statement {
  readonly kind: "income" | "balance";
  readonly title: Text;
  /** The form number of 工会会计制度 (工会01表 / 工会02表) on the cn-2021 charts; null
   *  on the generic chart (a US or UK union's statements are not the Chinese forms). */
  readonly form: string | null;
  readonly columns: readonly StatementColumn[];
  readonly lines: readonly StatementLine[];
  readonly check: StatementCheck;
  /** Postings to codes the chart does not know (should never happen; shown so nothing is lost). */
  readonly unknownAccounts: readonly string[];
}

export interface BodyName {
  readonly id: string;
  readonly name: string;
}

type Sums = Map<string, Minor[]>;

/** The 工会会计制度 form number, only on the charts of that standard. */
export function formNumber(chart: ChartId, kind: "income" | "balance"): string | null {
  if (!chart.startsWith("cn-2021")) return null;
  return kind === "balance" ? "工会01表" : "工会02表";
}

/** Sums balances per account code (and per account:body), one slot per column. */
function sumColumns(columns: readonly (readonly AccountAmount[])[]): { byAccount: Sums; byBody: Sums } {
  const byAccount: Sums = new Map();
  const byBody: Sums = new Map();
  const add = (m: Sums, key: string, i: number, v: Minor) => {
    let row = m.get(key);
    if (!row) m.set(key, (row = columns.map(() => 0)));
    row[i]! += v;
  };
  columns.forEach((bals, i) => {
    for (const b of bals) {
      add(byAccount, b.account, i, b.amount);
      if (b.body) add(byBody, `${b.account}:${b.body}`, i, b.amount);
    }
  });
  return { byAccount, byBody };
}

/** An account's signed total with its sub-accounts rolled in. */
function rolled(accounts: readonly Account[], sums: Sums, code: string, n: number): Minor[] {
  const out = new Array<Minor>(n).fill(0);
  const codes = [code, ...descendants(accounts, code)];
  for (const c of codes) sums.get(c)?.forEach((v, i) => (out[i]! += v));
  return out;
}

function descendants(accounts: readonly Account[], code: string): string[] {
  const kids = accounts.filter((a) => a.parent === code).map((a) => a.code);
  return kids.flatMap((k) => [k, ...descendants(accounts, k)]);
}

const flip = (xs: readonly Minor[]) => xs.map((x) => (x === 0 ? 0 : -x));
const add = (a: readonly Minor[], b: readonly Minor[]) => a.map((x, i) => x + b[i]!);
const sub = (a: readonly Minor[], b: readonly Minor[]) => a.map((x, i) => x - b[i]!);

/**
 * Lines for every account of the given kinds, parents with their sub-accounts rolled up
 * and the sub-accounts listed beneath. Amounts are on the section's side (debit for
 * assets and spending, credit for liabilities, net assets and income), so a contra
 * account such as 163 累计折旧 shows as a negative asset.
 */
function accountLines(accounts: readonly Account[], sums: Sums, bySums: Sums, kind: Account["kind"], side: "debit" | "credit", n: number, bodies: readonly BodyName[]): { lines: StatementLine[]; total: Minor[] } {
  const lines: StatementLine[] = [];
  let total = new Array<Minor>(n).fill(0);
  const sided = (xs: readonly Minor[]) => (side === "debit" ? [...xs] : flip(xs));
  const level = (a: Account): number => (a.parent ? 1 + level(accounts.find((p) => p.code === a.parent)!) : 0);
  for (const a of accounts.filter((x) => x.kind === kind)) {
    const amounts = sided(rolled(accounts, sums, a.code, n));
    // A federation's account on a shared chart (generic 1240) is a line only once used.
    if (a.whenUsed && amounts.every((x) => x === 0) && ![...bySums.keys()].some((k) => k.startsWith(`${a.code}:`))) continue;
    lines.push({ role: "account", code: a.code, label: a.name, level: level(a), amounts });
    if (!a.parent) total = add(total, amounts);
    if (a.takesBody) {
      // One line per body with a balance, in the configuration's order, then any others.
      const prefix = `${a.code}:`;
      const seen = [...bySums.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      const ordered = [...bodies.map((b) => b.id).filter((id) => seen.includes(id)), ...seen.filter((id) => !bodies.some((b) => b.id === id)).sort()];
      for (const id of ordered) {
        const name = bodies.find((b) => b.id === id)?.name ?? id;
        lines.push({ role: "account", code: id, label: text(name, name), level: level(a) + 1, amounts: sided(bySums.get(prefix + id)!) });
      }
    }
  }
  return { lines, total };
}

function unknown(accounts: readonly Account[], sums: Sums): string[] {
  return [...sums.entries()].filter(([code, xs]) => !accounts.some((a) => a.code === code) && xs.some((x) => x !== 0)).map(([c]) => c).sort();
}

/**
 * 收入支出表 (工会02表). `columns` are the ranges shown side by side (this period and the
 * year to date, or one year): each is the list of balances of postings in that range.
 */
export function incomeStatement(chart: ChartId, columns: readonly { key: string; label: Text; balances: readonly AccountAmount[] }[], bodies: readonly BodyName[] = []): Statement {
  const accounts = chartOf(chart).accounts;
  const n = columns.length;
  const { byAccount, byBody } = sumColumns(columns.map((c) => c.balances));
  const income = accountLines(accounts, byAccount, byBody, "income", "credit", n, bodies);
  const spending = accountLines(accounts, byAccount, byBody, "expense", "debit", n, bodies);
  const result = sub(income.total, spending.total);
  const lines: StatementLine[] = [
    { role: "heading", code: null, label: text("Income", "一、收入"), level: 0, amounts: [] },
    ...income.lines,
    { role: "total", code: null, label: text("Total income", "收入合计"), level: 0, amounts: income.total },
    { role: "heading", code: null, label: text("Spending", "二、支出"), level: 0, amounts: [] },
    ...spending.lines,
    { role: "total", code: null, label: text("Total spending", "支出合计"), level: 0, amounts: spending.total },
    { role: "result", code: null, label: text("Surplus (deficit) for the period", "三、本期收支差额"), level: 0, amounts: result },
  ];
  // The check: the result computed from the lines equals the income and expense
  // accounts' net credit straight from the balances (nothing dropped or counted twice).
  const direct = new Array<Minor>(n).fill(0);
  for (const [code, xs] of byAccount) {
    const a = accounts.find((x) => x.code === code);
    if (a && (a.kind === "income" || a.kind === "expense")) xs.forEach((v, i) => (direct[i]! -= v));
  }
  return {
    kind: "income",
    title: text("Statement of income and spending", "收入支出表"),
    form: formNumber(chart, "income"),
    columns: columns.map(({ key, label }) => ({ key, label })),
    lines,
    check: { label: text("Income − spending = net credit of income and spending accounts", "收入合计 − 支出合计 = 收支科目贷方净额"), left: result, right: direct, ok: result.every((x, i) => x === direct[i]) },
    unknownAccounts: unknown(accounts, byAccount),
  };
}

/**
 * 资产负债表 (工会01表). Each column is the cumulative balances up to a date (the start of
 * the year and the report date). Income and spending not yet carried forward into 322 at
 * year end are shown as their own net-assets line, so the statement balances every month;
 * once `dues close YYYY` has carried them forward (and whenever there are none) the line is
 * left out.
 */
export function balanceSheet(chart: ChartId, columns: readonly { key: string; label: Text; balances: readonly AccountAmount[] }[], bodies: readonly BodyName[] = []): Statement {
  const accounts = chartOf(chart).accounts;
  const n = columns.length;
  const { byAccount, byBody } = sumColumns(columns.map((c) => c.balances));
  const assets = accountLines(accounts, byAccount, byBody, "asset", "debit", n, bodies);
  const liabilities = accountLines(accounts, byAccount, byBody, "liability", "credit", n, bodies);
  const netAssets = accountLines(accounts, byAccount, byBody, "net-assets", "credit", n, bodies);
  const open = new Array<Minor>(n).fill(0);
  for (const [code, xs] of byAccount) {
    const a = accounts.find((x) => x.code === code);
    if (a && (a.kind === "income" || a.kind === "expense")) xs.forEach((v, i) => (open[i]! -= v));
  }
  const netTotal = add(netAssets.total, open);
  const right = add(liabilities.total, netTotal);
  const lines: StatementLine[] = [
    { role: "heading", code: null, label: text("Assets", "资产"), level: 0, amounts: [] },
    ...assets.lines,
    { role: "total", code: null, label: text("Total assets", "资产总计"), level: 0, amounts: assets.total },
    { role: "heading", code: null, label: text("Liabilities", "负债"), level: 0, amounts: [] },
    ...liabilities.lines,
    { role: "total", code: null, label: text("Total liabilities", "负债合计"), level: 0, amounts: liabilities.total },
    { role: "heading", code: null, label: text("Net assets", "净资产"), level: 0, amounts: [] },
    ...netAssets.lines,
    // Income and spending not yet carried forward into 322: a line only while there is
    // some (after the year-end carry-forward, and in a year without movement, none).
    ...(open.some((x) => x !== 0) ? [{ role: "account" as const, code: null, label: text("Income less spending not yet carried forward", "本年收支差额（尚未结转）"), level: 0, amounts: open }] : []),
    { role: "total", code: null, label: text("Total net assets", "净资产合计"), level: 0, amounts: netTotal },
    { role: "result", code: null, label: text("Total liabilities and net assets", "负债和净资产总计"), level: 0, amounts: right },
  ];
  return {
    kind: "balance",
    title: text("Balance sheet", "资产负债表"),
    form: formNumber(chart, "balance"),
    columns: columns.map(({ key, label }) => ({ key, label })),
    lines,
    check: { label: text("Total assets = total liabilities and net assets", "资产总计 = 负债和净资产总计"), left: assets.total, right, ok: assets.total.every((x, i) => x === right[i]) },
    unknownAccounts: unknown(accounts, byAccount),
  };
}
