// A period's streams: per-capita off the dues first, the rest split; funds rounded once
// on the period total and split; everything adds up to its total exactly.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMinor, parseAmount } from "../../src/domain/money.js";
import { parseRate } from "../../src/domain/rate.js";
import { parseRounding } from "../../src/domain/rounding.js";
import type { Scheme } from "../../src/domain/scheme.js";
import { periodStreams, type PeriodStreamsInput } from "../../src/domain/streams.js";

const yuan = (s: string): number => {
  const r = parseAmount(s, { digits: 2 });
  if (!r.ok) throw new Error(`test amount ${s}: ${r.reason}`);
  return r.minor;
};
const cent = parseRounding("0.01", "half-up", 2)!;
const show = (xs: { to: string; amount: number }[]) => xs.map((x) => `${x.to} ${formatMinor(x.amount, 2)}`);

// The cn-base example of SPEC §3.
const CN: Scheme = {
  effectiveFrom: "2022-01-01",
  document: "全总关于收缴工会会费的通知",
  dues: {
    base: "dues", baseStep: yuan("10"), method: { kind: "rate", rate: parseRate("0.5%")! }, round: cent,
    min: null, max: null, exempt: ["retired", "unemployed"], split: [], remainder: { kind: "largest" },
  },
  funds: {
    base: "funds", rate: parseRate("2%")!, round: cent, remainder: { kind: "largest" }, collection: "union",
    split: [
      { to: "county", share: parseRate("15%")! }, { to: "city", share: parseRate("10%")! },
      { to: "province", share: parseRate("10%")! }, { to: "acftu", share: parseRate("5%")! },
    ],
  },
  perCapita: [],
};

const input = (over: Partial<PeriodStreamsInput> = {}): PeriodStreamsInput => ({
  duesTotal: 0, paying: 0, allMembers: 0, countsByStatus: {}, fundsBase: 0, ...over,
});

describe("periodStreams: China", () => {
  it("keeps all dues and splits 2% of the payroll 60/15/10/10/5 (SPEC §4.1 figures)", () => {
    const s = periodStreams(input({ duesTotal: yuan("27160.50"), fundsBase: yuan("9876543.21") }), CN);
    expect(s.problems).toEqual([]);
    expect(show(s.dues.shares)).toEqual(["retained 27160.50"]);
    expect(s.dues.perCapita).toEqual([]);
    expect(formatMinor(s.funds!.total, 2)).toBe("197530.86");
    expect(show(s.funds!.shares)).toEqual([
      "retained 118518.52", "county 29629.63", "city 19753.09", "province 19753.08", "acftu 9876.54",
    ]);
  });

  it("rounds funds once on the period total, not per employee", () => {
    // Three employees of 0.25 each: 2% is 0.005 each, which would round to 0.01 each (0.03)
    // per employee; on the total 0.75 × 2% = 0.015 → 0.02.
    const s = periodStreams(input({ fundsBase: yuan("0.75") }), CN);
    expect(formatMinor(s.funds!.total, 2)).toBe("0.02");
  });

  it("splits dues internally when the scheme says so (60% to 工会小组)", () => {
    const scheme: Scheme = { ...CN, funds: null, dues: { ...CN.dues, split: [{ to: "groups", share: parseRate("60%")! }] } };
    const s = periodStreams(input({ duesTotal: yuan("100.01") }), scheme);
    // Exact 40.004 retained and 60.006 to groups: the odd cent goes to the larger loss.
    expect(show(s.dues.shares)).toEqual(["retained 40.00", "groups 60.01"]);
    expect(s.funds).toBeNull();
  });
});

describe("periodStreams: per-capita (US local)", () => {
  const US: Scheme = {
    ...CN,
    funds: null,
    dues: { ...CN.dues, exempt: [], split: [] },
    perCapita: [
      { to: "intl", amount: yuan("6.30"), count: { kind: "paying" } },
      { to: "council", amount: yuan("1.00"), count: { kind: "all-members" } },
      { to: "statefed", amount: yuan("0.65"), count: { kind: "statuses", statuses: ["active"] } },
    ],
  };

  it("takes count × amount per parent body off the dues first; the rest is retained", () => {
    const s = periodStreams(
      input({ duesTotal: yuan("1000.00"), paying: 100, allMembers: 120, countsByStatus: { Active: 90, retired: 30 } }),
      US,
    );
    expect(s.problems).toEqual([]);
    expect(s.dues.perCapita.map((p) => `${p.to} ${p.count} ${formatMinor(p.amount, 2)}`)).toEqual([
      "intl 100 630.00", "council 120 120.00", "statefed 90 58.50",
    ]);
    expect(show(s.dues.shares)).toEqual(["retained 191.50"]);
  });

  it("counts Chinese and English status words alike for count: <statuses>", () => {
    const scheme: Scheme = { ...US, perCapita: [{ to: "x", amount: 100, count: { kind: "statuses", statuses: ["retired"] } }] };
    const s = periodStreams(input({ duesTotal: 100_000, countsByStatus: { 退休: 3, 离休: 2, retired: 1, 在职: 50 } }), scheme);
    expect(s.dues.perCapita[0]!.count).toBe(6);
  });

  it("refuses per-capita tax above the dues total with STREAM_PER_CAPITA_EXCEEDS_DUES, posting no shares", () => {
    const s = periodStreams(input({ duesTotal: yuan("700.00"), paying: 100, allMembers: 120 }), US);
    expect(s.problems.map((p) => p.code)).toEqual(["STREAM_PER_CAPITA_EXCEEDS_DUES"]);
    expect(s.problems[0]!.severity).toBe("error");
    expect(s.problems[0]!.message.en).toContain("750.00");
    expect(s.problems[0]!.hint).toBeDefined();
    expect(s.dues.shares).toEqual([]);
  });

  it("allows per-capita exactly equal to the dues: retained is zero", () => {
    const s = periodStreams(input({ duesTotal: yuan("750.00"), paying: 100, allMembers: 120 }), US);
    expect(s.problems).toEqual([]);
    expect(show(s.dues.shares)).toEqual(["retained 0.00"]);
  });
});

describe("periodStreams: properties", () => {
  const pct = fc.integer({ min: 0, max: 25_000 }).map((p) => parseRate(`${Math.floor(p / 1000)}.${String(p % 1000).padStart(3, "0")}%`)!);
  it("per-capita plus dues shares add up to the dues total; funds shares add up to the rounded funds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 11 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.array(pct, { maxLength: 4 }),
        fc.array(pct, { maxLength: 4 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        (duesTotal, fundsBase, duesSplit, fundsSplit, paying, perHead) => {
          const scheme: Scheme = {
            ...CN,
            dues: { ...CN.dues, split: duesSplit.map((share, i) => ({ to: `d${i}`, share })) },
            funds: { ...CN.funds!, split: fundsSplit.map((share, i) => ({ to: `f${i}`, share })) },
            perCapita: [{ to: "intl", amount: perHead, count: { kind: "paying" } }],
          };
          const s = periodStreams(input({ duesTotal, fundsBase, paying, allMembers: paying }), scheme);
          const sum = (xs: { amount: number }[]) => xs.reduce((a, x) => a + x.amount, 0);
          if (paying * perHead > duesTotal) {
            expect(s.problems.map((p) => p.code)).toEqual(["STREAM_PER_CAPITA_EXCEEDS_DUES"]);
          } else {
            expect(s.problems).toEqual([]);
            expect(sum(s.dues.perCapita) + sum(s.dues.shares)).toBe(duesTotal);
          }
          // Reference: 2% half-up to the cent, by integer arithmetic: (base×2 + 50) div 100.
          expect(BigInt(s.funds!.total)).toBe((BigInt(fundsBase) * 2n + 50n) / 100n);
          expect(sum(s.funds!.shares)).toBe(s.funds!.total);
        },
      ),
    );
  });
});
