// The audit workbook end to end: a small ledger built through the Ledger API (payroll
// member lines, receipts, a remittance, spending, a close, a reopen and a late entry),
// exported with the real `dues export audit`, then read back. Expected figures are
// worked out here from the inputs.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger, type MemberLine } from "../../src/ledger/ledger.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { exportAudit, gatherAudit } from "../../src/app/export-audit.js";
import { dues, tempDir } from "../helpers/cli.js";
import { sheetCells, sheetsOf, unzip } from "./zip.js";

let dir: string;
let cleanup: () => void;
let head: { seq: number; hash: string };
const CREATED = "2026-07-01T08:00:00.000Z";

interface Person { id: string; name: string; dues: number[]; deducted: (number | null)[]; status?: string; exempt?: boolean }
// Six months, 2026-01..06. Amounts in fen.
const people: Person[] = [
  { id: "E001", name: "张三", dues: [3390, 3390, 4500, 4500, 4500, 4500], deducted: [3390, 3390, 4500, 4500, 4500, 4500] },
  { id: "E002", name: "=cmd()", dues: [5000, 5000, 5000, 5000, 5000, 5000], deducted: [5000, 0, 5000, 5000, 5000, 5000] },
  { id: "E003", name: "李四", dues: [2000, 2000, 2000, 2000, 2000, 2000], deducted: [0, 0, 0, 0, 0, 1000] },
  { id: "E004", name: "王五", dues: [0, 0, 0, 0, 0, 0], deducted: [null, null, null, null, null, null], status: "retired", exempt: true },
];
const periods = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
const CONFIG_TEXT = "union: { name: test }\n";
const CONFIG_SHA = createHash("sha256").update(CONFIG_TEXT).digest("hex");
const FUNDS_BASE = 1_000_000; // 10,000.00 per person per month

function linesFor(m: number): MemberLine[] {
  const out: MemberLine[] = [];
  people.forEach((p, i) => {
    // E001 is missing from the March payroll.
    if (p.id === "E001" && m === 2) return;
    const dues = p.dues[m]!;
    const deducted = p.deducted[m]!;
    out.push({
      period: periods[m]!, memberId: p.id, sourceLine: i + 2, name: p.name, department: "工会", status: p.status ?? "active",
      isMember: true, exempt: Boolean(p.exempt), exemptReason: p.exempt ? "retired" : null,
      duesBase: dues * 200, truncatedBase: dues * 200, rateText: "0.5%", dues, deducted,
      difference: deducted === null ? 0 : deducted - dues, fundsBase: FUNDS_BASE,
    });
  });
  return out;
}

function build(db: string): void {
  const ledger = Ledger.open(db);
  try {
    for (let m = 0; m < periods.length; m++) {
      const p = periods[m]!;
      ledger.transaction(() => {
        const b = ledger.beginBatch({ kind: "payroll", period: p, source: "default", file: `payroll-${p}.csv`, sha256: "ab".repeat(32), encoding: "utf-8", rows: 4, configSha256: CONFIG_SHA, configText: CONFIG_TEXT, createdAt: CREATED });
        const lines = linesFor(m);
        ledger.appendMemberLines(b, lines);
        const duesTotal = lines.reduce((s, l) => s + l.dues, 0);
        const funds = (lines.length * FUNDS_BASE) / 50; // 2%
        ledger.postEntry({ batch: b, date: `${p}-28`, period: p, memo: `${p} dues`, postings: [{ account: "13501", amount: duesTotal }, { account: "401", amount: -duesTotal }] });
        ledger.postEntry({ batch: b, date: `${p}-28`, period: p, memo: `${p} funds`, postings: [{ account: "13501", amount: funds }, { account: "402", amount: -(funds * 3) / 5 }, { account: "211", body: "city", amount: -(funds * 2) / 5 }] });
      });
    }
    ledger.transaction(() => {
      const b = ledger.beginBatch({ kind: "receive", period: "2026-02", createdAt: CREATED });
      ledger.postEntry({ batch: b, date: "2026-02-10", period: "2026-02", memo: "employer", kind: "receive", ref: "R-1", postings: [{ account: "102", amount: 100000 }, { account: "13501", amount: -100000 }] });
      const r = ledger.beginBatch({ kind: "remit", period: "2026-02", createdAt: CREATED });
      ledger.postEntry({ batch: r, date: "2026-02-15", period: "2026-02", memo: "to city", kind: "remit", ref: "上解001", body: "city", postings: [{ account: "211", body: "city", amount: 50000 }, { account: "102", amount: -50000 }] });
      const s = ledger.beginBatch({ kind: "record", period: "2026-03", createdAt: CREATED });
      ledger.postEntry({ batch: s, date: "2026-03-05", period: "2026-03", memo: "篮球赛", postings: [{ account: "50102", amount: 30000 }, { account: "102", amount: -30000 }] });
    });
    const wrong = ledger.transaction(() => {
      const b = ledger.beginBatch({ kind: "record", period: "2026-04", createdAt: CREATED });
      ledger.postEntry({ batch: b, date: "2026-04-02", period: "2026-04", memo: "booked twice", postings: [{ account: "102", amount: 100 }, { account: "408", amount: -100 }] });
      return b;
    });
    ledger.voidBatch(wrong, { reason: "重复记账", createdAt: CREATED });
    ledger.closePeriod("2026-01", { date: "2026-02-05", createdAt: CREATED });
    ledger.reopenPeriod("2026-01", { reason: "补记收据", date: "2026-02-06", createdAt: CREATED });
    ledger.transaction(() => {
      const b = ledger.beginBatch({ kind: "record", period: "2026-01", createdAt: CREATED });
      ledger.postEntry({ batch: b, date: "2026-01-20", period: "2026-01", memo: "补记", postings: [{ account: "50501", amount: 1000 }, { account: "102", amount: -1000 }] });
    });
    ledger.closePeriod("2026-01", { date: "2026-02-07", createdAt: CREATED });
    head = ledger.head()!;
  } finally {
    ledger.close();
  }
}

let wb: ExcelJS.Workbook;
const path = () => join(dir, "audit.xlsx");

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("dues-audit-"));
  const init = dues(["init"], { cwd: dir });
  expect(init.code).toBe(0);
  build(join(dir, "dues.db"));
  const r = dues(["export", "audit", "--from", "2026-01", "--to", "2026-06", "-o", "audit.xlsx", "--json"], { cwd: dir });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.head.hash).toBe(head.hash);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path());
}, 60_000);
afterAll(() => cleanup());

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}
const result = (v: unknown) => (v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v);

describe("dues export audit", () => {
  it("has the ten sheets of SPEC §6 and the two statements, labelled in the union's locale", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["封面", "汇总", "会费明细", "免缴与失会风险", "拨缴经费", "上缴对账", "导入批次", "日记账", "异常事项", "审查清单", "收入支出表", "资产负债表"]);
  });

  it("puts the chain head on the cover so `dues verify --head` can confirm nothing changed", () => {
    const text = rows(sheet("封面")).flat().filter((v) => typeof v === "string") as string[];
    expect(text).toContain(head.hash);
    expect(text).toContain(`dues verify --head ${head.hash}`);
    expect(text.some((t) => t.startsWith("经审会主任：签字"))).toBe(true);
    const v = dues(["verify", "--head", head.hash], { cwd: dir });
    expect(v.code).toBe(0);
  });

  it("lists every member line in dues detail, names as text, with a total formula carrying the sum", () => {
    const ws = sheet("会费明细");
    const data = rows(ws).slice(1);
    const lines = periods.flatMap((_, m) => linesFor(m));
    const body = data.slice(0, -1);
    expect(body).toHaveLength(lines.length);
    const cmd = body.find((r) => r[1] === "E002")!;
    expect(cmd[2]).toBe("=cmd()");
    const total = data.at(-1)!;
    expect(total[0]).toBe("合计");
    const dues = lines.reduce((s, l) => s + l.dues, 0);
    expect(Math.round((result(total[10]) as number) * 100)).toBe(dues);
    expect((total[10] as { formula: string }).formula).toBe(`SUM(K2:K${lines.length + 1})`);
    // The same cell read by the independent reader: no formula in the name cell.
    const files = unzip(path());
    const s = sheetsOf(files).find((x) => x.name === "会费明细")!;
    const cells = sheetCells(files.get(s.path)!);
    const nameCells = [...cells.values()].filter((c) => c.ref.startsWith("C") && c.text === "=cmd()");
    expect(nameCells.length).toBe(6);
    expect(nameCells.every((c) => c.formula === undefined)).toBe(true);
  });

  it("flags the exceptions with where they come from", () => {
    const ex = rows(sheet("异常事项")).slice(1);
    const codes = (code: string) => ex.filter((r) => r[0] === code);
    // E002 February: deducted 0 of 50.00; file and line point at the payroll row.
    const e002 = codes("AUDIT_CHECKOFF_MISMATCH").find((r) => r[3] === "E002" && r[2] === "2026-02")!;
    expect(e002.slice(5, 8)).toEqual([2, "payroll-2026-02.csv", 3]);
    expect(e002[9]).toBe(-50);
    // E003 short every month: six mismatches.
    expect(codes("AUDIT_CHECKOFF_MISMATCH").filter((r) => r[3] === "E003")).toHaveLength(6);
    // E001's rise (33.90 → 45.00) falls in March, when E001 is absent; April follows a gap,
    // so there is no month-on-month comparison and no AUDIT_DUES_CHANGED.
    expect(codes("AUDIT_MEMBER_MISSING").map((r) => [r[2], r[3]])).toEqual([["2026-03", "E001"]]);
    expect(codes("AUDIT_MONTH_REOPENED").map((r) => r[2])).toEqual(["2026-01"]);
    expect(codes("AUDIT_ENTRY_AFTER_CLOSE")).toHaveLength(1);
    expect(codes("AUDIT_DUES_CHANGED")).toHaveLength(0);
    expect(codes("AUDIT_BATCH_VOIDED").map((r) => [r[2], r[1]])).toEqual([["2026-04", "批次已作废：重复记账"]]);
  });

  it("flags a month in the range with no payroll imported", async () => {
    const r = dues(["export", "audit", "--from", "2026-05", "--to", "2026-07", "-o", "q3.xlsx"], { cwd: dir });
    expect(r.code).toBe(0);
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(join(dir, "q3.xlsx"));
    const ex = rows(w.getWorksheet("异常事项")!).slice(1);
    expect(ex.filter((x) => x[0] === "AUDIT_NO_PAYROLL").map((x) => x[2])).toEqual(["2026-07"]);
  });

  it("shows exempt members with their reason and members six months short as lapse risk", () => {
    const r = rows(sheet("免缴与失会风险")).slice(1);
    const exempt = r.find((x) => x[1] === "E004")!;
    expect(exempt.slice(0, 9)).toEqual(["免缴", "E004", "王五", "工会", "retired", "retired", "2026-01", "2026-06", 6]);
    const lapse = r.find((x) => x[1] === "E003")!;
    expect(lapse[0]).toBe("失会风险");
    expect(lapse[8]).toBe(6);
    // Shortfall: 20.00 × 5 + 10.00 = 110.00
    expect(lapse[9]).toBe(110);
    expect(r.some((x) => x[1] === "E002" && x[0] === "失会风险")).toBe(false);
  });

  it("adds up the cash check per bank account: opening + receipts − payments = closing", () => {
    const r = rows(sheet("汇总"));
    const bank = r.find((x) => x[1] === "102")!;
    // 1,000.00 in, 500.00 remitted, 300.00 + 10.00 spent; 1.00 booked and voided shows on both sides
    expect(bank.slice(2, 5)).toEqual([0, 1001, 811]);
    expect(result(bank[5])).toBe(190);
    expect(bank[6]).toBe(190);
    // exceljs reads a cached 0 back as no result at all, so check the cell's XML directly.
    const files = unzip(path());
    const s = sheetsOf(files).find((x) => x.name === "汇总")!;
    let row = 0;
    sheet("汇总").eachRow((x, n) => { if (x.getCell(2).value === "102") row = n; });
    const h = sheetCells(files.get(s.path)!).get(`H${row}`)!;
    expect(h.formula).toBe(`G${row}-F${row}`);
    expect(h.value).toBe("0");
  });

  it("rolls remittances forward per body and period, with the payment's reference", () => {
    const r = rows(sheet("上缴对账")).slice(1, -1);
    const feb = r.find((x) => x[1] === "2026-02")!;
    const fundsPerMonth = (4 * FUNDS_BASE) / 50; // every month has 4 lines except March
    expect(feb[0]).toBe("某市总工会");
    expect(Math.round((feb[3] as number) * 100)).toBe((fundsPerMonth * 2) / 5);
    expect(Math.round((feb[5] as number) * 100)).toBe(50000);
    expect(feb[7]).toBe("上解001");
    expect((feb[2] as Date).toISOString().slice(0, 10)).toBe("2026-03-15");
  });

  it("streams the journal with equal debit and credit totals", () => {
    const r = rows(sheet("日记账"));
    const total = r.at(-1)!;
    expect(total[0]).toBe("合计");
    expect(result(total[12])).toBe(result(total[13]));
    expect(r.length - 2).toBeGreaterThan(20);
  });

  it("includes both statements, balancing", () => {
    const bal = rows(sheet("资产负债表"));
    const assets = bal.find((x) => x[0] === "资产总计")!;
    const right = bal.find((x) => x[0] === "负债和净资产总计")!;
    expect(result(assets[3])).toBe(result(right[3]));
    expect((right[3] as { formula: string }).formula).toMatch(/^D\d+\+D\d+$/);
  });

  it("refuses -o that is not .xlsx (so a slip cannot overwrite dues.db) and leaves the ledger untouched", () => {
    const before = readFileSync(join(dir, "dues.db"));
    const r = dues(["export", "audit", "--from", "2026-01", "--to", "2026-06", "-o", "dues.db"], { cwd: dir });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("EXPORT_NOT_XLSX");
    expect(readFileSync(join(dir, "dues.db")).equals(before)).toBe(true);
  });

  it("refuses a reversed range, a bad period and an unwritable folder, writing nothing", () => {
    const rev = dues(["export", "audit", "--from", "2026-06", "--to", "2026-01", "-o", "x.xlsx"], { cwd: dir });
    expect(rev.code).toBe(64);
    expect(rev.stderr).toContain("EXPORT_RANGE_REVERSED");
    const bad = dues(["export", "audit", "--from", "2026-13", "--to", "2026-12", "-o", "x.xlsx", "--json"], { cwd: dir });
    expect(JSON.parse(bad.stdout).problems.map((p: { code: string }) => p.code)).toEqual(["EXPORT_BAD_PERIOD"]);
    const r = dues(["export", "audit", "--from", "2026-01", "--to", "2026-06", "-o", "no/such/x.xlsx", "--json"], { cwd: dir });
    expect(r.code).toBe(73);
    expect(JSON.parse(r.stdout).problems[0].code).toBe("EXPORT_CANNOT_WRITE");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") || f === "x.xlsx")).toEqual([]);
  });

  it("writes the same workbook contents when run again (reproducible), replacing the file", () => {
    const first = unzip(path());
    const r = dues(["export", "audit", "--from", "2026-01", "--to", "2026-06", "-o", "audit.xlsx"], { cwd: dir });
    expect(r.code).toBe(0);
    const second = unzip(path());
    for (const s of sheetsOf(second)) expect(second.get(s.path)).toBe(first.get(s.path));
    expect(existsSync(path()) && statSync(path()).size > 0).toBe(true);
  });
});

describe("long sheets", () => {
  it("continue past the row limit (lowered to 10 here) with the header repeated and totals over every part", async () => {
    const ws = openWorkspace({ cwd: dir, env: {} });
    const out = join(dir, "small-limit.xlsx");
    try {
      const r = await exportAudit(ws.ledger, ws.config, { from: "2026-01", to: "2026-06", output: out, lang: "en", createdAt: CREATED, maxRows: 10 });
      const detail = r.sheets.filter((s) => s.name.startsWith("Dues detail"));
      const lines = periods.flatMap((_, m) => linesFor(m));
      // 9 data rows per part below the header, plus the total row at the end.
      expect(detail.length).toBe(Math.ceil((lines.length + 1) / 9));
      expect(detail.every((s) => s.rows <= 10)).toBe(true);
    } finally {
      ws.close();
    }
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(out);
    const parts = w.worksheets.filter((x) => x.name.startsWith("Dues detail"));
    expect(parts.every((p) => p.getCell("A1").value === "Period")).toBe(true);
    const last = parts.at(-1)!;
    const total = last.getRow(last.rowCount).getCell(11).value as { formula: string; result: number };
    expect(total.formula.split(",").length).toBe(parts.length);
    expect(Math.round(total.result * 100)).toBe(periods.flatMap((_, m) => linesFor(m)).reduce((s, l) => s + l.dues, 0));
  });
});

describe("dues report income|balance", () => {
  it("prints 收入支出表 for a month with the year to date, and JSON amounts as strings", () => {
    const r = dues(["report", "income", "--period", "2026-02", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const dues401 = j.lines.find((l: { code: string }) => l.code === "401");
    const feb = linesFor(1).reduce((s, l) => s + l.dues, 0);
    const jan = linesFor(0).reduce((s, l) => s + l.dues, 0);
    expect(dues401.period).toBe((feb / 100).toFixed(2));
    expect(dues401.yearToDate).toBe(((feb + jan) / 100).toFixed(2));
    expect(j.form).toBe("工会02表");
    expect(j.balanced).toBe(true);
    const t = dues(["report", "income", "--period", "2026-02", "--lang", "en"], { cwd: dir });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Dues income");
    expect(t.stdout).toContain("Year to date");
  });

  it("prints 资产负债表 as of a date and says whether it balances", () => {
    const r = dues(["report", "balance", "--as-of", "2026-06-30"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("资产负债表");
    expect(r.stdout).toContain("相符");
    const j = JSON.parse(dues(["report", "balance", "--as-of", "2026-02-28", "--json"], { cwd: dir }).stdout);
    // Bank on 28 February: 1,000.00 received − 500.00 remitted (the 10.00 booked in January came later but is dated 20 January).
    expect(j.lines.find((l: { code: string }) => l.code === "102").end).toBe("490.00");
  });

  it("refuses a missing range or a bad date with usage problems", () => {
    const r = dues(["report", "income", "--json"], { cwd: dir });
    expect(r.code).toBe(64);
    expect(JSON.parse(r.stdout).problems[0].code).toBe("REPORT_RANGE_REQUIRED");
    expect(JSON.parse(dues(["report", "balance", "--as-of", "2026-02-30", "--json"], { cwd: dir }).stdout).problems[0].code).toBe("REPORT_BAD_DATE");
  });
});

// Funds received per month as `dues reconcile --employer` allocates them, late months, and
// lapse risk by `dues arrears`' rule (members' direct payments applied), through the CLI.
describe("audit workbook: employer payments per month and members who paid their arrears", () => {
  const t = tempDir("dues-audit-funds-");
  const AUG10 = { SOURCE_DATE_EPOCH: "1786352400" }; // 2026-08-10T09:00:00Z
  const run = (args: string[], env: Record<string, string> = {}) => dues(args, { cwd: t.dir, env });
  const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
  let w: ExcelJS.Workbook;
  let rec: { rows: { period: string; due: string; paid: string; outstanding: string; status: string; dueDate: string }[] };
  const ok = (args: string[], env: Record<string, string> = {}) => {
    const r = run(args, env);
    expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    ok(["init"]);
    // Dues base 6,000.00 → 30.00 a month. A001 is always deducted; B002 and C003 never.
    for (const p of months) {
      writeFileSync(join(t.dir, `${p}.csv`), ["工号,姓名,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费", "A001,会员甲,是,在职,6000.00,0,8000.00,30.00", "B002,会员乙,是,在职,6000.00,0,8000.00,0.00", "C003,会员丙,是,在职,6000.00,0,8000.00,0.00"].join("\n") + "\n");
      ok(["import", "payroll", `${p}.csv`, "--period", p]);
    }
    // reconcile exits 1 while anything is owed, so read its JSON whatever the exit code.
    const due = (p: string) => JSON.parse(run(["reconcile", "--employer", "--from", p, "--to", p, "--as-of", "2026-08-10", "--json"]).stdout).rows[0].due as string;
    // January paid before its due date (15 February); February paid late, naming the month;
    // 100.00 more without a month goes to the oldest month still owed: March.
    ok(["receive", "--from", "employer", "--amount", due("2026-01"), "--date", "2026-02-10"], AUG10);
    ok(["receive", "--from", "employer", "--amount", due("2026-02"), "--date", "2026-04-02", "--period", "2026-02"], AUG10);
    ok(["receive", "--from", "employer", "--amount", "100.00", "--date", "2026-04-20"], AUG10);
    // C003 pays all seven months back directly; B002 does not.
    ok(["receive", "--from", "member", "--member", "C003", "--amount", "210.00", "--date", "2026-08-03"], AUG10);
    ok(["export", "audit", "--from", "2026-01", "--to", "2026-07", "-o", "funds.xlsx"], AUG10);
    rec = JSON.parse(run(["reconcile", "--employer", "--from", "2026-01", "--to", "2026-07", "--as-of", "2026-08-10", "--json"]).stdout);
    w = new ExcelJS.Workbook();
    await w.xlsx.readFile(join(t.dir, "funds.xlsx"));
  }, 120_000);
  afterAll(() => t.cleanup());

  it("gathers per month what the employer owed, paid (as reconcile allocates it), when it was paid up and whether late", () => {
    const ws = openWorkspace({ cwd: t.dir, env: {} });
    try {
      const input = gatherAudit(ws.ledger, ws.config, { from: "2026-01", to: "2026-07", output: join(t.dir, "x.xlsx"), lang: "zh-CN", createdAt: "2026-08-10T09:00:00.000Z" });
      expect(input.fundsAsOf).toBe("2026-08-10");
      const f = (p: string) => input.funds.find((x) => x.period === p)!;
      // The same figures as `dues reconcile --employer` the same day.
      for (const r of rec.rows) {
        expect([f(r.period).employerDue, f(r.period).received, f(r.period).outstanding, f(r.period).dueDate]).toEqual([Math.round(Number(r.due) * 100), Math.round(Number(r.paid) * 100), Math.round(Number(r.outstanding) * 100), r.dueDate]);
      }
      expect(input.funds.map((x) => [x.period, x.status, x.settledOn, x.late])).toEqual([
        ["2026-01", "paid", "2026-02-10", false],
        ["2026-02", "paid", "2026-04-02", true],
        ["2026-03", "partial", null, true],
        ["2026-04", "unpaid", null, true],
        ["2026-05", "unpaid", null, true],
        ["2026-06", "unpaid", null, true],
        ["2026-07", "not-due", null, false],
      ]);
      expect(f("2026-03").received).toBe(10000);
      const item3 = input.checklist[2]!;
      expect(item3.shows.zh).toContain("逾期 5 个月（2026-02、2026-03、2026-04、2026-05、2026-06）");
      expect(item3.status).toBe("attention");
      // Lapse risk: B002 (seven months, 210.00); C003 paid it all back, so is not.
      expect(input.lapse.map((l) => [l.memberId, l.months, l.since, l.shortfall])).toEqual([["B002", 7, "2026-01", 21000]]);
    } finally {
      ws.close();
    }
  });

  it("writes them to 拨缴经费 with outstanding and totals as formulas carrying their values", () => {
    const ws = w.getWorksheet("拨缴经费")!;
    const data = rows(ws);
    expect(data[0]!.slice(7, 14)).toEqual(["单位本月应付", "已收", "未收", "状态", "应付日期", "结清日期", "逾期"]);
    const body = data.slice(1, 1 + months.length);
    expect(body.map((r) => r[0])).toEqual(months);
    body.forEach((r, i) => {
      const x = rec.rows.find((y) => y.period === months[i])!;
      expect(r[7]).toBe(Number(x.due));
      expect(r[8] ?? 0).toBe(Number(x.paid));
      expect((r[9] as { formula: string }).formula).toBe(`H${i + 2}-I${i + 2}`);
    });
    expect(body.map((r) => [r[10], r[13]])).toEqual([["已清", "否"], ["已清", "是"], ["部分", "是"], ["未付", "是"], ["未付", "是"], ["未付", "是"], ["未到期", "否"]]);
    expect((body[0]![11] as Date).toISOString().slice(0, 10)).toBe("2026-02-15");
    expect((body[1]![12] as Date).toISOString().slice(0, 10)).toBe("2026-04-02");
    expect(body[2]![12] ?? null).toBeNull();
    const total = data[1 + months.length]!;
    expect(total[0]).toBe("合计");
    expect((total[7] as { formula: string }).formula).toBe(`SUM(H2:H${months.length + 1})`);
    const sum = (k: "due" | "paid" | "outstanding") => rec.rows.reduce((s, r) => s + Math.round(Number(r[k]) * 100), 0);
    expect(Math.round((result(total[7]) as number) * 100)).toBe(sum("due"));
    expect(Math.round((result(total[8]) as number) * 100)).toBe(sum("paid"));
    expect(Math.round((result(total[9]) as number) * 100)).toBe(sum("outstanding"));
    // The same cached value read by the independent reader.
    const files = unzip(join(t.dir, "funds.xlsx"));
    const s = sheetsOf(files).find((x) => x.name === "拨缴经费")!;
    const cells = sheetCells(files.get(s.path)!);
    expect(cells.get(`J${months.length + 2}`)!.formula).toBe(`SUM(J2:J${months.length + 1})`);
    expect(Math.round(Number(cells.get(`J${months.length + 2}`)!.value) * 100)).toBe(sum("outstanding"));
    const checklist = rows(w.getWorksheet("审查清单")!).find((r) => typeof r[1] === "string" && (r[1] as string).startsWith("经费"))!;
    expect(checklist.join(" ")).toContain("逾期 5 个月");
  });

  it("lists at lapse risk exactly the members dues arrears does: not a member who paid their arrears", () => {
    const lapse = rows(w.getWorksheet("免缴与失会风险")!).slice(1).filter((r) => r[0] === "失会风险");
    expect(lapse.map((r) => [r[1], r[8], r[9]])).toEqual([["B002", 7, 210]]);
    const arrears = JSON.parse(run(["arrears", "--json"], AUG10).stdout);
    expect(arrears.members.filter((m: { lapseRisk: boolean }) => m.lapseRisk).map((m: { member: string }) => m.member)).toEqual(["B002"]);
    expect(arrears.members.some((m: { member: string }) => m.member === "C003")).toBe(false);
  });
});
