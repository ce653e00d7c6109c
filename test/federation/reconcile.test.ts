// `dues reconcile --affiliates` before any advice has come: a month is expected from the
// register's funds base (2% × (100% − the affiliate's 60%)), an affiliate without one shows
// "no advice", and one whose funds the tax authority collects, with no collection either, is
// shown the same way (the federation must chase it). No late fee is charged on an estimate
// (5‰ a day, capped at the principal, once an advice gives the amount).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { REGISTER } from "./fixtures.js";

let t: { dir: string; cleanup: () => void };
const run = (...args: string[]) => dues([...args, "--lang", "en"], { cwd: t.dir });

beforeAll(() => {
  t = tempDir("dues-fed-rec-");
  expect(run("init", "--template", "cn-county").code).toBe(0);
  writeFiles(t.dir, { "aff.csv": REGISTER });
  expect(run("affiliates", "import", "aff.csv").code).toBe(0);
});
afterAll(() => t.cleanup());

describe("reconcile --affiliates without advices", () => {
  it("estimates from the funds base, flags the silent affiliate, shows the silent tax-collected one too; no late fee on an estimate; exit 1", () => {
    const r = run("reconcile", "--affiliates", "--from", "2026-01", "--to", "2026-02", "--as-of", "2026-09-15", "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    // acme: 1,000,000.00 × 2% = 20,000.00; the affiliate keeps 60%: 8,000.00 comes here.
    // 2026-01 due 02-15, 212 days late by 09-15; the late fee waits for the advice's amount.
    // beta (tax-full, neither an advice nor a collection): 500,000.00 × 2% × 40% = 4,000.00.
    expect(j.rows.map((x: any) => [x.affiliate, x.period, x.source, x.expected, x.status, x.lateDays, x.lateFee])).toEqual([
      ["acme", "2026-01", "estimate", "8000.00", "unpaid", 212, "0.00"],
      ["acme", "2026-02", "estimate", "8000.00", "unpaid", 184, "0.00"],
      ["beta", "2026-01", "estimate", "4000.00", "unpaid", 212, "0.00"],
      ["beta", "2026-02", "estimate", "4000.00", "unpaid", 184, "0.00"],
      ["gamma", "2026-01", "none", "0.00", "no-advice", 212, "0.00"],
      ["gamma", "2026-02", "none", "0.00", "no-advice", 184, "0.00"],
    ]);
    expect(j.totals).toEqual({ expected: "24000.00", received: "0.00", outstanding: "24000.00", lateFee: "0.00" });
    expect(j.settled).toBe(false);
    const text = run("reconcile", "--affiliates", "--from", "2026-01", "--to", "2026-02", "--as-of", "2026-09-15");
    expect(text.stdout).toContain("8,000.00*");
    expect(text.stdout).toContain("no advice");
  });

  it("an unknown --affiliate and a bad month are usage errors (64)", () => {
    const u = run("reconcile", "--affiliates", "--affiliate", "zeta");
    expect(u.code).toBe(64);
    expect(u.stderr).toContain("AFFILIATES_UNKNOWN");
    const p = run("reconcile", "--affiliates", "--from", "2026-13");
    expect(p.code).toBe(64);
    expect(p.stderr).toContain("RECONCILE_PERIOD_INVALID");
  });

  it("arrears --affiliates looks at the months from the first advice on: with none yet, nobody is listed", () => {
    const a = JSON.parse(run("arrears", "--affiliates", "--as-of", "2026-09-15", "--json").stdout);
    expect(a.affiliates).toEqual([]);
  });
});

describe("dues config check of a federation", () => {
  it("summarises federation: (JSON and text); a base union's summary has no such key", () => {
    const j = JSON.parse(run("config", "check", "--json").stdout);
    const f = j.federation ?? j.summary?.federation;
    expect(f).toEqual({
      collection: "union-collects", fundsRate: "2%", affiliateShare: "60%", split: [{ to: "city", share: "25%" }, { to: "province", share: "37.5%" }, { to: "acftu", share: "12.5%" }],
      remainder: "largest", receives: "all", dueDay: 15, lateFee: { perDay: "0.5%", cap: "principal" }, preparatory: "income",
    });
    expect(run("config", "check").stdout).toContain("of what reaches us: city 25%, province 37.5%, acftu 12.5%");
    const b = tempDir("dues-base-check-");
    try {
      dues(["init", "--template", "cn-base"], { cwd: b.dir });
      const base = JSON.parse(dues(["config", "check", "--json"], { cwd: b.dir }).stdout);
      expect(JSON.stringify(base)).not.toContain("federation");
    } finally {
      b.cleanup();
    }
  });
});

