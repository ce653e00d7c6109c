// Scenario: "other unions" — a Canadian local whose flat dues are scaled by hours worked
// (100% / 50% / 25%), written as bands on an hours column; CAD; a French-language file
// with ";" and decimal commas; an exempt status in the local's own word (Retraité);
// affiliation fees (per capita) to the national union per paying member and to the CLC
// and the provincial federation per member, exempt ones too.
// Files: fixtures/scenarios/ca-local/. Every expected amount is worked by hand below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingsOf, scenario, type Scenario } from "./helpers.js";

// Bands on hours (inclusive): ≤ 40 → 12.50; ≤ 80 → 25.00; above → 50.00.
//   A1 Élise Tremblay 160,00 h → 50.00   deducted 50,00
//   A2 Marc Gagnon     80,00 h → 25.00 (on the boundary)   25,00
//   A3 Zoé Roy         40,00 h → 12.50 (on the boundary)   25,00  → 12.50 over
//   A4 Luc Côté        Retraité: exempt     0.00            0,00
//   A5 Anne Lavoie    172,50 h → 50.00                      50,00
//   A6 Paul Bouchard   40,25 h → 25.00 (a quarter hour over) 12,50 → 12.50 short
//   dues 50 + 25 + 12.50 + 50 + 25 = 162.50; deducted 50 + 25 + 25 + 50 + 12.50 = 162.50
//   difference 0.00 although 2 rows disagree: arrears 12.50 and credits 12.50 both booked.
//   duesBase (hours of members assessed) 160 + 80 + 40 + 172.50 + 40.25 = 492.75
//   paying 5: national 5 × 14.20 = 71.00; all members 6: clc 6 × 0.75 = 4.50, ofl 6 × 0.68 = 4.08
//   retained 162.50 − 79.58 = 82.92
describe("a Canadian local: hours-scaled flat dues, decimal commas, affiliation fees", () => {
  let s: Scenario;
  let j: any;

  beforeAll(() => {
    s = scenario("ca-local");
    expect(s.run(["init"]).code).toBe(0);
    j = s.json(["import", "payroll", "payroll-2026-03.csv", "--period", "2026-03"]);
  }, 60_000);
  afterAll(() => s.cleanup());

  it("reads the French file and totals the month exactly", () => {
    expect(j).toMatchObject({ encoding: "utf-8", rows: 6, employees: 6, members: 6, exempt: 1 });
    expect(j.totals).toEqual({ fundsBase: "0.00", duesBase: "492.75", dues: "162.50", funds: "0.00", deducted: "162.50" });
    expect(j.shares).toEqual([
      { stream: "per-capita", to: "national", amount: "71.00" },
      { stream: "per-capita", to: "clc", amount: "4.50" },
      { stream: "per-capita", to: "ofl", amount: "4.08" },
      { stream: "dues", to: "retained", amount: "82.92" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 2, difference: "0.00" });
  });

  it("books offsetting check-off differences on both sides instead of netting them away", () => {
    // Dr 1210 162.50 + Dr 1230 12.50 = Cr 2150 12.50 + Cr 4010 82.92 + Cr 2110 71.00 + 4.50 + 4.08
    const e = s.json(["report", "journal"]).entries;
    expect(e.map(postingsOf)).toEqual([{
      "1210": "162.50", "1230": "12.50", "2150": "-12.50", "4010": "-82.92",
      "2110:national": "-71.00", "2110:clc": "-4.50", "2110:ofl": "-4.08",
    }]);
    const zoe = s.json(["members", "show", "A3"]);
    expect(zoe.name).toBe("Zoé Roy");
    expect(zoe.periods[0]).toMatchObject({ duesBase: "40.00", dues: "12.50", deducted: "25.00", difference: "12.50" });
    expect(s.json(["members", "show", "A6"]).periods[0]).toMatchObject({ duesBase: "40.25", dues: "25.00", deducted: "12.50", difference: "-12.50" });
    expect(s.json(["members", "show", "A4"]).periods[0]).toMatchObject({ exempt: true, dues: "0.00" });
  });

  it("takes the employer's transfer and a partial remittance to the national union", () => {
    s.json(["receive", "--from", "employer", "--amount", "162.50", "--date", "2026-04-08"]);
    const emp = s.json(["reconcile", "--employer"]);
    expect(emp.rows.map((x: any) => [x.period, x.due, x.paid, x.status])).toEqual([["2026-03", "162.50", "162.50", "paid"]]);
    s.json(["remit", "--to", "national", "--amount", "50.00", "--date", "2026-04-10"]);
    const nat = s.json(["reconcile", "--body", "national"], 1);
    // 71.00 due − 50.00 paid (no --period: oldest month first) = 21.00
    expect(nat.rows.map((x: any) => [x.period, x.due, x.paid, x.outstanding, x.status])).toEqual([["2026-03", "71.00", "50.00", "21.00", "partial"]]);
  });
});
