// Budget and expense files mapped from rows of text: header found by its names below a
// title, amounts read as payroll files write them, every unreadable cell reported.
import { describe, expect, it } from "vitest";
import { mapBudgetTable } from "../../src/import/budget-reader.js";
import { mapExpensesTable, parseDate } from "../../src/import/expenses-reader.js";
import type { TextTable } from "../../src/import/table-rows.js";

const table = (file: string, lines: string[][]): TextTable => ({ file, rows: lines.map((cells, i) => ({ line: i + 1, cells })) });
const codes = (ps: readonly { code: string }[]) => ps.map((p) => p.code);
const opts = { digits: 2 };

describe("budget file", () => {
  it("finds the header below a title and reads Chinese headers, grouping marks and full-width digits", () => {
    const r = mapBudgetTable(table("b.csv", [
      ["示例公司工会2026年预算表"],
      ["科目编码", "科目名称", "年初预算（元）", "调整数", "说明"],
      ["401", "会费收入", "30,000.00", "", ""],
      ["５０１０２", "文体活动", "¥20000", "2,500.00", "运动会"],
      ["", "支出合计", "20000", "", ""],
    ]), opts);
    expect(r.problems).toEqual([]);
    expect(r.value!.map((x) => [x.line, x.account, x.name, x.budget, x.adjustment, x.note])).toEqual([
      [3, "401", "会费收入", 3000000, 0, ""],
      [4, "50102", "文体活动", 2000000, 250000, "运动会"],
    ]);
  });
  it("reads English headers; a blank budget is zero (a line added mid-year)", () => {
    const r = mapBudgetTable(table("b.csv", [["account", "budget", "adjustment"], ["50103", "", "800"]]), opts);
    expect(r.value).toMatchObject([{ account: "50103", budget: 0, adjustment: 80000, name: null }]);
  });
  it("BUDGET_COLUMN_MISSING: no budget column", () => {
    const r = mapBudgetTable(table("b.csv", [["科目编码", "金额"], ["401", "1"]]), opts);
    expect(r.problems).toMatchObject([{ code: "BUDGET_COLUMN_MISSING", line: 1 }]);
  });
  it("BUDGET_AMBIGUOUS_COLUMN: two columns under one name; we do not guess which holds the money", () => {
    const r = mapBudgetTable(table("b.csv", [["科目编码", "年初预算", "年初预算"], ["401", "1", "2"]]), opts);
    expect(r.problems).toMatchObject([{ code: "BUDGET_AMBIGUOUS_COLUMN", line: 1, column: 3 }]);
  });
  it("BUDGET_AMOUNT_UNREADABLE: every bad amount at once, with its column", () => {
    const r = mapBudgetTable(table("b.csv", [["科目编码", "年初预算", "调整"], ["401", "三万", "1.005"], ["402", "1", "x"]]), opts);
    expect(r.problems).toMatchObject([
      { code: "BUDGET_AMOUNT_UNREADABLE", line: 2, column: 2 },
      { code: "BUDGET_AMOUNT_UNREADABLE", line: 2, column: 3 },
      { code: "BUDGET_AMOUNT_UNREADABLE", line: 3, column: 3 },
    ]);
  });
  it("BUDGET_ACCOUNT_MISSING: amounts without an account; a heading row with only a name is skipped", () => {
    const r = mapBudgetTable(table("b.csv", [["科目编码", "科目名称", "年初预算"], ["", "一、收入", ""], ["", "", "500"], ["401", "", "1"]]), opts);
    expect(codes(r.problems)).toEqual(["BUDGET_ACCOUNT_MISSING"]);
    expect(r.problems[0]!.line).toBe(3);
  });
  it("BUDGET_NO_LINES: a header and nothing under it", () => {
    expect(codes(mapBudgetTable(table("b.csv", [["科目编码", "年初预算"]]), opts).problems)).toEqual(["BUDGET_NO_LINES"]);
  });
  it("BUDGET_EMPTY_FILE: no rows at all", () => {
    expect(codes(mapBudgetTable(table("b.csv", [[""], []]), opts).problems)).toEqual(["BUDGET_EMPTY_FILE"]);
  });
});

describe("expenses file", () => {
  const header = ["日期", "科目编码", "金额", "摘要", "凭证号"];
  it("reads dates in the forms spreadsheets write, and refuses ambiguous ones", () => {
    expect(["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305", "2026-03-05 00:00:00"].map(parseDate)).toEqual(Array(6).fill("2026-03-05"));
    expect(["05/03/2026", "2026-02-30", "", "March 5"].map(parseDate)).toEqual([null, null, null, null]);
  });
  it("maps rows with an optional paid_from column", () => {
    const r = mapExpensesTable(table("e.csv", [[...header, "付款科目"], ["2026/3/5", "50102", "3,250.50", "篮球赛", "记-12", ""], ["2026-03-06", "50502", "100", "会议茶水", "", "101"]]), opts);
    expect(r.problems).toEqual([]);
    expect(r.value!.map((x) => [x.line, x.date, x.account, x.amount, x.memo, x.ref, x.paidFrom])).toEqual([
      [2, "2026-03-05", "50102", 325050, "篮球赛", "记-12", null],
      [3, "2026-03-06", "50502", 10000, "会议茶水", "", "101"],
    ]);
  });
  it("EXPENSES_DATE_UNREADABLE, EXPENSES_AMOUNT_UNREADABLE, EXPENSES_ACCOUNT_MISSING: all in one pass", () => {
    const r = mapExpensesTable(table("e.csv", [header, ["3/5/2026", "50102", "1", "a", ""], ["2026-03-05", "50102", "1.234", "b", ""], ["2026-03-05", "", "1", "c", ""]]), opts);
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["EXPENSES_DATE_UNREADABLE", 2, 1], ["EXPENSES_AMOUNT_UNREADABLE", 3, 3], ["EXPENSES_ACCOUNT_MISSING", 4, 2],
    ]);
  });
  it("EXPENSES_COLUMN_MISSING, EXPENSES_NO_ROWS, EXPENSES_AMBIGUOUS_COLUMN, EXPENSES_EMPTY_FILE", () => {
    const missing = mapExpensesTable(table("e.csv", [["日期", "科目编码", "金额"], ["2026-03-05", "50102", "1"]]), opts).problems;
    expect(codes(missing)).toEqual(["EXPENSES_COLUMN_MISSING"]);
    expect(missing[0]!.message.en).toContain("memo");
    expect(codes(mapExpensesTable(table("e.csv", [header]), opts).problems)).toEqual(["EXPENSES_NO_ROWS"]);
    expect(codes(mapExpensesTable(table("e.csv", [[...header, "金额"]]), opts).problems)).toEqual(["EXPENSES_AMBIGUOUS_COLUMN"]);
    expect(codes(mapExpensesTable(table("e.csv", []), opts).problems)).toEqual(["EXPENSES_EMPTY_FILE"]);
  });
});
