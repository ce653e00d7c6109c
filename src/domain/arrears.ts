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

export const ARREARS_MIN_MONTHS = 3;
export const LAPSE_RISK_MONTHS = 6;

/**
 * A month counts as short when deducted < assessed (nothing deducted, or too little).
 * The run is counted over the periods that were imported, newest backwards, and stops
 * at the first imported period in which the member was not short, or had no line (not
 * on that payroll: nothing was assessed, so nothing can be said). Exempt members are
 * assessed 0 and are never short. Only runs that reach the latest imported period count:
 * arrears are about now, not about a gap that was later paid up.
 */
export function memberArrears(lines: readonly MemberDuesLine[], minMonths = ARREARS_MIN_MONTHS): MemberArrears[] {
  const periods = [...new Set(lines.map((l) => l.period))].sort(comparePeriods);
  const byMember = new Map<string, Map<Period, MemberDuesLine>>();
  const names = new Map<string, string>();
  for (const l of lines) {
    let m = byMember.get(l.member);
    if (!m) byMember.set(l.member, (m = new Map()));
    const prev = m.get(l.period);
    // Two lines for one member and period (two sources in a month) add up.
    m.set(l.period, prev ? { ...l, assessed: prev.assessed + l.assessed, deducted: prev.deducted + l.deducted } : l);
    if (l.name) names.set(l.member, l.name);
  }
  const out: MemberArrears[] = [];
  for (const [member, m] of byMember) {
    let months = 0;
    let shortfall = 0;
    let since: Period | undefined;
    for (let i = periods.length - 1; i >= 0; i--) {
      const l = m.get(periods[i]!);
      if (!l || l.deducted >= l.assessed) break;
      months += 1;
      shortfall += l.assessed - l.deducted;
      since = l.period;
    }
    if (months >= minMonths && since) {
      out.push({
        member, name: names.get(member) ?? "", since, through: periods[periods.length - 1]!, months,
        shortfall: assertMinor(shortfall), lapseRisk: months >= LAPSE_RISK_MONTHS,
      });
    }
  }
  // Longest runs first, then by member id, so the report reads worst first and is stable.
  return out.sort((a, b) => b.months - a.months || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
}
