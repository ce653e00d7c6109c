// The one xlsx writer: turns a workbook model (model.ts) into a file with exceljs's
// streaming writer, one sheet at a time, so memory stays flat however long a sheet is.
// Writes to a temporary file beside the target and renames it, so a failed export
// leaves nothing half-written. exceljs is loaded lazily: other commands never pay for it.
import { closeSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { formatMinor } from "../domain/money.js";
import { daysBetween } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { pick, text, type Lang } from "../domain/text.js";
import {
  columnLetter,
  fractionToDecimal,
  rowCells,
  rowRole,
  textWidth,
  type Cell,
  type Column,
  type Row,
  type RowRole,
  type Sheet,
  type TypedCell,
  type Workbook,
} from "./model.js";

/** Excel's limit: rows per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's limit on the characters in one cell. */
const EXCEL_MAX_CELL_CHARS = 32_767;
/** Rows looked at (and held) before a streamed sheet's column widths are fixed. */
const WIDTH_SAMPLE_ROWS = 500;
/**
 * Rows between pauses that let the zip stream drain, which keeps memory flat. 500, not
 * 2,000: rows held across a pause outlive V8's young generation and are promoted, so a
 * shorter stretch keeps the old generation smaller (a 5,000-affiliate federation's audit
 * workbook: about 300 -> 245-260 MB peak RSS, no slower).
 */
const DRAIN_EVERY = 500;
/** Rows between progress reports. */
const PROGRESS_EVERY = 2_000;

export interface WriteOptions {
  /** Rows per sheet before continuing on "Name (2)"; Excel's limit unless a test lowers it. */
  readonly maxRows?: number;
  /** Called now and then with the number of rows written so far (for a progress bar). */
  readonly onProgress?: (rows: number) => void;
}

export interface WrittenSheet {
  readonly name: string;
  /** Rows in this part, header and preamble included. */
  readonly rows: number;
}

export interface WriteResult {
  readonly path: string;
  readonly sheets: readonly WrittenSheet[];
  /** Data rows written across all sheets (headers, totals and notes not counted). */
  readonly dataRows: number;
  readonly bytes: number;
}

type ExcelJs = typeof import("exceljs");
type WorkbookWriter = InstanceType<ExcelJs["stream"]["xlsx"]["WorkbookWriter"]>;
type WorksheetWriter = ReturnType<WorkbookWriter["addWorksheet"]>;

let excelPromise: Promise<ExcelJs> | undefined;
async function loadExcel(): Promise<ExcelJs> {
  // exceljs is CommonJS: the namespace's default export carries `stream`.
  excelPromise ??= import("exceljs").then((m) => ((m as unknown as { default?: ExcelJs }).default ?? m) as ExcelJs);
  return excelPromise;
}

/**
 * exceljs renders every cell's style to XML to find its id, which costs more than the
 * rest of the cell. Cells share their column's (and row's) style parts by reference, so
 * the id is cached per combination of those parts. The parts are never mutated after use.
 */
function cacheStyles(writer: WorkbookWriter): void {
  type StyleModel = { numFmt?: string; font?: object; border?: object; fill?: object; alignment?: object; protection?: object };
  const styles = (writer as unknown as { styles: { addStyleModel(m: StyleModel | undefined, t?: number): number } }).styles;
  const original = styles.addStyleModel.bind(styles);
  const ids = new WeakMap<object, number>();
  let next = 1;
  const id = (o: object | undefined) => {
    if (!o) return 0;
    let n = ids.get(o);
    if (n === undefined) ids.set(o, (n = next++));
    return n;
  };
  const cache = new Map<string, number>();
  // Fast path for the common cell: only its column's alignment and number format.
  const plain = new WeakMap<object, Map<string, number>>();
  styles.addStyleModel = (m, t) => {
    if (!m) return original(m, t);
    if (m.alignment && !m.font && !m.border && !m.fill && !m.protection) {
      let byFormat = plain.get(m.alignment);
      if (!byFormat) plain.set(m.alignment, (byFormat = new Map()));
      const k = `${t}|${m.numFmt ?? ""}`;
      let styleId = byFormat.get(k);
      if (styleId === undefined) byFormat.set(k, (styleId = original(m, t)));
      return styleId;
    }
    const key = `${t}|${m.numFmt ?? ""}|${id(m.font)}|${id(m.border)}|${id(m.fill)}|${id(m.alignment)}|${id(m.protection)}`;
    let styleId = cache.get(key);
    if (styleId === undefined) cache.set(key, (styleId = original(m, t)));
    return styleId;
  };
}

/** Number formats by kind. Money shows grouping and exactly the currency's digits. */
export function moneyFormat(digits: number): string {
  const frac = digits > 0 ? "." + "0".repeat(digits) : "";
  return `#,##0${frac};-#,##0${frac}`;
}
export const DATE_FORMAT = "yyyy-mm-dd";
export const PERCENT_FORMAT = "0.00%";
export const INTEGER_FORMAT = "0";

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } } as const;
const THIN = { style: "thin", color: { argb: "FF808080" } } as const;
// Fonts always name the family and size: a bare { bold } makes LibreOffice fall back to a serif face.
const FONT_NAME = "Calibri";
const BOLD = { name: FONT_NAME, size: 11, bold: true };
const TITLE = { name: FONT_NAME, size: 14, bold: true };

/**
 * Writes the workbook to `path`, replacing a file already there only once the new one is
 * complete. Refuses (exit 73) when the folder cannot be written.
 */
export async function writeWorkbook(path: string, wb: Workbook, opts: WriteOptions = {}): Promise<WriteResult> {
  const maxRows = opts.maxRows ?? EXCEL_MAX_ROWS;
  if (maxRows < 3 || maxRows > EXCEL_MAX_ROWS) throw new Error(`bug: maxRows ${maxRows} outside 3..${EXCEL_MAX_ROWS}`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  claimTemp(path, tmp);
  try {
    const excel = await loadExcel();
    const writer = new excel.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: true,
      // Inline strings: shared strings would keep every distinct name in memory.
      useSharedStrings: false,
      created: new Date(wb.created),
      modified: new Date(wb.created),
      creator: wb.creator ?? "dues",
    } as ConstructorParameters<ExcelJs["stream"]["xlsx"]["WorkbookWriter"]>[0]);
    cacheStyles(writer);
    const state: WriterState = { writer, wb, maxRows, used: new Set(), dataRows: 0, parts: [], onProgress: opts.onProgress };
    for (const sheet of wb.sheets) await writeSheet(state, sheet);
    await writer.commit();
    renameSync(tmp, path);
    return { path, sheets: state.parts, dataRows: state.dataRows, bytes: statSync(path).size };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function claimTemp(path: string, tmp: string): void {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Refusal("cannot-write", [problem("EXPORT_TARGET_IS_FOLDER", text(`${path} is a folder, not a file`, `${path} 是文件夹，不是文件`), { file: path, hint: text("Give a file name ending in .xlsx.", "请给出以 .xlsx 结尾的文件名。") })]);
    }
    closeSync(openSync(tmp, "w"));
  } catch (e) {
    if (e instanceof Refusal) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw new Refusal("cannot-write", [
      problem("EXPORT_CANNOT_WRITE", text(`cannot write ${path} (${code})`, `无法写入 ${path}（${code}）`), {
        file: path,
        hint: text("Check that the folder exists and that you may write to it.", "请检查文件夹是否存在、是否有写权限。"),
      }),
    ]);
  }
}

interface WriterState {
  readonly writer: WorkbookWriter;
  readonly wb: Workbook;
  readonly maxRows: number;
  readonly used: Set<string>;
  dataRows: number;
  readonly parts: WrittenSheet[];
  readonly onProgress?: (rows: number) => void;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export function sheetName(wanted: string, used: Set<string>, suffix = ""): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "") || "Sheet";
  let n = 1;
  for (;;) {
    const tail = suffix + (n > 1 ? ` ~${n}` : "");
    const name = [...clean].slice(0, 31 - tail.length).join("") + tail;
    if (!used.has(name.toLowerCase())) {
      used.add(name.toLowerCase());
      return name;
    }
    n++;
  }
}

async function* rowsOf(rows: Sheet["rows"]): AsyncIterable<Row> {
  if (Symbol.asyncIterator in (rows as object)) yield* rows as AsyncIterable<Row>;
  else yield* rows as Iterable<Row>;
}

interface Part {
  ws: WorksheetWriter;
  /** Column widths, for the height of rows with wrapped text. */
  widths: readonly number[];
  name: string;
  rowCount: number;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
}

async function writeSheet(state: WriterState, sheet: Sheet): Promise<void> {
  const { wb } = state;
  const lang = wb.lang;
  const table = (sheet.layout ?? "table") === "table";
  const baseName = pick(sheet.name, lang);

  // Look at the first rows (only those) to fit the column widths, then stream the rest.
  const iterator = rowsOf(sheet.rows)[Symbol.asyncIterator]();
  const sample: Row[] = [];
  let done = false;
  while (sample.length < WIDTH_SAMPLE_ROWS) {
    const r = await iterator.next();
    if (r.done) { done = true; break; }
    sample.push(r.value);
  }
  const widths = fitWidths(sheet, [...(sheet.preamble ?? []), ...sample], wb.digits, lang);
  const colStyles = sheet.columns.map((c) => styleOf(c, wb.digits));

  const parts: Part[] = [];
  let part: Part;
  const open = (first: boolean): Part => {
    const name = sheetName(baseName, state.used, first ? "" : ` (${parts.length + 1})`);
    const preamble = first ? (sheet.preamble?.length ?? 0) : 0;
    const headerRow = preamble + 1;
    const ws = state.writer.addWorksheet(name, {
      views: table ? [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }] : [],
      pageSetup: {
        orientation: sheet.orientation ?? (table ? "landscape" : "portrait"),
        paperSize: 9, // A4
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as needed
        printTitlesRow: table ? `${headerRow}:${headerRow}` : undefined,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: `&L${escapeHeaderFooter(pick(wb.title, lang))}&C&A&R&P / &N` },
    } as Parameters<WorkbookWriter["addWorksheet"]>[1]);
    ws.columns = sheet.columns.map((_, i) => ({ width: widths[i], style: colStyles[i] })) as never;
    const p: Part = { ws, widths, name, rowCount: 0, headerRow: table ? headerRow : 0, firstDataRow: 0, lastDataRow: 0 };
    parts.push(p);
    if (first) {
      (sheet.preamble ?? []).forEach((r, i) => {
        addRow(state, p, sheet, rowCells(r), "heading", i === 0 ? TITLE : undefined);
      });
    }
    if (table) {
      const h = p.ws.addRow(sheet.columns.map((c) => pick(c.header, lang)));
      h.font = BOLD;
      h.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
      for (let i = 1; i <= sheet.columns.length; i++) {
        const c = h.getCell(i);
        c.fill = HEADER_FILL as never;
        c.border = { bottom: THIN } as never;
      }
      h.commit();
      p.rowCount++;
    }
    return p;
  };
  const closePart = (p: Part) => {
    if (table && p.rowCount >= p.headerRow) {
      const last = Math.max(p.headerRow, p.lastDataRow);
      p.ws.autoFilter = `A${p.headerRow}:${columnLetter(sheet.columns.length - 1)}${last}` as never;
    }
    p.ws.commit();
    state.parts.push({ name: p.name, rows: p.rowCount });
  };
  /** Makes room for one more row, continuing on the next part when this one is full. */
  const room = () => {
    if (part.rowCount >= state.maxRows) {
      closePart(part);
      part = open(false);
    }
  };

  part = open(true);
  const sums = (sheet.totals?.columns ?? []).map(() => 0);
  const write = async (r: Row) => {
    room();
    const cells = rowCells(r);
    addRow(state, part, sheet, cells, rowRole(r));
    if (part.firstDataRow === 0) part.firstDataRow = part.rowCount;
    part.lastDataRow = part.rowCount;
    sheet.totals?.columns.forEach((ci, k) => { sums[k]! += numericValue(cells[ci]); });
    state.dataRows++;
    if (state.dataRows % DRAIN_EVERY === 0) {
      if (state.dataRows % PROGRESS_EVERY === 0) state.onProgress?.(state.dataRows);
      await drain(state.writer, part.ws);
    }
  };
  for (const r of sample) await write(r);
  if (!done) {
    for (;;) {
      const r = await iterator.next();
      if (r.done) break;
      await write(r.value);
    }
  }

  if (sheet.totals) {
    room();
    const cells: Cell[] = sheet.columns.map(() => null);
    cells[0] = { kind: "label", value: sheet.totals.label };
    sheet.totals.columns.forEach((ci, k) => {
      const ranges = parts
        .filter((p) => p.firstDataRow > 0)
        .map((p) => `${p === part ? "" : `'${p.name.replace(/'/g, "''")}'!`}${columnLetter(ci)}${p.firstDataRow}:${columnLetter(ci)}${p.lastDataRow}`);
      const kind = sheet.columns[ci]!.kind;
      const cached: Exclude<TypedCell, { kind: "formula" } | { kind: "label" }> =
        kind === "money" ? { kind: "money", minor: sums[k]! } : { kind: "integer", value: sums[k]! };
      cells[ci] = ranges.length ? { kind: "formula", formula: `SUM(${ranges.join(",")})`, cached } : cached;
    });
    addRow(state, part, sheet, cells, "total");
  }
  if (sheet.notes?.length) {
    room();
    addRow(state, part, sheet, [], "note");
    for (const n of sheet.notes) { room(); addRow(state, part, sheet, [{ kind: "label", value: n }], "note"); }
  }
  if (sheet.signOff) {
    room();
    addRow(state, part, sheet, [], "note");
    // One text cell per role, in the first column wide enough to start it; it spills over
    // the empty cells to its right, so it prints whole whatever the table's columns are.
    const at = Math.max(0, widths.findIndex((w) => w >= 12));
    const line = text("Signature ____________________    Date ________________", "签字＿＿＿＿＿＿＿＿＿＿　　日期＿＿＿＿年＿＿月＿＿日");
    for (const role of sheet.signOff.roles) {
      room();
      const cells: Cell[] = sheet.columns.map(() => null);
      cells[at] = `${pick(role, lang)}${lang === "zh-CN" ? "：" : ": "}${pick(line, lang)}`;
      const r = part.ws.addRow(cells.map((c) => c ?? null));
      r.height = 30;
      r.getCell(at + 1).alignment = { vertical: "bottom", horizontal: "left" };
      r.commit();
      part.rowCount++;
    }
  }
  closePart(part);
  await drain(state.writer);
}

function addRow(state: WriterState, part: Part, sheet: Sheet, cells: readonly Cell[], role: RowRole, font?: typeof TITLE): void {
  const { wb } = state;
  const values: unknown[] = [];
  const overrides: [number, string][] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const kind = sheet.columns[i]?.kind ?? "text";
    const v = cellValue(c, kind, wb.digits, wb.lang);
    values.push(v.value);
    if (v.numFmt !== undefined && v.numFmt !== formatOfKind(kind, wb.digits)) overrides.push([i + 1, v.numFmt]);
  }
  const row = part.ws.addRow(values);
  for (const [col, fmt] of overrides) row.getCell(col).numFmt = fmt;
  // Spreadsheets do not reliably grow a row for wrapped text on opening: set the height
  // from the longest wrapped cell (15 points a line, CJK counting two per character).
  let lines = 1;
  sheet.columns.forEach((col, i) => {
    const v = values[i];
    if (col.wrap && typeof v === "string") lines = Math.max(lines, Math.ceil(textWidth(v) / Math.max(1, (part.widths[i] ?? 10) - 1)));
  });
  if (lines > 1) row.height = 15 * Math.min(lines, 20);
  if (font) row.font = font;
  else if (role === "heading" || role === "total") row.font = BOLD;
  if (role === "total") for (let i = 1; i <= sheet.columns.length; i++) row.getCell(i).border = { top: THIN } as never;
  if (role === "note") row.alignment = { wrapText: false };
  row.commit();
  part.rowCount++;
}

interface CellOut {
  value: unknown;
  numFmt?: string;
}

/** The value exceljs writes for a model cell, and its number format when not the column's. */
export function cellValue(c: Cell, kind: Column["kind"], digits: number, lang: Lang): CellOut {
  if (c === null || c === undefined) return { value: null };
  if (typeof c === "string") {
    if (kind === "date") return typed({ kind: "date", iso: c }, digits, lang);
    // Any string is a text cell, even "=cmd()": exceljs writes strings as strings, never formulas.
    return { value: cleanText(c) };
  }
  if (typeof c === "number") {
    if (kind === "money") return typed({ kind: "money", minor: c }, digits, lang);
    if (kind === "text") return { value: String(c) };
    return { value: c };
  }
  return typed(c, digits, lang);
}

function typed(c: TypedCell, digits: number, lang: Lang): CellOut {
  switch (c.kind) {
    case "text":
      return { value: cleanText(c.value) };
    case "label":
      return { value: cleanText(pick(c.value, lang)) };
    case "money":
      return { value: moneyNumber(c.minor, digits), numFmt: moneyFormat(digits) };
    case "integer":
      return { value: c.value, numFmt: INTEGER_FORMAT };
    case "percent":
      return { value: Number(fractionToDecimal(c.value, 12)), numFmt: PERCENT_FORMAT };
    case "date":
      return { value: excelSerial(c.iso), numFmt: DATE_FORMAT };
    case "formula": {
      const cached = typed(c.cached, digits, lang);
      return { value: { formula: c.formula, result: cached.value }, numFmt: cached.numFmt };
    }
  }
}

/**
 * Minor units to the number a money cell holds. ROUNDING-OK: this is the one documented
 * place money becomes a binary float (SPEC §1: workbook money cells are numbers). It goes
 * through the exact decimal text, so the cell holds the double nearest the exact amount
 * and Excel shows exactly the currency's digits.
 */
export function moneyNumber(minor: number, digits: number): number {
  return Number(formatMinor(minor, digits)); // ROUNDING-OK
}

/** An ISO date as an Excel serial day number (1900 system), by integer day arithmetic: no time zone. */
export function excelSerial(iso: string): number {
  // Serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was, so for every
  // date from 1900-03-01 on the serial is the day count from 1899-12-30.
  return daysBetween("1899-12-30", iso.slice(0, 10));
}

function formatOfKind(kind: Column["kind"], digits: number): string | undefined {
  switch (kind) {
    case "money": return moneyFormat(digits);
    case "date": return DATE_FORMAT;
    case "percent": return PERCENT_FORMAT;
    case "integer": return INTEGER_FORMAT;
    case "text": return undefined;
  }
}

function styleOf(col: Column, digits: number): Record<string, unknown> {
  const numFmt = formatOfKind(col.kind, digits);
  const style: Record<string, unknown> = {};
  if (numFmt) style.numFmt = numFmt;
  // Top alignment everywhere, so a wrapped explanation and the figures beside it line up.
  // Numeric columns are right-aligned outright, so a label placed in one (a sub-heading) lines up with the figures.
  const horizontal = col.align ?? (col.kind === "text" || col.kind === "date" ? "left" : "right");
  style.alignment = { vertical: "top", ...(horizontal ? { horizontal } : {}), ...(col.wrap ? { wrapText: true } : {}) };
  return style;
}

// Characters XML 1.0 cannot hold (they would corrupt the file) become U+FFFD.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function cleanText(s: string): string {
  let out = XML_ILLEGAL.test(s) ? s.replace(XML_ILLEGAL, "\uFFFD") : s;
  XML_ILLEGAL.lastIndex = 0;
  if (out.length > EXCEL_MAX_CELL_CHARS) out = out.slice(0, EXCEL_MAX_CELL_CHARS - 1) + "…";
  return out;
}

function escapeHeaderFooter(s: string): string {
  return s.replace(/&/g, "&&");
}

function numericValue(c: Cell): number {
  if (typeof c === "number") return c;
  if (c && typeof c === "object") {
    if (c.kind === "money") return c.minor;
    if (c.kind === "integer") return c.value;
    if (c.kind === "formula") return numericValue(c.cached);
  }
  return 0;
}

/** Column widths in characters: the header and the sampled rows, CJK counting two, capped. */
function fitWidths(sheet: Sheet, rows: readonly Row[], digits: number, lang: Lang): number[] {
  return sheet.columns.map((col, i) => {
    if (col.width) return col.width;
    let w = Math.max(...pick(col.header, lang).split("\n").map(textWidth));
    for (const r of rows) w = Math.max(w, shownWidth(rowCells(r)[i], col.kind, digits, lang));
    return Math.min(Math.max(w + 2, 6), 60);
  });
}

function shownWidth(c: Cell, kind: Column["kind"], digits: number, lang: Lang): number {
  if (c === null || c === undefined) return 0;
  if (typeof c === "string") return kind === "date" ? 10 : textWidth(c);
  if (typeof c === "number") return kind === "money" ? formatMinor(c, digits, { grouping: true }).length + 1 : String(c).length;
  switch (c.kind) {
    case "text": return textWidth(c.value);
    case "label": return textWidth(pick(c.value, lang));
    case "money": return formatMinor(c.minor, digits, { grouping: true }).length + 1;
    case "integer": return String(c.value).length;
    case "percent": return 8;
    case "date": return 10;
    case "formula": return shownWidth(c.cached, kind, digits, lang);
  }
}

/**
 * Lets the zip stream catch up with the rows committed so far, so they do not pile up in
 * memory: exceljs's sheet stream ignores backpressure, so we wait on its consumers here.
 */
async function drain(writer: WorkbookWriter, ws?: WorksheetWriter): Promise<void> {
  await new Promise((r) => setImmediate(r));
  type Buffered = { pipes?: NodeJS.WritableStream[]; buffers?: unknown[] };
  const sheet = ws ? ((ws as unknown as { _stream?: Buffered })._stream) : undefined;
  if (sheet) {
    // Not yet handed to the zip (an earlier part still compressing): wait for it to start.
    while ((sheet.pipes?.length ?? 0) === 0 && (sheet.buffers?.length ?? 0) > 8) await new Promise((r) => setTimeout(r, 2));
    for (const p of sheet.pipes ?? []) await waitDrain(p as NodeJS.WritableStream & { writableNeedDrain?: boolean });
  }
  await waitDrain((writer as unknown as { stream: NodeJS.WritableStream & { writableNeedDrain?: boolean } }).stream);
}

async function waitDrain(s: NodeJS.WritableStream & { writableNeedDrain?: boolean }): Promise<void> {
  // archiver hands us readable-stream v2 streams, which predate writableNeedDrain.
  const st = (s as unknown as { _writableState?: { needDrain?: boolean; length: number; highWaterMark: number } })._writableState;
  const need = s.writableNeedDrain ?? (st ? st.needDrain === true || st.length >= st.highWaterMark : false);
  if (need) await new Promise((r) => s.once("drain", r));
}
