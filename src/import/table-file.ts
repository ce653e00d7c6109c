// A small table file (budget, expenses) read whole through the generic reader
// (table.ts), so the mapping and the chart checks can look at every row, and their
// problems get the reader's character columns and line text before they are shown.
import type { Problem } from "../domain/problem.js";
import { openTable, type TableInfo } from "./table.js";
import type { TextTable } from "./table-rows.js";

export interface ReadTable {
  readonly table: TextTable;
  readonly info: TableInfo;
  /**
   * Every problem of the read: the reader's own (bad bytes, unclosed quote, missing
   * file) and `mine` (whose `column`, a 1-based cell number, becomes a character
   * column with the line's text). Call once, after all checks.
   */
  finish(mine: readonly Problem[]): Promise<Problem[]>;
}

export async function readTableFile(path: string, opts: { fileLabel: string; area: string; sheet?: string }): Promise<ReadTable> {
  const t = await openTable(path, { fileLabel: opts.fileLabel, area: opts.area, sheet: opts.sheet });
  const rows: { line: number; cells: string[] }[] = [];
  for await (const r of t.rows()) rows.push({ line: r.line, cells: r.cells });
  return {
    table: { file: opts.fileLabel, rows },
    info: t.info,
    async finish(mine) {
      const loose: Problem[] = [];
      for (const p of mine) {
        if (p.line !== undefined && p.file === opts.fileLabel) {
          t.report({
            code: p.code, message: p.message, hint: p.hint, severity: p.severity, line: p.line,
            field: p.column !== undefined && t.info.kind === "csv" ? p.column - 1 : undefined,
            column: t.info.kind === "xlsx" ? p.column : undefined,
          });
        } else loose.push(p);
      }
      const { problems } = await t.finish();
      // The reader already says an empty file is empty; the mapping would say it again.
      const seen = new Set(problems.map((p) => p.code));
      return [...problems, ...loose.filter((p) => !(p.code.endsWith("_EMPTY_FILE") && seen.has(p.code)))];
    },
  };
}
