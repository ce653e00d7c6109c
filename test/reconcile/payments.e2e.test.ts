// Receipts, remittances, bank statements and arrears through bin/dues on a small union
// whose payroll is written out here by hand: who pays what, what is refused (and that a
// refusal writes nothing), closed months, and members behind on their dues.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

// 2026-11-18 (the helper's default SOURCE_DATE_EPOCH).
const PERIODS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
// Four members on a dues base of 6,000.00 (0.5% → 30.00 a month) and a gross of 8,000.00
// (2% → 160.00 each, 640.00 a month). What the employer deducted, month by month (fen):
const DEDUCTED: Record<string, number[]> = {
  A001: [3000, 3000, 3000, 3000, 3000, 3000, 3000], // always right
  A002: [3000, 0, 0, 0, 0, 0, 0], // nothing from February: 6 months
  A003: [3000, 3000, 3000, 3000, 1000, 1000, 1000], // 10.00 of 30.00 for 3 months
  A004: [3000, 3000, 0, 0, 0, 3000, 3000], // short March–May, then paid again
};
const yuan = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, "0")}`;

describe("receipts, remittances and arrears", () => {
  const t = tempDir("dues-payments-");
  const run = (args: string[]) => dues(args, { cwd: t.dir });
  const json = (args: string[]) => JSON.parse(run(args).stdout);

  beforeAll(() => {
    expect(run(["init"]).code).toBe(0);
    PERIODS.forEach((p, m) => {
      const rows = Object.entries(DEDUCTED).map(([id, d], i) => `${id},会员${i + 1},是,在职,6000.00,0,8000.00,${yuan(d[m]!)}`);
      writeFileSync(join(t.dir, `${p}.csv`), ["工号,姓名,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费", ...rows].join("\n") + "\n");
      const r = run(["import", "payroll", `${p}.csv`, "--period", p]);
      expect(r.code, r.stderr).toBe(0);
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it("books a receipt from the employer with its receipt number, settling the month named", () => {
    const r = run(["receive", "--from", "employer", "--amount", "760.00", "--date", "2026-02-12", "--ref", "工会经费收入专用收据0001", "--period", "2026-01", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ kind: "receive", party: "employer", amount: "760.00", date: "2026-02-12", period: "2026-02", settles: "2026-01", ref: "工会经费收入专用收据0001" });
    expect(j.postings).toEqual([{ account: "102", body: null, amount: "760.00" }, { account: "13501", body: null, amount: "-760.00" }]);
    // January: four members' deductions 120.00 + funds 640.00 = 760.00, now paid.
    const jan = json(["reconcile", "--employer", "--json"]).rows.find((x: any) => x.period === "2026-01");
    expect(jan).toMatchObject({ due: "760.00", paid: "760.00", status: "paid", refs: ["工会经费收入专用收据0001"] });
  });

  it("books a remittance as Dr 211:BODY, Cr bank, and shows it against the body", () => {
    const before = json(["reconcile", "--json", "--body", "county"]).rows.find((x: any) => x.period === "2026-01");
    const r = run(["remit", "--to", "county", "--amount", before.due, "--date", "2026-02-14", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).postings).toEqual([{ account: "211", body: "county", amount: before.due }, { account: "102", body: null, amount: `-${before.due}` }]);
    const after = json(["reconcile", "--json", "--body", "county"]).rows.find((x: any) => x.period === "2026-01");
    expect(after).toMatchObject({ paid: before.due, outstanding: "0.00", status: "paid" });
  });

  it("refuses bad input with every problem at once, exit 65, and writes nothing", () => {
    const snapshot = () => run(["reconcile", "--json"]).stdout + run(["reconcile", "--employer", "--json"]).stdout;
    const before = snapshot();
    const cases: [string[], string[]][] = [
      [["remit", "--to", "nobody", "--amount", "1.001", "--date", "2026-02-30", "--period", "2026-1"], ["PAYMENT_UNKNOWN_BODY", "PAYMENT_AMOUNT_UNREADABLE", "PAYMENT_DATE_INVALID", "PAYMENT_PERIOD_INVALID"]],
      [["remit", "--to", "county", "--amount", "0", "--date", "2027-01-01"], ["PAYMENT_AMOUNT_NOT_POSITIVE", "PAYMENT_DATE_IN_FUTURE"]],
      [["receive", "--from", "county", "--amount", "5", "--date", "2026-02-01"], ["PAYMENT_NOT_UPSTREAM"]],
      [["receive", "--from", "boss", "--amount", "5", "--date", "2026-02-01"], ["PAYMENT_UNKNOWN_BODY"]],
    ];
    for (const [args, codes] of cases) {
      const r = run([...args, "--json"]);
      expect(r.code, args.join(" ")).toBe(65);
      expect(JSON.parse(r.stdout).problems.map((p: any) => p.code)).toEqual(codes);
    }
    const human = run(["remit", "--to", "county", "--amount", "abc", "--date", "2026-02-01", "--lang", "en"]);
    expect(human.stderr).toMatch(/--amount: error\[PAYMENT_AMOUNT_UNREADABLE\]/);
    expect(human.stderr).toMatch(/nothing was written/);
    expect(snapshot()).toBe(before);
  });

  it("refuses a date in a closed month with 73", () => {
    expect(run(["close", "2026-08"]).code).toBe(0);
    const r = run(["remit", "--to", "city", "--amount", "10.00", "--date", "2026-08-20", "--json"]);
    expect(r.code).toBe(73);
    expect(JSON.parse(r.stdout).problems[0].code).toBe("PAYMENT_PERIOD_CLOSED");
    // Settling a closed month from an open one is allowed: the entry belongs to September.
    expect(run(["remit", "--to", "city", "--amount", "10.00", "--date", "2026-09-01", "--period", "2026-01"]).code).toBe(0);
  });

  it("matches a statement's dues-only transfer and funds transfer to the month they belong to", () => {
    // February, paid in two transfers: the dues deducted (3 × 30.00 = 90.00) and the funds (640.00).
    writeFileSync(join(t.dir, "st.csv"), "交易日期,摘要,对方户名,借方发生额,贷方发生额\n2026-03-10,2026年2月会费,示例公司,,90.00\n2026-03-11,2026年2月工会经费,示例公司,,640.00\n2026-03-12,不明来款,某人,,33.33\n");
    const before = run(["reconcile", "--employer", "--json"]).stdout;
    const dry = run(["import", "bank", "st.csv", "--dry-run", "--json"]);
    expect(dry.code).toBe(1);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, statement: null, matched: 2, unmatched: 1 });
    expect(run(["reconcile", "--employer", "--json"]).stdout).toBe(before);
    const r = run(["import", "bank", "st.csv", "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.lines.map((l: any) => l.status)).toEqual(JSON.parse(dry.stdout).lines.map((l: any) => l.status));
    expect(j.lines.map((l: any) => [l.line, l.status, l.party ?? l.reason, l.settles ?? null])).toEqual([
      [2, "matched", "employer", "2026-02"], [3, "matched", "employer", "2026-02"], [4, "unmatched", "no-candidate", null],
    ]);
    const feb = json(["reconcile", "--employer", "--json"]).rows.find((x: any) => x.period === "2026-02");
    expect(feb).toMatchObject({ due: "730.00", paid: "730.00", status: "paid" });
  });

  it("writes nothing when no line matches, so the statement can be read again later", () => {
    writeFileSync(join(t.dir, "none.csv"), "Date,Amount,Reference\n2026-04-01,12.34,?\n");
    const first = run(["import", "bank", "none.csv", "--json"]);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ statement: null, matched: 0, unmatched: 1 });
    expect(run(["import", "bank", "none.csv", "--json"]).code).toBe(1); // not refused as a duplicate
  });

  it("lists members short 3+ months in a row, 6+ as lapse risk, and the employer behind", () => {
    const r = run(["arrears", "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.through).toBe("2026-07");
    expect(j.members).toEqual([
      { member: "A002", name: "会员2", since: "2026-02", through: "2026-07", months: 6, shortfall: "180.00", lapseRisk: true },
      { member: "A003", name: "会员3", since: "2026-05", through: "2026-07", months: 3, shortfall: "60.00", lapseRisk: false },
    ]);
    // Paid: January and February. March–July are past due on 2026-11-18.
    expect(j.employers).toEqual([{ party: "employer", months: 5, outstanding: expect.any(String), oldest: "2026-03" }]);
    const human = run(["arrears", "--lang", "en"]);
    expect(human.stdout).toMatch(/A002\s+会员2\s+2026-02–2026-07\s+6\s+180\.00\s+lapse risk/);
  });

  it("leaves a voided remittance out, as if it had never been booked", () => {
    const feb = () => json(["reconcile", "--json", "--body", "city"]).rows.find((x: any) => x.period === "2026-02");
    const r = run(["remit", "--to", "city", "--amount", "50.00", "--date", "2026-09-02", "--period", "2026-02", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(feb()).toMatchObject({ paid: "50.00", status: "partial" });
    const v = run(["void", String(JSON.parse(r.stdout).batch), "--reason", "wrong body"]);
    expect(v.code, v.stderr).toBe(0);
    expect(feb()).toMatchObject({ paid: "0.00", status: "unpaid" });
  });

  it("refuses flags it cannot read, with usage exit 64", () => {
    const cases: [string[], string][] = [
      [["reconcile", "--from", "2026-13"], "RECONCILE_PERIOD_INVALID"],
      [["reconcile", "--from", "2026-05", "--to", "2026-02"], "RECONCILE_RANGE_EMPTY"],
      [["reconcile", "--as-of", "tomorrow"], "RECONCILE_DATE_INVALID"],
      [["reconcile", "--body", "nobody"], "RECONCILE_UNKNOWN_BODY"],
      [["reconcile", "--body", "county", "--employer"], "RECONCILE_BODY_WITH_EMPLOYER"],
      [["arrears", "--as-of", "2026-02-30"], "ARREARS_DATE_INVALID"],
      [["import", "bank", "st.csv", "--source", "nope"], "BANK_UNKNOWN_SOURCE"],
    ];
    for (const [args, code] of cases) {
      const r = run([...args, "--json"]);
      expect(r.code, args.join(" ") + r.stdout + r.stderr).toBe(64);
      expect(JSON.parse(r.stdout).problems[0].code).toBe(code);
    }
    expect(run(["import", "bank", "missing.csv"]).code).toBe(66);
  });
});

describe("funds collected upstream", () => {
  const t = tempDir("dues-upstream-");
  const run = (args: string[]) => dues(args, { cwd: t.dir });
  afterAll(() => t.cleanup());

  it("books a higher body's refund against the upstream receivable and reconciles it on the employer side", () => {
    expect(run(["init"]).code).toBe(0);
    const yaml = readFileSync(join(t.dir, "dues.yaml"), "utf8");
    expect(yaml).toMatch(/collection: union/);
    writeFileSync(join(t.dir, "dues.yaml"), yaml.replace(/collection: union/, "collection: upstream"));
    // Two members on a gross of 8,000.00: 2% is 320.00; the union keeps 60% = 192.00.
    writeFileSync(join(t.dir, "p.csv"), "工号,姓名,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费\nB1,甲,是,在职,6000,0,8000,30.00\nB2,乙,是,在职,6000,0,8000,30.00\n");
    expect(run(["import", "payroll", "p.csv", "--period", "2026-01"]).code).toBe(0);
    const refund = run(["receive", "--from", "county", "--amount", "192.00", "--date", "2026-02-20", "--json"]);
    expect(refund.code, refund.stderr).toBe(0);
    expect(JSON.parse(refund.stdout).postings).toEqual([{ account: "102", body: null, amount: "192.00" }, { account: "131", body: null, amount: "-192.00" }]);
    const j = JSON.parse(run(["reconcile", "--employer", "--json"]).stdout);
    expect(j.rows.find((x: any) => x.body === "upstream")).toMatchObject({ period: "2026-01", due: "192.00", paid: "192.00", status: "paid" });
  });
});
