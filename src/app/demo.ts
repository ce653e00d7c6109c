// `dues demo`: a whole year of a 300-employee enterprise union, built in a fresh folder
// through the same use cases a treasurer runs (init, twelve GB18030 payroll imports,
// receipts, remittances, spending, budgets, closes, both workbooks). The folder is an
// ordinary union folder afterwards: every command works inside it.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMinor, type Minor } from "../domain/money.js";
import { makePeriod, nextPeriod, type Period } from "../domain/period.js";
import { Refusal, problem } from "../domain/problem.js";
import { text, type Lang, type Text } from "../domain/text.js";
import { DEMO_YEAR, demoBudgetCsv, demoConfigYaml, demoExpensesCsv } from "../sample/demo-year.js";
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
import { importPayroll, type ImportPayrollResult } from "./import-payroll.js";
import { initWorkspace } from "./init.js";
import { bookPayment } from "./receive.js";
import { reconcileBooks } from "./reconcile.js";
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
  // Paths are resolved inside the demo folder whatever the caller's --db/DUES_DB say.
  const env = { ...o.env, DUES_DB: "" };
  const paths = { cwd: o.dir, env, config: undefined, db: undefined };
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

  // Budget first, as a union adopts it before the year's spending.
  const adopted = join(o.dir, "inputs", `budget-${year}-adopted.csv`);
  writeFileSync(adopted, demoBudgetCsv("adopted"));
  step(text("importing and approving the adopted budget", "导入并批准年初预算"));
  await importBudget(ws, { path: adopted, fileLabel: "inputs/" + `budget-${year}-adopted.csv`, year: String(year), kind: "adopted", now: o.now });
  approveBudget(ws, { year: String(year), by: "第三届第五次工会委员会", date: `${year}-01-10`, review: "经费审查委员会第二次会议", reviewDate: `${year}-01-08`, now: o.now });

  // Twelve monthly payrolls, GB18030 with a title row and a 合计 row, as Excel saves them.
  const imports: ImportPayrollResult[] = [];
  const payrolls: string[] = [];
  for (const [i, period] of periods.entries()) {
    const name = `工资表-${period}.csv`;
    const path = join(o.dir, "payroll", name);
    await writePayroll(path, { seed: SEED, employees: EMPLOYEES, month: i, period, encoding: "gb18030", titleRow: true, totalRow: true, mismatchPermille: 8 });
    step(text(`importing payroll ${period}`, `导入 ${period} 工资表`));
    imports.push(await importPayroll(ws.config, ws.ledger, { path, period, now: o.now }));
    payrolls.push("payroll/" + name);
  }

  // Money in: the employer transfers the check-off dues and the 2% funds on the 10th of
  // the next month; April's and May's funds came late, together, on 20 July.
  let receipts = 0;
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
  // The year-end carry-forward (本年收支结转): income and spending into 322, once every month is sealed.
  step(text(`closing the year ${year}`, `${year} 年终结转`));
  closeYear(ws, String(year), stamp);

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
