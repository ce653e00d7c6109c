// Budget lines against actuals (SPEC §4.2, DOMAIN "Budget and audit"): checking a budget
// file's rows against the chart, parent roll-ups (501 = Σ 501xx), variance and execution
// rate. Pure: no I/O; the chart is passed in as a lookup so this file knows no chart table.
import type { Minor } from "./money.js";
import { formatMinor } from "./money.js";
import type { IsoDate } from "./period.js";
import { problem, warning, type Checked, type Problem } from "./problem.js";
import { text, type Text } from "./text.js";

export type BudgetKind = "adopted" | "adjusted";

/** Only income and spending accounts carry a budget; balances (assets, liabilities) do not. */
export type BudgetClass = "income" | "spending";

/** What budget.ts needs to know about an account of the union's chart. */
export interface BudgetAccount {
  readonly code: string;
  readonly name: Text;
  /** income / spending, or null for an account that cannot be budgeted (102, 211, ...). */
  readonly class: BudgetClass | null;
  /** The account this one is a sub-account of (50102 → 501), or null at the top. */
  readonly parent: string | null;
}

export type AccountLookup = (code: string) => BudgetAccount | undefined;

/** One line of a stored budget version. */
export interface BudgetLine {
  readonly account: string;
  /** 年初预算: the amount adopted at the start of the year. */
  readonly budget: Minor;
  /** 调整: the change made by a mid-year adjustment (negative for a cut). */
  readonly adjustment: Minor;
  readonly note: string;
}

export interface Approval {
  /** The committee session that approved it, e.g. 第三届第五次工会委员会. */
  readonly by: string;
  readonly date: IsoDate;
  /** The 经费审查委员会 session that reviewed it, when recorded. */
  readonly review: string | null;
  readonly reviewDate: IsoDate | null;
}

export interface BudgetVersion {
  readonly year: number;
  /** 1, 2, 3 ... in order of import; the highest is the budget in force. */
  readonly version: number;
  readonly kind: BudgetKind;
  readonly file: string;
  readonly sha256: string;
  readonly importedAt: string;
  readonly lines: readonly BudgetLine[];
  readonly approval: Approval | null;
}

/** A row of a budget file as the reader found it, amounts already read. */
export interface BudgetFileRow {
  readonly line: number;
  readonly source?: string;
  readonly account: string;
  /** Columns for pointing problems at cells (1-based), when known. */
  readonly columns: { readonly account?: number; readonly name?: number; readonly budget?: number; readonly adjustment?: number; readonly adjusted?: number };
  readonly name: string | null;
  readonly budget: Minor;
  readonly adjustment: Minor;
  /** 调整后 when the file carries it; checked against budget + adjustment. */
  readonly adjusted: Minor | null;
  readonly note: string;
}

// Names are compared as a treasurer reads them: spaces and full-width/half-width
// parentheses do not make 文体活动 a different account.
function normaliseName(s: string): string {
  return s.replace(/[\s\u3000]/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();
}

/**
 * A file's name fits an account when it is the chart's Chinese or English name, or the
 * start of it (two characters at least): 文体活动 for 文体活动支出, 培训 for 培训费, as
 * DOMAIN.md and most budget tables abbreviate. A different account's name does not fit.
 */
export function nameFits(written: string, name: Text): boolean {
  const n = normaliseName(written);
  return [name.zh, name.en].map(normaliseName).some((c) => c === n || ([...n].length >= 2 && c.startsWith(n)));
}

function ancestorsOf(code: string, lookup: AccountLookup): string[] {
  const out: string[] = [];
  const seen = new Set<string>([code]);
  for (let p = lookup(code)?.parent ?? null; p !== null && !seen.has(p); p = lookup(p)?.parent ?? null) {
    out.push(p);
    seen.add(p);
  }
  return out;
}

/**
 * Turns a budget file's rows into budget lines, checking every row against the chart.
 * Every problem is collected; the caller refuses when any is an error.
 *
 * Decisions (docs/budgets.md): an unknown account, an account that is not income or
 * spending, a top-level account whose name is not the chart's (a sub-account's is a
 * warning), a duplicate account, a negative budget or adjusted budget, and an 调整后 column that
 * is not 年初预算 + 调整 are errors. A parent row (501) next to its sub-accounts
 * (501xx) is a subtotal: it must equal their sum and is then dropped, since show
 * rebuilds it; a parent row that differs from its sub-accounts' sum is an error.
 */
export function checkBudgetRows(rows: readonly BudgetFileRow[], lookup: AccountLookup, file: string): Checked<BudgetLine[]> {
  const problems: Problem[] = [];
  const where = (r: BudgetFileRow, column?: number) => ({ file, line: r.line, column, source: r.source });
  const kept: BudgetFileRow[] = [];
  const firstLine = new Map<string, number>();
  for (const r of rows) {
    const acct = lookup(r.account);
    let ok = true;
    if (!acct) {
      problems.push(problem("BUDGET_ACCOUNT_UNKNOWN", text(`account ${r.account} is not in the union's chart of accounts`, `科目 ${r.account} 不在本工会的会计科目表中`), {
        ...where(r, r.columns.account),
        hint: text("use the account codes of the chart named in dues.yaml (union.chart), e.g. 50102", "请使用 dues.yaml（union.chart）所选科目表的科目编码，例如 50102"),
      }));
      continue;
    }
    if (acct.class === null) {
      ok = false;
      problems.push(problem("BUDGET_ACCOUNT_NOT_BUDGETABLE", text(`account ${r.account} ${acct.name.en} is not an income or spending account; a budget has no line for it`, `科目 ${r.account} ${acct.name.zh} 不是收入或支出科目，预算中不应列示`), {
        ...where(r, r.columns.account),
        hint: text("budget lines are income (4xx) and spending (5xx) accounts", "预算行只能是收入类（4xx）和支出类（5xx）科目"),
      }));
    }
    if (r.name !== null && r.name.trim() !== "") {
      if (!nameFits(r.name, acct.name)) {
        // 一级科目 names are fixed by 工会会计制度, so a different name means a wrong code or
        // a wrong row: an error. 明细科目 names vary between unions and provinces: a warning
        // that shows both names, so the treasurer sees which account the money goes to.
        const top = acct.parent === null;
        if (top) ok = false;
        problems.push(problem("BUDGET_NAME_MISMATCH", text(`the name "${r.name}" does not match account ${r.account}, which the chart calls "${acct.name.en}" (${acct.name.zh})`, `科目名称“${r.name}”与科目 ${r.account} 不符，科目表中为“${acct.name.zh}”`), {
          ...where(r, r.columns.name),
          severity: top ? "error" : "warning",
          hint: top
            ? text("either the code or the name is wrong; fix whichever it is, so the money is budgeted under the account you meant", "编码或名称有一个写错了；请改正，以免预算记到错误的科目")
            : text(`the line is budgeted under ${r.account} ${acct.name.zh}; if you meant another sub-account, correct the code`, `该行将按 ${r.account} ${acct.name.zh} 列入预算；如指的是其他明细科目，请改正编码`),
        }));
      }
    }
    const prev = firstLine.get(r.account);
    if (prev !== undefined) {
      ok = false;
      problems.push(problem("BUDGET_ACCOUNT_DUPLICATE", text(`account ${r.account} appears again (first on line ${prev})`, `科目 ${r.account} 重复出现（首次在第 ${prev} 行）`), {
        ...where(r, r.columns.account),
        hint: text("give each account one row; add the amounts together", "每个科目只列一行，请把金额合并"),
      }));
    } else firstLine.set(r.account, r.line);
    if (r.budget < 0) {
      ok = false;
      problems.push(problem("BUDGET_NEGATIVE", text(`the budget of account ${r.account} is negative`, `科目 ${r.account} 的年初预算为负数`), {
        ...where(r, r.columns.budget),
        hint: text("a budget is an amount planned, never below zero; a cut mid-year goes in the adjustment column", "预算数不能小于零；年中调减请写在“调整”列"),
      }));
    } else if (r.budget + r.adjustment < 0) {
      ok = false;
      problems.push(problem("BUDGET_NEGATIVE", text(`the adjustment of account ${r.account} takes its budget below zero`, `科目 ${r.account} 的调整使调整后预算小于零`), {
        ...where(r, r.columns.adjustment),
        hint: text("an adjustment can cut a line to zero at most", "调减最多调至零"),
      }));
    }
    if (r.adjusted !== null && r.adjusted !== r.budget + r.adjustment) {
      ok = false;
      problems.push(problem("BUDGET_ADJUSTED_MISMATCH", text(`the adjusted budget of account ${r.account} is not budget + adjustment`, `科目 ${r.account} 的调整后预算数不等于年初预算数加调整数`), {
        ...where(r, r.columns.adjusted),
        hint: text("check the three columns; dues computes 调整后 itself and keeps only 年初预算 and 调整", "请核对三列；dues 只保存年初预算和调整数，调整后由程序计算"),
      }));
    }
    if (ok) kept.push(r);
  }

  // Parent rows next to their sub-accounts are subtotals: check and drop them.
  const byAccount = new Map(kept.map((r) => [r.account, r]));
  const childrenOf = new Map<string, BudgetFileRow[]>();
  for (const r of kept) {
    // The nearest budgeted ancestor is the one this row adds up into.
    const up = ancestorsOf(r.account, lookup).find((a) => byAccount.has(a));
    if (up !== undefined) childrenOf.set(up, [...(childrenOf.get(up) ?? []), r]);
  }
  const subtotals = new Set<string>();
  for (const [parent, kids] of childrenOf) {
    const p = byAccount.get(parent)!;
    // Sum the kids' full roll-up: a grandchild under a budgeted child is already in that child.
    const sumBudget = kids.reduce((t, k) => t + k.budget, 0);
    const sumAdj = kids.reduce((t, k) => t + k.adjustment, 0);
    if (sumBudget !== p.budget || sumAdj !== p.adjustment) {
      problems.push(problem("BUDGET_PARENT_MISMATCH", text(
        `account ${parent} (budget ${fmt(p.budget)}, adjustment ${fmt(p.adjustment)}) is not the sum of its sub-accounts on lines ${kids.map((k) => k.line).join(", ")} (budget ${fmt(sumBudget)}, adjustment ${fmt(sumAdj)})`,
        `科目 ${parent}（年初预算 ${fmt(p.budget)}，调整 ${fmt(p.adjustment)}）不等于其明细科目（第 ${kids.map((k) => k.line).join("、")} 行）之和（年初预算 ${fmt(sumBudget)}，调整 ${fmt(sumAdj)}）`,
      ), {
        ...where(p, p.columns.budget),
        hint: text("a parent row is read as the subtotal of its sub-accounts; correct it, or leave it out and dues adds it up", "上级科目行视为明细科目的小计；请改正，或删去该行由 dues 汇总"),
      }));
    }
    subtotals.add(parent);
  }
  const lines = kept.filter((r) => !subtotals.has(r.account)).map((r) => ({ account: r.account, budget: r.budget, adjustment: r.adjustment, note: r.note }));
  return { value: lines, problems };
}

// Figures inside messages: plain two-decimal text is enough to find the cell.
function fmt(m: Minor): string {
  return formatMinor(m, 2);
}

/**
 * An adjustment changes 调整, never 年初预算: when a new adjusted version's budget column
 * differs from the year's adopted budget, say so (a warning: the committee may have
 * re-adopted, but the auditor should see it).
 */
export function compareWithAdopted(lines: readonly BudgetLine[], adopted: readonly BudgetLine[], file: string, lineOf: (account: string) => number | undefined): Problem[] {
  const before = new Map(adopted.map((l) => [l.account, l.budget]));
  const out: Problem[] = [];
  for (const l of lines) {
    const b = before.get(l.account) ?? 0;
    if (b !== l.budget) {
      out.push(warning("BUDGET_ORIGINAL_CHANGED", text(`the year-start budget of account ${l.account} was ${fmt(b)} in the adopted version and is ${fmt(l.budget)} here`, `科目 ${l.account} 的年初预算在年初版本中为 ${fmt(b)}，此处为 ${fmt(l.budget)}`), {
        file,
        line: lineOf(l.account),
        hint: text("a mid-year adjustment keeps 年初预算 and puts the change in 调整", "年中调整应保持年初预算数不变，把变动写在调整数中"),
      }));
    }
  }
  return out;
}

/** Percent with two places as an exact integer of hundredths: 14.45% → 1445. */
export type RateHundredths = bigint;

/**
 * actual ÷ adjusted in percent, to two places; null when adjusted is 0 (no rate).
 * ROUNDING: half away from zero at the second decimal of the percentage, on exact
 * integers (actual × 10000 ÷ adjusted); 3250.50 ÷ 22500.00 = 14.4466…% → 14.45.
 */
export function executionRate(actual: Minor, adjusted: Minor): RateHundredths | null {
  if (adjusted === 0) return null;
  let num = BigInt(actual) * 10000n;
  let den = BigInt(adjusted);
  if (den < 0n) { num = -num; den = -den; }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

export function formatRate(r: RateHundredths | null): string | null {
  if (r === null) return null;
  const neg = r < 0n;
  const abs = (neg ? -r : r).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

export interface ExecutionFigures {
  readonly budget: Minor;
  readonly adjustment: Minor;
  readonly adjusted: Minor;
  readonly actual: Minor;
  /** adjusted − actual. */
  readonly variance: Minor;
  readonly rate: RateHundredths | null;
  /** Spending above its adjusted budget (including spending with no budget at all). */
  readonly overBudget: boolean;
}

export interface ExecutionRow extends ExecutionFigures {
  readonly account: string;
  readonly name: Text;
  readonly class: BudgetClass;
  readonly parent: string | null;
  /** 0 for a top-level account, 1 for its sub-accounts, ... */
  readonly depth: number;
  readonly hasChildren: boolean;
  /** No budget line here or below, but an ancestor is budgeted as a whole: its spending is inside that budget. */
  readonly covered: boolean;
}

export interface Execution {
  readonly year: number;
  readonly asOf: IsoDate;
  /** Income accounts first, then spending; each parent directly before its sub-accounts. */
  readonly rows: readonly ExecutionRow[];
  readonly totals: { readonly income: ExecutionFigures; readonly spending: ExecutionFigures };
}

function figures(cls: BudgetClass, budget: Minor, adjustment: Minor, actual: Minor): ExecutionFigures {
  const adjusted = budget + adjustment;
  return {
    budget, adjustment, adjusted, actual,
    variance: adjusted - actual,
    rate: executionRate(actual, adjusted),
    overBudget: cls === "spending" && actual > adjusted,
  };
}

/**
 * Budget against actual for a year: a row for every budgeted account and every
 * account with actuals, plus their parents; a parent's figures are its own plus the
 * sum of its sub-accounts'. `actuals` holds, per account, spending's net debits and
 * income's net credits (the caller reads them from the ledger); accounts that are
 * neither income nor spending are ignored.
 */
export function computeExecution(lines: readonly BudgetLine[], actuals: ReadonlyMap<string, Minor>, lookup: AccountLookup, year: number, asOf: IsoDate): Execution {
  const own = new Map<string, { budget: Minor; adjustment: Minor; actual: Minor }>();
  const touch = (code: string) => {
    let o = own.get(code);
    if (!o) { o = { budget: 0, adjustment: 0, actual: 0 }; own.set(code, o); }
    return o;
  };
  const include = (code: string): boolean => {
    const a = lookup(code);
    if (!a || a.class === null) return false;
    touch(code);
    for (const up of ancestorsOf(code, lookup)) if (lookup(up)?.class) touch(up);
    return true;
  };
  for (const l of lines) if (include(l.account)) { const o = touch(l.account); o.budget += l.budget; o.adjustment += l.adjustment; }
  for (const [code, amount] of actuals) if (include(code)) touch(code).actual += amount;

  // The tree of included accounts: a row's parent is its nearest included ancestor.
  const parentOf = (code: string) => ancestorsOf(code, lookup).find((a) => own.has(a)) ?? null;
  const children = new Map<string | null, string[]>();
  for (const code of own.keys()) {
    const p = parentOf(code);
    children.set(p, [...(children.get(p) ?? []), code]);
  }
  const rows: ExecutionRow[] = [];
  const budgeted = new Set(lines.map((l) => l.account));
  // `coveredAbove`: an ancestor carries the budget (501 budgeted as a whole), so spending
  // in an unbudgeted sub-account (50102) is inside that budget, not over budget by itself.
  const visit = (code: string, depth: number, coveredAbove: boolean): { budget: Minor; adjustment: Minor; actual: Minor; hasLine: boolean } => {
    const a = lookup(code)!;
    const at = rows.length;
    rows.push(undefined as unknown as ExecutionRow); // placeholder: the parent row precedes its children
    const kids = (children.get(code) ?? []).sort(compareCodes);
    const sum = { ...own.get(code)!, hasLine: budgeted.has(code) };
    for (const k of kids) {
      const s = visit(k, depth + 1, coveredAbove || budgeted.has(code));
      sum.budget += s.budget; sum.adjustment += s.adjustment; sum.actual += s.actual;
      sum.hasLine ||= s.hasLine;
    }
    const f = figures(a.class!, sum.budget, sum.adjustment, sum.actual);
    const covered = coveredAbove && !sum.hasLine;
    rows[at] = { account: code, name: a.name, class: a.class!, parent: parentOf(code), depth, hasChildren: kids.length > 0, ...f, overBudget: f.overBudget && !covered, covered };
    return sum;
  };
  const tops = (children.get(null) ?? []).sort((x, y) => classOrder(lookup(x)!.class!) - classOrder(lookup(y)!.class!) || compareCodes(x, y));
  const total = { income: { budget: 0, adjustment: 0, actual: 0 }, spending: { budget: 0, adjustment: 0, actual: 0 } };
  for (const t of tops) {
    const s = visit(t, 0, false);
    const acc = total[lookup(t)!.class!];
    acc.budget += s.budget; acc.adjustment += s.adjustment; acc.actual += s.actual;
  }
  return {
    year, asOf, rows,
    totals: {
      income: figures("income", total.income.budget, total.income.adjustment, total.income.actual),
      spending: figures("spending", total.spending.budget, total.spending.adjustment, total.spending.actual),
    },
  };
}

function classOrder(c: BudgetClass): number {
  return c === "income" ? 0 : 1;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A row of next year's draft budget, with this year's figures beside it. */
export interface DraftLine {
  readonly account: string;
  readonly name: Text;
  readonly class: BudgetClass;
  readonly parent: string | null;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly thisYearAdjusted: Minor;
  readonly thisYearActual: Minor;
  /** The part proposed for this account itself (all of it for a leaf; a parent budgeted as a whole keeps its own part). */
  readonly proposedOwn: Minor;
  /** proposedOwn plus the sub-accounts' proposals. */
  readonly proposed: Minor;
}

/**
 * Next year's draft, seeded from this year, in the same rows as the execution. For each
 * account's own part (its figures less its sub-accounts'; spending in sub-accounts it
 * covers as a whole counts as its own, and those propose nothing): spending proposes the larger
 * of this year's adjusted budget and its actual, so a line that overran is not planned
 * to overrun again; income proposes the adjusted budget (never counting on more than
 * was planned), or the actual where nothing was budgeted. Parents add up. The
 * treasurer edits the draft; this only seeds it.
 */
export function draftNextYear(exec: Execution): DraftLine[] {
  const kids = new Map<string, ExecutionRow[]>();
  for (const r of exec.rows) if (r.parent !== null) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
  const proposed = new Map<string, { own: Minor; total: Minor }>();
  const of = (r: ExecutionRow): { own: Minor; total: Minor } => {
    const done = proposed.get(r.account);
    if (done) return done;
    const children = kids.get(r.account) ?? [];
    const ownAdjusted = r.adjusted - children.reduce((t, k) => t + k.adjusted, 0);
    // Spending in sub-accounts covered by this account's own budget counts against it here.
    const ownActual = r.actual - children.filter((k) => !k.covered).reduce((t, k) => t + k.actual, 0);
    const own = r.covered ? 0 : r.class === "spending" ? Math.max(ownAdjusted, ownActual) : ownAdjusted !== 0 ? ownAdjusted : ownActual;
    const v = { own, total: own + children.reduce((t, k) => t + of(k).total, 0) };
    proposed.set(r.account, v);
    return v;
  };
  return exec.rows.map((r) => ({
    account: r.account, name: r.name, class: r.class, parent: r.parent, depth: r.depth, hasChildren: r.hasChildren,
    thisYearAdjusted: r.adjusted, thisYearActual: r.actual, proposedOwn: of(r).own, proposed: of(r).total,
  }));
}
