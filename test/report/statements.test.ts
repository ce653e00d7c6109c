// 收入支出表 and 资产负债表 from a small month of books, worked out by hand:
// dues 33.90 kept; funds 200.00 of which 80.00 owed to the city; both received;
// 5.00 spent on 文体活动; 50.00 remitted to the city.
import { describe, expect, it } from "vitest";
import { balanceSheet, incomeStatement, type AccountAmount } from "../../src/domain/statements.js";
import { text } from "../../src/domain/text.js";

// Entries as a treasurer writes them (positive = debit), flattened to postings.
const postings: AccountAmount[] = [
  { account: "13501", amount: 3390 }, { account: "401", amount: -3390 },
  { account: "13501", amount: 20000 }, { account: "402", amount: -12000 }, { account: "211", body: "city", amount: -8000 },
  { account: "102", amount: 23390 }, { account: "13501", amount: -23390 },
  { account: "50102", amount: 500 }, { account: "102", amount: -500 },
  { account: "211", body: "city", amount: 5000 }, { account: "102", amount: -5000 },
];
const bodies = [{ id: "county", name: "某县总工会" }, { id: "city", name: "某市总工会" }];

const line = (s: ReturnType<typeof incomeStatement>, zh: string) => s.lines.find((l) => l.label.zh === zh)!;

describe("收入支出表 (工会02表)", () => {
  const s = incomeStatement("cn-2021-base", [{ key: "period", label: text("This period", "本期数"), balances: postings }], bodies);
  it("shows income by account, spending rolled up to 501 with its sub-accounts, and the surplus", () => {
    expect(line(s, "会费收入").amounts).toEqual([3390]);
    expect(line(s, "拨缴经费收入").amounts).toEqual([12000]);
    expect(line(s, "收入合计").amounts).toEqual([15390]);
    expect(line(s, "文体活动支出").amounts).toEqual([500]);
    expect(line(s, "职工活动支出").amounts).toEqual([500]);
    expect(line(s, "文体活动支出").level).toBe(1);
    expect(line(s, "支出合计").amounts).toEqual([500]);
    expect(line(s, "三、本期收支差额").amounts).toEqual([14890]);
    expect(s.check.ok).toBe(true);
    expect(s.form).toBe("工会02表");
  });
  it("never counts the upward share as income or spending", () => {
    const codes = s.lines.map((l) => l.code);
    expect(codes).not.toContain("211");
  });
  it("lists every statutory line even when it is zero", () => {
    expect(line(s, "送温暖").amounts).toEqual([0]);
    expect(line(s, "上级补助收入").amounts).toEqual([0]);
  });
  it("keeps several columns apart (this period, year to date)", () => {
    const earlier: AccountAmount[] = [{ account: "408", amount: -1000 }, { account: "102", amount: 1000 }];
    const two = incomeStatement("cn-2021-base", [
      { key: "period", label: text("This period", "本期数"), balances: postings },
      { key: "ytd", label: text("Year to date", "本年累计数"), balances: [...earlier, ...postings] },
    ]);
    expect(line(two, "收入合计").amounts).toEqual([15390, 16390]);
    expect(line(two, "三、本期收支差额").amounts).toEqual([14890, 15890]);
  });
});

describe("资产负债表 (工会01表)", () => {
  const b = balanceSheet("cn-2021-base", [{ key: "start", label: text("Start of year", "年初数"), balances: [] }, { key: "end", label: text("End of period", "期末数"), balances: postings }], bodies);
  it("balances: assets = liabilities + net assets, with the year's surplus not yet carried forward", () => {
    expect(line(b, "银行存款").amounts).toEqual([0, 17890]);
    expect(line(b, "其他应收款").amounts).toEqual([0, 0]);
    expect(line(b, "资产总计").amounts).toEqual([0, 17890]);
    expect(line(b, "应付上级经费").amounts).toEqual([0, 3000]);
    expect(line(b, "某市总工会").amounts).toEqual([0, 3000]);
    expect(line(b, "某市总工会").level).toBe(1);
    expect(b.lines.some((l) => l.label.zh === "某县总工会")).toBe(false);
    expect(line(b, "本年收支差额（尚未结转）").amounts).toEqual([0, 14890]);
    expect(line(b, "负债和净资产总计").amounts).toEqual([0, 17890]);
    expect(b.check.ok).toBe(true);
  });
  it("shows accumulated depreciation as a reduction of assets", () => {
    const fa: AccountAmount[] = [{ account: "162", amount: 100000 }, { account: "301", amount: -100000 }, { account: "163", amount: -20000 }, { account: "301", amount: 20000 }];
    const s = balanceSheet("cn-2021-base", [{ key: "end", label: text("End", "期末数"), balances: fa }]);
    expect(line(s, "累计折旧").amounts).toEqual([-20000]);
    expect(line(s, "资产总计").amounts).toEqual([80000]);
    expect(s.check.ok).toBe(true);
  });
  it("reports postings to accounts the chart does not know instead of dropping them", () => {
    const s = balanceSheet("cn-2021-base", [{ key: "end", label: text("End", "期末数"), balances: [{ account: "999", amount: 5 }, { account: "102", amount: -5 }] }]);
    expect(s.unknownAccounts).toEqual(["999"]);
    expect(s.check.ok).toBe(false);
  });
  it("works with the generic chart", () => {
    const s = balanceSheet("generic", [{ key: "end", label: text("End", "期末数"), balances: [{ account: "1020", amount: 700 }, { account: "4010", amount: -700 }] }]);
    expect(s.lines.find((l) => l.code === "1020")!.amounts).toEqual([700]);
    expect(s.check.ok).toBe(true);
  });
});

// The form numbers (工会01表 / 工会02表) belong to 工会会计制度: only the cn-2021 charts show
// them; a US or UK union on the generic chart gets its statements without them.
describe("form numbers by chart", () => {
  const col = (balances: AccountAmount[]) => [{ key: "end", label: text("End", "期末数"), balances }];
  it("gives 工会01表 / 工会02表 on both cn-2021 charts and none on generic", () => {
    for (const chart of ["cn-2021-base", "cn-2021-county"] as const) {
      expect(balanceSheet(chart, col([])).form).toBe("工会01表");
      expect(incomeStatement(chart, col([])).form).toBe("工会02表");
    }
    expect(balanceSheet("generic", col([])).form).toBeNull();
    expect(incomeStatement("generic", col([])).form).toBeNull();
  });
  it("leaves the form out of the workbook sheet's title block on generic, keeping its rows", async () => {
    const { statementSheet } = await import("../../src/report/statement-sheet.js");
    const o = { union: "Local 1", range: text("2026", "2026年"), unit: text("dollars", "美元") };
    const cn = statementSheet(balanceSheet("cn-2021-base", col([])), o);
    const us = statementSheet(balanceSheet("generic", col([])), o);
    expect(JSON.stringify(cn)).toMatch(/工会01表/);
    expect(JSON.stringify(us)).not.toMatch(/工会0[12]表/);
    expect(JSON.stringify(us)).toMatch(/Local 1/);
  });
});
