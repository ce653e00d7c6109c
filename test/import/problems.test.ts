// One readable case per problem code the payroll reader can give, plus the fixture with
// every row-level problem reported in one run, each with its line and column.
import { join } from "node:path";
import { chmodSync } from "node:fs";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { readPayroll } from "../../src/import/payroll-reader.js";
import { ROOT } from "../helpers/cli.js";
import { read, readPath, source, tempFile } from "./helpers.js";

const FIXTURES = join(ROOT, "fixtures", "payroll");
const where = (r: { problems: { code: string; line?: number; column?: number; severity: string }[] }) =>
  r.problems.map((p) => [p.code, p.line, p.column ?? null, p.severity]);

describe("every row problem, one run (fixtures/payroll/every-row-problem.csv)", () => {
  it("reports each with line and character column, and yields only the good row", async () => {
    const r = await readPath(join(FIXTURES, "every-row-problem.csv"));
    expect(where(r)).toEqual([
      ["PAYROLL_AMOUNT_UNREADABLE", 4, 13, "error"], // 6.789.45
      ["PAYROLL_MISSING_ID", 5, 3, "error"],
      ["PAYROLL_DUPLICATE_ID", 6, 3, "error"], // 1001 again, first at line 3
      ["PAYROLL_NEGATIVE_BASE", 7, 13, "error"], // -5000 + 1000
      ["PAYROLL_MEMBER_UNREADABLE", 8, 11, "error"], // 也许
      ["PAYROLL_TOO_FEW_FIELDS", 9, 22, "error"], // where the missing cells should start
      ["PAYROLL_TOO_MANY_FIELDS", 10, 32, "error"], // unquoted 3,000.00 pushed 20.00 past the header
      ["PAYROLL_AMOUNT_UNREADABLE", 11, 29, "error"], // 1.234: more decimals than the yuan has
      ["PAYROLL_ROW_WITHOUT_ID_SKIPPED", 12, null, "warning"], // 制表：李会计
      ["PAYROLL_TOTAL_ROW_SKIPPED", 13, null, "warning"],
    ]);
    expect(r.problems[2]!.message.en).toContain("first at line 3");
    expect(r.problems[0]!.source).toBe("2,1002,李四,是,6.789.45,2000.00,9789.45,43.90");
    expect(r.problems.every((p) => p.file === "payroll.csv" && p.message.zh !== "" && p.message.en !== "")).toBe(true);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1001"]);
    expect(r.info.rowsRead).toBe(9);
  });
});

describe("one case per code", () => {
  const H = "工号,姓名,基本工资,岗位工资,应发工资";

  it("PAYROLL_FILE_UNREADABLE: a missing file is a problem (the command exits 66), not a crash", async () => {
    const r = await readPath(join(FIXTURES, "no-such-file.csv"));
    expect(r.codes).toEqual(["PAYROLL_FILE_UNREADABLE"]);
    expect(r.info.missing).toBe(true);
  });

  it("PAYROLL_FILE_UNREADABLE: a file without read permission", async () => {
    if (process.getuid?.() === 0) return; // root reads everything; nothing to test here
    const p = tempFile(`${H}\n1,甲,1,1,2\n`);
    chmodSync(p, 0o000);
    expect((await readPath(p)).codes).toEqual(["PAYROLL_FILE_UNREADABLE"]);
  });

  it("PAYROLL_EMPTY_FILE: zero bytes, and a file of blank lines", async () => {
    expect((await read("")).codes).toEqual(["PAYROLL_EMPTY_FILE"]);
    expect(where(await read("\r\n\r\n  \r\n"))).toEqual([["PAYROLL_EMPTY_FILE", 3, null, "error"]]);
  });

  it("PAYROLL_NO_DATA_ROWS: a header and a 合计 row but no employees", async () => {
    const r = await read(`${H}\n合计,,0,0,0\n`);
    expect(where(r)).toEqual([["PAYROLL_NO_DATA_ROWS", 1, null, "error"], ["PAYROLL_TOTAL_ROW_SKIPPED", 2, null, "warning"]]);
  });

  it("PAYROLL_NOT_TEXT: binary bytes, with the line where they show", async () => {
    const r = await read(Buffer.concat([Buffer.from(`${H}\n1,甲,1,1,2\n`), Buffer.from([0, 1, 2, 3, 0, 0, 0, 7])]));
    expect(where(r)).toEqual([["PAYROLL_NOT_TEXT", 3, null, "error"]]);
    expect(r.problems[0]!.hint!.en).toContain("utf-16le");
  });

  it("PAYROLL_NOT_TEXT: NUL bytes inside a file that starts as text (configured encoding)", async () => {
    const r = await read(Buffer.concat([Buffer.from(`${H}\n1,甲,1,1,2\n2,乙,`), Buffer.from([0, 0, 0]), Buffer.from("\n")]), source({ encoding: "utf-8" }));
    expect(where(r)).toEqual([["PAYROLL_NOT_TEXT", 3, null, "error"]]);
  });

  it("PAYROLL_OLD_EXCEL: an .xls (binary Excel 97) is refused with a hint to save as .xlsx or CSV", async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 0)]);
    const r = await read(xls, source(), 2, "payroll.xls");
    expect(r.codes).toEqual(["PAYROLL_OLD_EXCEL"]);
    expect(r.problems[0]!.hint!.zh).toContain(".xlsx");
  });

  it("PAYROLL_ENCODING_UNKNOWN and PAYROLL_DELIMITER_UNKNOWN: configuration the reader cannot follow", async () => {
    expect((await read(`${H}\n`, source({ encoding: "klingon-8" }))).codes).toEqual(["PAYROLL_ENCODING_UNKNOWN"]);
    expect((await read(`${H}\n`, source({ delimiter: "#" }))).codes).toEqual(["PAYROLL_DELIMITER_UNKNOWN"]);
  });

  it("PAYROLL_BAD_BYTES: GB18030 bytes read as configured UTF-8 name the first bad line", async () => {
    const gb = Buffer.from([...Buffer.from(`${H}\n1,`), 0xd5, 0xc5, 0xc8, 0xfd, ...Buffer.from(",1,1,2\n")]); // 张三 in GBK
    const r = await read(gb, source({ encoding: "utf-8" }));
    expect(where(r)).toEqual([["PAYROLL_BAD_BYTES", 2, null, "error"]]);
    expect(r.problems[0]!.hint!.en).toContain("gb18030");
  });

  it("PAYROLL_BAD_BYTES: a UTF-8 file with one stray Latin-1 byte stays UTF-8 and names the line", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i + 1},张三${i},1,1,2`);
    const bytes = Buffer.concat([Buffer.from(`${H}\n${rows.join("\n")}\n31,Ren`), Buffer.from([0xe9]), Buffer.from("e,1,1,2\n")]);
    const r = await read(bytes);
    expect([r.info.encoding, r.info.encodingHow]).toEqual(["utf-8", "mostly-utf-8"]);
    expect(where(r)).toEqual([["PAYROLL_BAD_BYTES", 32, null, "error"]]);
    expect(r.rows[0]!.name).toBe("张三0");
  });

  it("PAYROLL_UNCLOSED_QUOTE: a quote that never closes, at the line and column where it opens", async () => {
    const r = await read(`${H}\n1,甲,1,1,2\n2,"乙,1,1,2\n3,丙,1,1,2\n`);
    expect(where(r)).toEqual([["PAYROLL_UNCLOSED_QUOTE", 3, 3, "error"]]);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1"]);
  });

  it("PAYROLL_UNCLOSED_QUOTE: a quote that runs on past a megabyte stops reading, with one problem", async () => {
    const r = await read(`${H}\n1,甲,1,1,2\n2,"乙,1,1,2\n` + "3,丙,1,1,2\n".repeat(100_000));
    expect(where(r)).toEqual([["PAYROLL_UNCLOSED_QUOTE", 3, 3, "error"]]);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1"]);
  });

  it("PAYROLL_RECORD_TOO_LONG: a megabyte without a line break is no table", async () => {
    const r = await read(`${H}\n` + "abcdefghij,".repeat(120_000));
    expect(where(r)).toEqual([["PAYROLL_RECORD_TOO_LONG", 2, null, "error"]]);
  });

  it("PAYROLL_HEADER_REPEATED_SKIPPED: a paginated export's header on every page", async () => {
    const r = await read(`某某公司工资表\n${H}\n1,甲,1,1,2\n${H}\n2,乙,1,1,2\n`);
    expect(where(r)).toEqual([["PAYROLL_HEADER_REPEATED_SKIPPED", 4, null, "warning"]]);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1", "2"]);
  });

  it("PAYROLL_XLSX_UNREADABLE: a zip that is no workbook", async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 0x41)]);
    const r = await read(fake, source(), 2, "p.xlsx");
    expect(r.codes).toEqual(["PAYROLL_XLSX_UNREADABLE"]);
  });

  it("PAYROLL_SHEET_NOT_FOUND lists the sheets there are", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("工资表").addRow(["工号"]);
    const r = await readPath(tempFile(Buffer.from(await wb.xlsx.writeBuffer()), "p.xlsx"), source({ sheet: "十月" }));
    expect(r.codes).toEqual(["PAYROLL_SHEET_NOT_FOUND"]);
    expect(r.problems[0]!.message.en).toContain("工资表");
  });

  it("PAYROLL_MISSING_COLUMN: ONE problem naming what is missing and the headers found", async () => {
    const r = await read("某某公司2026年10月工资表\n序号,员工编码,姓名,基本工资,应发工资\n1,1001,甲,1,2\n");
    expect(where(r)).toEqual([["PAYROLL_MISSING_COLUMN", 2, null, "error"]]);
    const m = r.problems[0]!.message.en;
    expect(m).toContain("employee_id");
    expect(m).toContain("岗位工资");
    expect(m).toContain("序号, 员工编码, 姓名, 基本工资, 应发工资");
  });

  it("PAYROLL_MISSING_COLUMN: 序号 is never taken for the employee id, even when configured", async () => {
    const r = await read("序号,姓名,基本工资,岗位工资,应发工资\n1,甲,1,1,2\n", source({ columns: { employee_id: ["序号"] } }));
    expect(r.codes).toEqual(["PAYROLL_MISSING_COLUMN"]);
  });

  it("PAYROLL_CONFIGURED_COLUMN_MISSING: a configured deducted column the file lacks is a warning", async () => {
    const r = await read(`${H}\n1,甲,1,1,2\n`, source({ columns: { deducted: ["本月代扣会费"], department: ["部门"], status: ["会员状态"] } }));
    expect(where(r)).toEqual([["PAYROLL_CONFIGURED_COLUMN_MISSING", 1, null, "warning"]]);
    expect(r.problems.map((p) => p.message.en).join(" ")).toContain("本月代扣会费");
    expect(r.rows[0]!.deducted).toBe(null);
  });

  it("PAYROLL_AMBIGUOUS_COLUMN: two 基本工资 columns are not guessed between", async () => {
    const r = await read("工号,姓名,基本工资,基本工资,岗位工资,应发工资\n1,甲,1,2,1,2\n");
    expect(where(r)).toEqual([["PAYROLL_AMBIGUOUS_COLUMN", 1, 12, "error"]]);
  });

  it("PAYROLL_TOO_FEW_FIELDS and PAYROLL_TOO_MANY_FIELDS", async () => {
    const r = await read(`${H}\n1,甲,1\n2,乙,1,1,2,,\n3,丙,6,789.45,0,6789.45\n`);
    expect(where(r)).toEqual([
      ["PAYROLL_TOO_FEW_FIELDS", 2, 6, "error"], // just after the end, where the cells are missing
      ["PAYROLL_TOO_MANY_FIELDS", 4, 16, "error"], // the first cell past the header
    ]);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["2"]); // trailing empty cells are harmless
  });

  it("PAYROLL_MISSING_ID and PAYROLL_ROW_WITHOUT_ID_SKIPPED: money never goes unassigned", async () => {
    const r = await read(`${H}\n,甲,1,1,2\n制表：张三 审核：李四,,,,\n`);
    expect(where(r)).toEqual([
      ["PAYROLL_MISSING_ID", 2, 1, "error"],
      ["PAYROLL_ROW_WITHOUT_ID_SKIPPED", 3, null, "warning"],
    ]);
  });

  it("PAYROLL_DUPLICATE_ID names the first line", async () => {
    const r = await read(`${H}\n00123,甲,1,1,2\n123,乙,1,1,2\n00123,丙,1,1,2\n`);
    expect(where(r)).toEqual([["PAYROLL_DUPLICATE_ID", 4, 1, "error"]]);
    expect(r.problems[0]!.message.zh).toContain("第 2 行");
  });

  it("PAYROLL_DUPLICATE_ID across a large file: early, late and out-of-order ids", async () => {
    const lines = [H];
    for (let i = 1; i <= 70_000; i++) lines.push(`${i * 3},n,1,1,2`); // ascending, past one storage block
    lines.push("5,n,1,1,2", "6,n,1,1,2", "5,n,1,1,2", "199998,n,1,1,2", "30,n,1,1,2");
    const r = await read(lines.join("\n"));
    expect(r.problems.map((p) => [p.line, p.message.en])).toEqual([
      [70_003, "employee id 6 appears again; first at line 3"],
      [70_004, "employee id 5 appears again; first at line 70002"],
      [70_005, "employee id 199998 appears again; first at line 66667"],
      [70_006, "employee id 30 appears again; first at line 11"],
    ]);
  });

  it("PAYROLL_AMOUNT_UNREADABLE: words, too many decimals, too large", async () => {
    const r = await read(`${H}\n1,甲,约三千,1,2\n2,乙,1.005,1,2\n3,丙,1,1,99999999999999999\n`);
    expect(r.codes).toEqual(["PAYROLL_AMOUNT_UNREADABLE", "PAYROLL_AMOUNT_UNREADABLE", "PAYROLL_AMOUNT_UNREADABLE"]);
    expect(r.problems.map((p) => p.message.en)).toEqual([
      '基本工资: "约三千" is not an amount',
      '基本工资: "1.005" has more than 2 decimals',
      '应发工资: "99999999999999999" is too large to be an amount',
    ]);
  });

  it("PAYROLL_NEGATIVE_BASE: a negative column is allowed, a negative base is not", async () => {
    const r = await read(`${H}\n1,甲,3000,-200,2800\n2,乙,100,-200,-100\n`);
    // Line 2's negative 岗位工资 is read (with PAYROLL_NEGATIVE_COMPONENT, issue 12); line 3's bases are below zero.
    expect(r.codes).toEqual(["PAYROLL_NEGATIVE_COMPONENT", "PAYROLL_NEGATIVE_BASE", "PAYROLL_NEGATIVE_BASE"]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 3]);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1"]);
  });

  it("PAYROLL_NEGATIVE_COMPONENT: one column below zero in a base that is not, unless allow_negative names it", async () => {
    const file = `${H},扣款\n1,甲,-100.00,"1,000.00",900,0\n2,乙,3000,500,3500,-200\n3,丙,-5,-5,10,0\n`;
    const bases = { dues: ["基本工资", "岗位工资", "扣款"], funds: ["应发工资"] };
    const r = await read(file, source({ bases }));
    expect(where(r)).toEqual([["PAYROLL_NEGATIVE_COMPONENT", 2, 5, "warning"], ["PAYROLL_NEGATIVE_COMPONENT", 3, 19, "warning"], ["PAYROLL_NEGATIVE_BASE", 4, 5, "error"]]);
    expect(r.problems[0]!.message.en).toBe("基本工资 is -100.00 in the dues base (基本工资 + 岗位工资 + 扣款 = 900.00); the sum is used");
    expect(r.problems[0]!.message.zh).toContain("基本工资 为 -100.00");
    expect(r.rows.map((x) => [x.employeeId, x.bases.dues])).toEqual([["1", 90000], ["2", 330000]]);
    const allowed = await read(file, source({ bases, allowNegative: ["扣款"] }));
    expect(allowed.codes).toEqual(["PAYROLL_NEGATIVE_COMPONENT", "PAYROLL_NEGATIVE_BASE"]);
  });

  it("PAYROLL_MEMBER_UNREADABLE, and the yes/no words that are read", async () => {
    const r = await read(`工号,姓名,是否会员,基本工资,岗位工资,应发工资\n1,a,是,1,1,2\n2,b,否,1,1,2\n3,c,Y,1,1,2\n4,d,no,1,1,2\n5,e,1,1,1,2\n6,f,FALSE,1,1,2\n7,g,,1,1,2\n8,h,会员,1,1,2\n9,i,maybe,1,1,2\n`);
    expect(r.rows.map((x) => x.member)).toEqual([true, false, true, false, true, false, null, true]);
    expect(where(r)).toEqual([["PAYROLL_MEMBER_UNREADABLE", 10, 5, "error"]]);
  });

  it("PAYROLL_TOTAL_ROW_SKIPPED: 合计, 总计, 小计 and Total, in the first cell, the id or the name", async () => {
    const r = await read(`序号,${H}\n1,1,甲,1,1,2\n小计,,,1,1,2\n2,2,乙,1,1,2\n,总 计,,2,2,4\n,,Total,2,2,4\n`);
    expect(r.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED", "PAYROLL_TOTAL_ROW_SKIPPED", "PAYROLL_TOTAL_ROW_SKIPPED"]);
    expect(r.info.totalRowsSkipped).toBe(3);
    expect(r.rows.map((x) => x.employeeId)).toEqual(["1", "2"]);
  });

  it("PAYROLL_TOTAL_ROW_MISMATCH: a 合计 row that disagrees with the rows names the columns", async () => {
    const ok = await read(`${H},工会会费\n1,甲,"1,000.00",200,1200,6.00\n2,乙,500,0,500,2.50\n合计,,"1,500.00",200.00,1700,8.50\n`);
    expect(ok.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED"]);
    const cut = await read(`${H},工会会费\n1,甲,1000,200,1200,6.00\n小计,,1000,200,1200,6\n合计,,2500,200,3200,8.50\n`);
    expect(cut.codes).toEqual(["PAYROLL_TOTAL_ROW_SKIPPED", "PAYROLL_TOTAL_ROW_SKIPPED", "PAYROLL_TOTAL_ROW_MISMATCH"]);
    const m = cut.problems.find((p) => p.code === "PAYROLL_TOTAL_ROW_MISMATCH")!;
    expect([m.line, m.column, m.severity]).toEqual([4, 5, "warning"]);
    expect(m.message.en).toBe("the file's total row disagrees with its rows: 基本工资 2500.00 (rows: 1000.00); 应发工资 3200.00 (rows: 1200.00); 工会会费 8.50 (rows: 6.00)");
  });

  it("PAYROLL_MORE_PROBLEMS: a wrong file stores a capped number of problems and counts the rest exactly", async () => {
    const lines = [H];
    for (let i = 1; i <= 30; i++) lines.push(`${i},x,bad,1,2`);
    const p = tempFile(lines.join("\n"));
    const reader = readPayroll(p, source(), { digits: 2, maxProblems: 10 });
    for await (const _ of reader.rows()) void _;
    const { problems } = await reader.finish();
    expect(problems).toHaveLength(11);
    expect(problems[10]!.code).toBe("PAYROLL_MORE_PROBLEMS");
    expect(problems[10]!.message.en).toContain("20 more");
    expect(problems[10]!.severity).toBe("error");
  });
});

describe("the file's SHA-256 (recorded with the batch)", () => {
  it("is the hash of every byte once the rows were read, and empty when the caller broke off", async () => {
    const { createHash } = await import("node:crypto");
    const { readFileSync } = await import("node:fs");
    const { payrollBuffer } = await import("../../src/sample/payroll.js");
    const p = tempFile(payrollBuffer({ seed: 1, employees: 20000, encoding: "gb18030" }));
    const whole = readPayroll(p, source(), { digits: 2 });
    for await (const _ of whole.rows()) void _;
    expect((await whole.finish()).info.sha256).toBe(createHash("sha256").update(readFileSync(p)).digest("hex"));

    const partial = readPayroll(p, source(), { digits: 2 });
    for await (const _ of partial.rows()) break;
    expect((await partial.finish()).info.sha256).toBe("");
  });
});

describe("reading without iterating", () => {
  it("finish() alone reads the file and returns every problem", async () => {
    const reader = readPayroll(tempFile("工号,姓名,基本工资,岗位工资,应发工资\n1,甲,x,1,2\n"), source(), { digits: 2 });
    const { problems, info } = await reader.finish();
    expect(problems.map((p) => p.code)).toEqual(["PAYROLL_AMOUNT_UNREADABLE"]);
    expect(info.rowsRead).toBe(1);
  });
});
