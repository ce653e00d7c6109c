// An expenses file (`dues import expenses`) to expense rows: date, account, amount,
// memo, ref and an optional paid_from column, found by header names; every unreadable
// date or amount reported at once. Chart checks are domain/expenses.ts's.
import type { ExpenseRow } from "../domain/expenses.js";
import { parseAmount } from "../domain/money.js";
import type { IsoDate } from "../domain/period.js";
import { problem, type Checked, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { normaliseAccountCode, type AmountOptions } from "./budget-reader.js";
import { cellOf, columnOf, locateColumns, type FieldSpec, type TextTable } from "./table-rows.js";
import { readDate } from "./dates.js";

export const EXPENSE_FIELDS: readonly FieldSpec[] = [
  { field: "date", names: ["日期", "支出日期", "付款日期", "date"], required: true, label: text("date", "日期") },
  { field: "account", names: ["科目编码", "科目代码", "科目", "account", "account code"], required: true, label: text("account", "科目编码") },
  { field: "amount", names: ["金额", "支出金额", "amount"], required: true, label: text("amount", "金额") },
  { field: "memo", names: ["摘要", "说明", "事由", "memo", "description"], required: true, label: text("memo", "摘要") },
  { field: "ref", names: ["凭证号", "单据号", "票据号", "编号", "ref", "reference"], required: false, label: text("ref", "凭证号") },
  { field: "paidFrom", names: ["付款科目", "付款账户", "支付科目", "paid_from", "paid from"], required: false, label: text("paid_from", "付款科目") },
  { field: "project", names: ["项目", "专项", "project"], required: false, label: text("project", "项目") },
];

const TOTAL_ROW = /^(合计|总计|小计|total)$/i;

/**
 * A date as people write it in a spreadsheet: 2026-03-05, 2026/3/5, 2026.3.5,
 * 2026年3月5日, 20260305. Day-first and month-first forms (05/03/2026) are refused:
 * they are ambiguous, and guessing would book spending in the wrong month.
 */
export function parseDate(raw: string): IsoDate | null {
  const s = raw.normalize("NFKC").trim().replace(/[T ]00:00(:00(\.0+)?)?Z?$/, ""); // a spreadsheet date-time at midnight
  // A voucher is dated, not timed: any other time of day is not read as a date.
  return /[T ]|^\d{9,}$/.test(s) ? null : readDate(s) ?? null;
}

export function mapExpensesTable(table: TextTable, opts: AmountOptions): Checked<ExpenseRow[]> {
  const loc = locateColumns(table, EXPENSE_FIELDS, "EXPENSES");
  if (!loc.value) return { value: undefined, problems: loc.problems };
  const located = loc.value;
  const problems: Problem[] = [];
  const out: ExpenseRow[] = [];
  for (const r of located.data) {
    const where = (field: string) => ({ file: table.file, line: r.line, column: columnOf(r, located, field), source: r.source });
    const rawDate = cellOf(r, located, "date");
    const account = normaliseAccountCode(cellOf(r, located, "account"));
    const rawAmount = cellOf(r, located, "amount");
    if (TOTAL_ROW.test(rawDate) || TOTAL_ROW.test(account) || (rawDate === "" && account === "" && rawAmount !== "")) continue;
    let ok = true;
    const date = parseDate(rawDate);
    if (!date) {
      ok = false;
      problems.push(problem("EXPENSES_DATE_UNREADABLE", text(rawDate === "" ? "the date is missing" : `"${rawDate}" is not a date`, rawDate === "" ? "缺少日期" : `“${rawDate}”不是日期`), {
        ...where("date"), hint: text("write dates as 2026-03-05", "日期请写成 2026-03-05"),
      }));
    }
    if (account === "") {
      ok = false;
      problems.push(problem("EXPENSES_ACCOUNT_MISSING", text("the account code is missing", "缺少科目编码"), {
        ...where("account"), hint: text("write the spending account code, e.g. 50102", "请填写支出科目编码，例如 50102"),
      }));
    }
    const p = parseAmount(rawAmount, opts);
    if (!p.ok) {
      ok = false;
      problems.push(problem("EXPENSES_AMOUNT_UNREADABLE", text(rawAmount === "" ? "the amount is missing" : `"${rawAmount}" is not an amount with at most ${opts.digits} decimals`, rawAmount === "" ? "缺少金额" : `“${rawAmount}”不是最多 ${opts.digits} 位小数的金额`), {
        ...where("amount"), hint: text("write amounts like 3250.50", "金额请写成 3250.50 的形式"),
      }));
    }
    if (!ok || !date || !p.ok) continue;
    const paidFrom = normaliseAccountCode(cellOf(r, located, "paidFrom"));
    out.push({
      line: r.line,
      source: r.source,
      columns: { date: columnOf(r, located, "date"), account: columnOf(r, located, "account"), amount: columnOf(r, located, "amount"), paidFrom: columnOf(r, located, "paidFrom"), memo: columnOf(r, located, "memo"), project: columnOf(r, located, "project") },
      date,
      account,
      amount: p.minor,
      memo: cellOf(r, located, "memo"),
      ref: cellOf(r, located, "ref"),
      paidFrom: paidFrom === "" ? null : paidFrom,
      project: cellOf(r, located, "project") || null,
    });
  }
  if (out.length === 0 && problems.length === 0) {
    problems.push(problem("EXPENSES_NO_ROWS", text("the file has a header but no expense rows", "文件只有表头，没有支出行"), {
      file: table.file, line: located.headerLine, hint: text("add one row per payment under the header", "请在表头下每笔支出填写一行"),
    }));
  }
  return { value: out, problems };
}
