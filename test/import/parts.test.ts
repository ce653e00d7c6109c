// The reader's parts on their own: header names, finding the header row, guessing the
// delimiter, the fast amount path (it must agree with the domain's parseAmount), line
// counting across chunks, and the strict UTF-8 check across its 1 MB reading pieces.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseAmount } from "../../src/domain/money.js";
import { readAmount } from "../../src/import/amount.js";
import { detectDelimiter } from "../../src/import/delimiter.js";
import { LineCounter, sniffFile } from "../../src/import/encoding.js";
import { findHeader, normalizeHeader } from "../../src/import/header.js";
import { payrollFieldSpecs } from "../../src/import/payroll-reader.js";
import { source, tempFile } from "./helpers.js";

const row = (line: number, ...cells: string[]) => ({ line, cells, span: 0 });

describe("header names", () => {
  it("compare without width, case, spaces, punctuation or a unit in brackets", () => {
    expect(normalizeHeader(" 基本工资（元） ")).toBe("基本工资");
    expect(normalizeHeader("Emp. No")).toBe("empno");
    expect(normalizeHeader("ＮＡＭＥ")).toBe("name");
    expect(normalizeHeader("Amount [USD]")).toBe("amount");
    expect(normalizeHeader("\uFEFF工号")).toBe("工号");
  });

  it("the header is found below a title, by built-in synonyms in Chinese and English", () => {
    const specs = payrollFieldSpecs(source());
    for (const id of ["工号", "员工号", "职工号", "人员编号", "Employee ID", "EMP NO", "payroll no."]) {
      const h = findHeader([row(1, "某某公司2026年10月工资表"), row(2, "序号", id, "姓名", "基本工资", "岗位工资（元）", "应发工资")], specs);
      expect(h.found).toBe(true);
      expect(h.row!.line).toBe(2);
      expect(h.columns.get("employee_id")).toBe(1);
      expect(h.columns.get("base:岗位工资")).toBe(4);
    }
  });

  it("configured names come before built-in ones", () => {
    const specs = payrollFieldSpecs(source({ columns: { employee_id: ["人事编码"], deducted: ["本月会费"] } }));
    const h = findHeader([row(1, "工号", "人事编码", "姓名", "基本工资", "岗位工资", "应发工资", "工会会费", "本月会费")], specs);
    expect(h.columns.get("employee_id")).toBe(1);
    expect(h.columns.get("deducted")).toBe(7);
  });
});

describe("delimiter guess", () => {
  it("picks the delimiter that splits every line the same way", () => {
    expect(detectDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(detectDelimiter("a\tb\tc\n1\t2,5\t3\n")).toBe("\t");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
    expect(detectDelimiter('title,,\na,b,c\n1,"2,5",3\n')).toBe(",");
  });

  it("semicolons win over decimal commas", () => {
    expect(detectDelimiter("工号;姓名;基本工资;岗位工资\n1;甲;6789,45;2000,00\n2;乙;100,00;0,50\n")).toBe(";");
  });
});

describe("amounts on the hot path", () => {
  it("agree with parseAmount on every text (empty is zero)", () => {
    const text = fc.string({ unit: fc.constantFrom("0", "1", "5", "9", ".", ",", "-", " ", "¥", "(", ")", "１", "e"), maxLength: 20 });
    fc.assert(
      fc.property(text, fc.constantFrom(0, 2, 3), fc.constantFrom(".", ",") as fc.Arbitrary<"." | ",">, (s, digits, mark) => {
        const p = parseAmount(s, { digits, decimalMark: mark });
        const expected = p.ok ? p.minor : p.reason === "empty" ? 0 : p.reason;
        expect(readAmount(s, digits, mark)).toBe(expected);
      }),
      { numRuns: 20000 },
    );
  });

  it("agree with parseAmount on grouped numbers, well and badly grouped", () => {
    const grouped = fc.tuple(fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^\d{0,4}$/), fc.boolean()).map(
      ([parts, frac, european]) => {
        const [g, d] = european ? [".", ","] : [",", "."];
        return { text: parts.join(g) + (frac === "" ? "" : d + frac), mark: d as "." | "," };
      },
    );
    fc.assert(
      fc.property(grouped, fc.constantFrom(0, 2, 3), ({ text, mark }, digits) => {
        const p = parseAmount(text, { digits, decimalMark: mark });
        expect(readAmount(text, digits, mark)).toBe(p.ok ? p.minor : p.reason === "empty" ? 0 : p.reason);
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the amounts of DOMAIN.md and the issue", () => {
    expect(readAmount("6,789.45", 2, ".")).toBe(678945);
    expect(readAmount("$4,210.00", 2, ".")).toBe(421000);
    expect(readAmount("12.5", 2, ".")).toBe(1250);
    expect(readAmount("12.500", 2, ".")).toBe(1250);
    expect(readAmount("1.234,56", 2, ",")).toBe(123456);
    expect(readAmount("", 2, ".")).toBe(0);
    expect(readAmount("12.345", 2, ".")).toBe("too-precise");
    expect(readAmount("9999999999999999", 2, ".")).toBe("too-large");
  });
});

describe("lines across chunks", () => {
  it("a CRLF split between two chunks is one line break", () => {
    const c = new LineCounter();
    c.advance("a\r");
    expect(c.lineAt("\nb\n", 1)).toBe(2);
    c.advance("\nb\n");
    expect(c.breaks).toBe(2);
    c.advance("x\ry\r\nz");
    expect(c.breaks).toBe(4);
  });
});

describe("encoding sniffing", () => {
  it("a Chinese character straddling the 1 MB reading boundary is still UTF-8", async () => {
    const filler = "a".repeat((1 << 20) - 1);
    const p = tempFile(Buffer.from(`${filler}张三\n`, "utf8"));
    expect(await sniffFile(p, "auto")).toMatchObject({ kind: "text", encoding: "utf-8", how: "utf-8" });
  });

  it("a file that is UTF-8 at the start and GBK further on is read as GB18030 as a whole", async () => {
    const p = tempFile(Buffer.concat([Buffer.from("工号,姓名\n"), Buffer.from("x".repeat(200_000)), Buffer.from([0xd5, 0xc5])]));
    expect(await sniffFile(p, "auto")).toMatchObject({ encoding: "gb18030", how: "fallback" });
  });

  it("Chinese payrolls saved as GB18030 are never taken for damaged UTF-8", async () => {
    const { payrollBuffer } = await import("../../src/sample/payroll.js");
    for (let seed = 1; seed <= 20; seed++) {
      const p = tempFile(payrollBuffer({ seed, employees: 3 + seed, encoding: "gb18030", titleRow: seed % 2 === 0 }));
      expect(await sniffFile(p, "auto")).toMatchObject({ encoding: "gb18030", how: "fallback" });
    }
  });

  it("a configured encoding wins, and its BOM is skipped", async () => {
    const p = tempFile(Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
    expect(await sniffFile(p, "UTF-8")).toMatchObject({ encoding: "utf-8", how: "configured", skip: 3 });
    expect(await sniffFile(p, "gbk")).toMatchObject({ encoding: "gbk", how: "configured", skip: 0 });
  });
});
