// A year end to end through bin/dues: twelve monthly payroll imports, then remittances
// paid early, late, short, lumped and overpaid, and the employer's transfers read from a
// bank statement. What each body is owed is read from the imports' own JSON, and every
// expected figure below is worked out here by hand arithmetic, to the fen.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { payrollBuffer } from "../../src/sample/payroll.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { dues, tempDir } from "../helpers/cli.js";

// 2027-03-01T00:00:00Z: "today" for every command, so January 2027 payments are in the past.
const env = { SOURCE_DATE_EPOCH: "1803859200" };
const PERIODS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
const BODIES = ["county", "city", "province", "acftu"] as const;
const NAMES: Record<string, string> = { county: "某县总工会", city: "某市总工会", province: "某省总工会", acftu: "中华全国总工会" };

/** "1129.40" → 112940 fen (amounts in JSON always carry exactly two decimals). */
const fen = (s: string): number => {
  expect(s).toMatch(/^-?\d+\.\d{2}$/);
  return Number(s.replace(".", ""));
};
const yuan = (f: number): string => `${f < 0 ? "-" : ""}${Math.floor(Math.abs(f) / 100)}.${String(Math.abs(f) % 100).padStart(2, "0")}`;
const nextMonth = (p: string, day: number) => {
  const [y, m] = p.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-${String(day).padStart(2, "0")}` : `${y}-${String(m + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};
const days = (a: string, b: string) => (Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000;
/** Late fee at 0.05% a day (1/2000), half-up to the fen: fen × days / 2000. */
const fee = (principal: number, d: number) => Math.floor((2 * principal * d + 2000) / 4000);

interface Row { body: string; period: string; due: string; paid: string; outstanding: string; status: string; notYetDue: boolean; lateFee?: string; refs: string[] }

describe("a year of remittances and receipts reconciles to the fen", () => {
  const t = tempDir("dues-reconcile-year-");
  const run = (args: string[]) => dues(args, { cwd: t.dir, env });
  const owed: Record<string, Record<string, number>> = Object.fromEntries(BODIES.map((b) => [b, {}]));
  const employerOwes: Record<string, number> = {};
  let bankJson: any;

  beforeAll(() => {
    const init = run(["init"]);
    expect(init.code, init.stderr).toBe(0);
    const yaml = readFileSync(join(t.dir, "dues.yaml"), "utf8");
    expect(yaml).toMatch(/^# late_fee:.*$/m);
    writeFileSync(join(t.dir, "dues.yaml"), yaml.replace(/^# late_fee:.*$/m, "late_fee: { per_day: 0.05%, cap: principal }"));
    PERIODS.forEach((p, m) => {
      writeFileSync(join(t.dir, `payroll-${p}.csv`), payrollBuffer({ seed: 11, employees: 40, month: m, period: p, encoding: "gb18030" }));
      const r = run(["import", "payroll", `payroll-${p}.csv`, "--period", p, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      for (const b of BODIES) owed[b]![p] = 0;
      for (const s of j.shares) if (s.to !== "retained" && (BODIES as readonly string[]).includes(s.to)) owed[s.to]![p]! += fen(s.amount);
      // The employer owes what it deducted (check-off) plus the 2% funds (SPEC §5).
      employerOwes[p] = fen(j.totals.deducted) + fen(j.totals.funds);
    });

    // province: each month paid 10.00 short, on the 14th, for its month.
    for (const p of PERIODS) {
      const r = run(["remit", "--to", "province", "--amount", yuan(owed.province![p]! - 1000), "--date", nextMonth(p, 14), "--period", p, "--ref", `SJ-${p}`]);
      expect(r.code, r.stderr).toBe(0);
    }
    // acftu: two lump sums without a month: January–June on 2026-07-20; July–December
    // plus 100.00 too much on 2027-01-10.
    const sum = (ps: string[]) => ps.reduce((a, p) => a + owed.acftu![p]!, 0);
    const lump1 = run(["remit", "--to", "acftu", "--amount", yuan(sum(PERIODS.slice(0, 6))), "--date", "2026-07-20"]);
    expect(lump1.code, lump1.stderr + lump1.stdout).toBe(0);
    const lump2 = run(["remit", "--to", "acftu", "--amount", yuan(sum(PERIODS.slice(6)) + 10000), "--date", "2027-01-10"]);
    expect(lump2.code, lump2.stderr + lump2.stdout).toBe(0);

    // One bank statement (GB18030, as a Chinese bank exports it) with the employer's
    // transfers on the 12th, county paid early on the 10th, city paid 40 days after the
    // due date, and a bank charge nothing expects.
    const lines = ["某银行 账户交易明细", "交易日期,摘要,对方户名,借方发生额,贷方发生额,余额"];
    for (const p of PERIODS) {
      lines.push(`${nextMonth(p, 12)},工会经费及会费,示例公司,,"${grouped(yuan(employerOwes[p]!))}",0`);
      lines.push(`${nextMonth(p, 10)},上解经费,某县总工会,${yuan(owed.county![p]!)},,0`);
      lines.push(`${addDays(nextMonth(p, 15), 40)},上解经费,某市总工会,${yuan(owed.city![p]!)},,0`);
    }
    lines.push("2026-06-30,账户管理费,某银行,5.00,,0", "合计,,,,,");
    writeFileSync(join(t.dir, "statement.csv"), iconv.encode(lines.join("\r\n") + "\r\n", "gb18030"));
    const b = run(["import", "bank", "statement.csv", "--json"]);
    expect(b.code, b.stderr).toBe(1); // one line left unmatched
    bankJson = JSON.parse(b.stdout);
  }, 120_000);
  afterAll(() => t.cleanup());

  it("books every expected statement line and leaves the bank charge alone", () => {
    expect(bankJson.matched).toBe(36);
    expect(bankJson.unmatched).toBe(1);
    const charge = bankJson.lines.find((l: any) => l.status === "unmatched");
    expect(charge).toMatchObject({ date: "2026-06-30", amount: "-5.00", reason: "no-candidate" });
  });

  it("refuses the same statement twice and writes nothing", () => {
    const before = run(["reconcile", "--json", "--as-of", "2027-02-28"]).stdout;
    const again = run(["import", "bank", "statement.csv", "--json"]);
    expect(again.code).toBe(65);
    expect(JSON.parse(again.stdout).problems[0].code).toBe("BANK_STATEMENT_ALREADY_IMPORTED");
    expect(run(["reconcile", "--json", "--as-of", "2027-02-28"]).stdout).toBe(before);
  });

  it("shows each body's due as the imports booked it, and paid and outstanding as the payments made", () => {
    const r = run(["reconcile", "--json", "--as-of", "2027-02-28"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect([j.from, j.to, j.asOf]).toEqual(["2026-01", "2026-12", "2027-02-28"]);
    const rows: Row[] = j.rows;
    expect(rows).toHaveLength(48);
    const row = (b: string, p: string) => rows.find((x) => x.body === b && x.period === p)!;
    for (const p of PERIODS) {
      for (const b of BODIES) expect(fen(row(b, p).due), `${b} ${p}`).toBe(owed[b]![p]);
      expect(row("county", p)).toMatchObject({ status: "paid", outstanding: "0.00", lateFee: "0.00" });
      expect(row("city", p)).toMatchObject({ status: "paid", outstanding: "0.00" });
      expect(row("province", p)).toMatchObject({ status: "partial", outstanding: "10.00", refs: [`SJ-${p}`] });
      expect(fen(row("province", p).paid)).toBe(owed.province![p]! - 1000);
    }
    for (const p of PERIODS.slice(0, 11)) expect(row("acftu", p)).toMatchObject({ status: "paid", outstanding: "0.00" });
    expect(row("acftu", "2026-12")).toMatchObject({ status: "overpaid", outstanding: "-100.00" });
    expect(fen(row("acftu", "2026-12").paid)).toBe(owed.acftu!["2026-12"]! + 10000);

    const all = (f: (b: string, p: string) => number) => BODIES.reduce((a, b) => a + PERIODS.reduce((c, p) => c + f(b, p), 0), 0);
    const due = all((b, p) => owed[b]![p]!);
    const paid = due - 12 * 1000 + 10000;
    expect(j.totals).toMatchObject({ due: yuan(due), paid: yuan(paid), outstanding: yuan(due - paid) });
    expect(j.settled).toBe(false);
  });

  it("charges late fees for the days each month stayed unpaid, capped at the principal", () => {
    const j = JSON.parse(run(["reconcile", "--json", "--as-of", "2027-02-28"]).stdout);
    const row = (b: string, p: string): Row => j.rows.find((x: Row) => x.body === b && x.period === p);
    let total = 0;
    for (const p of PERIODS) {
      const due = nextMonth(p, 15);
      // city: the whole share, 40 days late.
      expect(fen(row("city", p).lateFee!), `city ${p}`).toBe(fee(owed.city![p]!, 40));
      // province: 10.00 still open from the due date to the as-of date.
      expect(fen(row("province", p).lateFee!), `province ${p}`).toBe(fee(1000, days(due, "2027-02-28")));
      total += fee(owed.city![p]!, 40) + fee(1000, days(due, "2027-02-28"));
    }
    // acftu: July–November were settled by the lump on 2027-01-10; December was early.
    for (const p of PERIODS.slice(6, 11)) {
      const late = days(nextMonth(p, 15), "2027-01-10");
      expect(fen(row("acftu", p).lateFee!), `acftu ${p}`).toBe(Math.min(fee(owed.acftu![p]!, late), owed.acftu![p]!));
      total += Math.min(fee(owed.acftu![p]!, late), owed.acftu![p]!);
    }
    // January–June were paid by the lump on 2026-07-20, after their due dates (June: 5 days).
    for (const p of PERIODS.slice(0, 6)) {
      const late = days(nextMonth(p, 15), "2026-07-20");
      expect(fen(row("acftu", p).lateFee!), `acftu ${p}`).toBe(fee(owed.acftu![p]!, late));
      total += fee(owed.acftu![p]!, late);
    }
    // December was due on 2027-01-15 and paid on the 10th: no fee.
    expect(row("acftu", "2026-12").lateFee).toBe("0.00");
    expect(fen(j.totals.lateFee)).toBe(total);
  });

  it("reports the employer settled after the statement, and exits 0", () => {
    const r = run(["reconcile", "--employer", "--json", "--as-of", "2027-02-28"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const p of PERIODS) {
      const row = j.rows.find((x: Row) => x.period === p);
      expect(row).toMatchObject({ body: "employer", status: "paid", outstanding: "0.00", lateFee: "0.00" });
      expect(fen(row.due)).toBe(employerOwes[p]);
    }
  });

  it("exits 0 for a body that is settled and 1 for one that is not", () => {
    expect(run(["reconcile", "--body", "county", "--as-of", "2027-02-28"]).code).toBe(0);
    expect(run(["reconcile", "--body", "province", "--as-of", "2027-02-28"]).code).toBe(1);
  });

  it("does not count December before its due date", () => {
    // On 2027-01-14, December (due 2027-01-15) is not yet due; the acftu lump of 2027-01-10
    // already counts, and everything that fell due is as above.
    const j = JSON.parse(run(["reconcile", "--json", "--as-of", "2027-01-14", "--body", "county"]).stdout);
    const dec = j.rows.find((x: Row) => x.period === "2026-12");
    expect(dec).toMatchObject({ notYetDue: true, status: "paid" });
  });

  it("prints a table that fits 80 columns, with status words and a verdict, without colour", () => {
    const r = run(["reconcile", "--as-of", "2027-02-28", "--lang", "en"]);
    const out = r.stdout.split("\n");
    expect(Math.max(...out.map(width))).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/partial/);
    expect(r.stdout).toMatch(/overpaid/);
    expect(out.find((l) => l.startsWith("Total"))).toBeDefined();
    expect(r.stdout).toContain("Not settled: CNY 120.00 overdue (12 months); CNY 100.00 overpaid (1 month).");
    const all = run(["reconcile", "--as-of", "2027-01-14", "--lang", "en"]);
    expect(all.stdout).toMatch(/Not settled: CNY [\d,.]+ overdue \(\d bodies, \d+ months in all\)/);
    const zh = run(["reconcile", "--as-of", "2027-02-28"]);
    expect(zh.stdout).toContain("中华全国总工会");
    expect(Math.max(...zh.stdout.split("\n").map(width))).toBeLessThanOrEqual(80);
  });
});

/** "13152.49" → "13,152.49", as banks print it (text only, never through a float). */
function grouped(s: string): string {
  const [w, f] = s.split(".");
  return `${w!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${f}`;
}

function addDays(date: string, n: number): string {
  return new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Terminal columns: CJK characters take two (a plain check, independent of the renderer). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
