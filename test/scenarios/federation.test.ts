// Scenario: a county federation and three base unions, every one built with `dues` as its
// treasurer would. The base unions import their payrolls for 2026-01…03, remit the county's
// 40% of the 2% funds (or not), and export a month's advice each; the federation registers
// them, imports the nine advices and its bank statement, passes the higher bodies' shares on,
// and its `reconcile --affiliates` and `arrears --affiliates` agree to the cent with each base
// union's own `dues reconcile` (late fees included: both sides charge 5‰ a day, capped).
// Every expected amount is worked by hand below. (wt-tax adds the tax list and refunds.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/app/templates/index.js";
import { baseUnionYaml } from "../federation/fixtures.js";
import { writeFiles } from "../helpers/cli.js";
import { scenario, trialByAccount, type Scenario } from "./helpers.js";

const AS_OF = "2026-04-30";

const payroll = (rows: [string, string, string][]) => "工号,姓名,基本工资,应发工资\n" + rows.map(([id, basic, gross]) => `${id},某${id},${basic},${gross}`).join("\n") + "\n";

// acme 甲: funds base Jan 8,000 + 9,000 + 4,000 = 21,000.00 → 420.00 → county 40% = 168.00;
//   Feb and Mar 8,000 + 9,000 + 5,000 = 22,000.00 → 440.00 → 176.00.
//   Remits Jan on 02-10, Feb on 03-12 (both before the 15th), Mar on 04-20 (5 days late:
//   176.00 × 5 × 0.5% = 4.40).
// beta 乙: 10,000.00 + 12,345.67 = 22,345.67 → 446.9134 → 446.91; county 40% = 178.764,
//   retained 268.146: one fen left, the larger remainder (.146 → 0.6 fen vs .764 → 0.4 fen)
//   is retained's, so county 178.76 each month. Remits Jan on 02-25 (10 days late: 178.76 ×
//   10 × 0.5% = 8.938 → 8.94), nothing for Feb and Mar (as of 04-30: Feb 46 days late,
//   178.76 × 46 × 0.5% = 41.1148 → 41.11; Mar 15 days, 13.407 → 13.41).
// gamma 丙: 5,000.00 → 100.00 → 40.00 a month; pays nothing: Jan 74 days → 14.80, Feb 46 →
//   9.20, Mar 15 → 3.00. Three months behind: in arrears.
const UNIONS = {
  acme: { name: "甲公司工会", months: { "2026-01": [["E1", "5000.00", "8000.00"], ["E2", "6789.45", "9000.00"], ["E3", "3000.00", "4000.00"]], "2026-02": [["E1", "5000.00", "8000.00"], ["E2", "6789.45", "9000.00"], ["E3", "3000.00", "5000.00"]], "2026-03": [["E1", "5000.00", "8000.00"], ["E2", "6789.45", "9000.00"], ["E3", "3000.00", "5000.00"]] }, remits: [["168.00", "2026-02-10", "2026-01"], ["176.00", "2026-03-12", "2026-02"], ["176.00", "2026-04-20", "2026-03"]] },
  beta: { name: "乙公司工会", months: { "2026-01": [["B1", "6000.00", "10000.00"], ["B2", "7000.00", "12345.67"]], "2026-02": [["B1", "6000.00", "10000.00"], ["B2", "7000.00", "12345.67"]], "2026-03": [["B1", "6000.00", "10000.00"], ["B2", "7000.00", "12345.67"]] }, remits: [["178.76", "2026-02-25", "2026-01"]] },
  gamma: { name: "丙公司工会", months: { "2026-01": [["G1", "3000.00", "5000.00"]], "2026-02": [["G1", "3000.00", "5000.00"]], "2026-03": [["G1", "3000.00", "5000.00"]] }, remits: [] },
} as const satisfies Record<string, { name: string; months: Record<string, readonly (readonly [string, string, string])[]>; remits: readonly (readonly [string, string, string])[] }>;
type Id = keyof typeof UNIONS;
const IDS = Object.keys(UNIONS) as Id[];

// Valid 统一社会信用代码 of the three employers (check characters per GB 32100-2015).
const REGISTER = `工会标识,工会名称,单位名称,统一社会信用代码,代收模式,联系人
acme,甲公司工会,甲公司,91330100MA2B000018,union-collects,张三
beta,乙公司工会,乙公司,91330100MA2B00002B,,李四
gamma,丙公司工会,丙公司,91330100MA2B00003E,工会收缴,王五
`;

// The county's bank statement: what acme and beta paid it (the same money the base unions
// booked as remittances), and one line nobody expects.
const STATEMENT = `交易日期,贷方金额,借方金额,附言,对方户名
2026-02-10,168.00,,acme 2026-01 工会经费,甲公司工会
2026-02-25,178.76,,乙公司工会 2026年1月经费,乙公司工会
2026-03-12,176.00,,acme 2026-02,甲公司工会
2026-04-20,176.00,,acme 2026-03,甲公司工会
2026-04-22,999.00,,不明来款,某单位
`;

const cents = (s: string) => Math.round(Number(s) * 100); // only to add up test figures read back, never to compute an amount under test

describe("a county federation reconciled against its three base unions", () => {
  const base = {} as Record<Id, Scenario>;
  let fed: Scenario;
  const advices: string[] = [];
  let advice: any;
  let bank: any;
  let rec: any;
  let correction: number;

  beforeAll(() => {
    for (const id of IDS) {
      const u = UNIONS[id];
      const s = (base[id] = scenario());
      writeFiles(s.dir, { "dues.yaml": baseUnionYaml(u.name, id) });
      expect(s.run(["init"]).code).toBe(0);
      for (const [period, rows] of Object.entries(u.months)) {
        writeFiles(s.dir, { [`payroll-${period}.csv`]: payroll(rows as unknown as [string, string, string][]) });
        s.json(["import", "payroll", `payroll-${period}.csv`, "--period", period]);
      }
      for (const [amount, date, period] of u.remits) s.json(["remit", "--to", "county", "--amount", amount, "--date", date, "--period", period, "--ref", `${id}-${period}`]);
      for (const period of Object.keys(u.months)) {
        const r = s.run(["export", "return", "--period", period, "--as-of", AS_OF, "-o", `${id}-${period}.json`]);
        expect(r.code, r.stderr).toBe(0);
      }
    }
    fed = scenario();
    writeFiles(fed.dir, { "dues.yaml": TEMPLATES["cn-county"], "affiliates.csv": REGISTER, "statement.csv": STATEMENT });
    expect(fed.run(["init"]).code).toBe(0);
    fed.json(["affiliates", "import", "affiliates.csv"]);
    for (const id of IDS) for (const period of Object.keys(UNIONS[id].months)) {
      const name = `${id}-${period}.json`;
      writeFiles(fed.dir, { [name]: readFileSync(join(base[id].dir, name)) });
      advices.push(name);
    }
    advice = fed.json(["import", "advice", ...advices]);
    bank = fed.json(["import", "bank", "statement.csv"], 1); // one line left unmatched: exit 1
    rec = fed.json(["reconcile", "--affiliates", "--as-of", AS_OF], 1);
  });
  afterAll(() => {
    for (const id of IDS) base[id]?.cleanup();
    fed?.cleanup();
  });

  it("books every advice month as the county's 40%: 132 per affiliate against 402 and 211 per higher body", () => {
    expect(advice.advices.map((a: any) => [a.affiliate, a.from, a.months[0].booked, a.months[0].status])).toEqual([
      ["acme", "2026-01", "168.00", "new"], ["acme", "2026-02", "176.00", "new"], ["acme", "2026-03", "176.00", "new"],
      ["beta", "2026-01", "178.76", "new"], ["beta", "2026-02", "178.76", "new"], ["beta", "2026-03", "178.76", "new"],
      ["gamma", "2026-01", "40.00", "new"], ["gamma", "2026-02", "40.00", "new"], ["gamma", "2026-03", "40.00", "new"],
    ]);
    const t = trialByAccount(fed.json(["report", "trial"]));
    // 132: acme 520.00, beta 536.28, gamma 120.00 = 1,176.28 owed for the quarter.
    expect(t["132:acme"]!.debit).toBe("520.00");
    expect(t["132:beta"]!.debit).toBe("536.28");
    expect(t["132:gamma"]!.debit).toBe("120.00");
    // The split of each month (template: city 25%, province 37.5%, 全总 12.5%, county keeps 25%):
    //   168.00 → 42.00 / 63.00 / 21.00 / own 42.00; 176.00 → 44.00 / 66.00 / 22.00 / 44.00;
    //   40.00 → 10.00 / 15.00 / 5.00 / 10.00;
    //   178.76 → exact own 44.69, city 44.69, province 67.035, 全总 22.345: floors add up to
    //   178.75, one fen over, province and 全总 tie at half a fen and the tie goes to the body
    //   listed first: province 67.04, 全总 22.34.
    expect(t["211:city"]!.credit).toBe("294.07"); // 42 + 44 + 44 + 3 × 44.69 + 3 × 10
    expect(t["211:province"]!.credit).toBe("441.12"); // 63 + 66 + 66 + 3 × 67.04 + 3 × 15
    expect(t["211:acftu"]!.credit).toBe("147.02"); // 21 + 22 + 22 + 3 × 22.34 + 3 × 5
    expect(t["402"]!.credit).toBe("294.07"); // 42 + 44 + 44 + 3 × 44.69 + 3 × 10
    const sum = ["211:city", "211:province", "211:acftu", "402"].reduce((s, k) => s + cents(t[k]!.credit), 0);
    expect(sum).toBe(117628);
  });

  it("the same advice again is refused, and nothing is written", () => {
    const r = fed.run(["import", "advice", "acme-2026-01.json", "--lang", "en"]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("ADVICE_DUPLICATE");
  });

  it("the bank statement's payments are matched to the affiliates; the stranger's line is left alone", () => {
    const byLine = bank.lines.map((l: any) => [l.line, l.status, l.party ?? null, l.settles ?? null]);
    expect(byLine).toEqual([
      [2, "matched", "acme", "2026-01"], [3, "matched", "beta", "2026-01"], [4, "matched", "acme", "2026-02"], [5, "matched", "acme", "2026-03"], [6, "unmatched", null, null],
    ]);
  });

  it("reconcile --affiliates agrees to the cent with each base union's own reconcile, late fees included", () => {
    for (const id of IDS) {
      const own = base[id].json(["reconcile", "--as-of", AS_OF], id === "acme" ? 0 : 1);
      const theirs = own.rows.map((r: any) => [r.period, r.due, r.paid, r.outstanding, r.status, r.lateFee]);
      const ours = rec.rows.filter((r: any) => r.affiliate === id).map((r: any) => [r.period, r.expected, r.received, r.outstanding, r.status, r.lateFee]);
      expect(ours, id).toEqual(theirs);
    }
    const row = (id: string, p: string) => rec.rows.find((r: any) => r.affiliate === id && r.period === p);
    expect(row("acme", "2026-03")).toMatchObject({ expected: "176.00", received: "176.00", status: "paid", lateDays: 5, lateFee: "4.40", settledOn: "2026-04-20", source: "advice" });
    expect(row("beta", "2026-01")).toMatchObject({ lateDays: 10, lateFee: "8.94" });
    expect(row("beta", "2026-02")).toMatchObject({ outstanding: "178.76", status: "unpaid", lateDays: 46, lateFee: "41.11" });
    expect(row("gamma", "2026-01")).toMatchObject({ lateDays: 74, lateFee: "14.80" });
    // Owed: beta 2 × 178.76 + gamma 3 × 40.00 = 477.52; fees 4.40 + 8.94 + 41.11 + 13.41 + 14.80 + 9.20 + 3.00 = 94.86.
    expect(rec.totals).toEqual({ expected: "1176.28", received: "698.76", outstanding: "477.52", lateFee: "94.86" });
    expect(rec.settled).toBe(false);
    const one = fed.json(["reconcile", "--affiliates", "--affiliate", "acme", "--as-of", AS_OF]);
    expect(one.settled).toBe(true);
  });

  it("arrears --affiliates: gamma is three months behind; beta's two months are not yet arrears", () => {
    const a = fed.json(["arrears", "--affiliates", "--as-of", AS_OF], 1);
    expect(a.affiliates).toEqual([{ affiliate: "gamma", name: "丙公司工会", months: 3, oldest: "2026-01", outstanding: "120.00", lateFee: "27.00" }]);
  });

  it("the county passes the higher bodies' shares on with dues remit, and its own reconcile with them settles", () => {
    fed.json(["remit", "--to", "city", "--amount", "294.07", "--date", "2026-04-25", "--ref", "上解市总 2026Q1"]);
    fed.json(["remit", "--to", "province", "--amount", "441.12", "--date", "2026-04-25"]);
    fed.json(["remit", "--to", "acftu", "--amount", "147.02", "--date", "2026-04-25"]);
    const up = fed.json(["reconcile", "--to", "2026-03", "--as-of", AS_OF]);
    expect(up.totals).toMatchObject({ due: "882.21", paid: "882.21", outstanding: "0.00" });
    expect(up.settled).toBe(true);
    // Bank: received 698.76 − remitted 882.21 (the stranger's 999.00 was not booked).
    const t = trialByAccount(fed.json(["report", "trial"]));
    expect(t["102"]!.closing).toBe("-183.45");
    expect(fed.run(["verify"]).code).toBe(0);
  });

  it("a corrected advice replaces the month by reversal: gamma's March payroll was wrong", () => {
    const g = base.gamma;
    writeFiles(g.dir, { "payroll-2026-03-fixed.csv": payroll([["G1", "3000.00", "5000.00"], ["G2", "2000.00", "2500.00"]]) });
    g.json(["import", "payroll", "payroll-2026-03-fixed.csv", "--period", "2026-03", "--replace"]);
    expect(g.run(["export", "return", "--period", "2026-03", "--as-of", AS_OF, "-o", "gamma-2026-03-v2.json"]).code).toBe(0);
    writeFiles(fed.dir, { "gamma-2026-03-v2.json": readFileSync(join(g.dir, "gamma-2026-03-v2.json")) });
    // 7,500.00 → 150.00 → county 60.00 instead of 40.00.
    const r = fed.json(["import", "advice", "gamma-2026-03-v2.json"]);
    expect(r.advices[0].months[0]).toEqual({ period: "2026-03", expected: "60.00", booked: "60.00", status: "replaced", before: "40.00" });
    const t = trialByAccount(fed.json(["report", "trial"]));
    expect(t["132:gamma"]!.debit).toBe("180.00"); // 40 + 40 + 40, reversed −40 (a negative debit nets), + 60
    expect(t["132:gamma"]!.closing).toBe("140.00");
    const after = fed.json(["reconcile", "--affiliates", "--affiliate", "gamma", "--as-of", AS_OF], 1);
    const own = g.json(["reconcile", "--as-of", AS_OF], 1);
    expect(after.rows.map((x: any) => [x.period, x.expected, x.outstanding, x.lateFee])).toEqual(own.rows.map((x: any) => [x.period, x.due, x.outstanding, x.lateFee]));
    expect(after.rows.at(-1)).toMatchObject({ period: "2026-03", expected: "60.00" });
    correction = r.advices[0].batch;
  });

  it("voiding the correcting batch brings the earlier figures back; the balance sheet names each affiliate", () => {
    fed.json(["void", String(correction), "--reason", "wrong file"]);
    const back = fed.json(["reconcile", "--affiliates", "--affiliate", "gamma", "--as-of", AS_OF], 1);
    expect(back.rows.at(-1)).toMatchObject({ period: "2026-03", expected: "40.00", source: "advice" });
    const bs = fed.json(["report", "balance", "--as-of", AS_OF]);
    const line = bs.lines.find((l: any) => l.code === "gamma");
    expect(line.name).toBe("丙公司工会");
    expect(fed.run(["verify"]).code).toBe(0);
  });
});
