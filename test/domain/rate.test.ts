// Reading rates as treasurers write them, into exact fractions, and showing them back.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseRate, rateToPercentString, ratesExceedOne } from "../../src/domain/rate.js";

function frac(s: string): string | undefined {
  const r = parseRate(s);
  return r && `${r.num}/${r.den}`;
}

describe("parseRate", () => {
  it("reads the rates of DOMAIN.md as reduced fractions", () => {
    expect(frac("0.5%")).toBe("1/200");
    expect(frac("2%")).toBe("1/50");
    expect(frac("15%")).toBe("3/20");
    expect(frac("5‰")).toBe("1/200");
    expect(frac("0.005")).toBe("1/200");
    expect(frac("60%")).toBe("3/5");
    expect(frac("0.8%")).toBe("1/125");
  });

  it("keeps the text as written, for display", () => {
    expect(parseRate(" 0.5% ")?.text).toBe("0.5%");
    expect(parseRate("５‰")?.text).toBe("５‰");
  });

  it("accepts full-width digits, a space before the sign, per ten thousand, and 0 and 1", () => {
    expect(frac("０．５％")).toBe("1/200");
    expect(frac("0.5 %")).toBe("1/200");
    expect(frac("5‱")).toBe("1/2000");
    expect(frac("0%")).toBe("0/1");
    expect(frac("1")).toBe("1/1");
    expect(frac(".5%")).toBe("1/200");
    expect(frac("150%")).toBe("3/2");
  });

  it("refuses negatives, unreadable text, exponents, fractions and ambiguous bare numbers", () => {
    for (const s of ["-0.5%", "-0.005", "", "%", "abc", "0.5%%", "5e-3", "1/200", "2", "60", "1.5", "0,5%", ".", "0.5 % x"]) {
      expect(parseRate(s), s).toBeUndefined();
    }
  });

  it("reads any percentage with up to six decimals exactly (reference: integer arithmetic)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), (n, places) => {
        const digits = String(n).padStart(places + 1, "0");
        const textual = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
        const r = parseRate(`${textual}%`)!;
        // n / (100 × 10^places) must equal num/den exactly: cross-multiply.
        expect(BigInt(n) * r.den).toBe(r.num * 100n * 10n ** BigInt(places));
      }),
    );
  });
});

describe("rateToPercentString", () => {
  it("shows the rate in percent with the requested places, half-up", () => {
    expect(rateToPercentString(parseRate("0.5%")!, 2)).toBe("0.50");
    expect(rateToPercentString(parseRate("5‰")!, 1)).toBe("0.5");
    expect(rateToPercentString(parseRate("2%")!, 0)).toBe("2");
    expect(rateToPercentString({ num: 1n, den: 3n, text: "1/3" }, 2)).toBe("33.33");
    expect(rateToPercentString({ num: 2n, den: 3n, text: "2/3" }, 2)).toBe("66.67");
    expect(rateToPercentString({ num: 1n, den: 8n, text: "" }, 1)).toBe("12.5");
    expect(rateToPercentString({ num: 1n, den: 1600n, text: "" }, 3)).toBe("0.063");
  });
});

describe("ratesExceedOne", () => {
  it("is true only above 100% in total, exactly", () => {
    const r = (s: string) => parseRate(s)!;
    expect(ratesExceedOne([r("15%"), r("10%"), r("10%"), r("5%")])).toBe(false);
    expect(ratesExceedOne([r("60%"), r("40%")])).toBe(false);
    expect(ratesExceedOne([r("60%"), r("40.001%")])).toBe(true);
    expect(ratesExceedOne([{ num: 1n, den: 3n, text: "" }, { num: 1n, den: 3n, text: "" }, { num: 1n, den: 3n, text: "" }])).toBe(false);
  });
});
