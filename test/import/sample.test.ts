// The seeded synthetic payroll: the same seed gives the same bytes, the dues column follows
// the 0.5%-of-(基本+岗位)-truncated-to-10-yuan rule except where mismatches are asked for,
// and the workforce stays the same people from month to month (hires, leavers, raises).
import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatePayroll, payrollBuffer, payrollText, writePayroll } from "../../src/sample/payroll.js";
import { read, tempFile } from "./helpers.js";

describe("sample payroll", () => {
  it("is deterministic for a seed, and differs between seeds", () => {
    const a = payrollBuffer({ seed: 1, employees: 50, encoding: "gb18030", titleRow: true, totalRow: true });
    const b = payrollBuffer({ seed: 1, employees: 50, encoding: "gb18030", titleRow: true, totalRow: true });
    const c = payrollBuffer({ seed: 2, employees: 50, encoding: "gb18030", titleRow: true, totalRow: true });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it("deducts 0.5% of (基本工资 + 岗位工资) truncated to 10 yuan from active members only", () => {
    const rows = [...generatePayroll({ seed: 4, employees: 500 })];
    for (const r of rows) {
      const rule = r.member && r.status === "在职" ? (Math.floor((r.basic + r.post) / 1000) * 1000) / 200 : 0;
      expect(r.deducted).toBe(rule);
      expect(r.gross).toBe(r.basic + r.post + r.performance + r.allowance);
    }
    expect(rows.some((r) => !r.member)).toBe(true);
    expect(rows.some((r) => r.status === "退休")).toBe(true);
  });

  it("puts in deliberate check-off mismatches when asked, and marks them", () => {
    const rows = [...generatePayroll({ seed: 4, employees: 500, mismatchPermille: 50 })];
    const mismatched = rows.filter((r) => r.mismatch);
    expect(mismatched.length).toBeGreaterThan(5);
    for (const r of mismatched) expect(r.deducted).not.toBe((Math.floor((r.basic + r.post) / 1000) * 1000) / 200);
  });

  it("keeps a stable workforce across twelve months: the same people, a few hires and leavers, raises", () => {
    const months = Array.from({ length: 12 }, (_, m) => new Map([...generatePayroll({ seed: 8, employees: 300, month: m })].map((r) => [r.employeeId, r])));
    for (let m = 1; m < 12; m++) {
      const prev = months[m - 1]!;
      const cur = months[m]!;
      const stayed = [...cur.keys()].filter((id) => prev.has(id));
      expect(stayed.length).toBeGreaterThan(prev.size * 0.95);
      for (const id of stayed) {
        // Same person: name, department and membership do not change; pay never drops.
        expect(cur.get(id)!.name).toBe(prev.get(id)!.name);
        expect(cur.get(id)!.department).toBe(prev.get(id)!.department);
        expect(cur.get(id)!.basic).toBeGreaterThanOrEqual(prev.get(id)!.basic);
      }
    }
    const first = months[0]!;
    const last = months[11]!;
    expect([...last.keys()].filter((id) => !first.has(id)).length).toBeGreaterThan(0); // hires
    expect([...first.keys()].filter((id) => !last.has(id)).length).toBeGreaterThan(0); // leavers
    expect([...last.values()].filter((r) => first.has(r.employeeId) && r.basic > first.get(r.employeeId)!.basic).length).toBeGreaterThan(0); // raises
  });

  it("writes a file by streaming that has the same bytes as the buffer", async () => {
    const opts = { seed: 6, employees: 3000, encoding: "utf-16le" as const, titleRow: true, totalRow: true };
    const path = tempFile("", "big.txt");
    const { rows, bytes } = await writePayroll(path, opts);
    expect(rows).toBe(3000 + 3);
    expect(statSync(path).size).toBe(bytes);
    expect(readFileSync(path).equals(payrollBuffer(opts))).toBe(true);
  });

  it("writes full-width digits and grouped amounts that the reader reads back exactly", async () => {
    const opts = { seed: 2, employees: 30, fullWidthDigits: true, grouping: true };
    expect(payrollText(opts)).toMatch(/[０-９]/);
    const r = await read(payrollBuffer(opts));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.bases.dues)).toEqual([...generatePayroll(opts)].map((x) => x.basic + x.post));
  });
});
