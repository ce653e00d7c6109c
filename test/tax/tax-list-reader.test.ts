// The tax office's collection list: headers in either language below a title, codes as
// people copy them, periods as tax systems print them, and every bad cell in one run
// with its line and column (character columns once read from a real GBK file).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { usccCheckChar } from "../../src/domain/uscc.js";
import { readTableFile } from "../../src/import/table-file.js";
import { mapTaxListTable, readTaxPeriod } from "../../src/import/tax-list-reader.js";
import type { TextTable } from "../../src/import/table-rows.js";

const code = (stem: string) => stem + usccCheckChar(stem)!;
const A = code("91330100MA2AAAAA1");
const B = code("91330100MA2BBBBB2");
const C = code("92330100MA2CCCCC3");
const table = (file: string, lines: string[][]): TextTable => ({ file, rows: lines.map((cells, i) => ({ line: i + 1, cells })) });
const opts = { digits: 2 };
const HEADER = ["序号", "缴费单位名称", "统一社会信用代码", "所属期", "代收金额", "实缴日期"];

describe("tax collection list: reading", () => {
  it("finds the header below a title, reads Chinese headers, and keeps exact minor units", () => {
    const r = mapTaxListTable(table("tax.csv", [
      ["某县税务局代收工会经费明细（2026年10月）"],
      HEADER,
      ["1", "甲公司", A, "2026-10", "1,975.31", "2026/11/10"],
      ["2", "乙公司", B.toLowerCase(), "2026年10月", "¥0.07", "20261112"],
      ["", "合计", "", "", "1975.38", ""],
    ]), opts);
    expect(r.problems).toEqual([]);
    expect(r.value!.map((l) => [l.line, l.employer, l.creditCode, l.period, l.amount, l.date, l.item])).toEqual([
      [3, "甲公司", A, "2026-10", 197531, "2026-11-10", "funds"],
      [4, "乙公司", B, "2026-10", 7, "2026-11-12", "funds"],
    ]);
  });
  it("reads English headers, a 所属期起止 range inside one month, and the 筹备金 item", () => {
    const r = mapTaxListTable(table("tax.csv", [
      ["employer", "credit code", "period", "amount collected", "item"],
      ["Acme Ltd", A, "2026-10-01至2026-10-31", "100.00", "工会经费"],
      ["No Union Co", C, "2026-10-01", "40.00", "工会筹备金"],
    ]), opts);
    expect(r.problems).toEqual([]);
    expect(r.value!.map((l) => [l.period, l.item, l.date])).toEqual([["2026-10", "funds", null], ["2026-10", "preparatory", null]]);
  });
  it("reads periods as tax systems print them", () => {
    expect(["2026-10", "2026/10", "202610", "2026年10月", "2026-10-01", "2026-10-15", "2026-10-01~2026-10-31", "2026.10.01 至 2026.10.31"].map(readTaxPeriod)).toEqual(Array(8).fill("2026-10"));
    expect(readTaxPeriod("2026-07-01至2026-09-30")).toBe("span");
    expect(["2026-13", "", "十月", "2026-10-31至2026-10-01"].map(readTaxPeriod)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it("reports every bad cell in one run: credit code (check character, missing), period, amount, date, item, duplicate", () => {
    const badCheck = A.slice(0, 17) + (A[17] === "0" ? "1" : "0");
    const r = mapTaxListTable(table("tax.csv", [
      [...HEADER, "征收品目"],
      ["1", "甲公司", badCheck, "2026-10", "100", "", ""],
      ["2", "乙公司", "", "2026-10", "100", "", ""],
      ["3", "丙公司", B, "2026-13", "100", "", ""],
      ["4", "丁公司", B, "2026-07-01至2026-09-30", "100", "", ""],
      ["5", "戊公司", C, "2026-10", "1.005", "", ""],
      ["6", "己公司", C, "2026-11", "-5.00", "", ""],
      ["7", "庚公司", C, "2026-12", "5", "10/11/2026", ""],
      ["8", "辛公司", A, "2026-11", "5", "", "残疾人就业保障金"],
      ["9", "甲公司", A, "2026-12", "5", "", ""],
      ["10", "甲公司", A, "2026-12", "6", "", ""],
    ]), opts);
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["TAX_LIST_CREDIT_CODE_INVALID", 2, 3],
      ["TAX_LIST_CREDIT_CODE_MISSING", 3, 3],
      ["TAX_LIST_PERIOD_UNREADABLE", 4, 4],
      ["TAX_LIST_PERIOD_SPAN", 5, 4],
      ["TAX_LIST_AMOUNT_UNREADABLE", 6, 5],
      ["TAX_LIST_AMOUNT_NEGATIVE", 7, 5],
      ["TAX_LIST_DATE_UNREADABLE", 8, 6],
      ["TAX_LIST_ITEM_UNKNOWN", 9, 7],
      ["TAX_LIST_DUPLICATE_LINE", 11, 3],
    ]);
    expect(r.problems[0]!.message.en).toContain(`the last should be ${A[17]}`);
    expect(r.problems[8]!.message.en).toContain("already on line 10");
    expect(r.problems.every((p) => p.hint !== undefined)).toBe(true);
  });
  it("TAX_LIST_AMOUNT_ZERO: a zero line is skipped with a warning", () => {
    const r = mapTaxListTable(table("tax.csv", [HEADER, ["1", "甲公司", A, "2026-10", "0.00", ""], ["2", "乙公司", B, "2026-10", "1", ""]]), opts);
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([["TAX_LIST_AMOUNT_ZERO", "warning"]]);
    expect(r.value!.map((l) => l.employer)).toEqual(["乙公司"]);
  });
  it("TAX_LIST_COLUMN_MISSING, TAX_LIST_NO_LINES, TAX_LIST_EMPTY_FILE", () => {
    const missing = mapTaxListTable(table("tax.csv", [["缴费单位名称", "所属期", "代收金额"], ["甲", "2026-10", "1"]]), opts);
    expect(missing.problems.map((p) => p.code)).toEqual(["TAX_LIST_COLUMN_MISSING"]);
    expect(missing.problems[0]!.message.en).toContain("credit code");
    expect(mapTaxListTable(table("tax.csv", [HEADER]), opts).problems.map((p) => p.code)).toEqual(["TAX_LIST_NO_LINES"]);
    expect(mapTaxListTable(table("tax.csv", [[""]]), opts).problems.map((p) => p.code)).toEqual(["TAX_LIST_EMPTY_FILE"]);
  });
});

describe("tax collection list: a real GBK file", () => {
  it("decodes GB18030, and gives problems as file:line:character column with the line's text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dues-tax-"));
    try {
      const file = join(dir, "tax.csv");
      writeFileSync(file, iconv.encode(`缴费单位名称,统一社会信用代码,所属期,代收金额\r\n甲公司,${A},2026-10,100.00\r\n乙公司,${B},2026-10,一百\r\n`, "gbk"));
      const read = await readTableFile(file, { fileLabel: "tax.csv", area: "TAX_LIST" });
      expect(read.info.encoding).toBe("gb18030");
      const mapped = mapTaxListTable(read.table, opts);
      expect(mapped.value!.map((l) => l.employer)).toEqual(["甲公司"]);
      const problems = await read.finish(mapped.problems);
      expect(problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([["tax.csv", 3, "乙公司,".length + B.length + ",2026-10,".length + 1, "TAX_LIST_AMOUNT_UNREADABLE"]]);
      expect(problems[0]!.source).toBe(`乙公司,${B},2026-10,一百`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
