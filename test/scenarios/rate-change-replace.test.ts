// Scenario: the dues rate changes in the middle of the year (a second scheme from
// 2026-07-01), and July's payroll is first imported wrong (a typo in one base and a
// member who had left) and then replaced with the corrected file. The voided batch must
// no longer count anywhere: not in the International's reconciliation, not in the
// members' dues history, not in the balances.
// Files: fixtures/scenarios/rate-change-replace/. Every expected amount is worked by hand.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingsOf, scenario, trialByAccount, type Scenario } from "./helpers.js";

// Dues 1% until June, 1.25% from July, to the cent half-up (the default); intl 30% of dues.
//
// June (1%): M1 4,000.00 → 40.00; M2 2,550.50 → 25.505 → 25.51. dues 65.51, all deducted.
//   intl 30% = 19.653 → 19.65 (lost 0.3¢); retained 70% = 45.857 → 45.85 (lost 0.7¢):
//   the odd cent is retained's → retained 45.86, intl 19.65.
// July, first file (1.25%): M1 4,000.00 → 50.00; M2 5,505.20 (typo) → 68.815 → 68.82,
//   deducted 31.88: 36.94 short; M3 3,000.00 → 37.50 (had left). dues 156.32,
//   deducted 119.38, difference −36.94. intl 30% = 46.896 → 46.89 (lost 0.6¢); retained
//   109.424 → 109.42 (lost 0.4¢) → intl 46.90, retained 109.42.
// The treasurer remits 46.90 to intl for July on the wrong figure.
// July, corrected (1.25%): M1 50.00; M2 2,550.50 → 31.88125 → 31.88. dues 81.88, all deducted.
//   intl 30% = 24.564 → 24.56 (lost 0.4¢); retained 57.316 → 57.31 (lost 0.6¢) → retained 57.32.
describe("a rate change mid-year, and a corrected payroll imported with --replace", () => {
  let s: Scenario;
  let june: any;
  let first: any;
  let corrected: any;

  beforeAll(() => {
    s = scenario("rate-change-replace");
    expect(s.run(["init"]).code).toBe(0);
    june = s.json(["import", "payroll", "payroll-2026-06.csv", "--period", "2026-06"]);
    first = s.json(["import", "payroll", "payroll-2026-07-first.csv", "--period", "2026-07"]);
    s.json(["remit", "--to", "intl", "--amount", "46.90", "--date", "2026-08-10", "--period", "2026-07"]);
  }, 60_000);
  afterAll(() => s.cleanup());

  it("uses each period's own scheme: 1% in June, 1.25% in July", () => {
    expect(june.totals).toMatchObject({ duesBase: "6550.50", dues: "65.51", deducted: "65.51" });
    expect(june.shares).toEqual([{ stream: "dues", to: "retained", amount: "45.86" }, { stream: "dues", to: "intl", amount: "19.65" }]);
    expect(first.totals).toMatchObject({ duesBase: "12505.20", dues: "156.32", deducted: "119.38" });
    expect(first.shares).toEqual([{ stream: "dues", to: "retained", amount: "109.42" }, { stream: "dues", to: "intl", amount: "46.90" }]);
    expect(first.checkoff).toEqual({ mismatches: 1, difference: "-36.94" });
  });

  it("refuses a second July file without --replace, and takes it with --replace", () => {
    const refused = s.json(["import", "payroll", "payroll-2026-07-corrected.csv", "--period", "2026-07"], 65);
    expect(refused.problems.map((p: any) => p.code)).toEqual(["IMPORT_PERIOD_ALREADY_IMPORTED"]);
    corrected = s.json(["import", "payroll", "payroll-2026-07-corrected.csv", "--period", "2026-07", "--replace"]);
    expect(corrected).toMatchObject({ period: "2026-07", rows: 2, members: 2 });
    expect(corrected.totals).toMatchObject({ duesBase: "6550.50", dues: "81.88", deducted: "81.88" });
    expect(corrected.shares).toEqual([{ stream: "dues", to: "retained", amount: "57.32" }, { stream: "dues", to: "intl", amount: "24.56" }]);
    expect(corrected.checkoff).toEqual({ mismatches: 0, difference: "0.00" });
  });

  it("reconciles the International against the corrected July only", () => {
    // June 19.65 unpaid; July due 24.56 (not 46.90), paid 46.90 → overpaid by 22.34.
    const r = s.json(["reconcile", "--body", "intl"], 1);
    expect(r.rows.map((x: any) => [x.period, x.due, x.paid, x.outstanding, x.status])).toEqual([
      ["2026-06", "19.65", "0.00", "19.65", "unpaid"],
      ["2026-07", "24.56", "46.90", "-22.34", "overpaid"],
    ]);
    // 19.65 + 24.56 = 44.21 due; 44.21 − 46.90 = −2.69
    expect(r.totals).toEqual({ due: "44.21", paid: "46.90", outstanding: "-2.69" });
  });

  it("keeps the voided lines out of the members' dues history", () => {
    const m2 = s.json(["members", "show", "M2"]).periods;
    expect(m2.map((p: any) => [p.period, p.duesBase, p.rate, p.dues, p.deducted, p.difference])).toEqual([
      ["2026-06", "2550.50", "1%", "25.51", "25.51", "0.00"],
      ["2026-07", "2550.50", "1.25%", "31.88", "31.88", "0.00"],
    ]);
    // M3 was only on the voided file: still in the register, with no dues at all.
    expect(s.json(["members", "show", "M3"]).periods).toEqual([]);
    const list = s.json(["members", "list"]).members.map((m: any) => [m.id, m.lastPeriod, m.lastDues]);
    expect(list).toEqual([["M1", "2026-07", "50.00"], ["M2", "2026-07", "31.88"], ["M3", null, null]]);
  });

  it("reverses the first July batch in July, so the books hold only the corrected file", () => {
    const jul = s.json(["report", "journal", "--period", "2026-07"]);
    const rows = jul.entries.map((e: any) => [e.kind, e.voided, e.reverses !== null, postingsOf(e)]);
    expect(rows).toEqual([
      ["payroll-dues", true, false, { "1210": "119.38", "1230": "36.94", "4010": "-109.42", "2110:intl": "-46.90" }],
      ["void", false, true, { "1210": "-119.38", "1230": "-36.94", "4010": "109.42", "2110:intl": "46.90" }],
      ["payroll-dues", false, false, { "1210": "81.88", "4010": "-57.32", "2110:intl": "-24.56" }],
    ]);
    // Balances: employer 65.51 + 81.88 = 147.39; arrears 36.94 − 36.94 = 0;
    // dues kept 45.86 + 57.32 = 103.18; intl owed 19.65 + 24.56 − 46.90 paid = −2.69 (a debit: overpaid)
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["1210"]!.closing).toBe("147.39");
    expect(t["1230"]!.closing).toBe("0.00");
    expect(t["4010"]!.closing).toBe("-103.18");
    expect(t["2110:intl"]!.closing).toBe("2.69");
    expect(t["1020"]!.closing).toBe("-46.90");
  });

  it("re-applies the configuration to June with the same file and --replace, without counting June twice", () => {
    const again = s.json(["import", "payroll", "payroll-2026-06.csv", "--period", "2026-06", "--replace"]);
    expect(again.totals).toMatchObject({ dues: "65.51" });
    const r = s.json(["reconcile", "--body", "intl", "--to", "2026-06"], 1);
    expect(r.rows.map((x: any) => [x.period, x.due])).toEqual([["2026-06", "19.65"]]);
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["4010"]!.closing).toBe("-103.18");
    expect(s.json(["members", "show", "M1"]).periods.map((p: any) => [p.period, p.dues])).toEqual([["2026-06", "40.00"], ["2026-07", "50.00"]]);
    const v = s.run(["verify"]);
    expect(v.code, v.stderr + v.stdout).toBe(0);
  });
});

// A per-capita rate that changes (the AFL-CIO's went from 53¢ to 65¢): a new scheme from
// the date it changes, with flat dues of 40.00 a month.
//   June (0.53): 3 paying × 0.53 = 1.59; retained 120.00 − 1.59 = 118.41
//   July (0.65): 3 paying × 0.65 = 1.95; retained 120.00 − 1.95 = 118.05
describe("a per-capita rate that changes in mid-year, on flat dues", () => {
  let s: Scenario;
  afterAll(() => s.cleanup());

  it("charges each month at the rate in force on its first day", () => {
    s = scenario();
    writeFileSync(join(s.dir, "dues.yaml"), `union: { name: Local 3, currency: USD, locale: en, chart: generic }
bodies:
  - { id: aflcio, name: AFL-CIO }
sources:
  default:
    columns: { employee_id: [Employee ID], name: [Name], deducted: [Dues Deducted] }
    bases: { base_pay: [Base Pay] }
membership: all
schemes:
  - effective_from: 2026-01-01
    document: Bylaws Art. 3 (flat dues); AFL-CIO per capita 53 cents
    dues: { base: base_pay, amount: 40.00 }
    per_capita: [ { to: aflcio, amount: 0.53, count: paying } ]
  - effective_from: 2026-07-01
    document: Bylaws Art. 3 (flat dues); AFL-CIO per capita 65 cents from July
    dues: { base: base_pay, amount: 40.00 }
    per_capita: [ { to: aflcio, amount: 0.65, count: paying } ]
`);
    const file = "Employee ID,Name,Base Pay,Dues Deducted\nA,Ann,1000.00,40.00\nB,Bo,2000.00,40.00\nC,Cy,3000.00,40.00\n";
    writeFileSync(join(s.dir, "june.csv"), file);
    writeFileSync(join(s.dir, "july.csv"), file);
    expect(s.run(["init"]).code).toBe(0);
    const june = s.json(["import", "payroll", "june.csv", "--period", "2026-06"]);
    const july = s.json(["import", "payroll", "july.csv", "--period", "2026-07"]);
    expect(june.totals.dues).toBe("120.00");
    expect(june.shares).toEqual([{ stream: "per-capita", to: "aflcio", amount: "1.59" }, { stream: "dues", to: "retained", amount: "118.41" }]);
    expect(july.shares).toEqual([{ stream: "per-capita", to: "aflcio", amount: "1.95" }, { stream: "dues", to: "retained", amount: "118.05" }]);
    const r = s.json(["reconcile", "--body", "aflcio"], 1);
    expect(r.rows.map((x: any) => [x.period, x.due])).toEqual([["2026-06", "1.59"], ["2026-07", "1.95"]]);
  });
});
