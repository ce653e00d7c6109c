// `dues reconcile --affiliates` and the audit's Affiliates sheet read the affiliates one at a
// time from four ordered queries (advice lines, 132 and 212 postings, tax receipts) merged by
// id, through iterate() (a cursor on PostgreSQL). The result must not depend on how the rows
// come: a fetch of one row at a time gives what the default fetch gives, every affiliate's
// own reconciliation (--affiliate) is its part of the whole, and the streamed --json is
// byte for byte JSON.stringify(…, null, 2) of what it says.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileAffiliates } from "../../src/app/reconcile-affiliates.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { PgDb } from "../../src/ledger/pg-db.js";
import { baseUnionYaml, THREE } from "./fixtures.js";
import { writeFiles } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";
import { scenario, type Scenario } from "../scenarios/helpers.js";

const AS_OF = "2026-11-17";
const { A, B, REGISTER, STATEMENT, PAYROLL } = THREE;
const TAX = `序号,缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期,征收品目
1,甲公司,${A},2026-09,"1,000.00",2026-10-10,工会经费
2,甲公司,${A},2026-10,"1,975.31",2026-11-10,工会经费
3,乙公司,${B},2026-10,800.00,2026-11-12,工会经费
4,乙公司,${B},2026-09,700.00,2026-10-20,工会经费
`;

let bing: Scenario;
beforeAll(() => {
  bing = scenario();
  writeFiles(bing.dir, { "dues.yaml": baseUnionYaml("丙公司工会", "bing"), "payroll.csv": PAYROLL });
  expect(bing.run(["init"]).code).toBe(0);
  bing.json(["import", "payroll", "payroll.csv", "--period", "2026-10"]);
  expect(bing.run(["export", "return", "--period", "2026-10", "--as-of", AS_OF, "-o", "bing-2026-10.json"]).code).toBe(0);
});
afterAll(() => bing?.cleanup());

eachBackend((backend) => {
  describe("reconcile --affiliates, one affiliate at a time", () => {
    let fed: Scenario;
    let pg: ReturnType<typeof freshPgDatabase> | undefined;
    const db = () => (pg ? ["--db", pg.url] : []);

    beforeAll(() => {
      if (backend === "postgres") pg = freshPgDatabase();
      fed = scenario();
      writeFiles(fed.dir, { "affiliates.csv": REGISTER, "tax.csv": TAX, "statement.csv": STATEMENT, "bing-2026-10.json": readFileSync(join(bing.dir, "bing-2026-10.json")) });
      expect(fed.run(["init", "--template", "cn-county", ...db()]).code).toBe(0);
      fed.json(["affiliates", "import", "affiliates.csv", ...db()]);
      fed.json(["import", "advice", "bing-2026-10.json", ...db()]);
      fed.json(["import", "tax-list", "tax.csv", ...db()]);
      fed.json(["import", "bank", "statement.csv", ...db()]);
      fed.json(["refund", "--to", "jia", "--amount", "500.00", "--date", "2026-11-16", "--ref", "HX1", ...db()]);
    });
    afterAll(() => {
      fed?.cleanup();
      pg?.drop();
    });

    it("gives the same rows fetched one at a time, and each affiliate's alone is its part of the whole", () => {
      const ws = openWorkspace({ cwd: fed.dir, env: process.env, db: pg?.url });
      try {
        const whole = reconcileAffiliates(ws, { asOf: AS_OF }, AS_OF);
        expect(new Set(whole.rows.map((r) => r.party))).toEqual(new Set(["jia", "yi", "bing"]));
        expect(whole.refunds.map((r) => [r.affiliate, r.outstanding])).toEqual([["jia", expect.any(Number)]]);
        if (ws.ledger.db instanceof PgDb) {
          ws.ledger.db.fetchRows = 1;
          expect(reconcileAffiliates(ws, { asOf: AS_OF }, AS_OF)).toEqual(whole);
        }
        const parts = ["bing", "jia", "yi"].map((id) => reconcileAffiliates(ws, { asOf: AS_OF, affiliate: id }, AS_OF));
        expect(parts.flatMap((p) => p.rows)).toEqual(whole.rows);
        expect(parts.flatMap((p) => p.refunds)).toEqual(whole.refunds);
        expect(parts.reduce((t, p) => t + p.totals.due, 0)).toBe(whole.totals.due);
        expect(parts.reduce((t, p) => t + p.totals.paid, 0)).toBe(whole.totals.paid);
      } finally {
        ws.close();
      }
    });

    it("streams --json as JSON.stringify(value, null, 2) would write it", () => {
      const r = fed.run(["reconcile", "--affiliates", "--json", "--as-of", AS_OF, ...db()]);
      expect(r.code).toBe(1);
      const j = JSON.parse(r.stdout);
      // From 2026-09, the first month with data (the tax list's): jia and yi collected both months, bing advised October only.
      expect(j.rows.map((x: { affiliate: string; period: string }) => `${x.affiliate} ${x.period}`)).toEqual(["bing 2026-09", "bing 2026-10", "jia 2026-09", "jia 2026-10", "yi 2026-09", "yi 2026-10"]);
      expect(r.stdout).toBe(JSON.stringify(j, null, 2) + "\n");
    });
  });
});
