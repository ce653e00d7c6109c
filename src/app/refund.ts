// `dues refund --to AFFILIATE`: pays an affiliate the refund the federation owes it from
// tax collections (返还: Dr 212 应付下级经费:AFFILIATE = Cr bank), never more than is owed;
// and the refunds owed and paid per affiliate and month, for reconcile and the audit sheets.
import { accountFor, federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { FederationConfig } from "../domain/federation.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { reconcile, type Accrual, type Payment, type Reconciliation } from "../domain/reconcile.js";
import { text } from "../domain/text.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { FlowPosting } from "../ledger/bank-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { requireFederation } from "./affiliates.js";
import { bankStoreOf, checkPayment, EMPLOYER } from "./receive.js";

export const REFUND_KIND = "refund";

export interface RefundRequest {
  readonly to: string;
  /** Default: everything owed. */
  readonly amount?: string;
  /** Default: today. */
  readonly date?: string;
  readonly ref?: string;
  readonly period?: string;
}

export interface BookedRefund {
  readonly affiliate: string;
  readonly name: string;
  readonly amount: Minor;
  readonly date: IsoDate;
  readonly ref: string | null;
  readonly settles: Period | null;
  readonly batch: number;
  readonly entry: number;
  /** Still owed to the affiliate after this payment. */
  readonly stillOwed: Minor;
}

export function refundAccount(config: Config): string {
  const code = federationAccountFor(config.union.chart, "affiliate-payable");
  if (!code) throw new Error(`bug: chart ${config.union.chart} has no affiliate-payable account`);
  return code;
}

/** What the federation owes an affiliate now: the credit balance of 212:AFFILIATE. */
export function refundOwed(ledger: Ledger, config: Config, affiliate: string): Minor {
  return -ledger.balances({ account: refundAccount(config), byBody: true }).filter((r) => r.body === affiliate).reduce((t, r) => t + r.balance, 0);
}

export function bookRefund(ws: { config: Config; ledger: Ledger }, req: RefundRequest, o: { createdAt: string; today: IsoDate }): BookedRefund {
  const { config, ledger } = ws;
  requireFederation(config, "dues refund");
  const affiliate = new AffiliateStore(ledger.db).get(req.to);
  const problems = [];
  if (!affiliate) {
    problems.push(problem("REFUND_UNKNOWN_AFFILIATE", text(`${req.to} is not an affiliate in the register`, `${req.to} 不是登记册中的基层工会`), {
      file: "--to", hint: text("affiliates come from dues affiliates import; see dues affiliates list", "基层工会来自 dues affiliates import；请查看 dues affiliates list"),
    }));
  }
  // Amount, date, period and a closed month are checked as for any payment (receive.ts).
  const checked = checkPayment(config, ledger, { direction: "receive", party: EMPLOYER, amount: req.amount ?? "1", date: req.date ?? o.today, ref: req.ref, period: req.period }, o.today);
  if (checked.closed) throw new Refusal("cannot-write", [checked.closed]);
  problems.push(...checked.problems);
  if (problems.length || !checked.value || !affiliate) throw new Refusal("data", problems);
  const d = checked.value;
  const digits = config.union.currency.digits;
  const money = (m: Minor) => formatMinor(m, digits, { grouping: true });
  return ledger.transaction(() => {
    // Read inside the transaction: what is owed now, so two clerks cannot both pay it.
    const owed = refundOwed(ledger, config, affiliate.id);
    const amount = req.amount === undefined ? owed : d.amount;
    if (owed <= 0) {
      throw new Refusal("data", [problem("REFUND_NOTHING_OWED", text(`nothing is owed to ${affiliate.id} (${affiliate.name}): no refund is outstanding`, `没有应返还 ${affiliate.id}（${affiliate.name}）的经费`), {
        file: "--to", hint: text("refunds are owed from tax collections under tax-full (dues import tax-list); see dues reconcile --affiliates", "应返还经费来自税务全额代收（dues import tax-list）；请查看 dues reconcile --affiliates"),
      })]);
    }
    if (amount > owed) {
      throw new Refusal("data", [problem("REFUND_MORE_THAN_OWED", text(`${money(amount)} is more than the ${money(owed)} owed to ${affiliate.id}`, `${money(amount)} 超过应返还 ${affiliate.id} 的 ${money(owed)}`), {
        file: "--amount", hint: text(`pay at most ${formatMinor(owed, digits)}, or leave --amount out to pay it all`, `最多支付 ${formatMinor(owed, digits)}；不写 --amount 即全部支付`),
      })]);
    }
    const period = periodOf(d.date);
    const zh = config.union.locale === "zh-CN";
    const memo = (zh ? `返还 ${affiliate.id}（${affiliate.name}）经费 ${formatMinor(amount, digits)}` : `Refund to ${affiliate.id} (${affiliate.name}), ${formatMinor(amount, digits)}`)
      + (d.settles ? (zh ? `，所属 ${d.settles}` : ` for ${d.settles}`) : "");
    const batch = ledger.beginBatch({ kind: REFUND_KIND, period, memo, createdAt: o.createdAt });
    const entry = ledger.postEntry({
      batch, date: d.date, period, memo, kind: REFUND_KIND, ref: d.ref ?? undefined, body: affiliate.id,
      postings: [{ account: refundAccount(config), body: affiliate.id, amount }, { account: accountFor(config.union.chart, "bank"), amount: -amount }],
    });
    if (d.settles) bankStoreOf(ledger).settle(entry, d.settles);
    return { affiliate: affiliate.id, name: affiliate.name, amount, date: d.date, ref: d.ref, settles: d.settles, batch, entry, stillOwed: owed - amount };
  });
}

/**
 * Refunds owed (212 credits, by the month collected) against refunds paid (212 debits), of
 * one affiliate's 212 postings (BankStore.flowsByBody), by the same rules as remittances
 * (domain/reconcile.ts: a payment with --period settles that month, the rest the oldest
 * month still owed). For `dues reconcile --affiliates` and the audit workbook's Refunds sheet.
 */
export function reconcileRefunds(flows: readonly FlowPosting[], fed: FederationConfig, o: { asOf: IsoDate; from?: Period; to?: Period }): Reconciliation {
  const accruals: Accrual[] = [];
  const payments: Payment[] = [];
  for (const f of flows) {
    const party = f.body ?? "";
    if (f.amount < 0) accruals.push({ party, period: f.period, amount: -f.amount });
    else payments.push({ party, amount: f.amount, date: f.date, period: f.settles, ref: f.ref });
  }
  // Refunds are the federation's to pay: no late fee is charged to it here.
  return reconcile(accruals, payments, { asOf: o.asOf, dueDay: fed.dueDay, lateFee: null, from: o.from, to: o.to, until: o.to ? undefined : periodOf(o.asOf) });
}
