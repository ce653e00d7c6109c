// The member-line scan behind the audit workbook's exceptions and lapse-risk list, one
// case per exception code it raises.
import { describe, expect, it } from "vitest";
import { scanMemberLines, type ScanLine } from "../../src/app/audit-scan.js";

const base: Omit<ScanLine, "period" | "memberId" | "dues"> = {
  batchId: 1, sourceLine: 2, name: "张三", department: "一车间", status: "active", isMember: true, exempt: false,
  exemptReason: null, duesBase: 678000, deducted: null, difference: 0, fundsBase: 800000,
};
const line = (period: string, memberId: string, dues: number, extra: Partial<ScanLine> = {}): ScanLine => ({ ...base, period, memberId, dues, ...extra });
const scan = (lines: ScanLine[], from = "2026-01", to = "2026-12") => scanMemberLines(lines, { from, to, digits: 2, fileOf: (b) => `payroll-${b}.csv` });
const codes = (r: ReturnType<typeof scan>) => r.exceptions.map((e) => e.code);

describe("audit scan", () => {
  it("AUDIT_DUES_CHANGED: more than 20% from the previous month, not exactly 20%", () => {
    const r = scan([line("2026-01", "A", 10000), line("2026-01", "B", 10000), line("2026-02", "A", 12001), line("2026-02", "B", 12000)]);
    expect(r.exceptions.filter((e) => e.code === "AUDIT_DUES_CHANGED").map((e) => [e.member, e.amount])).toEqual([["A", 2001]]);
  });

  it("AUDIT_DUPLICATE_MEMBER: the same member twice in a month, pointing at both lines", () => {
    const r = scan([line("2026-01", "A", 100, { batchId: 1, sourceLine: 5 }), line("2026-01", "A", 100, { batchId: 2, sourceLine: 9 })]);
    const d = r.exceptions.find((e) => e.code === "AUDIT_DUPLICATE_MEMBER")!;
    expect([d.batch, d.file, d.line]).toEqual([2, "payroll-2.csv", 9]);
    expect(d.what.en).toContain("batch 1, line 5");
  });

  it("AUDIT_DUPLICATE_MEMBER also for a non-member employee, whose wages would count twice in the funds base", () => {
    const r = scan([line("2026-01", "N", 0, { isMember: false }), line("2026-01", "N", 0, { isMember: false, batchId: 2 }), line("2026-02", "N", 0, { isMember: false })]);
    const d = r.exceptions.filter((e) => e.code === "AUDIT_DUPLICATE_MEMBER");
    expect(d.map((e) => [e.period, e.batch, e.amount])).toEqual([["2026-01", 2, 800000]]);
    expect(d[0]!.what.en).toContain("funds");
  });

  it("AUDIT_WAGE_NOT_POSITIVE: zero or negative wages of a paying member, not of an exempt one", () => {
    const r = scan([line("2026-01", "A", 0, { duesBase: 0 }), line("2026-01", "B", 0, { duesBase: -5 }), line("2026-01", "C", 0, { duesBase: 0, exempt: true })]);
    expect(r.exceptions.filter((e) => e.code === "AUDIT_WAGE_NOT_POSITIVE").map((e) => e.member)).toEqual(["A", "B"]);
  });

  it("AUDIT_CHECKOFF_MISMATCH and AUDIT_MEMBER_MISSING", () => {
    const r = scan([line("2026-01", "A", 100, { deducted: 90, difference: -10 }), line("2026-01", "B", 100), line("2026-02", "B", 100)]);
    expect(codes(r).sort()).toEqual(["AUDIT_CHECKOFF_MISMATCH", "AUDIT_MEMBER_MISSING"]);
    expect(r.exceptions.find((e) => e.code === "AUDIT_MEMBER_MISSING")!.period).toBe("2026-02");
  });

  it("keeps no lapse rule of its own (that is dues arrears' ArrearsCounter) but names each member's latest department for the list", () => {
    const r = scan([line("2026-01", "A", 100, { deducted: 0, difference: -100 }), line("2026-02", "A", 100, { deducted: 0, difference: -100, department: "二车间" })]);
    expect("lapse" in r).toBe(false);
    expect(r.people.get("A")).toMatchObject({ name: "张三", department: "二车间" });
  });

  it("looks before the range for context but reports only inside it", () => {
    const r = scan([line("2025-12", "A", 10000), line("2026-01", "A", 20000)], "2026-01", "2026-01");
    expect(codes(r)).toEqual(["AUDIT_DUES_CHANGED"]);
    expect(r.periods.has("2025-12")).toBe(false);
  });
});
