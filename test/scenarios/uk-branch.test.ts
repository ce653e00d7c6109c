// Scenario: a UK branch fits through configuration alone. Banded flat subscriptions by
// monthly pay in GBP (the last band without up_to), a semicolon-separated UTF-8 file
// with a BOM, £ signs and non-ASCII names, members exactly on a band boundary (up_to is
// inclusive), two exempt statuses (one built in, one the union's own word), the national
// office's 80% with the odd penny given to national, and the same list saved by Excel on
// Windows (cp1252, commas) read through a second source.
// Files: fixtures/scenarios/uk-branch/. Every expected amount is worked by hand below.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingsOf, scenario, trialByAccount, type Scenario } from "./helpers.js";

// Bands (monthly pay, inclusive): ≤ 1,000.00 → 4.99; ≤ 2,000.00 → 9.50; ≤ 3,000.00 → 14.25;
// above → 19.80. Exempt: unemployed, honorary. Split: national 80%, remainder: national.
//
// April (payroll-2026-04.csv, UTF-8 with BOM, ";")
//   P001 Alice Brown      850.00   band 1      4.99   deducted 4.99
//   P002 Bob Clark      2,000.00   band 2 (exactly on up_to 2,000.00: inclusive)  9.50   9.50
//   P003 Carys Davies   2,000.01   band 3     14.25   14.25 (one penny over the boundary)
//   P004 Siân Ó Dónaill 3,500.00   last band  19.80   19.80
//   P005 Eve Foster     Unemployed: exempt     0.00    0.00
//   P006 Owen Hughes    Honorary:   exempt     0.00    0.00
//   dues 4.99 + 9.50 + 14.25 + 19.80 = 48.54; deducted 48.54; no mismatch
//   duesBase (assessed members) 850.00 + 2,000.00 + 2,000.01 + 3,500.00 = 8,350.01
//   national 80% of 48.54 = 38.832 → 38.83; retained 20% = 9.708 → 9.70; one penny over,
//   remainder: national → national 38.84, retained 9.70 (largest remainder would have given
//   it to the branch: 0.8p lost against 0.2p).
//
// May (payroll-2026-05-excel.csv, windows-1252, ",", --source excel)
//   P001 1,000.00 → 4.99 (on the first boundary); P002 2,000.00 → 9.50;
//   P003 3,000.00 → 14.25 (on the third boundary); P004 3,000.01 → 19.80 but the employer
//   deducted 14.25 (the old band): 5.55 short; P005 exempt; P006 honorary (exempt) yet
//   9.50 deducted: 9.50 owed back.
//   dues 48.54; deducted 4.99 + 9.50 + 14.25 + 14.25 + 0 + 9.50 = 52.49
//   difference 52.49 − 48.54 = +3.95, 2 mismatches; duesBase 1,000 + 2,000 + 3,000 + 3,000.01 = 9,000.01
//   shares as April: retained 9.70, national 38.84
describe("a UK branch: banded subscriptions in GBP", () => {
  let s: Scenario;
  let april: any;
  let may: any;

  beforeAll(() => {
    s = scenario("uk-branch");
    expect(s.run(["init"]).code).toBe(0);
    april = s.json(["import", "payroll", "payroll-2026-04.csv", "--period", "2026-04"]);
    may = s.json(["import", "payroll", "payroll-2026-05-excel.csv", "--period", "2026-05", "--source", "excel"]);
  }, 60_000);
  afterAll(() => s.cleanup());

  it("prints the bands back from dues config check", () => {
    const c = s.json(["config", "check"]);
    expect(c.union).toMatchObject({ currency: "GBP", digits: 2, chart: "generic" });
    expect(c.warnings).toEqual([]);
    expect(c.schemes[0].dues.method).toBe("bands");
    expect(JSON.stringify(c.schemes[0].dues.bands)).toContain("19.80");
  });

  it("puts a member on a band boundary in the lower band and totals April exactly", () => {
    expect(april).toMatchObject({ period: "2026-04", encoding: "utf-8", rows: 6, employees: 6, members: 6, exempt: 2 });
    expect(april.totals).toEqual({ fundsBase: "0.00", duesBase: "8350.01", dues: "48.54", funds: "0.00", deducted: "48.54" });
    expect(april.shares).toEqual([
      { stream: "dues", to: "retained", amount: "9.70" },
      { stream: "dues", to: "national", amount: "38.84" },
    ]);
    expect(april.checkoff).toEqual({ mismatches: 0, difference: "0.00" });
    const dues = (id: string) => s.json(["members", "show", id]).periods.map((p: any) => [p.period, p.dues]);
    expect(dues("P002")).toEqual([["2026-04", "9.50"], ["2026-05", "9.50"]]);
    expect(dues("P003")).toEqual([["2026-04", "14.25"], ["2026-05", "14.25"]]);
    expect(dues("P001")).toEqual([["2026-04", "4.99"], ["2026-05", "4.99"]]);
  });

  it("keeps names in UTF-8 and in cp1252 the same", () => {
    const m = s.json(["members", "show", "P004"]);
    expect(m.name).toBe("Siân Ó Dónaill");
    // 3,500.00 → last band; 3,000.01 → last band (one penny over 3,000.00), 14.25 deducted.
    expect(m.periods.map((p: any) => [p.period, p.duesBase, p.dues, p.deducted, p.difference])).toEqual([
      ["2026-04", "3500.00", "19.80", "19.80", "0.00"],
      ["2026-05", "3000.01", "19.80", "14.25", "-5.55"],
    ]);
  });

  it("assesses exempt members nothing, and owes back what the employer took from one", () => {
    expect(may).toMatchObject({ source: "excel", encoding: "windows-1252", members: 6, exempt: 2 });
    expect(may.totals).toEqual({ fundsBase: "0.00", duesBase: "9000.01", dues: "48.54", funds: "0.00", deducted: "52.49" });
    expect(may.checkoff).toEqual({ mismatches: 2, difference: "3.95" });
    const owen = s.json(["members", "show", "P006"]).periods;
    expect(owen.map((p: any) => [p.exempt, p.dues, p.deducted, p.difference])).toEqual([
      [true, "0.00", "0.00", "0.00"],
      [true, "0.00", "9.50", "9.50"],
    ]);
  });

  it("books each month's subscriptions with national's share as a payable", () => {
    // April: Dr 1210 48.54 = Cr 4010 9.70 + Cr 2110:national 38.84
    const apr = s.json(["report", "journal", "--period", "2026-04"]);
    expect(apr.entries.map(postingsOf)).toEqual([{ "1210": "48.54", "4010": "-9.70", "2110:national": "-38.84" }]);
    // May: Dr 1210 52.49 + Dr 1230 5.55 = Cr 2150 9.50 + Cr 4010 9.70 + Cr 2110:national 38.84 (58.04 each side)
    const may = s.json(["report", "journal", "--period", "2026-05"]);
    expect(may.entries.map(postingsOf)).toEqual([{ "1210": "52.49", "1230": "5.55", "2150": "-9.50", "4010": "-9.70", "2110:national": "-38.84" }]);
    expect(may.totals).toEqual({ debit: "58.04", credit: "58.04" });
    const t = trialByAccount(s.json(["report", "trial"]));
    // 48.54 + 52.49 = 101.03 from the employer; 38.84 × 2 = 77.68 to national; 9.70 × 2 = 19.40 kept
    expect(t["1210"]!.closing).toBe("101.03");
    expect(t["2110:national"]!.closing).toBe("-77.68");
    expect(t["4010"]!.closing).toBe("-19.40");
  });

  it("shows national's share month by month in dues reconcile", () => {
    const r = s.json(["reconcile", "--body", "national"], 1);
    expect(r.rows.map((x: any) => [x.period, x.due, x.status])).toEqual([["2026-04", "38.84", "unpaid"], ["2026-05", "38.84", "unpaid"]]);
  });
});

// The template itself: `dues init --template uk-branch` imports a check-off list with its
// own headers (Payroll Number, Name, Status, Annual Salary, Subscription), unedited.
//   bands on annual salary: … ≤ 25,000 → 13.20; ≤ 35,000 → 18.20; above → 22.50; retired exempt
//   U1 24,000.00 → 13.20; U2 35,000.00 → 18.20 (on the boundary); U3 35,000.01 → 22.50; U4 retired → 0
//   dues 53.90; national 80% = 43.12, retained 10.78 (exact)
describe("the uk-branch template, unedited", () => {
  let s: Scenario;
  beforeAll(() => {
    s = scenario();
    expect(s.run(["init", "--template", "uk-branch"]).code).toBe(0);
  });
  afterAll(() => s.cleanup());

  it("imports a check-off list with the template's own headers", () => {
    writeFileSync(join(s.dir, "subs.csv"), [
      "Payroll Number,Name,Status,Annual Salary,Subscription",
      "U1,Ann Jones,Active,\"£24,000.00\",£13.20",
      "U2,Bryn Lewis,Active,\"£35,000.00\",£18.20",
      "U3,Cat Price,Active,\"£35,000.01\",£22.50",
      "U4,Dai Rees,Retired,£0.00,£0.00",
    ].join("\r\n") + "\r\n");
    const j = s.json(["import", "payroll", "subs.csv", "--period", "2026-04"]);
    expect(j).toMatchObject({ members: 4, exempt: 1 });
    expect(j.totals).toMatchObject({ dues: "53.90", deducted: "53.90" });
    expect(j.shares).toEqual([
      { stream: "dues", to: "retained", amount: "10.78" },
      { stream: "dues", to: "national", amount: "43.12" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 0, difference: "0.00" });
  });

  it("reads a UK bank statement's DD/MM/YYYY dates and matches the employer's transfer", () => {
    // 05/05/2026 is 5 May either way; 12/05/2026 is 12 May for a GBP union (day first).
    // April is due: employer 53.90 (what it deducted); national 43.12.
    writeFileSync(join(s.dir, "statement.csv"), [
      "Date,Description,Reference,Amount",
      "05/05/2026,COUNTY COUNCIL PAYROLL SUBS,BACS 7781,53.90",
      "12/05/2026,National Office,FP 0042,-43.12",
    ].join("\r\n") + "\r\n");
    const b = s.json(["import", "bank", "statement.csv"]);
    expect(b.lines.map((l: any) => [l.date, l.amount, l.status, l.party, l.settles])).toEqual([
      ["2026-05-05", "53.90", "matched", "employer", "2026-04"],
      ["2026-05-12", "-43.12", "matched", "national", "2026-04"],
    ]);
  });
});
