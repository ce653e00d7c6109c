// End to end through bin/dues: a small union's budget imported, adjusted, approved,
// spending booked from a file, `budget show` against figures worked out by hand, and
// the budget workbook read back (exceljs and the raw XML) agreeing with show to the cent.
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/domain/money.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { sheetCells, sheetsOf, unzip } from "../report/zip.js";

const CONFIG = `union:
  name: 测试工会
  currency: CNY
  locale: zh-CN
  chart: cn-2021-base
bodies:
  - { id: county, name: 某县总工会 }
sources:
  default:
    encoding: auto
    delimiter: auto
    decimal_mark: "."
    columns:
      employee_id: [工号]
      name: [姓名]
    bases:
      dues: [基本工资]
      funds: [应发工资]
membership: all
due_day: 15
schemes:
  - effective_from: 2022-01-01
    document: 测试
    dues:
      base: dues
      base_step: 10
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired]
      split: []
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split:
        - { to: county, share: 40% }
      remainder: largest
      collection: union
`;

// 501 is given as a subtotal row (equal to its sub-accounts): it is checked and dropped.
const ADOPTED = `2026年工会经费预算
科目编码,科目名称,年初预算,说明
401,会费收入,"30,000.00",
501,职工活动支出,30000.00,
50101,职工教育,10000.00,
50102,文体活动,20000.00,运动会
50502,会议,1000.00,
`;
const ADJUSTED = `科目编码,科目名称,年初预算,调整,说明
401,会费收入,30000.00,0,
50101,职工教育,10000.00,0,
50102,文体活动,20000.00,2500.00,运动会加项
50502,会议,1000.00,-1000.00,取消
`;
// The November voucher falls after the as-of date used below; 50503 has no budget.
const EXPENSES = `日期,科目编码,金额,摘要,凭证号
2026-02-10,50101,"10,000.01",培训教材,记-001
2026/3/5,50102,3250.50,篮球赛,记-002
2026-11-03,50102,500.00,羽毛球赛,记-003
2026-04-01,50503,800.00,专项业务,记-004
`;

let dir: string;
let cleanup: () => void;
// No command here should ever exit 1 (that is reconcile/verify's "differences"): when one
// does, show why rather than a bare code mismatch.
const run = (...args: string[]) => {
  const r = dues(args, { cwd: dir });
  if (r.code === 1) throw new Error(`dues ${args.join(" ")} exited 1:\n${r.stderr}`);
  return r;
};
const json = (...args: string[]) => {
  const r = run(...args, "--json");
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const codes = (body: { problems: { code: string }[] }) => body.problems.map((p) => p.code);

beforeAll(() => {
  ({ dir, cleanup } = tempDir("dues-budget-"));
  writeFiles(dir, { "dues.yaml": CONFIG, "adopted.csv": ADOPTED, "adjusted.csv": ADJUSTED, "expenses.csv": EXPENSES });
  expect(run("init").code).toBe(0);
});
afterAll(() => cleanup());

describe("dues budget and expenses, end to end", () => {
  it("imports the adopted budget as version 1", () => {
    const r = json("budget", "import", "adopted.csv", "--year", "2026");
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ year: 2026, version: 1, kind: "adopted", lines: 4, income: "30000.00", spending: "31000.00", supersedes: null, warnings: [] });
  });

  it("refuses to adjust a year that has no budget, and to import the same file again (65, nothing written)", () => {
    const none = json("budget", "import", "adjusted.csv", "--year", "2027", "--version", "adjusted");
    expect(none.code).toBe(65);
    expect(codes(none.body)).toEqual(["BUDGET_NOTHING_TO_ADJUST"]);
    const same = json("budget", "import", "adopted.csv", "--year", "2026");
    expect(same.code).toBe(65);
    expect(codes(same.body)).toEqual(["BUDGET_SAME_AS_CURRENT"]);
    expect(json("budget", "show", "--year", "2026").body.version.number).toBe(1);
  });

  it("BUDGET_YEAR_INVALID and BUDGET_VERSION_KIND are usage errors (64)", () => {
    const r = json("budget", "import", "adopted.csv", "--year", "26");
    expect(r.code).toBe(64);
    expect(codes(r.body)).toEqual(["BUDGET_YEAR_INVALID"]);
    const k = json("budget", "import", "adopted.csv", "--year", "2026", "--version", "final");
    expect(k.code).toBe(64);
    expect(codes(k.body)).toEqual(["BUDGET_VERSION_KIND"]);
  });

  it("a budget file with mistakes is refused with every problem, file, line and column (65)", () => {
    writeFiles(dir, { "bad.csv": "科目编码,科目名称,年初预算\n401,拨缴经费收入,100\n59999,,1\n50102,,abc\n50102,,5\n" });
    const r = json("budget", "import", "bad.csv", "--year", "2026");
    expect(r.code).toBe(65);
    expect(r.body.problems.map((p: { code: string; line: number; column: number }) => [p.code, p.line, p.column])).toEqual([
      ["BUDGET_NAME_MISMATCH", 2, 5],
      ["BUDGET_ACCOUNT_UNKNOWN", 3, 1],
      ["BUDGET_AMOUNT_UNREADABLE", 4, 8],
    ]);
    const missing = run("budget", "import", "nowhere.csv", "--year", "2026");
    expect(missing.code).toBe(66);
  });

  it("books an expenses file, Dr spending = Cr bank, and refuses the same file twice", () => {
    const r = json("import", "expenses", "expenses.csv");
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ entries: 4, total: "14550.51", from: "2026-02-10", to: "2026-11-03" });
    expect(r.body.byAccount).toEqual([
      { account: "50101", amount: "10000.01" }, { account: "50102", amount: "3750.50" }, { account: "50503", amount: "800.00" },
    ]);
    const again = json("import", "expenses", "expenses.csv");
    expect(again.code).toBe(65);
    expect(codes(again.body)).toEqual(["EXPENSES_FILE_ALREADY_IMPORTED"]);
    // Income for the year, booked by hand.
    expect(run("record", "--date", "2026-05-10", "--memo", "会费", "102=24000.40", "401=-24000.40").code).toBe(0);
  });

  it("an expenses file with mistakes books nothing and names every bad row", () => {
    writeFiles(dir, { "bad-exp.csv": "日期,科目编码,金额,摘要,付款科目\n2026-13-01,50102,1,a,\n2026-06-01,401,1,b,\n2026-06-01,50102,-5,c,\n2026-06-01,50102,5,d,211\n" });
    const r = json("import", "expenses", "bad-exp.csv");
    expect(r.code).toBe(65);
    expect(r.body.problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([
      ["EXPENSES_DATE_UNREADABLE", 2], ["EXPENSES_NOT_SPENDING", 3], ["EXPENSES_AMOUNT_NOT_POSITIVE", 4], ["EXPENSES_PAID_FROM_INVALID", 5],
    ]);
  });

  it("imports the mid-year adjustment as version 2", () => {
    const r = json("budget", "import", "adjusted.csv", "--year", "2026", "--version", "adjusted");
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ version: 2, kind: "adjusted", supersedes: 1, spending: "32500.00" });
  });

  // Worked out by hand from the files above, as-of 2026-10-31 (the November voucher is out):
  // 501 actual = 10000.01 + 3250.50 = 13250.51; rate 13250.51 ÷ 32500 = 40.7708% → 40.77.
  // Spending total 13250.51 + 800 = 14050.51 against 32500.00 → 43.2323% → 43.23.
  const EXPECTED = [
    ["401", "会费收入", "30000.00", "0.00", "30000.00", "24000.40", "5999.60", "80.00", false],
    ["501", "职工活动支出", "30000.00", "2500.00", "32500.00", "13250.51", "19249.49", "40.77", false],
    ["50101", "职工教育活动支出", "10000.00", "0.00", "10000.00", "10000.01", "-0.01", "100.00", true],
    ["50102", "文体活动支出", "20000.00", "2500.00", "22500.00", "3250.50", "19249.50", "14.45", false],
    ["505", "业务支出", "1000.00", "-1000.00", "0.00", "800.00", "-800.00", null, true],
    ["50502", "会议费", "1000.00", "-1000.00", "0.00", "0.00", "0.00", null, false],
    ["50503", "专项业务费", "0.00", "0.00", "0.00", "800.00", "-800.00", null, true],
  ];
  type JsonRow = { account: string; name: string; budget: string; adjustment: string; adjusted: string; actual: string; variance: string; rate: string | null; overBudget: boolean };

  it("budget show --json gives SPEC §4.2's rows, parents summed, with hand-computed figures", () => {
    const r = json("budget", "show", "--year", "2026", "--as-of", "2026-10-31");
    expect(r.code).toBe(0);
    expect(r.body.year).toBe(2026);
    expect(r.body.asOf).toBe("2026-10-31");
    expect(r.body.rows.map((x: JsonRow) => [x.account, x.name, x.budget, x.adjustment, x.adjusted, x.actual, x.variance, x.rate, x.overBudget])).toEqual(EXPECTED);
    expect(r.body.totals.income).toMatchObject({ adjusted: "30000.00", actual: "24000.40", variance: "5999.60", rate: "80.00" });
    expect(r.body.totals.spending).toMatchObject({ budget: "31000.00", adjustment: "1500.00", adjusted: "32500.00", actual: "14050.51", variance: "18449.49", rate: "43.23" });
    expect(r.body.version).toMatchObject({ number: 2, kind: "adjusted", approved: null });
  });

  it("the terminal view marks over-budget lines with ▲ even without colour", () => {
    const r = run("budget", "show", "--year", "2026", "--as-of", "2026-10-31");
    expect(r.code).toBe(0);
    const marked = r.stdout.split("\n").filter((l) => l.includes("▲超支")).map((l) => l.trim().split(/\s+/)[0]);
    expect(marked).toEqual(["50101", "505", "50503"]);
    expect(r.stdout).toContain("尚未审批");
  });

  it("approval: usage mistakes are 64; approving freezes the version; a second approval is refused", () => {
    expect(codes(json("budget", "approve", "--year", "2026", "--by", " ", "--date", "2026-07-01").body)).toEqual(["BUDGET_APPROVER_MISSING"]);
    const badDate = json("budget", "approve", "--year", "2026", "--by", "委员会", "--date", "2026-02-30");
    expect(badDate.code).toBe(64);
    expect(codes(badDate.body)).toEqual(["BUDGET_DATE_INVALID"]);
    expect(codes(json("budget", "approve", "--year", "2026", "--by", "委员会", "--date", "2026-07-01", "--review-date", "2026-06-30").body)).toEqual(["BUDGET_REVIEW_MISSING"]);
    const none = json("budget", "approve", "--year", "2025", "--by", "委员会", "--date", "2025-07-01");
    expect(none.code).toBe(65);
    expect(codes(none.body)).toEqual(["BUDGET_NO_VERSION"]);

    const ok = json("budget", "approve", "--year", "2026", "--by", "第三届第五次工会委员会", "--date", "2026-07-10", "--review", "第三届经审会第二次会议", "--review-date", "2026-07-08");
    expect(ok.code).toBe(0);
    expect(ok.body).toMatchObject({ year: 2026, version: 2, by: "第三届第五次工会委员会", date: "2026-07-10" });
    const twice = json("budget", "approve", "--year", "2026", "--by", "x", "--date", "2026-07-11");
    expect(twice.code).toBe(65);
    expect(codes(twice.body)).toEqual(["BUDGET_ALREADY_APPROVED"]);
    expect(json("budget", "show", "--year", "2026").body.version.approved).toEqual({ by: "第三届第五次工会委员会", date: "2026-07-10", review: "第三届经审会第二次会议", reviewDate: "2026-07-08" });
  });

  it("BUDGET_AS_OF_INVALID: an as-of date before the year", () => {
    const r = json("budget", "show", "--year", "2026", "--as-of", "2025-12-31");
    expect(r.code).toBe(64);
    expect(codes(r.body)).toEqual(["BUDGET_AS_OF_INVALID"]);
  });

  it("the budget workbook agrees with budget show to the cent, with live formulas and their cached values", async () => {
    const notXlsx = json("export", "budget", "--year", "2026", "-o", "dues.db");
    expect(notXlsx.code).toBe(64);
    expect(codes(notXlsx.body)).toEqual(["EXPORT_NOT_XLSX"]);
    const out = join(dir, "budget-2026.xlsx");
    const r = json("export", "budget", "--year", "2026", "--as-of", "2026-10-31", "-o", "budget-2026.xlsx");
    expect(r.code).toBe(0);
    const show: { rows: JsonRow[]; totals: { spending: JsonRow } } = json("budget", "show", "--year", "2026", "--as-of", "2026-10-31").body;

    const cents = (s: string) => { const p = parseAmount(s, { digits: 2 }); if (!p.ok) throw new Error(`not money: ${s}`); return p.minor; };
    // Percent cells hold the fraction (0.4077); as hundredths of a percent that is 4 decimals.
    const hundredths = (s: string) => { const p = parseAmount(s, { digits: 4 }); if (!p.ok) throw new Error(`not a rate: ${s}`); return p.minor; };

    // The raw XML: every cached value, independent of exceljs.
    const files = unzip(out);
    const sheets = sheetsOf(files);
    expect(sheets.map((s) => s.name)).toEqual(["封面", "预算执行", "分月实际", "2027预算草案"]);
    const cells = sheetCells(files.get(sheets[1]!.path)!);
    const byAccount = new Map<string, number>();
    for (const [ref, c] of cells) if (ref.startsWith("A") && c.text && /^\d+$/.test(c.text)) byAccount.set(c.text, Number(ref.slice(1)));
    expect([...byAccount.keys()]).toEqual(show.rows.map((x) => x.account));
    for (const row of show.rows) {
      const n = byAccount.get(row.account)!;
      const v = (col: string) => cells.get(`${col}${n}`)!.value!;
      expect([v("C"), v("D"), v("E"), v("F"), v("G")].map(cents)).toEqual([row.budget, row.adjustment, row.adjusted, row.actual, row.variance].map(cents));
      if (row.rate === null) expect(cells.get(`H${n}`)!.text).toBe("—");
      else expect(hundredths(v("H"))).toBe(cents(row.rate));
      expect(cells.get(`E${n}`)!.formula).toBe(`C${n}+D${n}`);
      expect(cells.get(`G${n}`)!.formula).toBe(`E${n}-F${n}`);
      expect(cells.get(`H${n}`)!.formula).toBe(`IF(E${n}=0,"—",ROUND(F${n}/E${n},4))`);
    }
    // The parent adds its sub-accounts live.
    const p = byAccount.get("501")!;
    expect(cells.get(`F${p}`)!.formula).toBe(`F${byAccount.get("50101")}+F${byAccount.get("50102")}`);

    // exceljs: the spending total row's formula and value, and the money format.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("预算执行")!;
    let totalRow = 0;
    ws.eachRow((r, n) => { if (r.getCell(2).value === "支出合计") totalRow = n; });
    const f = ws.getCell(`F${totalRow}`).value as { formula: string; result: number };
    expect(f.formula).toBe(`F${byAccount.get("501")}+F${byAccount.get("505")}`);
    expect(cents(String(f.result))).toBe(cents(show.totals.spending.actual));
    expect(ws.getCell(`F${totalRow}`).numFmt).toContain("#,##0.00");

    // The cover carries the approval block and the four signatures.
    const cover = [...sheetCells(files.get(sheets[0]!.path)!).values()].map((c) => c.text ?? "").join("|");
    for (const s of ["第三届第五次工会委员会", "第三届经审会第二次会议", "工会主席", "经费审查委员会主任", "财务负责人", "制表"]) expect(cover).toContain(s);
    // The audit trail of versions: the adopted one (never approved) and the approved adjustment.
    expect(cover).toMatch(/第 1 版（年初预算）\|adopted\.csv，[^|]*未审批/);
    expect(cover).toMatch(/第 2 版（年中调整）\|adjusted\.csv，[^|]*2026-07-10 经第三届第五次工会委员会审批/);

    // Month by month: 50102 had 3250.50 in March (C = Jan, so March is E) and nothing after the as-of date.
    const monthly = sheetCells(files.get(sheets[2]!.path)!);
    const mrow = [...monthly.entries()].find(([ref, c]) => ref.startsWith("A") && c.text === "50102")![0].slice(1);
    expect(cents(monthly.get(`E${mrow}`)!.value!)).toBe(cents("3250.50"));
    expect(cents(monthly.get(`M${mrow}`)!.value!)).toBe(0);
    expect(monthly.get(`O${mrow}`)!.formula).toBe(`SUM(C${mrow}:N${mrow})`);

    // The draft: 50101 overran (10000.01 against 10000.00), so next year proposes the actual.
    const draft = sheetCells(files.get(sheets[3]!.path)!);
    const drow = [...draft.entries()].find(([ref, c]) => ref.startsWith("A") && c.text === "50101")![0].slice(1);
    expect(cents(draft.get(`E${drow}`)!.value!)).toBe(cents("10000.01"));
  });

  it("an approved version is frozen in the database itself", async () => {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(join(dir, "dues.db"));
    try {
      expect(() => db.prepare("UPDATE budget_lines SET budget = 1").run()).toThrow(/BUDGET_FROZEN/);
      expect(() => db.prepare("DELETE FROM budget_versions").run()).toThrow(/BUDGET_FROZEN/);
      expect(() => db.prepare("INSERT INTO budget_lines (version_id, position, source_line, account, budget, adjustment, note) VALUES (2, 9, 9, '50103', 1, 0, '')").run()).toThrow(/BUDGET_FROZEN/);
      expect(() => db.prepare("INSERT INTO budget_versions (year, version, kind, file, sha256, lines, created_at) VALUES (2026, 5, 'adjusted', 'x', 'x', 0, 'x')").run()).toThrow(/BUDGET_VERSION_ORDER/);
    } finally {
      db.close();
    }
    // A new version can still supersede it.
    writeFiles(dir, { "adjusted2.csv": ADJUSTED.replace("2500.00", "3000.00") });
    expect(json("budget", "import", "adjusted2.csv", "--year", "2026", "--version", "adjusted").body).toMatchObject({ version: 3, supersedes: 2 });
  });

  it("EXPENSES_PERIOD_CLOSED: a voucher in a closed month refuses the file (73)", () => {
    expect(run("close", "2026-01").code).toBe(0);
    writeFiles(dir, { "jan.csv": "日期,科目编码,金额,摘要\n2026-01-20,50102,100,春节活动\n2026-06-01,50102,100,端午\n" });
    const r = json("import", "expenses", "jan.csv");
    expect(r.code).toBe(73);
    expect(r.body.problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([["EXPENSES_PERIOD_CLOSED", 2]]);
  });

  it("reads budget and expenses workbooks (.xlsx): numbers, real dates and a title row", async () => {
    const wb = new ExcelJS.Workbook();
    const b = wb.addWorksheet("预算");
    b.addRow(["2027年预算"]);
    b.addRow(["科目编码", "科目名称", "年初预算", "调整"]);
    b.addRow([401, "会费收入", 32000, null]);
    b.addRow(["50102", "文体活动", 21000.5, 0]);
    await wb.xlsx.writeFile(join(dir, "budget-2027.xlsx"));
    const ok = json("budget", "import", "budget-2027.xlsx", "--year", "2027");
    expect(ok.code).toBe(0);
    expect(ok.body).toMatchObject({ version: 1, lines: 2, income: "32000.00", spending: "21000.50" });

    const ew = new ExcelJS.Workbook();
    const e = ew.addWorksheet("支出");
    e.addRow(["日期", "科目编码", "金额", "摘要"]);
    e.addRow([new Date(Date.UTC(2027, 2, 5)), 50102, 1234.56, "篮球赛"]);
    await ew.xlsx.writeFile(join(dir, "exp-2027.xlsx"));
    const dry = json("import", "expenses", "exp-2027.xlsx", "--dry-run");
    expect(dry.body).toMatchObject({ batch: null, dryRun: true, entries: 1 });
    expect(json("budget", "show", "--year", "2027", "--as-of", "2027-12-31").body.rows.find((r: JsonRow) => r.account === "50102").actual).toBe("0.00");
    const booked = json("import", "expenses", "exp-2027.xlsx");
    expect(booked.code).toBe(0);
    expect(booked.body).toMatchObject({ entries: 1, total: "1234.56", from: "2027-03-05" });
    const shown = json("budget", "show", "--year", "2027", "--as-of", "2027-12-31").body;
    expect(shown.rows.find((r: JsonRow) => r.account === "50102")).toMatchObject({ adjusted: "21000.50", actual: "1234.56", variance: "19765.94", rate: "5.88" });
  });
});
