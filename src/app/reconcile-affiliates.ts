// `dues reconcile --affiliates` and `dues arrears --affiliates`: per affiliate and month, what
// it owes this federation (booked from its advice; for a month without one, estimated from
// its funds base last known), what it paid (receipts on 132:AFFILIATE), what is outstanding,
// how many days late and the late fee (federation.late_fee), through domain/reconcile.ts.
import type { Config } from "../domain/config.js";
import { estimatedUpward } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import { addMonths, comparePeriods, daysBetween, dueDateOf, isPeriod, periodOf, periodRange, type IsoDate, type Period } from "../domain/period.js";
import { Refusal } from "../domain/problem.js";
import { partiesBehind, reconcile, type Accrual, type PartyBehind, type ReconcileRow, type ReconcileTotals } from "../domain/reconcile.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { requireFederation, unknownAffiliate } from "./affiliates.js";
import { checkRequest, readFlows } from "./reconcile.js";
import { reconcileRefunds } from "./refund.js";
import { taxCollectedFlows } from "./tax-reconcile.js";

export interface AffiliateReconcileRequest {
  readonly from?: string;
  readonly to?: string;
  readonly affiliate?: string;
  readonly asOf?: string;
}

/** Where a row's expected amount comes from. */
export type ExpectedSource = "advice" | "estimate" | "none";

export interface AffiliateRow extends ReconcileRow {
  readonly name: string;
  readonly source: ExpectedSource;
  /** Days after the due date it was paid, or has stayed unpaid as of the as-of date. */
  readonly lateDays: number;
}

export interface AffiliateReconciliation {
  readonly asOf: IsoDate;
  readonly from: Period | null;
  readonly to: Period | null;
  readonly rows: readonly AffiliateRow[];
  readonly totals: ReconcileTotals;
  /** Nothing that has fallen due is owed, overpaid, or without an advice (exit 0). */
  readonly settled: boolean;
  readonly digits: number;
  /** Per affiliate: refunds owed from tax collections (212) and paid with dues refund (wt-tax). */
  readonly refunds: readonly RefundStanding[];
}

export interface RefundStanding {
  readonly affiliate: string;
  readonly name: string;
  readonly owed: Minor;
  readonly paid: Minor;
  /** owed − paid over the months shown. */
  readonly outstanding: Minor;
  /** Of it, on months whose refund has fallen due (federation.due_day of the next month). */
  readonly overdue: Minor;
}

export function reconcileAffiliates(ws: { config: Config; ledger: Ledger }, req: AffiliateReconcileRequest, today: IsoDate): AffiliateReconciliation {
  const fed = requireFederation(ws.config, "dues reconcile --affiliates");
  const problems = checkRequest(ws.config, { from: req.from, to: req.to, asOf: req.asOf });
  if (problems.length) throw new Refusal("usage", problems);
  const store = new AffiliateStore(ws.ledger.db);
  if (req.affiliate !== undefined && !store.get(req.affiliate)) throw unknownAffiliate(store, req.affiliate, "--affiliate");
  const asOf = req.asOf ?? today;
  const affiliates = store.all();
  const flows = readFlows(ws.ledger, ws.config, "affiliates");
  // Tax-collected affiliates: their funds come with the tax office's lists (wt-tax, tax-reconcile.ts).
  const tax = taxCollectedFlows(ws);
  const reported = new Set(store.standingLines().map((l) => `${l.affiliate}\u0000${l.period}`));
  const booked = new Set(flows.accruals.map((a) => `${a.party}\u0000${a.period}`));

  // The months to look at: from the first an advice covers (or --from) to the last month
  // that has ended by the as-of date (or --to). A month in it without an advice is expected
  // from the affiliate's funds base, when the register has one and it remits itself.
  const firstKnown = [...reported].map((k) => k.split("\u0000")[1]!).sort(comparePeriods)[0];
  const from = req.from ?? firstKnown;
  const to = req.to ?? addMonths(periodOf(asOf), -1);
  const months = from !== undefined && isPeriod(from) && from <= to ? periodRange(from, to) : [];
  const estimates: Accrual[] = [];
  const none = new Set<string>();
  for (const a of affiliates) {
    if (req.affiliate !== undefined && a.id !== req.affiliate) continue;
    const model = a.collection ?? fed.collection;
    const receives = a.receives ?? fed.receives;
    for (const p of months) {
      const key = `${a.id}\u0000${p}`;
      if (reported.has(key) || booked.has(key)) continue;
      // Under a tax model the funds come with the tax authority's list, not from the affiliate.
      if (model !== "union-collects") continue;
      if (receives === "all" && a.fundsBase !== null) estimates.push({ party: a.id, period: p, amount: estimatedUpward(a.fundsBase, fed) });
      else none.add(key);
    }
  }
  const r = reconcile([...flows.accruals, ...estimates, ...tax.accruals], [...flows.payments, ...tax.payments], {
    asOf, dueDay: fed.dueDay, lateFee: fed.lateFee, from: req.from ?? from, to: req.to, until: periodOf(asOf),
    only: req.affiliate ? [req.affiliate] : undefined,
  });
  const names = new Map(affiliates.map((a) => [a.id, a.name]));
  const estimated = new Set([...estimates.map((e) => `${e.party}\u0000${e.period}`), ...tax.estimated]);
  const rows: AffiliateRow[] = r.rows.map((row) => {
    const key = `${row.party}\u0000${row.period}`;
    return { ...row, name: names.get(row.party) ?? row.party, source: estimated.has(key) ? "estimate" : reported.has(key) || booked.has(key) ? "advice" : "none", lateDays: lateDaysOf(row, asOf) };
  });
  // A month with neither an advice nor a way to estimate it, and nothing paid: still a row,
  // so a silent affiliate is seen (due 0.00, source none), and owed once its due date passes.
  const shown = new Set(rows.map((x) => `${x.party}\u0000${x.period}`));
  for (const key of none) {
    if (shown.has(key)) continue;
    const [party, period] = key.split("\u0000") as [string, Period];
    const dueDate = dueDateOf(period, fed.dueDay);
    rows.push({
      party, period, dueDate, due: 0, paid: 0, outstanding: 0, status: "unpaid", notYetDue: asOf < dueDate, lateFee: fed.lateFee ? 0 : null, refs: [], settledOn: null,
      late: asOf > dueDate, name: names.get(party) ?? party, source: "none", lateDays: asOf > dueDate ? daysBetween(dueDate, asOf) : 0,
    });
  }
  rows.sort((a, b) => (a.party < b.party ? -1 : a.party > b.party ? 1 : comparePeriods(a.period, b.period)));
  // Refunds the federation owes affiliates (tax-full collections): outstanding ones keep it unsettled too.
  const refundRows = new Map<string, RefundStanding>();
  for (const x of reconcileRefunds(ws, { asOf, from: req.from, to: req.to, affiliate: req.affiliate }).rows) {
    const cur = refundRows.get(x.party) ?? { affiliate: x.party, name: names.get(x.party) ?? x.party, owed: 0, paid: 0, outstanding: 0, overdue: 0 };
    refundRows.set(x.party, { ...cur, owed: cur.owed + x.due, paid: cur.paid + x.paid, outstanding: cur.outstanding + x.outstanding, overdue: cur.overdue + (x.notYetDue ? 0 : x.outstanding) });
  }
  const refunds = [...refundRows.values()].sort((a, b) => (a.affiliate < b.affiliate ? -1 : a.affiliate > b.affiliate ? 1 : 0));
  const settled = rows.every((x) => x.notYetDue || (x.status === "paid" && x.source !== "none")) && refunds.every((x) => x.overdue === 0);
  return { asOf, from: rows.length ? rows.map((x) => x.period).sort(comparePeriods)[0]! : from ?? null, to: rows.length ? rows.map((x) => x.period).sort(comparePeriods).at(-1)! : to, rows, totals: r.totals, settled, digits: ws.config.union.currency.digits, refunds };
}

function lateDaysOf(row: ReconcileRow, asOf: IsoDate): number {
  if (row.due <= 0) return 0;
  if (row.settledOn !== null) return row.settledOn > row.dueDate ? daysBetween(row.dueDate, row.settledOn) : 0;
  return row.outstanding > 0 && asOf > row.dueDate ? daysBetween(row.dueDate, asOf) : 0;
}

/** Affiliates behind on `minMonths` or more past-due months (default 3), most months first. */
export function affiliatesBehind(ws: { config: Config; ledger: Ledger }, o: { today: IsoDate; asOf?: string; minMonths?: number }): { asOf: IsoDate; behind: (PartyBehind & { name: string; lateFee: Minor | null })[]; digits: number } {
  const r = reconcileAffiliates(ws, { asOf: o.asOf }, o.today);
  const min = o.minMonths ?? 3;
  const names = new Map(r.rows.map((x) => [x.party, x.name]));
  // partiesBehind counts past-due months with something outstanding; a month without an
  // advice (source none) counts too: nothing came for it.
  const owing = { ...emptyReconciliation(r), rows: r.rows.map((x) => (x.source === "none" && !x.notYetDue ? { ...x, outstanding: 1 } : x)) };
  const fees = new Map<string, Minor>();
  for (const x of r.rows) if (x.lateFee !== null) fees.set(x.party, (fees.get(x.party) ?? 0) + x.lateFee);
  const behind = partiesBehind(owing).filter((b) => b.months >= min).map((b) => {
    const real = r.rows.filter((x) => x.party === b.party && !x.notYetDue && x.outstanding > 0).reduce((t, x) => t + x.outstanding, 0);
    return { ...b, outstanding: real, name: names.get(b.party) ?? b.party, lateFee: ws.config.federation!.lateFee ? fees.get(b.party) ?? 0 : null };
  });
  behind.sort((a, b) => b.months - a.months || (a.party < b.party ? -1 : 1));
  return { asOf: r.asOf, behind, digits: r.digits };
}

function emptyReconciliation(r: AffiliateReconciliation) {
  return { from: r.from, to: r.to, asOf: r.asOf, rows: [] as ReconcileRow[], totals: r.totals, settled: r.settled, later: [] };
}
