// Due against paid, per party (a higher body, or the employer) and period: which
// payments settle which months, what is outstanding or overpaid, and late fees.
// Pure: the app layer reads accruals and payments from the ledger and hands them here.
// The rules are written down for treasurers in docs/reconciliation.md.
import type { LateFee } from "./config.js";
import { assertMinor, type Minor } from "./money.js";
import { comparePeriods, daysBetween, dueDateOf, periodOf, addMonths, type IsoDate, type Period } from "./period.js";

/** What a party owes for a period: an import's credit to 211:BODY, or its debit to 135. */
export interface Accrual {
  readonly party: string;
  readonly period: Period;
  /** Minor units; negative for a reversal (a voided import). */
  readonly amount: Minor;
}

/** Money that settles accruals: a remittance to a body, a receipt from the employer. */
export interface Payment {
  readonly party: string;
  readonly amount: Minor;
  readonly date: IsoDate;
  /** The month it settles, when the treasurer said so (--period); else oldest first. */
  readonly period?: Period | null;
  /** Receipt numbers, bank references: kept for the audit trail. */
  readonly ref?: string | null;
}

export type Status = "paid" | "partial" | "unpaid" | "overpaid";

export interface ReconcileRow {
  readonly party: string;
  readonly period: Period;
  readonly dueDate: IsoDate;
  readonly due: Minor;
  readonly paid: Minor;
  /** due − paid; negative when overpaid. */
  readonly outstanding: Minor;
  readonly status: Status;
  /** The due date is after the as-of date: shown, but not counted against anyone. */
  readonly notYetDue: boolean;
  /** Late fee on this row, or null when no late-fee rule is configured. */
  readonly lateFee: Minor | null;
  /** References of the payments applied to this row, in date order, without repeats. */
  readonly refs: readonly string[];
  /** The date of the payment that brought what was paid up to what was due (and it stayed
   *  so); null while something is outstanding, or when nothing was due. */
  readonly settledOn: IsoDate | null;
  /** Paid after the due date (settledOn > dueDate), or still outstanding after the due
   *  date as of the as-of date. Paying on the due date is not late. */
  readonly late: boolean;
}

export interface ReconcileTotals {
  readonly due: Minor;
  readonly paid: Minor;
  readonly outstanding: Minor;
  readonly lateFee: Minor | null;
}

export interface Reconciliation {
  readonly from: Period | null;
  readonly to: Period | null;
  readonly asOf: IsoDate;
  readonly rows: readonly ReconcileRow[];
  readonly totals: ReconcileTotals;
  /** True when no row that has fallen due is outstanding or overpaid (exit 0). */
  readonly settled: boolean;
  /** Payments dated after the as-of date, left out of this view. */
  readonly later: readonly Payment[];
}

export interface ReconcileOptions {
  readonly asOf: IsoDate;
  /** Day of the following month on which a period's money falls due (config due_day). */
  readonly dueDay: number;
  readonly lateFee: LateFee | null;
  /** Shown range; the allocation always runs over all history so earlier payments count. */
  readonly from?: Period;
  readonly to?: Period;
  /** Without `to`: rows after this month are not shown (months that had not begun on the as-of date). */
  readonly until?: Period;
  /** Parties to show, in this order; parties not listed come after, sorted. Omit for all. */
  readonly order?: readonly string[];
  /** Show only these parties. */
  readonly only?: readonly string[];
}

interface Piece {
  readonly date: IsoDate;
  readonly amount: Minor;
  readonly ref?: string | null;
}

interface Slot {
  due: Minor;
  pieces: Piece[];
}

/**
 * Reconciles accruals against payments. Rules (docs/reconciliation.md):
 * - payments dated after `asOf` are left out (listed in `later`);
 * - a payment with a period settles that period, whatever its date;
 * - then payments without a period, in date order, go to the oldest period still
 *   outstanding; what is left after every outstanding period is overpaid on the last
 *   period it was applied to (or, when nothing was outstanding, on the party's latest
 *   period, or the month before the payment when the party has no accruals at all);
 * - a negative payment without a period (a reversal) is taken back newest period first.
 */
export function reconcile(accruals: readonly Accrual[], payments: readonly Payment[], opts: ReconcileOptions): Reconciliation {
  const byParty = new Map<string, Map<Period, Slot>>();
  const slotOf = (party: string, period: Period): Slot => {
    let m = byParty.get(party);
    if (!m) byParty.set(party, (m = new Map()));
    let s = m.get(period);
    if (!s) m.set(period, (s = { due: 0, pieces: [] }));
    return s;
  };
  for (const a of accruals) slotOf(a.party, a.period).due += assertMinor(a.amount);

  const counted = payments.filter((p) => p.date <= opts.asOf);
  const later = payments.filter((p) => p.date > opts.asOf);
  for (const p of counted) if (p.period) slotOf(p.party, p.period).pieces.push({ date: p.date, amount: assertMinor(p.amount), ref: p.ref });

  // Stable sort by date keeps the ledger's order among payments of the same day.
  const untagged = counted.filter((p) => !p.period).map((p, i) => ({ p, i }));
  untagged.sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.i - b.i));
  for (const { p } of untagged) applyUntagged(byParty, slotOf, p);

  const rows: ReconcileRow[] = [];
  const order = partyOrder([...byParty.keys()], opts.order);
  for (const party of order) {
    if (opts.only && !opts.only.includes(party)) continue;
    const slots = byParty.get(party)!;
    for (const period of [...slots.keys()].sort(comparePeriods)) {
      if (opts.from && period < opts.from) continue;
      if (opts.to && period > opts.to) continue;
      if (!opts.to && opts.until && period > opts.until) continue;
      const row = rowOf(party, period, slots.get(period)!, opts);
      // A period whose accruals were reversed and that nobody paid is not a row.
      if (row.due === 0 && row.paid === 0) continue;
      rows.push(row);
    }
  }
  const periods = rows.map((r) => r.period).sort(comparePeriods);
  return {
    from: opts.from ?? periods[0] ?? null,
    to: opts.to ?? periods[periods.length - 1] ?? null,
    asOf: opts.asOf,
    rows,
    totals: totalsOf(rows, opts.lateFee !== null),
    settled: rows.every((r) => r.notYetDue || r.status === "paid"),
    later,
  };
}

function applyUntagged(
  byParty: Map<string, Map<Period, Slot>>,
  slotOf: (party: string, period: Period) => Slot,
  p: Payment,
): void {
  const slots = byParty.get(p.party);
  const periods = slots ? [...slots.keys()].sort(comparePeriods) : [];
  const paidOf = (s: Slot) => s.pieces.reduce((t, x) => t + x.amount, 0);
  let left = p.amount;
  if (left < 0) {
    // A reversal: take back from the newest paid period first; any rest stays on the oldest.
    for (const period of [...periods].reverse()) {
      const s = slots!.get(period)!;
      const paid = paidOf(s);
      if (paid <= 0 || left === 0) continue;
      const take = Math.max(left, -paid);
      s.pieces.push({ date: p.date, amount: take, ref: p.ref });
      left -= take;
    }
    if (left !== 0) slotOf(p.party, periods[0] ?? addMonths(periodOf(p.date), -1)).pieces.push({ date: p.date, amount: left, ref: p.ref });
    return;
  }
  let last: Period | undefined;
  for (const period of periods) {
    if (left === 0) break;
    const s = slots!.get(period)!;
    const open = s.due - paidOf(s);
    if (open <= 0) continue;
    const take = Math.min(open, left);
    s.pieces.push({ date: p.date, amount: take, ref: p.ref });
    left -= take;
    last = period;
  }
  if (left > 0) {
    // Surplus: overpaid on the last period applied; with nothing outstanding, on the
    // party's latest period; with no accruals at all, on the month before the payment
    // (the month a remittance on that date would normally settle).
    const target = last ?? periods[periods.length - 1] ?? addMonths(periodOf(p.date), -1);
    slotOf(p.party, target).pieces.push({ date: p.date, amount: left, ref: p.ref });
  }
}

function rowOf(party: string, period: Period, slot: Slot, opts: ReconcileOptions): ReconcileRow {
  const dueDate = dueDateOf(period, opts.dueDay);
  const paid = assertMinor(slot.pieces.reduce((t, x) => t + x.amount, 0));
  const outstanding = slot.due - paid;
  const status: Status = outstanding < 0 ? "overpaid" : outstanding === 0 ? "paid" : paid > 0 ? "partial" : "unpaid";
  const notYetDue = opts.asOf < dueDate;
  const pieces = [...slot.pieces].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const refs: string[] = [];
  for (const x of pieces) if (x.ref && !refs.includes(x.ref)) refs.push(x.ref);
  // The day the month was paid up: the payment that took what was paid to the amount due,
  // unless a later reversal took it back below (then the payment that restored it).
  let settledOn: IsoDate | null = null;
  if (slot.due > 0 && outstanding <= 0) {
    let cum = 0;
    for (const x of pieces) {
      const before = cum;
      cum += x.amount;
      if (before < slot.due && cum >= slot.due) settledOn = x.date;
      else if (cum < slot.due) settledOn = null;
    }
  }
  const late = slot.due > 0 && (settledOn !== null ? settledOn > dueDate : outstanding > 0 && opts.asOf > dueDate);
  return {
    party, period, dueDate, due: slot.due, paid, outstanding, status, notYetDue, refs, settledOn, late,
    lateFee: opts.lateFee ? lateFeeOf(slot.due, pieces, dueDate, opts.asOf, opts.lateFee) : null,
  };
}

/**
 * The late fee on one period: per-day rate × the outstanding principal × the days it
 * stayed outstanding after the due date, up to each payment's date and, for what is
 * still open, up to the as-of date. Paying on the due date costs nothing; each day
 * after costs one day's fee. With `cap: principal` the fee never exceeds the amount
 * that was outstanding on the due date.
 */
export function lateFeeOf(due: Minor, pieces: readonly Piece[], dueDate: IsoDate, asOf: IsoDate, rule: LateFee): Minor {
  const sorted = [...pieces].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let open = due;
  for (const x of sorted) if (x.date <= dueDate) open -= x.amount;
  // Never late on more than was due: a reversal that leaves a month "owing" more than its
  // accrual is a correction, not a debt that accrues fees.
  const principal = Math.min(Math.max(0, open), Math.max(0, due));
  if (principal === 0 || asOf <= dueDate) return 0;
  // Integral of max(0, outstanding) over the days after the due date, in minor-unit-days.
  let minorDays = 0n;
  let since = dueDate;
  for (const x of sorted) {
    if (x.date <= dueDate) continue;
    if (x.date > asOf) break;
    minorDays += BigInt(Math.max(0, open)) * BigInt(daysBetween(since, x.date));
    open -= x.amount;
    since = x.date;
  }
  minorDays += BigInt(Math.max(0, open)) * BigInt(daysBetween(since, asOf));
  // ROUNDING: the exact fee (minor-unit-days × num/den) is rounded once per period,
  // half-up to the minor unit; totals add the rounded rows, so the total line is the
  // sum of what is shown.
  const num = minorDays * rule.perDay.num;
  const den = rule.perDay.den;
  let fee = (2n * num + den) / (2n * den);
  if (rule.cap === "principal" && fee > BigInt(principal)) fee = BigInt(principal);
  return assertMinor(Number(fee));
}

function totalsOf(rows: readonly ReconcileRow[], withFees: boolean): ReconcileTotals {
  let due = 0, paid = 0, fee = 0;
  for (const r of rows) {
    due += r.due;
    paid += r.paid;
    fee += r.lateFee ?? 0;
  }
  return { due: assertMinor(due), paid: assertMinor(paid), outstanding: assertMinor(due - paid), lateFee: withFees ? assertMinor(fee) : null };
}

function partyOrder(parties: string[], order?: readonly string[]): string[] {
  const known = (order ?? []).filter((p) => parties.includes(p));
  const rest = parties.filter((p) => !known.includes(p)).sort();
  return [...known, ...rest];
}

/** Past-due periods still outstanding, per party: the "behind" summary for arrears. */
export interface PartyBehind {
  readonly party: string;
  readonly months: number;
  readonly outstanding: Minor;
  readonly oldest: Period;
}

export function partiesBehind(r: Reconciliation): PartyBehind[] {
  const out = new Map<string, { months: number; outstanding: Minor; oldest: Period }>();
  for (const row of r.rows) {
    if (row.notYetDue || row.outstanding <= 0) continue;
    const b = out.get(row.party);
    if (!b) out.set(row.party, { months: 1, outstanding: row.outstanding, oldest: row.period });
    else {
      b.months += 1;
      b.outstanding += row.outstanding;
      if (row.period < b.oldest) b.oldest = row.period;
    }
  }
  return [...out.entries()].map(([party, b]) => ({ party, ...b }));
}
