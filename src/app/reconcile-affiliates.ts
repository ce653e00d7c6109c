// `dues reconcile --affiliates` and `dues arrears --affiliates`: per affiliate and month, what
// it owes this federation (booked from its advice; for a month without one, estimated from
// its funds base last known), what it paid (receipts on 132:AFFILIATE), what is outstanding,
// how many days late and the late fee (federation.late_fee), through domain/reconcile.ts.
import { federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { estimatedUpward, type Affiliate, type FederationConfig } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import { addMonths, comparePeriods, daysBetween, dueDateOf, isPeriod, periodOf, periodRange, type IsoDate, type Period } from "../domain/period.js";
import { Refusal } from "../domain/problem.js";
import { partiesBehind, reconcile, type Accrual, type PartyBehind, type ReconcileRow, type ReconcileTotals } from "../domain/reconcile.js";
import { AffiliateStore, type StandingLine } from "../ledger/affiliate-store.js";
import type { FlowPosting } from "../ledger/bank-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { TaxListStore, type TaxReceipt } from "../ledger/tax-list-store.js";
import { requireFederation, unknownAffiliate } from "./affiliates.js";
import { keyed, mergeKeyed, runsByKey } from "./merge-keyed.js";
import { bankStoreOf } from "./receive.js";
import { checkRequest, receivableFlows } from "./reconcile.js";
import { reconcileRefunds, refundAccount } from "./refund.js";
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

/** What one affiliate's months need, read in affiliate order (one affiliate held at a time). */
interface AffiliateInputs {
  readonly id: string;
  /** The register's row, when the id is registered. */
  readonly affiliate: Affiliate | undefined;
  readonly lines: readonly StandingLine[];
  /** Postings to 132:ID (advices booked, payments received). */
  readonly receivable: readonly FlowPosting[];
  readonly receipts: readonly TaxReceipt[];
  /** Postings to 212:ID (refunds owed and paid). */
  readonly refunds: readonly FlowPosting[];
}

/** The range and rules every affiliate's months are reconciled with. */
interface MonthsContext {
  readonly fed: FederationConfig;
  readonly asOf: IsoDate;
  /** The months an affiliate without an advice is expected for (from its funds base). */
  readonly months: readonly Period[];
  readonly from: Period | undefined;
  readonly req: AffiliateReconcileRequest;
}

/** One affiliate's months as reconciled, with what they were made from that the audit sheets need. */
export interface AffiliateMonths {
  readonly id: string;
  readonly affiliate: Affiliate | undefined;
  /** Month order. */
  readonly rows: readonly AffiliateRow[];
  readonly totals: ReconcileTotals;
  readonly refund: RefundStanding | null;
  /** Its postings to 212 (refunds owed and paid), journal order. */
  readonly refunds: readonly FlowPosting[];
}

/** The request checked and the range resolved; each() reads the affiliates, one at a time, in id order. */
export interface AffiliatesInRange {
  readonly asOf: IsoDate;
  /** The range asked for or implied (the first advised month; the last month ended by the as-of date). */
  readonly from: Period | undefined;
  readonly to: Period;
  each(): IterableIterator<AffiliateMonths>;
}

export function affiliatesInRange(ws: { config: Config; ledger: Ledger }, req: AffiliateReconcileRequest, today: IsoDate): AffiliatesInRange {
  const fed = requireFederation(ws.config, "dues reconcile --affiliates");
  const problems = checkRequest(ws.config, { from: req.from, to: req.to, asOf: req.asOf });
  if (problems.length) throw new Refusal("usage", problems);
  const store = new AffiliateStore(ws.ledger.db);
  if (req.affiliate !== undefined && !store.get(req.affiliate)) throw unknownAffiliate(store, req.affiliate, "--affiliate");
  const asOf = req.asOf ?? today;

  // The months to look at: from the first month any affiliate has data for (an advice or a
  // tax collection; or --from) to the last month that has ended by the as-of date (or --to).
  // A month in it with neither an advice nor a collection, from the month the affiliate
  // joined to the month it left (the register's joined and left; without them, the whole
  // range), is the one to chase:
  // expected from its funds base when the register has one, else "no advice".
  const from = req.from ?? earliest(store.firstStandingPeriod(), new TaxListStore(ws.ledger.db).firstReceiptPeriod());
  const to = req.to ?? addMonths(periodOf(asOf), -1);
  const months = from !== undefined && isPeriod(from) && from <= to ? periodRange(from, to) : [];
  const cx: MonthsContext = { fed, asOf, months, from, req };
  return {
    asOf, from, to,
    *each() {
      for (const x of affiliateInputs(ws, store)) {
        if (req.affiliate !== undefined && x.id !== req.affiliate) continue;
        yield { id: x.id, affiliate: x.affiliate, refunds: x.refunds, ...affiliateMonths(cx, x) };
      }
    },
  };
}

export function reconcileAffiliates(ws: { config: Config; ledger: Ledger }, req: AffiliateReconcileRequest, today: IsoDate): AffiliateReconciliation {
  const range = affiliatesInRange(ws, req, today);
  // One affiliate at a time: its rows are kept (the result), what they were made from is not.
  const rows: AffiliateRow[] = [];
  const refunds: RefundStanding[] = [];
  const totals = { due: 0, paid: 0, lateFee: 0 };
  for (const one of range.each()) {
    for (const row of one.rows) rows.push(row);
    totals.due += one.totals.due;
    totals.paid += one.totals.paid;
    totals.lateFee += one.totals.lateFee ?? 0;
    if (one.refund) refunds.push(one.refund);
  }
  const settled = rows.every((x) => x.notYetDue || (x.status === "paid" && x.source !== "none")) && refunds.every((x) => x.overdue === 0);
  let first: Period | undefined, last: Period | undefined;
  for (const x of rows) {
    if (first === undefined || x.period < first) first = x.period;
    if (last === undefined || x.period > last) last = x.period;
  }
  return {
    asOf: range.asOf, from: first ?? range.from ?? null, to: last ?? range.to, rows, settled, digits: ws.config.union.currency.digits, refunds,
    totals: { due: totals.due, paid: totals.paid, outstanding: totals.due - totals.paid, lateFee: ws.config.federation!.lateFee ? totals.lateFee : null },
  };
}

/** Every affiliate with anything to reconcile (registered, advised, booked, collected or refunded), in id order. */
function* affiliateInputs(ws: { config: Config; ledger: Ledger }, store: AffiliateStore): IterableIterator<AffiliateInputs> {
  const bank = bankStoreOf(ws.ledger);
  const receivable = federationAccountFor(ws.config.union.chart, "affiliate-receivable");
  const merged = mergeKeyed<[Affiliate, StandingLine[], FlowPosting[], TaxReceipt[], FlowPosting[]]>([
    keyed(store.all(), (a) => a.id),
    keyed(store.standingByAffiliate(), (g) => g[0]!.affiliate),
    keyed(receivable ? bank.flowsByBody([receivable]) : [], (g) => g[0]!.body ?? ""),
    runsByKey(new TaxListStore(ws.ledger.db).iterateReceipts(), (r) => r.affiliate),
    keyed(bank.flowsByBody([refundAccount(ws.config)]), (g) => g[0]!.body ?? ""),
  ]);
  for (const [id, [affiliate, lines, flows, receipts, refunds]] of merged) {
    yield { id, affiliate, lines: lines ?? [], receivable: flows ?? [], receipts: receipts ?? [], refunds: refunds ?? [] };
  }
}

/** One affiliate's rows (month order), their totals, and its refund standing (null without refunds). */
function affiliateMonths(cx: MonthsContext, x: AffiliateInputs): { rows: AffiliateRow[]; totals: ReconcileTotals; refund: RefundStanding | null } {
  const { fed, asOf, req } = cx;
  const name = x.affiliate?.name ?? x.id;
  const flows = receivableFlows(x.receivable);
  // Tax-collected affiliates: their funds come with the tax office's lists (wt-tax, tax-reconcile.ts).
  const tax = taxCollectedFlows(fed, x.lines, x.affiliate?.fundsBase, x.receipts);
  const reported = new Set(x.lines.map((l) => l.period));
  const booked = new Set(flows.accruals.map((a) => a.period));
  const { estimates, none } = unadvisedMonths(cx, x, reported, booked);
  const r = reconcile([...flows.accruals, ...estimates, ...tax.accruals], [...flows.payments, ...tax.payments], {
    asOf, dueDay: fed.dueDay, lateFee: fed.lateFee, from: req.from ?? cx.from, to: req.to, until: periodOf(asOf),
  });
  const estimated = new Set([...estimates.map((e) => e.period), ...tax.estimated]);
  // No late fee is charged on an estimate: the fee waits for the amount an advice gives, and
  // is then reckoned from the due date as for any month (docs/federation.md, "Decisions").
  let unknownFees = 0;
  const rows: AffiliateRow[] = r.rows.map((row) => {
    const source = estimated.has(row.period) ? "estimate" : reported.has(row.period) || booked.has(row.period) ? "advice" : "none";
    if (source === "estimate") unknownFees += row.lateFee ?? 0;
    return affiliateRow(row, name, source, asOf);
  });
  // A month with neither an advice nor a way to estimate it, and nothing paid: still a row,
  // so a silent affiliate is seen (due 0.00, source none), and owed once its due date passes.
  const shown = new Set(rows.map((row) => row.period));
  for (const period of none) if (!shown.has(period)) rows.push(silentMonth(x.id, name, period, fed, asOf));
  rows.sort((a, b) => comparePeriods(a.period, b.period));
  const totals = { ...r.totals, lateFee: r.totals.lateFee === null ? null : r.totals.lateFee - unknownFees };
  return { rows, totals, refund: refundStanding(x, name, cx) };
}

/**
 * The months of the range, from the one the affiliate joined to the one it left, with neither an advice nor (for a
 * tax-collected affiliate) a collection: expected from its funds base (an estimate), or none
 * when the register has no base or, for one that remits itself, its advices' shares are not
 * all ours to expect.
 */
function unadvisedMonths(cx: MonthsContext, x: AffiliateInputs, reported: ReadonlySet<Period>, booked: ReadonlySet<Period>): { estimates: Accrual[]; none: Period[] } {
  const estimates: Accrual[] = [];
  const none: Period[] = [];
  const a = x.affiliate;
  if (!a) return { estimates, none };
  const taxed = (a.collection ?? cx.fed.collection) !== "union-collects";
  // Under a tax model the funds come with the tax authority's list: a month it collected for is not silent.
  const collected = new Set(taxed ? x.receipts.map((r) => r.period) : []);
  const estimable = a.fundsBase !== null && (taxed || (a.receives ?? cx.fed.receives) === "all");
  const joined = a.joined ? a.joined.slice(0, 7) : undefined;
  const left = a.left ? a.left.slice(0, 7) : undefined;
  for (const p of cx.months) {
    if (reported.has(p) || booked.has(p) || collected.has(p) || (joined !== undefined && p < joined) || (left !== undefined && p > left)) continue;
    if (estimable) estimates.push({ party: a.id, period: p, amount: estimatedUpward(a.fundsBase!, cx.fed) });
    else none.push(p);
  }
  return { estimates, none };
}

const earliest = (a: Period | undefined, b: Period | undefined): Period | undefined => (a === undefined ? b : b === undefined || a <= b ? a : b);

/**
 * A row of the result, written out field by field: a spread ({ ...row, name }) makes an
 * object in dictionary mode, 2.5 times the size, and 60,000 of them are kept. An estimate
 * carries no late fee (0).
 */
function affiliateRow(row: ReconcileRow, name: string, source: ExpectedSource, asOf: IsoDate): AffiliateRow {
  return {
    party: row.party, period: row.period, dueDate: row.dueDate, due: row.due, paid: row.paid, outstanding: row.outstanding, status: row.status,
    notYetDue: row.notYetDue, lateFee: source === "estimate" && row.lateFee !== null ? 0 : row.lateFee, refs: row.refs, settledOn: row.settledOn, late: row.late,
    name, source, lateDays: lateDaysOf(row, asOf),
  };
}

function silentMonth(party: string, name: string, period: Period, fed: FederationConfig, asOf: IsoDate): AffiliateRow {
  const dueDate = dueDateOf(period, fed.dueDay);
  return {
    party, period, dueDate, due: 0, paid: 0, outstanding: 0, status: "unpaid", notYetDue: asOf < dueDate, lateFee: fed.lateFee ? 0 : null, refs: [], settledOn: null,
    late: asOf > dueDate, name, source: "none", lateDays: asOf > dueDate ? daysBetween(dueDate, asOf) : 0,
  };
}

/** Refunds the federation owes the affiliate (tax-full collections): outstanding ones keep it unsettled too. */
function refundStanding(x: AffiliateInputs, name: string, cx: MonthsContext): RefundStanding | null {
  if (x.refunds.length === 0) return null;
  const months = reconcileRefunds(x.refunds, cx.fed, { asOf: cx.asOf, from: cx.req.from, to: cx.req.to }).rows;
  if (months.length === 0) return null;
  const out = { affiliate: x.id, name, owed: 0, paid: 0, outstanding: 0, overdue: 0 };
  for (const m of months) {
    out.owed += m.due;
    out.paid += m.paid;
    out.outstanding += m.outstanding;
    out.overdue += m.notYetDue ? 0 : m.outstanding;
  }
  return out;
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
