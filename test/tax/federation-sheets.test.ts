// The federation's audit sheets as models: one row per affiliate and month with a live
// outstanding formula and its cached value; refunds per affiliate with opening + owed − paid.
import { describe, expect, it } from "vitest";
import { affiliatesSheet, refundsSheet } from "../../src/report/federation-sheets.js";
import { rowCells } from "../../src/report/model.js";

describe("federation audit sheets", () => {
  it("affiliates: expected − received as a formula carrying its value, late days and fee, labels in both languages", () => {
    const s = affiliatesSheet([
      { affiliate: "jia", name: "甲公司工会", period: "2026-10", collection: "tax-full", dueDate: "2026-11-15", expected: 79012, received: 79012, lateDays: 0, lateFee: 0, status: "paid", source: "advice" },
      { affiliate: "yi", name: "乙公司工会", period: "2026-10", collection: "union-collects", dueDate: "2026-11-15", expected: 50000, received: 20000, lateDays: 16, lateFee: 2400, status: "partial", source: "estimate" },
    ], { lang: "zh-CN", asOf: "2026-12-01", lateFee: true });
    expect(s.name).toEqual({ en: "Affiliates", zh: "基层工会对账" });
    // The rows stream (an iterable since the sheet is written in one pass): read them once.
    const rows = [...(s.rows as Iterable<unknown[]>)].map((r) => rowCells(r as never));
    expect(rows[1]![7]).toEqual({ kind: "formula", formula: "F3-G3", cached: { kind: "money", minor: 30000 } });
    expect(rows[1]![10]).toBe("部分");
    // Where expected comes from, in a column of its own after the status: an estimate is marked as one.
    expect(rows[1]![11]).toEqual({ kind: "label", value: { en: "estimate", zh: "估算" } });
    expect(rows[0]![11]).toEqual({ kind: "label", value: { en: "advice", zh: "回执" } });
    expect(rows[0]![3]).toEqual({ kind: "label", value: { en: "tax office, full 2%", zh: "税务全额代收" } });
    expect(s.totals!.columns).toEqual([5, 6, 7, 9]);
    expect(s.notes![0]!.en).toContain("1 affiliate-month late");
  });
  it("refunds: opening + owed − paid = outstanding, as a formula", () => {
    const s = refundsSheet([{ affiliate: "jia", name: "甲公司工会", opening: 1000, owed: 118519, paid: 100000, lastPaid: "2026-11-20", refs: "R-1" }], { from: "2026-10", to: "2026-12" });
    expect(s.name.zh).toBe("返还经费");
    expect(rowCells([...(s.rows as Iterable<never>)][0]!)[5]).toEqual({ kind: "formula", formula: "C2+D2-E2", cached: { kind: "money", minor: 19519 } });
  });
});
