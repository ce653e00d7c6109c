// Every template `dues init` writes validates with no problem at all, and says what
// DOMAIN.md says it should (0.5% on a 10-yuan step, 60% kept, per-capita, 11 bands).
import { describe, expect, it } from "vitest";
import { TEMPLATES, TEMPLATE_IDS } from "../../src/app/templates/index.js";
import { sumRates } from "../../src/domain/rate.js";
import { check } from "./fixtures.js";

describe("templates", () => {
  it("there are exactly cn-base, cn-county, us-local, us-council and uk-branch", () => {
    expect([...TEMPLATE_IDS].sort()).toEqual(["cn-base", "cn-county", "uk-branch", "us-council", "us-local"]);
  });

  for (const id of TEMPLATE_IDS) {
    it(`${id} validates cleanly: no errors and no warnings`, () => {
      const r = check(TEMPLATES[id]);
      expect(r.problems.map((p) => `${p.code} ${p.line}:${p.column}`)).toEqual([]);
      expect(r.value).toBeDefined();
    });

    it(`${id} is heavily commented and names the document its rates come from`, () => {
      const lines = TEMPLATES[id].split("\n");
      expect(lines.filter((l) => l.includes("#")).length).toBeGreaterThan(20);
      expect(check(TEMPLATES[id]).value!.schemes.every((s) => s.document.length > 0)).toBe(true);
    });
  }

  it("cn-base: 0.5% of 基本工资+岗位工资 on a 10-yuan step, retired and unemployed exempt, 2% of 应发工资 with 60% kept", () => {
    const c = check(TEMPLATES["cn-base"]).value!;
    expect(c.union).toMatchObject({ currency: { code: "CNY", digits: 2 }, locale: "zh-CN", chart: "cn-2021-base" });
    const s = c.schemes[0]!;
    expect(c.sources.default!.bases[s.dues.base]).toEqual(["基本工资", "岗位工资"]);
    expect(s.dues.baseStep).toBe(1000);
    expect(s.dues.method).toMatchObject({ kind: "rate", rate: { num: 1n, den: 200n } });
    expect(s.dues.exempt).toEqual(expect.arrayContaining(["retired", "unemployed"]));
    expect(s.dues.split).toEqual([]);
    expect(c.sources.default!.bases[s.funds!.base]).toEqual(["应发工资"]);
    expect(s.funds!.rate).toMatchObject({ num: 1n, den: 50n });
    expect(sumRates(s.funds!.split.map((x) => x.share))).toEqual({ num: 2n, den: 5n }); // 40% up, 60% kept
    expect(TEMPLATES["cn-base"]).toMatch(/占位/); // the treasurer is told the upward shares are placeholders
  });

  it("us-local: percentage dues between a min and a max, per-capita to three bodies, USD, en, generic, check-off column", () => {
    const c = check(TEMPLATES["us-local"]).value!;
    expect(c.union).toMatchObject({ currency: { code: "USD" }, locale: "en", chart: "generic" });
    const s = c.schemes[0]!;
    expect(s.dues.method.kind).toBe("rate");
    expect(s.dues.min).not.toBeNull();
    expect(s.dues.max).not.toBeNull();
    expect(s.dues.min!).toBeLessThan(s.dues.max!);
    expect(s.perCapita.map((p) => p.to)).toEqual(c.bodies.map((b) => b.id));
    expect(s.perCapita).toHaveLength(3);
    expect(c.sources.default!.columns.deducted!.length).toBeGreaterThan(0);
    expect(s.funds).toBeNull();
  });

  it("uk-branch: 11 subscription bands in GBP from 1.30 to 22.50, the last open-ended", () => {
    const c = check(TEMPLATES["uk-branch"]).value!;
    expect(c.union).toMatchObject({ currency: { code: "GBP" }, chart: "generic" });
    const m = c.schemes[0]!.dues.method;
    if (m.kind !== "bands") throw new Error("uk-branch should use bands");
    expect(m.bands).toHaveLength(11);
    expect(m.bands[0]!.amount).toBe(130);
    expect(m.bands[10]).toEqual({ upTo: null, amount: 2250 });
  });

  it("cn-county: chart cn-2021-county, a federation collecting union-collects with 60% kept below, 5‰ a day capped at the principal, due the 15th", () => {
    const c = check(TEMPLATES["cn-county"]).value!;
    expect(c.union.chart).toBe("cn-2021-county");
    const f = c.federation!;
    expect(f.collection).toBe("union-collects");
    expect(f.fundsRate).toMatchObject({ num: 1n, den: 50n });
    expect(f.affiliateShare).toMatchObject({ num: 3n, den: 5n });
    expect(f.split.map((s) => s.to)).toEqual(["city", "province", "acftu"]);
    expect(sumRates(f.split.map((s) => s.share))).toEqual({ num: 3n, den: 4n }); // the county keeps a quarter of what reaches it
    expect(f.dueDay).toBe(15);
    expect(f.lateFee).toMatchObject({ perDay: { num: 1n, den: 200n }, cap: "principal" });
    expect(TEMPLATES["cn-county"]).toMatch(/占位/);
  });

  it("us-council: generic chart, per-capita received from locals as `council`, a share passed on to the International", () => {
    const c = check(TEMPLATES["us-council"]).value!;
    expect(c.union).toMatchObject({ currency: { code: "USD" }, chart: "generic" });
    expect(c.federation!.receives).toEqual(["council"]);
    expect(c.federation!.split).toEqual([{ to: "intl", share: expect.objectContaining({ num: 1n, den: 10n }) }]);
    expect(c.federation!.lateFee).toBeNull();
  });

  it("base-union templates have no federation", () => {
    for (const id of ["cn-base", "us-local", "uk-branch"] as const) expect(check(TEMPLATES[id]).value!.federation).toBeUndefined();
  });
});
