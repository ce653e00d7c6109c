// Reading one sheet of an .xlsx input as rows of text cells, with exceljs's streaming
// WorkbookReader (memory does not grow with the sheet). exceljs is loaded only here and
// only when an .xlsx arrives, so CSV imports do not pay its start-up time.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import { text } from "../domain/text.js";
import type { ProblemSink } from "./problem-sink.js";
import type { TableInfo, TableRow } from "./table.js";

interface XlsxContext {
  sheet?: string;
  sink: ProblemSink;
  info: TableInfo;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export async function* readXlsxRows(path: string, ctx: XlsxContext): AsyncGenerator<TableRow[]> {
  const { sink, info } = ctx;
  const hash = createHash("sha256");
  let bytes = 0;
  // Count and hash the bytes as exceljs pulls them, for progress and the batch's SHA-256.
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      hash.update(chunk);
      ctx.onProgress?.(bytes, info.totalBytes);
      cb(null, chunk);
    },
  });
  const input = createReadStream(path);
  input.on("error", (e) => meter.destroy(e));
  input.pipe(meter);
  const sheetsSeen: string[] = [];
  let found = false;
  try {
    const ExcelJS = (await import("exceljs")).default;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(meter, {
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache", // needed to tell dates from numbers
      worksheets: "emit",
      entries: "ignore",
    });
    decodeAcrossChunks(reader);
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      sheetsSeen.push(name);
      const wanted = !found && (ctx.sheet === undefined || ctx.sheet === name);
      if (!wanted) {
        // Sheets come in file order; the unwanted ones must still be consumed.
        for await (const _row of ws) void _row;
        continue;
      }
      found = true;
      info.sheet = name;
      let batch: TableRow[] = [];
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        batch.push({ line: row.number, cells, span: 0 });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (e) {
    sink.add({
      code: sink.code("XLSX_UNREADABLE"),
      message: text(`the .xlsx file cannot be read (${(e as Error).message})`, `无法读取 .xlsx 文件（${(e as Error).message}）`),
      hint: text("Open it in Excel or WPS and save it again, or save the sheet as CSV.", "请用 Excel 或 WPS 打开后重新保存，或把工作表另存为 CSV。"),
    });
    input.destroy();
    info.sha256 = hash.digest("hex");
    return;
  }
  info.sha256 = hash.digest("hex");
  if (!found) {
    sink.add({
      code: sink.code("SHEET_NOT_FOUND"),
      message: ctx.sheet
        ? text(`there is no sheet "${ctx.sheet}"; the workbook has: ${sheetsSeen.join(", ") || "(none)"}`, `没有名为“${ctx.sheet}”的工作表；工作簿中有：${sheetsSeen.join("、") || "（无）"}`)
        : text("the workbook has no sheets", "工作簿中没有工作表"),
      hint: text("Set `sheet:` in the source to one of the names listed.", "请把数据源的 `sheet:` 设为上面列出的名称之一。"),
    });
  }
}

interface StreamingReaderInternals {
  _parseWorksheet?: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
  _parseSharedStrings?: (entry: NodeJS.ReadableStream) => unknown;
}

/**
 * exceljs's streaming reader decodes every inflated piece of XML on its own, so a Chinese
 * character split between two pieces becomes "\uFFFD" (about one cell in 15,000 in a
 * Chinese payroll: 是 read as ��, a name silently garbled). Its parser passes text through
 * untouched, so the sheet and shared-string streams are decoded here, with a decoder that
 * keeps a split character until its last byte arrives. If a later exceljs renames these
 * internals, nothing is patched and the test in test/import/formats.test.ts fails.
 */
function decodeAcrossChunks(reader: unknown): void {
  const r = reader as StreamingReaderInternals;
  const parseWorksheet = r._parseWorksheet;
  const parseSharedStrings = r._parseSharedStrings;
  if (typeof parseWorksheet === "function") {
    r._parseWorksheet = function (this: unknown, iterator, sheetNo) {
      return parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
    };
  }
  if (typeof parseSharedStrings === "function") {
    r._parseSharedStrings = function (this: unknown, entry) {
      const decoder = new TextDecoder("utf-8");
      const text = new Transform({
        readableObjectMode: true,
        transform(chunk: Buffer, _enc, cb) {
          const s = decoder.decode(chunk, { stream: true });
          if (s !== "") this.push(s);
          cb();
        },
        flush(cb) {
          const s = decoder.decode();
          if (s !== "") this.push(s);
          cb();
        },
      });
      entry.on("error", (e) => text.destroy(e));
      return parseSharedStrings.call(this, entry.pipe(text));
    };
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const s = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (s !== "") yield s;
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

/** A cell as the text a treasurer sees in Excel; numbers at Excel's 15 significant digits. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("result" in o) return cellText(o.result);
    if ("formula" in o || "sharedFormula" in o) return "";
    if (typeof o.text === "string") return o.text;
    if (typeof o.error === "string") return o.error;
  }
  return String(v);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Excel keeps 15 significant digits and shows no more: 0.30000000000000004 is 0.3 there.
  // This is the text of the input, not money arithmetic; parseAmount reads it exactly.
  const s = String(Number(n.toPrecision(15)));
  if (!/e/i.test(s)) return s;
  // Plain digits for large whole numbers (ids like 1e+21 never appear in payroll, amounts neither).
  return Math.abs(n) < 1e21 && Number.isInteger(n) ? BigInt(n).toString() : s;
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString(); // exceljs builds dates in UTC
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}
