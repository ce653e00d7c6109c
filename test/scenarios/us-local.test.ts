// Scenario: a US local fits through configuration alone. Percentage dues with a minimum
// and a maximum, English headers, USD on the generic chart, per-capita tax to an
// International, a district council and a state federation (count: paying), and an
// employer check-off list that disagrees with the dues the local computes.
// Files: fixtures/scenarios/us-local/ (dues.yaml, payroll-2026-01..03.csv).
// Every expected amount below is worked out by hand in the comments.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingsOf, scenario, trialByAccount, type Scenario } from "./helpers.js";

// dues: 1.5% of Base Pay, to the cent half-up, min 20.00, max 60.00, retired exempt.
//
// January (payroll-2026-01.csv)          computed dues                 deducted  difference
//   E101 Ana Lopez   3,210.45  3,210.45 × 1.5% = 48.15675 → 48.16       48.16      0.00
//   E102 Ben Carter  1,000.00  15.00, below the minimum  → 20.00        15.00     -5.00 (under)
//   E103 Cara Diaz   5,000.00  75.00, above the maximum  → 60.00        75.00    +15.00 (over)
//   E104 Dev Patel   2,500.00  37.50                                     0.00    -37.50 (under)
//   E105 Eve Stone   Retired: exempt                       0.00          0.00      0.00
//   E106 Finn Moore  2,345.70  35.1855 → 35.19                          35.19      0.00
//   dues 48.16 + 20.00 + 60.00 + 37.50 + 35.19 = 200.85; deducted 173.35
//   difference 173.35 − 200.85 = −27.50, 3 mismatches; arrears 5.00 + 37.50 = 42.50,
//   credits 15.00.
//   duesBase (members assessed, before rounding): 3,210.45 + 1,000 + 5,000 + 2,500 + 2,345.70
//            = 14,056.15 (Eve is exempt: not in it). Overtime is in no base.
//   paying (assessed above zero, whatever was deducted: Dev counts) = 5
//   per capita: intl 5 × 16.50 = 82.50; council 5 × 4.00 = 20.00; state_fed 5 × 1.10 = 5.50
//   retained: 200.85 − 108.00 = 92.85
//
// February: January's six plus E107 Gus Reed 2,000.00 → 30.00, deducted 30.00.
//   dues 230.85, paying 6: intl 99.00, council 24.00, state_fed 6.60; deducted 203.35.
// March: January's six, but the employer now deducts Ben's minimum (20.00).
//   dues 200.85; deducted 178.35; mismatches 2 (Cara +15.00, Dev −37.50); difference −22.50.
describe("a US local: percentage dues with a floor and a cap, per-capita tax, check-off", () => {
  let s: Scenario;
  const imports: Record<string, any> = {};

  beforeAll(() => {
    s = scenario("us-local");
    expect(s.run(["init"]).code).toBe(0);
    for (const p of ["2026-01", "2026-02", "2026-03"]) imports[p] = s.json(["import", "payroll", `payroll-${p}.csv`, "--period", p]);
  }, 60_000);
  afterAll(() => s.cleanup());

  it("reports January's totals, per-capita lines and check-off figures exactly as SPEC §4.1", () => {
    const j = imports["2026-01"];
    expect(j).toMatchObject({
      batch: 1, period: "2026-01", source: "default", file: "payroll-2026-01.csv", encoding: "utf-8",
      rows: 6, employees: 6, members: 6, exempt: 1, dryRun: false,
    });
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    // No funds stream in a US scheme: nothing is invented.
    expect(j.totals).toEqual({ fundsBase: "0.00", duesBase: "14056.15", dues: "200.85", funds: "0.00", deducted: "173.35" });
    expect(j.shares).toEqual([
      { stream: "per-capita", to: "intl", amount: "82.50" },
      { stream: "per-capita", to: "council", amount: "20.00" },
      { stream: "per-capita", to: "state_fed", amount: "5.50" },
      { stream: "dues", to: "retained", amount: "92.85" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 3, difference: "-27.50" });
  });

  it("counts a new paying member in February's per capita, and a corrected deduction in March's check-off", () => {
    expect(imports["2026-02"].totals).toMatchObject({ dues: "230.85", deducted: "203.35" });
    expect(imports["2026-02"].shares.filter((x: any) => x.stream === "per-capita").map((x: any) => x.amount)).toEqual(["99.00", "24.00", "6.60"]);
    expect(imports["2026-03"].totals).toMatchObject({ dues: "200.85", deducted: "178.35" });
    expect(imports["2026-03"].checkoff).toEqual({ mismatches: 2, difference: "-22.50" });
  });

  it("books the check-off differences as member arrears and credits (generic chart)", () => {
    const jan = s.json(["report", "journal", "--period", "2026-01"]);
    expect(jan.entries).toHaveLength(1);
    expect(jan.entries[0].kind).toBe("payroll-dues");
    // Dr 1210 employer 173.35 + Dr 1230 arrears 42.50 = Cr 2150 credits 15.00 + Cr 4010 92.85
    //   + Cr 2110:intl 82.50 + Cr 2110:council 20.00 + Cr 2110:state_fed 5.50 (= 215.85 each side)
    expect(postingsOf(jan.entries[0])).toEqual({
      "1210": "173.35", "1230": "42.50", "2150": "-15.00", "4010": "-92.85",
      "2110:intl": "-82.50", "2110:council": "-20.00", "2110:state_fed": "-5.50",
    });
    expect(jan.totals).toEqual({ debit: "215.85", credit: "215.85" });
  });

  it("sums the quarter in the trial balance", () => {
    // arrears: Jan 42.50, Feb 42.50, Mar 37.50 = 122.50; credits 15.00 × 3 = 45.00
    // employer: 173.35 + 203.35 + 178.35 = 555.05
    // intl 82.50 + 99.00 + 82.50 = 264.00; council 20 + 24 + 20 = 64.00; state_fed 5.50 + 6.60 + 5.50 = 17.60
    // dues income: (200.85 − 108.00) + (230.85 − 129.60) + (200.85 − 108.00) = 92.85 + 101.25 + 92.85 = 286.95
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["1210"]!.closing).toBe("555.05");
    expect(t["1230"]!.closing).toBe("122.50");
    expect(t["2150"]!.closing).toBe("-45.00");
    expect(t["2110:intl"]!.closing).toBe("-264.00");
    expect(t["2110:council"]!.closing).toBe("-64.00");
    expect(t["2110:state_fed"]!.closing).toBe("-17.60");
    expect(t["4010"]!.closing).toBe("-286.95");
  });

  it("shows per-capita owed to each parent body, pays one with dues remit, and reconciles it", () => {
    const before = s.json(["reconcile"], 1);
    const due = (body: string) => before.rows.filter((r: any) => r.body === body).map((r: any) => [r.period, r.due]);
    expect(due("intl")).toEqual([["2026-01", "82.50"], ["2026-02", "99.00"], ["2026-03", "82.50"]]);
    expect(due("council")).toEqual([["2026-01", "20.00"], ["2026-02", "24.00"], ["2026-03", "20.00"]]);
    expect(due("state_fed")).toEqual([["2026-01", "5.50"], ["2026-02", "6.60"], ["2026-03", "5.50"]]);
    expect(before.totals).toEqual({ due: "345.60", paid: "0.00", outstanding: "345.60" });

    const r = s.json(["remit", "--to", "intl", "--amount", "82.50", "--date", "2026-02-12", "--period", "2026-01", "--ref", "CHK 1041"]);
    expect(r).toMatchObject({ kind: "remit", party: "intl", amount: "82.50", settles: "2026-01", ref: "CHK 1041" });
    // Dr 2110:intl = Cr 1020 bank
    expect(postingsOf(r)).toEqual({ "2110:intl": "82.50", "1020": "-82.50" });

    const intl = s.json(["reconcile", "--body", "intl"], 1);
    expect(intl.rows.map((x: any) => [x.period, x.due, x.paid, x.outstanding, x.status])).toEqual([
      ["2026-01", "82.50", "82.50", "0.00", "paid"],
      ["2026-02", "99.00", "0.00", "99.00", "unpaid"],
      ["2026-03", "82.50", "0.00", "82.50", "unpaid"],
    ]);
    expect(intl.rows[0].refs).toEqual(["CHK 1041"]);
    // 264.00 due − 82.50 paid = 181.50
    expect(intl.totals).toEqual({ due: "264.00", paid: "82.50", outstanding: "181.50" });

    const human = s.run(["reconcile", "--body", "intl"]);
    expect(human.stdout).toContain("Example International Union");
    expect(human.stdout).toMatch(/181\.50/);
  });

  it("lists the member short three months running in dues arrears, and not the one the employer corrected", () => {
    // Dev Patel: 37.50 short in each of Jan, Feb, Mar → 112.50 over 3 months (not yet 6: no lapse risk).
    // Ben Carter: short 5.00 in Jan and Feb, paid in March: his run does not reach March.
    // Cara Diaz was over-deducted: never short.
    const a = s.json(["arrears"], 1);
    expect(a.through).toBe("2026-03");
    expect(a.members).toEqual([
      { member: "E104", name: "Dev Patel", since: "2026-01", through: "2026-03", months: 3, shortfall: "112.50", lapseRisk: false },
    ]);
  });

  // A member pays the local directly: `dues receive --from member` books Dr 1020 bank =
  // Cr 1230 arrears with the member on the posting (any excess: Cr 2150, the member's
  // credit), and dues arrears applies it to the member's short months, oldest first.
  it("settles a member's arrears paid directly to the local", () => {
    // Dev Patel owes 37.50 × 3 = 112.50 (Jan–Mar). He pays 75.00 first: Jan and Feb are
    // settled, March alone is short (1 month): no longer listed.
    const first = s.json(["receive", "--from", "member", "--member", "E104", "--amount", "75.00", "--date", "2026-04-05", "--ref", "check 221"]);
    expect(first).toMatchObject({ kind: "receive", party: "member", member: "E104", amount: "75.00", credit: "0.00", ref: "check 221" });
    expect(postingsOf(first)).toEqual({ "1020": "75.00", "1230": "-75.00" });
    expect(first.postings.find((p: any) => p.account === "1230").member).toBe("E104");
    expect(s.json(["arrears"], 1).members).toEqual([]);
    // Then 50.00 for March: 37.50 settles what is left, 12.50 beyond it is his credit.
    const second = s.json(["receive", "--from", "member", "--member", "E104", "--amount", "50.00", "--date", "2026-04-06", "--period", "2026-03"]);
    expect(second).toMatchObject({ member: "E104", credit: "12.50", settles: "2026-03" });
    expect(postingsOf(second)).toEqual({ "1020": "50.00", "1230": "-37.50", "2150": "-12.50" });
    // arrears 122.50 − 112.50 paid = 10.00 (Ben's Jan and Feb); credits 45.00 + 12.50 = 57.50
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["1230"]!.closing).toBe("10.00");
    expect(t["2150"]!.closing).toBe("-57.50");
    // An unknown member is refused, and nothing is written.
    const r = s.run(["receive", "--from", "member", "--member", "E999", "--amount", "5.00", "--date", "2026-04-06", "--json"]);
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout).problems.map((p: any) => p.code)).toEqual(["PAYMENT_UNKNOWN_MEMBER"]);
  });

  it("speaks a US local's language in dues arrears: no 章程 article", () => {
    expect(s.run(["arrears"]).stdout).not.toMatch(/章程/);
  });

  // The 工会会计制度 form numbers (工会01表 / 工会02表) are shown only on the cn-2021 charts.
  it("speaks a US local's language in the statements: no Chinese form numbers", () => {
    for (const args of [["report", "balance"], ["report", "income", "--year", "2026"]]) {
      const r = s.run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/工会0[12]表/);
    }
    expect(s.run(["report", "balance"]).stdout).toMatch(/^Balance sheet {2}/);
    expect(s.json(["report", "balance"]).form).toBeNull();
    expect(s.json(["report", "income", "--year", "2026"]).form).toBeNull();
  });

  it("shows a member's check-off history in dues members show", () => {
    const m = s.json(["members", "show", "E102"]);
    // Ben: assessed 20.00 each month (the minimum, on 1,000.00 × 1.5% = 15.00), deducted 15.00, 15.00, 20.00.
    expect(m.periods.map((p: any) => [p.period, p.duesBase, p.rate, p.dues, p.deducted, p.difference])).toEqual([
      ["2026-01", "1000.00", "1.5%", "20.00", "15.00", "-5.00"],
      ["2026-02", "1000.00", "1.5%", "20.00", "15.00", "-5.00"],
      ["2026-03", "1000.00", "1.5%", "20.00", "20.00", "0.00"],
    ]);
    // Cara: 75.00 capped at 60.00; the employer took 75.00 → 15.00 owed back to her.
    const c = s.json(["members", "show", "E103"]);
    expect(c.periods[0]).toMatchObject({ dues: "60.00", deducted: "75.00", difference: "15.00" });
  });
});

// The template itself: `dues init --template us-local` gives a file that imports a
// check-off list with the template's own headers, with no edit.
//   rate 1.5%, min 20.00, max 60.00, retired exempt;
//   per capita intl 16.50 and council 4.00 per paying member, state_fed 1.10 per member (all-members).
//   T1 2,000.00 → 30.00; T2 retired → 0; T3 800.00 → 12.00 → min 20.00.  dues 50.00
//   paying 2: intl 33.00, council 8.00; all members 3: state_fed 3.30; retained 50.00 − 44.30 = 5.70
describe("the us-local template, unedited", () => {
  let s: Scenario;
  beforeAll(() => {
    s = scenario();
    expect(s.run(["init", "--template", "us-local"]).code).toBe(0);
  });
  afterAll(() => s.cleanup());

  it("validates with no warning and imports a check-off list with its own headers", () => {
    const check = s.json(["config", "check"]);
    expect(check.warnings).toEqual([]);
    writeFileSync(join(s.dir, "checkoff.csv"), [
      "Employee ID,Name,Status,Base Pay,Union Dues",
      "T1,Amy Ames,Active,2000.00,30.00",
      "T2,Bo Byrd,Retired,0.00,0.00",
      "T3,Cy Cole,Active,800.00,20.00",
    ].join("\r\n") + "\r\n");
    const j = s.json(["import", "payroll", "checkoff.csv", "--period", "2026-05"]);
    expect(j).toMatchObject({ members: 3, exempt: 1 });
    expect(j.totals).toMatchObject({ dues: "50.00", deducted: "50.00" });
    expect(j.shares).toEqual([
      { stream: "per-capita", to: "intl", amount: "33.00" },
      { stream: "per-capita", to: "council", amount: "8.00" },
      { stream: "per-capita", to: "state_fed", amount: "3.30" },
      { stream: "dues", to: "retained", amount: "5.70" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 0, difference: "0.00" });
  });

  it("matches the employer's check-off transfer and the per-capita checks on the bank statement", () => {
    // The template's bank source: Posting Date, Description, Check Number, Withdrawals, Deposits.
    // May is due: employer 50.00 (what it deducted); intl 33.00, council 8.00, state_fed 3.30.
    writeFileSync(join(s.dir, "statement-june.csv"), [
      "Posting Date,Description,Check Number,Withdrawals,Deposits",
      "2026-06-03,ACME CORP PAYROLL UNION DUES,ACH 5521,,$50.00",
      "2026-06-12,Example International Union,1041,$33.00,",
      "2026-06-12,Example District Council 9,1042,$8.00,",
      "2026-06-13,Example State AFL-CIO,1043,$3.30,",
      "2026-06-20,Office supplies,1044,$12.99,",
    ].join("\r\n") + "\r\n");
    const b = s.json(["import", "bank", "statement-june.csv", "--source", "bank"], 1);
    expect(b.lines.map((l: any) => [l.amount, l.status, l.party ?? null, l.settles ?? null])).toEqual([
      ["50.00", "matched", "employer", "2026-05"],
      ["-33.00", "matched", "intl", "2026-05"],
      ["-8.00", "matched", "council", "2026-05"],
      ["-3.30", "matched", "state_fed", "2026-05"],
      ["-12.99", "unmatched", null, null], // spending: never guessed, left for dues record
    ]);
    expect(s.json(["reconcile"]).totals).toEqual({ due: "44.30", paid: "44.30", outstanding: "0.00" });
    expect(s.json(["reconcile", "--employer"]).totals).toEqual({ due: "50.00", paid: "50.00", outstanding: "0.00" });
  });

  // A US bank exports dates as MM/DD/YYYY. Found failing by this scenario
  // (BANK_DATE_UNREADABLE on every line); since 24915e8 the bank reader takes the order the
  // statement proves, else the currency's country (USD: month first).
  it("reads a US statement's MM/DD/YYYY dates", () => {
    const t = scenario();
    try {
      expect(t.run(["init", "--template", "us-local"]).code).toBe(0);
      writeFileSync(join(t.dir, "checkoff.csv"), "Employee ID,Name,Status,Base Pay,Union Dues\nT1,Amy Ames,Active,2000.00,30.00\n");
      t.json(["import", "payroll", "checkoff.csv", "--period", "2026-05"]);
      writeFileSync(join(t.dir, "statement.csv"), "Posting Date,Description,Check Number,Withdrawals,Deposits\n06/03/2026,ACME CORP PAYROLL UNION DUES,ACH 5521,,$30.00\n");
      const b = t.json(["import", "bank", "statement.csv", "--source", "bank"]);
      expect(b.lines[0]).toMatchObject({ date: "2026-06-03", amount: "30.00", status: "matched", party: "employer" });
    } finally {
      t.cleanup();
    }
  });
});

// docs/money.md: a member with no wage this period "is not charged the minimum; the
// arrears report shows them instead", and DOMAIN.md asks for six months unpaid to be
// flagged as lapse risk. (Found by this scenario; fixed in arrears by its owner, 2e0c861.)
//   payroll, each of 2026-01..07: "E1,Ann,Active,3000.00,0,45.00" and "E2,Bob,Active,0.00,0,0.00"
describe("a member with no wage for months (minimum not charged)", () => {
  let s: Scenario;
  beforeAll(() => {
    s = scenario("us-local");
    expect(s.run(["init"]).code).toBe(0);
    for (const m of ["01", "02", "03", "04", "05", "06", "07"]) {
      writeFileSync(join(s.dir, `zero-${m}.csv`), `Employee ID,Name,Status,Base Pay,Overtime,Dues Deducted\nE1,Ann Ames,Active,3000.00,0.00,45.00\nE2,Bob Byrd,Active,0.00,0.00,0.00\n`);
      s.json(["import", "payroll", `zero-${m}.csv`, "--period", `2026-${m}`]);
    }
  }, 60_000);
  afterAll(() => s.cleanup());

  it("is assessed nothing, so per capita does not count him", () => {
    // E1 3,000.00 × 1.5% = 45.00; E2 base 0: no minimum. paying 1: intl 16.50, council 4.00, state_fed 1.10
    const e2 = s.json(["members", "show", "E2"]).periods;
    expect(e2.every((p: any) => p.dues === "0.00")).toBe(true);
    const r = s.json(["reconcile", "--body", "intl", "--to", "2026-01"], 1);
    expect(r.rows[0].due).toBe("16.50");
  });

  it("is listed by dues arrears, at lapse risk after six months (money.md: 'the arrears report shows them instead')", () => {
    const a = s.json(["arrears"], 1);
    expect(a.members).toEqual([expect.objectContaining({ member: "E2", since: "2026-01", through: "2026-07", months: 7, lapseRisk: true })]);
  });
});

// Per capita counted three ways in one month, with a percentage split of what remains.
//   rate 1.5%, min 20.00, max 60.00, retired exempt; split: fed 10% of the dues after per capita
//   per capita: intl 10.00 × paying; clc 0.75 × all members; fed 1.00 × members [active, leave]
//   E1 Active     3,000.00 → 45.00          deducted 45.00
//   E2 On Leave       0.00 → 0 (no wage: no minimum)      0.00
//   E3 Retired        0.00 → exempt                       0.00
//   E4 Leave      1,000.00 → 15.00 → min 20.00            (5.00): a refund, −5.00 → 25.00 short
//   E5 Apprentice 2,000.00 → 30.00                       30.00
//   dues 95.00; deducted 45 − 5 + 30 = 70.00; 1 mismatch, difference −25.00
//   paying 3 (E1, E4, E5): intl 30.00; all members 5: clc 3.75; active or leave 3 (E1, E2, E4): fed 3.00
//   after per capita 95.00 − 36.75 = 58.25: fed 10% = 5.825, retained 90% = 52.425: both lose
//   0.5¢, a tie → retained first → retained 52.43, fed 5.82
describe("per capita by paying members, by all members and by status", () => {
  let s: Scenario;
  afterAll(() => s.cleanup());

  it("counts each line its own way before the split", () => {
    s = scenario();
    writeFileSync(join(s.dir, "dues.yaml"), `union: { name: Local 9, currency: USD, locale: en, chart: generic }
bodies:
  - { id: intl, name: International }
  - { id: clc,  name: Labour Congress }
  - { id: fed,  name: Federation }
sources:
  default:
    columns: { employee_id: [Employee ID], name: [Name], status: [Status], deducted: [Dues Deducted] }
    bases: { base_pay: [Base Pay] }
membership: all
schemes:
  - effective_from: 2026-01-01
    document: Bylaws
    dues: { base: base_pay, rate: 1.5%, min: 20.00, max: 60.00, exempt: [retired], split: [ { to: fed, share: 10% } ] }
    per_capita:
      - { to: intl, amount: 10.00, count: paying }
      - { to: clc,  amount: 0.75,  count: all-members }
      - { to: fed,  amount: 1.00,  count: [active, leave] }
`);
    writeFileSync(join(s.dir, "p.csv"), `Employee ID,Name,Status,Base Pay,Dues Deducted
E1,Al,Active,"$3,000.00",$45.00
E2,Bea,On Leave,$0.00,$0.00
E3,Cal,Retired,$0.00,$0.00
E4,Di,Leave,"$1,000.00",(5.00)
E5,Ed,Apprentice,"$2,000.00",$30.00
`);
    expect(s.run(["init"]).code).toBe(0);
    const j = s.json(["import", "payroll", "p.csv", "--period", "2026-01"]);
    expect(j).toMatchObject({ members: 5, exempt: 1 });
    expect(j.totals).toEqual({ fundsBase: "0.00", duesBase: "6000.00", dues: "95.00", funds: "0.00", deducted: "70.00" });
    expect(j.shares).toEqual([
      { stream: "per-capita", to: "intl", amount: "30.00" },
      { stream: "per-capita", to: "clc", amount: "3.75" },
      { stream: "per-capita", to: "fed", amount: "3.00" },
      { stream: "dues", to: "retained", amount: "52.43" },
      { stream: "dues", to: "fed", amount: "5.82" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 1, difference: "-25.00" });
    // fed's two lines land on one payable: 3.00 + 5.82 = 8.82
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["2110:fed"]!.closing).toBe("-8.82");
  });
});

// membership: roster — the local's own member list decides who is a member; the
// employer's check-off list is only the payroll.
//   roster: E101, E102, E104 active; E103 left 2025-12-31; E105 retired; E106 not on it.
//   January (payroll-2026-01.csv): members E101 48.16, E102 20.00, E104 37.50, E105 exempt
//   → 4 members, 1 exempt, dues 105.66, paying 3: intl 49.50, council 12.00, state_fed 3.30,
//   retained 105.66 − 64.80 = 40.86.
//   Check-off: E102 −5.00, E104 −37.50, and everything taken from non-members is excess:
//   E103 +75.00, E106 +35.19 → 4 mismatches, difference 173.35 − 105.66 = +67.69.
describe("a US local whose membership comes from its own roster", () => {
  let s: Scenario;
  beforeAll(() => {
    s = scenario("us-local");
    writeFileSync(join(s.dir, "dues.yaml"), readFileSync(join(s.dir, "dues.yaml"), "utf8").replace("membership: all ", "membership: roster"));
    expect(s.run(["init"]).code).toBe(0);
  });
  afterAll(() => s.cleanup());

  it("counts only roster members, and books deductions from others as excess", () => {
    writeFileSync(join(s.dir, "roster.csv"), [
      "Employee ID,Name,Status,Joined,Left",
      "E101,Ana Lopez,Active,2020-01-15,",
      "E102,Ben Carter,Active,2021-03-01,",
      "E103,Cara Diaz,,2019-05-01,2025-12-31",
      "E104,Dev Patel,Active,2022-02-01,",
      "E105,Eve Stone,Retired,2001-01-01,",
    ].join("\n") + "\n");
    expect(s.json(["members", "import", "roster.csv"])).toMatchObject({ members: 5, left: 1 });
    const j = s.json(["import", "payroll", "payroll-2026-01.csv", "--period", "2026-01"]);
    expect(j).toMatchObject({ employees: 6, members: 4, exempt: 1 });
    expect(j.totals).toEqual({ fundsBase: "0.00", duesBase: "6710.45", dues: "105.66", funds: "0.00", deducted: "173.35" });
    expect(j.shares).toEqual([
      { stream: "per-capita", to: "intl", amount: "49.50" },
      { stream: "per-capita", to: "council", amount: "12.00" },
      { stream: "per-capita", to: "state_fed", amount: "3.30" },
      { stream: "dues", to: "retained", amount: "40.86" },
    ]);
    expect(j.checkoff).toEqual({ mismatches: 4, difference: "67.69" });
  });

  // US HR exports write dates as MM/DD/YYYY: 15 cannot be a month, so the roster proves
  // its order (and a USD union reads month first when no date proves it).
  it("reads a roster with US dates (MM/DD/YYYY)", () => {
    writeFileSync(join(s.dir, "roster-us.csv"), "Employee ID,Name,Status,Joined\nE101,Ana Lopez,Active,01/15/2020\n");
    expect(s.json(["members", "import", "roster-us.csv"])).toMatchObject({ members: 1 });
  });
});
