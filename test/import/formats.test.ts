// Every encoding and layout of SPEC §4.1 and issue 3, read end to end: the rows a
// treasurer would expect, in minor units, with the encoding and delimiter the reader says it used.
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { formatMinor } from "../../src/domain/money.js";
import { generatePayroll, payrollBuffer, type PayrollSampleOptions } from "../../src/sample/payroll.js";
import { join } from "node:path";
import { ROOT } from "../helpers/cli.js";
import { HEADER, read, readPath, source, tempFile, yuan } from "./helpers.js";

/** What the generator meant, in the shape the reader gives back. */
function expected(opts: PayrollSampleOptions) {
  return [...generatePayroll(opts)].map((r) => ({
    employeeId: r.employeeId, name: r.name, department: r.department, member: r.member, status: r.status,
    dues: yuan(r.basic + r.post), funds: yuan(r.gross), deducted: yuan(r.deducted),
  }));
}
const shape = (rows: Awaited<ReturnType<typeof read>>["rows"]) =>
  rows.map((r) => ({
    employeeId: r.employeeId, name: r.name, department: r.department, member: r.member, status: r.status,
    dues: yuan(r.bases.dues!), funds: yuan(r.bases.funds!), deducted: yuan(r.deducted),
  }));

describe("encodings", () => {
  it("GB18030 (Excel's Chinese CSV) with a title row above the header and a 合计 row at the bottom", async () => {
    const opts: PayrollSampleOptions = { seed: 3, employees: 25, encoding: "gb18030", titleRow: true, totalRow: true, period: "2026-10" };
    const r = await read(payrollBuffer(opts));
    expect(r.info.encoding).toBe("gb18030");
    expect(r.info.encodingHow).toBe("fallback");
    expect(r.info.headerLine).toBe(2);
    expect(r.errors).toEqual([]);
    expect(r.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED"]);
    expect(r.problems[0]!.line).toBe(28);
    expect(r.info.totalRowsSkipped).toBe(1);
    expect(shape(r.rows)).toEqual(expected(opts));
    expect(r.rows[0]!.line).toBe(3);
  });

  it("UTF-8 without a BOM is recognised by a strict check, not assumed", async () => {
    const r = await read(`${HEADER}\n1,1001,张三,财务部,是,在职,6789.45,2000,9000,43.90\n`);
    expect([r.info.encoding, r.info.encodingHow]).toEqual(["utf-8", "utf-8"]);
    expect(r.rows.map((x) => [x.name, yuan(x.bases.dues!)])).toEqual([["张三", "8789.45"]]);
  });

  it("UTF-8 with a BOM: the BOM decides and never sticks to the first header", async () => {
    const r = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`工号,姓名,基本工资,岗位工资,应发工资\n1001,张三,1,2,3\n`)]));
    expect([r.info.encoding, r.info.encodingHow]).toEqual(["utf-8", "bom"]);
    expect(r.info.columns.employee_id).toBe("工号");
    expect(r.rows).toHaveLength(1);
  });

  it("UTF-16 LE with BOM and tabs (Excel's “Unicode text”)", async () => {
    const opts: PayrollSampleOptions = { seed: 5, employees: 12, encoding: "utf-16le" };
    const r = await read(payrollBuffer(opts));
    expect([r.info.encoding, r.info.encodingHow, r.info.delimiter]).toEqual(["utf-16le", "bom", "\t"]);
    expect(r.problems).toEqual([]);
    expect(shape(r.rows)).toEqual(expected(opts));
  });

  it("UTF-16 BE with BOM", async () => {
    const le = Buffer.from(`工号\t姓名\t基本工资\t岗位工资\t应发工资\r\n1001\t李四\t100.5\t0\t100.5\r\n`, "utf16le");
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) { be[i] = le[i + 1]!; be[i + 1] = le[i]!; }
    const r = await read(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect([r.info.encoding, r.info.delimiter]).toEqual(["utf-16be", "\t"]);
    expect(r.rows.map((x) => [x.name, yuan(x.bases.dues!)])).toEqual([["李四", "100.50"]]);
  });

  it("configured encodings are honoured: gbk, big5, windows-1252", async () => {
    const gbk = await read(iconv.encode(`工号,姓名,基本工资,岗位工资,应发工资\n1,王五,1,1,2\n`, "gbk"), source({ encoding: "gbk" }));
    expect([gbk.info.encoding, gbk.info.encodingHow, gbk.rows[0]!.name]).toEqual(["gbk", "configured", "王五"]);

    const big5 = await read(iconv.encode(`員工號,姓名,基本工資,崗位工資,應發工資\n1,陳大文,1,1,2\n`, "big5"),
      source({ encoding: "big5", columns: { employee_id: ["員工號"] }, bases: { dues: ["基本工資", "崗位工資"], funds: ["應發工資"] } }));
    expect(big5.problems).toEqual([]);
    expect([big5.info.encoding, big5.rows[0]!.name]).toEqual(["big5", "陳大文"]);

    const w = await read(iconv.encode(`Payroll No;Name;Basic;Gross\n7;Jürgen Müller;1.234,50;2.000,00\n`, "windows-1252"),
      source({ encoding: "windows-1252", decimalMark: ",", bases: { dues: ["Basic"], funds: ["Gross"] } }));
    expect(w.problems).toEqual([]);
    expect([w.info.delimiter, w.rows[0]!.name, yuan(w.rows[0]!.bases.dues!)]).toEqual([";", "Jürgen Müller", "1234.50"]);
  });
});

describe("the fixture files (fixtures/payroll/)", () => {
  const fixture = (name: string) => join(ROOT, "fixtures", "payroll", name);

  it("gb18030-title-total.csv: Excel on Chinese Windows, title row and 合计", async () => {
    const r = await readPath(fixture("gb18030-title-total.csv"));
    expect([r.info.encoding, r.info.delimiter, r.info.headerLine]).toEqual(["gb18030", ",", 2]);
    expect(r.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED"]);
    expect(shape(r.rows)).toEqual(expected({ seed: 42, employees: 8 }));
  });

  it("semicolon-decimal-comma.csv: a European export", async () => {
    const r = await readPath(fixture("semicolon-decimal-comma.csv"), source({ decimalMark: "," }));
    expect(r.problems).toEqual([]);
    expect(r.info.delimiter).toBe(";");
    expect(shape(r.rows)).toEqual(expected({ seed: 42, employees: 6 }));
    expect(yuan(r.rows[0]!.bases.dues!)).toBe("12783.53");
  });
});

describe("layouts", () => {
  it("semicolons with decimal commas and grouping dots (European export)", async () => {
    const opts: PayrollSampleOptions = { seed: 9, employees: 15, delimiter: ";", decimalMark: ",", grouping: true };
    const r = await read(payrollBuffer(opts), source({ decimalMark: "," }));
    expect(r.info.delimiter).toBe(";");
    expect(r.problems).toEqual([]);
    expect(shape(r.rows)).toEqual(expected(opts));
  });

  it("quoted fields with delimiters and line breaks inside; lines stay physical lines", async () => {
    const csv = [
      "工号,姓名,部门,基本工资,岗位工资,应发工资",
      '1001,"张三","财务部,出纳","6,789.45",0,"6,789.45"',
      '1002,"李""小""四","生产一车间',
      '（夜班）",100,0,100',
      "1003,王五,质检部,x,0,0",
    ].join("\r\n");
    const r = await read(csv);
    expect(r.rows.map((x) => [x.line, x.name, x.department, yuan(x.bases.dues!)])).toEqual([
      [2, "张三", "财务部,出纳", "6789.45"],
      [3, '李"小"四', "生产一车间\r\n（夜班）", "100.00"],
    ]);
    // The row after the two-line record is line 5, and "x" is its 4th field, character 13.
    expect(r.problems.map((p) => [p.code, p.line, p.column, p.source])).toEqual([["PAYROLL_AMOUNT_UNREADABLE", 5, 13, "1003,王五,质检部,x,0,0"]]);
  });

  it("full-width digits, ¥ and $ signs, thousands separators", async () => {
    const csv = [
      "工号,姓名,基本工资,岗位工资,应发工资,工会会费",
      "１００１,张三,６７８９.４５,\"¥2,000.00\",\"$4,210.00\",￥４３.９０",
    ].join("\n");
    const r = await read(csv, source({ columns: {} }));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.employeeId, yuan(x.bases.dues!), yuan(x.bases.funds!), yuan(x.deducted)])).toEqual([["1001", "8789.45", "4210.00", "43.90"]]);
  });

  it("pipe-delimited, CRLF, blank lines in the middle and at the end", async () => {
    const r = await read("工号|姓名|基本工资|岗位工资|应发工资\r\n1|甲|1|1|2\r\n\r\n2|乙|3|3|6\r\n\r\n\r\n");
    expect(r.info.delimiter).toBe("|");
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.employeeId])).toEqual([[2, "1"], [4, "2"]]);
  });

  it("old Mac line endings (lone CR) count as lines", async () => {
    const r = await read("工号,姓名,基本工资,岗位工资,应发工资\r1,甲,1,1,2\r2,乙,y,1,2\r");
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([[3, 5]]);
  });

  it("English headers and a tab file, members and statuses in English", async () => {
    const r = await read("Emp No\tName\tDepartment\tMember\tStatus\tBasic\tGross\tUnion Dues\n E7 \tAnn Lee\tOps\tyes\tretired\t100\t100\t0\n",
      source({ bases: { dues: ["Basic"], funds: ["Gross"] } }));
    expect(r.problems).toEqual([]);
    expect(r.rows).toMatchObject([{ employeeId: "E7", name: "Ann Lee", department: "Ops", member: true, status: "retired", deducted: 0 }]);
  });

  it("Excel's text-id forms keep leading zeros: =\"00123\" and '00124", async () => {
    const r = await read(`工号,姓名,基本工资,岗位工资,应发工资\n"=""00123""",甲,1,1,2\n'00124,乙,1,1,2\n`);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["00123", "00124"]);
  });

  it("an .xlsx written by exceljs: title row, numbers as numbers, 合计 row; and a chosen sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const cover = wb.addWorksheet("说明");
    cover.addRow(["本工作簿由测试生成"]);
    const ws = wb.addWorksheet("10月工资");
    ws.addRow(["某某公司2026年10月工资表"]);
    ws.addRow(["序号", "工号", "姓名", "是否会员", "基本工资", "岗位工资", "应发工资", "工会会费"]);
    ws.addRow([1, 1001, "张三", "是", 6789.45, 2000, 0.1 + 0.2, 43.9]);
    ws.addRow([2, "00102", "李四", "否", { formula: "1+1", result: 2 }, 0, 2, null]);
    ws.addRow(["合计", null, null, null, 6791.45, 2000, 2.3, 43.9]);
    const path = tempFile(Buffer.from(await wb.xlsx.writeBuffer()), "payroll.xlsx");

    const first = await readPath(path);
    expect(first.info.kind).toBe("xlsx");
    expect(first.info.sheet).toBe("说明");
    expect(first.codes).toEqual(["PAYROLL_MISSING_COLUMN"]);

    const r = await readPath(path, source({ sheet: "10月工资" }));
    expect(r.errors).toEqual([]);
    expect(r.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED"]);
    expect(r.info.headerLine).toBe(2);
    expect(r.rows.map((x) => [x.line, x.employeeId, x.member, yuan(x.bases.dues!), yuan(x.bases.funds!), yuan(x.deducted)])).toEqual([
      [3, "1001", true, "8789.45", "0.30", "43.90"],
      [4, "00102", false, "2.00", "2.00", "0.00"],
    ]);
    expect(r.info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("xlsx with thousands of Chinese cells: no character split between two pieces of the zip is garbled", async () => {
    const opts: PayrollSampleOptions = { seed: 21, employees: 12_000 };
    const rows = [...generatePayroll(opts)];
    const header = ["工号", "姓名", "部门", "是否会员", "会员状态", "基本工资", "岗位工资", "应发工资"];
    // An xlsx number cell is a double whatever we do; it is built from the exact decimal text.
    const cell = (m: number) => Number(formatMinor(m, 2));
    const line = (r: (typeof rows)[number]) => [r.employeeId, r.name, r.department, r.member ? "是" : "否", r.status, cell(r.basic), cell(r.post), cell(r.gross)];
    // Shared strings (the in-memory writer, as Excel saves) and inline strings (a streaming writer).
    const shared = new ExcelJS.Workbook();
    const ws = shared.addWorksheet("工资表");
    ws.addRow(header);
    for (const r of rows) ws.addRow(line(r));
    const sharedPath = tempFile(Buffer.from(await shared.xlsx.writeBuffer()), "shared.xlsx");
    const inlinePath = tempFile("", "inline.xlsx");
    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlinePath, useSharedStrings: false });
    const iws = inline.addWorksheet("工资表");
    iws.addRow(header).commit();
    for (const r of rows) iws.addRow(line(r)).commit();
    iws.commit();
    await inline.commit();
    for (const path of [sharedPath, inlinePath]) {
      const r = await readPath(path);
      expect(r.problems).toEqual([]);
      expect(shape(r.rows)).toEqual(expected(opts).map((e) => ({ ...e, deducted: null })));
    }
  }, 120_000);

  it("xlsx amount problems carry the cell's column number", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["工号", "姓名", "基本工资", "岗位工资", "应发工资"]);
    ws.addRow(["1", "甲", "n/a", 0, 0]);
    const r = await readPath(tempFile(Buffer.from(await wb.xlsx.writeBuffer()), "p.xlsx"));
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([["PAYROLL_AMOUNT_UNREADABLE", 2, 3]]);
  });

  it("reports progress in bytes, rising to the file's size (for the progress bar)", async () => {
    const { readPayroll } = await import("../../src/import/payroll-reader.js");
    const bytes = payrollBuffer({ seed: 1, employees: 5000, encoding: "utf-16le" });
    const seen: [number, number][] = [];
    const r = readPayroll(tempFile(bytes), source(), { digits: 2, onProgress: (done, total) => seen.push([done, total]) });
    for await (const _ of r.batches()) void _;
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every(([, total]) => total === bytes.length)).toBe(true);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
    expect(seen.at(-1)![0]).toBe(bytes.length);
  });

  it("twelve consistent months of a generated workforce all read cleanly", async () => {
    const seen = new Set<string>();
    for (const month of [0, 5, 11]) {
      const opts: PayrollSampleOptions = { seed: 11, employees: 60, month, titleRow: true, totalRow: true };
      const r = await read(payrollBuffer(opts));
      expect(r.errors).toEqual([]);
      expect(shape(r.rows)).toEqual(expected(opts));
      for (const row of r.rows) seen.add(row.employeeId);
    }
    expect(seen.size).toBeGreaterThan(60);
  });
});
