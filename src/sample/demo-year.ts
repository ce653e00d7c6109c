// The demo union's year apart from payrolls: its dues.yaml, the opening balances it took
// its books over with, the adopted and adjusted budgets, and the spending vouchers. Fixed
// tables rather than random numbers, so the demo reads like a real union's year and is the
// same on every machine.
import type { Minor } from "../domain/money.js";
import { formatMinor, parseAmount } from "../domain/money.js";
import { generatePayroll } from "./payroll.js";

export const DEMO_YEAR = 2025;
/** The day the demo union's books begin in dues: the old books' balances are those of 2024-12-31. */
export const DEMO_TAKEOVER = "2025-01-01";

/** Spending by account: [month, day, account, amount (yuan, as text), memo, voucher]. */
const SPENDING: readonly (readonly [number, number, string, string, string])[] = [
  [1, 18, "50405", "74400.00", "春节送温暖慰问品"],
  [1, 25, "50404", "24000.00", "困难职工春节帮扶（3户）"],
  [2, 20, "50102", "13002.00", "元宵节灯谜会奖品"],
  [3, 8, "50105", "19200.00", "三八妇女节会员活动"],
  [3, 22, "50101", "10400.00", "安全生产知识培训教材"],
  [4, 12, "50102", "29680.00", "春季职工趣味运动会"],
  [4, 28, "50104", "48000.00", "劳模疗休养（2人）"],
  [5, 1, "50103", "6000.00", "五一劳动节宣传展板"],
  [5, 16, "50502", "3920.00", "工会委员会会议资料"],
  [6, 5, "50302", "14400.00", "职工之家健身器材维护"],
  [6, 20, "50405", "39200.00", "夏季送清凉"],
  [7, 10, "50102", "22400.00", "职工篮球赛"],
  [7, 24, "50501", "16800.00", "工会干部业务培训"],
  [8, 15, "50404", "16000.00", "困难职工子女助学（2人，市总专项）"],
  [9, 12, "50105", "35200.00", "中秋节会员慰问"],
  [9, 26, "50102", "25200.00", "国庆职工文艺汇演"],
  [10, 17, "50101", "15600.00", "职工技能竞赛"],
  [10, 30, "50403", "9600.00", "职工法律援助咨询"],
  [11, 14, "50102", "16400.00", "职工羽毛球赛"],
  [11, 28, "50504", "3040.00", "工会报刊订阅"],
  [12, 10, "50405", "62400.00", "元旦送温暖"],
  [12, 22, "50502", "4800.00", "会员代表大会会务"],
];

function csv(rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** The earmarked project of the demo: the city union's subsidy for employees in hardship. */
export const DEMO_PROJECT = { id: "hardship", name: "市总困难职工帮扶专项", subsidy: "30000.00", date: "2025-03-06" } as const;

/** 支出明细: date, account, amount, memo, voucher number, and the project (专项) where the money came from one. */
export function demoExpensesCsv(year = DEMO_YEAR): string {
  const rows = SPENDING.map(([m, d, account, amount, memo], i) => [
    `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    account,
    amount,
    memo,
    `记-${String(m).padStart(2, "0")}-${String(i + 1).padStart(3, "0")}`,
    memo.includes("专项") ? DEMO_PROJECT.id : "",
  ]);
  return csv([["日期", "科目编码", "金额", "摘要", "凭证号", "项目"], ...rows]);
}

/** The two members the old books show in arrears at the takeover: their ids, names and monthly dues, and the months they owe. */
export function demoArrearsMembers(seed: number, employees: number): { id: string; name: string; dues: Minor; months: string[] }[] {
  const paying = [...generatePayroll({ seed, employees, month: 0 })].filter((r) => r.member && r.status === "在职" && r.deducted > 0 && !r.mismatch);
  const [a, b] = [paying[4]!, paying[11]!];
  return [
    { id: a.employeeId, name: a.name, dues: a.deducted, months: ["2024-11", "2024-12"] },
    { id: b.employeeId, name: b.name, dues: b.deducted, months: ["2024-10", "2024-11", "2024-12"] },
  ];
}

/** What the old books left owing at the takeover: the employer's December transfer, and December's share still owed to the city. */
export const DEMO_OWED = { employer: 6241830, city: 479183 } as const;

/**
 * 期初余额 as of 2025-01-01: the old books' trial balance at 2024-12-31 (bank, cash, stock,
 * fixed assets and their asset fund), December 2024 still owed by the employer and to the
 * city, two members in arrears month by month; 322 makes it balance.
 */
export function demoOpeningCsv(seed: number, employees: number): string {
  const members = demoArrearsMembers(seed, employees);
  const y = (m: Minor) => formatMinor(m, 2);
  const rows: string[][] = [
    ["102", "", "", "", "", "286450.00", "", "银行存款（工商银行基本户）"],
    ["101", "", "", "", "", "1200.00", "", "库存现金"],
    ["13501", "", "", "", "2024-12", y(DEMO_OWED.employer), "", "单位尚未拨付 12 月代扣会费及经费"],
    ...members.flatMap((m) => m.months.map((p) => ["13502", "", m.id, m.name, p, y(m.dues), "", "会员欠缴会费"])),
    ["141", "", "", "", "", "3600.00", "", "库存物品（慰问品）"],
    ["162", "", "", "", "", "48000.00", "", "固定资产（职工之家设备）"],
    ["163", "", "", "", "", "", "12000.00", "累计折旧"],
    ["211", "city", "", "", "2024-12", "", y(DEMO_OWED.city), "尚欠市总工会 12 月经费"],
    ["301", "", "", "", "", "", "39600.00", "资产基金"],
  ];
  const minor = (s: string) => { const a = parseAmount(s, { digits: 2 }); return s === "" || !a.ok ? 0 : a.minor; };
  const debit = rows.reduce((t, r) => t + minor(r[5]!), 0);
  const credit = rows.reduce((t, r) => t + minor(r[6]!), 0);
  rows.push(["322", "", "", "", "", "", y(debit - credit), "工会资金结余"]);
  return csv([["科目编码", "上级工会", "工号", "姓名", "所属期间", "借方", "贷方", "摘要"], ...rows]);
}

/** Budget lines: [account, name, adopted budget, mid-year adjustment, note]. */
const BUDGET: readonly (readonly [string, string, string, string, string])[] = [
  ["401", "会费收入", "170000.00", "0.00", "按会员人数和工资基数测算"],
  ["402", "拨缴经费收入", "600000.00", "20000.00", "工资总额增长，年中调增"],
  ["403", "上级补助收入", "20000.00", "10000.00", "市总困难职工帮扶专项补助 3 万元到位，年中调增"],
  ["50101", "职工教育活动支出", "30000.00", "0.00", ""],
  ["50102", "文体活动支出", "80000.00", "20000.00", "增加国庆文艺汇演"],
  ["50103", "宣传活动支出", "10000.00", "0.00", ""],
  ["50104", "劳模职工疗休养活动支出", "50000.00", "0.00", ""],
  ["50105", "会员活动支出", "50000.00", "0.00", ""],
  ["50301", "职工书屋", "15000.00", "0.00", "职工书屋图书更新"],
  ["50302", "职工之家", "20000.00", "0.00", "职工之家健身器材维护"],
  ["50403", "法律援助", "10000.00", "0.00", ""],
  ["50404", "困难职工帮扶", "40000.00", "0.00", ""],
  ["50405", "送温暖", "160000.00", "20000.00", "夏季送清凉调增"],
  ["50501", "培训费", "20000.00", "0.00", ""],
  ["50502", "会议费", "10000.00", "0.00", ""],
  ["50504", "其他业务支出", "3000.00", "0.00", ""],
];

/** 年初预算 (adopted) or the mid-year 调整 (adjusted) version of the budget. */
export function demoBudgetCsv(version: "adopted" | "adjusted"): string {
  const header = version === "adopted" ? ["科目编码", "科目名称", "年初预算", "说明"] : ["科目编码", "科目名称", "年初预算", "调整", "说明"];
  const rows = BUDGET.map(([acc, name, budget, adj, note]) => (version === "adopted" ? [acc, name, budget, note] : [acc, name, budget, adj, note]));
  return csv([header, ...rows]);
}

/** The demo union's dues.yaml: a Chinese enterprise base union, GB18030 payroll files. */
export function demoConfigYaml(): string {
  return `# 演示工会的配置（dues demo 生成）。字段说明见 docs/configuration.md。
# Demo union configuration written by \`dues demo\`. Every key: docs/configuration.md.
union:
  name: 示例机械制造有限公司工会
  currency: CNY
  locale: zh-CN
  chart: cn-2021-base
  id: shili-jixie               # 县总工会登记本工会的标识：写入报送上级的年度报告
  credit_code: 81330100MA2XXXXXX3   # 统一社会信用代码（演示用的虚构代码，校验位正确）

bodies:
  - { id: county,   name: 示例县总工会 }
  - { id: city,     name: 示例市总工会 }
  - { id: province, name: 示例省总工会 }
  - { id: acftu,    name: 中华全国总工会 }

sources:
  default:
    encoding: auto            # 演示工资表为 GB18030（Excel 默认另存的 CSV）
    delimiter: auto
    decimal_mark: "."
    columns:
      employee_id: [工号]
      name: [姓名]
      member: [是否会员]
      status: [会员状态]
      deducted: [工会会费]
    bases:
      dues: [基本工资, 岗位工资]
      funds: [应发工资]

membership: column
due_day: 15
financial_year_start: 1       # 财务年度从 1 月开始（自然年）

# 专项资金：标记了 earmarked 的项目，年末未用完的部分结转到 321 工会资金结转。
projects:
  - { id: hardship, name: 市总困难职工帮扶专项, earmarked: true }

schemes:
  - effective_from: 2022-01-01
    document: 演示用比例（真实比例请以本省总工会通知为准）
    dues:
      base: dues
      base_step: 10
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired, unemployed]
      split: []
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split:
        - { to: county,   share: 15% }
        - { to: city,     share: 10% }
        - { to: province, share: 10% }
        - { to: acftu,    share: 5% }
      remainder: largest
      collection: union
`;
}
