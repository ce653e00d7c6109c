// End to end through bin/dues: a small union's 2025-12 and 2026-01…03 booked, then the
// 2026 final accounts (决算) in the terminal and as JSON against figures worked out by hand,
// the workbook read back through the zip/XML reader agreeing with the JSON to the cent, and
// the annual return / remittance advice validated against its JSON Schema, its months
// against the imports, its remittances against `dues reconcile`, its head by `dues verify`.
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/domain/money.js";
import { dues, ROOT, tempDir, writeFiles } from "../helpers/cli.js";
import { numberFormats, sheetCells, sheetsOf, unzip, type RawCell } from "./zip.js";

const CONFIG = (extra = "  id: test-union\n  credit_code: 81330100MA2XXXXXX3\n") => `union:
  name: 测试工会
  currency: CNY
  locale: zh-CN
  chart: cn-2021-base
${extra}bodies:
  - { id: county, name: 某县总工会 }
  - { id: city, name: 某市总工会 }
sources:
  default:
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
      split:
        - { to: city, share: 10% }
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split:
        - { to: county, share: 40% }
      remainder: largest
      collection: union
`;
// Dues 25.00 + 33.90 + 15.00 = 73.90 a month (city 7.39, kept 66.51); funds 21,000.00 × 2% =
// 420.00 (county 168.00, kept 252.00).
const PAYROLL = "工号,姓名,基本工资,应发工资\nE1,甲,5000.00,8000.00\nE2,乙,6789.45,9000.00\nE3,丙,3000.00,4000.00\n";
const BUDGET = "科目编码,科目名称,年初预算\n401,会费收入,200.00\n402,拨缴经费收入,800.00\n50102,文体活动,500.00\n";
const AS_OF = "2026-04-20";

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => dues(args, { cwd: dir });
const json = (...args: string[]) => {
  const r = run(...args, "--json");
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const imports: Record<string, { totals: Record<string, string>; shares: { stream: string; to: string; amount: string }[]; employees: number; members: number; exempt: number }> = {};

beforeAll(() => {
  ({ dir, cleanup } = tempDir("dues-final-"));
  writeFiles(dir, { "dues.yaml": CONFIG(), "p.csv": PAYROLL, "budget.csv": BUDGET });
  expect(run("init").code).toBe(0);
  for (const p of ["2025-12", "2026-01", "2026-02", "2026-03"]) {
    writeFiles(dir, { [`p-${p}.csv`]: PAYROLL });
    const r = json("import", "payroll", `p-${p}.csv`, "--period", p);
    expect(r.code, r.stderr).toBe(0);
    imports[p] = r.body;
  }
  expect(run("budget", "import", "budget.csv", "--year", "2026").code).toBe(0);
  expect(run("receive", "--from", "employer", "--amount", "493.90", "--date", "2026-02-10", "--period", "2026-01", "--ref", "回单0210").code).toBe(0);
  expect(run("remit", "--to", "county", "--amount", "168.00", "--date", "2026-02-14", "--period", "2026-01", "--ref", "上解-2026-01").code).toBe(0);
  // No --period: reconcile applies it to the oldest months owed (2025-12, then 2026-01).
  expect(run("remit", "--to", "city", "--amount", "14.78", "--date", "2026-03-10", "--ref", "上解市总").code).toBe(0);
  expect(run("record", "--date", "2026-02-20", "--memo", "篮球赛", "50102=300.00", "102=-300.00").code).toBe(0);
  for (const p of ["2025-12", "2026-01", "2026-02"]) expect(run("close", p).code).toBe(0);
}, 60_000);
afterAll(() => cleanup());

type Row = Record<string, string | number | null>;
const row = (rows: Row[], account: string) => rows.find((r) => r.account === account)!;

describe("dues report final", () => {
  let report: { body: any; code: number };
  beforeAll(() => { report = json("report", "final", "--year", "2026", "--as-of", AS_OF); });

  it("收入支出决算表: budget, final, rate, last year and change per account, worked out by hand", () => {
    expect(report.code).toBe(0);
    const rows = report.body.accounts.rows as Row[];
    expect(row(rows, "401")).toMatchObject({ budget: "200.00", adjusted: "200.00", final: "199.53", variance: "0.47", rate: "99.77", lastYear: "66.51", change: "133.02", changeRate: "200.00" });
    expect(row(rows, "402")).toMatchObject({ budget: "800.00", final: "756.00", variance: "44.00", rate: "94.50", lastYear: "252.00", change: "504.00" });
    expect(row(rows, "501")).toMatchObject({ adjusted: "500.00", final: "300.00", rate: "60.00", lastYear: "0.00", changeRate: null, level: 0 });
    expect(row(rows, "50102")).toMatchObject({ parent: "501", level: 1, final: "300.00" });
    // A statutory form: every top-level account stays, zero or not; empty sub-accounts do not.
    expect(rows.filter((r) => r.level === 0).map((r) => r.account)).toEqual(["401", "402", "403", "405", "408", "501", "503", "504", "505", "507", "510"]);
    expect(rows.some((r) => r.account === "50101")).toBe(false);
    expect(report.body.accounts.totals.surplus).toMatchObject({ final: "655.53", lastYear: "318.51", change: "337.02" });
  });

  it("agrees with `report income --year` and `report balance`, and the balance sheet balances", () => {
    const income = json("report", "income", "--year", "2026").body;
    const total = (st: any, name: string, key: string) => st.lines.find((l: any) => l.name === name)[key];
    expect(report.body.accounts.totals.income.final).toBe(total(income, "收入合计", "year"));
    expect(report.body.accounts.totals.spending.final).toBe(total(income, "支出合计", "year"));
    const balance = json("report", "balance", "--as-of", "2026-12-31").body;
    expect(report.body.balance.lines).toEqual(balance.lines);
    expect(report.body.balanced).toBe(true);
  });

  it("结转结余变动表: nothing carried yet, the year's surplus on its own line", () => {
    expect(report.body.yearClosed).toBe(false);
    // 2025's surplus (318.51) is not carried either: it sits in the start-of-year unclosed line.
    expect(report.body.funds.unclosed).toBe("974.04");
    expect(report.body.funds.rows.map((r: Row) => [r.account, r.opening, r.surplus, r.closing])).toEqual([["321", "0.00", "0.00", "0.00"], ["322", "0.00", "0.00", "0.00"]]);
    expect(report.body.openMonths).toEqual(["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
  });

  it("上解情况: owed at start + due − paid = owed at end (the balance sheet's 211 lines); outstanding as reconcile allocates", () => {
    const rem = report.body.remittances;
    expect(rem.asOf).toBe(AS_OF);
    expect(rem.rows).toEqual([
      { body: "county", name: "某县总工会", opening: "168.00", due: "504.00", paid: "168.00", closing: "504.00", outstanding: "504.00", openMonths: 3 },
      { body: "city", name: "某市总工会", opening: "7.39", due: "22.17", paid: "14.78", closing: "14.78", outstanding: "14.78", openMonths: 2 },
    ]);
    const lines = report.body.balance.lines as Row[];
    for (const r of rem.rows) expect(lines.find((l) => l.code === r.body)!.end).toBe(r.closing);
    const rec = json("reconcile", "--to", "2026-12", "--as-of", AS_OF).body;
    expect(rec.totals.outstanding).toBe(rem.totals.outstanding);
  });

  it("the terminal view in Chinese and English", () => {
    const zh = run("report", "final", "--year", "2026", "--as-of", AS_OF);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("一、收入支出决算表");
    expect(zh.stdout).toContain("本年尚未年终结转");
    expect(zh.stdout).toMatch(/拨缴经费收入\s+402\s+800\.00\s+756\.00\s+94\.50%/);
    const en = run("--lang", "en", "report", "final", "--year", "2026", "--as-of", AS_OF);
    expect(en.stdout).toContain("Income and spending against budget");
    expect(en.stdout).toContain("Months not closed: 2026-03");
  });

  it("FINAL_AS_OF_INVALID: an as-of before the year is a usage error (64)", () => {
    const r = json("report", "final", "--year", "2026", "--as-of", "2025-12-31");
    expect(r.code).toBe(64);
    expect(r.body.problems.map((p: { code: string }) => p.code)).toEqual(["FINAL_AS_OF_INVALID"]);
  });
});

/** A cell's number as minor units, read from its XML text exactly (never through a float). */
const minorOf = (c: RawCell | undefined): number => {
  const r = parseAmount(c?.value ?? "", { digits: 2, decimalMark: "." });
  if (!r.ok) throw new Error(`not an amount: ${c?.ref} ${c?.value}`);
  return r.minor;
};
/** A percentage cell (a fraction such as 0.9977) as the JSON's "99.77", by decimal text. */
const percentOf = (c: RawCell | undefined): string | null => {
  if (c?.type === "str") return null; // "—"
  const [whole, frac = ""] = (c?.value ?? "").split(".");
  const scaled = BigInt(whole! + (frac + "0000").slice(0, 4));
  const neg = scaled < 0n;
  const abs = (neg ? -scaled : scaled).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
};
const cents = (s: string) => { const r = parseAmount(s, { digits: 2, decimalMark: "." }); if (!r.ok) throw new Error(s); return r.minor; };

describe("dues export final: the workbook read back by a second reader", () => {
  let files: Map<string, string>;
  let sheets: { name: string; cells: Map<string, RawCell> }[];
  let body: any;
  let formats: string[];
  beforeAll(() => {
    body = json("report", "final", "--year", "2026", "--as-of", AS_OF).body;
    const r = run("export", "final", "--year", "2026", "--as-of", AS_OF, "-o", "final-2026.xlsx");
    expect(r.code, r.stderr).toBe(0);
    files = unzip(join(dir, "final-2026.xlsx"));
    sheets = sheetsOf(files).map((s) => ({ name: s.name, cells: sheetCells(files.get(s.path)!) }));
    formats = numberFormats(files.get("xl/styles.xml")!);
  });
  const sheet = (name: string) => sheets.find((s) => s.name === name)!.cells;
  const rowWith = (cells: Map<string, RawCell>, col: string, value: string) => {
    for (const c of cells.values()) if (c.ref.startsWith(col) && /^[A-Z]+(\d+)$/.exec(c.ref) && c.text === value) return Number(/\d+$/.exec(c.ref)![0]);
    throw new Error(`no row with ${value} in column ${col}`);
  };

  it("has the six sheets, in Chinese", () => {
    expect(sheets.map((s) => s.name)).toEqual(["封面", "收入支出决算表", "资产负债表", "结转结余变动表", "上解情况", "说明"]);
  });

  it("收入支出决算表: every row's cached values equal `report final --json` to the cent; parents, variances and rates are formulas", () => {
    const cells = sheet("收入支出决算表");
    for (const r of body.accounts.rows as Row[]) {
      const n = rowWith(cells, "A", r.account as string);
      const at = (col: string) => cells.get(`${col}${n}`);
      expect([minorOf(at("C")), minorOf(at("D")), minorOf(at("E")), minorOf(at("F")), minorOf(at("H")), minorOf(at("I"))], r.account as string)
        .toEqual([cents(r.budget as string), cents(r.adjusted as string), cents(r.final as string), cents(r.variance as string), cents(r.lastYear as string), cents(r.change as string)]);
      expect(percentOf(at("G"))).toBe(r.rate);
      expect(percentOf(at("J"))).toBe(r.changeRate);
      expect(at("F")!.formula).toBe(`D${n}-E${n}`);
      expect(formats[at("E")!.style]).toBe("#,##0.00;-#,##0.00");
    }
    const n501 = rowWith(cells, "A", "501");
    expect(cells.get(`E${n501}`)!.formula).toBe(`E${rowWith(cells, "A", "50102")}`);
    const nTotal = rowWith(cells, "B", "收入合计");
    expect(minorOf(cells.get(`E${nTotal}`))).toBe(cents(body.accounts.totals.income.final));
    expect(cells.get(`E${nTotal}`)!.formula).toMatch(/^E\d+\+E\d+/);
    const nDiff = rowWith(cells, "B", "三、收支差额");
    expect(minorOf(cells.get(`E${nDiff}`))).toBe(cents(body.accounts.totals.surplus.final));
  });

  it("资产负债表, 结转结余变动表 and 上解情况 agree with the JSON to the cent", () => {
    const bal = sheet("资产负债表");
    for (const l of body.balance.lines as Row[]) {
      if (l.role === "heading") continue;
      const n = l.code ? rowWith(bal, "B", l.code as string) : rowWith(bal, "A", l.name as string);
      expect([minorOf(bal.get(`C${n}`)), minorOf(bal.get(`D${n}`))], `${l.code} ${l.name}`).toEqual([cents(l.yearStart as string), cents(l.end as string)]);
    }
    const funds = sheet("结转结余变动表");
    for (const r of body.funds.rows as Row[]) {
      const n = rowWith(funds, "A", r.account as string);
      expect(["C", "D", "E", "F", "G"].map((c) => minorOf(funds.get(`${c}${n}`)))).toEqual([r.opening, r.surplus, r.increase, r.used, r.closing].map((x) => cents(x as string)));
      expect(funds.get(`G${n}`)!.formula).toBe(`C${n}+D${n}+E${n}-F${n}`);
    }
    const nUnclosed = rowWith(funds, "B", "本年收支差额（尚未结转）");
    expect(minorOf(funds.get(`G${nUnclosed}`))).toBe(cents(body.funds.unclosed));
    const rem = sheet("上解情况");
    for (const r of body.remittances.rows as Row[]) {
      const n = rowWith(rem, "A", r.body as string);
      expect(["C", "D", "E", "F", "G"].map((c) => minorOf(rem.get(`${c}${n}`)))).toEqual([r.opening, r.due, r.paid, r.closing, r.outstanding].map((x) => cents(x as string)));
      expect(rem.get(`F${n}`)!.formula).toBe(`C${n}+D${n}-E${n}`);
    }
  });

  it("the cover carries the credit code, the chain head and the 经审会's opinion space; the notes name what is not closed", () => {
    const cover = [...sheet("封面").values()].map((c) => c.text ?? "").join("\n");
    expect(cover).toContain("81330100MA2XXXXXX3");
    expect(cover).toContain(`dues verify --head ${body.ledger.head.hash}`);
    expect(cover).toContain("经费审查委员会审查意见");
    for (const role of ["工会主席", "经费审查委员会主任", "财务负责人", "制表"]) expect(cover).toContain(`${role}：签字`);
    const notes = [...sheet("说明").values()].map((c) => c.text ?? "").join("\n");
    expect(notes).toContain("尚未结账的月份：2026-03");
    expect(notes).toContain("年终结转：尚未进行");
  });

  it("in English with --lang en; only .xlsx is written (EXPORT_NOT_XLSX, 64)", () => {
    expect(run("--lang", "en", "export", "final", "--year", "2026", "--as-of", AS_OF, "-o", "final-en.xlsx").code).toBe(0);
    const en = sheetsOf(unzip(join(dir, "final-en.xlsx"))).map((s) => s.name);
    expect(en).toEqual(["Cover", "Income and spending", "Balance sheet", "Fund balances", "Remittances", "Notes"]);
    const bad = json("export", "final", "--year", "2026", "-o", "dues.db");
    expect(bad.code).toBe(64);
    expect(bad.body.problems[0].code).toBe("EXPORT_NOT_XLSX");
  });
});

const schema = JSON.parse(readFileSync(join(ROOT, "docs", "return-file.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
/** Every string that looks like money (account codes aside) has exactly two decimals (CNY). */
function moneyStrings(v: unknown, path = "$", out: [string, string][] = []): [string, string][] {
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) && !/^\d{4}$/.test(v)) out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => moneyStrings(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "code") moneyStrings(x, `${path}.${k}`, out);
  return out;
}

describe("dues export return: the annual return and the month's remittance advice", () => {
  let doc: any;
  beforeAll(() => {
    const r = run("export", "return", "--year", "2026", "--as-of", AS_OF, "-o", "return-2026.json");
    expect(r.code, r.stderr).toBe(0);
    doc = JSON.parse(readFileSync(join(dir, "return-2026.json"), "utf8"));
  });

  it("validates against docs/return-file.schema.json, with the fixed fields of TEAM.md", () => {
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ format: "dues-return", version: 1, kind: "year", from: "2026-01", to: "2026-12", year: 2026, asOf: AS_OF });
    expect(doc.union).toEqual({ id: "test-union", name: "测试工会", creditCode: "81330100MA2XXXXXX3", chart: "cn-2021-base", currency: "CNY", digits: 2, financialYearStart: 1 });
    expect(doc.bodies).toEqual([{ id: "county", name: "某县总工会" }, { id: "city", name: "某市总工会" }]);
    expect(moneyStrings(doc).filter(([, v]) => !/^-?\d+\.\d{2}$/.test(v))).toEqual([]);
  });

  it("each month is what its import booked, and each stream's shares add up to the stream", () => {
    expect(doc.months).toHaveLength(12);
    for (const m of doc.months) {
      const imp = imports[m.period];
      if (!imp) {
        expect(m).toMatchObject({ employees: 0, dues: "0.00", funds: "0.00", shares: [], batches: [] });
        continue;
      }
      expect(m).toMatchObject({ employees: imp.employees, members: imp.members, exempt: imp.exempt, duesBase: imp.totals.duesBase, dues: imp.totals.dues, fundsBase: imp.totals.fundsBase, funds: imp.totals.funds, collection: "union" });
      expect(m.shares).toEqual(imp.shares);
      const sum = (stream: string[]) => m.shares.filter((s: any) => stream.includes(s.stream)).reduce((t: number, s: any) => t + cents(s.amount), 0);
      expect(sum(["dues", "per-capita"])).toBe(cents(m.dues));
      expect(sum(["funds"])).toBe(cents(m.funds));
    }
    expect(doc.months[0]).toMatchObject({ period: "2026-01", dues: "73.90", funds: "420.00", paying: 3 });
    expect(doc.totals).toMatchObject({ dues: "221.70", funds: "1260.00" });
  });

  it("remittances are `dues reconcile`'s rows; payments are the remittances it applied; the head verifies", () => {
    const rec = json("reconcile", "--from", "2026-01", "--to", "2026-12", "--as-of", AS_OF).body;
    expect(doc.remittances.map((r: any) => [r.body, r.period, r.due, r.paid, r.outstanding, r.status]))
      .toEqual(rec.rows.map((r: any) => [r.body, r.period, r.due, r.paid, r.outstanding, r.status]));
    expect(doc.totals).toMatchObject({ due: rec.totals.due, paid: rec.totals.paid, outstanding: rec.totals.outstanding });
    expect(doc.payments.map((p: any) => [p.to, p.period, p.date, p.ref, p.amount, p.filedUnder])).toEqual([
      ["county", "2026-01", "2026-02-14", "上解-2026-01", "168.00", "2026-01"],
      ["city", null, "2026-03-10", "上解市总", "14.78", "2026-02"],
    ]);
    // Every payment is one reconcile applied: per body, what the payments add up to is what
    // reconcile counts as paid over all months up to the year's end.
    const all = json("reconcile", "--to", "2026-12", "--as-of", AS_OF).body;
    for (const body of ["county", "city"]) {
      const paid = all.rows.filter((r: any) => r.body === body).reduce((t: number, r: any) => t + cents(r.paid), 0);
      expect(doc.payments.filter((p: any) => p.to === body).reduce((t: number, p: any) => t + cents(p.amount), 0)).toBe(paid);
    }
    expect(run("verify", "--head", doc.ledger.head.hash).code).toBe(0);
  });

  it("the statements are `report income --year` and `report balance --as-of` at year end", () => {
    expect(doc.statements.income).toEqual(json("report", "income", "--year", "2026").body);
    expect(doc.statements.balance).toEqual(json("report", "balance", "--as-of", "2026-12-31").body);
  });

  it("--period gives one month's advice: kind month, no year, no statements", () => {
    const r = run("export", "return", "--period", "2026-02", "--as-of", AS_OF, "-o", "advice.json");
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, "advice.json"), "utf8"));
    expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
    expect(a).toMatchObject({ kind: "month", from: "2026-02", to: "2026-02", year: null, statements: null });
    expect(a.months.map((m: any) => m.period)).toEqual(["2026-02"]);
    expect(a.payments.map((p: any) => p.ref)).toEqual(["上解市总"]);
    expect(a.remittances.map((x: any) => [x.body, x.status])).toEqual([["county", "unpaid"], ["city", "unpaid"]]);
  });

  it("refusals: no range (RETURN_RANGE_REQUIRED), not .json (RETURN_NOT_JSON), a bad as-of (RETURN_AS_OF_INVALID): 64; a folder (EXPORT_TARGET_IS_FOLDER): 73; nothing written", () => {
    const code = (r: { body: any }) => r.body.problems.map((p: { code: string }) => p.code);
    const none = json("export", "return", "-o", "r.json");
    expect([none.code, code(none)]).toEqual([64, ["RETURN_RANGE_REQUIRED"]]);
    const db = json("export", "return", "--year", "2026", "-o", "dues.db");
    expect([db.code, code(db)]).toEqual([64, ["RETURN_NOT_JSON"]]);
    const asOf = json("export", "return", "--year", "2026", "--as-of", "20260420", "-o", "r.json");
    expect([asOf.code, code(asOf)]).toEqual([64, ["RETURN_AS_OF_INVALID"]]);
    mkdirSync(join(dir, "folder.json"));
    const folder = json("export", "return", "--year", "2026", "-o", "folder.json");
    expect([folder.code, code(folder)]).toEqual([73, ["EXPORT_TARGET_IS_FOLDER"]]);
    expect(existsSync(join(dir, "r.json"))).toBe(false);
  });

  it("RETURN_NO_UNION_ID: without union.id the return is written with a warning", () => {
    writeFiles(dir, { "noid.yaml": CONFIG("") });
    const r = run("--config", "noid.yaml", "export", "return", "--year", "2026", "-o", "noid.json");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("RETURN_NO_UNION_ID");
    expect(JSON.parse(readFileSync(join(dir, "noid.json"), "utf8")).union.id).toBeNull();
  });
});

// A union that took over its books on 2025-01-01 from an opening file (bank 1,000.00, the
// city still owed 7.39 for 2025-12, fund balance 992.61), ran 2025 and closed it.
describe("report final after an opening and a year-end close", () => {
  let d: string;
  let clean: () => void;
  const r2 = (...args: string[]) => dues(args, { cwd: d });
  const j2 = (...args: string[]) => JSON.parse(r2(...args, "--json").stdout);
  beforeAll(() => {
    ({ dir: d, cleanup: clean } = tempDir("dues-final-close-"));
    writeFiles(d, {
      "dues.yaml": CONFIG(), "p.csv": PAYROLL,
      "opening.csv": "科目编码,上级工会,所属期间,借方,贷方,摘要\n102,,,1000.00,,银行存款\n211,city,2024-12,,7.39,欠市总2024年12月\n322,,,,992.61,结余\n",
    });
    for (const args of [
      ["init"], ["import", "opening", "opening.csv", "--as-of", "2025-01-01"], ["import", "payroll", "p.csv", "--period", "2025-01"],
      ["remit", "--to", "city", "--amount", "7.39", "--date", "2025-01-12", "--period", "2024-12"],
      ["record", "--date", "2025-02-20", "--memo", "篮球赛", "50102=300.00", "102=-300.00"],
      ...Array.from({ length: 12 }, (_, i) => ["close", `2025-${String(i + 1).padStart(2, "0")}`]),
      ["close", "2025"],
    ]) {
      const r = r2(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
  }, 90_000);
  afterAll(() => clean());

  it("the opening is the year's start, the close carries the surplus into 322, and the year's income still shows", () => {
    const f = j2("report", "final", "--year", "2025", "--as-of", "2026-01-20");
    expect(f.yearClosed).toBe(true);
    expect(f.closeEntries.map((e: { kind: string; date: string }) => [e.kind, e.date])).toEqual([["year-close", "2025-12-31"]]);
    expect(f.opening).toMatchObject({ date: "2025-01-01", file: "opening.csv" });
    // 66.51 dues + 252.00 funds kept − 300.00 spent = 18.51, carried by the close.
    expect(f.accounts.totals.surplus.final).toBe("18.51");
    expect(f.funds.rows).toEqual([
      { account: "321", name: "工会资金结转", opening: "0.00", surplus: "0.00", increase: "0.00", used: "0.00", closing: "0.00" },
      { account: "322", name: "工会资金结余", opening: "992.61", surplus: "18.51", increase: "0.00", used: "0.00", closing: "1011.12" },
    ]);
    expect(f.funds.unclosed).toBe("0.00");
    const line = (code: string) => f.balance.lines.find((l: { code: string | null }) => l.code === code);
    expect([line("102").yearStart, line("city").yearStart, line("322").yearStart, line("322").end]).toEqual(["1000.00", "7.39", "992.61", "1011.12"]);
    expect(f.balance.lines.some((l: { code: string | null; role: string }) => l.role === "account" && l.code === null)).toBe(false);
    expect(f.remittances.rows.find((x: { body: string }) => x.body === "city")).toMatchObject({ opening: "7.39", due: "7.39", paid: "7.39", closing: "7.39" });
    expect(f.balanced).toBe(true);
  });

  it("the workbook shows the close (no unclosed line) and agrees with the JSON; the next year's last-year column is this year", () => {
    expect(r2("export", "final", "--year", "2025", "--as-of", "2026-01-20", "-o", "final.xlsx").code).toBe(0);
    const files = unzip(join(d, "final.xlsx"));
    const sheets = sheetsOf(files);
    const funds = sheetCells(files.get(sheets[3]!.path)!);
    const texts = [...funds.values()].map((c) => c.text ?? "");
    expect(texts).not.toContain("本年收支差额（尚未结转）");
    const n322 = [...funds.values()].find((c) => c.text === "322")!.ref.slice(1);
    expect(minorOf(funds.get(`D${n322}`))).toBe(1851);
    expect(minorOf(funds.get(`G${n322}`))).toBe(101112);
    const notes = [...sheetCells(files.get(sheets[5]!.path)!).values()].map((c) => c.text ?? "").join("\n");
    expect(notes).toContain("以第 ");
    expect(notes).toContain("期初余额批次");
    // Taken over on the year's first day: the last-year column's zeros are explained, not passed off as figures.
    expect(notes).toContain("上年决算数：账本于 2025-01-01 承接原账");
    expect(r2("export", "final", "--year", "2026", "--as-of", "2026-01-20", "-o", "final-2026.xlsx").code).toBe(0);
    const files26 = unzip(join(d, "final-2026.xlsx"));
    const notes26 = [...sheetCells(files26.get(sheetsOf(files26)[5]!.path)!).values()].map((c) => c.text ?? "").join("\n");
    expect(notes26).not.toContain("上年决算数：");
    // The terminal report says it too, and only for the takeover year.
    expect(r2("report", "final", "--year", "2025", "--as-of", "2026-01-20").stdout).toContain("上年决算数：账本于 2025-01-01 承接原账");
    expect(r2("report", "final", "--year", "2026", "--as-of", "2026-01-20").stdout).not.toContain("上年决算数：");
    const next = j2("report", "final", "--year", "2026", "--as-of", "2026-01-20");
    expect(next.accounts.totals.income.lastYear).toBe("318.51");
    expect(next.accounts.totals.income.final).toBe("0.00");
    expect(next.funds.rows[1]).toMatchObject({ account: "322", opening: "1011.12" });
  });

  it("after `dues reopen 2025` the year is no longer closed and its surplus is again not carried", () => {
    expect(r2("reopen", "2025", "--reason", "补记一笔支出").code).toBe(0);
    const f = j2("report", "final", "--year", "2025", "--as-of", "2026-01-20");
    expect(f.yearClosed).toBe(false);
    expect(f.closeEntries.map((e: { kind: string }) => e.kind)).toEqual(["year-close", "year-reopen"]);
    expect(f.funds.rows[1]).toMatchObject({ surplus: "0.00", closing: "992.61" });
    expect(f.funds.unclosed).toBe("18.51");
  });
});
