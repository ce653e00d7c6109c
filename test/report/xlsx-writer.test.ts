// The xlsx writer, read back two ways: exceljs (values, formats, views) and the zip/XML
// reader in zip.ts, which does not share exceljs's code. Expected values are worked out
// in the test from the inputs, never taken from the writer.
import { existsSync, readdirSync, writeFileSync, readFileSync, mkdirSync, chmodSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cell, total, type Row, type Sheet, type Workbook } from "../../src/report/model.js";
import { writeWorkbook } from "../../src/report/xlsx-writer.js";
import { Refusal } from "../../src/domain/problem.js";
import { text } from "../../src/domain/text.js";
import { tempDir } from "../helpers/cli.js";
import { numberFormats, sheetCells, sheetsOf, unzip } from "./zip.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("dues-xlsx-")));
afterEach(() => cleanup());

const members: Sheet = {
  name: text("Members", "会员"),
  columns: [
    { header: text("Name", "姓名"), kind: "text" },
    { header: text("Dues", "会费"), kind: "money" },
    { header: text("Months", "月数"), kind: "integer" },
    { header: text("Rate", "费率"), kind: "percent" },
    { header: text("Paid on", "缴纳日期"), kind: "date" },
  ],
  rows: [
    ["张三", 3390, 12, cell.percent(1n, 200n), "2026-10-31"],
    ["=cmd()", 5, 1, cell.percent(1n, 200n), "2026-01-01"],
    ["+1+1", -120, 2, cell.percent(0n, 1n), "2024-02-29"],
    ["@SUM(A1)", 123456789012, 3, cell.percent(1n, 3n), "1900-03-01"],
  ],
  totals: { label: text("Total", "合计"), columns: [1, 2] },
};

function book(sheets: Sheet[], lang: "en" | "zh-CN" = "zh-CN"): Workbook {
  return { title: text("Test", "测试"), digits: 2, lang, sheets, created: "2026-11-15T08:00:00.000Z" };
}

/** Excel serial of an ISO date, computed independently of the writer (JS UTC day count). */
function serial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

describe("xlsx writer, read back with exceljs", () => {
  it("writes typed cells: text stays text, money numeric with a money format, real dates, formulas with cached totals", async () => {
    const path = join(dir, "out.xlsx");
    await writeWorkbook(path, book([members]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("会员")!;
    expect(ws.getRow(1).values).toEqual([undefined, "姓名", "会费", "月数", "费率", "缴纳日期"]);
    // Names that look like formulas are plain strings.
    for (const [r, name] of [[3, "=cmd()"], [4, "+1+1"], [5, "@SUM(A1)"]] as const) {
      expect(ws.getCell(`A${r}`).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(`A${r}`).value).toBe(name);
    }
    expect(ws.getCell("B2").value).toBe(33.9);
    expect(ws.getCell("B2").numFmt).toBe("#,##0.00;-#,##0.00");
    expect(ws.getCell("B4").value).toBe(-1.2);
    expect(ws.getCell("B5").value).toBe(1234567890.12);
    expect(ws.getCell("D2").numFmt).toBe("0.00%");
    expect(ws.getCell("D2").value).toBe(0.005);
    // Dates come back as Date objects at UTC midnight: no time-zone shift.
    expect((ws.getCell("E2").value as Date).toISOString()).toBe("2026-10-31T00:00:00.000Z");
    expect((ws.getCell("E4").value as Date).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    // Total row: formula plus the value it computes, summed here from the inputs.
    const totalRow = ws.getRow(6);
    expect(totalRow.getCell(1).value).toBe("合计");
    const b = totalRow.getCell(2).value as { formula: string; result: number };
    expect(b.formula).toBe("SUM(B2:B5)");
    // 33.90 + 0.05 − 1.20 + 1,234,567,890.12
    expect(b.result).toBe(1234567922.87);
    expect((totalRow.getCell(3).value as { result: number }).result).toBe(12 + 1 + 2 + 3);
    // Frozen header, filter over the table, landscape fit to one page wide.
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:E5");
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
  });

  it("labels follow the language", async () => {
    const path = join(dir, "en.xlsx");
    await writeWorkbook(path, book([members], "en"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("Members")!;
    expect(ws.getCell("A1").value).toBe("Name");
    expect(ws.getCell("A6").value).toBe("Total");
  });

  it("fits column widths to content, CJK counting double", async () => {
    const path = join(dir, "w.xlsx");
    const long = "中华全国总工会某省某市某县某公司工会";
    await writeWorkbook(path, book([{ name: text("W", "W"), columns: [{ header: text("a", "a"), kind: "text" }, { header: text("b", "b"), kind: "text" }], rows: [[long, "abc"]] }]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("W")!;
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(long.length * 2);
    expect(ws.getColumn(2).width).toBeLessThan(long.length);
  });
});

describe("xlsx writer, read back with an independent zip/XML reader", () => {
  it("stores text as inline strings without formulas, money as numbers with a money format, totals as formula plus cached value", async () => {
    const path = join(dir, "raw.xlsx");
    await writeWorkbook(path, book([members]));
    const files = unzip(path);
    const sheets = sheetsOf(files);
    expect(sheets.map((s) => s.name)).toEqual(["会员"]);
    const cells = sheetCells(files.get(sheets[0]!.path)!);
    const fmts = numberFormats(files.get("xl/styles.xml")!);
    const a3 = cells.get("A3")!;
    // exceljs's streaming writer stores strings inline as t="str" with no <f>: a string, never a formula.
    expect(["str", "inlineStr", "s"]).toContain(a3.type);
    expect(a3.text).toBe("=cmd()");
    expect(a3.formula).toBeUndefined();
    expect(cells.get("A4")!.formula).toBeUndefined();
    expect(cells.get("B2")!.value).toBe("33.9");
    expect(fmts[cells.get("B2")!.style]).toBe("#,##0.00;-#,##0.00");
    expect(cells.get("E2")!.value).toBe(String(serial("2026-10-31")));
    expect(cells.get("E5")!.value).toBe(String(serial("1900-03-01")));
    expect(fmts[cells.get("E2")!.style]).toBe("yyyy-mm-dd");
    expect(cells.get("B6")!.formula).toBe("SUM(B2:B5)");
    expect(cells.get("B6")!.value).toBe("1234567922.87");
    expect(fmts[cells.get("B6")!.style]).toBe("#,##0.00;-#,##0.00");
    const sheetXml = files.get(sheets[0]!.path)!;
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheetXml).toMatch(/<autoFilter ref="A1:E5"/);
    expect(files.get("xl/workbook.xml")).toContain("_xlnm.Print_Titles");
  });
});

describe("sheets longer than the row limit", () => {
  it("continue on 'Name (2)', 'Name (3)' with the header repeated, and the total sums every part", async () => {
    const amounts = Array.from({ length: 250 }, (_, i) => (i * 37) % 1000 + 1);
    function* rows(): Iterable<Row> {
      for (let i = 0; i < amounts.length; i++) yield [`m${i + 1}`, amounts[i]!];
    }
    const path = join(dir, "long.xlsx");
    const result = await writeWorkbook(path, book([{ name: text("Detail", "明细"), columns: [{ header: text("Member", "会员"), kind: "text" }, { header: text("Dues", "会费"), kind: "money" }], rows: rows(), totals: { label: text("Total", "合计"), columns: [1] } }]), { maxRows: 100 });
    expect(result.sheets.map((s) => s.name)).toEqual(["明细", "明细 (2)", "明细 (3)"]);
    expect(result.sheets.map((s) => s.rows)).toEqual([100, 100, 1 + 52 + 1]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const names: string[] = [];
    for (const ws of [wb.getWorksheet("明细")!, wb.getWorksheet("明细 (2)")!, wb.getWorksheet("明细 (3)")!]) {
      expect(ws.getCell("A1").value).toBe("会员");
      expect(ws.rowCount).toBeLessThanOrEqual(100);
      ws.eachRow((r, n) => { if (n > 1 && typeof r.getCell(1).value === "string" && r.getCell(1).value !== "合计") names.push(r.getCell(1).value as string); });
    }
    expect(names).toEqual(amounts.map((_, i) => `m${i + 1}`));
    const last = wb.getWorksheet("明细 (3)")!;
    const t = last.getRow(last.rowCount).getCell(2).value as { formula: string; result: number };
    expect(t.formula).toBe("SUM('明细'!B2:B100,'明细 (2)'!B2:B100,B2:B53)");
    const exact = amounts.reduce((a, b) => a + b, 0);
    expect(Math.round(t.result * 100)).toBe(exact);
  });
});

describe("a failed export changes nothing", () => {
  it("leaves an existing file untouched and no temporary file behind when rows fail midway", async () => {
    const path = join(dir, "keep.xlsx");
    writeFileSync(path, "previous export");
    function* broken(): Iterable<Row> {
      yield ["a", 1];
      throw new Error("ledger query failed");
    }
    await expect(writeWorkbook(path, book([{ name: text("X", "X"), columns: [{ header: text("a", "a"), kind: "text" }, { header: text("b", "b"), kind: "money" }], rows: broken() }]))).rejects.toThrow("ledger query failed");
    expect(readFileSync(path, "utf8")).toBe("previous export");
    expect(readdirSync(dir)).toEqual(["keep.xlsx"]);
  });

  it("replaces an existing file once the new one is complete", async () => {
    const path = join(dir, "again.xlsx");
    writeFileSync(path, "previous export");
    await writeWorkbook(path, book([members]));
    expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
    expect(readdirSync(dir)).toEqual(["again.xlsx"]);
  });

  it("refuses with EXPORT_CANNOT_WRITE when the folder does not exist", async () => {
    const err = await writeWorkbook(join(dir, "no", "such", "x.xlsx"), book([members])).catch((e) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect((err as Refusal).kind).toBe("cannot-write");
    expect((err as Refusal).problems.map((p) => p.code)).toEqual(["EXPORT_CANNOT_WRITE"]);
  });

  it("refuses with EXPORT_TARGET_IS_FOLDER when -o names a folder", async () => {
    mkdirSync(join(dir, "sub.xlsx"));
    const err = await writeWorkbook(join(dir, "sub.xlsx"), book([members])).catch((e) => e);
    expect((err as Refusal).problems.map((p) => p.code)).toEqual(["EXPORT_TARGET_IS_FOLDER"]);
  });
});

describe("form sheets and sign-off", () => {
  it("writes a cover with mixed typed cells and a sign-off block, no filter", async () => {
    const path = join(dir, "cover.xlsx");
    const cover: Sheet = {
      name: text("Cover", "封面"),
      layout: "form",
      columns: [{ header: text("", ""), kind: "text" }, { header: text("", ""), kind: "text" }],
      rows: [[cell.label(text("Generated", "生成日期")), cell.date("2026-11-15")], [cell.label(text("Head", "链头")), "ab12"], total(cell.label(text("Total", "合计")), cell.money(100))],
      signOff: { roles: [text("Chair", "工会主席"), text("Preparer", "制表")] },
    };
    await writeWorkbook(path, book([cover]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("封面")!;
    expect((ws.getCell("B1").value as Date).toISOString()).toBe("2026-11-15T00:00:00.000Z");
    expect(ws.getCell("B3").value).toBe(1);
    expect(ws.getCell("B3").numFmt).toBe("#,##0.00;-#,##0.00");
    expect(ws.autoFilter).toBeFalsy();
    const col: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => { if (typeof c.value === "string") col.push(c.value); }));
    expect(col.filter((v) => v.startsWith("工会主席：签字"))).toHaveLength(1);
    expect(col.filter((v) => v.startsWith("制表：签字") && v.includes("日期"))).toHaveLength(1);
  });
});
