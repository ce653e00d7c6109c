// A tax list in the federation's books: matched by credit code only, split exactly by the
// affiliate's collection model (refund 212, own share, 211 per higher body), 筹备金 booked
// whole, and every line that cannot be booked named; shares always add up (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FederationConfig } from "../../src/domain/federation.js";
import { imbalance } from "../../src/domain/journal.js";
import { parseRate } from "../../src/domain/rate.js";
import { matchTaxList, taxCollectionPostings, taxListTotals, type TaxAffiliate, type TaxListLine } from "../../src/domain/tax-collection.js";
import { usccCheckChar } from "../../src/domain/uscc.js";

const rate = (s: string) => parseRate(s)!;
const code = (stem: string) => stem + usccCheckChar(stem)!;
const A = code("91330100MA2AAAAA1"), B = code("91330100MA2BBBBB2"), N = code("92330100MA2NNNNN3"), U = code("91330100MA2UUUUU4");

// A county federation: affiliates keep 60% of the 2%; of the 40% coming up, the city gets
// 10/40, the province 10/40, ACFTU 5/40 and the county keeps the rest (15/40).
const FED: FederationConfig = {
  collection: "tax-full", fundsRate: rate("2%"), affiliateShare: rate("60%"),
  split: [{ to: "city", share: rate("25%") }, { to: "province", share: rate("25%") }, { to: "acftu", share: rate("12.5%") }],
  remainder: { kind: "largest" }, receives: "all", dueDay: 15, lateFee: null, preparatory: "income",
};
const REGISTER: TaxAffiliate[] = [
  { id: "jia", name: "甲公司工会", creditCode: A, collection: null },
  { id: "yi", name: "乙公司工会", creditCode: B, collection: "tax-upward" },
  { id: "own", name: "自收工会", creditCode: U, collection: "union-collects" },
];
let n = 0;
const line = (creditCode: string, amount: number, extra: Partial<TaxListLine> = {}): TaxListLine => ({
  line: ++n + 1, columns: { creditCode: 3, item: 6 }, employer: `单位${n}`, creditCode, period: "2026-10", amount, date: "2026-11-10", item: "funds", ref: "", ...extra,
});
const ACC = { bank: "102", own: "402", upward: "211", refund: "212", preparatory: "402" };

describe("tax list: matching and splitting", () => {
  it("tax-full: 60% refunded through 212, the 40% split among the county and its higher bodies, to the fen", () => {
    const m = matchTaxList("tax.csv", [line(A, 197531)], REGISTER, FED);
    expect(m.problems).toEqual([]);
    const c = m.collections[0]!;
    expect(c).toMatchObject({ affiliate: "jia", model: "tax-full" });
    // 1975.31 × 60% = 1185.186 → 1185.19; of the 790.12 upward, city and province 197.53 each; ACFTU 98.765
    // and the county 296.295 tie for the odd fen, which goes to the county (retained first: allocate.ts).
    expect(c.split).toEqual({ refund: 118519, own: 29630, bodies: [{ to: "city", amount: 19753 }, { to: "province", amount: 19753 }, { to: "acftu", amount: 9876 }] });
    expect(taxCollectionPostings(c, ACC)).toEqual([
      { account: "102", amount: 197531 },
      { account: "212", body: "jia", amount: -118519 },
      { account: "402", amount: -29630 },
      { account: "211", body: "city", amount: -19753 },
      { account: "211", body: "province", amount: -19753 },
      { account: "211", body: "acftu", amount: -9876 },
    ]);
  });
  it("tax-upward: the amount is already the upward share; no refund is owed", () => {
    const c = matchTaxList("tax.csv", [line(B, 80000)], REGISTER, FED).collections[0]!;
    expect(c.split).toEqual({ refund: 0, own: 30000, bodies: [{ to: "city", amount: 20000 }, { to: "province", amount: 20000 }, { to: "acftu", amount: 10000 }] });
    expect(taxCollectionPostings(c, ACC).map((p) => p.account)).not.toContain("212");
  });
  it("筹备金: an employer without a union pays all to the federation's preparatory account, without a register row", () => {
    const m = matchTaxList("tax.csv", [line(N, 4000, { item: "preparatory" })], REGISTER, { ...FED });
    expect(m.problems).toEqual([]);
    expect(m.collections[0]).toMatchObject({ affiliate: null, model: "preparatory", split: { refund: 0, own: 4000, bodies: [] } });
    expect(taxCollectionPostings(m.collections[0]!, { ...ACC, preparatory: "21503" })).toEqual([{ account: "102", amount: 4000 }, { account: "21503", amount: -4000 }]);
  });
  it("lists every line that cannot be booked: unmatched codes, 筹备金 from an employer with a union, a union that collects its own, a shared code", () => {
    const shared: TaxAffiliate[] = [...REGISTER, { id: "jia-2", name: "甲公司二分会", creditCode: A, collection: null }];
    const m = matchTaxList("tax.csv", [line(N, 100), line(B, 100, { item: "preparatory" }), line(U, 100), line(A, 100)], shared, FED);
    expect(m.problems.map((p) => [p.code, p.column])).toEqual([
      ["TAX_LIST_UNMATCHED", 3], ["TAX_LIST_PREPARATORY_HAS_UNION", 6], ["TAX_LIST_NOT_TAX_COLLECTED", 3], ["TAX_LIST_CODE_SHARED", 3],
    ]);
    expect(m.unmatched.map((l) => l.creditCode)).toEqual([N]);
    expect(m.collections).toEqual([]);
    expect(m.problems[0]!.hint!.en).toContain("dues affiliates import");
    expect(m.problems[0]!.message.zh).toContain(N);
  });
  it("totals by destination", () => {
    const m = matchTaxList("tax.csv", [line(A, 197531), line(B, 80000), line(N, 4000, { item: "preparatory" })], REGISTER, FED);
    expect(taxListTotals(m.collections)).toEqual({
      collected: 281531, refunds: 118519, own: 59630, preparatory: 4000,
      bodies: [{ to: "city", amount: 39753 }, { to: "province", amount: 39753 }, { to: "acftu", amount: 19876 }],
    });
  });
});

describe("tax list: properties", () => {
  const pct = fc.integer({ min: 0, max: 10000 }).map((bp) => rate(`${bp / 100}%`));
  const fedArb = fc.record({
    affiliateShare: pct,
    // At most 4 × 25%: config validation refuses shares over 100% (CONFIG_SHARE_OVER_100).
    shares: fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 0, maxLength: 4 }),
    remainder: fc.constantFrom({ kind: "largest" } as const, { kind: "retained" } as const),
  }).map(({ affiliateShare, shares, remainder }): FederationConfig => ({
    ...FED, affiliateShare, remainder,
    split: shares.map((bp, i) => ({ to: `body${i}`, share: rate(`${bp / 100}%`) })),
  }));
  const amount = fc.integer({ min: 1, max: 10_000_000_000 });
  const model = fc.constantFrom<"tax-full" | "tax-upward">("tax-full", "tax-upward");

  it("the refund, the own share and the bodies' shares always add up to the amount collected, and the entry balances", () => {
    fc.assert(fc.property(fedArb, amount, model, (fed, amt, mod) => {
      const c = matchTaxList("t", [line(A, amt)], [{ id: "x", name: "x", creditCode: A, collection: mod }], fed).collections[0]!;
      const sum = c.split.refund + c.split.own + c.split.bodies.reduce((t, b) => t + b.amount, 0);
      expect(sum).toBe(amt);
      expect(imbalance(taxCollectionPostings(c, ACC))).toBe(0);
      expect([c.split.refund, c.split.own, ...c.split.bodies.map((b) => b.amount)].every((x) => Number.isSafeInteger(x) && x >= 0)).toBe(true);
    }));
  });
  it("the refund is within one minor unit of amount × affiliate share (tax-full), and zero under tax-upward", () => {
    fc.assert(fc.property(fedArb, amount, (fed, amt) => {
      const full = matchTaxList("t", [line(A, amt)], [{ id: "x", name: "x", creditCode: A, collection: "tax-full" }], fed).collections[0]!;
      const exact = BigInt(amt) * fed.affiliateShare.num; // over den
      const diff = BigInt(full.split.refund) * fed.affiliateShare.den - exact;
      expect(diff < 0n ? -diff : diff).toBeLessThan(fed.affiliateShare.den);
      const up = matchTaxList("t", [line(A, amt)], [{ id: "x", name: "x", creditCode: A, collection: "tax-upward" }], fed).collections[0]!;
      expect(up.split.refund).toBe(0);
    }));
  });
  it("a body with a zero share gets zero", () => {
    fc.assert(fc.property(amount, (amt) => {
      const fed = { ...FED, split: [{ to: "zero", share: rate("0%") }, { to: "city", share: rate("25%") }] };
      const c = matchTaxList("t", [line(A, amt)], REGISTER, fed).collections[0]!;
      expect(c.split.bodies[0]!.amount).toBe(0);
    }));
  });
});
