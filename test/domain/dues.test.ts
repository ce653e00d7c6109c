// One member's dues: the 10-yuan base rule, rate with per-member rounding, flat amounts,
// bands, min and max, and exemptions by status written in Chinese or English.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { memberDues, normaliseStatus, statusIn } from "../../src/domain/dues.js";
import { formatMinor, parseAmount } from "../../src/domain/money.js";
import { parseRate } from "../../src/domain/rate.js";
import { parseRounding } from "../../src/domain/rounding.js";
import type { DuesMethod, DuesRule } from "../../src/domain/scheme.js";

const yuan = (s: string): number => {
  const r = parseAmount(s, { digits: 2 });
  if (!r.ok) throw new Error(`test amount ${s}: ${r.reason}`);
  return r.minor;
};

// The China rule of DOMAIN.md: 0.5%, base truncated to a whole 10 yuan, half-up to the fen.
function rule(over: Partial<DuesRule> = {}): DuesRule {
  return {
    base: "dues",
    baseStep: yuan("10"),
    method: { kind: "rate", rate: parseRate("0.5%")! },
    round: parseRounding("0.01", "half-up", 2)!,
    min: null,
    max: null,
    exempt: ["retired", "unemployed"],
    split: [],
    remainder: { kind: "largest" },
    ...over,
  };
}
const member = (base: string, status: string | null = null) => ({ base: yuan(base), status, member: true });
const dues = (r: DuesRule, base: string, status: string | null = null) => formatMinor(memberDues(member(base, status), r).dues, 2);

describe("memberDues: rate", () => {
  it("base 6,789.45 → truncated 6,780.00 → dues 33.90 at 0.5% half-up (DOMAIN.md)", () => {
    const d = memberDues(member("6,789.45"), rule());
    expect(formatMinor(d.truncatedBase, 2)).toBe("6780.00");
    expect(formatMinor(d.dues, 2)).toBe("33.90");
    expect(d.exempt).toBe(false);
    expect(d.reason).toBeNull();
  });

  it("under the 10-yuan rule dues are always whole multiples of 0.05 yuan", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (base) => {
        const d = memberDues({ base, status: null, member: true }, rule());
        expect(d.dues % 5).toBe(0);
        expect(d.truncatedBase % 1000).toBe(0);
        expect(base - d.truncatedBase).toBeLessThan(1000);
      }),
    );
  });

  it("rounds per member by the rule's mode: 0.5% of 2,345.00 is 11.725", () => {
    const noStep = { baseStep: 0 };
    expect(dues(rule({ ...noStep }), "2345.00")).toBe("11.73");
    expect(dues(rule({ ...noStep, round: parseRounding("0.01", "half-even", 2)! }), "2345.00")).toBe("11.72");
    expect(dues(rule({ ...noStep, round: parseRounding("0.01", "down", 2)! }), "2345.00")).toBe("11.72");
    expect(dues(rule({ ...noStep, round: parseRounding("0.1", "up", 2)! }), "2345.00")).toBe("11.80");
    expect(dues(rule({ ...noStep, round: parseRounding("1", "half-up", 2)! }), "2345.00")).toBe("12.00");
  });

  it("a base of zero pays nothing, without a minimum", () => {
    expect(dues(rule({ min: yuan("5.00") }), "0")).toBe("0.00");
    expect(dues(rule(), "9.99")).toBe("0.00"); // below one whole 10 yuan
  });
});

describe("memberDues: min and max (US style: 0.8% with a floor and a cap)", () => {
  const us = rule({ baseStep: 0, method: { kind: "rate", rate: parseRate("0.8%")! }, min: yuan("15.00"), max: yuan("60.00"), exempt: [] });
  it("raises to the minimum, caps at the maximum, leaves the middle alone", () => {
    expect(dues(us, "1000.00")).toBe("15.00"); // 8.00 → 15.00
    expect(dues(us, "5000.00")).toBe("40.00");
    expect(dues(us, "10000.00")).toBe("60.00"); // 80.00 → 60.00
  });
  it("never raises an exempt member or a non-member to the minimum", () => {
    expect(memberDues({ base: yuan("1000"), status: null, member: false }, us).dues).toBe(0);
    expect(memberDues({ base: yuan("1000"), status: "retired", member: true }, { ...us, exempt: ["retired"] }).dues).toBe(0);
  });
});

describe("memberDues: flat and bands", () => {
  it("a flat amount is the amount, whatever the base", () => {
    const flat = rule({ method: { kind: "flat", amount: yuan("12.00") } });
    expect(dues(flat, "100.00")).toBe("12.00");
    expect(dues(flat, "100000.00")).toBe("12.00");
  });

  // Three bands in the UNISON style: up to 2,000; up to 3,000; above.
  const bands: DuesMethod = {
    kind: "bands",
    bands: [
      { upTo: yuan("2000"), amount: yuan("1.30") },
      { upTo: yuan("3000"), amount: yuan("5.00") },
      { upTo: null, amount: yuan("22.50") },
    ],
  };
  const banded = rule({ method: bands, baseStep: 0 });
  it("takes the first band whose upper bound is at or above the base (bounds are inclusive)", () => {
    expect(dues(banded, "0.00")).toBe("1.30");
    expect(dues(banded, "2000.00")).toBe("1.30");
    expect(dues(banded, "2000.01")).toBe("5.00");
    expect(dues(banded, "3000.00")).toBe("5.00");
    expect(dues(banded, "3000.01")).toBe("22.50");
    expect(dues(banded, "99999.00")).toBe("22.50");
  });
  it("compares the truncated base with the bands: 2,009.99 counts as 2,000 under the 10-yuan rule", () => {
    expect(dues(rule({ method: bands }), "2009.99")).toBe("1.30");
  });
});

describe("memberDues: exemptions", () => {
  it("retired and unemployed members keep membership and pay nothing (章程 Art. 8)", () => {
    for (const status of ["retired", "Retired", " RETIRED ", "退休", "离休", "离退休", "unemployed", "失业", "下岗"]) {
      const d = memberDues(member("6789.45", status), rule());
      expect(d.dues, status).toBe(0);
      expect(d.exempt, status).toBe(true);
      expect(d.reason, status).toBe("exempt-status");
    }
  });

  it("active members and unlisted statuses pay", () => {
    for (const status of [null, "", "active", "在职", "on leave", "apprentice"]) {
      expect(dues(rule(), "6789.45", status), String(status)).toBe("33.90");
    }
  });

  it("a non-member pays nothing and is not counted as exempt", () => {
    const d = memberDues({ base: yuan("6789.45"), status: "retired", member: false }, rule());
    expect(d).toEqual({ truncatedBase: yuan("6780"), dues: 0, exempt: false, reason: "not-member" });
  });

  it("a union's own status words match each other case-insensitively, not every unknown word", () => {
    const r = rule({ exempt: ["Apprentice", "学徒"] });
    expect(memberDues(member("5000", "apprentice"), r).exempt).toBe(true);
    expect(memberDues(member("5000", "学徒"), r).exempt).toBe(true);
    expect(memberDues(member("5000", "trainee"), r).exempt).toBe(false);
  });
});

describe("normaliseStatus", () => {
  it("maps zh and en words to the canonical statuses", () => {
    const cases: [string, string][] = [
      ["退休", "retired"], ["离休", "retired"], ["Pensioner", "retired"],
      ["失业", "unemployed"], ["laid off", "unemployed"], ["待岗", "unemployed"],
      ["在职", "active"], ["Active", "active"], ["", "active"],
      ["on leave", "leave"], ["产假", "leave"], ["停薪留职", "leave"], ["unpaid_leave", "leave"],
      ["suspended", "suspended"], ["暂停会籍", "suspended"],
      ["apprentice", "other"], ["学徒", "other"],
    ];
    for (const [raw, want] of cases) expect(normaliseStatus(raw), raw).toBe(want);
  });

  it("statusIn with an empty list is never true", () => {
    expect(statusIn("retired", [])).toBe(false);
  });
});
