// A small union built through the app's own use cases (as `dues demo` does), for the
// year tests: the configuration, its payrolls with chosen members not deducted, and a
// year of receipts, remittances, spending and closes written once and run on any ledger.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeMonth } from "../../src/app/close.js";
import { importExpenses } from "../../src/app/import-expenses.js";
import { importPayroll, type ImportPayrollResult } from "../../src/app/import-payroll.js";
import { initWorkspace } from "../../src/app/init.js";
import { bookPayment } from "../../src/app/receive.js";
import { recordEntry } from "../../src/app/record.js";
import { bookRemittance } from "../../src/app/remit.js";
import { openWorkspace, type Workspace } from "../../src/app/workspace.js";
import { formatMinor } from "../../src/domain/money.js";
import { makePeriod, nextPeriod, type Period } from "../../src/domain/period.js";
import { generatePayroll, payrollBuffer } from "../../src/sample/payroll.js";

export const NOW = "2026-03-01T08:00:00.000Z";
export const TODAY = "2026-03-01";
export const stamp = { createdAt: NOW, today: TODAY };
const SEED = 7;
const EMPLOYEES = 40;

export function configYaml(o: { fyStart?: number } = {}): string {
  return `union: { name: 测试工会, currency: CNY, locale: zh-CN, chart: cn-2021-base }
bodies:
  - { id: county, name: 某县总工会 }
  - { id: city, name: 某市总工会 }
sources:
  default:
    columns: { employee_id: [工号], name: [姓名], member: [是否会员], status: [会员状态], deducted: [工会会费] }
    bases: { dues: [基本工资, 岗位工资], funds: [应发工资] }
due_day: 15
late_fee: { per_day: 0.05%, cap: principal }
${o.fyStart ? `financial_year_start: ${o.fyStart}\n` : ""}projects:
  - { id: hardship, name: 困难职工帮扶专项, earmarked: true }
  - { id: sports, name: 职工运动会, earmarked: false }
schemes:
  - effective_from: 2022-01-01
    document: 测试
    dues: { base: dues, base_step: 10, rate: 0.5%, round: { to: 0.01, mode: half-up }, exempt: [retired, unemployed], split: [] }
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split: [ { to: county, share: 15% }, { to: city, share: 25% } ]
      remainder: largest
      collection: union
`;
}

/** A fresh union folder with its ledger, opened. */
export function newUnion(dir: string, o: { fyStart?: number } = {}): Workspace {
  writeFileSync(join(dir, "dues.yaml"), configYaml(o));
  const paths = { cwd: dir, env: {}, config: undefined, db: undefined };
  initWorkspace({ ...paths, now: NOW });
  return openWorkspace(paths);
}

/** The first members of the sample payroll (paying dues), for arrears stories. */
export const MEMBERS: readonly string[] = [...generatePayroll({ seed: SEED, employees: EMPLOYEES, month: 0 })].filter((r) => r.member && r.status === "在职" && r.deducted > 0).map((r) => r.employeeId).slice(0, 4);

/** Month index of a period in the sample workforce: 2024-01 is 0. */
export const monthIndex = (p: Period) => (Number(p.slice(0, 4)) - 2024) * 12 + Number(p.slice(5, 7)) - 1;

export async function payroll(ws: Workspace, dir: string, period: Period, notDeducted: readonly string[] = []): Promise<ImportPayrollResult> {
  const path = join(dir, `payroll-${period}.csv`);
  writeFileSync(path, payrollBuffer({ seed: SEED, employees: EMPLOYEES, month: monthIndex(period), period, encoding: "gb18030", mismatchPermille: 30, notDeducted }));
  return importPayroll(ws.config, ws.ledger, { path, period, now: NOW });
}

export const yuan = (m: number) => formatMinor(m, 2);
export const day = (p: Period, d: number) => `${p}-${String(d).padStart(2, "0")}`;
export const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => makePeriod(year, i + 1));
const share = (r: ImportPayrollResult, body: string) => r.shares.filter((s) => s.to === body).reduce((t, s) => t + s.amount, 0);
const employerOwes = (r: ImportPayrollResult) => (r.totals.deducted ?? r.totals.dues) + r.totals.funds;

/**
 * 2025 as both books run it (the union's own history up to 2024 differs: imported month
 * by month, or taken over from an opening file). Member 0 stays short in January and
 * February (a run begun in 2024), member 1 pays their 2024 arrears in February, member 2
 * pays an old month named with --period; the employer pays December 2024 and the rest of
 * November in January; the city is paid December's rest by a lump sum without a month.
 */
export async function run2025(ws: Workspace, dir: string, owed: { employer2024: number; city2024: number; county2024: number; member1: number; member2: { period: Period; amount: number } }, onMonth?: (p: Period) => void): Promise<ImportPayrollResult[]> {
  const pay = (party: string, amount: number, date: string, period?: string, member?: string) =>
    bookPayment(ws, { direction: "receive", party, amount: yuan(amount), date, period, member, ref: `R-${date}` }, stamp);
  const remit = (to: string, amount: number, date: string, period?: string) => bookRemittance(ws, { to, amount: yuan(amount), date, period, ref: `S-${date}-${to}` }, stamp);
  pay("employer", owed.employer2024, "2025-01-10");
  remit("county", owed.county2024, "2025-01-14", "2024-12");
  remit("city", owed.city2024, "2025-01-20");
  recordEntry(ws.ledger, { date: "2025-02-20", memo: "市总困难职工帮扶专项补助", postings: ["102=30000.00", "403=-30000.00"], project: "hardship" }, { createdAt: NOW, bodies: ["county", "city"], projects: ["hardship", "sports"] });
  const imports: ImportPayrollResult[] = [];
  for (const p of monthsOf(2025)) {
    const r = await payroll(ws, dir, p, p <= "2025-02" ? [MEMBERS[0]!] : []);
    imports.push(r);
    const next = nextPeriod(p);
    // June's funds are paid short by 1,000.00; the rest stays open.
    pay("employer", employerOwes(r) - (p === "2025-06" ? 100000 : 0), day(next, 10), p);
    remit("county", share(r, "county"), day(next, 14), p);
    if (p !== "2025-12") remit("city", share(r, "city") - (p === "2025-08" ? 50000 : 0), day(next, 16), p);
    onMonth?.(p);
  }
  pay("member", owed.member1, "2025-02-25", undefined, MEMBERS[1]);
  pay("member", owed.member2.amount, "2025-03-05", owed.member2.period, MEMBERS[2]);
  writeFileSync(join(dir, "expenses-2025.csv"), [
    "日期,科目编码,金额,摘要,凭证号,项目",
    "2025-03-10,50404,12000.00,困难职工帮扶（3户）,记-03-001,hardship",
    "2025-05-18,50102,8600.00,春季运动会,记-05-002,sports",
    "2025-09-12,50105,5200.00,中秋会员慰问,记-09-003,",
    "2025-12-08,50404,9000.00,冬季困难职工帮扶,记-12-004,hardship",
    "",
  ].join("\r\n"));
  await importExpenses(ws, { path: join(dir, "expenses-2025.csv"), fileLabel: "expenses-2025.csv", now: NOW });
  for (const p of monthsOf(2025)) closeMonth(ws.ledger, p, stamp);
  return imports;
}

/**
 * 2024 imported month by month, paid as far as it was at the end of the year: December
 * not yet received from the employer (and November short by 500.00), December not yet
 * remitted to the county and only 1,000.00 of it to the city; member 0 short from October,
 * member 1 short in November and December, member 2 short in March only; a hardship
 * subsidy partly spent (so 321 carries money into 2025); every month and the year closed.
 */
export async function run2024(ws: Workspace, dir: string): Promise<{ employer2024: number; city2024: number; county2024: number }> {
  const pay = (amount: number, date: string, period?: string) => bookPayment(ws, { direction: "receive", party: "employer", amount: yuan(amount), date, period, ref: `R-${date}` }, stamp);
  const remit = (to: string, amount: number, date: string, period?: string) => bookRemittance(ws, { to, amount: yuan(amount), date, period, ref: `S-${date}-${to}` }, stamp);
  let employer2024 = 0, city2024 = 0, county2024 = 0;
  const notDeducted = (p: Period) => [...(p >= "2024-10" ? [MEMBERS[0]!] : []), ...(p >= "2024-11" ? [MEMBERS[1]!] : []), ...(p === "2024-03" ? [MEMBERS[2]!] : [])];
  recordEntry(ws.ledger, { date: "2024-04-02", memo: "县总困难职工帮扶专项补助", postings: ["102=20000.00", "403#hardship=-20000.00"] }, { createdAt: NOW, bodies: ["county", "city"], projects: ["hardship", "sports"] });
  recordEntry(ws.ledger, { date: "2024-06-12", memo: "困难职工帮扶", postings: ["50404#hardship=15000.00", "102=-15000.00"] }, { createdAt: NOW, bodies: ["county", "city"], projects: ["hardship", "sports"] });
  recordEntry(ws.ledger, { date: "2024-09-20", memo: "职工篮球赛", postings: ["50102=6400.00", "102=-6400.00"] }, { createdAt: NOW });
  for (const p of monthsOf(2024)) {
    const r = await payroll(ws, dir, p, notDeducted(p));
    const next = nextPeriod(p);
    if (p === "2024-12") {
      employer2024 += employerOwes(r);
      county2024 = share(r, "county");
      remit("city", 100000, "2024-12-31", p);
      city2024 = share(r, "city") - 100000;
      continue;
    }
    const short = p === "2024-11" ? 50000 : 0;
    employer2024 += short;
    pay(employerOwes(r) - short, day(next, 10), p);
    remit("county", share(r, "county"), day(next, 14), p);
    remit("city", share(r, "city"), day(next, 16), p);
  }
  for (const p of monthsOf(2024)) closeMonth(ws.ledger, p, stamp);
  return { employer2024, city2024, county2024 };
}
