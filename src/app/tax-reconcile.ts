// What the tax office's lists mean for `dues reconcile --affiliates` and the audit sheets:
// for an affiliate under a tax model, its advice's funds shares are expected from the tax
// office (not booked to 132), and each list's collection less the refund is what came in.
// Flows in domain/reconcile.ts's terms, to add to the affiliates' own (132) flows.
import { estimatedUpward, type FederationConfig } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";
import type { Accrual, Payment } from "../domain/reconcile.js";
import type { StandingLine } from "../ledger/affiliate-store.js";
import type { TaxReceipt } from "../ledger/tax-list-store.js";

/**
 * One affiliate's, from its standing advice lines and the lists' receipts for it.
 * Accruals: per standing advice month of a tax-collected affiliate, expected − booked (the
 * shares the tax office collects for it). Payments: per month, what the lists collected
 * less the refund, dated the employer's 实缴日期 (the affiliate is not late for the office's
 * transfer) and settling that month. `estimated`: the months expected without an advice.
 */
export function taxCollectedFlows(fed: FederationConfig | undefined, lines: readonly StandingLine[], fundsBase: Minor | null | undefined, receipts: readonly TaxReceipt[]): { accruals: Accrual[]; payments: Payment[]; estimated: Set<Period> } {
  const accruals: Accrual[] = [];
  const advised = new Set<Period>();
  const estimated = new Set<Period>();
  for (const l of lines) {
    advised.add(l.period);
    if (l.collection === "union-collects") continue;
    const fromTax = l.expected - l.booked;
    if (fromTax !== 0) accruals.push({ party: l.affiliate, period: l.period, amount: fromTax });
  }
  for (const r of receipts) {
    // A month the tax office collected for and no advice covers: expected from the funds base
    // last known (as for affiliates that remit themselves), else what was collected (nothing
    // to hold it against: it is neither short nor over).
    if (advised.has(r.period)) continue;
    estimated.add(r.period);
    accruals.push({ party: r.affiliate, period: r.period, amount: fed && fundsBase !== null && fundsBase !== undefined ? estimatedUpward(fundsBase, fed) : r.received });
  }
  const payments: Payment[] = receipts.filter((r) => r.received !== 0)
    .map((r) => ({ party: r.affiliate, amount: r.received, date: r.paidOn!, period: r.period, ref: null }));
  return { accruals, payments, estimated };
}
