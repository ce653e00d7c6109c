// `dues affiliates import|list|show`: the register of a federation's affiliated unions, spawned
// as the treasurer runs it. All-or-nothing with every bad cell at file:line:column, exit 65;
// a re-import that changes a row adds a version (history), never overwrites one.
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";

import { REGISTER, USCC } from "./fixtures.js";

let t: { dir: string; cleanup: () => void };
const run = (...args: string[]) => dues([...args, "--lang", "en"], { cwd: t.dir });

beforeEach(() => {
  t = tempDir("dues-fed-");
  expect(run("init", "--template", "cn-county").code).toBe(0);
});
afterEach(() => t.cleanup());

describe("dues affiliates", () => {
  it("imports a register with Chinese headers and lists it; the default model shows in brackets", () => {
    writeFiles(t.dir, { "aff.csv": REGISTER });
    const r = run("affiliates", "import", "aff.csv");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 rows: 3 new, 0 changed");
    const list = run("affiliates", "list", "--json");
    const j = JSON.parse(list.stdout);
    expect(j.affiliates.map((a: { id: string }) => a.id)).toEqual(["acme", "beta", "gamma"]);
    expect(j.affiliates[0]).toEqual({ id: "acme", name: "甲公司工会", employer: "甲公司", creditCode: USCC.acme, collection: null, receives: null, fundsBase: "1000000.00", contact: "张三 13800000000", joined: null, left: null });
    expect(j.affiliates[1].collection).toBe("tax-full");
    expect(j.affiliates[2].collection).toBe("union-collects"); // 工会收缴
    expect(run("affiliates").stdout).toMatch(/acme\s+甲公司工会.*\(union-collects\)\s+1,000,000\.00/);
  });

  it("English headers and an EIN on a US council's generic chart", () => {
    const u = tempDir("dues-council-");
    try {
      expect(dues(["init", "--template", "us-council"], { cwd: u.dir }).code).toBe(0);
      writeFiles(u.dir, { "locals.csv": "Local ID,Local Name,Employer,EIN,Contact\nlocal-12,Local 12,City Hospital,123456789,Pat\n" });
      const r = dues(["affiliates", "import", "locals.csv"], { cwd: u.dir });
      expect(r.code).toBe(0);
      const j = JSON.parse(dues(["affiliates", "show", "local-12", "--json"], { cwd: u.dir }).stdout);
      expect(j.creditCode).toBe("12-3456789");
      expect(j.employer).toBe("City Hospital");
    } finally {
      u.cleanup();
    }
  });

  it("every bad cell of every row at once, with line and column; exit 65 and nothing written", () => {
    writeFiles(t.dir, { "bad.csv": `工会标识,工会名称,单位名称,统一社会信用代码,代收模式,工资总额,分成规则
acme,甲公司工会,甲公司,91330100MA2B000019,,1000000.00,
Bad Id,乙公司工会,乙公司,${USCC.beta},taxx,abc,
acme,,丙公司,${USCC.beta},,,county;a/b
,丁公司工会,,,,,
` });
    const r = run("affiliates", "import", "bad.csv");
    expect(r.code).toBe(65);
    const found = [...r.stderr.matchAll(/^bad\.csv:(\d+):(\d+): error\[(\w+)\]/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    expect(found).toEqual([
      "2:16 AFFILIATES_CREDIT_CODE",
      "3:1 AFFILIATES_BAD_ID",
      "3:37 AFFILIATES_COLLECTION",
      "3:42 AFFILIATES_FUNDS_BASE",
      "4:1 AFFILIATES_DUPLICATE_ID",
      "4:6 AFFILIATES_MISSING_NAME",
      "4:11 AFFILIATES_DUPLICATE_CREDIT_CODE",
      "4:32 AFFILIATES_RECEIVES",
      "5:1 AFFILIATES_MISSING_ID",
    ]);
    expect(r.stderr).toContain("the last should be 8");
    expect(r.stderr).toContain("nothing was written");
    const db = new Database(join(t.dir, "dues.db"), { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM affiliate_versions").get() as { n: number }).n).toBe(0);
    db.close();
  });

  it("a credit code another registered affiliate already has is refused", () => {
    writeFiles(t.dir, { "aff.csv": REGISTER, "more.csv": `工会标识,工会名称,统一社会信用代码\ndelta,丁公司工会,${USCC.acme}\n` });
    expect(run("affiliates", "import", "aff.csv").code).toBe(0);
    const r = run("affiliates", "import", "more.csv");
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/more\.csv:2:\d+: error\[AFFILIATES_DUPLICATE_CREDIT_CODE\] delta has the credit code of acme/);
  });

  it("a header with no rows, and a file without the id column", () => {
    writeFiles(t.dir, { "empty.csv": "工会标识,工会名称\n", "noid.csv": "名称,单位名称\n甲,乙\n" });
    expect(run("affiliates", "import", "empty.csv").stderr).toContain("AFFILIATES_NO_ROWS");
    const r = run("affiliates", "import", "noid.csv");
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("AFFILIATES_COLUMN_MISSING");
  });

  it("a re-import that changes a contact adds version 2 and keeps version 1; an unchanged re-import adds nothing", () => {
    writeFiles(t.dir, { "aff.csv": REGISTER });
    expect(run("affiliates", "import", "aff.csv").code).toBe(0);
    writeFiles(t.dir, { "aff2.csv": REGISTER.replace("张三 13800000000", "张三 13900000000").replace("乙公司工会", "乙公司工会（新）") });
    const r = run("affiliates", "import", "aff2.csv");
    expect(r.stdout).toContain("0 new, 2 changed");
    expect(run("affiliates", "import", "aff2.csv").stdout).toContain("0 new, 0 changed");
    const j = JSON.parse(run("affiliates", "show", "acme", "--json").stdout);
    expect(j.version).toBe(2);
    expect(j.contact).toBe("张三 13900000000");
    expect(j.history.map((v: { version: number; contact: string; file: string; changed: string[] }) => [v.version, v.contact, v.file, v.changed])).toEqual([
      [1, "张三 13800000000", "aff.csv", []],
      [2, "张三 13900000000", "aff2.csv", ["contact"]],
    ]);
    expect(run("affiliates", "show", "acme").stdout).toContain("contact: 张三 13800000000 → 张三 13900000000");
    // The history is append-only: the ledger refuses to change it.
    const db = new Database(join(t.dir, "dues.db"));
    expect(() => db.prepare("UPDATE affiliate_versions SET contact = 'x'").run()).toThrow(/LEDGER_APPEND_ONLY/);
    db.close();
  });

  it("show of an unknown id says so (exit 64); a base union has no affiliates (AFFILIATES_NOT_A_FEDERATION)", () => {
    writeFiles(t.dir, { "aff.csv": REGISTER });
    run("affiliates", "import", "aff.csv");
    const r = run("affiliates", "show", "acm");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("AFFILIATES_UNKNOWN");
    expect(r.stderr).toContain("acme");
    const b = tempDir("dues-base-");
    try {
      dues(["init", "--template", "cn-base"], { cwd: b.dir });
      const x = dues(["affiliates", "list", "--lang", "en"], { cwd: b.dir });
      expect(x.code).toBe(64);
      expect(x.stderr).toContain("AFFILIATES_NOT_A_FEDERATION");
    } finally {
      b.cleanup();
    }
  });

  it("reads an xlsx register with a title row and number cells; a bad cell is named by its row and column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("下级工会");
    ws.addRow(["2026年下级工会名册"]);
    ws.addRow(["工会标识", "工会名称", "单位名称", "统一社会信用代码", "工资总额"]);
    ws.addRow(["acme", "甲公司工会", "甲公司", USCC.acme, 1000000]);
    ws.addRow(["beta", "乙公司工会", "乙公司", USCC.beta, 250000.5]);
    await wb.xlsx.writeFile(join(t.dir, "aff.xlsx"));
    expect(run("affiliates", "import", "aff.xlsx").code).toBe(0);
    const j = JSON.parse(run("affiliates", "list", "--json").stdout);
    expect(j.affiliates.map((a: { id: string; fundsBase: string }) => [a.id, a.fundsBase])).toEqual([["acme", "1000000.00"], ["beta", "250000.50"]]);
    ws.addRow(["gamma", "丙公司工会", "丙公司", "91330100MA2B00003F", 1]);
    await wb.xlsx.writeFile(join(t.dir, "bad.xlsx"));
    const r = run("affiliates", "import", "bad.xlsx");
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/bad\.xlsx:5:4: error\[AFFILIATES_CREDIT_CODE\]/);
  });
});

