// Fuzzing the readers with fast-check: random bytes and near-CSV text in every encoding
// never make them throw (only problems), always end, and never invent lines; well-formed
// CSV with nasty quoting reads back exactly, with the physical line of every record.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import iconv from "iconv-lite";
import { readPayroll } from "../../src/import/payroll-reader.js";
import { openTable } from "../../src/import/table.js";
import { locateField } from "../../src/import/problem-sink.js";
import { source, tempFile } from "./helpers.js";

// FUZZ_RUNS=20 multiplies the runs for a longer hunt; the default keeps the suite quick.
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const ENCODINGS = ["auto", "utf-8", "gb18030", "utf-16le", "utf-16be", "big5", "windows-1252"] as const;

async function readAll(bytes: Buffer, encoding: string, delimiter = "auto") {
  const r = readPayroll(tempFile(bytes), source({ encoding, delimiter }), { digits: 2, maxProblems: 50 });
  const rows = [];
  for await (const row of r.rows()) rows.push(row);
  const summary = await r.finish();
  return { rows, ...summary };
}

function physicalLines(text: string): number {
  return text.split(/\r\n|\n|\r/).length;
}

function checkInvariants(out: Awaited<ReturnType<typeof readAll>>, maxLine: number) {
  let prev = 0;
  for (const row of out.rows) {
    expect(row.line).toBeGreaterThan(prev); // rows come in file order, one line each at least
    prev = row.line;
    for (const v of Object.values(row.bases)) expect(Number.isSafeInteger(v)).toBe(true);
    expect(row.employeeId).not.toBe("");
  }
  expect(out.problems.length).toBeLessThanOrEqual(51);
  for (const p of out.problems) {
    expect(p.code).toMatch(/^PAYROLL_[A-Z_]+$/);
    expect(p.message.en.length).toBeGreaterThan(0);
    expect(p.message.zh.length).toBeGreaterThan(0);
    if (p.line !== undefined) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(maxLine + 1);
    }
    if (p.column !== undefined) expect(p.column).toBeGreaterThanOrEqual(1);
  }
}

describe("fuzz: the reader never throws", () => {
  it("random bytes, any configured encoding", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...ENCODINGS), async (bytes, enc) => {
        const out = await readAll(Buffer.from(bytes), enc);
        checkInvariants(out, Number.MAX_SAFE_INTEGER);
      }),
      { numRuns: 150 * RUNS },
    );
  });

  // Pieces a payroll file is made of, jumbled: quotes, delimiters, line breaks, headers, amounts.
  const piece = fc.constantFrom(
    ",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "　", "1", "00", "-", ".", "6,789.45", "¥", "１２", "(5)",
    "工号", "姓名", "基本工资", "岗位工资", "应发工资", "工会会费", "是否会员", "是", "否", "合计", "序号", "张三", "\u0000", "\uFFFD", "😀",
  );
  const nearCsv = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 300 })).map(([withHeader, ps]) =>
    (withHeader ? "工号,姓名,基本工资,岗位工资,应发工资\n" : "") + ps.join(""),
  );
  const encoded = fc.tuple(nearCsv, fc.constantFrom("utf-8", "utf-8-bom", "gb18030", "utf-16le-bom")).map(([text, enc]) => {
    const body = enc === "gb18030" ? iconv.encode(text, "gb18030") : enc.startsWith("utf-16le") ? Buffer.from(text, "utf16le") : Buffer.from(text, "utf8");
    const bom = enc === "utf-8-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : enc === "utf-16le-bom" ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
    return { text, bytes: Buffer.concat([bom, body]) };
  });

  it("near-CSV text with random quotes, delimiters and line breaks, in every encoding", async () => {
    await fc.assert(
      fc.asyncProperty(encoded, fc.constantFrom("auto", ",", ";", "\t", "|"), async ({ text, bytes }, delimiter) => {
        const out = await readAll(bytes, "auto", delimiter);
        checkInvariants(out, physicalLines(text));
      }),
      { numRuns: 300 * RUNS },
    );
  });
});

describe("fuzz: well-formed CSV reads back exactly", () => {
  const cellText = fc.string({ unit: fc.constantFrom("a", "张", ",", ";", '"', "\n", "\r\n", " ", "x", "1") , maxLength: 12 });
  const row = fc.record({
    id: fc.integer({ min: 1, max: 10_000_000 }),
    name: cellText.filter((s) => s.trim() !== "" && !/^\s*(合计|总计|小计|total)/i.test(s)),
    dept: cellText,
    basic: fc.integer({ min: 0, max: 10 ** 9 }),
    post: fc.integer({ min: 0, max: 10 ** 7 }),
  });
  const quote = (s: string, d: string, always: boolean) => (always || /[",;\r\n]/.test(s) || s.includes(d) ? `"${s.replace(/"/g, '""')}"` : s);
  const money = (m: number) => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, "0")}`;

  it("names with delimiters, quotes and line breaks; every record's physical line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(row, { selector: (r) => r.id, minLength: 1, maxLength: 40 }),
        fc.constantFrom(",", ";", "\t", "|"),
        fc.boolean(),
        fc.constantFrom("\n", "\r\n"),
        async (rows, d, quoteAll, nl) => {
          let text = ["工号", "姓名", "部门", "基本工资", "岗位工资", "应发工资"].join(d) + nl;
          const lines: number[] = [];
          let line = 2;
          for (const r of rows) {
            lines.push(line);
            const rec = [String(r.id), quote(r.name, d, quoteAll), quote(r.dept, d, quoteAll), money(r.basic), money(r.post), money(r.basic + r.post)].join(d);
            text += rec + nl;
            line += physicalLines(rec);
          }
          const out = await readAll(Buffer.from(text), "auto", d);
          expect(out.problems).toEqual([]);
          expect(out.rows.map((x) => [x.line, x.employeeId, x.name, x.department ?? "", x.bases.dues])).toEqual(
            rows.map((r, i) => [lines[i], String(r.id), r.name.trim(), r.dept.trim(), r.basic + r.post]),
          );
        },
      ),
      { numRuns: 150 * RUNS },
    );
  });

  it("duplicate ids are found in any order (sorted runs, shuffled, numeric and text ids) and name the first line", async () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 60 }).map(String), fc.constantFrom("00123", "0", "E7", "e7", "A-1", "９"), fc.integer({ min: 1, max: 10 ** 15 - 1 }).map(String));
    await fc.assert(
      fc.asyncProperty(fc.array(id, { minLength: 1, maxLength: 80 }), async (ids) => {
        const text = "工号,姓名,基本工资,岗位工资,应发工资\n" + ids.map((x) => `${x},n,1,1,2`).join("\n") + "\n";
        const out = await readAll(Buffer.from(text), "auto");
        const first = new Map<string, number>();
        const expected: [number, string][] = [];
        ids.forEach((raw, i) => {
          const key = raw.normalize("NFKC");
          const seen = first.get(key);
          if (seen === undefined) first.set(key, i + 2);
          else expected.push([i + 2, `first at line ${seen}`]);
        });
        expect(out.problems.map((p) => [p.line, p.message.en.replace(/^.*; /, "")])).toEqual(expected);
        expect(out.rows.map((r) => r.employeeId)).toEqual([...first.keys()]);
      }),
      { numRuns: 300 * RUNS },
    );
  });

  it("a problem's column is where its cell starts in the line, counted in characters", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "张", "😀", ",", '"', " "), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), fc.nat(), (cells, pick) => {
        const k = pick % cells.length;
        const fields = cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
        const line = fields.join(",");
        const expectedColumn = Array.from(fields.slice(0, k).map((f) => f + ",").join("")).length + 1;
        expect(locateField([line], k, ",")).toEqual({ lineOffset: 0, column: expectedColumn });
      }),
      { numRuns: 500 * RUNS },
    );
  });

  it("the generic table reader gives every record of random CSV once, in order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }), async (records) => {
        const text = records.map((cs) => cs.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n") + "\r\n";
        const t = await openTable(tempFile(text), { delimiter: "," });
        const got: string[][] = [];
        for await (const r of t.rows()) got.push(r.cells);
        const { problems } = await t.finish();
        expect(problems).toEqual([]);
        expect(got).toEqual(records);
      }),
      { numRuns: 150 * RUNS },
    );
  });
});
