// `dues demo`: a union's life in dues, built in a fresh folder through the same use cases
// a treasurer runs: a 300-employee enterprise union takes over its books on 2025-01-01
// from an opening file (December still owed by the employer and to the city, two members
// in arrears), runs 2025 (twelve GB18030 payroll imports, receipts, remittances, spending,
// an earmarked subsidy, budgets, closes), carries the year forward (dues close 2025),
// writes both workbooks, and opens 2026 with January and February. The folder is an
// ordinary union folder afterwards: every command works inside it.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMinor, type Minor } from "../domain/money.js";
import { makePeriod, nextPeriod, type Period } from "../domain/period.js";
import { Refusal, problem } from "../domain/problem.js";
import { text, type Lang, type Text } from "../domain/text.js";
import { DEMO_OWED, DEMO_PROJECT, DEMO_TAKEOVER, DEMO_YEAR, demoArrearsMembers, demoBudgetCsv, demoConfigYaml, demoExpensesCsv, demoOpeningCsv } from "../sample/demo-year.js";
import { writePayroll } from "../sample/payroll.js";
import { approveBudget } from "./budget-approve.js";
import { importBudget } from "./budget-import.js";
import { closeMonth } from "./close.js";
import { closeYear } from "./year-close.js";
import { exportAudit } from "./export-audit.js";
import { exportBudget } from "./export-budget.js";
import { exportFinal } from "./export-final.js";
import { exportReturn } from "./export-return.js";
import { importExpenses } from "./import-expenses.js";
import { importOpening } from "./import-opening.js";
import { importPayroll, type ImportPayrollResult } from "./import-payroll.js";
import { initWorkspace } from "./init.js";
import { bookPayment } from "./receive.js";
import { reconcileBooks } from "./reconcile.js";
import { recordEntry } from "./record.js";
import { bookRemittance } from "./remit.js";
import { openWorkspace, type Workspace } from "./workspace.js";

export interface DemoOptions {
  /** The folder to build the demo in; must not exist or be empty. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** ISO timestamp for the records (ctx.now()). */
  now: string;
  lang: Lang;
  /** Called before each step, for a progress line. */
  onStep?: (what: Text) => void;
  /** A postgres:// URL of an empty database: the demo's ledger on a server (docs/postgres.md). */
  serverUrl?: string;
}

export interface DemoResult {
  dir: string;
  year: number;
  employees: number;
  payrolls: string[];
  imports: number;
  receipts: number;
  remittances: number;
  expenses: number;
  closed: Period[];
  /** The opening file and what it carried. */
  opening: { file: string; entry: number; lines: number };
  /** The year-end carry-forward of the demo year. */
  yearClose: { entry: number; hash: string; surplus: Minor; earmarked: Minor };
  /** The next year's months imported after the close. */
  nextYear: Period[];
  audit: string;
  budget: string;
  /** The final-accounts workbook (决算) of the year and the annual return for the higher union. */
  final: string;
  return: string;
  dues: Minor;
  funds: Minor;
  outstanding: Minor;
  digits: number;
}

const EMPLOYEES = 300;
const SEED = 2025;
const BODIES_MONTHLY = ["county", "city", "province"] as const;

/** The first free folder name: dues-demo, dues-demo-2, dues-demo-3 ... */
export function freshDemoDir(parent: string): string {
  for (let i = 1; ; i++) {
    const dir = join(parent, i === 1 ? "dues-demo" : `dues-demo-${i}`);
    if (!existsSync(dir) || readdirSync(dir).length === 0) return dir;
  }
}

function day(p: Period, d: number): string {
  return `${p}-${String(d).padStart(2, "0")}`;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  if (existsSync(o.dir) && readdirSync(o.dir).length > 0) {
    throw new Refusal("cannot-write", [problem("DEMO_FOLDER_NOT_EMPTY", text(`${o.dir} is not empty`, `${o.dir} 不是空文件夹`), {
      hint: text("name a new folder: dues demo DIR (or run it without DIR to get dues-demo, dues-demo-2, ...)", "请指定一个新文件夹：dues demo 目录（不带目录时自动使用 dues-demo、dues-demo-2……）"),
    })]);
  }
  const step = o.onStep ?? (() => {});
  mkdirSync(join(o.dir, "payroll"), { recursive: true });
  mkdirSync(join(o.dir, "inputs"), { recursive: true });
  writeFileSync(join(o.dir, "dues.yaml"), demoConfigYaml());
  // Paths are resolved inside the demo folder whatever the caller's --db/DUES_DB say;
  // only a server named with --db is used as it is.
  const env = { ...o.env, DUES_DB: "" };
  const paths = { cwd: o.dir, env, config: undefined, db: o.serverUrl };
  step(text("creating the ledger", "创建账本"));
  initWorkspace({ ...paths, now: o.now });
  const ws = openWorkspace(paths);
  try {
    return await buildYear(ws, o, step);
  } finally {
    ws.close();
  }
}

async function buildYear(ws: Workspace, o: DemoOptions, step: (t: Text) => void): Promise<DemoResult> {
  const digits = ws.config.union.currency.digits;
  const money = (m: Minor) => formatMinor(m, digits);
  const today = o.now.slice(0, 10);
  const stamp = { createdAt: o.now, today };
  const year = DEMO_YEAR;
  const periods = Array.from({ length: 12 }, (_, i) => makePeriod(year, i + 1));

  // The takeover: the old books' balances at 2024-12-31 as the first entry.
  const openingName = `期初余额-${DEMO_TAKEOVER}.csv`;
  writeFileSync(join(o.dir, "inputs", openingName), demoOpeningCsv(SEED, EMPLOYEES));
  step(text("importing the opening balances (taking over the books)", "导入期初余额（接账）"));
  const opened = await importOpening(ws, { path: join(o.dir, "inputs", openingName), fileLabel: `inputs/${openingName}`, asOf: DEMO_TAKEOVER, now: o.now });
  const [memberA, memberB] = demoArrearsMembers(SEED, EMPLOYEES);

  // Budget first, as a union adopts it before the year's spending.
  const adopted = join(o.dir, "inputs", `budget-${year}-adopted.csv`);
  writeFileSync(adopted, demoBudgetCsv("adopted"));
  step(text("importing and approving the adopted budget", "导入并批准年初预算"));
  await importBudget(ws, { path: adopted, fileLabel: "inputs/" + `budget-${year}-adopted.csv`, year: String(year), kind: "adopted", now: o.now });
  approveBudget(ws, { year: String(year), by: "第三届第五次工会委员会", date: `${year}-01-10`, review: "经费审查委员会第二次会议", reviewDate: `${year}-01-08`, now: o.now });

  // Twelve monthly payrolls, GB18030 with a title row and a 合计 row, as Excel saves them.
  const imports: ImportPayrollResult[] = [];
  const payrolls: string[] = [];
  // Member B, on long sick leave, has no dues deducted until March: their run of short
  // months, begun in the old books in October, becomes a lapse risk in March.
  const importMonth = async (period: Period, month: number, notDeducted: readonly string[] = []) => {
    const name = `工资表-${period}.csv`;
    const path = join(o.dir, "payroll", name);
    await writePayroll(path, { seed: SEED, employees: EMPLOYEES, month, period, encoding: "gb18030", titleRow: true, totalRow: true, mismatchPermille: 8, notDeducted });
    step(text(`importing payroll ${period}`, `导入 ${period} 工资表`));
    payrolls.push("payroll/" + name);
    return importPayroll(ws.config, ws.ledger, { path, period, now: o.now });
  };
  for (const [i, period] of periods.entries()) imports.push(await importMonth(period, i, period <= `${year}-03` ? [memberB!.id] : []));

  // Money in: the employer transfers the check-off dues and the 2% funds on the 10th of
  // the next month; April's and May's funds came late, together, on 20 July.
  let receipts = 0;
  // What the old books left owing: December's transfer from the employer, December's share to the city.
  step(text("settling what the old books left owing", "结清旧账遗留的应收应付"));
  bookPayment(ws, { direction: "receive", party: "employer", amount: money(DEMO_OWED.employer), date: `${year}-01-10`, ref: `银行回单 ${year}0110-12月`, period: `${year - 1}-12` }, stamp);
  receipts++;
  // Member A pays their two months in cash; member B pays everything when back at work.
  bookPayment(ws, { direction: "receive", party: "member", member: memberA!.id, amount: money(memberA!.dues * memberA!.months.length), date: `${year}-01-16`, ref: "现金收据 0001" }, stamp);
  const sickLeave = [...ws.ledger.memberLines({ member: memberB!.id, from: `${year}-01`, to: `${year}-03` })].reduce((t, l) => t + l.dues - (l.deducted ?? l.dues), 0);
  bookPayment(ws, { direction: "receive", party: "member", member: memberB!.id, amount: money(memberB!.dues * memberB!.months.length + sickLeave), date: `${year}-04-20`, ref: "现金收据 0002" }, stamp);
  receipts += 2;
  // The city union's earmarked subsidy for employees in hardship (专项): what is not spent by
  // the year end is carried forward to 321.
  recordEntry(ws.ledger, { date: DEMO_PROJECT.date, memo: `收到${DEMO_PROJECT.name}补助`, ref: "市总工发〔2025〕12号", postings: [`102=${DEMO_PROJECT.subsidy}`, `403=-${DEMO_PROJECT.subsidy}`], project: DEMO_PROJECT.id },
    { createdAt: o.now, bodies: ws.config.bodies.map((b) => b.id), projects: ws.config.projects.map((p) => p.id) });
  const lateFunds: Minor[] = [];
  for (const [i, period] of periods.entries()) {
    const r = imports[i]!;
    const pay = nextPeriod(period);
    const dues = r.totals.deducted ?? r.totals.dues;
    const late = i === 3 || i === 4;
    const amount = late ? dues : dues + r.totals.funds;
    if (late) lateFunds.push(r.totals.funds);
    step(text(`recording the employer's transfer for ${period}`, `登记单位 ${period} 拨款`));
    bookPayment(ws, { direction: "receive", party: "employer", amount: money(amount), date: day(pay, 10), ref: `银行回单 ${pay.replace("-", "")}10-${i + 1}`, period }, stamp);
    receipts++;
  }
  bookPayment(ws, { direction: "receive", party: "employer", amount: money(lateFunds[0]! + lateFunds[1]!), date: `${year}-07-20`, ref: `银行回单 ${year}0720 补缴4-5月经费` }, stamp);
  receipts++;

  // Money out: county, city and province are paid monthly on the 14th of the next month
  // (August's to the city only in part); the ACFTU share is sent quarterly in one sum.
  let remittances = 0;
  bookRemittance(ws, { to: "city", amount: money(DEMO_OWED.city), date: `${year}-01-14`, ref: `上解-${year - 1}-12-city`, period: `${year - 1}-12` }, stamp);
  remittances++;
  for (const [i, period] of periods.entries()) {
    const shares = imports[i]!.shares.filter((s) => s.stream === "funds");
    const pay = nextPeriod(period);
    for (const body of BODIES_MONTHLY) {
      const due = shares.find((s) => s.to === body)?.amount ?? 0;
      if (due === 0) continue;
      const amount = body === "city" && i === 7 ? Math.floor((due * 8) / 10 / 100) * 100 : due;
      step(text(`remitting ${period} to ${body}`, `上解 ${period} 经费`));
      bookRemittance(ws, { to: body, amount: money(amount), date: day(pay, 14), ref: `上解-${period}-${body}`, period }, stamp);
      remittances++;
    }
    if (i % 3 === 2 && i < 9) {
      const quarter = imports.slice(i - 2, i + 1).reduce((t, r) => t + (r.shares.find((s) => s.stream === "funds" && s.to === "acftu")?.amount ?? 0), 0);
      bookRemittance(ws, { to: "acftu", amount: money(quarter), date: day(pay, 14), ref: `上解全总 Q${(i + 1) / 3}` }, stamp);
      remittances++;
    }
  }

  // Spending, and the mid-year adjustment of the budget.
  const expenses = join(o.dir, "inputs", `expenses-${year}.csv`);
  writeFileSync(expenses, demoExpensesCsv(year));
  step(text("importing the year's spending vouchers", "导入全年支出凭证"));
  const spent = await importExpenses(ws, { path: expenses, fileLabel: `inputs/expenses-${year}.csv`, now: o.now });
  const adjusted = join(o.dir, "inputs", `budget-${year}-adjusted.csv`);
  writeFileSync(adjusted, demoBudgetCsv("adjusted"));
  step(text("importing and approving the mid-year budget adjustment", "导入并批准年中预算调整"));
  await importBudget(ws, { path: adjusted, fileLabel: `inputs/budget-${year}-adjusted.csv`, year: String(year), kind: "adjusted", now: o.now });
  approveBudget(ws, { year: String(year), by: "第三届第八次工会委员会", date: `${year}-07-15`, review: "经费审查委员会第四次会议", reviewDate: `${year}-07-12`, now: o.now });

  // Close the year's months, oldest first: each seal records the chain head.
  const closed: Period[] = [];
  for (const period of periods) {
    step(text(`closing ${period}`, `结账 ${period}`));
    closeMonth(ws.ledger, period, stamp);
    closed.push(period);
  }

  // The year-end carry-forward: income and spending to 322, the subsidy's unspent part to 321.
  step(text(`carrying ${year} forward`, `${year} 年度收支结转`));
  const carried = closeYear(ws, String(year), stamp);

  const audit = join(o.dir, `audit-${year}.xlsx`);
  step(text("writing the audit workbook", "生成经审工作簿"));
  await exportAudit(ws.ledger, ws.config, { from: periods[0]!, to: periods[11]!, output: audit, lang: o.lang, createdAt: o.now });
  const budget = join(o.dir, `budget-${year}.xlsx`);
  step(text("writing the budget workbook", "生成预算工作簿"));
  await exportBudget(ws, { year: String(year), output: budget, lang: o.lang, createdAt: o.now, today });
  const final = join(o.dir, `final-${year}.xlsx`);
  step(text("writing the final accounts (决算)", "生成年度决算工作簿"));
  await exportFinal(ws, { year: String(year), output: final, lang: o.lang, createdAt: o.now, today });
  const annual = join(o.dir, `return-${year}.json`);
  step(text("writing the annual return for the higher union", "生成报送上级工会的年度报告"));
  exportReturn(ws, { year: String(year), output: annual, lang: o.lang, now: o.now });

  // The next year begins: January and February imported, paid and remitted (the ACFTU
  // quarterly, at the end of March).
  const nextYear = [makePeriod(year + 1, 1), makePeriod(year + 1, 2)];
  for (const [i, period] of nextYear.entries()) {
    const r = await importMonth(period, 12 + i);
    const pay = nextPeriod(period);
    bookPayment(ws, { direction: "receive", party: "employer", amount: money((r.totals.deducted ?? r.totals.dues) + r.totals.funds), date: day(pay, 10), ref: `银行回单 ${pay.replace("-", "")}10`, period }, stamp);
    receipts++;
    for (const body of BODIES_MONTHLY) {
      const due = r.shares.find((s) => s.stream === "funds" && s.to === body)?.amount ?? 0;
      if (due === 0) continue;
      bookRemittance(ws, { to: body, amount: money(due), date: day(pay, 14), ref: `上解-${period}-${body}`, period }, stamp);
      remittances++;
    }
  }

  const rec = reconcileBooks(ws, { from: periods[0], to: periods[11] }, today);
  return {
    dir: o.dir,
    year,
    employees: EMPLOYEES,
    payrolls,
    imports: imports.length,
    receipts,
    remittances,
    expenses: spent.entries,
    closed,
    opening: { file: `inputs/${openingName}`, entry: opened.entry!, lines: opened.postings.length },
    yearClose: { entry: carried.entry, hash: carried.hash, surplus: carried.surplus, earmarked: carried.earmarked.reduce((t, e) => t + e.amount, 0) },
    nextYear,
    audit,
    budget,
    final,
    return: annual,
    dues: imports.reduce((t, r) => t + r.totals.dues, 0),
    funds: imports.reduce((t, r) => t + r.totals.funds, 0),
    outstanding: rec.reconciliation.totals.outstanding,
    digits,
  };
}
