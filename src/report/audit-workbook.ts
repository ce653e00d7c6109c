// The audit committee's workbook (SPEC §6) as a model: cover, summary, dues detail,
// exempt members and lapse risk, funds, remittances, import batches, journal,
// exceptions, checklist, and the two statements. Knows no ledger: the app hands it
// plain values, and iterables for the two long sheets, which are streamed, never held.
import type { Minor } from "../domain/money.js";
import type { Statement } from "../domain/statements.js";
import { pick, text, type Lang, type Text } from "../domain/text.js";
import { cell, heading, lazyRows, type Cell, type Row, type Sheet, type Workbook } from "./model.js";
import { affiliatesSheet, PAYMENT_STATUS, refundsSheet, type AffiliateMonthRow, type RefundRow } from "./federation-sheets.js";
import { statementSheet } from "./statement-sheet.js";

export interface DuesDetailLine {
  readonly period: string;
  readonly memberId: string;
  readonly name: string;
  readonly department: string;
  readonly status: string;
  readonly isMember: boolean;
  readonly exempt: boolean;
  readonly duesBase: Minor;
  readonly truncatedBase: Minor;
  readonly rateText: string;
  readonly dues: Minor;
  readonly deducted: Minor | null;
  readonly difference: Minor;
  readonly batch: number;
  readonly sourceLine: number;
}

export interface ExemptSummary {
  readonly memberId: string;
  readonly name: string;
  readonly department: string;
  readonly status: string;
  readonly reason: string;
  readonly first: string;
  readonly last: string;
  readonly months: number;
}

export interface LapseRisk {
  readonly memberId: string;
  readonly name: string;
  readonly department: string;
  readonly since: string;
  readonly through: string;
  readonly months: number;
  readonly shortfall: Minor;
}

export interface FundsRow {
  readonly period: string;
  readonly employees: number;
  readonly fundsBase: Minor;
  readonly rateText: string;
  /** base × rate, rounded by the scheme's rule; null when no scheme was in force. */
  readonly fundsDue: Minor | null;
  readonly kept: Minor;
  readonly upward: Minor;
  /** What the employer owed for the month (debits to its receivable: dues deducted + funds). */
  readonly employerDue: Minor;
  /** What the employer paid for the month, allocated as `dues reconcile --employer` does. */
  readonly received: Minor;
  readonly outstanding: Minor;
  /** Reconciliation status; "not-due" when the due date is after the as-of date and it is not paid; null: nothing due or paid. */
  readonly status: "paid" | "partial" | "unpaid" | "overpaid" | "not-due" | null;
  readonly dueDate: string;
  /** The date the month was paid up, or null. */
  readonly settledOn: string | null;
  /** Paid after the due date, or still outstanding after it as of the as-of date. */
  readonly late: boolean;
  /** The employer receivable's balance at the end of the month (by accounting period). */
  readonly employerBalance: Minor;
}

export interface RemittanceRow {
  readonly body: string;
  readonly bodyName: string;
  readonly period: string;
  readonly dueDate: string;
  readonly opening: Minor;
  readonly accrued: Minor;
  readonly paid: Minor;
  readonly refs: string;
}

export interface CashRow {
  readonly account: string;
  readonly name: Text;
  readonly opening: Minor;
  readonly receipts: Minor;
  readonly payments: Minor;
  /** The ledger's own closing balance, shown beside the computed one. */
  readonly closing: Minor;
}

export interface BatchInfo {
  readonly id: number;
  readonly kind: string;
  readonly period: string | null;
  readonly source: string | null;
  readonly file: string | null;
  readonly sha256: string | null;
  readonly encoding: string | null;
  readonly rows: number | null;
  readonly configSha256: string | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly voided: boolean;
  readonly voidReason: string | null;
  readonly entries: number;
}

export interface JournalRow {
  readonly seq: number;
  readonly line: number;
  readonly date: string;
  readonly period: string;
  readonly kind: string;
  readonly batch: number;
  readonly memo: string;
  readonly ref: string | null;
  readonly account: string;
  readonly accountName: Text;
  readonly body: string | null;
  readonly member: string | null;
  readonly amount: Minor;
}

export interface ExceptionRow {
  /** Stable code, e.g. AUDIT_CHECKOFF_MISMATCH. */
  readonly code: string;
  readonly what: Text;
  readonly period: string | null;
  readonly member: string | null;
  readonly name: string | null;
  readonly batch: number | null;
  readonly file: string | null;
  readonly line: number | null;
  readonly entry: number | null;
  readonly amount: Minor | null;
}

export interface ChecklistRow {
  readonly item: Text;
  readonly where: Text;
  readonly shows: Text;
  readonly status: "shown" | "attention" | "elsewhere";
}

export interface AuditInput {
  readonly lang: Lang;
  readonly digits: number;
  readonly currency: string;
  readonly unit: Text;
  readonly union: string;
  readonly chart: Text;
  readonly from: string;
  readonly to: string;
  /** ISO timestamp of generation (SOURCE_DATE_EPOCH-aware). */
  readonly createdAt: string;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly configSha256: string;
  readonly configsUsed: readonly string[];
  readonly totals: { readonly members: number; readonly dues: Minor; readonly deducted: Minor; readonly difference: Minor; readonly exemptMembers: number };
  readonly income: Statement;
  readonly balance: Statement;
  readonly balanceAsOf: string;
  readonly cash: readonly CashRow[];
  readonly duesDetail: Iterable<DuesDetailLine>;
  readonly exempt: readonly ExemptSummary[];
  readonly lapse: readonly LapseRisk[];
  readonly funds: readonly FundsRow[];
  /** The date the employer's payments on the Funds sheet are reconciled as of. */
  readonly fundsAsOf: string;
  readonly remittances: readonly RemittanceRow[];
  readonly batches: readonly BatchInfo[];
  readonly journal: Iterable<JournalRow>;
  /** Streamed when the sheet is written (a second pass over the member lines). */
  readonly exceptions: Iterable<ExceptionRow>;
  readonly exceptionCount: number;
  readonly checklist: readonly ChecklistRow[];
  /** A federation's books (federation: in dues.yaml): the affiliates and refunds sheets. */
  readonly federation?: FederationAudit | null;
}

export interface FederationAudit {
  /** Read once, as the Affiliates sheet is written (a live pass over the affiliates, never held). */
  readonly affiliates: Iterable<AffiliateMonthRow>;
  /** Read after the affiliates (the same pass gathers them). */
  readonly refunds: Iterable<RefundRow>;
  /** The date affiliates' payments are reconciled as of. */
  readonly asOf: string;
  readonly lateFee: boolean;
}

const SIGN_OFF = { roles: [text("Union chair", "工会主席"), text("Chair, funds audit committee", "经审会主任"), text("Head of finance", "财务负责人"), text("Prepared by", "制表")] };

const yes = text("yes", "是");
const no = text("no", "否");

export function auditWorkbook(a: AuditInput): Workbook {
  const range = text(`${a.from} – ${a.to}`, `${a.from} 至 ${a.to}`);
  return {
    title: text(`Audit workbook ${a.from} – ${a.to}`, `经费审查工作簿 ${a.from} 至 ${a.to}`),
    digits: a.digits,
    lang: a.lang,
    created: a.createdAt,
    creator: "dues",
    sheets: [
      cover(a, range),
      summary(a),
      duesDetail(a),
      exemptAndLapse(a),
      funds(a),
      remittances(a),
      ...(a.federation ? [affiliatesSheet(a.federation.affiliates, { lang: a.lang, asOf: a.federation.asOf, lateFee: a.federation.lateFee }), refundsSheet(a.federation.refunds, { from: a.from, to: a.to })] : []),
      batches(a),
      journal(a),
      exceptions(a),
      checklist(a),
      // Sheet names hold 31 characters: the English title would be cut.
      statementSheet(a.income, { union: a.union, range, unit: a.unit, sheetName: text("Income and spending", "收入支出表") }),
      statementSheet(a.balance, { union: a.union, range: text(`As of ${a.balanceAsOf}`, `截至 ${a.balanceAsOf}`), unit: a.unit }),
    ],
  };
}

function cover(a: AuditInput, range: Text): Sheet {
  const kv = (k: Text, v: Cell): Row => [cell.label(k), v];
  const rows: Row[] = [
    heading(cell.label(text("Audit workbook", "经费审查工作簿"))),
    kv(text("Union", "工会名称"), a.union),
    kv(text("Periods", "审查期间"), cell.label(range)),
    kv(text("Generated on", "生成日期"), cell.date(a.createdAt.slice(0, 10))),
    kv(text("Currency", "币种"), `${a.currency} (${pick(a.unit, a.lang)})`),
    kv(text("Chart of accounts", "会计科目"), cell.label(a.chart)),
    kv(text("Ledger chain head (entry)", "账本链头（凭证号）"), a.head ? cell.integer(a.head.seq) : cell.label(text("empty ledger", "空账本"))),
    kv(text("Ledger chain head (hash)", "账本链头（哈希）"), a.head?.hash ?? ""),
    kv(text("Configuration in force (SHA-256)", "现行配置（SHA-256）"), a.configSha256),
    kv(text("Configurations used by imports", "导入所用配置"), a.configsUsed.join(", ") || "—"),
    [],
    kv(
      text("Check later that nothing changed", "日后核对账本未改动"),
      a.head ? `dues verify --head ${a.head.hash}` : "dues verify",
    ),
  ];
  return {
    name: text("Cover", "封面"),
    layout: "form",
    // A form: the headers are not shown, they name the columns for whoever reads the model.
    columns: [{ header: text("Item", "项目"), kind: "text", width: 34 }, { header: text("Value", "内容"), kind: "text", width: 70 }],
    rows,
    signOff: SIGN_OFF,
  };
}

function summary(a: AuditInput): Sheet {
  // Made when the writer reaches the sheet, not held through the export.
  const rows = lazyRows(() => summaryRows(a));
  return {
    name: text("Summary", "汇总"),
    layout: "form",
    orientation: "landscape",
    columns: [
      { header: text("Item", "项目"), kind: "text", width: 40 },
      { header: text("Account", "科目"), kind: "text", width: 9 },
      ...[text("Amount / opening", "金额／期初"), text("Receipts", "收入"), text("Payments", "支出"), text("Closing", "期末"), text("Ledger closing", "账面期末"), text("Difference", "差异")]
        .map((header) => ({ header, kind: "money" as const, width: 16 })),
    ],
    rows,
  };
}

function summaryRows(a: AuditInput): Row[] {
  const rows: Row[] = [];
  rows.push(heading(cell.label(text("Income and spending", "收入与支出")), cell.label(text("Account", "科目")), cell.label(text("Amount", "金额"))));
  for (const l of a.income.lines) {
    if (l.role === "heading") { rows.push(heading(cell.label(l.label))); continue; }
    if (l.role === "account" && l.amounts[0] === 0) continue; // the full form is on its own sheet
    const pad = "\u3000".repeat(l.level);
    rows.push({ cells: [cell.label(text(pad + l.label.en, pad + l.label.zh)), l.role === "account" ? l.code : null, cell.money(l.amounts[0]!)], role: l.role === "account" ? "data" : "total" });
  }
  rows.push([]);
  rows.push(heading(cell.label(text("Cash check: opening + receipts − payments = closing", "现金核对：期初 + 收入 − 支出 = 期末"))));
  rows.push(heading(
    cell.label(text("Bank or cash account", "银行或现金科目")),
    cell.label(text("Account", "科目")),
    cell.label(text("Opening", "期初")),
    cell.label(text("Receipts", "收入")),
    cell.label(text("Payments", "支出")),
    cell.label(text("Closing", "期末")),
    cell.label(text("Ledger closing", "账面期末")),
    cell.label(text("Difference", "差异")),
  ));
  // Row numbers: this sheet has no header row (form layout), so rows start at 1.
  for (const c of a.cash) {
    const r = rows.length + 1;
    const computed = c.opening + c.receipts - c.payments;
    rows.push([
      cell.label(c.name), c.account, cell.money(c.opening), cell.money(c.receipts), cell.money(c.payments),
      cell.formula(`C${r}+D${r}-E${r}`, { kind: "money", minor: computed }),
      cell.money(c.closing),
      cell.formula(`G${r}-F${r}`, { kind: "money", minor: c.closing - computed }),
    ]);
  }
  return rows;
}

function duesDetail(a: AuditInput): Sheet {
  const lang = a.lang;
  function* rows(): Iterable<Row> {
    for (const l of a.duesDetail) {
      yield [
        l.period, l.memberId, l.name, l.department, l.status,
        pick(l.isMember ? yes : no, lang), pick(l.exempt ? yes : no, lang),
        l.duesBase, l.truncatedBase, l.rateText, l.dues, l.deducted ?? null, l.difference,
        l.batch, l.sourceLine,
      ];
    }
  }
  return {
    name: text("Dues detail", "会费明细"),
    columns: [
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Member id", "工号"), kind: "text" },
      { header: text("Name", "姓名"), kind: "text" },
      { header: text("Department", "部门"), kind: "text" },
      { header: text("Status", "状态"), kind: "text" },
      { header: text("Member", "会员"), kind: "text", width: 7 },
      { header: text("Exempt", "免缴"), kind: "text", width: 7 },
      { header: text("Dues base", "会费基数"), kind: "money" },
      { header: text("Truncated base", "取整基数"), kind: "money" },
      { header: text("Rate", "费率"), kind: "text", width: 8, align: "right" },
      { header: text("Dues", "应缴会费"), kind: "money" },
      { header: text("Deducted", "代扣会费"), kind: "money" },
      { header: text("Difference", "差额"), kind: "money" },
      { header: text("Batch", "批次"), kind: "integer", width: 7 },
      { header: text("Line", "行号"), kind: "integer", width: 8 },
    ],
    rows: rows(),
    totals: { label: text("Total", "合计"), columns: [10, 11, 12] },
  };
}

function exemptAndLapse(a: AuditInput): Sheet {
  const rows: Row[] = [];
  for (const e of a.exempt) {
    rows.push([pick(text("Exempt", "免缴"), a.lang), e.memberId, e.name, e.department, e.status, e.reason, e.first, e.last, cell.integer(e.months), null]);
  }
  for (const l of a.lapse) {
    rows.push([pick(text("Lapse risk", "失会风险"), a.lang), l.memberId, l.name, l.department, null, pick(text(`${l.months} months in a row with dues unpaid or short`, `连续 ${l.months} 个月未缴或少缴会费`), a.lang), l.since, l.through, cell.integer(l.months), cell.money(l.shortfall)]);
  }
  return {
    name: text("Exempt and lapse risk", "免缴与失会风险"),
    columns: [
      { header: text("Kind", "类别"), kind: "text" },
      { header: text("Member id", "工号"), kind: "text" },
      { header: text("Name", "姓名"), kind: "text" },
      { header: text("Department", "部门"), kind: "text" },
      { header: text("Status", "状态"), kind: "text" },
      { header: text("Reason", "原因"), kind: "text", width: 30, wrap: true },
      { header: text("From", "起"), kind: "text", width: 9 },
      { header: text("To", "止"), kind: "text", width: 9 },
      { header: text("Months", "月数"), kind: "integer", width: 7 },
      { header: text("Unpaid", "欠缴金额"), kind: "money" },
    ],
    rows,
    totals: rows.length ? { label: text("Total", "合计"), columns: [9] } : undefined,
    notes: [text("Lapse risk: six or more months in a row in which the dues deducted fell short of the dues assessed (中国工会章程 Art. 6).", "失会风险：连续六个月及以上代扣会费少于应缴会费（《中国工会章程》第六条）。")],
  };
}

const FUNDS_STATUS = PAYMENT_STATUS;

function funds(a: AuditInput): Sheet {
  const first = 2; // header row 1
  const late = a.funds.filter((f) => f.late).length;
  return {
    name: text("Funds", "拨缴经费"),
    columns: [
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Employees", "职工人数"), kind: "integer" },
      { header: text("Payroll base", "工资总额"), kind: "money" },
      { header: text("Rate", "比例"), kind: "text", width: 8, align: "right" },
      { header: text("Funds due (base × rate)", "应拨缴经费"), kind: "money" },
      { header: text("Kept (402)", "留成（402）"), kind: "money" },
      { header: text("Owed upward, booked (211)", "应上缴（211）"), kind: "money" },
      { header: text("Employer owes for the month", "单位本月应付"), kind: "money" },
      { header: text("Received for the month", "已收"), kind: "money" },
      { header: text("Outstanding", "未收"), kind: "money" },
      { header: text("Status", "状态"), kind: "text", width: 8 },
      { header: text("Due date", "应付日期"), kind: "date" },
      { header: text("Paid up on", "结清日期"), kind: "date" },
      { header: text("Late", "逾期"), kind: "text", width: 6 },
      { header: text("Employer owes at period end", "期末单位欠款"), kind: "money" },
    ],
    rows: a.funds.map((f, i) => {
      const n = first + i;
      return [
        f.period, cell.integer(f.employees), f.fundsBase, f.rateText, f.fundsDue, f.kept, f.upward,
        f.employerDue, f.received, cell.formula(`H${n}-I${n}`, { kind: "money", minor: f.employerDue - f.received }),
        f.status === null ? null : pick(FUNDS_STATUS[f.status], a.lang), f.dueDate, f.settledOn, pick(f.late ? yes : no, a.lang), f.employerBalance,
      ];
    }),
    totals: { label: text("Total", "合计"), columns: [2, 4, 5, 6, 7, 8, 9] },
    notes: [
      text(`Late months: ${late}. “Received” is what the employer paid for each month, allocated as \`dues reconcile --employer\` does (a payment with --period settles that month, the others the oldest month still owed), as of ${a.fundsAsOf}. A month is late when it was paid up after its due date, or is still owed after it.`, `逾期月数：${late}。“已收”为单位为该月支付的款项，按 \`dues reconcile --employer\` 的规则分配（注明 --period 的款项归该月，其余按月份先后冲抵），截至 ${a.fundsAsOf}。结清日期晚于应付日期，或过了应付日期仍未结清的月份为逾期。`),
      text("The employer owes dues deducted and funds together (its receivable, 13501); “Owed upward” is every share booked to 211 in the period (funds and, where the scheme splits them, dues).", "单位应付包括代扣会费与拨缴经费（应收单位款，13501）；“应上缴”为当期记入 211 的全部份额（经费，以及按方案分成的会费）。"),
    ],
  };
}

function remittances(a: AuditInput): Sheet {
  const first = 2; // header row 1
  return {
    name: text("Remittances", "上缴对账"),
    columns: [
      { header: text("Body", "上级工会"), kind: "text" },
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Due date", "应缴日期"), kind: "date" },
      { header: text("Opening owed", "期初应付"), kind: "money" },
      { header: text("Accrued", "本期应付"), kind: "money" },
      { header: text("Paid", "本期已付"), kind: "money" },
      { header: text("Closing owed", "期末应付"), kind: "money" },
      { header: text("Payment refs", "付款凭证号"), kind: "text" },
    ],
    rows: a.remittances.map((r, i) => {
      const n = first + i;
      return [r.bodyName, r.period, r.dueDate, r.opening, r.accrued, r.paid, cell.formula(`D${n}+E${n}-F${n}`, { kind: "money", minor: r.opening + r.accrued - r.paid }), r.refs];
    }),
    totals: { label: text("Total", "合计"), columns: [4, 5] },
    notes: [text("Per body: opening + accrued − paid = closing (DOMAIN checklist item 4).", "按上级工会：期初 + 本期应付 − 本期已付 = 期末。")],
  };
}

// The batches that are not money of the range: the opening balances (期初) and the year-end carry-forward.
const KIND_LABELS: Readonly<Record<string, Text>> = {
  opening: text("opening (期初)", "期初"),
  "year-close": text("year-end carry-forward", "年末结转"),
  "year-reopen": text("carry-forward reversed", "冲回年末结转"),
};

function batches(a: AuditInput): Sheet {
  return {
    name: text("Import batches", "导入批次"),
    columns: [
      { header: text("Batch", "批次"), kind: "integer", width: 7 },
      { header: text("Kind", "类型"), kind: "text" },
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Source", "来源"), kind: "text" },
      { header: text("File", "文件"), kind: "text" },
      { header: text("SHA-256", "SHA-256"), kind: "text", width: 24 },
      { header: text("Encoding", "编码"), kind: "text" },
      { header: text("Rows", "行数"), kind: "integer" },
      { header: text("Configuration SHA-256", "配置 SHA-256"), kind: "text", width: 24 },
      { header: text("Recorded at", "记录时间"), kind: "text", width: 22 },
      { header: text("By", "操作人"), kind: "text" },
      { header: text("Voided", "已作废"), kind: "text", width: 8 },
      { header: text("Void reason", "作废原因"), kind: "text" },
      { header: text("Entries", "凭证数"), kind: "integer", width: 8 },
    ],
    // One row per batch (a federation: one per advice file), made as the sheet is written.
    rows: lazyRows(() => a.batches.map((b) => [
      cell.integer(b.id), KIND_LABELS[b.kind] ? cell.label(KIND_LABELS[b.kind]!) : b.kind, b.period, b.source, b.file, b.sha256, b.encoding, b.rows === null ? null : cell.integer(b.rows), b.configSha256,
      b.createdAt, b.createdBy, pick(b.voided ? yes : no, a.lang), b.voidReason, cell.integer(b.entries),
    ])),
  };
}

function journal(a: AuditInput): Sheet {
  const lang = a.lang;
  function* rows(): Iterable<Row> {
    for (const j of a.journal) {
      yield [
        j.seq, j.line, j.date, j.period, j.kind, j.batch, j.memo, j.ref, j.account, pick(j.accountName, lang), j.body, j.member,
        j.amount > 0 ? j.amount : null, j.amount < 0 ? -j.amount : null,
      ];
    }
  }
  return {
    name: text("Journal", "日记账"),
    columns: [
      { header: text("Entry", "凭证号"), kind: "integer", width: 8 },
      { header: text("Line", "行"), kind: "integer", width: 5 },
      { header: text("Date", "日期"), kind: "date", width: 11 },
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Kind", "类型"), kind: "text", width: 9 },
      { header: text("Batch", "批次"), kind: "integer", width: 7 },
      { header: text("Memo", "摘要"), kind: "text", width: 30 },
      { header: text("Ref", "单据号"), kind: "text", width: 12 },
      { header: text("Account", "科目"), kind: "text", width: 8 },
      { header: text("Account name", "科目名称"), kind: "text", width: 24 },
      { header: text("Body", "上级工会"), kind: "text", width: 10 },
      { header: text("Member", "会员"), kind: "text", width: 10 },
      { header: text("Debit", "借方"), kind: "money", width: 16 },
      { header: text("Credit", "贷方"), kind: "money", width: 16 },
    ],
    rows: rows(),
    totals: { label: text("Total", "合计"), columns: [12, 13] },
  };
}

function exceptions(a: AuditInput): Sheet {
  return {
    name: text("Exceptions", "异常事项"),
    columns: [
      { header: text("Code", "代码"), kind: "text" },
      { header: text("What and why", "说明"), kind: "text", width: 50, wrap: true },
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Member id", "工号"), kind: "text" },
      { header: text("Name", "姓名"), kind: "text" },
      { header: text("Batch", "批次"), kind: "integer", width: 7 },
      { header: text("File", "文件"), kind: "text" },
      { header: text("Line", "行号"), kind: "integer", width: 8 },
      { header: text("Entry", "凭证号"), kind: "integer", width: 8 },
      { header: text("Amount", "金额"), kind: "money" },
    ],
    rows: (function* (): Iterable<Row> {
      for (const e of a.exceptions) yield [e.code, cell.label(e.what), e.period, e.member, e.name, e.batch, e.file, e.line, e.entry, e.amount];
    })(),
    notes: a.exceptionCount ? undefined : [text("No exceptions found in this range.", "本期间未发现异常事项。")],
  };
}

function checklist(a: AuditInput): Sheet {
  const status = { shown: text("shown", "已列示"), attention: text("needs attention", "需关注"), elsewhere: text("see note", "见说明") };
  return {
    name: text("Checklist", "审查清单"),
    columns: [
      { header: text("No.", "序号"), kind: "integer", width: 5 },
      { header: text("What the committee checks", "审查事项"), kind: "text", width: 34, wrap: true },
      { header: text("Where in this workbook", "本工作簿位置"), kind: "text", width: 24, wrap: true },
      { header: text("What it shows", "情况"), kind: "text", width: 60, wrap: true },
      { header: text("Status", "状态"), kind: "text", width: 12 },
    ],
    // Read when the writer reaches the sheet: a federation's item counts what its Affiliates sheet showed.
    rows: (function* (): Iterable<Row> {
      for (const [i, c] of a.checklist.entries()) yield [cell.integer(i + 1), cell.label(c.item), cell.label(c.where), cell.label(c.shows), cell.label(status[c.status])];
    })(),
    signOff: SIGN_OFF,
  };
}
