// Scenario: a Chinese base union whose 2% funds are collected upstream (税务代收: the tax
// authority collects the whole 2% from the employer, the county federation refunds the
// union's kept share). The import books only Dr 131 = Cr 402 for the funds; the refund
// received with `dues receive --from county` settles it. Dues follow the 10-yuan base
// step (6,789.45 → 6,780 → 33.90); a variant scheme from 2026-07-01 (made up for the
// test) takes 1% of the whole base rounded down to 0.05, and June and July each use
// their own scheme.
// Files: fixtures/scenarios/cn-upstream/. Every expected amount is worked by hand below.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingsOf, scenario, trialByAccount, type Scenario } from "./helpers.js";

// June (scheme of 2026-01-01: base_step 10, 0.5%, to 0.01 half-up)
//   C001 张三  4,000.00 + 2,789.45 = 6,789.45 → 6,780.00 × 0.5% = 33.90   deducted 33.90
//   C002 李四  3,000.00 + 1,234.56 = 4,234.56 → 4,230.00 × 0.5% = 21.15   deducted 21.15
//   C003 王五  退休: exempt (a member)                         0.00
//   C004 赵六  not a member                                   0.00
//   dues 55.05; duesBase 6,789.45 + 4,234.56 = 11,024.01; members 3, exempt 1
//   funds base (all employees' 应发工资): 9,000.37 + 5,500 + 2,000 + 4,500 = 21,000.37
//   funds 2% = 420.0074 → 420.01 (rounded once, on the total)
//   shares: county 25% = 105.0025 → 105.00 (lost 0.25 fen); city 15% = 63.0015 → 63.00
//   (lost 0.15); retained 60% = 252.006 → 252.00 (lost 0.6): the odd fen is retained's →
//   retained 252.01, county 105.00, city 63.00.
//   Booked, collection upstream: dues Dr 13501 55.05 = Cr 401 55.05;
//   funds Dr 131 252.01 = Cr 402 252.01, and nothing to 211 (we owe the bodies nothing:
//   the tax authority collected their shares) nor to 13501 for funds.
//
// July (variant of 2026-07-01: no base step, 1%, to 0.05 down)
//   C001 6,789.45 × 1% = 67.8945 → down to 0.05 → 67.85   (half-up to 0.01 would be 67.89;
//        with the 10-yuan step 67.80)
//   C002 4,234.56 × 1% = 42.3456 → 42.30
//   dues 110.15; funds as June: 420.01, retained 252.01
describe("a Chinese union whose 2% is collected upstream", () => {
  let s: Scenario;
  let june: any;
  let july: any;

  beforeAll(() => {
    s = scenario("cn-upstream");
    expect(s.run(["init"]).code).toBe(0);
    june = s.json(["import", "payroll", "payroll-2026-06.csv", "--period", "2026-06"]);
    july = s.json(["import", "payroll", "payroll-2026-07.csv", "--period", "2026-07"]);
  }, 60_000);
  afterAll(() => s.cleanup());

  it("computes June under the first scheme: the 10-yuan step, and the 2% shares as the refund to expect", () => {
    expect(june).toMatchObject({ rows: 4, employees: 4, members: 3, exempt: 1 });
    expect(june.totals).toEqual({ fundsBase: "21000.37", duesBase: "11024.01", dues: "55.05", funds: "420.01", deducted: "55.05" });
    expect(june.shares).toEqual([
      { stream: "dues", to: "retained", amount: "55.05" },
      { stream: "funds", to: "retained", amount: "252.01" },
      { stream: "funds", to: "county", amount: "105.00" },
      { stream: "funds", to: "city", amount: "63.00" },
    ]);
    expect(june.checkoff).toEqual({ mismatches: 0, difference: "0.00" });
    const c001 = s.json(["members", "show", "C001"]).periods;
    expect(c001[0]).toMatchObject({ period: "2026-06", duesBase: "6789.45", truncatedBase: "6780.00", rate: "0.5%", dues: "33.90" });
  });

  it("computes July under the variant: 1% of the whole base, rounded down to 0.05", () => {
    expect(july.totals).toEqual({ fundsBase: "21000.37", duesBase: "11024.01", dues: "110.15", funds: "420.01", deducted: "110.15" });
    const c001 = s.json(["members", "show", "C001"]).periods;
    expect(c001[1]).toMatchObject({ period: "2026-07", duesBase: "6789.45", truncatedBase: "6789.45", rate: "1%", dues: "67.85" });
    const c002 = s.json(["members", "show", "C002"]).periods;
    expect(c002.map((p: any) => [p.period, p.truncatedBase, p.dues])).toEqual([["2026-06", "4230.00", "21.15"], ["2026-07", "4234.56", "42.30"]]);
  });

  it("config check shows the two schemes with their date ranges", () => {
    const c = s.json(["config", "check"]);
    expect(c.schemes.map((x: any) => [x.effectiveFrom, x.effectiveTo, x.dues.baseStep, x.dues.rate, x.dues.round, x.funds.collection])).toEqual([
      ["2026-01-01", "2026-06-30", "10.00", "0.5%", { to: "0.01", mode: "half-up" }, "upstream"],
      ["2026-07-01", null, "0.00", "1%", { to: "0.05", mode: "down" }, "upstream"],
    ]);
  });

  it("books only Dr 131 = Cr 402 for the upstream-collected funds", () => {
    const j = s.json(["report", "journal", "--period", "2026-06"]);
    expect(j.entries.map((e: any) => [e.kind, postingsOf(e)])).toEqual([
      ["payroll-dues", { "13501": "55.05", "401": "-55.05" }],
      ["payroll-funds", { "131": "252.01", "402": "-252.01" }],
    ]);
    // Nothing is owed to a body: no 211 rows, and dues reconcile has nothing to show.
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(Object.keys(t).filter((k) => k.startsWith("211"))).toEqual([]);
    expect(s.json(["reconcile"]).rows).toEqual([]);
  });

  it("lists the refunds not yet received in dues arrears, apart from the employer's dues", () => {
    // As of 2026-11-18 both months are past due: upstream 252.01 × 2 = 504.02; employer
    // (dues deducted, nothing received yet) 55.05 + 110.15 = 165.20.
    const a = s.json(["arrears"], 1);
    expect(a.members).toEqual([]);
    expect(a.employers).toEqual(expect.arrayContaining([
      { party: "employer", months: 2, outstanding: "165.20", oldest: "2026-06" },
      { party: "upstream", months: 2, outstanding: "504.02", oldest: "2026-06" },
    ]));
    expect(a.employers).toHaveLength(2);
  });

  it("settles June's refund with dues receive --from county", () => {
    const r = s.json(["receive", "--from", "county", "--amount", "252.01", "--date", "2026-07-20", "--period", "2026-06", "--ref", "返还2026-06"]);
    expect(r).toMatchObject({ kind: "receive", party: "county", amount: "252.01", settles: "2026-06" });
    // Dr 102 bank = Cr 131 receivable from the higher body
    expect(postingsOf(r)).toEqual({ "102": "252.01", "131": "-252.01" });

    const rec = s.json(["reconcile", "--employer"], 1);
    const upstream = rec.rows.filter((x: any) => x.body === "upstream").map((x: any) => [x.period, x.due, x.paid, x.outstanding, x.status]);
    expect(upstream).toEqual([["2026-06", "252.01", "252.01", "0.00", "paid"], ["2026-07", "252.01", "0.00", "252.01", "unpaid"]]);
    // The employer owes only the dues it deducted: the 2% went to the tax authority.
    const employer = rec.rows.filter((x: any) => x.body === "employer").map((x: any) => [x.period, x.due]);
    expect(employer).toEqual([["2026-06", "55.05"], ["2026-07", "110.15"]]);

    // 131: 252.01 × 2 accrued − 252.01 refunded = 252.01; 402: 504.02; 401: 55.05 + 110.15 = 165.20
    const t = trialByAccount(s.json(["report", "trial"]));
    expect(t["131"]).toEqual({ debit: "504.02", credit: "252.01", closing: "252.01" });
    expect(t["102"]!.closing).toBe("252.01");
    expect(t["402"]!.closing).toBe("-504.02");
    expect(t["401"]!.closing).toBe("-165.20");
    expect(t["13501"]!.closing).toBe("165.20");
  });

  it("refuses a refund from a body when the union collects the 2% itself", () => {
    // Control: the same union with collection: union has nothing to be refunded.
    const other = scenario();
    try {
      writeFileSync(join(other.dir, "dues.yaml"), readFileSync(join(s.dir, "dues.yaml"), "utf8").replaceAll("collection: upstream", "collection: union"));
      expect(other.run(["init"]).code).toBe(0);
      const r = other.json(["receive", "--from", "county", "--amount", "252.01", "--date", "2026-07-20"], 65);
      expect(r.problems.map((p: any) => p.code)).toEqual(["PAYMENT_NOT_UPSTREAM"]);
    } finally {
      other.cleanup();
    }
  });
});

// The third model in DOMAIN.md: the tax authority takes only the 40% and the employer pays
// the 60% to the union itself. There is no collection value for it; written as the union's
// own part of the rate (2% × 60% = 1.2%), with no split and collection: union, it books
// what the employer owes the union: Dr 13501 = Cr 402.
//   June: 21,000.37 × 1.2% = 252.004444 → 252.00 (rounded once on the total). Note: 60% of
//   the rounded 2% (420.01) would allocate 252.01; the union's 1.2% rounds on its own.
describe("a Chinese union whose employer pays the 60% directly (the tax authority takes the 40%)", () => {
  let s: Scenario;
  afterAll(() => s.cleanup());

  it("is written as a 1.2% funds rate collected by the union", () => {
    s = scenario("cn-upstream");
    const yaml = readFileSync(join(s.dir, "dues.yaml"), "utf8")
      .replaceAll("rate: 2%", "rate: 1.2%   # 2% × 60%: our part only")
      .replaceAll("        - { to: county, share: 25% }\n", "")
      .replace("        - { to: city,   share: 15% }   # 60% kept, refunded by the county\n", "")
      .replaceAll("        - { to: city,   share: 15% }\n", "")
      .replaceAll("      split:\n", "      split: []\n")
      .replaceAll("collection: upstream", "collection: union");
    writeFileSync(join(s.dir, "dues.yaml"), yaml);
    const init = s.run(["init"]);
    expect(init.code, init.stderr).toBe(0);
    const j = s.json(["import", "payroll", "payroll-2026-06.csv", "--period", "2026-06"]);
    expect(j.totals).toMatchObject({ fundsBase: "21000.37", funds: "252.00", dues: "55.05" });
    expect(j.shares).toEqual([{ stream: "dues", to: "retained", amount: "55.05" }, { stream: "funds", to: "retained", amount: "252.00" }]);
    const e = s.json(["report", "journal"]).entries;
    expect(e.map((x: any) => [x.kind, postingsOf(x)])).toEqual([
      ["payroll-dues", { "13501": "55.05", "401": "-55.05" }],
      ["payroll-funds", { "13501": "252.00", "402": "-252.00" }],
    ]);
  });
});
