// Reading amounts as payroll files and people write them, straight to minor units, and
// writing them back with exactly the currency's digits.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMinor, parseAmount, type ParseOptions } from "../../src/domain/money.js";

const read = (s: string, opts: ParseOptions = { digits: 2 }) => {
  const r = parseAmount(s, opts);
  return r.ok ? formatMinor(r.minor, opts.digits) : r.reason;
};

describe("parseAmount", () => {
  it("reads plain amounts and trailing zeros beyond the currency's digits", () => {
    expect(read("1234.50")).toBe("1234.50");
    expect(read("1234.5")).toBe("1234.50");
    expect(read("1234")).toBe("1234.00");
    expect(read("12.500")).toBe("12.50");
    expect(read(".5")).toBe("0.50");
    expect(read("0")).toBe("0.00");
    expect(read("  7.05 ")).toBe("7.05");
  });

  it("reads grouping marks only where they belong", () => {
    expect(read("1,234,567.89")).toBe("1234567.89");
    expect(read("1 234 567.89")).toBe("1234567.89");
    expect(read("1\u00A0234.50")).toBe("1234.50");
    expect(read("1'234.50")).toBe("1234.50");
    expect(read("12,34")).toBe("unreadable"); // not a thousands group: refuse, never guess
    expect(read("1234,567.00")).toBe("unreadable");
    expect(read("1.234.56")).toBe("unreadable");
  });

  it("reads full-width digits and marks (Chinese input methods)", () => {
    expect(read("１２３．４５")).toBe("123.45");
    expect(read("１，２３４．５０")).toBe("1234.50");
    expect(read("－５．００")).toBe("-5.00");
    expect(read("（５．００）")).toBe("-5.00");
    expect(read("１２３\u3000")).toBe("123.00");
  });

  it("drops currency signs: ¥ ￥ $ ＄ £ € 元 RMB", () => {
    expect(read("¥1,234.50")).toBe("1234.50");
    expect(read("￥1,234.50")).toBe("1234.50");
    expect(read("＄12")).toBe("12.00");
    expect(read("$ 12.30")).toBe("12.30");
    expect(read("£22.50")).toBe("22.50");
    expect(read("€1.234,56", { digits: 2, decimalMark: "," })).toBe("1234.56");
    expect(read("100元")).toBe("100.00");
    expect(read("RMB 100")).toBe("100.00");
  });

  it("reads a decimal comma when configured, with '.' then a grouping mark", () => {
    const comma: ParseOptions = { digits: 2, decimalMark: "," };
    expect(read("1.234,56", comma)).toBe("1234.56");
    expect(read("12,5", comma)).toBe("12.50");
    expect(read("1234.56", comma)).toBe("unreadable");
  });

  it("reads negatives as -x, (x), x- and with a typographic minus", () => {
    expect(read("-12.30")).toBe("-12.30");
    expect(read("(12.30)")).toBe("-12.30");
    expect(read("12.30-")).toBe("-12.30");
    expect(read("−12.30")).toBe("-12.30");
    expect(read("-¥12.30")).toBe("-12.30");
    expect(read("(¥12.30)")).toBe("-12.30");
    expect(read("+12.30")).toBe("12.30");
    expect(read("-0.00")).toBe("0.00");
    expect(Object.is((parseAmount("-0", { digits: 2 }) as { minor: number }).minor, -0)).toBe(false);
  });

  it("refuses double negatives and stray signs", () => {
    for (const s of ["(-12.30)", "(12.30-)", "--5", "-5-", "+-5", "(5", "5)"]) expect(read(s), s).toBe("unreadable");
  });

  it("refuses more decimals than the currency has, instead of rounding", () => {
    expect(read("12.345")).toBe("too-precise");
    expect(read("0.001")).toBe("too-precise");
    expect(read("100.5", { digits: 0 })).toBe("too-precise");
    expect(read("100.0", { digits: 0 })).toBe("100");
    expect(read("1.2345", { digits: 3 })).toBe("too-precise");
    expect(read("1.234", { digits: 3 })).toBe("1.234");
  });

  it("refuses empty, unreadable and too-large text", () => {
    expect(read("")).toBe("empty");
    expect(read("   ")).toBe("empty");
    for (const s of ["abc", "1e5", "12.3.4", ".", "-", "¥", "Infinity", "NaN", "0x10", "1/2"]) expect(read(s), s).toBe("unreadable");
    expect(read("99999999999999999")).toBe("too-large");
    expect(read("9999999999999.99")).toBe("9999999999999.99");
  });

  it("round-trips every amount through formatMinor, with and without grouping", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), fc.constantFrom(0, 2, 3), fc.boolean(), (m, digits, grouping) => {
        const r = parseAmount(formatMinor(m, digits, { grouping }), { digits });
        expect(r).toEqual({ ok: true, minor: m });
      }),
    );
  });
});

describe("formatMinor", () => {
  it("writes exactly the currency's digits", () => {
    expect(formatMinor(123450, 2)).toBe("1234.50");
    expect(formatMinor(5, 2)).toBe("0.05");
    expect(formatMinor(-5, 2)).toBe("-0.05");
    expect(formatMinor(0, 2)).toBe("0.00");
    expect(formatMinor(-0, 2)).toBe("0.00");
    expect(formatMinor(1234, 0)).toBe("1234");
    expect(formatMinor(1234, 3)).toBe("1.234");
  });

  it("groups thousands for display only when asked", () => {
    expect(formatMinor(123456789, 2, { grouping: true })).toBe("1,234,567.89");
    expect(formatMinor(-100000, 2, { grouping: true })).toBe("-1,000.00");
    expect(formatMinor(99999, 2, { grouping: true })).toBe("999.99");
    expect(formatMinor(1234567, 0, { grouping: true })).toBe("1,234,567");
  });

  it("refuses a non-integer (a float reaching money is a bug)", () => {
    expect(() => formatMinor(0.1, 2)).toThrow(/bug/);
  });
});

describe("parseAmount: the plain fast path agrees with the general reader", () => {
  it("gives the same result for plain digit strings with and without a trailing space", () => {
    // A trailing space is trimmed by the general reader but sends the text off the fast path.
    const plain = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,17}$/), fc.option(fc.stringMatching(/^\d{0,5}$/)), fc.constantFrom(0, 2, 3), fc.constantFrom(".", ","))
      .map(([neg, w, f, digits, mark]) => ({ text: `${neg ? "-" : ""}${w}${f === null ? "" : mark + f}`, digits, mark: mark as "." | "," }));
    fc.assert(
      fc.property(plain, ({ text, digits, mark }) => {
        const opts = { digits, decimalMark: mark };
        expect(parseAmount(text, opts)).toEqual(parseAmount(`${text} `, opts));
      }),
      { numRuns: 3000 },
    );
  });
});
