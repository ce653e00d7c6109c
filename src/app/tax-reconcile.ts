// What the tax office's lists mean for `dues reconcile --affiliates` and the audit sheets:
// for an affiliate under a tax model, its advice's funds shares are expected from the tax
// office (not booked to 132), and each list's collection less the refund is what came in.
// Flows in domain/reconcile.ts's terms, to add to the affiliates' own (132) flows.
import type { Config } from "../domain/config.js";
import { estimatedUpward } from "../domain/federation.js";
import type { Accrual, Payment } from "../domain/reconcile.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { TaxListStore } from "../ledger/tax-list-store.js";

/**
 * Accruals: per standing advice month of a tax-collected affiliate, expected − booked (the
 * shares the tax office collects for it). Payments: per affiliate and month, what the
 * lists collected less the refund, dated the employer's 实缴日期 (the affiliate is not late
 * for the office's transfer) and settling that month.
 */
export function taxCollectedFlows(ws: { config: Config; ledger: Ledger }): { accruals: Accrual[]; payments: Payment[]; estimated: Set<string> } {
  const fed = ws.config.federation;
  const store = new AffiliateStore(ws.ledger.db);
  const accruals: Accrual[] = [];
  const advised = new Set<string>();
  /** Affiliate + "\u0000" + month: expected without an advice (from the funds base, or what came). */
  const estimated = new Set<string>();
  for (const l of store.standingLines()) {
    advised.add(`${l.affiliate}\u0000${l.period}`);
    if (l.collection === "union-collects") continue;
    const fromTax = l.expected - l.booked;
    if (fromTax !== 0) accruals.push({ party: l.affiliate, period: l.period, amount: fromTax });
  }
  const base = new Map(store.all().map((a) => [a.id, a.fundsBase]));
  const receipts = new TaxListStore(ws.ledger.db).receipts();
  for (const r of receipts) {
    // A month the tax office collected for and no advice covers: expected from the funds base
    // last known (as for affiliates that remit themselves), else what was collected (nothing
    // to hold it against: it is neither short nor over).
    if (advised.has(`${r.affiliate}\u0000${r.period}`)) continue;
    const b = base.get(r.affiliate);
    estimated.add(`${r.affiliate}\u0000${r.period}`);
    accruals.push({ party: r.affiliate, period: r.period, amount: fed && b !== null && b !== undefined ? estimatedUpward(b, fed) : r.received });
  }
  const payments: Payment[] = receipts.filter((r) => r.received !== 0)
    .map((r) => ({ party: r.affiliate, amount: r.received, date: r.paidOn!, period: r.period, ref: null }));
  return { accruals, payments, estimated };
}
