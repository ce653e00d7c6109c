// The fast CSV path (papaparse, src/import/csv-fast.ts) against csv-parse alone: the same
// records for any text cut into any pieces, and through the readers the same rows and the
// same problems (file:line:column, codes, hints) for the same tricky files.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import iconv from "iconv-lite";
import { Parser } from "csv-parse";
import { FastCsv } from "../../src/import/csv-fast.js";
import { readPayroll } from "../../src/import/payroll-reader.js";
import { source, tempFile } from "./helpers.js";

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const OPTS = { delimiter: ",", record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: true, relax_quotes: true, skip_empty_lines: false, skip_records_with_error: true, max_record_size: 1_000_000 };

function csvParse(pieces: string[]) {
  const p = new Parser(OPTS);
  const rows: string[][] = [];
  let skipped = 0;
  p.on("data", (r: string[]) => rows.push(r));
  p.on("skip", () => skipped++);
  p.on("error", () => skipped++);
  for (const s of pieces) p.write(s);
  p.end();
  return { rows, skipped };
}

function hybrid(pieces: string[]) {
  const fast = new FastCsv(",");
  const rows: string[][] = [];
  let p: Parser | null = null;
  let skipped = 0;
  const slow = (s: string) => {
    if (!p) {
      p = new Parser(OPTS);
      p.on("data", (r: string[]) => rows.push(r));
      p.on("skip", () => skipped++);
      p.on("error", () => skipped++);
    }
    if (s) p.write(s);
  };
  const feed = (s: string, final: boolean) => {
    if (fast.stopped) return slow(s);
    const got = fast.write(s, final);
    if (typeof got === "string") slow(got);
    else rows.push(...got);
  };
  for (const s of pieces) feed(s, false);
  feed("", true);
  p?.end();
  return { rows, skipped };
}

const cell = fc.oneof(
  fc.constantFrom("", "a", "合计", "张三", "1,234.50", " x ", "\uFEFF", "\u3000"),
  fc.array(fc.constantFrom("a", "b", ",", '"', "\r", "\n", " ", "中", "\t"), { maxLength: 6 }).map((a) => a.join("")),
  fc.array(fc.constantFrom("a", ",", '"', "\r\n", "\n", "中"), { maxLength: 5 }).map((a) => '"' + a.join("").replace(/"/g, '""') + '"'),
  fc.constantFrom('"unclosed', '"a" ', '"a"b', 'a"b', ' "a"'),
);
const eol = fc.constantFrom("\r\n", "\r\n", "\r\n", "\n", "\r", "");
const csvText = fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 5 }), eol), { maxLength: 12 })
  .map((rs) => rs.map(([c, e]) => c.join(",") + e).join(""));

function cut(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; ) { const n = sizes[k++ % sizes.length]!; out.push(text.slice(i, i + n)); i += n; }
  return out;
}

describe("FastCsv", () => {
  it("gives csv-parse's records (or csv-parse's own reading) for any text in any pieces", () => {
    fc.assert(fc.property(csvText, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), (text, sizes) => {
      const pieces = cut(text, sizes);
      const a = csvParse(pieces);
      const b = hybrid(pieces);
      expect(b.skipped).toBe(a.skipped);
      if (a.skipped === 0) expect(b.rows).toEqual(a.rows);
    }), { numRuns: 3000 * RUNS });
  });

  it("hands a long carried record to csv-parse", () => {
    const fast = new FastCsv(",");
    expect(fast.write("a,b\r\n\"" + "x".repeat(300_000), false)).toEqual([["a", "b"]]);
    expect(typeof fast.write("y", false)).toBe("string");
    expect(fast.stopped).toBe(true);
  });
});

describe("the readers by both paths", () => {
  const saved = process.env.DUES_CSV_FAST;
  afterEach(() => { if (saved === undefined) delete process.env.DUES_CSV_FAST; else process.env.DUES_CSV_FAST = saved; });

  async function read(bytes: Buffer, encoding: string, fast: boolean) {
    process.env.DUES_CSV_FAST = fast ? "1" : "0";
    const file = tempFile(bytes);
    const r = readPayroll(file, source({ encoding }), { digits: 2, maxProblems: 50, fileLabel: "p.csv" });
    const rows = [];
    for await (const row of r.rows()) rows.push(row);
    const { problems, info } = await r.finish();
    return { rows, problems, info: { ...info, sha256: "" } };
  }

  const HEAD = "工号,姓名,部门,基本工资,岗位工资,工会会费";
  const line = fc.oneof(
    fc.constantFrom(
      '1001,张三,"研发中心,北京",5000.00,1000.00,30.00', "1002,李四,,4000,0,20.00", '1003,"王""五",销售部,3000,0,15.00',
      '1004,赵六,"多行\r\n部门",100,0,0.50', "1005,钱七,财务部,abc,0,1", "1006,孙八,财务部", "1007,周九,x,1,2,3,4,5",
      "合计,,,12100.00,1000.00,66.00", "", "制表：张三", '1008,吴十,"未闭合,1,2,3', '1009,郑一,"a" ,1,2,3', "1001,张三,重复,1,1,1",
      "1010,冯二,部,-100.00,1000.00,4.50", "示例公司2026年9月工资表,,,,,",
    ),
    fc.integer({ min: 2000, max: 9999 }).map((n) => `${n},名${n},"部,${n % 3}",${n}.00,1.00,${(n / 100).toFixed(2)}`),
  );
  const file = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 10 }), fc.constantFrom("\r\n", "\n"), fc.boolean())
    .map(([title, ls, nl, bom]) => ({ text: (title ? "示例公司2026年9月工资表,,,,," + nl : "") + [HEAD, ...ls].join(nl) + nl, bom }));

  it("reads the same rows and problems by papaparse and by csv-parse alone (UTF-8, GB18030)", async () => {
    await fc.assert(fc.asyncProperty(file, fc.constantFrom("utf-8", "gb18030"), async ({ text, bom }, enc) => {
      const bytes = enc === "utf-8" ? Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]) : iconv.encode(text, "gb18030");
      const a = await read(bytes, "auto", false);
      const b = await read(bytes, "auto", true);
      expect(b).toEqual(a);
    }), { numRuns: 150 * RUNS });
  });
});
