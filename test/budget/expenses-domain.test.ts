// Expense rows checked against the chart and turned into balanced entries.
import { describe, expect, it } from "vitest";
import { chartOf, isPostable } from "../../src/domain/chart.js";
import { buildExpenseEntries, type ExpenseAccount, type ExpenseRow } from "../../src/domain/expenses.js";

const lookup = (code: string): ExpenseAccount | undefined => {
  const a = chartOf("cn-2021-base").accounts.find((x) => x.code === code);
  return a && { code, kind: a.kind, postable: isPostable("cn-2021-base", code), takesBody: Boolean(a.takesBody) };
};
const row = (line: number, account: string, amount: number, extra: Partial<ExpenseRow> = {}): ExpenseRow =>
  ({ line, columns: { account: 2, amount: 3, paidFrom: 6, memo: 4 }, date: "2026-03-05", account, amount, memo: "篮球赛", ref: "", paidFrom: null, ...extra });
const codes = (ps: readonly { code: string }[]) => ps.map((p) => p.code);

describe("expense entries", () => {
  it("books Dr spending = Cr bank by default, Cr the paid_from account when given, in the month of the date", () => {
    const r = buildExpenseEntries([row(2, "50102", 325050), row(3, "50502", 10000, { paidFrom: "101", date: "2026-04-01" })], lookup, "102", "e.csv");
    expect(r.problems).toEqual([]);
    expect(r.value!.map((e) => [e.period, e.postings])).toEqual([
      ["2026-03", [{ account: "50102", amount: 325050 }, { account: "102", amount: -325050 }]],
      ["2026-04", [{ account: "50502", amount: 10000 }, { account: "101", amount: -10000 }]],
    ]);
  });
  it("EXPENSES_ACCOUNT_UNKNOWN, EXPENSES_NOT_SPENDING, EXPENSES_NOT_LEAF", () => {
    const r = buildExpenseEntries([row(2, "59999", 1), row(3, "401", 1), row(4, "501", 1)], lookup, "102", "e.csv");
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["EXPENSES_ACCOUNT_UNKNOWN", 2, 2], ["EXPENSES_NOT_SPENDING", 3, 2], ["EXPENSES_NOT_LEAF", 4, 2],
    ]);
    expect(r.value).toEqual([]);
  });
  it("EXPENSES_PAID_FROM_INVALID: paying from an income account, a payable with bodies, or a parent", () => {
    const r = buildExpenseEntries([row(2, "50102", 1, { paidFrom: "401" }), row(3, "50102", 1, { paidFrom: "211" }), row(4, "50102", 1, { paidFrom: "135" })], lookup, "102", "e.csv");
    expect(codes(r.problems)).toEqual(["EXPENSES_PAID_FROM_INVALID", "EXPENSES_PAID_FROM_INVALID", "EXPENSES_PAID_FROM_INVALID"]);
  });
  it("EXPENSES_AMOUNT_NOT_POSITIVE and EXPENSES_MEMO_MISSING", () => {
    const r = buildExpenseEntries([row(2, "50102", 0), row(3, "50102", -500), row(4, "50102", 1, { memo: "  " })], lookup, "102", "e.csv");
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([["EXPENSES_AMOUNT_NOT_POSITIVE", 2], ["EXPENSES_AMOUNT_NOT_POSITIVE", 3], ["EXPENSES_MEMO_MISSING", 4]]);
  });
  it("EXPENSES_ROW_REPEATED: a row repeated exactly is a warning; two lines of one voucher are not", () => {
    const r = buildExpenseEntries([
      row(2, "50102", 100, { ref: "记-5" }), row(3, "50103", 100, { ref: "记-5" }), row(4, "50102", 100, { ref: "记-5" }),
    ], lookup, "102", "e.csv");
    expect(r.problems).toMatchObject([{ code: "EXPENSES_ROW_REPEATED", severity: "warning", line: 4 }]);
    expect(r.value).toHaveLength(3);
  });
});
