// The budget workbook model: parents as live sums of their sub-accounts (with their own
// part when budgeted as a whole), cached values equal to the execution, labels by locale.
import { describe, expect, it } from "vitest";
import { budgetLookup } from "../../src/app/budget-accounts.js";
import { computeExecution, draftNextYear } from "../../src/domain/budget.js";
import { rowCells, type Sheet } from "../../src/report/model.js";
import { budgetWorkbook, type BudgetWorkbookInput } from "../../src/report/budget-workbook.js";

const lookup = budgetLookup("cn-2021-base");
// 501 budgeted as a whole (1,000.00); 50102 spent 400.00 in March and 50.00 in May.
const exec = computeExecution([{ account: "501", budget: 100000, adjustment: 0, note: "" }], new Map([["50102", 45000]]), lookup, 2026, "2026-12-31");
const input = (lang: "en" | "zh-CN"): BudgetWorkbookInput => ({
  union: "测试工会", currency: "CNY", digits: 2, lang, createdAt: "2026-11-18T00:00:00.000Z", execution: exec, version: null,
  notes: new Map(), history: [], monthly: new Map([["50102@2026-03", 40000], ["50102@2026-05", 5000]]), draft: draftNextYear(exec),
  months: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
});
const sheets = (lang: "en" | "zh-CN") => budgetWorkbook(input(lang)).sheets as readonly Sheet[];
const rows = (s: Sheet) => (s.rows as readonly never[]).map((r) => rowCells(r));

describe("budget workbook model", () => {
  it("a parent budgeted as a whole keeps its own amount in the live sum", () => {
    const [, execution] = sheets("zh-CN");
    const r = rows(execution!);
    // Preamble of two rows and the header: data starts on row 4, so 501 is row 4 and 50102 row 5.
    expect(r[0]![0]).toBe("501");
    expect(r[0]![2]).toMatchObject({ kind: "formula", formula: "1000.00+C5", cached: { kind: "money", minor: 100000 } });
    expect(r[0]![5]).toMatchObject({ kind: "formula", formula: "F5", cached: { kind: "money", minor: 45000 } });
    // 50102 is inside the parent's budget: no marker of its own.
    expect(r[1]![9]).toBe("");
  });
  it("months: the parent sums its sub-accounts per month, and the year is a SUM", () => {
    const [, , monthly] = sheets("zh-CN");
    const r = rows(monthly!);
    // One preamble row and the header: 501 is row 3, 50102 row 4; March is column E.
    expect(r[0]![4]).toMatchObject({ formula: "E4", cached: { minor: 40000 } });
    expect(r[1]![14]).toMatchObject({ formula: "SUM(C4:N4)", cached: { minor: 45000 } });
  });
  it("the draft proposes the parent's budget, since the spending under it stayed within", () => {
    const [, , , draft] = sheets("zh-CN");
    const r = rows(draft!);
    expect(r[0]![4]).toMatchObject({ formula: "1000.00+E5", cached: { minor: 100000 } });
    expect(r[1]![4]).toMatchObject({ kind: "money", minor: 0 });
  });
  it("labels follow the locale", () => {
    expect(sheets("en").map((s) => s.name.en)).toEqual(["Cover", "Budget execution", "Actuals by month", "Draft 2027"]);
    expect(sheets("zh-CN").map((s) => s.name.zh)).toEqual(["封面", "预算执行", "分月实际", "2027预算草案"]);
  });
});
