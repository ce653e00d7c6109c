// Largest-remainder allocation: the shares always add up, each is within one minor unit
// of its exact value, zero weights get nothing, and order matters only through the
// declared tie-break (retained first, then bodies in listed order).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocate, allocateByWeights } from "../../src/domain/allocate.js";
import { formatMinor } from "../../src/domain/money.js";
import { parseRate } from "../../src/domain/rate.js";
import type { Rate } from "../../src/domain/scheme.js";

const rate = (s: string): Rate => parseRate(s)!;
const fmt = (xs: { key: string; amount: number }[]) => xs.map((x) => `${x.key} ${formatMinor(x.amount, 2)}`);

// The funds split of SPEC §3: 15% county, 10% city, 10% province, 5% ACFTU, 60% retained.
const FUNDS_SPLIT = [
  { key: "county", weight: rate("15%") },
  { key: "city", weight: rate("10%") },
  { key: "province", weight: rate("10%") },
  { key: "acftu", weight: rate("5%") },
];

describe("allocateByWeights", () => {
  it("0.02 over weights [1,1,2] gives [0.01, 0, 0.01] (dinero.js would give [0, 0, 0.02])", () => {
    expect(allocateByWeights(2, [1n, 1n, 2n])).toEqual([1, 0, 1]);
  });

  it("breaks ties by index: 0.01 over [1,1,1] goes to the first", () => {
    expect(allocateByWeights(1, [1n, 1n, 1n])).toEqual([1, 0, 0]);
    expect(allocateByWeights(2, [1n, 1n, 1n])).toEqual([1, 1, 0]);
  });

  it("splits a negative total as the mirror image of the positive one", () => {
    expect(allocateByWeights(-2, [1n, 1n, 2n])).toEqual([-1, 0, -1]);
  });

  it("gives zeros for a zero total, even over zero weights; refuses a non-zero total over zero weights", () => {
    expect(allocateByWeights(0, [0n, 0n])).toEqual([0, 0]);
    expect(() => allocateByWeights(5, [0n, 0n])).toThrow(/bug/);
    expect(() => allocateByWeights(5, [1n, -1n, 1n])).toThrow(/bug/);
  });

  const weightLists = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0n));
  const totals = fc.integer({ min: -(10 ** 13), max: 10 ** 13 });

  it("parts add up to the total, each within one minor unit of exact, zero weights get zero", () => {
    fc.assert(
      fc.property(totals, weightLists, (total, ws) => {
        const parts = allocateByWeights(total, ws);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = ws.reduce((a, b) => a + b, 0n);
        parts.forEach((p, i) => {
          // |p − total·w/Σw| < 1  ⇔  |p·Σw − total·w| < Σw
          const diff = BigInt(p) * sum - BigInt(total) * ws[i]!;
          expect(diff < sum && -diff < sum).toBe(true);
          if (ws[i] === 0n) expect(p).toBe(0);
        });
      }),
    );
  });
});

describe("allocate (a stream's shares)", () => {
  it("splits the 2% funds of 197,530.86 by largest remainder, ties to retained then city", () => {
    // Exact: retained 118518.516, county 29629.629, city 19753.086, province 19753.086,
    // acftu 9876.543. Floors leave 0.03: one cent each to county (.9), then the .6 tie
    // between retained, city and province goes to retained and city in that order.
    expect(fmt(allocate(19753086, FUNDS_SPLIT, { remainder: { kind: "largest" } }))).toEqual([
      "retained 118518.52", "county 29629.63", "city 19753.09", "province 19753.08", "acftu 9876.54",
    ]);
  });

  it("gives every leftover cent to retained with remainder: retained", () => {
    expect(fmt(allocate(19753086, FUNDS_SPLIT, { remainder: { kind: "retained" } }))).toEqual([
      "retained 118518.54", "county 29629.62", "city 19753.08", "province 19753.08", "acftu 9876.54",
    ]);
  });

  it("gives every leftover cent to the named body with remainder: <body>", () => {
    expect(fmt(allocate(19753086, FUNDS_SPLIT, { remainder: { kind: "body", body: "province" } }))).toEqual([
      "retained 118518.51", "county 29629.62", "city 19753.08", "province 19753.11", "acftu 9876.54",
    ]);
  });

  it("keeps everything when nothing is shared (split: [])", () => {
    expect(fmt(allocate(2716050, [], { remainder: { kind: "largest" }, retainedKey: "kept" }))).toEqual(["kept 27160.50"]);
  });

  it("retained is present even at zero, when the shares add up to 100%", () => {
    const parts = allocate(101, [{ key: "a", weight: rate("60%") }, { key: "b", weight: rate("40%") }], { remainder: { kind: "largest" } });
    expect(fmt(parts)).toEqual(["retained 0.00", "a 0.61", "b 0.40"]);
  });

  it("mirrors negative totals (a correction splits like the original, with the sign turned)", () => {
    const pos = allocate(19753086, FUNDS_SPLIT, { remainder: { kind: "largest" } });
    const neg = allocate(-19753086, FUNDS_SPLIT, { remainder: { kind: "largest" } });
    expect(neg.map((p) => p.amount)).toEqual(pos.map((p) => -p.amount || 0));
  });

  it("treats shares over 100%, negative shares and a remainder body without a share as bugs", () => {
    expect(() => allocate(100, [{ key: "a", weight: rate("60%") }, { key: "b", weight: rate("41%") }], { remainder: { kind: "largest" } })).toThrow(/bug/);
    expect(() => allocate(100, [{ key: "a", weight: { num: -1n, den: 10n, text: "-10%" } }], { remainder: { kind: "largest" } })).toThrow(/bug/);
    expect(() => allocate(100, FUNDS_SPLIT, { remainder: { kind: "body", body: "nobody" } })).toThrow(/bug/);
  });

  // Random splits: up to 6 bodies with percentages of up to three decimals, summing ≤ 100%.
  const splits = fc
    .array(fc.integer({ min: 0, max: 40_000 }), { minLength: 0, maxLength: 6 })
    .filter((ps) => ps.reduce((a, b) => a + b, 0) <= 100_000)
    .map((ps) => ps.map((p, i) => ({ key: `body${i}`, weight: rate(`${Math.floor(p / 1000)}.${String(p % 1000).padStart(3, "0")}%`) })));
  const totals = fc.integer({ min: -(10 ** 12), max: 10 ** 12 });
  const remainders = fc.oneof(
    fc.constant({ kind: "largest" as const }),
    fc.constant({ kind: "retained" as const }),
  );

  it("shares add up to the total exactly, under every remainder rule", () => {
    fc.assert(
      fc.property(totals, splits, remainders, (total, split, remainder) => {
        const parts = allocate(total, split, { remainder });
        expect(parts.map((p) => p.key)).toEqual(["retained", ...split.map((s) => s.key)]);
        expect(parts.reduce((a, p) => a + p.amount, 0)).toBe(total);
      }),
    );
  });

  // Exact share of each part as a fraction: retained is 1 − Σ shares.
  function exactShares(split: { weight: Rate }[]): Rate[] {
    let num = 1n, den = 1n;
    for (const s of split) { num = num * s.weight.den - s.weight.num * den; den *= s.weight.den; }
    return [{ num, den, text: "retained" }, ...split.map((s) => s.weight)];
  }

  it("with largest remainder each share is within one minor unit of total × share, zero shares get zero", () => {
    fc.assert(
      fc.property(totals, splits, (total, split) => {
        const parts = allocate(total, split, { remainder: { kind: "largest" } });
        exactShares(split).forEach((w, i) => {
          const diff = BigInt(parts[i]!.amount) * w.den - BigInt(total) * w.num;
          expect(diff < w.den && -diff < w.den).toBe(true);
          if (w.num === 0n) expect(parts[i]!.amount).toBe(0);
        });
      }),
    );
  });

  it("permuting the bodies changes a body's amount only where its rounding loss ties with another's", () => {
    fc.assert(
      fc.property(totals, splits.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))), (total, [split, shuffled]) => {
        const a = new Map(allocate(total, split, { remainder: { kind: "largest" } }).map((p) => [p.key, p.amount]));
        const b = new Map(allocate(total, shuffled, { remainder: { kind: "largest" } }).map((p) => [p.key, p.amount]));
        // The fraction of a minor unit each body loses to the floor, as a comparable fraction.
        const loss = new Map(exactShares(split).map((w, i) => {
          const key = i === 0 ? "retained" : split[i - 1]!.key;
          const abs = BigInt(Math.abs(total)) * w.num;
          return [key, { r: abs % w.den, d: w.den }];
        }));
        const same = (x: { r: bigint; d: bigint }, y: { r: bigint; d: bigint }) => x.r * y.d === y.r * x.d;
        for (const [key, amount] of a) {
          if (b.get(key) === amount) continue;
          expect(Math.abs(b.get(key)! - amount)).toBe(1);
          const mine = loss.get(key)!;
          const tiedWithOther = [...loss].some(([k, l]) => k !== key && same(l, mine));
          expect(tiedWithOther).toBe(true);
        }
      }),
    );
  });
});
