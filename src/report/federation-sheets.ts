// The federation's sheets of the audit workbook (issue 11): affiliates (one row per
// affiliate and month: expected, received, outstanding, late fee) and refunds (owed, paid,
// outstanding per affiliate under tax collection). Models only; the app gathers the rows.
import type { Minor } from "../domain/money.js";
import { pick, text, type Lang, type Text } from "../domain/text.js";
import { cell, type Row, type Sheet } from "./model.js";

export interface AffiliateMonthRow {
  readonly affiliate: string;
  readonly name: string;
  readonly period: string;
  /** How the month's money comes: union-collects | tax-full | tax-upward. */
  readonly collection: string;
  readonly dueDate: string;
  /** What the federation expected for the month (the advice, else the last known funds base). */
  readonly expected: Minor;
  /** What came in for it (the affiliate's payments, or the tax office's collection less the refund). */
  readonly received: Minor;
  readonly lateDays: number;
  /** null when no late fee is configured. */
  readonly lateFee: Minor | null;
  readonly status: "paid" | "partial" | "unpaid" | "overpaid" | "not-due" | "no-advice";
  /** Where expected comes from: the advice (or the tax list), an estimate from the funds base, or nothing known. */
  readonly source: "advice" | "estimate" | "none";
}

export interface RefundRow {
  readonly affiliate: string;
  readonly name: string;
  /** Refunds owed (212 credits) in the range, and what was owed before it. */
  readonly opening: Minor;
  readonly owed: Minor;
  readonly paid: Minor;
  /** The last refund paid, or null. */
  readonly lastPaid: string | null;
  readonly refs: string;
}

/** How a month stands, as `dues reconcile` words it (the Funds sheet uses the same words). */
export const PAYMENT_STATUS = {
  paid: text("paid", "已清"),
  partial: text("partial", "部分"),
  unpaid: text("unpaid", "未付"),
  overpaid: text("overpaid", "多付"),
  "not-due": text("not due", "未到期"),
  "no-advice": text("no advice", "未报回执"),
} as const;

const SOURCE: Readonly<Record<AffiliateMonthRow["source"], Text>> = {
  advice: text("advice", "回执"),
  estimate: text("estimate", "估算"),
  none: text("none", "无"),
};

const COLLECTION: Readonly<Record<string, Text>> = {
  "union-collects": text("union collects", "工会自收"),
  "tax-full": text("tax office, full 2%", "税务全额代收"),
  "tax-upward": text("tax office, upward share", "税务代收上解部分"),
};

/** One row per affiliate and month; outstanding is a live formula (expected − received). */
export function affiliatesSheet(rows: Iterable<AffiliateMonthRow>, o: { lang: Lang; asOf: string; lateFee: boolean }): Sheet {
  const first = 2; // header row 1
  // Counted as the rows stream; the notes, written after them, say how many were late.
  let late = 0;
  return {
    name: text("Affiliates", "基层工会对账"),
    columns: [
      { header: text("Affiliate", "基层工会"), kind: "text", width: 14 },
      { header: text("Name", "名称"), kind: "text", width: 24 },
      { header: text("Period", "期间"), kind: "text", width: 9 },
      { header: text("Collected by", "收缴方式"), kind: "text", width: 16 },
      { header: text("Due date", "应缴日期"), kind: "date", width: 12, align: "center" },
      { header: text("Expected", "应收"), kind: "money", width: 15 },
      { header: text("Received", "已收"), kind: "money", width: 15 },
      { header: text("Outstanding", "未收"), kind: "money", width: 15 },
      { header: text("Days late", "逾期天数"), kind: "integer", width: 9 },
      { header: text("Late fee", "滞纳金"), kind: "money", width: 13 },
      { header: text("Status", "状态"), kind: "text", width: 10, align: "center" },
      { header: text("Expected from", "应收依据"), kind: "text", width: 18 },
    ],
    rows: (function* (): Iterable<Row> {
      let n = first;
      for (const r of rows) {
        if (r.lateDays > 0) late++;
        yield [
          r.affiliate, r.name, r.period, COLLECTION[r.collection] ? cell.label(COLLECTION[r.collection]!) : r.collection, r.dueDate,
          r.expected, r.received, cell.formula(`F${n}-G${n}`, { kind: "money", minor: r.expected - r.received }),
          cell.integer(r.lateDays), r.lateFee, pick(PAYMENT_STATUS[r.status], o.lang), cell.label(SOURCE[r.source]),
        ];
        n++;
      }
    })(),
    totals: { label: text("Total", "合计"), columns: [5, 6, 7, 9] },
    get notes() {
      return [
      text(`As of ${o.asOf}: ${late} affiliate-month${late === 1 ? "" : "s"} late. Expected is what the affiliate's advice says comes here, else its last known payroll base × the rate (Expected from: estimate; no late fee until an advice gives the amount); a month with neither an advice nor a collection is listed as the one to chase; received under tax collection is what the tax office collected less the affiliate's refund.${o.lateFee ? "" : " No late fee is configured (federation.late_fee)."}`,
        `截至 ${o.asOf}：逾期 ${late} 个（基层工会·月）。应收为基层工会报表中应上缴本会的金额，无报表时按最近一次的工资总额 × 比例估算（应收依据：估算；收到回执、数额确定前不计滞纳金）；既无回执也无代收的月份照列，以便催缴；税务代收的已收为代收金额减去应返还基层工会的部分。${o.lateFee ? "" : "未配置滞纳金（federation.late_fee）。"}`),
      ];
    },
  };
}

/** Per affiliate: refunds owed and paid (212 应付下级经费); closing is a live formula. */
export function refundsSheet(rows: Iterable<RefundRow>, o: { from: string; to: string }): Sheet {
  const first = 2;
  return {
    name: text("Refunds", "返还经费"),
    columns: [
      { header: text("Affiliate", "基层工会"), kind: "text", width: 14 },
      { header: text("Name", "名称"), kind: "text", width: 24 },
      { header: text("Owed before", "期初应返还"), kind: "money", width: 15 },
      { header: text("Owed in the range", "本期应返还"), kind: "money", width: 15 },
      { header: text("Paid", "本期已返还"), kind: "money", width: 15 },
      { header: text("Outstanding", "期末应返还"), kind: "money", width: 15 },
      { header: text("Last paid", "最近返还日期"), kind: "date", width: 14, align: "center" },
      { header: text("Payment refs", "付款凭证号"), kind: "text", width: 18 },
    ],
    rows: (function* (): Iterable<Row> {
      let n = first;
      for (const r of rows) {
        yield [r.affiliate, r.name, r.opening, r.owed, r.paid, cell.formula(`C${n}+D${n}-E${n}`, { kind: "money", minor: r.opening + r.owed - r.paid }), r.lastPaid, r.refs];
        n++;
      }
    })(),
    totals: { label: text("Total", "合计"), columns: [2, 3, 4, 5] },
    notes: [
      text(`${o.from} – ${o.to}. Refunds are the affiliates' share of what the tax office collected for them (返还, 212 应付下级经费), paid with dues refund --to AFFILIATE; owed before + owed − paid = outstanding.`,
        `${o.from} 至 ${o.to}。返还经费为税务代收中应返还基层工会的部分（212 应付下级经费），用 dues refund --to 基层工会 支付；期初 + 本期应返还 − 本期已返还 = 期末。`),
    ],
  };
}
