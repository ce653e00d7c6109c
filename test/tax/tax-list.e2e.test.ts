// `dues import tax-list` and `dues refund` end to end, through bin/dues in a fresh county
// federation: a GBK list split to the fen, every line that cannot be booked reported with
// file:line:col and nothing written, the same list refused twice, refunds never above what is owed.
import iconv from "iconv-lite";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usccCheckChar } from "../../src/domain/uscc.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";

const code = (stem: string) => stem + usccCheckChar(stem)!;
const A = code("91330100MA2AAAAA1"), B = code("91330100MA2BBBBB2"), N = code("92330100MA2NNNNN3"), U = code("91330100MA2UUUUU4");
const gbk = (s: string) => iconv.encode(s, "gbk");

let t: ReturnType<typeof tempDir>;
const run = (...args: string[]) => dues(args, { cwd: t.dir });
const json = (...args: string[]) => { const r = run(...args, "--json"); return { ...r, value: r.stdout ? JSON.parse(r.stdout) : undefined }; };
const entries = () => { const db = new Database(join(t.dir, "dues.db"), { readonly: true }); try { return (db.prepare("SELECT COUNT(*) AS n FROM entries").get() as { n: number }).n; } finally { db.close(); } };

beforeAll(() => {
  t = tempDir("dues-tax-e2e-");
  expect(run("init", "--template", "cn-county", "--quiet").code).toBe(0);
  writeFiles(t.dir, {
    "aff.csv": `工会标识,工会名称,单位名称,统一社会信用代码,代收模式\njia,甲公司工会,甲公司,${A},tax-full\nyi,乙公司工会,乙公司,${B},tax-upward\nown,自收工会,丙公司,${U},union-collects\n`,
    "tax.csv": gbk(`某县税务局代收工会经费明细\r\n序号,缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期,征收品目\r\n1,甲公司,${A},2026-10,"1,975.31",2026-11-10,工会经费\r\n2,乙公司,${B},2026-10,800.00,2026-11-12,工会经费\r\n3,丁公司,${N},2026-10,40.00,2026-11-12,工会筹备金\r\n`),
    "bad.csv": gbk(`缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期\r\n戊公司,${N},2026-10,10.00,2026-11-10\r\n丙公司,${U},2026-10,5.00,2026-11-10\r\n`),
    "nodate.csv": gbk(`缴费单位名称,统一社会信用代码,所属期,代收金额\r\n甲公司,${A},2026-11,100.00\r\n`),
  });
  expect(run("affiliates", "import", "aff.csv", "--quiet").code).toBe(0);
});
afterAll(() => t.cleanup());

describe("dues import tax-list", () => {
  it("TAX_LIST_UNMATCHED, TAX_LIST_NOT_TAX_COLLECTED: every line that cannot be booked, with file:line:col, exit 65, nothing written", () => {
    const r = run("import", "tax-list", "bad.csv", "--lang", "en");
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("bad.csv:2:5: error[TAX_LIST_UNMATCHED]");
    expect(r.stderr).toContain(N);
    expect(r.stderr).toContain("dues affiliates import");
    expect(r.stderr).toContain("bad.csv:3:5: error[TAX_LIST_NOT_TAX_COLLECTED]");
    expect(entries()).toBe(0);
  });
  it("TAX_LIST_DATE_NEEDED without dates or --date; TAX_LIST_DATE_INVALID and TAX_LIST_DATE_IN_FUTURE for a bad --date", () => {
    expect(json("import", "tax-list", "nodate.csv").value.problems.map((p: { code: string }) => p.code)).toEqual(["TAX_LIST_DATE_NEEDED"]);
    expect(json("import", "tax-list", "nodate.csv", "--date", "2026-11-31").value.problems[0].code).toBe("TAX_LIST_DATE_INVALID");
    expect(json("import", "tax-list", "nodate.csv", "--date", "2099-01-01").value.problems[0].code).toBe("TAX_LIST_DATE_IN_FUTURE");
    expect(entries()).toBe(0);
  });
  it("books a GBK list: refund to the fen, the federation's share, each higher body's, 筹备金 whole", () => {
    const r = json("import", "tax-list", "tax.csv");
    expect(r.code).toBe(0);
    expect(r.value).toMatchObject({
      batch: 1, encoding: "gb18030", date: "2026-11-12", lines: 3, affiliates: 2, preparatoryLines: 1,
      periods: [{ period: "2026-10", lines: 3, amount: "2815.31" }],
      // jia 1,975.31 tax-full: refund 60% = 1,185.19; upward 790.12 + yi's 800.00 (tax-upward) split
      // city 25%, province 37.5%, ACFTU 12.5%, the county 25% (the cn-county template's placeholders).
      totals: { collected: "2815.31", refunds: "1185.19", own: "397.53", preparatory: "40.00",
        bodies: [{ to: "city", amount: "397.53" }, { to: "province", amount: "596.30" }, { to: "acftu", amount: "198.76" }] },
    });
    const trial = json("report", "trial").value as { rows: { account: string; body: string | null; closing: string }[] };
    const bal = (account: string, body: string | null = null) => trial.rows.find((x) => x.account === account && x.body === body)?.closing;
    expect([bal("102"), bal("212", "jia"), bal("402"), bal("211", "province")]).toEqual(["2815.31", "-1185.19", "-437.53", "-596.30"]);
  });
  it("TAX_LIST_ALREADY_IMPORTED: the same list twice is refused", () => {
    const r = json("import", "tax-list", "tax.csv");
    expect(r.code).toBe(65);
    expect(r.value.problems[0].code).toBe("TAX_LIST_ALREADY_IMPORTED");
  });
  it("TAX_LIST_PERIOD_CLOSED: a closed month refuses the list (73)", () => {
    expect(run("close", "2026-11", "--quiet").code).toBe(0);
    const r = json("import", "tax-list", "nodate.csv", "--date", "2026-11-15");
    expect(r.code).toBe(73);
    expect(r.value.problems[0].code).toBe("TAX_LIST_PERIOD_CLOSED");
    expect(run("reopen", "2026-11", "--reason", "test", "--quiet").code).toBe(0);
  });
});

describe("dues reconcile --affiliates with tax collections", () => {
  it("counts what the tax office collected less the refund as received, and lists the refunds owed (exit 1 while one is overdue)", () => {
    const r = json("reconcile", "--affiliates");
    expect(r.code).toBe(1);
    expect(r.value.rows.map((x: { affiliate: string; period: string; expected: string; received: string }) => [x.affiliate, x.period, x.expected, x.received])).toEqual([
      // own remits itself and sent no advice for 2026-10, the first month the ledger has data
      // for (the tax list): the month to chase, "no advice" (the register has no funds base).
      ["jia", "2026-10", "790.12", "790.12"], ["own", "2026-10", "0.00", "0.00"], ["yi", "2026-10", "800.00", "800.00"],
    ]);
    expect(r.value.rows.find((x: { affiliate: string }) => x.affiliate === "own").status).toBe("no-advice");
    expect(r.value.refunds).toEqual([{ affiliate: "jia", name: "甲公司工会", owed: "1185.19", paid: "0.00", outstanding: "1185.19", overdue: "1185.19" }]);
    expect(run("reconcile", "--affiliates", "--lang", "en").stdout).toContain("refunds of CNY 1,185.19 overdue to affiliates");
  });
});

describe("dues refund", () => {
  it("REFUND_MORE_THAN_OWED, REFUND_NOTHING_OWED, REFUND_UNKNOWN_AFFILIATE: refused, nothing written", () => {
    const before = entries();
    expect(json("refund", "--to", "jia", "--amount", "1185.20", "--date", "2026-11-16").value.problems[0]).toMatchObject({ code: "REFUND_MORE_THAN_OWED" });
    expect(json("refund", "--to", "yi", "--date", "2026-11-16").value.problems[0].code).toBe("REFUND_NOTHING_OWED");
    expect(json("refund", "--to", "nobody", "--date", "2026-11-16").value.problems[0].code).toBe("REFUND_UNKNOWN_AFFILIATE");
    expect(entries()).toBe(before);
  });
  it("pays part, then the rest by default; Dr 212 = Cr 102; verify passes", () => {
    expect(json("refund", "--to", "jia", "--amount", "1000", "--date", "2026-11-16", "--ref", "HX1").value).toMatchObject({ amount: "1000.00", stillOwed: "185.19" });
    expect(json("refund", "--to", "jia", "--date", "2026-11-17").value).toMatchObject({ amount: "185.19", stillOwed: "0.00" });
    const trial = json("report", "trial").value as { rows: { account: string; body: string | null; closing: string }[] };
    expect(trial.rows.find((x) => x.account === "212")?.closing ?? "0.00").toBe("0.00");
    expect(trial.rows.find((x) => x.account === "102")!.closing).toBe("1630.12");
    expect(run("verify").code).toBe(0);
    const rec = json("reconcile", "--affiliates");
    expect(rec.value.refunds[0]).toMatchObject({ paid: "1185.19", outstanding: "0.00" });
    // Refunds settled; what still keeps it unsettled (exit 1) is own's month without an advice.
    expect(rec.value.rows.filter((x: { status: string }) => x.status !== "paid").map((x: { affiliate: string; period: string; status: string }) => [x.affiliate, x.period, x.status])).toEqual([["own", "2026-10", "no-advice"]]);
    expect(rec.code).toBe(1);
  });
});

describe("the federation's audit workbook", () => {
  it("has an Affiliates sheet (one row per affiliate and month, outstanding a live formula) and a Refunds sheet, both labelled in Chinese", async () => {
    const r = run("export", "audit", "--from", "2026-10", "--to", "2026-11", "-o", "audit.xlsx", "--quiet");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(t.dir, "audit.xlsx"));
    const rows = (name: string) => { const out: unknown[][] = []; wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1))); return out; };
    const aff = rows("基层工会对账");
    expect(aff[0]!.slice(0, 8)).toEqual(["基层工会", "名称", "期间", "收缴方式", "应缴日期", "应收", "已收", "未收"]);
    // No advice and no payroll base in the register: expected is what was collected less the refund.
    // The rows of dues reconcile --affiliates: "own" collects itself and sent no advice, so it is listed too.
    const row = (id: string, period: string) => aff.find((x) => x[0] === id && x[2] === period)!;
    expect([row("jia", "2026-10"), row("yi", "2026-10")].map((x) => [x[3], x[5], x[6], (x[7] as { formula: string }).formula.replace(/\d+/g, "n"), x[10]])).toEqual([
      ["税务全额代收", 790.12, 790.12, "Fn-Gn", "已清"],
      ["税务代收上解部分", 800, 800, "Fn-Gn", "已清"],
    ]);
    expect(row("own", "2026-10")[10]).toBe("未报回执");
    // Where expected comes from: no advice came, so jia's and yi's are estimates (what was collected), own's nothing.
    expect(aff[0]![11]).toBe("应收依据");
    expect([row("jia", "2026-10")[11], row("own", "2026-10")[11]]).toEqual(["估算", "无"]);
    const ref = rows("返还经费");
    expect(ref[1]!.slice(0, 5)).toEqual(["jia", "甲公司工会", 0, 1185.19, 1185.19]);
    expect((ref[1]![5] as { formula: string }).formula).toBe("C2+D2-E2");
    expect(ref[1]![7]).toBe("HX1");
  });
});
