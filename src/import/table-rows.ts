// The shape budget-reader.ts and expenses-reader.ts map from: a file's rows as text
// cells with their line numbers, and finding the header row by its names (a title row
// may sit above it). Knows no encodings or formats: the file readers produce these rows.
import { problem, type Problem } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";

export interface TextRow {
  /** 1-based line (CSV) or row (xlsx) number in the file. */
  readonly line: number;
  readonly cells: readonly string[];
  /** The row as it stands in the file, for the caret display. */
  readonly source?: string;
  /** 1-based character column in `source` where each cell starts (for the caret). */
  readonly starts?: readonly number[];
}

export interface TextTable {
  /** The file name as the user gave it. */
  readonly file: string;
  readonly rows: readonly TextRow[];
}

export interface FieldSpec {
  readonly field: string;
  /** Header names accepted, compared without spaces, case or full-width forms. */
  readonly names: readonly string[];
  readonly required: boolean;
  readonly label: Text;
}

export interface Located {
  readonly headerLine: number;
  /** Field → 0-based cell index. */
  readonly columns: ReadonlyMap<string, number>;
  readonly data: readonly TextRow[];
}

export function normaliseHeader(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000_\-:：*]/g, "")
    .replace(/[（(].*?[)）]$/, "") // "年初预算（元）" is 年初预算
    .toLowerCase();
}

// The header is looked for in the first rows only: a title and a unit line at most.
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the first of the top rows naming every required field) and
 * maps fields to columns. A missing required column is one problem per field, pointing
 * at the best candidate header row; `codePrefix` gives the code (BUDGET_, EXPENSES_).
 */
export function locateColumns(table: TextTable, fields: readonly FieldSpec[], codePrefix: string): { value?: Located; problems: Problem[] } {
  const nonBlank = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (nonBlank.length === 0) {
    return { problems: [problem(`${codePrefix}_EMPTY_FILE`, text("the file has no rows", "文件没有任何内容"), { file: table.file, hint: text("check that this is the right file and that it was saved with data", "请确认文件正确且已保存数据") })] };
  }
  const match = (r: TextRow) => {
    const cols = new Map<string, number>();
    const names = r.cells.map(normaliseHeader);
    for (const f of fields) {
      const wanted = f.names.map(normaliseHeader);
      const i = names.findIndex((n) => wanted.includes(n));
      if (i >= 0) cols.set(f.field, i);
    }
    return cols;
  };
  let best: { row: TextRow; cols: Map<string, number> } | undefined;
  for (const r of nonBlank.slice(0, HEADER_SEARCH_ROWS)) {
    const cols = match(r);
    if (fields.every((f) => !f.required || cols.has(f.field))) {
      return { value: { headerLine: r.line, columns: cols, data: nonBlank.filter((x) => x.line > r.line) }, problems: [] };
    }
    if (!best || cols.size > best.cols.size) best = { row: r, cols };
  }
  const at = best && best.cols.size > 0 ? best.row : nonBlank[0]!;
  const found = best && best.cols.size > 0 ? best.cols : new Map<string, number>();
  const problems = fields
    .filter((f) => f.required && !found.has(f.field))
    .map((f) => problem(`${codePrefix}_COLUMN_MISSING`, text(`no ${f.label.en} column (looked for: ${f.names.join(", ")})`, `缺少“${f.label.zh}”列（可用列名：${f.names.join("、")}）`), {
      file: table.file, line: at.line, source: at.source,
      hint: text("name the column in the header row with one of these names", "请在表头行用上述名称之一标明该列"),
    }));
  return { problems };
}

/** The cell of a field in a row, trimmed; "" when the field is not mapped or the row is short. */
export function cellOf(row: TextRow, located: Located, field: string): string {
  const i = located.columns.get(field);
  return i === undefined ? "" : (row.cells[i] ?? "").trim();
}

/** 1-based column of a field in a row, for problems: the character column when known, else the cell number. */
export function columnOf(row: TextRow, located: Located, field: string): number | undefined {
  const i = located.columns.get(field);
  if (i === undefined) return undefined;
  return row.starts?.[i] ?? i + 1;
}
