// The date an affiliate left (migration 009), the other end of `joined`: an optional register
// column (离会日期 / 撤销日期 / left), a day or a month, checked with file:line:column and
// against the joined date, kept with the register's history and shown by affiliates
// list|show (and --json). reconcile --affiliates, arrears --affiliates and the audit's
// Affiliates sheet expect nothing of an affiliate after the month it left, and still show
// the months before and a refund owed to it. Both backends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { federationAudit } from "../../src/app/federation-audit.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";
import { USCC } from "./fixtures.js";

let t: { dir: string; cleanup: () => void };
let pgUrl: string | undefined;
let drop: (() => void) | undefined;
let at: string[] = [];
const run = (...args: string[]) => dues([...at, ...args, "--lang", "en"], { cwd: t.dir });

// acme left on 2026-03-20 (March still expected), gamma in 2026-02; beta, whose funds the
// tax office collects, joined in 2026-02 and left in 2026-04, and is owed the affiliate's
// share of its two months' collections back (the refund, 212); delta has no dates.
const LEFT = `工会标识,工会名称,统一社会信用代码,代收模式,工资总额,入会日期,离会日期
acme,甲公司工会,${USCC.acme},,1000000.00,,2026-03-20
beta,乙公司工会,${USCC.beta},tax-full,500000.00,2026-02,2026-04
delta,丁公司工会,,,200000.00,,
gamma,丙公司工会,${USCC.gamma},,,2025年6月,2026年2月
`;
const TAX = `序号,缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期,征收品目
1,乙公司,${USCC.beta},2026-02,"10,000.00",2026-03-10,工会经费
2,乙公司,${USCC.beta},2026-03,"10,000.00",2026-04-10,工会经费
`;

const months = (rows: { affiliate: string; period: string }[], id: string) => rows.filter((x) => x.affiliate === id).map((x) => x.period);

eachBackend((backend) => {
  beforeEach(() => {
    t = tempDir("dues-fed-left-");
    const pg = backend === "postgres" ? freshPgDatabase() : undefined;
    drop = pg?.drop;
    pgUrl = pg?.url;
    at = pg ? ["--db", pg.url] : [];
    expect(run("init", "--template", "cn-county").code).toBe(0);
  });
  afterEach(() => { t.cleanup(); drop?.(); drop = undefined; });

  describe("the left column", () => {
    it("reads a day or a month, shows it in list and show (and --json); a change is a new version", () => {
      writeFiles(t.dir, { "aff.csv": LEFT });
      const r = run("affiliates", "import", "aff.csv");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const j = JSON.parse(run("affiliates", "list", "--json").stdout);
      expect(j.affiliates.map((a: { id: string; joined: string | null; left: string | null }) => [a.id, a.joined, a.left])).toEqual([
        ["acme", null, "2026-03-20"], ["beta", "2026-02", "2026-04"], ["delta", null, null], ["gamma", "2025-06", "2026-02"],
      ]);
      expect(run("affiliates", "list").stdout).toMatch(/Left/);
      expect(run("affiliates", "list").stdout).toMatch(/acme\s.*2026-03-20/);
      expect(run("affiliates", "show", "gamma").stdout).toMatch(/Joined  2025-06 +Left  2026-02/);
      expect(run("affiliates", "show", "delta").stdout).not.toContain("Left");
      expect(dues([...at, "affiliates", "show", "gamma", "--lang", "zh-CN"], { cwd: t.dir }).stdout).toContain("离会日期  2026-02");
      // English header, and acme's date corrected: version 2, changed left.
      writeFiles(t.dir, { "aff2.csv": `union id,name,credit code,funds base,date left\nacme,甲公司工会,${USCC.acme},1000000.00,2026/4/30\n` });
      expect(run("affiliates", "import", "aff2.csv").code).toBe(0);
      const a = JSON.parse(run("affiliates", "show", "acme", "--json").stdout);
      expect(a.left).toBe("2026-04-30");
      expect(a.history.map((v: { version: number; left: string | null; changed: string[] }) => [v.version, v.left, v.changed])).toEqual([[1, "2026-03-20", []], [2, "2026-04-30", ["left"]]]);
    });

    it("reconcile --affiliates, arrears --affiliates and the audit's Affiliates sheet expect nothing after the month it left; a refund owed to it still shows", () => {
      writeFiles(t.dir, { "aff.csv": LEFT, "tax.csv": TAX });
      expect(run("affiliates", "import", "aff.csv").code).toBe(0);
      expect(run("import", "tax-list", "tax.csv").code).toBe(0);
      const r = run("reconcile", "--affiliates", "--from", "2026-01", "--to", "2026-05", "--as-of", "2026-09-15", "--json");
      expect(r.code).toBe(1);
      const j = JSON.parse(r.stdout);
      const rows = j.rows as { affiliate: string; period: string; source: string; expected: string }[];
      // acme: January to March (it left on 03-20); gamma: January and February; beta from
      // February (joined) to April (left); delta, with no dates, the whole range.
      expect(months(rows, "acme")).toEqual(["2026-01", "2026-02", "2026-03"]);
      expect(rows.filter((x) => x.affiliate === "acme").map((x) => [x.source, x.expected])).toEqual([["estimate", "8000.00"], ["estimate", "8000.00"], ["estimate", "8000.00"]]);
      expect(months(rows, "gamma")).toEqual(["2026-01", "2026-02"]);
      expect(months(rows, "beta")).toEqual(["2026-02", "2026-03", "2026-04"]);
      expect(months(rows, "delta")).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]);
      // What it is owed back after leaving still stands: 60% of 20,000.00 collected.
      expect(j.refunds.map((x: { affiliate: string; outstanding: string }) => [x.affiliate, x.outstanding])).toEqual([["beta", "12000.00"]]);

      // arrears: the months from the first collection (2026-02) to August. delta is behind on
      // seven; acme (February, March), beta (April) and gamma (February) on fewer than three, as they left.
      const ar = JSON.parse(run("arrears", "--affiliates", "--as-of", "2026-09-15", "--json").stdout);
      expect(ar.affiliates.map((x: { affiliate: string; months: number }) => [x.affiliate, x.months])).toEqual([["delta", 7]]);

      // The refund is paid after it left, in part, and the rest is still shown.
      const f = run("refund", "--to", "beta", "--amount", "500.00", "--date", "2026-06-16", "--ref", "HX1", "--json");
      expect(f.code, f.stderr).toBe(0);
      const again = JSON.parse(run("reconcile", "--affiliates", "--as-of", "2026-09-15", "--json").stdout);
      expect(months(again.rows, "beta")).toEqual(["2026-02", "2026-03", "2026-04"]);
      expect(again.refunds.map((x: { affiliate: string; paid: string; outstanding: string }) => [x.affiliate, x.paid, x.outstanding])).toEqual([["beta", "500.00", "11500.00"]]);

      // The audit's Affiliates sheet reads the same months.
      const ws = openWorkspace({ cwd: t.dir, env: process.env, db: pgUrl });
      try {
        const audit = federationAudit(ws, { from: "2026-01", to: "2026-08", asOf: "2026-09-15" })!;
        const sheet = [...audit.affiliates];
        expect(months(sheet, "acme")).toEqual(["2026-01", "2026-02", "2026-03"]);
        expect(months(sheet, "gamma")).toEqual(["2026-01", "2026-02"]);
        expect(months(sheet, "beta")).toEqual(["2026-02", "2026-03", "2026-04"]);
        expect(months(sheet, "delta")).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]);
        expect([...audit.refunds].map((x) => x.affiliate)).toEqual(["beta"]);
      } finally {
        ws.close();
      }
    });

    it("a date that cannot be read, or one before the affiliate joined, is refused at its line and column (exit 65), nothing written", () => {
      writeFiles(t.dir, { "bad.csv": `工会标识,工会名称,入会日期,撤销日期
acme,甲公司工会,,soon
beta,乙公司工会,2026-03,2026-02
gamma,丙公司工会,2026-03-15,2026-03-10
delta,丁公司工会,2026-03-15,2026-03
`,
      });
      const r = run("affiliates", "import", "bad.csv");
      expect(r.code).toBe(65);
      expect([...r.stderr.matchAll(/^bad\.csv:(\d+):(\d+): error\[(\w+)\]/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`)).toEqual([
        "2:13 AFFILIATES_LEFT", "3:20 AFFILIATES_LEFT_BEFORE_JOINED", "4:24 AFFILIATES_LEFT_BEFORE_JOINED",
      ]);
      expect(r.stderr).toContain("nothing was written");
      expect(JSON.parse(run("affiliates", "list", "--json").stdout).affiliates).toEqual([]);
    });
  });
});
