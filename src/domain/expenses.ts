// Spending imported from a file (`dues import expenses`): each row becomes one entry,
// Dr the spending account = Cr the account it was paid from (the bank by default).
// Pure: checks the rows against the chart and builds the postings; no ledger here.
import type { Minor } from "./money.js";
import type { IsoDate, Period } from "./period.js";
import { periodOf } from "./period.js";
import { problem, warning, type Checked, type Problem } from "./problem.js";
import { text } from "./text.js";

export interface ExpenseRow {
  readonly line: number;
  readonly source?: string;
  readonly columns: { readonly date?: number; readonly account?: number; readonly amount?: number; readonly paidFrom?: number; readonly memo?: number; readonly project?: number };
  readonly date: IsoDate;
  readonly account: string;
  readonly amount: Minor;
  readonly memo: string;
  readonly ref: string;
  /** The account paid from when the file says; otherwise the chart's bank account. */
  readonly paidFrom: string | null;
  /** The project the spending is for (projects: in dues.yaml; earmarked money closes to 321). */
  readonly project?: string | null;
}

/** What the checks need to know about an account. */
export interface ExpenseAccount {
  readonly code: string;
  readonly kind: "asset" | "liability" | "net-assets" | "income" | "expense";
  /** Postings go to leaves only. */
  readonly postable: boolean;
  /** The account requires a body on its postings (211): not for a spending import. */
  readonly takesBody: boolean;
}

export interface ExpenseEntry {
  readonly line: number;
  readonly date: IsoDate;
  readonly period: Period;
  readonly memo: string;
  readonly ref: string;
  readonly postings: readonly { readonly account: string; readonly amount: Minor; readonly project?: string | null }[];
}

/**
 * Checks every row and builds one balanced entry per row (positive = debit). The
 * spending account must be a postable expense account; `paid_from` must be a postable
 * asset account (cash, bank) without bodies. Decisions in docs/budgets.md: amounts
 * must be above zero (a refund is a `dues record` entry, so it is never mistaken for
 * spending), and a memo is required (the audit committee reads every line).
 */
export function buildExpenseEntries(rows: readonly ExpenseRow[], lookup: (code: string) => ExpenseAccount | undefined, bank: string, file: string, projects: readonly string[] = []): Checked<ExpenseEntry[]> {
  const problems: Problem[] = [];
  const entries: ExpenseEntry[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    // One voucher may have several lines (same ref), but a row repeated exactly is most
    // likely pasted twice: a warning naming the first, so the treasurer looks before booking twice.
    const key = JSON.stringify([r.date, r.account, r.amount, r.memo.trim(), r.ref, r.paidFrom]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(warning("EXPENSES_ROW_REPEATED", text(`this row repeats line ${first} exactly`, `此行与第 ${first} 行完全相同`), {
        file, line: r.line, source: r.source,
        hint: text("if it is the same payment, delete one row; if two payments, give them different refs", "如为同一笔支出请删去一行；如为两笔，请用不同凭证号区分"),
      }));
    } else seen.set(key, r.line);
    const at = (column?: number) => ({ file, line: r.line, column, source: r.source });
    const before = problems.length;
    const a = lookup(r.account);
    if (!a) {
      problems.push(problem("EXPENSES_ACCOUNT_UNKNOWN", text(`account ${r.account} is not in the union's chart of accounts`, `科目 ${r.account} 不在本工会的会计科目表中`), {
        ...at(r.columns.account), hint: text("use a spending sub-account of the chart, e.g. 50102", "请使用科目表中的支出明细科目，例如 50102"),
      }));
    } else if (a.kind !== "expense") {
      problems.push(problem("EXPENSES_NOT_SPENDING", text(`account ${r.account} is not a spending account`, `科目 ${r.account} 不是支出科目`), {
        ...at(r.columns.account), hint: text("an expenses file books spending (5xx); other entries go through `dues record`", "支出文件只记支出类科目（5xx）；其他分录请用 dues record"),
      }));
    } else if (!a.postable) {
      problems.push(problem("EXPENSES_NOT_LEAF", text(`account ${r.account} has sub-accounts; book to one of them`, `科目 ${r.account} 下设明细科目，请记到明细科目`), {
        ...at(r.columns.account), hint: text("e.g. 50102 rather than 501", "例如用 50102 而不是 501"),
      }));
    }
    const from = r.paidFrom ?? bank;
    const f = lookup(from);
    if (!f || f.kind !== "asset" || !f.postable || f.takesBody) {
      problems.push(problem("EXPENSES_PAID_FROM_INVALID", text(`"${from}" is not a cash or bank account to pay from`, `“${from}”不是可用于付款的现金或银行科目`), {
        ...at(r.columns.paidFrom), hint: text(`leave paid_from empty for the bank (${bank}), or give a cash or bank account code`, `付款科目留空即为银行存款（${bank}），或填写现金、银行科目编码`),
      }));
    }
    if (r.amount <= 0) {
      problems.push(problem("EXPENSES_AMOUNT_NOT_POSITIVE", text("the amount must be above zero", "金额必须大于零"), {
        ...at(r.columns.amount), hint: text("a refund or correction is a `dues record` entry (or `dues void` of the batch)", "退款或更正请用 dues record（或 dues void 撤销整批）"),
      }));
    }
    if (r.memo.trim() === "") {
      problems.push(problem("EXPENSES_MEMO_MISSING", text("the row has no memo", "此行没有摘要"), {
        ...at(r.columns.memo), hint: text("say what the money was spent on; the audit committee reads it", "请写明支出事由，经审会要审阅"),
      }));
    }
    if (r.project && !projects.includes(r.project)) {
      problems.push(problem("EXPENSES_UNKNOWN_PROJECT", text(`project ${r.project} is not in dues.yaml`, `项目 ${r.project} 不在 dues.yaml 中`), {
        ...at(r.columns.project), hint: text(`projects: ${projects.join(", ") || "(none; add them under projects: in dues.yaml)"}`, `项目：${projects.join("、") || "（无；请在 dues.yaml 的 projects: 下添加）"}`),
      }));
    }
    if (problems.length > before) continue;
    entries.push({
      line: r.line, date: r.date, period: periodOf(r.date), memo: r.memo.trim(), ref: r.ref,
      postings: [{ account: r.account, amount: r.amount, ...(r.project ? { project: r.project } : {}) }, { account: from, amount: -r.amount }],
    });
  }
  return { value: entries, problems };
}
