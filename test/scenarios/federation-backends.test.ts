// Scenario: a county federation kept on SQLite and on PostgreSQL, as a treasurer runs it:
// `dues init --template cn-county` (with --db postgres://… on the server), the affiliates
// register, an advice exported by a base union built with dues, the tax office's list, the bank
// statement, a refund, the higher bodies' shares remitted, reconcile/arrears --affiliates, the
// audit workbook and verify. Both backends must give the same JSON to the cent. Without
// DUES_TEST_PG the PostgreSQL block is skipped loudly (test/ledger/backends.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUnionYaml, THREE } from "../federation/fixtures.js";
import { writeFiles } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase, type BackendName } from "../ledger/backends.js";
import { scenario, trialByAccount, type Scenario } from "./helpers.js";

const AS_OF = "2026-11-17";
const { A, B, REGISTER, STATEMENT, PAYROLL } = THREE;

// bing: 5,000.00 + 7,500.00 = 12,500.00 → 250.00 → county 40% = 100.00 for 2026-10, paid 11-10.
// jia 1,975.31 tax-full (refund 60% = 1,185.19), yi 800.00 tax-upward.
const TAX = `序号,缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期,征收品目
1,甲公司,${A},2026-10,"1,975.31",2026-11-10,工会经费
2,乙公司,${B},2026-10,800.00,2026-11-12,工会经费
`;

const results: Partial<Record<BackendName, Record<string, unknown>>> = {};
let bing: Scenario;

beforeAll(() => {
  bing = scenario();
  writeFiles(bing.dir, { "dues.yaml": baseUnionYaml("丙公司工会", "bing"), "payroll.csv": PAYROLL });
  expect(bing.run(["init"]).code).toBe(0);
  bing.json(["import", "payroll", "payroll.csv", "--period", "2026-10"]);
  bing.json(["remit", "--to", "county", "--amount", "100.00", "--date", "2026-11-10", "--period", "2026-10"]);
  const r = bing.run(["export", "return", "--period", "2026-10", "--as-of", AS_OF, "-o", "bing-2026-10.json"]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => bing?.cleanup());

eachBackend((backend) => {
  describe("a county federation: register, advice, tax list, bank, refund, remit, reconcile, arrears, audit, verify", () => {
    let fed: Scenario;
    let pg: ReturnType<typeof freshPgDatabase> | undefined;
    const db = () => (pg ? ["--db", pg.url] : []);
    const run = (args: string[]) => fed.run([...args, ...db()]);
    const json = (args: string[], exit = 0) => fed.json([...args, ...db()], exit);
    const got: Record<string, unknown> = {};

    beforeAll(() => {
      if (backend === "postgres") pg = freshPgDatabase();
      fed = scenario();
      writeFiles(fed.dir, { "affiliates.csv": REGISTER, "tax.csv": TAX, "statement.csv": STATEMENT, "bing-2026-10.json": readFileSync(join(bing.dir, "bing-2026-10.json")) });
      const init = run(["init", "--template", "cn-county"]);
      expect(init.code, init.stderr).toBe(0);
    });
    afterAll(() => {
      fed?.cleanup();
      pg?.drop();
      results[backend] = got;
    });

    it("registers the affiliates and books the advice, the tax list and the bank statement", () => {
      expect(json(["affiliates", "import", "affiliates.csv"]).affiliates ?? true).toBeTruthy();
      const advice = json(["import", "advice", "bing-2026-10.json"]);
      expect(advice.advices.map((a: any) => [a.affiliate, a.from, a.months[0].booked, a.months[0].status])).toEqual([["bing", "2026-10", "100.00", "new"]]);
      const tax = json(["import", "tax-list", "tax.csv"]);
      expect(tax.totals).toMatchObject({ collected: "2775.31", refunds: "1185.19" });
      const bank = json(["import", "bank", "statement.csv"]);
      expect(bank.lines.map((l: any) => [l.status, l.party ?? null, l.settles ?? null])).toEqual([["matched", "bing", "2026-10"]]);
    });

    it("refunds jia and remits the higher bodies' shares", () => {
      expect(json(["refund", "--to", "jia", "--date", "2026-11-16", "--ref", "HX1"])).toMatchObject({ amount: "1185.19", stillOwed: "0.00" });
      const t = trialByAccount(json(["report", "trial"]));
      for (const body of ["city", "province", "acftu"]) {
        const owed = t[`211:${body}`]!.closing.replace(/^-/, "");
        json(["remit", "--to", body, "--amount", owed, "--date", "2026-11-17"]);
      }
      const up = json(["reconcile", "--to", "2026-10", "--as-of", AS_OF]);
      expect(up.settled).toBe(true);
      got.upward = up;
    });

    it("reconcile --affiliates and arrears --affiliates: everything received, nothing in arrears", () => {
      const rec = json(["reconcile", "--affiliates", "--as-of", AS_OF]);
      expect(rec.rows.map((r: any) => [r.affiliate, r.period, r.expected, r.received, r.status])).toEqual([
        ["bing", "2026-10", "100.00", "100.00", "paid"], ["jia", "2026-10", "790.12", "790.12", "paid"], ["yi", "2026-10", "800.00", "800.00", "paid"],
      ]);
      expect(rec.settled).toBe(true);
      got.reconcile = rec;
      got.arrears = json(["arrears", "--affiliates", "--as-of", AS_OF]);
      got.trial = json(["report", "trial"]);
      got.show = json(["affiliates", "show", "jia"]);
    });

    it("exports the audit workbook and verify passes", () => {
      const a = run(["export", "audit", "--from", "2026-10", "--to", "2026-11", "-o", "audit.xlsx"]);
      expect(a.code, a.stderr).toBe(0);
      const v = run(["verify"]);
      expect(v.code, v.stdout + v.stderr).toBe(0);
    });
  });
});

describe("SQLite and PostgreSQL agree", () => {
  it.skipIf(!process.env.DUES_TEST_PG)("the reconcile and arrears JSON and the trial balance are identical on both backends", () => {
    expect(results.postgres).toBeDefined();
    expect(results.postgres).toEqual(results.sqlite);
  });
});
