// The union's chart seen by the budget and expense rules: domain/budget.ts and
// domain/expenses.ts take lookups, not the chart table, so they stay small and testable.
import type { AccountLookup } from "../domain/budget.js";
import { chartOf, findAccount, isPostable, type ChartId } from "../domain/chart.js";
import type { ExpenseAccount } from "../domain/expenses.js";

export function budgetLookup(chart: ChartId): AccountLookup {
  const byCode = new Map(chartOf(chart).accounts.map((a) => [a.code, a]));
  return (code) => {
    const a = byCode.get(code);
    if (!a) return undefined;
    return { code, name: a.name, class: a.kind === "income" ? "income" : a.kind === "expense" ? "spending" : null, parent: a.parent ?? null };
  };
}

export function expenseLookup(chart: ChartId): (code: string) => ExpenseAccount | undefined {
  return (code) => {
    const a = findAccount(chart, code);
    return a && { code, kind: a.kind, postable: isPostable(chart, code), takesBody: Boolean(a.takesBody) };
  };
}
