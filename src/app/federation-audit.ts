// The federation's part of `dues export audit`: per affiliate and month what was expected,
// received and is outstanding, days late and late fee (the affiliates' own 132 flows and the
// tax office's collections, reconciled by domain/reconcile.ts), and per affiliate the
// refunds owed and paid (212). Reads only; null for a union that is no federation.
import { federationAccountFor, isFederationChart } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { daysBetween, type IsoDate, type Period } from "../domain/period.js";
import { reconcile, type Accrual, type Payment, type ReconcileRow } from "../domain/reconcile.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import type { FederationAudit } from "../report/audit-workbook.js";
import type { AffiliateMonthRow, RefundRow } from "../report/federation-sheets.js";
import { bankStoreOf } from "./receive.js";
import { taxCollectedFlows } from "./tax-reconcile.js";

/** Days after the due date a month was paid up, or has stayed owed as of `asOf`. */
export function lateDaysOf(row: ReconcileRow, asOf: IsoDate): number {
  if (row.due <= 0) return 0;
  if (row.settledOn !== null) return row.settledOn > row.dueDate ? daysBetween(row.dueDate, row.settledOn) : 0;
  return row.outstanding > 0 && asOf > row.dueDate ? daysBetween(row.dueDate, asOf) : 0;
}

export function federationAudit(ws: { config: Config; ledger: Ledger }, o: { from: Period; to: Period; asOf: IsoDate }): FederationAudit | null {
  const { config, ledger } = ws;
  const fed = config.federation;
  const chart = config.union.chart;
  if (!fed || !isFederationChart(chart)) return null;
  const register = new AffiliateStore(ledger.db).all();
  const byId = new Map(register.map((a) => [a.id, a]));
  const bank = bankStoreOf(ledger);

  // The affiliates' own flows on 132 (an advice's debit is owed for its month; a reversal by
  // a corrected advice takes it back; credits are payments), then the tax office's.
  const accruals: Accrual[] = [];
  const payments: Payment[] = [];
  const receivable = federationAccountFor(chart, "affiliate-receivable")!;
  for (const f of bank.flows([receivable])) {
    const party = f.body ?? "";
    if (f.amount > 0 || f.kind === "advice") accruals.push({ party, period: f.period, amount: f.amount });
    else payments.push({ party, amount: -f.amount, date: f.date, period: f.settles, ref: f.ref });
  }
  const tax = taxCollectedFlows(ws);
  const r = reconcile([...accruals, ...tax.accruals], [...payments, ...tax.payments], {
    asOf: o.asOf, dueDay: fed.dueDay, lateFee: fed.lateFee, from: o.from, to: o.to, order: register.map((a) => a.id),
  });
  const affiliates: AffiliateMonthRow[] = r.rows.map((row) => {
    const a = byId.get(row.party);
    return {
      affiliate: row.party, name: a?.name ?? row.party, period: row.period, collection: a?.collection ?? fed.collection, dueDate: row.dueDate,
      expected: row.due, received: row.paid, lateDays: lateDaysOf(row, o.asOf), lateFee: row.lateFee,
      status: row.notYetDue && row.status !== "paid" ? "not-due" : row.status,
    };
  });

  // Refunds per affiliate (212 by the entry's period): before the range, in it, paid in it.
  const payable = federationAccountFor(chart, "affiliate-payable")!;
  const refunds = new Map<string, { opening: number; owed: number; paid: number; lastPaid: string | null; refs: Set<string> }>();
  for (const f of bank.flows([payable])) {
    if (f.period > o.to) continue;
    const party = f.body ?? "";
    const x = refunds.get(party) ?? refunds.set(party, { opening: 0, owed: 0, paid: 0, lastPaid: null, refs: new Set() }).get(party)!;
    if (f.period < o.from) x.opening -= f.amount;
    else if (f.amount < 0) x.owed -= f.amount;
    else {
      x.paid += f.amount;
      if (!x.lastPaid || f.date > x.lastPaid) x.lastPaid = f.date;
      if (f.ref) x.refs.add(f.ref);
    }
  }
  const refundRows: RefundRow[] = [...refunds].filter(([, x]) => x.opening !== 0 || x.owed !== 0 || x.paid !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, x]) => ({ affiliate: id, name: byId.get(id)?.name ?? id, opening: x.opening, owed: x.owed, paid: x.paid, lastPaid: x.lastPaid, refs: [...x.refs].join(", ") }));
  return { affiliates, refunds: refundRows, asOf: o.asOf, lateFee: fed.lateFee !== null };
}
