// Bank statements as banks export them: GB18030 CSV with a title row and a total row,
// one signed amount with a 借/贷 flag, English headers; and each way a statement can be
// wrong, reported with its line and code.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { readBankStatement } from "../../src/import/bank-reader.js";
import { readDate } from "../../src/import/dates.js";
import type { SourceConfig } from "../../src/domain/config.js";
import { tempDir } from "../helpers/cli.js";

const t = tempDir("dues-bank-reader-");
afterAll(() => t.cleanup());
let n = 0;
const file = (content: string | Buffer) => {
  const p = join(t.dir, `s${++n}.csv`);
  writeFileSync(p, content);
  return p;
};
const read = (content: string | Buffer, source?: SourceConfig) => readBankStatement(file(content), source, { digits: 2, fileLabel: "statement.csv" });
const codes = (r: Awaited<ReturnType<typeof read>>) => r.problems.map((p) => [p.code, p.line]);

describe("reading bank statements", () => {
  it("reads a GB18030 statement with a title row, credit and debit columns, and skips the total row", async () => {
    const text = "中国某银行账户明细\r\n交易日期,摘要,对方户名,借方发生额,贷方发生额,余额\r\n2026/2/10,拨缴经费,示例公司,,\"13,152.49\",1\r\n20260214,上解,某县总工会,1129.40,,1\r\n合计,,,1129.40,13152.49,\r\n";
    const r = await read(iconv.encode(text, "gb18030"));
    expect(r.problems).toEqual([]);
    expect(r.info.encoding).toBe("gb18030");
    expect(r.lines).toEqual([
      { line: 3, date: "2026-02-10", amount: 1315249, ref: "", memo: "拨缴经费", counterparty: "示例公司" },
      { line: 4, date: "2026-02-14", amount: -112940, ref: "", memo: "上解", counterparty: "某县总工会" },
    ]);
  });

  it("reads one amount column with a 借/贷 flag, and English headers", async () => {
    const zh = await read("日期,交易金额,借贷标志,流水号\n2026-03-01 10:22:05,500.00,贷,A1\n2026年3月2日,200.00,借,A2\n");
    expect(zh.lines.map((l) => [l.date, l.amount, l.ref])).toEqual([["2026-03-01", 50000, "A1"], ["2026-03-02", -20000, "A2"]]);
    const en = await read("Date,Description,Amount,Reference\n2026-03-01,dues,-75.10,X\n");
    expect(en.lines.map((l) => [l.amount, l.memo, l.ref])).toEqual([[-7510, "dues", "X"]]);
  });

  it("uses column names from dues.yaml before the built-in ones", async () => {
    const source: SourceConfig = { name: "bank", encoding: "auto", delimiter: "auto", decimalMark: ".", columns: { date: ["Buchungstag"], credit: ["Haben"], debit: ["Soll"] }, bases: {} };
    const r = await read("Buchungstag;Soll;Haben\n2026-01-05;;12.00\n", source);
    expect(r.lines.map((l) => l.amount)).toEqual([1200]);
  });

  it("reports every bad line with its code and line, and keeps none of them", async () => {
    const r = await read("交易日期,借方发生额,贷方发生额\n2026-02-30,1.00,\n2026-02-10,abc,\n2026-02-11,1.00,2.00\n2026-02-12,1.005,\n");
    expect(codes(r)).toEqual([["BANK_DATE_UNREADABLE", 2], ["BANK_AMOUNT_UNREADABLE", 3], ["BANK_BOTH_SIDES", 4], ["BANK_AMOUNT_UNREADABLE", 5]]);
    expect(r.problems[0]!.column).toBe(1);
  });

  it("refuses a direction it cannot read", async () => {
    const r = await read("日期,金额,借贷标志\n2026-02-10,5.00,转\n");
    expect(codes(r)).toEqual([["BANK_DIRECTION_UNREADABLE", 2]]);
  });

  it("says which columns it needs when the header has none of them", async () => {
    const r = await read("姓名,工号\n张三,1\n");
    expect(r.problems.map((p) => p.code)).toEqual(["BANK_MISSING_COLUMN"]);
    expect(r.lines).toEqual([]);
  });

  it("will not guess between two columns of the same name", async () => {
    const r = await read("交易日期,贷方发生额,贷方发生额\n2026-02-10,1.00,2.00\n");
    expect(r.problems.map((p) => p.code)).toEqual(["BANK_AMBIGUOUS_COLUMN"]);
  });

  it("says so when a statement has a header and no lines", async () => {
    const r = await read("交易日期,借方发生额,贷方发生额\n");
    expect(r.problems.map((p) => p.code)).toEqual(["BANK_NO_LINES"]);
  });

  it("marks a missing file so the command exits 66", async () => {
    const r = await readBankStatement(join(t.dir, "nope.csv"), undefined, { digits: 2 });
    expect(r.info.missing).toBe(true);
    expect(r.problems[0]!.code).toBe("BANK_FILE_UNREADABLE");
  });

  it("reads 06/03/2026 month first for a US local and day first for a UK branch, unless a date settles it", async () => {
    const us = await readBankStatement(file("Posting Date,Deposits\n06/03/2026,$50.00\n"), undefined, { digits: 2, currency: "USD" });
    expect(us.lines.map((l) => l.date)).toEqual(["2026-06-03"]);
    const uk = await readBankStatement(file("Date,Money In\n06/03/2026,50.00\n"), undefined, { digits: 2, currency: "GBP" });
    expect(uk.lines.map((l) => l.date)).toEqual(["2026-03-06"]);
    // 25/03/2026 can only be day first: the whole statement is read that way, whatever the currency.
    const settled = await readBankStatement(file("Date,Amount\n06/03/2026,1.00\n25/03/2026,2.00\n"), undefined, { digits: 2, currency: "USD" });
    expect(settled.lines.map((l) => l.date)).toEqual(["2026-03-06", "2026-03-25"]);
  });

  it("refuses day/month dates it cannot order, rather than guess", async () => {
    const r = await readBankStatement(file("交易日期,贷方发生额\n06/03/2026,1.00\n07/03/2026,1.00\n"), undefined, { digits: 2, currency: "CNY" });
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([["BANK_DATE_AMBIGUOUS", 2]]);
  });

  it("reads the ways banks write dates, and refuses impossible ones", () => {
    expect(["2026-02-10", "2026/2/10", "2026.02.10", "20260210", "2026年2月10日", "2026-02-10 23:59:59", "２０２６-０２-１０"].map((x) => readDate(x))).toEqual(Array(7).fill("2026-02-10"));
    expect(["2026-02-29", "10/02/2026", "", "2026-13-01"].map((x) => readDate(x))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
