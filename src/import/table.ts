// The generic streaming table reader: a CSV (any encoding, any of , ; tab |) or an .xlsx
// sheet as rows of text cells with their physical line, plus every problem as a value.
// Payroll, bank, budget and expense readers sit on top; it knows no column meanings.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { Parser } from "csv-parse";
import type { Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { LineCounter, makeDecoder, readChunks, sniffFile, type EncodingHow } from "./encoding.js";
import { canonicalDelimiter, detectDelimiter } from "./delimiter.js";
import { ProblemSink, type PendingProblem } from "./problem-sink.js";
import { readXlsxRows } from "./xlsx.js";
import { FastCsv } from "./csv-fast.js";

export interface TableOptions {
  /** auto (default) | utf-8 | gb18030 | gbk | big5 | utf-16le | utf-16be | windows-1252 | any iconv-lite name. */
  readonly encoding?: string;
  /** auto (default) | "," | ";" | "\t" | "|". */
  readonly delimiter?: string;
  /** xlsx only: the sheet to read; default the first. */
  readonly sheet?: string;
  /** The file name shown in problems; default the path. */
  readonly fileLabel?: string;
  /** Problem-code prefix for table-level problems: PAYROLL, BANK, BUDGET … (default TABLE). */
  readonly area?: string;
  /** Stored problems cap; the rest are counted into one MORE_PROBLEMS. Default 1000. */
  readonly maxProblems?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface TableRow {
  /** Physical line where the record starts (xlsx: the sheet's row number). */
  readonly line: number;
  readonly cells: string[];
  /** Physical lines the record runs on beyond its first (quoted line breaks); 0 mostly. */
  readonly span: number;
}

export interface TableInfo {
  kind: "csv" | "xlsx";
  /** The encoding used to decode (xlsx: "xlsx"). */
  encoding: string;
  encodingHow: EncodingHow;
  /** The delimiter used ("" for xlsx). */
  delimiter: string;
  totalBytes: number;
  /** SHA-256 of the file's bytes, hex, once the rows were read to the end ("" before, or if the reading broke off). */
  sha256: string;
  sheet?: string;
  /** The file could not be opened: refuse with kind "missing" (exit 66). */
  missing: boolean;
}

export interface Table {
  readonly info: TableInfo;
  /** Every record in file order, blank ones included. Read it (or batches()) once. */
  rows(): AsyncIterable<TableRow>;
  /** The same records in arrays (one per chunk read): fewer awaits on the 1M-row path. */
  batches(): AsyncIterable<TableRow[]>;
  /** A problem of the caller's own (a bad amount in field 7 …); its column is resolved in finish(). */
  report(p: PendingProblem): void;
  readonly sink: ProblemSink;
  /** Every problem, in file order, with columns and line text. Call after rows() ended. */
  finish(): Promise<{ info: TableInfo; problems: Problem[] }>;
}

/** Records above this size mean a quote that never closes; reading stops there. */
const MAX_RECORD_CHARS = 1_000_000;
const CHUNK_BYTES = 64 * 1024;

/** csv-parse, with each record's physical end line noted as it is pushed (never buffered). */
class RecordParser extends Parser {
  batch: string[][] = [];
  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.batch.push(record as string[]);
    // csv-parse compares every record's width with the first record's and, even with
    // relax_column_count, builds a CsvError (a stack trace) for each that differs: below a
    // one-cell title row that is every data row (1.6 s of a 60,000-line tax list). Compared
    // with the record before instead, only a change of width builds one. The widths are
    // checked by the readers against the header, not here.
    const state = (this as unknown as { state?: { expectedRecordLength?: number } }).state;
    if (state) state.expectedRecordLength = (record as string[]).length;
    return true;
  }
}

export async function openTable(path: string, opts: TableOptions = {}): Promise<Table> {
  const file = opts.fileLabel ?? path;
  const sink = new ProblemSink(file, opts.area ?? "TABLE", opts.maxProblems ?? 1000);
  const info: TableInfo = { kind: "csv", encoding: "", encodingHow: "configured", delimiter: "", totalBytes: 0, sha256: "", missing: false };
  const requestedDelimiter = opts.delimiter ?? "auto";
  let batchesOf: () => AsyncIterable<TableRow[]> = async function* () {};
  let lineSource: ((lines: ReadonlySet<number>) => Promise<Map<number, string>>) | undefined;

  let sniffed: Awaited<ReturnType<typeof sniffFile>> | undefined;
  try {
    sniffed = await sniffFile(path, opts.encoding ?? "auto");
  } catch (e) {
    info.missing = true;
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    sink.add({
      code: sink.code("FILE_UNREADABLE"),
      message: text(`cannot open the file (${why})`, `无法打开文件（${why}）`),
      hint: text("Check the path and that the file is readable.", "请检查路径，以及文件是否可读。"),
    });
  }

  if (sniffed) {
    info.totalBytes = sniffed.size;
    switch (sniffed.kind) {
      case "empty":
        sink.add({ code: sink.code("EMPTY_FILE"), message: text("the file is empty (0 bytes)", "文件是空的（0 字节）"), line: 1 });
        break;
      case "old-excel":
        sink.add({
          code: sink.code("OLD_EXCEL"),
          message: text("this is an old binary Excel file (.xls), which is not read", "这是旧版 Excel 二进制文件（.xls），无法读取"),
          hint: text("Open it in Excel or WPS and save as .xlsx or CSV.", "请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV。"),
          line: 1,
        });
        break;
      case "unknown-encoding":
        sink.add({
          code: sink.code("ENCODING_UNKNOWN"),
          message: text(`unknown encoding "${sniffed.name}"`, `未知编码“${sniffed.name}”`),
          hint: text("Use auto, utf-8, gb18030, big5, utf-16le, utf-16be or windows-1252.", "可用 auto、utf-8、gb18030、big5、utf-16le、utf-16be 或 windows-1252。"),
        });
        break;
      case "not-text":
        sink.add(notText(sink, sniffed.line, true));
        break;
      case "xlsx": {
        info.kind = "xlsx";
        info.encoding = "xlsx";
        info.encodingHow = "xlsx";
        batchesOf = () => readXlsxRows(path, { sheet: opts.sheet, sink, info, onProgress: opts.onProgress });
        break;
      }
      case "text": {
        info.encoding = sniffed.encoding;
        info.encodingHow = sniffed.how;
        const decoderName = sniffed.encoding;
        const skip = sniffed.skip;
        let delimiter: string | null = requestedDelimiter === "auto" ? null : canonicalDelimiter(requestedDelimiter);
        if (requestedDelimiter !== "auto" && delimiter === null) {
          sink.add({
            code: sink.code("DELIMITER_UNKNOWN"),
            message: text(`unknown delimiter "${requestedDelimiter}"`, `未知分隔符“${requestedDelimiter}”`),
            hint: text('Use auto, ",", ";", "\\t" or "|".', '可用 auto、","、";"、"\\t" 或 "|"。'),
          });
          break;
        }
        if (delimiter === null) delimiter = detectDelimiter(await headText(path, decoderName, skip));
        info.delimiter = delimiter;
        const d = delimiter;
        const validated = sniffed.how === "utf-8";
        batchesOf = () => csvRows(path, { encoding: decoderName, skip, validated, delimiter: d, sink, info, onProgress: opts.onProgress });
        lineSource = (lines) => readLines(path, decoderName, skip, lines);
        break;
      }
    }
  }

  let started = false;
  const batches = () => {
    if (started) throw new Error("bug: a table's rows can be read only once");
    started = true;
    return batchesOf();
  };
  return {
    info,
    sink,
    batches,
    rows() {
      const all = batches();
      return (async function* () {
        for await (const batch of all) yield* batch;
      })();
    },
    report: (p) => sink.add(p),
    async finish() {
      const problems = await sink.finalize(info.delimiter, lineSource);
      return { info, problems };
    },
  };
}

function notText(sink: ProblemSink, line: number, noBom: boolean): PendingProblem {
  return {
    code: sink.code("NOT_TEXT"),
    message: text(`the bytes at line ${line} are not text (NUL or control characters)`, `第 ${line} 行的字节不是文本（含 NUL 或控制字符）`),
    hint: noBom
      ? text(
          "Is this a spreadsheet or another binary file? Save it as CSV or .xlsx. A \"Unicode text\" export without its BOM needs encoding: utf-16le.",
          "这是电子表格或其他二进制文件吗？请另存为 CSV 或 .xlsx。没有 BOM 的“Unicode 文本”请设置 encoding: utf-16le。",
        )
      : text("Save the file as CSV or .xlsx, or check the configured encoding.", "请另存为 CSV 或 .xlsx，或检查配置的编码。"),
    line,
  };
}

/** The decoded first 64 KB, for guessing the delimiter. */
async function headText(path: string, encoding: string, skip: number): Promise<string> {
  const dec = makeDecoder(encoding);
  let out = "";
  for await (const chunk of createReadStream(path, { start: skip, end: skip + 64 * 1024 - 1 })) out += dec.write(chunk as Buffer);
  return out;
}

// Any C0 control other than tab, LF, VT, FF, CR and Ctrl-Z (an old DOS end-of-file mark).
const CONTROL = /[\u0000-\u0008\u000E-\u0019\u001B-\u001F]/;

interface CsvContext {
  encoding: string;
  skip: number;
  /** The whole file was checked as strict UTF-8 before reading. */
  validated: boolean;
  delimiter: string;
  sink: ProblemSink;
  info: TableInfo;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

async function* csvRows(path: string, ctx: CsvContext): AsyncGenerator<TableRow[]> {
  const { sink, info } = ctx;
  // Every chunk is decoded to text: papaparse (FastCsv) tokenizes the common case, and at
  // the first chunk it finds unusual csv-parse reads the rest, from a record boundary.
  // (Decoding a validated UTF-8 file costs about 0.15 s per million rows; csv-parse given
  // bytes instead decodes them itself, but tokenizes at about a third of papaparse's speed.)
  const decoder = makeDecoder(ctx.encoding);
  const fast = new FastCsv(ctx.delimiter);
  // DUES_CSV_FAST=0: csv-parse alone (the tests compare both paths).
  if (process.env.DUES_CSV_FAST === "0") fast.stopped = true;
  /** Feeds decoded text to the fast path, or to csv-parse once the fast path stopped. */
  const tokenize = (s: string, final: boolean) => {
    if (fast.stopped) {
      if (s.length > 0) parser.write(s);
      return;
    }
    const got = fast.write(s, final);
    if (typeof got === "string") {
      // csv-parse starts here: its own line count (in the text of a parse error) from ours.
      (parser as unknown as { info: { lines: number } }).info.lines = nextLine;
      if (got.length > 0) parser.write(got);
      return;
    }
    for (let i = 0; i < got.length; i++) parser.batch.push(got[i]!);
  };
  const counter = new LineCounter();
  const hash = createHash("sha256");
  const parser = new RecordParser({
    delimiter: ctx.delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let nextLine = 1;
  let sawQuote = false;
  let stop = false;
  let badBytesLine = 0;
  let badBytesCount = 0;
  // Records parsed after a failed one are not trusted: `cut` keeps only those before it.
  let cut = -1;
  parser.on("skip", (err: Error & { code?: string; column?: number }) => {
    // The record that failed starts where the previous one ended. One problem is enough:
    // csv-parse may report the same runaway record again while it finishes the chunk.
    if (stop) return;
    stop = true;
    cut = parser.batch.length;
    if (err.code === "CSV_MAX_RECORD_SIZE" && !sawQuote) {
      sink.add({
        code: sink.code("RECORD_TOO_LONG"),
        message: text(`the line at ${nextLine} runs on for over ${MAX_RECORD_CHARS} characters without a line break; reading stopped`, `第 ${nextLine} 行超过 ${MAX_RECORD_CHARS} 个字符仍没有换行；已停止读取`),
        hint: text("This does not look like a table. Is it the right file, saved as CSV?", "这看起来不是表格。请确认文件是否正确，并已另存为 CSV。"),
        line: nextLine,
      });
      return;
    }
    const runaway = err.code === "CSV_MAX_RECORD_SIZE";
    sink.add({
      code: sink.code("UNCLOSED_QUOTE"),
      message: runaway
        ? text(`a quoted field starting in the record at line ${nextLine} never closes (over ${MAX_RECORD_CHARS} characters); reading stopped`, `第 ${nextLine} 行开始的带引号字段一直没有结束（超过 ${MAX_RECORD_CHARS} 个字符）；已停止读取`)
        : text(`a quote opened in the record at line ${nextLine} is never closed`, `第 ${nextLine} 行记录中的引号没有闭合`),
      hint: text('Close the quote, or double a quote inside a quoted field ("").', '请补上闭合的引号；引号字段内的引号要写两次（""）。'),
      line: nextLine,
      field: typeof err.column === "number" ? err.column : undefined,
    });
  });
  let parserError: Error | null = null;
  parser.on("error", (e: Error) => {
    parserError = e;
  });

  function drain(): TableRow[] {
    let batch = parser.batch;
    parser.batch = [];
    if (cut >= 0) {
      batch = batch.slice(0, cut);
      cut = 0;
    }
    if (batch.length === 0) return [];
    const out: TableRow[] = new Array(batch.length);
    for (let r = 0; r < batch.length; r++) {
      const cells = batch[r]!;
      let span = 0;
      if (sawQuote) for (const c of cells) if (c.length > 0 && (c.indexOf("\n") !== -1 || c.indexOf("\r") !== -1)) span += breaks(c);
      out[r] = { line: nextLine, cells, span };
      nextLine += 1 + span;
    }
    return out;
  }

  /** Checks decoded text for binary content and undecodable bytes; false means stop reading. */
  function check(s: string): boolean {
    if (CONTROL.test(s)) {
      const nul = s.indexOf("\u0000");
      let controls = 0;
      let first = -1;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 26) {
          controls++;
          if (first === -1) first = i;
        }
      }
      // A NUL never belongs in a text table; a stray control character or two may (a pasted name).
      if (nul !== -1 || controls > 8) {
        sink.add(notText(sink, counter.lineAt(s, nul !== -1 ? nul : first), false));
        return false;
      }
    }
    const bad = s.indexOf("\uFFFD");
    // In a file already checked to be valid UTF-8, U+FFFD is a character the file holds.
    if (bad !== -1 && !ctx.validated) {
      if (badBytesLine === 0) badBytesLine = counter.lineAt(s, bad);
      for (let i = bad; i !== -1; i = s.indexOf("\uFFFD", i + 1)) badBytesCount++;
    }
    return true;
  }

  let bytesRead = 0;
  let complete = false;
  const chunks = readChunks(path, CHUNK_BYTES);
  try {
    for await (const chunk of chunks) {
      hash.update(chunk);
      const skipHere = bytesRead < ctx.skip ? Math.min(ctx.skip - bytesRead, chunk.length) : 0;
      bytesRead += chunk.length;
      ctx.onProgress?.(bytesRead, info.totalBytes);
      if (stop) continue; // keep hashing the bytes; the rows stopped
      const s = decoder.write(skipHere ? chunk.subarray(skipHere) : chunk);
      if (s.length > 0) {
        if (!check(s)) {
          stop = true;
          continue;
        }
        counter.advance(s);
        if (!sawQuote && s.indexOf('"') !== -1) sawQuote = true;
        tokenize(s, false);
        const rows = drain();
        if (rows.length > 0) yield rows;
      }
    }
    complete = true;
    if (!stop) {
      const tail = decoder.end();
      if (tail.length > 0 && check(tail)) {
        if (tail.indexOf('"') !== -1) sawQuote = true;
        tokenize(tail, false);
      }
      tokenize("", true);
      await new Promise<void>((resolve) => {
        parser.once("finish", resolve);
        parser.once("error", () => resolve());
        parser.end();
      });
      const rows = drain();
      if (rows.length > 0) yield rows;
    }
  } catch (e) {
    // Reading failed half-way (file removed, disk error): a problem, not a crash.
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    sink.add({ code: sink.code("FILE_UNREADABLE"), message: text(`reading the file failed (${why})`, `读取文件失败（${why}）`) });
  } finally {
    await chunks.return(undefined);
    // A reader that stopped early (the caller broke off) has not seen the whole file.
    info.sha256 = complete ? hash.digest("hex") : "";
  }
  if (parserError && !stop) {
    sink.add({
      code: sink.code("UNCLOSED_QUOTE"),
      message: text(`the CSV text cannot be read from line ${nextLine} (${(parserError as Error).message})`, `从第 ${nextLine} 行起无法读取 CSV（${(parserError as Error).message}）`),
      line: nextLine,
    });
  }
  if (badBytesCount > 0) {
    sink.add({
      code: sink.code("BAD_BYTES"),
      message: text(
        `${badBytesCount} byte sequence(s) are not valid ${info.encoding}, the first at line ${badBytesLine}`,
        `有 ${badBytesCount} 处字节不是有效的 ${info.encoding}，第一处在第 ${badBytesLine} 行`,
      ),
      hint: text("Set the source's encoding to the one the file was saved in (gb18030, big5, utf-8 …).", "请把数据源的 encoding 设为文件实际保存的编码（gb18030、big5、utf-8 等）。"),
      line: badBytesLine,
    });
  }
}

/** Line breaks inside a cell (CRLF counts once). */
function breaks(c: string): number {
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const ch = c.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13 && c.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The decoded text of the wanted physical lines, reading no further than the last one. */
async function readLines(path: string, encoding: string, skip: number, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let last = 0;
  for (const l of wanted) if (l > last) last = l;
  const dec = makeDecoder(encoding);
  let line = 1;
  let cur = "";
  let prevCR = false;
  const keep = (piece: string) => {
    if (wanted.has(line) && cur.length < 4000) cur += piece;
  };
  const endLine = () => {
    if (wanted.has(line)) out.set(line, cur.slice(0, 4000));
    cur = "";
    line++;
  };
  // Jumps from break to break with indexOf; the characters are only copied on wanted lines.
  const take = (s: string) => {
    let pos = 0;
    if (prevCR && s.charCodeAt(0) === 10) pos = 1; // the LF of a CRLF split across chunks
    prevCR = false;
    let lf = -2;
    let cr = -2;
    while (pos < s.length) {
      // Each search result is kept until passed, so a file without CR is not rescanned per line.
      if (lf !== -1 && lf < pos) lf = s.indexOf("\n", pos);
      if (cr !== -1 && cr < pos) cr = s.indexOf("\r", pos);
      const brk = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (brk === -1) {
        keep(s.slice(pos));
        return;
      }
      keep(s.slice(pos, brk));
      endLine();
      if (s.charCodeAt(brk) === 13) {
        if (brk + 1 === s.length) prevCR = true;
        pos = s.charCodeAt(brk + 1) === 10 ? brk + 2 : brk + 1;
      } else pos = brk + 1;
    }
  };
  const stream = createReadStream(path, { start: skip, highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      take(dec.write(chunk as Buffer));
      if (line > last) break;
    }
    if (line <= last) take(dec.end());
    if (wanted.has(line) && !out.has(line)) out.set(line, cur);
  } catch {
    // The line text only decorates problems; without it they still carry their line.
  } finally {
    stream.destroy();
  }
  return out;
}
