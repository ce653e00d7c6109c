// End to end: `dues import payroll` spawned in a temporary union folder, then the
// ledger read back. Expected amounts are worked out by hand from fixtures.ts.
import { afterEach, describe, expect, it } from "vitest";
import { Ledger } from "../../src/ledger/ledger.js";
import { writeFileSync } from "node:fs";
import { CONFIG, OCTOBER, HEADER, bigPayroll, makeUnion, type Union } from "./fixtures.js";

let u: Union | undefined;
afterEach(() => { u?.cleanup(); u = undefined; });

const postingsOf = (u: Union, batch: number) =>
  u.look((l) => l.entries({ batch }).map((e) => ({ kind: e.kind, date: e.date, period: e.period, postings: e.postings.map((p) => [p.account + (p.body ? ":" + p.body : ""), p.amount]) })));

describe("dues import payroll", () => {
  it("books October: dues with check-off differences, funds with upward shares, one member line per employee", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("batch 1");
    expect(r.stdout).toContain("City Federation");

    const entries = postingsOf(u, 1);
    expect(entries).toEqual([
      {
        kind: "payroll-dues", date: "2026-10-31", period: "2026-10",
        // 13501 what the employer deducted 59.90; 13502 arrears 5.00 (004); 21501 1.00 owed to 005;
        // dues 63.90: city 10% = 6.39, kept 57.51.
        postings: [["13501", 5990], ["13502", 500], ["21501", -100], ["401", -5751], ["211:city", -639]],
      },
      {
        kind: "payroll-funds", date: "2026-10-31", period: "2026-10",
        // 2% of 25,500.00 = 510.00: kept 60% 306.00, county 76.50, city 51.00, province 51.00, acftu 25.50.
        postings: [["13501", 51000], ["402", -30600], ["211:county", -7650], ["211:city", -5100], ["211:province", -5100], ["211:acftu", -2550]],
      },
    ]);

    const lines = u.look((l) => [...l.memberLines({ period: "2026-10" })]);
    expect(lines.map((l) => [l.memberId, l.sourceLine, l.isMember, l.exempt, l.truncatedBase, l.dues, l.deducted, l.difference, l.fundsBase])).toEqual([
      ["001", 2, true, false, 678000, 3390, 3390, 0, 900000],
      ["002", 3, true, true, 300000, 0, 0, 0, 300000],
      ["003", 4, false, false, 450000, 0, 0, 0, 600000],
      ["004", 5, true, false, 400000, 2000, 1500, -500, 500000],
      ["005", 6, true, false, 200000, 1000, 1100, 100, 250000],
    ]);
    const batch = u.look((l) => l.batch(1)!);
    expect(batch).toMatchObject({ kind: "payroll", period: "2026-10", source: "default", file: "oct.csv", encoding: "utf-8", rows: 5 });
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(u.look((l) => l.configText(batch.configSha256!))).toContain("Test Union");
    expect(u.look((l) => l.verify().ok)).toBe(true);
  });

  it("prints the SPEC §4.1 JSON, amounts as strings with two decimals", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["batch", "period", "source", "file", "sha256", "encoding", "rows", "employees", "members", "exempt", "totals", "shares", "checkoff", "dryRun", "warnings"]);
    expect(j).toMatchObject({ batch: 1, period: "2026-10", source: "default", file: "oct.csv", encoding: "utf-8", rows: 5, employees: 5, members: 4, exempt: 1, dryRun: false });
    expect(j.totals).toEqual({ fundsBase: "25500.00", duesBase: "12799.44", dues: "63.90", funds: "510.00", deducted: "59.90" });
    expect(j.checkoff).toEqual({ mismatches: 2, difference: "-4.00" });
    expect(j.shares).toContainEqual({ stream: "dues", to: "retained", amount: "57.51" });
    expect(j.shares).toContainEqual({ stream: "funds", to: "county", amount: "76.50" });
    for (const s of j.shares) expect(Object.keys(s)).toEqual(["stream", "to", "amount"]);
  });

  it("refuses a file with bad rows: every problem with its line, exit 65, nothing written", () => {
    const bad = [HEADER, "001,张三,生产部,是,在职,5000.00,abc,9000.00,33.90", "002,李四,生产部,是,在职,3000,0,3000", "001,重复,生产部,是,在职,1,0,1,0", ",无号,生产部,是,在职,1000,0,1000,0"].join("\n") + "\n";
    u = makeUnion({ "bad.csv": bad });
    const r = u.run(["import", "payroll", "bad.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(65);
    const codes = JSON.parse(r.stdout).problems.map((p: { code: string; line: number }) => `${p.code}@${p.line}`);
    expect(codes).toEqual(expect.arrayContaining(["PAYROLL_AMOUNT_UNREADABLE@2", "PAYROLL_TOO_FEW_FIELDS@3", "PAYROLL_DUPLICATE_ID@4", "PAYROLL_MISSING_ID@5"]));
    expect(u.look((l) => [l.head(), l.batches().length, l.members().length])).toEqual([null, 0, 0]);
  });

  it("refuses an empty member cell under membership: column (never guesses who is a member)", () => {
    u = makeUnion({ "m.csv": [HEADER, "001,张三,生产部,,在职,5000,0,5000,25"].join("\n") + "\n" });
    const r = u.run(["import", "payroll", "m.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout).problems.map((p: { code: string }) => p.code)).toContain("IMPORT_MEMBER_UNKNOWN");
  });

  it("refuses the same file for the same period (65), but takes it for another period", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    const again = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(again.code).toBe(65);
    expect(JSON.parse(again.stdout).problems[0].code).toBe("IMPORT_DUPLICATE_FILE");
    const other = u.run(["import", "payroll", "oct.csv", "--period", "2026-09"]);
    expect(other.code).toBe(0);
  });

  it("takes the same file for another period with a warning naming the earlier batch and period (IMPORT_SAME_FILE_OTHER_PERIOD)", () => {
    u = makeUnion({ "oct.csv": OCTOBER, "nov.csv": OCTOBER });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    // The dry run says it too, before anything is written.
    const dry = u.run(["import", "payroll", "nov.csv", "--period", "2026-11", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain("warning[IMPORT_SAME_FILE_OTHER_PERIOD] nov.csv (SHA-256 ");
    expect(dry.stderr).toContain("is byte for byte the file imported for 2026-10 as batch 1 (oct.csv)");
    expect(dry.stderr).toContain("make sure this is the 2026-11 payroll, not 2026-10's again\n");
    const real = u.run(["import", "payroll", "nov.csv", "--period", "2026-11"]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("batch 2");
    expect(real.stdout).toContain("1 warning (on stderr).");
    expect(real.stderr).toContain("undo this import with `dues void 2 --reason TEXT`");
    expect(u.look((l) => l.batches({ kind: "payroll" }).map((b) => b.period))).toEqual(["2026-10", "2026-11"]);
    // A different file for a third month says nothing of the kind; a voided batch no longer counts.
    const dec = OCTOBER.replace("005,钱七,办公室,是,在职,2009.99,0,2500,11.00", "005,钱七,办公室,是,在职,2009.99,0,2500,10.00");
    writeFileSync(`${u.dir}/dec.csv`, dec);
    expect(u.run(["import", "payroll", "dec.csv", "--period", "2026-12"]).stderr).not.toContain("IMPORT_SAME_FILE_OTHER_PERIOD");
    expect(u.run(["void", "1", "--reason", "wrong file"]).code).toBe(0);
    expect(u.run(["void", "2", "--reason", "wrong file"]).code).toBe(0);
    const again = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain("IMPORT_SAME_FILE_OTHER_PERIOD");
  });

  it("says \"1 mismatch\" and \"2 mismatches\" in the check-off line", () => {
    const one = OCTOBER.replace("005,钱七,办公室,是,在职,2009.99,0,2500,11.00", "005,钱七,办公室,是,在职,2009.99,0,2500,10.00");
    u = makeUnion({ "oct.csv": OCTOBER, "one.csv": one });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--dry-run"]).stdout).toContain("Check-off: 2 mismatches; members short 5.00 (arrears), over 1.00 (owed back).");
    const r = u.run(["import", "payroll", "one.csv", "--period", "2026-10", "--dry-run"]);
    expect(r.stdout).toContain("Check-off: 1 mismatch; members short 5.00 (arrears), over 0.00 (owed back).");
  });

  it("shows no funds lines when the scheme has no funds stream (funds absent or null), and the funds lines when it has", () => {
    const FUNDS = CONFIG.slice(CONFIG.indexOf("    funds:\n"), CONFIG.indexOf("    per_capita: []"));
    u = makeUnion({ "oct.csv": OCTOBER });
    const withFunds = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--dry-run"]);
    expect(withFunds.stdout).toContain("Funds base (payroll total)");
    expect(withFunds.stdout).toContain("Allocated funds");
    for (const replacement of ["", "    funds: null\n"]) {
      writeFileSync(`${u.dir}/dues.yaml`, CONFIG.replace(FUNDS, replacement));
      const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--dry-run"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Dues base");
      expect(r.stdout).not.toContain("Funds base");
      expect(r.stdout).not.toContain("Allocated funds");
      expect(r.stdout).not.toContain("funds");
      // The SPEC §4.1 JSON keeps its shape.
      expect(JSON.parse(u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--dry-run", "--json"]).stdout).totals).toMatchObject({ fundsBase: "0.00", funds: "0.00" });
    }
  });

  it("refuses a different file for a period already imported unless --replace", () => {
    const fixed = OCTOBER.replace("004,赵六,办公室,是,在职,4000,0,5000,15.00", "004,赵六,办公室,是,在职,4000,0,5000,20.00");
    u = makeUnion({ "oct.csv": OCTOBER, "fixed.csv": fixed });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    const r = u.run(["import", "payroll", "fixed.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout).problems[0].code).toBe("IMPORT_PERIOD_ALREADY_IMPORTED");

    const rep = u.run(["import", "payroll", "fixed.csv", "--period", "2026-10", "--replace", "--json"]);
    expect(rep.code).toBe(0);
    const j = JSON.parse(rep.stdout);
    expect(j.totals.deducted).toBe("64.90");
    // The month now holds only the new file: old entries reversed in the same period.
    const arrears = u.look((l) => l.balances({ account: "13502", to: "2026-10" }).reduce((t, b) => t + b.balance, 0));
    expect(arrears).toBe(0);
    const income = u.look((l) => l.balances({ account: "401", to: "2026-10" }).reduce((t, b) => t + b.balance, 0));
    expect(income).toBe(-5751);
    expect(u.look((l) => l.batches({ kind: "payroll" }).map((b) => [b.id, b.voided]))).toEqual([[1, true], [3, false]]);
    expect(u.look((l) => [...l.memberLines({ period: "2026-10" })].length)).toBe(5);
    expect(u.look((l) => l.verify().ok)).toBe(true);
  });

  it("--dry-run computes the same summary and writes nothing", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dryRun).toBe(true);
    expect(j.batch).toBe(null);
    expect(j.totals.dues).toBe("63.90");
    expect(u.look((l) => [l.head(), l.batches().length, l.members().length, [...l.memberLines({})].length])).toEqual([null, 0, 0, 0]);
    // A real import afterwards is not a duplicate of the dry run.
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
  });

  it("refuses a closed month with 73", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const l = Ledger.open(`${u.dir}/dues.db`);
    l.closePeriod("2026-10", { date: "2026-11-05", createdAt: "2026-11-05T00:00:00Z" });
    l.close();
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(73);
    expect(JSON.parse(r.stdout).problems[0].code).toBe("IMPORT_PERIOD_CLOSED");
    expect(u.look((l) => l.batches({ kind: "payroll" }).length)).toBe(0);
  });

  it("warns about zero wages, dues changing over 20%, and employees missing since last month", () => {
    const nov = [HEADER,
      "001,张三,生产部,是,在职,8000.00,1789.45,9000.00,48.90", // 9789.45 → 9780 → 48.90, was 33.90: +44%
      "002,李四,生产部,是,退休,3000,0,3000,0",
      "003,王五,办公室,否,,4000,500,6000,0",
      "004,赵六,办公室,是,在职,0,0,0,0", // zero wage
    ].join("\n") + "\n"; // 005 is missing
    u = makeUnion({ "oct.csv": OCTOBER, "nov.csv": nov });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    const r = u.run(["import", "payroll", "nov.csv", "--period", "2026-11"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning\[IMPORT_DUES_CHANGED\][^\n]*001/);
    expect(r.stderr).toMatch(/nov\.csv:5: warning\[IMPORT_ZERO_WAGE\]/);
    expect(r.stderr).toMatch(/warning\[IMPORT_EMPLOYEE_MISSING\][^\n]*005/);
    expect(r.stderr).not.toMatch(/IMPORT_DUES_CHANGED[^\n]*002/);
  });

  it("keeps the member register and status history; members show lists dues by period", () => {
    const nov = OCTOBER.replace("004,赵六,办公室,是,在职,4000,0,5000,15.00", "004,赵六,办公室,是,退休,4000,0,5000,0");
    u = makeUnion({ "oct.csv": OCTOBER, "nov.csv": nov });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    expect(u.run(["import", "payroll", "nov.csv", "--period", "2026-11"]).code).toBe(0);
    const list = JSON.parse(u.run(["members", "list", "--json"]).stdout);
    // Non-members (003) are not in the register.
    expect(list.members.map((m: { id: string }) => m.id)).toEqual(["001", "002", "004", "005"]);
    const show = JSON.parse(u.run(["members", "show", "004", "--json"]).stdout);
    expect(show.status).toBe("退休");
    expect(show.statuses.map((s: { period: string; status: string }) => `${s.period} ${s.status}`)).toEqual(["2026-10 在职", "2026-11 退休"]);
    expect(show.periods.map((p: { period: string; dues: string; deducted: string; difference: string }) => [p.period, p.dues, p.deducted, p.difference])).toEqual([
      ["2026-10", "20.00", "15.00", "-5.00"],
      ["2026-11", "0.00", "0.00", "0.00"],
    ]);
    // The change is recorded as a status row of the November batch; unchanged members get none.
    expect(u.look((l) => l.memberStatuses().map((s) => [s.member, s.period, s.status]))).toEqual([["004", "2026-11", "退休"]]);
    expect(u.run(["members", "show", "999"]).code).toBe(65);
  });
});

describe("last month's payroll, at scale", () => {
  it("finds every employee missing from a 5,000-row month (shows 50, counts the rest)", () => {
    const full = bigPayroll(5000, 3);
    const rows = full.trimEnd().split("\n");
    // Drop every 7th employee (E0000007, E0000014, …): 714 of 5,000.
    const thinned = [rows[0], ...rows.slice(1).filter((_, i) => (i + 1) % 7 !== 0)].join("\n") + "\n";
    u = makeUnion({ "oct.csv": full, "nov.csv": thinned });
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    const r = u.run(["import", "payroll", "nov.csv", "--period", "2026-11", "--lang", "en"]);
    expect(r.code).toBe(0);
    const shown = r.stderr.split("\n").filter((l) => l.includes("warning[IMPORT_EMPLOYEE_MISSING]"));
    expect(shown).toHaveLength(50);
    expect(shown[0]).toContain("E0000007 职工7");
    expect(r.stderr).toContain("664 more IMPORT_EMPLOYEE_MISSING (714 in all)");
    expect(r.stderr).not.toContain("E0000008 职工8 was on");
  });
});

describe("per-capita tax", () => {
  it("takes count × amount off the dues before the split and books it as owed to the body", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    writeFileSync(`${u.dir}/dues.yaml`, CONFIG.replace("    per_capita: []", "    per_capita:\n      - { to: county, amount: 1.50, count: paying }"));
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // Paying members 001, 004, 005: 3 × 1.50 = 4.50; 63.90 − 4.50 = 59.40, city 10% = 5.94, kept 53.46.
    expect(j.shares.filter((s: { stream: string }) => s.stream !== "funds")).toEqual([
      { stream: "per-capita", to: "county", amount: "4.50" },
      { stream: "dues", to: "retained", amount: "53.46" },
      { stream: "dues", to: "city", amount: "5.94" },
    ]);
    expect(postingsOf(u, 1)[0]!.postings).toEqual([["13501", 5990], ["13502", 500], ["21501", -100], ["401", -5346], ["211:city", -594], ["211:county", -450]]);
  });
});

describe("funds collected upstream", () => {
  it("books only the kept share as receivable from the higher body (Dr 131 = Cr 402)", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    writeFileSync(`${u.dir}/dues.yaml`, CONFIG.replace("collection: union", "collection: upstream"));
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    // 2% of 25,500.00 = 510.00; the union keeps 60% = 306.00, the rest never passes through its books.
    expect(postingsOf(u, 1)[1]).toMatchObject({ kind: "payroll-funds", postings: [["131", 30600], ["402", -30600]] });
  });
});
