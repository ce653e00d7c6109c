// Scenario: a US or UK treasurer writing dues.yaml by hand makes the mistakes their own
// habits suggest: thousands separators inside { }, a rate without its % sign, dollar
// signs on amounts. Each is either read as meant or refused with a hint that says what
// to write, before anything touches the ledger.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scenario, type Scenario } from "./helpers.js";

const yaml = (dues: string, perCapita = "") => `union: { name: Example Branch, currency: GBP, locale: en, chart: generic }
bodies: [ { id: national, name: National Office } ]
sources:
  default:
    columns: { employee_id: [Payroll Number], name: [Name], deducted: [Subscription] }
    bases: { pay: [Monthly Pay] }
membership: all
schemes:
  - effective_from: 2026-01-01
    document: Conference 2025
    dues: ${dues}
${perCapita}`;

describe("hand-written dues.yaml mistakes from US and UK habits", () => {
  const s: Scenario = scenario();
  afterAll(() => s.cleanup());
  const check = (text: string) => {
    writeFileSync(join(s.dir, "dues.yaml"), text);
    return s.run(["config", "check", "--json"]);
  };

  it("explains a thousands separator inside { } instead of listing the allowed keys", () => {
    const r = check(yaml("{ base: pay, bands: [ { up_to: 1,500.00, amount: 8.00 }, { amount: 12.00 } ] }"));
    expect(r.code).toBe(65);
    const p = JSON.parse(r.stdout).problems;
    expect(p.map((x: any) => x.code)).toEqual(["CONFIG_UNKNOWN_KEY"]);
    expect(p[0].message).toContain("`500.00`");
    expect(p[0].hint).toMatch(/comma starts a new key.*1500\.00.*"1,500\.00"/);
  });

  it("reads a quoted amount with a thousands separator as meant, and puts 1,500.00 in the lower band", () => {
    // bands: ≤ 1,500.00 → 8.00; above → 12.00. 1,500.00 → 8.00; 1,500.01 → 12.00; dues 20.00,
    // national 75% = 15.00, retained 5.00.
    const r = check(yaml(`{ base: pay, bands: [ { up_to: "1,500.00", amount: 8.00 }, { amount: 12.00 } ], split: [ { to: national, share: 75% } ] }`));
    expect(r.code, r.stdout).toBe(0);
    writeFileSync(join(s.dir, "p.csv"), "Payroll Number,Name,Monthly Pay,Subscription\n1,Ann,1500.00,8.00\n2,Bev,1500.01,12.00\n");
    expect(s.run(["init"]).code).toBe(0);
    const j = s.json(["import", "payroll", "p.csv", "--period", "2026-01"]);
    expect(j.totals).toMatchObject({ dues: "20.00", deducted: "20.00" });
    expect(j.shares).toEqual([{ stream: "dues", to: "retained", amount: "5.00" }, { stream: "dues", to: "national", amount: "15.00" }]);
  });

  it("refuses a rate without its % sign when it cannot be a fraction", () => {
    // rate: 1.5 could be 1.5% or 150%: refused, never guessed.
    const r = check(yaml("{ base: pay, rate: 1.5 }"));
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout).problems.map((x: any) => x.code)).toEqual(["CONFIG_RATE_UNREADABLE"]);
  });

  it("accepts currency signs on amounts", () => {
    const r = check(yaml(`{ base: pay, rate: 1%, min: "£5.00", max: £20.00 }`, "    per_capita: [ { to: national, amount: £1.10 } ]\n"));
    expect(r.code, r.stdout).toBe(0);
    const sc = JSON.parse(r.stdout).schemes[0];
    expect([sc.dues.min, sc.dues.max]).toEqual(["5.00", "20.00"]);
    expect(JSON.stringify(sc.perCapita)).toContain("1.10");
  });
});
