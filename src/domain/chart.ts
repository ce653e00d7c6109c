// Charts of accounts: 工会会计制度 (财会〔2021〕7号) for base unions and for county level
// and above, and a generic English chart with the same roles. Pure data and lookups;
// which account an import or receipt books to is asked by role (accountFor), never by code.
import type { ChartId } from "./config.js";
import type { Minor } from "./money.js";
import { text, type Text } from "./text.js";

export type { ChartId } from "./config.js";

export type AccountKind = "asset" | "liability" | "net-assets" | "income" | "expense";
export type Side = "debit" | "credit";

export interface Account {
  readonly code: string;
  readonly name: Text;
  readonly kind: AccountKind;
  /** The side on which a positive balance normally sits (163 累计折旧 is a credit asset). */
  readonly normal: Side;
  /** The parent account's code for sub-accounts (50102 → 501). */
  readonly parent?: string;
  /** Postings must name a body (211 应付上级经费:city), or on the federation's 132/212 an affiliate id. */
  readonly takesBody?: boolean;
  /** A federation's account on a chart base unions share (generic 1240, 2120, 4050): its
   *  statement and final-accounts lines appear only once it has a balance, so a local's
   *  reports read as before. */
  readonly whenUsed?: boolean;
}

/** What a posting is for, independent of the chart's codes. */
export type Role =
  | "bank"
  | "cash"
  | "employer-receivable"
  | "upstream-receivable"
  | "payable-upstream"
  | "member-arrears"
  | "member-credits"
  | "dues-income"
  | "funds-income"
  | "other-income"
  | "subsidy-income"
  | "net-assets"
  /** Earmarked money (专项) carried forward at year end: 321 工会资金结转; generic: its one fund balance. */
  | "carried-forward";

export const ROLES: readonly Role[] = [
  "bank", "cash", "employer-receivable", "upstream-receivable", "payable-upstream", "member-arrears",
  "member-credits", "dues-income", "funds-income", "other-income", "subsidy-income", "net-assets", "carried-forward",
];

/**
 * What a federation's postings are for (a county federation, a US council or International):
 * kept apart from Role because a base union's chart has none of them (cn-2021-base has no
 * 132 or 212), so base-union behaviour cannot depend on them. docs/federation.md.
 */
export type FederationRole =
  /** What an affiliate (a lower union) owes: 132 应收下级经费:AFFILIATE; generic 1240. */
  | "affiliate-receivable"
  /** What the federation owes an affiliate (the refund of its share under tax collection): 212 应付下级经费:AFFILIATE; generic 2120. */
  | "affiliate-payable"
  /** The federation's own share of what affiliates pay: 402 拨缴经费收入; generic 4050 per-capita tax income. */
  | "affiliate-income"
  /** 筹备金 from employers without a union (章程 Art. 37), kept as income: cn 402, generic 4080. */
  | "preparatory-income"
  /** 筹备金 held for the union to be formed (returned when it is): cn 21503, generic 2190. */
  | "preparatory-payable";

export const FEDERATION_ROLES: readonly FederationRole[] = ["affiliate-receivable", "affiliate-payable", "affiliate-income", "preparatory-income", "preparatory-payable"];

export interface Chart {
  readonly id: ChartId;
  readonly name: Text;
  /** In code order; parents before their sub-accounts. */
  readonly accounts: readonly Account[];
  readonly roles: Readonly<Record<Role, string>>;
  /** Only on charts a federation can keep (cn-2021-county, generic). */
  readonly federationRoles?: Readonly<Record<FederationRole, string>>;
}

const D: Side = "debit";
const C: Side = "credit";

function acc(code: string, en: string, zh: string, kind: AccountKind, normal: Side, extra: { parent?: string; takesBody?: boolean; whenUsed?: boolean } = {}): Account {
  return { code, name: text(en, zh), kind, normal, ...extra };
}

function sub(parent: string, kind: AccountKind, normal: Side, rows: [string, string, string][]): Account[] {
  return rows.map(([code, en, zh]) => acc(code, en, zh, kind, normal, { parent }));
}

// 工会会计制度 2021, 基层工会 accounts (DOMAIN.md). The sub-accounts of 135 and 215 are
// ours: the standard lets a union open 明细科目, and check-off differences need a member
// subledger apart from what the employer owes (see docs/ledger.md, "Charts").
const CN_BASE: Account[] = [
  acc("101", "Cash on hand", "库存现金", "asset", D),
  acc("102", "Bank deposits", "银行存款", "asset", D),
  acc("131", "Funds receivable from higher unions", "应收上级经费", "asset", D),
  acc("135", "Other receivables", "其他应收款", "asset", D),
  ...sub("135", "asset", D, [
    ["13501", "Receivable from the employer (check-off dues, 2% funds)", "应收单位代扣会费及拨缴经费"],
    ["13502", "Member dues in arrears", "会员欠缴会费"],
    ["13509", "Other receivables, other", "其他应收款项"],
  ]),
  acc("141", "Inventory", "库存物品", "asset", D),
  acc("162", "Fixed assets", "固定资产", "asset", D),
  acc("163", "Accumulated depreciation", "累计折旧", "asset", C),
  acc("182", "Assets pending disposal", "待处理财产损溢", "asset", D),
  acc("211", "Funds payable to higher unions", "应付上级经费", "liability", C, { takesBody: true }),
  acc("215", "Other payables", "其他应付款", "liability", C),
  ...sub("215", "liability", C, [
    ["21501", "Member dues paid in excess", "会员多缴会费"],
    ["21509", "Other payables, other", "其他应付款项"],
  ]),
  acc("301", "Asset fund", "资产基金", "net-assets", C),
  acc("321", "Union funds carried forward", "工会资金结转", "net-assets", C),
  acc("322", "Union funds surplus", "工会资金结余", "net-assets", C),
  acc("401", "Dues income", "会费收入", "income", C),
  acc("402", "Allocated funds income", "拨缴经费收入", "income", C),
  acc("403", "Subsidies from higher unions", "上级补助收入", "income", C),
  acc("405", "Administrative subsidies", "行政补助收入", "income", C),
  acc("408", "Other income", "其他收入", "income", C),
  acc("501", "Employee activities", "职工活动支出", "expense", D),
  ...sub("501", "expense", D, [
    ["50101", "Employee education", "职工教育活动支出"],
    ["50102", "Cultural and sports activities", "文体活动支出"],
    ["50103", "Publicity", "宣传活动支出"],
    ["50104", "Model workers' recuperation", "劳模职工疗休养活动支出"],
    ["50105", "Member activities", "会员活动支出"],
    ["50106", "Other employee activities", "其他职工活动支出"],
  ]),
  acc("503", "Employee services", "职工服务支出", "expense", D),
  ...sub("503", "expense", D, [
    ["50301", "Employee reading rooms", "职工书屋"],
    ["50302", "Employee homes", "职工之家"],
    ["50303", "Counselling", "心理咨询"],
    ["50304", "Employee recuperation", "职工疗休养"],
    ["50305", "Other services", "其他服务支出"],
  ]),
  acc("504", "Rights protection", "维权支出", "expense", D),
  ...sub("504", "expense", D, [
    ["50401", "Labour relations coordination", "劳动关系协调"],
    ["50402", "Labour protection", "劳动保护"],
    ["50403", "Legal aid", "法律援助"],
    ["50404", "Help for employees in hardship", "困难职工帮扶"],
    ["50405", "Sending warmth", "送温暖"],
    ["50406", "Other rights protection", "其他维权支出"],
  ]),
  acc("505", "Operating expenses", "业务支出", "expense", D),
  ...sub("505", "expense", D, [
    ["50501", "Training", "培训费"],
    ["50502", "Meetings", "会议费"],
    ["50503", "Special operations", "专项业务费"],
    ["50504", "Other operating expenses", "其他业务支出"],
  ]),
  acc("507", "Capital expenditure", "资本性支出", "expense", D),
  acc("510", "Other expenses", "其他支出", "expense", D),
];

// County level and above add payables to lower unions, government subsidies, income
// from affiliated units, and their own spending lines.
const CN_COUNTY_EXTRA: Account[] = [
  acc("132", "Funds receivable from lower unions", "应收下级经费", "asset", D, { takesBody: true }),
  acc("21503", "Preparatory funds held (筹备金)", "代管筹备金", "liability", C, { parent: "215" }),
  acc("212", "Funds payable to lower unions", "应付下级经费", "liability", C, { takesBody: true }),
  acc("404", "Government subsidies", "政府补助收入", "income", C),
  acc("406", "Income from affiliated units", "附属单位上缴收入", "income", C),
  acc("502", "Employee activity organisation", "职工活动组织支出", "expense", D),
  acc("506", "Administrative expenses", "行政支出", "expense", D),
  acc("508", "Grants to lower unions", "补助下级支出", "expense", D),
];

const GENERIC: Account[] = [
  acc("1010", "Cash on hand", "库存现金", "asset", D),
  acc("1020", "Bank", "银行存款", "asset", D),
  acc("1210", "Due from employer (check-off)", "应收雇主代扣会费", "asset", D),
  acc("1220", "Due from parent bodies", "应收上级款项", "asset", D),
  acc("1230", "Member dues in arrears", "会员欠缴会费", "asset", D),
  acc("1240", "Per-capita tax receivable from affiliates", "应收下级会费", "asset", D, { takesBody: true, whenUsed: true }),
  acc("1290", "Other receivables", "其他应收款", "asset", D),
  acc("1400", "Supplies", "库存物品", "asset", D),
  acc("1600", "Fixed assets", "固定资产", "asset", D),
  acc("1610", "Accumulated depreciation", "累计折旧", "asset", C),
  acc("2110", "Per-capita tax and shares payable", "应付上级会费", "liability", C, { takesBody: true }),
  acc("2120", "Payable to affiliates (refunds)", "应付下级款项", "liability", C, { takesBody: true, whenUsed: true }),
  acc("2150", "Member dues paid in excess", "会员多缴会费", "liability", C),
  acc("2190", "Other payables", "其他应付款", "liability", C),
  acc("3000", "Net assets", "净资产", "net-assets", C),
  acc("4010", "Dues income", "会费收入", "income", C),
  acc("4020", "Employer contributions", "雇主拨缴收入", "income", C),
  acc("4030", "Grants from parent bodies", "上级补助收入", "income", C),
  acc("4050", "Per-capita tax from affiliates", "下级上缴会费收入", "income", C, { whenUsed: true }),
  acc("4080", "Other income", "其他收入", "income", C),
  acc("5010", "Member activities", "会员活动支出", "expense", D),
  acc("5020", "Member services", "会员服务支出", "expense", D),
  acc("5030", "Representation and rights", "维权支出", "expense", D),
  acc("5040", "Administration", "行政支出", "expense", D),
  acc("5050", "Meetings and training", "会议培训支出", "expense", D),
  acc("5070", "Capital expenditure", "资本性支出", "expense", D),
  acc("5100", "Other expenses", "其他支出", "expense", D),
];

const CN_ROLES: Record<Role, string> = {
  bank: "102",
  cash: "101",
  "employer-receivable": "13501",
  "upstream-receivable": "131",
  "payable-upstream": "211",
  "member-arrears": "13502",
  "member-credits": "21501",
  "dues-income": "401",
  "funds-income": "402",
  "other-income": "408",
  "subsidy-income": "403",
  "net-assets": "322",
  "carried-forward": "321",
};

const byCode = (a: Account, b: Account) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const CHARTS: Record<ChartId, Chart> = {
  "cn-2021-base": { id: "cn-2021-base", name: text("Trade union accounting (2021), base union", "工会会计制度（2021）基层工会"), accounts: CN_BASE, roles: CN_ROLES },
  "cn-2021-county": {
    id: "cn-2021-county",
    name: text("Trade union accounting (2021), county level and above", "工会会计制度（2021）县级以上工会"),
    accounts: [...CN_BASE, ...CN_COUNTY_EXTRA].sort(byCode),
    roles: CN_ROLES,
    federationRoles: {
      "affiliate-receivable": "132", "affiliate-payable": "212", "affiliate-income": "402",
      "preparatory-income": "402", "preparatory-payable": "21503",
    },
  },
  generic: {
    id: "generic",
    name: text("Generic union chart", "通用工会科目表"),
    accounts: GENERIC,
    roles: {
      bank: "1020", cash: "1010", "employer-receivable": "1210", "upstream-receivable": "1220", "payable-upstream": "2110",
      "member-arrears": "1230", "member-credits": "2150", "dues-income": "4010", "funds-income": "4020",
      "other-income": "4080", "subsidy-income": "4030", "net-assets": "3000", "carried-forward": "3000",
    },
    federationRoles: {
      "affiliate-receivable": "1240", "affiliate-payable": "2120", "affiliate-income": "4050",
      "preparatory-income": "4080", "preparatory-payable": "2190",
    },
  },
};

export const CHART_IDS: readonly ChartId[] = ["cn-2021-base", "cn-2021-county", "generic"];

export function isChartId(s: string): s is ChartId {
  return (CHART_IDS as readonly string[]).includes(s);
}

export function chartOf(id: ChartId): Chart {
  return CHARTS[id];
}

/** The account code a role books to in a chart: accountFor("cn-2021-base", "bank") → "102". */
export function accountFor(chart: ChartId, role: Role): string {
  return CHARTS[chart].roles[role];
}

/** The account a federation role books to, or undefined on a chart no federation keeps (cn-2021-base). */
export function federationAccountFor(chart: ChartId, role: FederationRole): string | undefined {
  return CHARTS[chart].federationRoles?.[role];
}

/** Can a union on this chart keep a federation's books (affiliates, advices)? */
export function isFederationChart(chart: ChartId): boolean {
  return CHARTS[chart].federationRoles !== undefined;
}

export function findAccount(chart: ChartId, code: string): Account | undefined {
  return CHARTS[chart].accounts.find((a) => a.code === code);
}

/** Sub-accounts of an account (empty for a leaf). */
export function childrenOf(chart: ChartId, code: string): Account[] {
  return CHARTS[chart].accounts.filter((a) => a.parent === code);
}

/** Postings go to leaves only: 501 has sub-accounts, so spending is booked to 50102, not 501. */
export function isPostable(chart: ChartId, code: string): boolean {
  return findAccount(chart, code) !== undefined && childrenOf(chart, code).length === 0;
}

/** Spending accounts a treasurer books to (leaves of kind expense), in code order. */
export function spendingAccounts(chart: ChartId): Account[] {
  return CHARTS[chart].accounts.filter((a) => a.kind === "expense" && isPostable(chart, a.code));
}

/** Every account with its sub-accounts' totals rolled in: the code of its top-level parent. */
export function topLevelOf(chart: ChartId, code: string): string {
  let a = findAccount(chart, code);
  while (a?.parent) a = findAccount(chart, a.parent);
  return a?.code ?? code;
}

/**
 * A signed amount (positive = debit) as the account's normal balance: an income
 * account with −500 in postings has a balance of 500 on its credit side.
 */
export function normalBalance(account: Account, signed: Minor): Minor {
  return account.normal === "debit" ? signed : -signed;
}
