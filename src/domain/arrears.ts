// Members behind on dues: runs of consecutive imported months in which the dues deducted
// (check-off) fell short of the dues assessed, ending at the latest imported month.
// Six months or more is a lapse risk (中国工会章程 Art. 6). Pure: rows come from the app.
import { assertMinor, type Minor } from "./money.js";
import { comparePeriods, type Period } from "./period.js";

/** One member's dues in one imported period (a payroll member line). */
export interface MemberDuesLine {
  readonly member: string;
  readonly name?: string;
  readonly period: Period;
  readonly assessed: Minor;
  readonly deducted: Minor;
  /** A member (not exempt) with no wage in the month: assessed nothing because there was
   *  nothing to deduct from, not because nothing was owed (docs/money.md: "the arrears
   *  report shows them instead"). Such a month, with nothing paid, counts as unpaid. */
  readonly noWage?: boolean;
}

export interface MemberArrears {
  readonly member: string;
  readonly name: string;
  /** First and last month of the current run of short months. */
  readonly since: Period;
  readonly through: Period;
  readonly months: number;
  /** Σ (assessed − deducted) over the run. */
  readonly shortfall: Minor;
  readonly lapseRisk: boolean;
}

/** What a member paid directly against their arrears (`dues receive --from member`):
 *  positive = paid; `settles` is the month named with --period, if any. */
export interface MemberPayment {
  readonly member: string;
  readonly amount: Minor;
  readonly settles?: Period | null;
}

export const ARREARS_MIN_MONTHS = 3;
export const LAPSE_RISK_MONTHS = 6;

/**
 * A month counts as short when deducted < assessed (nothing deducted, or too little), or
 * when a member with no wage paid nothing (assessed 0 only for want of a wage).
 * The run is counted over the periods that were imported, and is broken by an imported
 * period in which the member was not short, or had no line (not on that payroll:
 * nothing was assessed, so nothing can be said). Exempt members are assessed 0 and are
 * never short. Only runs that reach the latest imported period count: arrears are about
 * now, not about a gap that was later paid up.
 *
 * Streaming: feed lines in period order (any order within a period); memory is one small
 * record per member, so a million-member ledger needs no second copy of its lines.
 */
export class ArrearsCounter {
  // Members who paid arrears directly: their short months are kept (few members, few
  // months) and settled at result(), when all of them are known.
  private readonly paid = new Map<string, { payments: MemberPayment[]; months: { period: Period; previous: Period | undefined; name: string; shortfall: Minor; noWage: boolean }[] }>();
  private readonly runs = new Map<string, { name: string; last: Period; months: number; shortfall: Minor; since: Period }>();
  private readonly periods: Period[] = [];
  // Lines of the current period, added up per member before they count (two sources in a month).
  private pending = new Map<string, { name: string; assessed: Minor; deducted: Minor; noWage: boolean }>();

  /** `payments`: direct payments of arrears by members, in any order (see settle()). */
  constructor(payments: Iterable<MemberPayment> = []) {
    for (const p of payments) {
      const e = this.paid.get(p.member);
      if (e) e.payments.push(p);
      else this.paid.set(p.member, { payments: [p], months: [] });
    }
  }

  /** Declares an imported month, in order; months with no short member still break runs. */
  period(p: Period): void {
    const current = this.periods[this.periods.length - 1];
    if (current !== undefined && comparePeriods(p, current) < 0) throw new Error("bug: member lines must come in period order");
    if (current !== p) {
      this.flush();
      this.periods.push(p);
    }
  }

  add(l: MemberDuesLine): void {
    this.period(l.period);
    const p = this.pending.get(l.member);
    // Two lines in one month (two payroll sources) add up; "no wage" only if neither had one.
    if (p) { p.assessed += l.assessed; p.deducted += l.deducted; p.noWage &&= Boolean(l.noWage); if (l.name) p.name = l.name; }
    else this.pending.set(l.member, { name: l.name ?? "", assessed: l.assessed, deducted: l.deducted, noWage: Boolean(l.noWage) });
  }

  private flush(): void {
    const period = this.periods[this.periods.length - 1];
    if (period === undefined) return;
    const previous = this.periods[this.periods.length - 2];
    for (const [member, p] of this.pending) {
      const unpaidNoWage = p.noWage && p.assessed === 0 && p.deducted <= 0;
      if (p.deducted >= p.assessed && !unpaidNoWage) {
        this.runs.delete(member);
        continue;
      }
      const payer = this.paid.get(member);
      if (payer) {
        payer.months.push({ period, previous, name: p.name, shortfall: assertMinor(p.assessed - p.deducted), noWage: unpaidNoWage });
        continue;
      }
      const r = this.runs.get(member);
      if (r && r.last === previous) {
        r.months += 1;
        r.shortfall += p.assessed - p.deducted;
        r.last = period;
        if (p.name) r.name = p.name;
      } else {
        this.runs.set(member, { name: p.name, last: period, months: 1, shortfall: p.assessed - p.deducted, since: period });
      }
    }
    this.pending = new Map();
  }

  /**
   * A paying member's short months, settled by what they paid: a payment naming a month
   * goes to that month first; the rest (and every payment without a month) goes to the
   * oldest short month still owing, then the next. A month paid in full is no longer
   * short and ends a run like any paid month; a month partly paid stays short with what
   * is left. A no-wage month (nothing assessed) owes no amount, so no payment settles it.
   * What is left over is a credit of the member (booked as such by `dues receive`).
   * Negative amounts (reversals booked by hand) reduce what is available, never below 0.
   */
  private settle(member: string, payer: { payments: MemberPayment[]; months: { period: Period; previous: Period | undefined; name: string; shortfall: Minor; noWage: boolean }[] }): void {
    const left = payer.months.map((m) => m.shortfall);
    let pool = 0;
    for (const p of payer.payments) {
      const i = p.settles ? payer.months.findIndex((m) => m.period === p.settles) : -1;
      if (i >= 0 && p.amount > 0) {
        const use = Math.min(p.amount, left[i]!);
        left[i]! -= use;
        pool += p.amount - use;
      } else pool += p.amount;
    }
    for (let i = 0; i < left.length && pool > 0; i++) {
      const use = Math.min(pool, left[i]!);
      left[i]! -= use;
      pool -= use;
    }
    this.runs.delete(member);
    let run: { name: string; last: Period; months: number; shortfall: Minor; since: Period } | undefined;
    payer.months.forEach((m, i) => {
      const short = left[i]! > 0 || m.noWage;
      if (!short) { run = undefined; return; }
      if (run && run.last === m.previous) { run.months += 1; run.shortfall += left[i]!; run.last = m.period; if (m.name) run.name = m.name; }
      else run = { name: m.name, last: m.period, months: 1, shortfall: left[i]!, since: m.period };
    });
    if (run) this.runs.set(member, run);
  }

  /** The latest imported period, once lines were added. */
  get latest(): Period | undefined {
    return this.periods[this.periods.length - 1];
  }

  result(minMonths = ARREARS_MIN_MONTHS): MemberArrears[] {
    this.flush();
    for (const [member, payer] of this.paid) this.settle(member, payer);
    const latest = this.latest;
    const out: MemberArrears[] = [];
    for (const [member, r] of this.runs) {
      if (r.last !== latest || r.months < minMonths) continue;
      out.push({ member, name: r.name, since: r.since, through: r.last, months: r.months, shortfall: assertMinor(r.shortfall), lapseRisk: r.months >= LAPSE_RISK_MONTHS });
    }
    // Longest runs first, then by member id, so the report reads worst first and is stable.
    return out.sort((a, b) => b.months - a.months || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  }
}

/** The same over a list of lines in any order. */
export function memberArrears(lines: readonly MemberDuesLine[], minMonths = ARREARS_MIN_MONTHS, payments: readonly MemberPayment[] = []): MemberArrears[] {
  const c = new ArrearsCounter(payments);
  for (const l of [...lines].sort((a, b) => comparePeriods(a.period, b.period))) c.add(l);
  return c.result(minMonths);
}
