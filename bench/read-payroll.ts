// Bench: reading a generated 1M-row payroll with readPayroll against csv-parse alone
// (streaming, rows as arrays, decoded to string first). Prints rows/s and peak RSS.
// Run one measurement per process so peak RSS means something:
//   node dist/bench/read-payroll.js [rows] [reader|csv-parse] [utf-8|utf-8-bom|gb18030|utf-16le|xlsx]
// The file is generated on first use (seed 7, title and 合计 rows) under $TMPDIR/dues-bench.
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { readPayroll } from "../src/import/payroll-reader.js";
import { generatePayroll, writePayroll, type SampleEncoding } from "../src/sample/payroll.js";
import type { SourceConfig } from "../src/domain/config.js";

export interface ReadBenchResult {
  what: string;
  rows: number;
  seconds: number;
  /** CPU time (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
  problems: number;
}

const SOURCE: SourceConfig = {
  name: "bench", encoding: "auto", delimiter: "auto", decimalMark: ".",
  columns: { deducted: ["工会会费"] }, bases: { dues: ["基本工资", "岗位工资"], funds: ["应发工资"] },
};

export type BenchFormat = SampleEncoding | "xlsx";

function benchPath(rows: number, format: BenchFormat): string {
  return join(tmpdir(), "dues-bench", `payroll-${rows}-${format}.${format === "xlsx" ? "xlsx" : "csv"}`);
}

/** The generated file for `rows` employees in `format`, made once and reused. */
export async function benchPayrollFile(rows: number, format: BenchFormat = "utf-8"): Promise<string> {
  mkdirSync(join(tmpdir(), "dues-bench"), { recursive: true });
  const path = benchPath(rows, format);
  if (existsSync(path)) return path;
  if (format !== "xlsx") {
    await writePayroll(path, { seed: 7, employees: rows, encoding: format, titleRow: true, totalRow: true });
    return path;
  }
  // An .xlsx as a payroll office exports it: numbers as numbers, written by exceljs's streaming writer.
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const ws = wb.addWorksheet("工资表");
  ws.addRow(["序号", "工号", "姓名", "部门", "是否会员", "会员状态", "基本工资", "岗位工资", "绩效工资", "津贴", "应发工资", "工会会费"]).commit();
  const yuan = (m: number) => Number(`${Math.floor(m / 100)}.${String(m % 100).padStart(2, "0")}`);
  for (const r of generatePayroll({ seed: 7, employees: rows })) {
    ws.addRow([r.seq, r.employeeId, r.name, r.department, r.member ? "是" : "否", r.status,
      ...[r.basic, r.post, r.performance, r.allowance, r.gross, r.deducted].map(yuan)]).commit();
  }
  ws.commit();
  await wb.commit();
  return path;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1e4) / 100;
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export async function benchReadPayroll(path: string): Promise<ReadBenchResult> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = readPayroll(path, SOURCE, { digits: 2 });
  let rows = 0;
  let checksum = 0;
  for await (const batch of r.batches()) {
    for (const row of batch) {
      rows++;
      checksum += row.bases.dues! + (row.deducted ?? 0);
    }
  }
  const { problems } = await r.finish();
  const seconds = (performance.now() - t0) / 1000;
  if (checksum < 0) throw new Error("bug: negative checksum");
  return { what: "readPayroll", rows, seconds, cpuSeconds: cpuSeconds(c0), rowsPerSecond: Math.round(rows / seconds), peakRssMB: peakRssMB(), problems: problems.length };
}

/** The baseline of PERFORMANCE.md: csv-parse streaming, rows as arrays, decoded to string first. */
export async function benchCsvParseAlone(path: string, encoding: SampleEncoding = "utf-8"): Promise<ReadBenchResult> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const input = createReadStream(path);
  let text: NodeJS.ReadableStream;
  if (encoding === "gb18030" || encoding === "utf-16le") text = input.pipe(iconv.decodeStream(encoding));
  else {
    input.setEncoding("utf8");
    text = input;
  }
  let rows = 0;
  for await (const _ of text.pipe(parse({ relax_column_count: true, delimiter: encoding === "utf-16le" ? "\t" : "," }))) rows++;
  const seconds = (performance.now() - t0) / 1000;
  return { what: "csv-parse alone", rows, seconds, cpuSeconds: cpuSeconds(c0), rowsPerSecond: Math.round(rows / seconds), peakRssMB: peakRssMB(), problems: 0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const which = process.argv[3] ?? "reader";
  const encoding = (process.argv[4] ?? "utf-8") as BenchFormat;
  const path = benchPath(rows, encoding);
  if (!existsSync(path)) {
    // Generate in this process, measure in a fresh one: the generator's memory must not count.
    await benchPayrollFile(rows, encoding);
    const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }
  if (which === "csv-parse" && encoding === "xlsx") throw new Error("csv-parse cannot read .xlsx; bench the reader");
  const result = which === "csv-parse" ? await benchCsvParseAlone(path, encoding as SampleEncoding) : await benchReadPayroll(path);
  console.log(JSON.stringify({ file: path, encoding, ...result }));
}
