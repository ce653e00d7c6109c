// `dues export final --year Y [--as-of D] -o FILE.xlsx`: the final-accounts workbook (决算)
// from the same figures as `dues report final`, written by the one xlsx writer. Reads only.
import { extname } from "node:path";
import { chartOf } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { problem, Refusal } from "../domain/problem.js";
import { text, type Lang } from "../domain/text.js";
import type { Ledger } from "../ledger/ledger.js";
import { finalWorkbook, type FinalWorkbookInput } from "../report/final-workbook.js";
import { writeWorkbook, type WriteResult } from "../report/xlsx-writer.js";
import { finalReport, type FinalReport } from "./final-accounts.js";

export interface ExportFinalOptions {
  readonly year: string;
  readonly asOf?: string;
  readonly output: string;
  readonly lang: Lang;
  /** ctx.now(): SOURCE_DATE_EPOCH makes it reproducible. */
  readonly createdAt: string;
  readonly today: string;
}

export interface ExportFinalResult extends WriteResult {
  readonly report: FinalReport;
}

/** Refuses (64) an output that is not .xlsx, before anything is opened: `-o dues.db` must never overwrite the ledger. */
export function checkXlsxOutput(output: string, example: string): void {
  if (extname(output).toLowerCase() !== ".xlsx") {
    throw new Refusal("usage", [problem("EXPORT_NOT_XLSX", text(`-o ${output}: the workbook must be a .xlsx file`, `-o ${output}：工作簿必须是 .xlsx 文件`), { hint: text(`Example: -o ${example}`, `例如：-o ${example}`) })]);
  }
}

export function finalWorkbookInput(r: FinalReport, o: { lang: Lang; createdAt: string }): FinalWorkbookInput {
  return {
    union: r.union, year: r.year, from: r.from, to: r.to, yearEnd: r.yearEnd, asOf: r.asOf,
    currency: r.currency, digits: r.digits, lang: o.lang, createdAt: o.createdAt,
    chart: { id: r.chart, name: chartOf(r.chart).name },
    statement: r.statement, balance: r.balance, funds: r.funds, remittances: r.remittances,
    budget: r.budget && { number: r.budget.number, kind: r.budget.kind, file: r.budget.file, approval: r.budget.approval },
    yearClosed: r.yearClosed, closeEntries: r.closeEntries, opening: r.opening, openMonths: r.openMonths,
    head: r.head, configSha256: r.configSha256,
  };
}

export async function exportFinal(ws: { config: Config; ledger: Ledger }, o: ExportFinalOptions): Promise<ExportFinalResult> {
  checkXlsxOutput(o.output, `final-${o.year}.xlsx`);
  const report = finalReport(ws, { year: o.year, asOf: o.asOf, today: o.today });
  const result = await writeWorkbook(o.output, finalWorkbook(finalWorkbookInput(report, o)));
  return { ...result, report };
}
