// `dues import opening`, `dues close YYYY`, `dues reopen YYYY` and project tags through the
// real bin/dues: every refusal by its code and exit status, every bad row of an opening
// file at once with line and column and nothing written, void and re-import of an opening,
// and a July–June financial year.
import ExcelJS from "exceljs";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeMonth } from "../../src/app/close.js";
import { periodRange } from "../../src/domain/period.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";

// 2027-03-01: every month of 2026 has ended.
const env = { SOURCE_DATE_EPOCH: "1803859200" };
const PROJECTS = "\nprojects:\n  - { id: hardship, name: 困难职工帮扶专项, earmarked: true }\n";

function union(): { dir: string; run: (args: string[]) => ReturnType<typeof dues>; cleanup: () => void } {
  const t = tempDir("dues-year-cli-");
  const run = (args: string[]) => dues(["--lang", "en", ...args], { cwd: t.dir, env });
  expect(run(["init"]).code).toBe(0);
  appendFileSync(join(t.dir, "dues.yaml"), PROJECTS);
  return { dir: t.dir, run, cleanup: t.cleanup };
}

const GOOD = [
  "科目编码,上级工会,工号,所属期间,借方,贷方,摘要",
  "102,,,,50000.00,,银行存款",
  "13501,,,2024-12,3000.00,,单位欠拨12月",
  "211,city,,2024-12,,800.00,欠市总12月",
  "13502,,E0042,2024-12,35.00,,欠缴会费",
  "322,,,,,52235.00,结余",
].join("\n") + "\n";

const problemsOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { problems: { code: string; line: number | null; column: number | null; severity: string }[] }).problems;
const where = (ps: ReturnType<typeof problemsOf>) => ps.map((p) => `${p.code}@${p.line}:${p.column}`);

/** Closes months from..to in the union's ledger (what `dues close YYYY-MM` does, without a process per month). */
function closeMonths(dir: string, from: string, to: string): void {
  const ledger = Ledger.open(join(dir, "dues.db"));
  try {
    for (const p of periodRange(from, to)) closeMonth(ledger, p, { createdAt: "2027-03-01T00:00:00.000Z", today: "2027-03-01" });
  } finally {
    ledger.close();
  }
}

describe("dues import opening", () => {
  const u = union();
  afterAll(u.cleanup);

  it("reports every bad row at once with line and column, exits 65, and writes nothing", () => {
    writeFiles(u.dir, {
      "bad.csv": [
        "科目编码,上级工会,工号,所属期间,借方,贷方,摘要,项目",
        "999,,,,10.00,,no such account,",           // 2
        "211,town,,2024-12,,10.00,unknown body,",     // 3
        "13501,,,,10.00,,no period,",                 // 4
        "102,,,2024-12,10.00,,period on the bank,",   // 5
        "211,city,,2025-01,,10.00,not before,",       // 6
        "13502,,,2024-12,10.00,,no member,",          // 7
        "102,,E0001,,10.00,,member on the bank,",     // 8
        "13502,,E0001,2024-12,,10.00,a credit,",      // 9
        "102,,,,10.00,,,hardship",                    // 10
        "321,,,,,10.00,,nosuch",                      // 11
        "102,,,,10.00,10.00,both sides,",             // 12
        "102,,,,-10.00,,negative,",                   // 13
        "102,,,,ten,,unreadable,",                    // 14
        ",,,,10.00,,no account,",                     // 15
        "401,,,,,10.00,income,",                      // 16
        "102,,,,,,no amount,",                        // 17
        "13501,,,24-13,10.00,,bad period,",           // 18
        "211,,,2024-12,,10.00,no body,",              // 19
      ].join("\n") + "\n",
    });
    const r = u.run(["--json", "import", "opening", "bad.csv", "--as-of", "2025-01-01"]);
    expect(r.code, r.stderr).toBe(65);
    expect(where(problemsOf(r))).toEqual(expect.arrayContaining([
      "LEDGER_UNKNOWN_ACCOUNT@2:1", "LEDGER_UNKNOWN_BODY@3:5", "OPENING_PERIOD_REQUIRED@4:9", "OPENING_PERIOD_NOT_ALLOWED@5:7",
      "OPENING_PERIOD_NOT_BEFORE@6:11", "OPENING_MEMBER_REQUIRED@7:8", "OPENING_MEMBER_NOT_ALLOWED@8:6", "OPENING_WRONG_SIDE@9:23",
      "OPENING_PROJECT_NOT_ALLOWED@10:16", "OPENING_UNKNOWN_PROJECT@11:16", "OPENING_BOTH_SIDES@12:14", "OPENING_AMOUNT_NEGATIVE@13:8",
      "OPENING_AMOUNT_UNREADABLE@14:8", "OPENING_ACCOUNT_MISSING@15:1", "OPENING_NOT_BALANCE_ACCOUNT@16:1", "OPENING_AMOUNT_MISSING@17:8",
      "OPENING_PERIOD_UNREADABLE@18:9", "LEDGER_BODY_REQUIRED@19:1",
    ]));
    // Not balanced either, but the rows come first: the balance is judged once they are right.
    expect(problemsOf(r).some((p) => p.code === "OPENING_UNBALANCED")).toBe(false);
    expect(JSON.parse(u.run(["--json", "verify"]).stdout).entries).toBe(0);
  });

  it("refuses an unbalanced file (65), a header without rows, and an --as-of that is not the first of a month (64)", () => {
    writeFiles(u.dir, { "unbalanced.csv": GOOD.replace("52235.00", "52200.00"), "empty.csv": "科目编码,借方,贷方\n" });
    const r = u.run(["import", "opening", "unbalanced.csv", "--as-of", "2025-01-01"]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("OPENING_UNBALANCED");
    expect(r.stderr).toContain("difference 35.00");
    expect(u.run(["import", "opening", "empty.csv", "--as-of", "2025-01-01"]).stderr).toContain("OPENING_NO_LINES");
    const d = u.run(["import", "opening", "unbalanced.csv", "--as-of", "2025-01-15"]);
    expect(d.code).toBe(64);
    expect(d.stderr).toContain("OPENING_AS_OF_INVALID");
  });

  it("books a good file once, as the first entry: a dry run writes nothing; a second is refused (73); after `dues void` a corrected one comes in", () => {
    writeFiles(u.dir, { "opening.csv": GOOD });
    const dry = u.run(["--json", "import", "opening", "opening.csv", "--as-of", "2025-01-01", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ batch: null, dryRun: true, lines: 5, debit: "53035.00", credit: "53035.00", newMembers: ["E0042"] });
    expect(JSON.parse(u.run(["--json", "verify"]).stdout).entries).toBe(0);
    const r = u.run(["import", "opening", "opening.csv", "--as-of", "2025-01-01"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("OPENING_NEW_MEMBER");
    expect(r.stdout).toContain("Booked 5 opening balances as of 2025-01-01");
    const again = u.run(["import", "opening", "opening.csv", "--as-of", "2025-01-01"]);
    expect(again.code).toBe(73);
    expect(again.stderr).toContain("OPENING_ALREADY_IMPORTED");
    expect(u.run(["void", "1", "--reason", "city was owed 900.00"]).code).toBe(0);
    writeFiles(u.dir, { "opening2.csv": GOOD.replace(",800.00,", ",900.00,").replace("52235.00", "52135.00") });
    const fixed = u.run(["--json", "import", "opening", "opening2.csv", "--as-of", "2025-01-01"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const rec = JSON.parse(u.run(["--json", "reconcile", "--as-of", "2025-02-01"]).stdout);
    expect(rec.rows).toEqual([expect.objectContaining({ body: "city", period: "2024-12", due: "900.00", status: "unpaid" })]);
    expect(JSON.parse(u.run(["--json", "verify"]).stdout).ok).toBe(true);
  });

  it("carries what is owed: remit --period settles December, the employer's December is due, the member pays what they owe", () => {
    expect(u.run(["remit", "--to", "city", "--amount", "900.00", "--date", "2025-01-14", "--period", "2024-12"]).code).toBe(0);
    expect(JSON.parse(u.run(["--json", "reconcile", "--as-of", "2025-02-01"]).stdout).rows[0]).toMatchObject({ period: "2024-12", status: "paid" });
    const emp = JSON.parse(u.run(["--json", "reconcile", "--employer", "--as-of", "2025-02-01"]).stdout);
    expect(emp.rows).toEqual([expect.objectContaining({ body: "employer", period: "2024-12", due: "3000.00", outstanding: "3000.00" })]);
    const pay = u.run(["--json", "receive", "--from", "member", "--member", "E0042", "--amount", "40.00", "--date", "2025-01-20"]);
    expect(pay.code, pay.stderr).toBe(0);
    expect(JSON.parse(pay.stdout).credit).toBe("5.00");
    // The balance sheet of January starts from the opening (年初数) and the report names it 2025.
    const bs = JSON.parse(u.run(["--json", "report", "balance", "--as-of", "2025-01-31"]).stdout);
    expect(bs.lines.find((l: { code: string }) => l.code === "322")).toMatchObject({ yearStart: "52135.00", end: "52135.00" });
    expect(bs.lines.some((l: { name: string }) => /not yet carried/.test(l.name))).toBe(false);
  });

  it("reads an .xlsx opening: numbers as numbers, a month Excel turned into the date 2024-12-01", async () => {
    const v = union();
    try {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("期初余额");
      ws.addRow(["某工会 2024 年末科目余额"]);
      ws.addRow(["科目编码", "上级工会", "工号", "所属期间", "借方", "贷方", "摘要"]);
      ws.addRow([102, null, null, null, 50000, null, "银行存款"]);
      ws.addRow([211, "city", null, new Date(Date.UTC(2024, 11, 1)), null, 800.5, "欠市总"]);
      ws.addRow([322, null, null, null, null, 49199.5, "结余"]);
      await wb.xlsx.writeFile(join(v.dir, "opening.xlsx"));
      const r = v.run(["--json", "import", "opening", "opening.xlsx", "--as-of", "2025-01-01"]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 3, debit: "50000.00", owed: { bodies: [{ account: "211", body: "city", period: "2024-12", amount: "800.50", side: "credit" }] } });
    } finally {
      v.cleanup();
    }
  });

  it("refuses a payroll for a month the opening already covers (73), and takes the month after", () => {
    const v = union();
    try {
      writeFiles(v.dir, { "opening.csv": GOOD, "p.csv": "工号,姓名,是否会员,基本工资,岗位工资,应发工资\nE0042,甲,是,5000.00,1000.00,8000.00\n" });
      expect(v.run(["import", "opening", "opening.csv", "--as-of", "2025-01-01"]).code).toBe(0);
      const head = Ledger.open(join(v.dir, "dues.db"));
      const before = head.head();
      head.close();
      const r = v.run(["import", "payroll", "p.csv", "--period", "2024-12"]);
      expect(r.code, r.stderr).toBe(73);
      expect(r.stderr).toContain("IMPORT_BEFORE_OPENING");
      expect(r.stderr).toContain("2025-01");
      const after = Ledger.open(join(v.dir, "dues.db"));
      expect(after.head()).toEqual(before);
      after.close();
      expect(v.run(["import", "payroll", "p.csv", "--period", "2025-01"]).code).toBe(0);
    } finally {
      v.cleanup();
    }
  });

  it("refuses an opening after other entries (73)", () => {
    const v = union();
    try {
      expect(v.run(["record", "--date", "2025-01-05", "--memo", "x", "50102=10", "102=-10"]).code).toBe(0);
      writeFiles(v.dir, { "opening.csv": GOOD });
      const r = v.run(["import", "opening", "opening.csv", "--as-of", "2025-01-01"]);
      expect(r.code).toBe(73);
      expect(r.stderr).toContain("OPENING_NOT_FIRST");
      expect(r.stderr).toContain("1 record 2025-01");
    } finally {
      v.cleanup();
    }
  });
});

describe("dues close YYYY / dues reopen YYYY", () => {
  const u = union();
  afterAll(u.cleanup);

  it("refuses a year with open months (73, listing them), closes it once they are closed, refuses a second close (65)", () => {
    expect(u.run(["record", "--date", "2026-03-02", "--memo", "专项补助", "--project", "hardship", "102=5000", "403=-5000"]).code).toBe(0);
    expect(u.run(["record", "--date", "2026-04-02", "--memo", "帮扶", "50404#hardship=3000", "102=-3000"]).code).toBe(0);
    expect(u.run(["record", "--date", "2026-04-03", "--memo", "会费", "102=800", "401=-800"]).code).toBe(0);
    closeMonths(u.dir, "2026-01", "2026-10");
    const open = u.run(["close", "2026"]);
    expect(open.code).toBe(73);
    expect(open.stderr).toContain("YEAR_MONTHS_OPEN");
    expect(open.stderr).toContain("2026-11, 2026-12");
    closeMonths(u.dir, "2026-11", "2026-12");
    const r = u.run(["--json", "close", "2026"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2026, action: "year-close", date: "2026-12-31", surplus: "800.00", earmarked: [{ project: "hardship", amount: "2000.00" }] });
    const twice = u.run(["close", "2026"]);
    expect(twice.code).toBe(65);
    expect(twice.stderr).toContain("YEAR_ALREADY_CLOSED");
    const month = u.run(["reopen", "2026-06", "--reason", "late invoice"]);
    expect(month.code).toBe(65);
    expect(month.stderr).toContain("YEAR_CLOSED");
  });

  it("the year's income statement still shows the year; the journal shows the carry-forward with its projects", () => {
    const inc = JSON.parse(u.run(["--json", "report", "income", "--year", "2026"]).stdout);
    expect(inc.lines.find((l: { code: string }) => l.code === "403").year).toBe("5000.00");
    expect(inc.lines.find((l: { role: string }) => l.role === "result").year).toBe("2800.00");
    const j = JSON.parse(u.run(["--json", "report", "journal", "--period", "2026-12"]).stdout);
    const close = j.entries.find((e: { kind: string }) => e.kind === "year-close");
    expect(close.postings).toEqual(expect.arrayContaining([
      expect.objectContaining({ account: "321", project: "hardship", amount: "-2000.00" }),
      expect.objectContaining({ account: "322", amount: "-800.00" }),
    ]));
  });

  it("reopen: a reason is required (64); only a carried-forward year (65); the latest first (65); then it is reversed and recorded", () => {
    expect(u.run(["reopen", "2025", "--reason", "x"]).stderr).toContain("YEAR_NOT_CLOSED");
    const noReason = u.run(["reopen", "2026", "--reason", " "]);
    expect(noReason.code).toBe(64);
    expect(noReason.stderr).toContain("REOPEN_NO_REASON");
    // 2025 has no entries; carrying it forward after 2026 is allowed (nothing to carry), and reopening it then waits for 2026.
    closeMonths(u.dir, "2025-01", "2025-12");
    expect(u.run(["close", "2025"]).code).toBe(0);
    const later = u.run(["reopen", "2025", "--reason", "x"]);
    expect(later.code).toBe(65);
    expect(later.stderr).toContain("YEAR_LATER_CLOSED");
    const r = u.run(["--json", "reopen", "2026", "--reason", "经审会要求更正"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: "year-reopen", reason: "经审会要求更正" });
    const bs = JSON.parse(u.run(["--json", "report", "balance", "--as-of", "2026-12-31"]).stdout);
    expect(bs.lines.find((l: { name: string }) => /not yet carried/.test(l.name)).end).toBe("2800.00");
    expect(JSON.parse(u.run(["--json", "verify"]).stdout).ok).toBe(true);
  });

  it("refuses a year while an earlier one has income and spending not carried forward (73); warns of a project dues.yaml no longer lists", () => {
    const v = union();
    try {
      expect(v.run(["record", "--date", "2025-05-02", "--memo", "会费", "102=100", "401=-100"]).code).toBe(0);
      expect(v.run(["record", "--date", "2026-05-02", "--memo", "帮扶", "--project", "hardship", "50404=60", "102=-60"]).code).toBe(0);
      closeMonths(v.dir, "2026-01", "2026-12");
      const r = v.run(["close", "2026"]);
      expect(r.code).toBe(73);
      expect(r.stderr).toContain("YEAR_EARLIER_NOT_CLOSED");
      expect(r.stderr).toContain("dues close 2025");
      closeMonths(v.dir, "2025-01", "2025-12");
      expect(v.run(["close", "2025"]).code).toBe(0);
      writeFileSync(join(v.dir, "dues.yaml"), readFileSync(join(v.dir, "dues.yaml"), "utf8").replace(PROJECTS, "\n"));
      const w = v.run(["close", "2026"]);
      expect(w.code, w.stderr).toBe(0);
      expect(w.stderr).toContain("YEAR_UNKNOWN_PROJECT");
    } finally {
      v.cleanup();
    }
  });
});

describe("project tags and the financial year", () => {
  const u = union();
  afterAll(u.cleanup);

  it("refuses an unknown project and a project on an account that is not income, spending or 321", () => {
    const a = u.run(["record", "--date", "2026-05-02", "--memo", "x", "--project", "nosuch", "50404=60", "102=-60"]);
    expect(a.code).toBe(65);
    expect(a.stderr).toContain("RECORD_UNKNOWN_PROJECT");
    const b = u.run(["record", "--date", "2026-05-02", "--memo", "x", "50404=60", "102#hardship=-60"]);
    expect(b.stderr).toContain("RECORD_PROJECT_NOT_ALLOWED");
    writeFiles(u.dir, { "exp.csv": "日期,科目编码,金额,摘要,项目\n2026-05-03,50404,60.00,帮扶,nosuch\n" });
    const c = u.run(["import", "expenses", "exp.csv"]);
    expect(c.code).toBe(65);
    expect(c.stderr).toContain("EXPENSES_UNKNOWN_PROJECT");
    writeFiles(u.dir, { "exp2.csv": "日期,科目编码,金额,摘要,项目\n2026-05-03,50404,60.00,帮扶,hardship\n" });
    expect(u.run(["import", "expenses", "exp2.csv"]).code).toBe(0);
    const j = JSON.parse(u.run(["--json", "report", "journal", "--period", "2026-05"]).stdout);
    expect(j.entries[0].postings[0]).toMatchObject({ account: "50404", project: "hardship" });
  });

  it("dues.yaml: financial_year_start must be a month 1–12; a project id is listed once", () => {
    const yaml = readFileSync(join(u.dir, "dues.yaml"), "utf8");
    writeFileSync(join(u.dir, "bad.yaml"), yaml.replace("projects:\n", "financial_year_start: 13\nprojects:\n  - { id: hardship, name: again }\n"));
    const r = u.run(["--config", "bad.yaml", "config", "check"]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("CONFIG_FINANCIAL_YEAR_START");
    expect(r.stderr).toContain("CONFIG_DUPLICATE_PROJECT");
  });

  it("a July–June year: --year 2027 is 2026-07 … 2027-06 in reports, budgets and the close", () => {
    const v = union();
    try {
      appendFileSync(join(v.dir, "dues.yaml"), "financial_year_start: 7\n");
      expect(v.run(["record", "--date", "2026-06-30", "--memo", "会费 FY2026", "102=100", "401=-100"]).code).toBe(0);
      expect(v.run(["record", "--date", "2026-07-01", "--memo", "会费 FY2027", "102=200", "401=-200"]).code).toBe(0);
      const inc = JSON.parse(v.run(["--json", "report", "income", "--year", "2027"]).stdout);
      expect([inc.from, inc.to]).toEqual(["2026-07", "2027-06"]);
      expect(inc.lines.find((l: { code: string }) => l.code === "401").year).toBe("200.00");
      const ytd = JSON.parse(v.run(["--json", "report", "income", "--period", "2026-08"]).stdout);
      expect(ytd.yearFrom).toBe("2026-07");
      const bs = JSON.parse(v.run(["--json", "report", "balance", "--as-of", "2026-07-31"]).stdout);
      expect(bs.yearStart).toBe("2026-07-01");
      expect(bs.lines.find((l: { code: string }) => l.code === "102")).toMatchObject({ yearStart: "100.00", end: "300.00" });
      const budget = JSON.parse(v.run(["--json", "budget", "show", "--year", "2027", "--as-of", "2026-12-31"]).stdout);
      expect(budget.rows.find((r: { account: string }) => r.account === "401").actual).toBe("200.00");
      const close = v.run(["close", "2027"]);
      expect(close.code).toBe(73);
      expect(close.stderr).toMatch(/2027 \(2026-07 – 2027-06\) cannot be carried forward while months are open: 2026-07, 2026-08/);
    } finally {
      v.cleanup();
    }
  });
});
