// `dues export budget --year Y [--as-of D] -o FILE.xlsx`: the budget workbook from the
// same figures as `dues budget show` (execution, month-by-month actuals, next year's
// draft, approval block), written by the one xlsx writer. Reads only.
import { extname } from "node:path";
import { draftNextYear } from "../domain/budget.js";
import { financialYear, periodRange } from "../domain/period.js";
import type { Config } from "../domain/config.js";
import { problem, Refusal } from "../domain/problem.js";
import { text, type Lang } from "../domain/text.js";
import type { Ledger } from "../ledger/ledger.js";
import { budgetWorkbook, type BudgetWorkbookInput } from "../report/budget-workbook.js";
import { writeWorkbook, type WriteResult } from "../report/xlsx-writer.js";
import { showBudget, yearActuals, type BudgetShow } from "./budget-show.js";

export interface ExportBudgetOptions {
  readonly year: string;
  readonly asOf?: string;
  readonly output: string;
  readonly lang: Lang;
  /** ctx.now(): SOURCE_DATE_EPOCH makes it reproducible. */
  readonly createdAt: string;
  readonly today: string;
}

export interface ExportBudgetResult extends WriteResult {
  readonly show: BudgetShow;
}

export function gatherBudgetWorkbook(ws: { config: Config; ledger: Ledger }, o: ExportBudgetOptions): { input: BudgetWorkbookInput; show: BudgetShow } {
  const show = showBudget(ws, { year: o.year, asOf: o.asOf, today: o.today });
  const e = show.execution;
  const v = show.version;
  const input: BudgetWorkbookInput = {
    union: ws.config.union.name,
    currency: ws.config.union.currency.code,
    digits: show.digits,
    lang: o.lang,
    createdAt: o.createdAt,
    execution: e,
    version: v && { number: v.version, kind: v.kind, file: v.file, importedAt: v.importedAt, approval: v.approval },
    history: show.history.map((h) => ({ number: h.version, kind: h.kind, file: h.file, sha256: h.sha256, importedAt: h.importedAt, approval: h.approval })),
    notes: new Map((v?.lines ?? []).filter((l) => l.note !== "").map((l) => [l.account, l.note])),
    monthly: yearActuals(ws.config, ws.ledger, e.year, e.asOf, true),
    months: (({ from, to }) => periodRange(from, to))(financialYear(e.year, ws.config.financialYearStart)),
    draft: draftNextYear(e),
  };
  return { input, show };
}

export async function exportBudget(ws: { config: Config; ledger: Ledger }, o: ExportBudgetOptions): Promise<ExportBudgetResult> {
  // Only .xlsx: a slip such as `-o dues.db` must never overwrite the ledger.
  if (extname(o.output).toLowerCase() !== ".xlsx") {
    throw new Refusal("usage", [problem("EXPORT_NOT_XLSX", text(`-o ${o.output}: the workbook must be a .xlsx file`, `-o ${o.output}：工作簿必须是 .xlsx 文件`), { hint: text("Example: -o budget-2026.xlsx", "例如：-o budget-2026.xlsx") })]);
  }
  const { input, show } = gatherBudgetWorkbook(ws, o);
  const result = await writeWorkbook(o.output, budgetWorkbook(input));
  return { ...result, show };
}
