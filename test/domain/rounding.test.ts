// Rounding exact amounts to a step by mode, and base × rate on the fast path, checked
// against a plain BigInt reference written here independently of the code under test.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMinor } from "../../src/domain/money.js";
import { parseRate } from "../../src/domain/rate.js";
import { applyRate, parseRounding, roundExact, truncateToStep } from "../../src/domain/rounding.js";
import type { RoundMode, Rounding } from "../../src/domain/scheme.js";

const MODES: RoundMode[] = ["half-up", "half-even", "down", "up"];
const rounding = (to: string, mode: RoundMode): Rounding => parseRounding(to, mode, 2)!;

// Reference: round n/d (d > 0) to a multiple of step by comparing the candidates below
// and above |x| and their distances, the way one would do it by hand.
function reference(n: bigint, d: bigint, step: bigint, mode: RoundMode): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const lower = (a / (d * step)) * step; // a multiple of step ≤ |x|
  const upper = lower + step;
  let pick: bigint;
  if (lower * d === a) pick = lower;
  else if (mode === "down") pick = lower;
  else if (mode === "up") pick = upper;
  else {
    const below = a - lower * d; // distance × d
    const above = upper * d - a;
    if (below < above) pick = lower;
    else if (below > above) pick = upper;
    else if (mode === "half-up") pick = upper;
    else pick = (lower / step) % 2n === 0n ? lower : upper;
  }
  return neg ? -pick : pick;
}

describe("parseRounding", () => {
  it("turns the step into minor units for the currency", () => {
    expect(parseRounding("0.01", "half-up", 2)?.step).toBe(1);
    expect(parseRounding("0.05", "half-up", 2)?.step).toBe(5);
    expect(parseRounding("0.1", "down", 2)?.step).toBe(10);
    expect(parseRounding("1", "up", 2)?.step).toBe(100);
    expect(parseRounding("1", "half-even", 0)?.step).toBe(1);
    expect(parseRounding("0.010", "half-up", 2)?.step).toBe(1);
    expect(parseRounding("0.005", "half-up", 3)?.step).toBe(5);
  });

  it("refuses a step finer than the currency's minor unit, zero, negatives and unknown modes", () => {
    expect(parseRounding("0.01", "half-up", 0)).toBeUndefined(); // yen have no 0.01
    expect(parseRounding("0.001", "half-up", 2)).toBeUndefined();
    expect(parseRounding("0", "half-up", 2)).toBeUndefined();
    expect(parseRounding("-0.01", "half-up", 2)).toBeUndefined();
    expect(parseRounding("0.01", "nearest", 2)).toBeUndefined();
    expect(parseRounding("0.01", "HALF-UP", 2)).toBeUndefined();
    expect(parseRounding("cent", "half-up", 2)).toBeUndefined();
  });
});

describe("roundExact", () => {
  const cases: [string, number, number, string, RoundMode, string][] = [
    // amount as num/den of fen, step, mode → expected
    ["2.345 half-up", 2345, 10, "0.01", "half-up", "2.35"],
    ["0.125 → half-up away from zero", 125, 10, "0.01", "half-up", "0.13"],
    ["0.125 → half-even to the even cent", 125, 10, "0.01", "half-even", "0.12"],
    ["0.135 → half-even to the even cent", 135, 10, "0.01", "half-even", "0.14"],
    ["0.121 up (见分进角 style)", 121, 10, "0.01", "up", "0.13"],
    ["0.129 down", 129, 10, "0.01", "down", "0.12"],
    ["33.925 to 0.05 half-up", 33925, 10, "0.05", "half-up", "33.95"],
    ["33.924 to 0.05 half-up", 33924, 10, "0.05", "half-up", "33.90"],
    ["0.25 to 0.1 half-even", 25, 1, "0.1", "half-even", "0.20"],
    ["0.35 to 0.1 half-even", 35, 1, "0.1", "half-even", "0.40"],
    ["0.91 to 0.1 up", 91, 1, "0.1", "up", "1.00"],
    ["0.01 to 0.1 up (见分进角)", 1, 1, "0.1", "up", "0.10"],
    ["2.50 to 1 half-up", 250, 1, "1", "half-up", "3.00"],
    ["2.50 to 1 half-even", 250, 1, "1", "half-even", "2.00"],
    ["2.99 to 1 down", 299, 1, "1", "down", "2.00"],
    ["-0.125 half-up: half away from zero", -125, 10, "0.01", "half-up", "-0.13"],
    ["-0.125 half-even", -125, 10, "0.01", "half-even", "-0.12"],
    ["-0.121 up: away from zero", -121, 10, "0.01", "up", "-0.13"],
    ["-0.129 down: toward zero", -129, 10, "0.01", "down", "-0.12"],
    ["-2.50 to 1 half-up", -250, 1, "1", "half-up", "-3.00"],
    ["-0.004 half-up rounds to zero, not -0", -4, 10, "0.01", "half-up", "0.00"],
    ["1/3 fen half-up", 1, 3, "0.01", "half-up", "0.00"],
    ["2/3 fen half-up", 2, 3, "0.01", "half-up", "0.01"],
  ];
  for (const [name, n, d, to, mode, want] of cases) {
    it(name, () => {
      expect(formatMinor(roundExact(BigInt(n), BigInt(d), rounding(to, mode)), 2)).toBe(want);
    });
  }

  it("accepts a negative denominator as the same number", () => {
    expect(roundExact(125n, -10n, rounding("0.01", "half-up"))).toBe(-13);
  });

  it("agrees with the reference for every mode, step and sign", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom("0.01", "0.05", "0.1", "1"),
        fc.constantFrom(...MODES),
        (n, d, to, mode) => {
          const r = rounding(to, mode);
          expect(BigInt(roundExact(n, d, r))).toBe(reference(n, d, BigInt(r.step), mode));
        },
      ),
    );
  });

  it("is symmetric: rounding −x gives −(rounding x) in every mode", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 1000n }), fc.constantFrom(...MODES), (n, d, mode) => {
        const r = rounding("0.05", mode);
        expect(roundExact(-n, d, r)).toBe(-roundExact(n, d, r) || 0);
      }),
    );
  });
});

describe("applyRate", () => {
  it("0.5% of 6,780.00 is 33.90; 2% of 9,876,543.21 is 197,530.86 (SPEC example)", () => {
    const r = rounding("0.01", "half-up");
    expect(formatMinor(applyRate(678000, parseRate("0.5%")!, r), 2)).toBe("33.90");
    expect(formatMinor(applyRate(987654321, parseRate("2%")!, r), 2)).toBe("197530.86");
  });

  it("rounds negatives symmetrically (corrections)", () => {
    expect(applyRate(-2500, parseRate("0.5%")!, rounding("0.01", "half-up"))).toBe(-13); // −12.5 fen
    expect(applyRate(-2500, parseRate("0.5%")!, rounding("0.01", "half-even"))).toBe(-12);
  });

  it("agrees with a BigInt reference, including products beyond 2^53", () => {
    const rates = fc.oneof(
      fc.record({ num: fc.bigInt({ min: 0n, max: 1000n }), den: fc.bigInt({ min: 1n, max: 100000n }) }),
      // large numerators push base × num past 2^53 and onto the BigInt path
      fc.record({ num: fc.bigInt({ min: 0n, max: 10n ** 12n }), den: fc.bigInt({ min: 1n, max: 10n ** 13n }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
        rates,
        fc.constantFrom("0.01", "0.05", "0.1", "1"),
        fc.constantFrom(...MODES),
        (base, { num, den }, to, mode) => {
          const r = rounding(to, mode);
          const want = reference(BigInt(base) * num, den, BigInt(r.step), mode);
          fc.pre(want >= BigInt(Number.MIN_SAFE_INTEGER) && want <= BigInt(Number.MAX_SAFE_INTEGER));
          expect(BigInt(applyRate(base, { num, den, text: "" }, r))).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is exact right at the edge of 2^53", () => {
    const base = 2 ** 52 + 1; // × 3 exceeds 2^53: must take the BigInt path
    const r = rounding("0.01", "half-up");
    expect(BigInt(applyRate(base, { num: 3n, den: 4n, text: "75%" }, r))).toBe(reference(BigInt(base) * 3n, 4n, 1n, "half-up"));
  });
});

describe("truncateToStep", () => {
  it("drops the part of the base below a whole 10 yuan (工资尾数不足十元的不计缴会费)", () => {
    expect(formatMinor(truncateToStep(678945, 1000), 2)).toBe("6780.00");
    expect(truncateToStep(678000, 1000)).toBe(678000);
    expect(truncateToStep(999, 1000)).toBe(0);
    expect(truncateToStep(678945, 0)).toBe(678945);
    expect(truncateToStep(-678945, 1000)).toBe(-678000);
  });
});
