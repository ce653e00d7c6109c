// The workbook model's small rules: id masking, column letters, exact percentages, widths.
import { describe, expect, it } from "vitest";
import { columnLetter, fractionToDecimal, maskNationalId, textWidth } from "../../src/report/model.js";
import { excelSerial, moneyNumber, sheetName } from "../../src/report/xlsx-writer.js";

describe("national id numbers are never shown in full", () => {
  it("keeps only the last four characters, hiding region and birth date", () => {
    const id = "11010519491231002X";
    const masked = maskNationalId(id);
    expect(masked).toBe("**************002X");
    expect(masked).not.toContain("19491231");
    expect(masked).not.toContain("110105");
    expect(maskNationalId("123")).toBe("***");
  });
});

describe("cells", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
  it("turns exact fractions into decimal text without floats", () => {
    expect(fractionToDecimal({ num: 1n, den: 200n }, 4)).toBe("0.0050");
    expect(fractionToDecimal({ num: 2n, den: 3n }, 4)).toBe("0.6667");
    expect(fractionToDecimal({ num: -1n, den: 8n }, 2)).toBe("-0.13");
    expect(fractionToDecimal({ num: -1n, den: 1000n }, 2)).toBe("0.00");
  });
  it("money cells hold the number nearest the exact amount", () => {
    expect(moneyNumber(1, 2)).toBe(0.01);
    expect(moneyNumber(-1050, 2)).toBe(-10.5);
    expect(moneyNumber(999_999_999_999_99, 2)).toBe(999999999999.99);
    expect(moneyNumber(1234, 0)).toBe(1234);
    expect(moneyNumber(1234, 3)).toBe(1.234);
  });
  it("counts CJK as two columns", () => {
    expect(textWidth("工会abc")).toBe(7);
  });
  it("dates are day counts from Excel's epoch, with no time zone", () => {
    expect(excelSerial("1900-03-01")).toBe(61);
    expect(excelSerial("2026-01-01") - excelSerial("2025-01-01")).toBe(365);
  });
  it("sheet names obey Excel's rules and stay unique", () => {
    const used = new Set<string>();
    expect(sheetName("a/b:c", used)).toBe("a_b_c");
    expect(sheetName("A/B:C", used)).toBe("A_B_C ~2");
    const long = "x".repeat(40);
    expect(sheetName(long, used, " (2)")).toHaveLength(31);
  });
});
