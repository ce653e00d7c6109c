// A budget file (CSV or xlsx, SPEC §4.2) to budget rows: finds the header by its names,
// reads amounts as payroll files write them (parseAmount), and reports every unreadable
// cell at once. Chart checks (unknown account, wrong name) are domain/budget.ts's.
import type { BudgetFileRow } from "../domain/budget.js";
import { parseAmount, type Minor } from "../domain/money.js";
import { problem, type Checked, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { cellOf, columnOf, locateColumns, type FieldSpec, type TextTable } from "./table-rows.js";

export const BUDGET_FIELDS: readonly FieldSpec[] = [
  { field: "account", names: ["科目编码", "科目代码", "编码", "科目号", "account", "account code", "code"], required: true, label: text("account", "科目编码") },
  { field: "name", names: ["科目名称", "名称", "科目", "name", "account name"], required: false, label: text("name", "科目名称") },
  { field: "budget", names: ["年初预算", "年初预算数", "预算", "预算数", "budget"], required: true, label: text("budget", "年初预算") },
  { field: "adjustment", names: ["调整", "调整数", "调整金额", "adjustment"], required: false, label: text("adjustment", "调整") },
  { field: "adjusted", names: ["调整后", "调整后预算", "调整后预算数", "adjusted", "adjusted budget"], required: false, label: text("adjusted", "调整后预算") },
  { field: "note", names: ["说明", "备注", "note", "notes"], required: false, label: text("note", "说明") },
];

// Rows that total the file (合计, 收入合计, Total ...) are not budget lines.
const TOTAL_ROW = /^(合计|总计|小计|.*合计|total|subtotal|grand total)$/i;

export interface AmountOptions {
  readonly digits: number;
  readonly decimalMark?: "." | ",";
}

/** Account codes as people type them: full-width digits, a stray ".0" from a spreadsheet number. */
export function normaliseAccountCode(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^(\d+)\.0+$/, "$1");
}

export function mapBudgetTable(table: TextTable, opts: AmountOptions): Checked<BudgetFileRow[]> {
  const loc = locateColumns(table, BUDGET_FIELDS, "BUDGET");
  if (!loc.value) return { value: undefined, problems: loc.problems };
  const located = loc.value;
  const problems: Problem[] = [];
  const out: BudgetFileRow[] = [];
  for (const r of located.data) {
    const account = normaliseAccountCode(cellOf(r, located, "account"));
    const name = cellOf(r, located, "name");
    const rawBudget = cellOf(r, located, "budget");
    const rawAdj = cellOf(r, located, "adjustment");
    const rawAdjusted = cellOf(r, located, "adjusted");
    if (TOTAL_ROW.test(account) || (account === "" && TOTAL_ROW.test(name))) continue;
    if (account === "") {
      // A heading row (a name only) is not a line; amounts without an account are a mistake.
      if (rawBudget !== "" || rawAdj !== "" || rawAdjusted !== "") {
        problems.push(problem("BUDGET_ACCOUNT_MISSING", text("this row has amounts but no account code", "此行有金额但没有科目编码"), {
          file: table.file, line: r.line, column: columnOf(r, located, "account"), source: r.source,
          hint: text("write the account code (e.g. 50102) in the account column", "请在科目编码列填写科目编码（如 50102）"),
        }));
      }
      continue;
    }
    let ok = true;
    const amount = (raw: string, field: string): Minor | null => {
      if (raw === "") return null;
      const p = parseAmount(raw, opts);
      if (p.ok) return p.minor;
      ok = false;
      const why = p.reason === "too-precise"
        ? text(`has more decimals than the currency's ${opts.digits}`, `小数位数多于币种的 ${opts.digits} 位`)
        : p.reason === "too-large" ? text("is too large", "数额过大") : text("is not an amount", "不是金额");
      problems.push(problem("BUDGET_AMOUNT_UNREADABLE", text(`the ${field} "${raw}" ${why.en}`, `${fieldZh(field)}“${raw}”${why.zh}`), {
        file: table.file, line: r.line, column: columnOf(r, located, field), source: r.source,
        hint: text("write amounts like 20000.00 or 20,000.00", "金额请写成 20000.00 或 20,000.00 的形式"),
      }));
      return null;
    };
    const budget = amount(rawBudget, "budget");
    const adjustment = amount(rawAdj, "adjustment");
    const adjusted = amount(rawAdjusted, "adjusted");
    if (!ok) continue;
    out.push({
      line: r.line,
      source: r.source,
      account,
      columns: {
        account: columnOf(r, located, "account"), name: columnOf(r, located, "name"), budget: columnOf(r, located, "budget"),
        adjustment: columnOf(r, located, "adjustment"), adjusted: columnOf(r, located, "adjusted"),
      },
      name: located.columns.has("name") ? name : null,
      // A blank budget cell is zero: a line added mid-year has only an adjustment.
      budget: budget ?? 0,
      adjustment: adjustment ?? 0,
      adjusted,
      note: cellOf(r, located, "note"),
    });
  }
  if (out.length === 0 && problems.length === 0) {
    problems.push(problem("BUDGET_NO_LINES", text("the file has a header but no budget lines", "文件只有表头，没有预算行"), {
      file: table.file, line: located.headerLine,
      hint: text("add one row per account under the header", "请在表头下为每个科目填写一行"),
    }));
  }
  return { value: out, problems };
}

function fieldZh(field: string): string {
  return field === "budget" ? "年初预算" : field === "adjustment" ? "调整数" : "调整后预算";
}
