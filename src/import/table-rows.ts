// The shape budget-reader.ts and expenses-reader.ts map from: a file's rows as text
// cells with their line numbers, and finding the header row by its names (a title row
// may sit above it). Knows no encodings or formats: the file readers produce these rows.
import { problem, type Problem } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";
import { findHeader } from "./header.js";

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

// The header is looked for among the first non-blank rows, as the payroll reader does.
const HEADER_SEARCH_ROWS = 30;

/**
 * Finds the header row with the generic reader's rules (header.ts: the first row holding
 * every required field; names compared after NFKC, without spaces or a trailing unit)
 * and maps fields to columns. A missing required column is one problem listing them all,
 * quoting the likeliest header row; a field named twice is an error (we will not guess
 * which holds the money). `codePrefix` gives the codes (BUDGET_, EXPENSES_).
 */
export function locateColumns(table: TextTable, fields: readonly FieldSpec[], codePrefix: string): { value?: Located; problems: Problem[] } {
  const nonBlank = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (nonBlank.length === 0) {
    return { problems: [problem(`${codePrefix}_EMPTY_FILE`, text("the file has no rows", "文件没有任何内容"), { file: table.file, hint: text("check that this is the right file and that it was saved with data", "请确认文件正确且已保存数据") })] };
  }
  const specs = fields.map((f) => ({ key: f.field, names: f.names, required: f.required }));
  const h = findHeader(nonBlank.slice(0, HEADER_SEARCH_ROWS).map((r) => ({ line: r.line, cells: [...r.cells], span: 0 })), specs);
  const at = h.row ?? nonBlank[0]!;
  const source = (nonBlank.find((r) => r.line === at.line) ?? nonBlank[0]!).source;
  if (!h.found) {
    const missing = fields.filter((f) => h.missing.some((m) => m.key === f.field));
    const found = at.cells.filter((c) => c.trim() !== "").join(", ");
    return {
      problems: [problem(`${codePrefix}_COLUMN_MISSING`, text(
        `no ${missing.map((f) => `${f.label.en} column (${f.names.join(", ")})`).join("; no ")}; the likeliest header row has: ${found}`,
        `缺少${missing.map((f) => `“${f.label.zh}”列（可用列名：${f.names.join("、")}）`).join("；缺少")}；最接近表头的一行为：${found}`,
      ), { file: table.file, line: at.line, source, hint: text("name each column in the header row with one of these names", "请在表头行用上述名称之一标明各列") })],
    };
  }
  if (h.ambiguous.length > 0) {
    return {
      problems: h.ambiguous.map((a) => problem(`${codePrefix}_AMBIGUOUS_COLUMN`, text(`"${a.name}" heads more than one column`, `“${a.name}”出现在不止一列`), {
        file: table.file, line: at.line, column: a.indexes[1]! + 1, source,
        hint: text("rename or remove the extra column, so it is clear which one holds the figures", "请改名或删去多余的列，以免混淆"),
      })),
    };
  }
  return { value: { headerLine: at.line, columns: h.columns, data: nonBlank.filter((x) => x.line > at.line) }, problems: [] };
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
