// Statement lines against what the books expect: an exact amount in the date window
// matches; a named body or month narrows; two parties that could fit stay unmatched;
// a line already booked is not booked again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchStatement, periodsIn, type Expected, type StatementLine } from "../../src/domain/bank-match.js";

const line = (n: number, date: string, amount: number, ref = "", counterparty = ""): StatementLine => ({ line: n, date, amount, ref, counterparty });
const exp = (direction: "receive" | "remit", party: string, period: string, outstanding: number, components: number[] = [outstanding]): Expected => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { direction, party, period, dueDate: `${next}-15`, outstanding, components };
};
const names = [
  { party: "county", names: ["county", "某县总工会"] },
  { party: "city", names: ["city", "某市总工会"] },
];
const summary = (o: ReturnType<typeof matchStatement>) =>
  o.map((x) => (x.kind === "matched" ? [x.line.line, x.direction, x.party, x.period, x.how] : [x.line.line, x.reason]));

describe("matching statement lines", () => {
  it("matches money in to the employer and money out to a body by exact amount", () => {
    const r = matchStatement({
      lines: [line(2, "2026-02-10", 2_000_000), line(3, "2026-02-12", -150_000)],
      expected: [exp("receive", "employer", "2026-01", 2_000_000), exp("remit", "county", "2026-01", 150_000)],
      booked: [], names,
    });
    expect(summary(r)).toEqual([[2, "receive", "employer", "2026-01", "period"], [3, "remit", "county", "2026-01", "period"]]);
  });

  it("settles consecutive months with equal amounts in turn", () => {
    const r = matchStatement({
      lines: [line(2, "2026-03-10", -1000, "", "某县总工会"), line(3, "2026-03-11", -1000, "", "某县总工会")],
      expected: [exp("remit", "county", "2026-01", 1000), exp("remit", "county", "2026-02", 1000)],
      booked: [], names,
    });
    // Both months fit the first line, both of one body: applied oldest first, without a claimed month.
    expect(summary(r)).toEqual([[2, "remit", "county", null, "oldest-first"], [3, "remit", "county", "2026-02", "period"]]);
  });

  it("leaves a line that two bodies could be owed unmatched, unless the line names one", () => {
    const expected = [exp("remit", "county", "2026-01", 5000), exp("remit", "city", "2026-01", 5000)];
    expect(summary(matchStatement({ lines: [line(7, "2026-02-14", -5000)], expected, booked: [], names }))).toEqual([[7, "ambiguous"]]);
    expect(summary(matchStatement({ lines: [line(7, "2026-02-14", -5000, "上解经费", "某市总工会")], expected, booked: [], names })))
      .toEqual([[7, "remit", "city", "2026-01", "period"]]);
  });

  it("uses a month written in the reference", () => {
    const expected = [exp("receive", "employer", "2026-01", 900), exp("receive", "employer", "2026-02", 900)];
    const r = matchStatement({ lines: [line(4, "2026-03-01", 900, "2026年2月工会经费")], expected, booked: [], names });
    expect(summary(r)).toEqual([[4, "receive", "employer", "2026-02", "period"]]);
  });

  it("matches one share of a month paid on its own (dues and funds transferred apart)", () => {
    const r = matchStatement({ lines: [line(5, "2026-02-05", 3000)], expected: [exp("receive", "employer", "2026-01", 10000, [3000, 7000])], booked: [], names });
    expect(summary(r)).toEqual([[5, "receive", "employer", "2026-01", "component"]]);
  });

  it("matches a lump sum covering several open months of one party", () => {
    const expected = [exp("remit", "county", "2026-01", 1000), exp("remit", "county", "2026-02", 1200), exp("remit", "city", "2026-01", 1000)];
    const r = matchStatement({ lines: [line(9, "2026-04-10", -2200)], expected, booked: [], names });
    expect(summary(r)).toEqual([[9, "remit", "county", null, "lump"]]);
  });

  it("does not match outside the window, nor an amount nobody is owed", () => {
    const expected = [exp("receive", "employer", "2026-01", 1000)];
    const r = matchStatement({
      lines: [line(2, "2025-12-31", 1000), line(3, "2026-04-16", 1000), line(4, "2026-02-10", 999)],
      expected, booked: [], names,
    });
    // 2026-04-16 is 60 days after the due date 2026-02-15: inside the window (counts as the match);
    // 2025-12-31 is before January began; 999 fits nothing.
    expect(summary(r)).toEqual([[2, "no-candidate"], [4, "no-candidate"], [3, "receive", "employer", "2026-01", "period"]]);
    const late = matchStatement({ lines: [line(3, "2026-04-17", 1000)], expected, booked: [], names });
    expect(summary(late)).toEqual([[3, "no-candidate"]]);
  });

  it("skips a line already booked (the same statement line seen on a later statement)", () => {
    const r = matchStatement({
      lines: [line(2, "2026-02-10", 5000, "HX001"), line(3, "2026-02-10", 5000, "HX002")],
      expected: [exp("receive", "employer", "2026-02", 5000)],
      booked: [{ direction: "receive", date: "2026-02-10", amount: 5000, ref: "HX001" }], names,
    });
    expect(summary(r)).toEqual([[2, "already-booked"], [3, "receive", "employer", "2026-02", "period"]]);
  });

  it("skips money booked by hand a day or two before the bank's date, but not another body's", () => {
    const expected = [exp("remit", "county", "2026-01", 5000), exp("remit", "city", "2026-01", 5000)];
    const booked = [{ direction: "remit" as const, party: "county", date: "2026-02-12", amount: 5000, ref: "" }];
    const r = matchStatement({ lines: [line(2, "2026-02-14", -5000, "", "某市总工会"), line(3, "2026-02-14", -5000, "", "某县总工会")], expected, booked, names });
    // The city line is not the county payment; the county line is, two days later.
    expect(summary(r)).toEqual([[2, "remit", "city", "2026-01", "period"], [3, "already-booked"]]);
    const far = matchStatement({ lines: [line(3, "2026-02-16", -5000, "", "某县总工会")], expected, booked, names });
    expect(summary(far)).toEqual([[3, "remit", "county", "2026-01", "period"]]);
  });

  it("ignores zero lines", () => {
    expect(summary(matchStatement({ lines: [line(2, "2026-02-10", 0)], expected: [], booked: [], names }))).toEqual([[2, "zero"]]);
  });
});

describe("months written in references", () => {
  it("reads the usual ways of writing a month, but not a date", () => {
    expect(periodsIn("2026-09 上解")).toEqual(["2026-09"]);
    expect(periodsIn("会费202611")).toEqual(["2026-11"]);
    expect(periodsIn("2026年3月经费")).toEqual(["2026-03"]);
    expect(periodsIn("2026/1")).toEqual(["2026-01"]);
    expect(periodsIn("转账 2026-09-15")).toEqual([]);
    expect(periodsIn("2026年9月15日")).toEqual([]);
    expect(periodsIn("ref 20260915123")).toEqual([]);
  });
});

describe("matching, for any statement", () => {
  const party = fc.constantFrom("employer", "county", "city");
  const period = fc.constantFrom("2026-01", "2026-02", "2026-03");
  const expected = fc.array(fc.record({ party, period, amount: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 8 }).map((xs) => {
    // One expectation per party and month, as the reconciliation gives them.
    const seen = new Map<string, Expected>();
    for (const x of xs) {
      const k = `${x.party} ${x.period}`;
      if (!seen.has(k)) seen.set(k, exp(x.party === "employer" ? "receive" : "remit", x.party, x.period, x.amount, [x.amount]));
    }
    return [...seen.values()];
  });
  const lines = fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 4 }), amount: fc.integer({ min: -5000, max: 5000 }) }), { maxLength: 10 })
    .map((xs) => xs.map((x, i) => line(i + 2, `2026-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`, x.amount)));

  it("gives every line one outcome and never books more to a party than it was open", () => {
    fc.assert(fc.property(expected, lines, (exps, ls) => {
      const out = matchStatement({ lines: ls, expected: exps, booked: [], names });
      expect(out.map((o) => o.line.line).sort((a, b) => a - b)).toEqual(ls.map((l) => l.line));
      const booked = new Map<string, number>();
      for (const o of out) {
        if (o.kind !== "matched") continue;
        expect(o.direction).toBe(o.line.amount > 0 ? "receive" : "remit");
        expect(o.amount).toBe(Math.abs(o.line.amount));
        booked.set(o.party, (booked.get(o.party) ?? 0) + o.amount);
        if (o.period) expect(exps.some((e) => e.party === o.party && e.period === o.period)).toBe(true);
      }
      for (const [p, total] of booked) expect(total).toBeLessThanOrEqual(exps.filter((e) => e.party === p).reduce((t, e) => t + e.outstanding, 0));
    }));
  });
});
