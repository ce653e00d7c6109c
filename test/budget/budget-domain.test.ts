// Budget against actual, the pure part: checking a file's rows against the chart,
// parent roll-ups, variance, execution rate and the next year's draft.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBudgetRows, compareWithAdopted, computeExecution, draftNextYear, executionRate, formatRate,
  type AccountLookup, type BudgetAccount, type BudgetFileRow,
} from "../../src/domain/budget.js";
import { formatMinor, parseAmount } from "../../src/domain/money.js";
import { text } from "../../src/domain/text.js";

// A slice of the cn-2021-base chart, enough to test roll-ups without the real chart.
const ACCOUNTS: BudgetAccount[] = [
  { code: "102", name: text("Bank deposits", "银行存款"), class: null, parent: null },
  { code: "401", name: text("Dues income", "会费收入"), class: "income", parent: null },
  { code: "402", name: text("Allocated funds income", "拨缴经费收入"), class: "income", parent: null },
  { code: "501", name: text("Member activities", "职工活动支出"), class: "spending", parent: null },
  { code: "50101", name: text("Member education", "职工教育"), class: "spending", parent: "501" },
  { code: "50102", name: text("Culture and sports", "文体活动"), class: "spending", parent: "501" },
  { code: "50103", name: text("Publicity", "宣传活动"), class: "spending", parent: "501" },
  { code: "505", name: text("Operating expenses", "业务支出"), class: "spending", parent: null },
  { code: "50502", name: text("Meetings", "会议"), class: "spending", parent: "505" },
];
const lookup: AccountLookup = (c) => ACCOUNTS.find((a) => a.code === c);
// Literal amounts straight to minor units, the way the files are read (never a float).
const m = (s: string): number => {
  const r = parseAmount(s, { digits: 2 });
  if (!r.ok) throw new Error(`bad test amount ${s}`);
  return r.minor;
};

function row(line: number, account: string, budget: string, adjustment = "0", extra: Partial<BudgetFileRow> = {}): BudgetFileRow {
  return { line, account, columns: { account: 1, name: 2, budget: 3, adjustment: 4 }, name: null, budget: m(budget), adjustment: m(adjustment), adjusted: null, note: "", ...extra };
}
const codes = (ps: readonly { code: string }[]) => ps.map((p) => p.code);

describe("execution rate", () => {
  it("is actual ÷ adjusted in percent, two places, as in SPEC §4.2", () => {
    expect(formatRate(executionRate(m("3250.50"), m("22500.00")))).toBe("14.45");
  });
  it("rounds half away from zero at the second place", () => {
    // 1 ÷ 8 = 12.5% exactly; 1 ÷ 80000 = 0.00125% → 0.00; 1 ÷ 40000 = 0.0025% → 0.00; 1 ÷ 400 = 0.25
    expect(formatRate(executionRate(1, 8))).toBe("12.50");
    expect(formatRate(executionRate(1, 16000))).toBe("0.01"); // 0.00625% → 0.01
    expect(formatRate(executionRate(1, 20000))).toBe("0.01"); // 0.005% exactly → half up → 0.01
    expect(formatRate(executionRate(1, 20001))).toBe("0.00");
    expect(formatRate(executionRate(-1, 20000))).toBe("-0.01");
  });
  it("is null (shown as —) when nothing is budgeted", () => {
    expect(executionRate(500, 0)).toBeNull();
    expect(formatRate(null)).toBeNull();
  });
  it("never drifts from the exact fraction by more than half a hundredth of a percent", () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (actual, adjusted) => {
      const r = executionRate(actual, adjusted)!;
      // |r/100 − actual×100/adjusted| ≤ 1/200  ⇔  |r×adjusted − actual×10000| × 2 ≤ adjusted
      const diff = r * BigInt(adjusted) - BigInt(actual) * 10000n;
      return (diff < 0n ? -diff : diff) * 2n <= BigInt(adjusted);
    }));
  });
});

describe("budget file rows checked against the chart", () => {
  it("keeps good rows as lines", () => {
    const r = checkBudgetRows([row(2, "50102", "20000.00", "2500.00", { note: "运动会" }), row(3, "401", "30000")], lookup, "b.csv");
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual([
      { account: "50102", budget: 2000000, adjustment: 250000, note: "运动会" },
      { account: "401", budget: 3000000, adjustment: 0, note: "" },
    ]);
  });
  it("BUDGET_ACCOUNT_UNKNOWN: an account the chart does not have, with line and column", () => {
    const r = checkBudgetRows([row(2, "59999", "1")], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_ACCOUNT_UNKNOWN", severity: "error", file: "b.csv", line: 2, column: 1 }]);
  });
  it("BUDGET_ACCOUNT_NOT_BUDGETABLE: a balance-sheet account (102) has no budget", () => {
    expect(codes(checkBudgetRows([row(2, "102", "1")], lookup, "b.csv").problems)).toEqual(["BUDGET_ACCOUNT_NOT_BUDGETABLE"]);
  });
  it("BUDGET_NAME_MISMATCH: a top-level account under another account's name is an error", () => {
    const r = checkBudgetRows([row(2, "401", "1", "0", { name: "拨缴经费收入" }), row(3, "402", "1", "0", { name: "Allocated funds income" })], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_NAME_MISMATCH", severity: "error", line: 2, column: 2 }]);
    expect(r.value!.map((l) => l.account)).toEqual(["402"]);
  });
  it("BUDGET_NAME_MISMATCH: a sub-account under another name is a warning, and the line is kept", () => {
    const r = checkBudgetRows([row(2, "50102", "1", "0", { name: "宣传活动" }), row(3, "50101", "1", "0", { name: " 职工 教育 " })], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_NAME_MISMATCH", severity: "warning", line: 2 }]);
    expect(r.value!.map((l) => l.account)).toEqual(["50102", "50101"]);
  });
  it("BUDGET_ACCOUNT_DUPLICATE: the same account twice", () => {
    const r = checkBudgetRows([row(2, "50102", "1"), row(5, "50102", "2")], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_ACCOUNT_DUPLICATE", line: 5 }]);
    expect(r.problems[0]!.message.en).toContain("line 2");
  });
  it("BUDGET_NEGATIVE: a negative budget, or an adjustment cutting below zero", () => {
    const r = checkBudgetRows([row(2, "50101", "-1"), row(3, "50102", "100", "-100.01"), row(4, "50103", "100", "-100")], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_NEGATIVE", line: 2, column: 3 }, { code: "BUDGET_NEGATIVE", line: 3, column: 4 }]);
  });
  it("BUDGET_ADJUSTED_MISMATCH: an 调整后 column that is not budget + adjustment", () => {
    const r = checkBudgetRows([row(2, "50101", "100", "10", { adjusted: m("110") }), row(3, "50102", "100", "10", { adjusted: m("111") })], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_ADJUSTED_MISMATCH", line: 3 }]);
  });
  it("a parent row equal to its sub-accounts' sum is a subtotal and is dropped", () => {
    const r = checkBudgetRows([row(2, "501", "300", "30"), row(3, "50101", "100", "10"), row(4, "50102", "200", "20")], lookup, "b.csv");
    expect(r.problems).toEqual([]);
    expect(r.value!.map((l) => l.account)).toEqual(["50101", "50102"]);
  });
  it("BUDGET_PARENT_MISMATCH: a parent row that is not its sub-accounts' sum", () => {
    const r = checkBudgetRows([row(2, "501", "300"), row(3, "50101", "100"), row(4, "50102", "199.99")], lookup, "b.csv");
    expect(r.problems).toMatchObject([{ code: "BUDGET_PARENT_MISMATCH", line: 2 }]);
    expect(r.problems[0]!.message.en).toContain("299.99");
  });
  it("reports every problem of the file in one pass", () => {
    const r = checkBudgetRows([row(2, "59999", "1"), row(3, "102", "1"), row(4, "50101", "-5")], lookup, "b.csv");
    expect(codes(r.problems)).toEqual(["BUDGET_ACCOUNT_UNKNOWN", "BUDGET_ACCOUNT_NOT_BUDGETABLE", "BUDGET_NEGATIVE"]);
  });
  it("BUDGET_ORIGINAL_CHANGED: an adjusted version that rewrites the year-start budget is a warning", () => {
    const ps = compareWithAdopted(
      [{ account: "50101", budget: 100, adjustment: 50, note: "" }, { account: "50102", budget: 200, adjustment: 0, note: "" }],
      [{ account: "50101", budget: 100, adjustment: 0, note: "" }, { account: "50102", budget: 150, adjustment: 0, note: "" }],
      "adj.csv", () => 7);
    expect(ps).toMatchObject([{ code: "BUDGET_ORIGINAL_CHANGED", severity: "warning", line: 7 }]);
  });
});

describe("budget against actual", () => {
  const lines = [
    { account: "401", budget: m("30000"), adjustment: 0, note: "" },
    { account: "50101", budget: m("10000"), adjustment: 0, note: "" },
    { account: "50102", budget: m("20000"), adjustment: m("2500"), note: "" },
  ];
  const actuals = new Map([["401", m("24000.40")], ["50101", m("10000.01")], ["50102", m("3250.50")], ["50502", m("800")], ["102", m("99999")]]);
  const exec = computeExecution(lines, actuals, lookup, 2026, "2026-10-31");
  const show = exec.rows.map((r) => [r.account, r.depth, formatMinor(r.adjusted, 2), formatMinor(r.actual, 2), formatMinor(r.variance, 2), formatRate(r.rate), r.overBudget]);

  it("lists budgeted accounts, accounts with actuals and their parents; income first, parents before children", () => {
    expect(show).toEqual([
      ["401", 0, "30000.00", "24000.40", "5999.60", "80.00", false],
      ["501", 0, "32500.00", "13250.51", "19249.49", "40.77", false],
      ["50101", 1, "10000.00", "10000.01", "-0.01", "100.00", true],
      ["50102", 1, "22500.00", "3250.50", "19249.50", "14.45", false],
      ["505", 0, "0.00", "800.00", "-800.00", null, true],
      ["50502", 1, "0.00", "800.00", "-800.00", null, true],
    ]);
  });
  it("subtotals income and spending from the top-level rows only", () => {
    expect(formatMinor(exec.totals.income.adjusted, 2)).toBe("30000.00");
    expect(formatMinor(exec.totals.spending.adjusted, 2)).toBe("32500.00");
    expect(formatMinor(exec.totals.spending.actual, 2)).toBe("14050.51");
    expect(formatRate(exec.totals.spending.rate)).toBe("43.23"); // 14050.51 ÷ 32500 = 43.2323%
  });
  it("a parent's figures are the sum of its sub-accounts' for any budget and actuals", () => {
    const leaves = ["50101", "50102", "50103"];
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: -1e8, max: 1e8 }), fc.integer({ min: -1e9, max: 1e9 })), { minLength: 3, maxLength: 3 }), (xs) => {
      const ls = xs.map(([b, a], i) => ({ account: leaves[i]!, budget: b, adjustment: a, note: "" }));
      const e = computeExecution(ls, new Map(xs.map(([, , act], i) => [leaves[i]!, act])), lookup, 2026, "2026-12-31");
      const parent = e.rows.find((r) => r.account === "501")!;
      const kids = e.rows.filter((r) => r.parent === "501");
      return parent.adjusted === kids.reduce((t, k) => t + k.adjusted, 0) && parent.actual === kids.reduce((t, k) => t + k.actual, 0)
        && parent.variance === parent.adjusted - parent.actual;
    }));
  });
  it("the draft for next year covers an overrun and keeps income at its plan; parents add up", () => {
    const d = draftNextYear(exec);
    expect(d.map((l) => [l.account, formatMinor(l.proposed, 2)])).toEqual([
      ["401", "30000.00"], ["501", "32500.01"], ["50101", "10000.01"], ["50102", "22500.00"], ["505", "800.00"], ["50502", "800.00"],
    ]);
  });
  it("the draft keeps a budget held at a parent as the parent's own part", () => {
    const e = computeExecution([{ account: "501", budget: m("1000"), adjustment: 0, note: "" }], new Map([["50102", m("400")]]), lookup, 2026, "2026-12-31");
    expect(draftNextYear(e).map((l) => [l.account, formatMinor(l.proposedOwn, 2), formatMinor(l.proposed, 2)])).toEqual([["501", "1000.00", "1000.00"], ["50102", "0.00", "0.00"]]);
    // Overrun inside the parent's budget: the parent's proposal covers it.
    const over = computeExecution([{ account: "501", budget: m("1000"), adjustment: 0, note: "" }], new Map([["50102", m("1500")]]), lookup, 2026, "2026-12-31");
    expect(draftNextYear(over).map((l) => formatMinor(l.proposed, 2))).toEqual(["1500.00", "0.00"]);
  });
});

describe("names and budgets held at a parent", () => {
  it("accepts the chart's name, its English name, or an abbreviation the chart name starts with", () => {
    const r = checkBudgetRows([
      row(2, "50102", "1", "0", { name: "文体活动" }),
      row(3, "50101", "1", "0", { name: "Member education" }),
      row(4, "50103", "1", "0", { name: "宣" }),
      row(5, "401", "1", "0", { name: "会" }),
    ], lookup, "b.csv");
    // One character is too little to tell accounts apart.
    expect(r.problems).toMatchObject([{ code: "BUDGET_NAME_MISMATCH", line: 4, severity: "warning" }, { code: "BUDGET_NAME_MISMATCH", line: 5, severity: "error" }]);
  });
  it("spending in a sub-account of a parent budgeted as a whole is inside that budget", () => {
    const e = computeExecution([{ account: "501", budget: m("1000"), adjustment: 0, note: "" }], new Map([["50102", m("400")], ["50101", m("700")]]), lookup, 2026, "2026-12-31");
    expect(e.rows.map((r) => [r.account, formatMinor(r.adjusted, 2), formatMinor(r.actual, 2), r.overBudget])).toEqual([
      ["501", "1000.00", "1100.00", true],
      ["50101", "0.00", "700.00", false],
      ["50102", "0.00", "400.00", false],
    ]);
  });
});
