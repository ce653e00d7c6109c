// Financial years as months: `--year Y` is the year a financial year ends in.
import { describe, expect, it } from "vitest";
import { dayBefore, financialYear, financialYearLabel, financialYearOf } from "../../src/domain/period.js";

describe("financial years", () => {
  it("January start: the calendar year", () => {
    expect(financialYear(2025)).toEqual({ year: 2025, start: 1, from: "2025-01", to: "2025-12", firstDay: "2025-01-01", lastDay: "2025-12-31" });
    expect(financialYearOf("2025-12").year).toBe(2025);
    expect(financialYearLabel(financialYear(2025))).toBe("2025");
  });

  it("July start: year 2025 is 2024-07 … 2025-06, named by the year it ends in", () => {
    expect(financialYear(2025, 7)).toMatchObject({ from: "2024-07", to: "2025-06", firstDay: "2024-07-01", lastDay: "2025-06-30" });
    expect(financialYearOf("2024-07", 7).year).toBe(2025);
    expect(financialYearOf("2024-06", 7).year).toBe(2024);
    expect(financialYearOf("2025-06", 7).year).toBe(2025);
    expect(financialYear(2025, 2)).toMatchObject({ from: "2024-02", to: "2025-01", lastDay: "2025-01-31" });
    expect(financialYearLabel(financialYear(2025, 7))).toBe("2025 (2024-07 – 2025-06)");
  });

  it("every month belongs to exactly the financial year that contains it", () => {
    for (let start = 1; start <= 12; start++) {
      for (let m = 1; m <= 24; m++) {
        const p = `${2024 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`;
        const fy = financialYearOf(p, start);
        expect(p >= fy.from && p <= fy.to, `${p} start ${start}`).toBe(true);
      }
    }
  });

  it("the day before a date crosses months and leap days", () => {
    expect([dayBefore("2025-01-01"), dayBefore("2024-03-01"), dayBefore("2025-03-01"), dayBefore("2025-07-15")]).toEqual(["2024-12-31", "2024-02-29", "2025-02-28", "2025-07-14"]);
  });
});
