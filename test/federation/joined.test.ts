// The date an affiliate joined (migration 008): an optional register column (入会日期 /
// 建会日期 / joined), a day or a month, checked with file:line:column, kept with the
// register's history and shown by affiliates list|show (and --json); reconcile --affiliates
// expects nothing of an affiliate before that month. Both backends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";
import { USCC } from "./fixtures.js";

let t: { dir: string; cleanup: () => void };
let drop: (() => void) | undefined;
let at: string[] = [];
const run = (...args: string[]) => dues([...at, ...args, "--lang", "en"], { cwd: t.dir });

const JOINED = `工会标识,工会名称,统一社会信用代码,工资总额,入会日期
acme,甲公司工会,${USCC.acme},1000000.00,2026-03-15
beta,乙公司工会,${USCC.beta},500000.00,2026年2月
gamma,丙公司工会,${USCC.gamma},,
`;

eachBackend((backend) => {
  beforeEach(() => {
    t = tempDir("dues-fed-joined-");
    const pg = backend === "postgres" ? freshPgDatabase() : undefined;
    drop = pg?.drop;
    at = pg ? ["--db", pg.url] : [];
    expect(run("init", "--template", "cn-county").code).toBe(0);
  });
  afterEach(() => { t.cleanup(); drop?.(); drop = undefined; });

  describe("the joined column", () => {
    it("reads a day or a month, shows it in list and show (and --json); a change is a new version", () => {
      writeFiles(t.dir, { "aff.csv": JOINED });
      const r = run("affiliates", "import", "aff.csv");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const j = JSON.parse(run("affiliates", "list", "--json").stdout);
      expect(j.affiliates.map((a: { id: string; joined: string | null }) => [a.id, a.joined])).toEqual([["acme", "2026-03-15"], ["beta", "2026-02"], ["gamma", null]]);
      expect(run("affiliates", "list").stdout).toMatch(/acme\s.*2026-03-15/);
      expect(run("affiliates", "show", "beta").stdout).toContain("Joined  2026-02");
      // English header, and the joined date corrected: version 2, changed joined.
      writeFiles(t.dir, { "aff2.csv": `union id,name,joined\nbeta,乙公司工会,2026/1/20\n` });
      expect(run("affiliates", "import", "aff2.csv").code).toBe(0);
      const b = JSON.parse(run("affiliates", "show", "beta", "--json").stdout);
      expect(b.joined).toBe("2026-01-20");
      expect(b.history.map((v: { version: number; joined: string | null; changed: string[] }) => [v.version, v.joined, v.changed.includes("joined")])).toEqual([[1, "2026-02", false], [2, "2026-01-20", true]]);
    });

    it("reconcile --affiliates expects nothing of an affiliate before the month it joined", () => {
      writeFiles(t.dir, { "aff.csv": JOINED });
      expect(run("affiliates", "import", "aff.csv").code).toBe(0);
      const r = run("reconcile", "--affiliates", "--from", "2026-01", "--to", "2026-03", "--as-of", "2026-09-15", "--json");
      expect(r.code).toBe(1);
      // acme joined 2026-03-15 (March counts in full), beta in 2026-02; gamma has no date: the whole range, no base: no advice.
      expect(JSON.parse(r.stdout).rows.map((x: { affiliate: string; period: string; source: string; expected: string }) => [x.affiliate, x.period, x.source, x.expected])).toEqual([
        ["acme", "2026-03", "estimate", "8000.00"],
        ["beta", "2026-02", "estimate", "4000.00"], ["beta", "2026-03", "estimate", "4000.00"],
        ["gamma", "2026-01", "none", "0.00"], ["gamma", "2026-02", "none", "0.00"], ["gamma", "2026-03", "none", "0.00"],
      ]);
    });

    it("a date that cannot be read is refused at its line and column (exit 65), nothing written", () => {
      writeFiles(t.dir, { "bad.csv": `工会标识,工会名称,建会日期\nacme,甲公司工会,soon\nbeta,乙公司工会,2026-13\ngamma,丙公司工会,2026-02-30\n` });
      const r = run("affiliates", "import", "bad.csv");
      expect(r.code).toBe(65);
      expect([...r.stderr.matchAll(/^bad\.csv:(\d+):(\d+): error\[(\w+)\]/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`)).toEqual([
        "2:12 AFFILIATES_JOINED", "3:12 AFFILIATES_JOINED", "4:13 AFFILIATES_JOINED",
      ]);
      expect(r.stderr).toContain("nothing was written");
      expect(JSON.parse(run("affiliates", "list", "--json").stdout).affiliates).toEqual([]);
    });
  });
});
