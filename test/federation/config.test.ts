// `federation:` in dues.yaml: the collection model, the affiliate's share, the split of what
// reaches the federation, due day and late fee for affiliates; problems with line and column.
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/app/templates/index.js";
import { splitCollection, splitUpward } from "../../src/domain/federation.js";
import { check, edit, locate } from "../config/fixtures.js";

const COUNTY = TEMPLATES["cn-county"];

describe("federation: in dues.yaml", () => {
  it("is absent for a base union, and the county template reads as a federation", () => {
    expect(check(TEMPLATES["cn-base"]).value!.federation).toBeUndefined();
    const f = check(COUNTY).value!.federation!;
    expect(f.receives).toBe("all");
    expect(f.preparatory).toBe("income");
    expect(f.remainder).toEqual({ kind: "largest" });
  });

  it("a base union's chart cannot keep a federation: CONFIG_FEDERATION_CHART", () => {
    const yaml = edit("chart: cn-2021-county ", "chart: cn-2021-base   ", COUNTY);
    const r = check(yaml);
    expect(r.value).toBeUndefined();
    const p = r.problems.find((x) => x.code === "CONFIG_FEDERATION_CHART")!;
    expect(p).toBeDefined();
    expect(p.line).toBe(locate(yaml, "collection: union-collects").line);
  });

  it("an unknown collection model, a split over 100%, an unknown body and a bad late fee are all reported at once, each where it is", () => {
    let yaml = edit("collection: union-collects", "collection: tax-all", COUNTY);
    yaml = edit("{ to: province, share: 37.5% }", "{ to: provice, share: 80% }", yaml);
    yaml = edit("late_fee: { per_day: 5‰, cap: principal }", "late_fee: { per_day: 5‰, cap: double }", yaml);
    yaml = edit("due_day: 15                   #", "due_day: 31                   #", yaml);
    const r = check(yaml);
    expect(r.value).toBeUndefined();
    const at = (code: string) => r.problems.filter((p) => p.code === code).map((p) => `${p.line}:${p.column}`);
    expect(at("CONFIG_UNKNOWN_VALUE")).toContain(`${locate(yaml, "tax-all").line}:${locate(yaml, "tax-all").column}`);
    expect(at("CONFIG_UNKNOWN_BODY")).toEqual([`${locate(yaml, "provice").line}:${locate(yaml, "provice").column}`]);
    expect(at("CONFIG_SHARE_OVER_100")).toHaveLength(1);
    expect(at("CONFIG_LATE_FEE")).toEqual([`${locate(yaml, "double").line}:${locate(yaml, "double").column}`]);
    expect(at("CONFIG_DUE_DAY")).toEqual([`${locate(yaml, "31 ", "federation:").line}:${locate(yaml, "31 ", "federation:").column}`]);
    const hint = r.problems.find((p) => p.code === "CONFIG_UNKNOWN_VALUE")!.hint!;
    expect(hint.en).toContain("tax-full");
  });

  it("an unknown key under federation has a did-you-mean", () => {
    const yaml = edit("affiliate_share: 60%", "affiliate_shares: 60%", COUNTY);
    const p = check(yaml).problems.find((x) => x.code === "CONFIG_UNKNOWN_KEY")!;
    expect(p.hint!.en).toContain("affiliate_share");
  });
});

describe("splitting what an affiliate pays (largest remainder, exact to the cent)", () => {
  const fed = check(COUNTY).value!.federation!;

  it("union-collects: 400.01 reaching the county splits 25/25/37.5/12.5 and adds up", () => {
    const s = splitUpward(40001, fed);
    const total = s.own + s.bodies.reduce((t, b) => t + b.amount, 0);
    expect(total).toBe(40001);
    expect(s.bodies.map((b) => b.to)).toEqual(["city", "province", "acftu"]);
    // exact: 100.0025, 100.0025, 150.00375, 50.00125 → floors 100.00, 100.00, 150.00, 50.00 and one cent to the largest remainder (province, .375)
    expect([s.own, ...s.bodies.map((b) => b.amount)]).toEqual([10000, 10000, 15001, 5000]);
    expect(s.refund).toBe(0);
  });

  it("tax-full: the whole 2% comes in; 60% is refunded (212), the 40% splits as above", () => {
    const s = splitCollection(100001, "tax-full", fed);
    expect(s.refund).toBe(60001); // 600.006 → 600.01 (remainder .6 beats .4)
    expect(s.own + s.bodies.reduce((t, b) => t + b.amount, 0)).toBe(40000);
    expect(s.own + s.refund + s.bodies.reduce((t, b) => t + b.amount, 0)).toBe(100001);
  });

  it("tax-upward: only the upward share comes in, no refund", () => {
    expect(splitCollection(40000, "tax-upward", fed)).toEqual(splitUpward(40000, fed));
  });
});
