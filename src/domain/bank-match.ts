// Matching bank statement lines to the receipts and remittances the books expect:
// by amount, by the names and months a line's reference mentions, and within a date
// window. A line that fits no expectation, or more than one party, is left unmatched
// with its reason: never guessed. Pure; rules in docs/reconciliation.md.
import type { Minor } from "./money.js";
import { daysBetween, isPeriod, makePeriod, comparePeriods, type IsoDate, type Period } from "./period.js";

export type Direction = "receive" | "remit";

/** One line of a statement. amount: minor units, positive = money in, negative = out. */
export interface StatementLine {
  readonly line: number;
  readonly date: IsoDate;
  readonly amount: Minor;
  readonly ref: string;
  readonly counterparty: string;
}

/** Something the books expect to be paid: one party's open period. */
export interface Expected {
  readonly direction: Direction;
  readonly party: string;
  readonly period: Period;
  readonly dueDate: IsoDate;
  /** What is still open on that period (> 0). */
  readonly outstanding: Minor;
  /** The accrual amounts that make up the period's due (dues share, funds share, ...): a
   *  payment of one of them alone also fits. */
  readonly components: readonly Minor[];
}

/** A receipt or remittance already in the books, so a line seen again is not booked twice. */
export interface Booked {
  readonly direction: Direction;
  /** Who it was booked to, when known: a line naming another party is not this one. */
  readonly party?: string;
  readonly date: IsoDate;
  readonly amount: Minor;
  readonly ref: string;
}

export interface PartyNames {
  readonly party: string;
  /** Words that identify the party in a reference or counterparty (id, name). */
  readonly names: readonly string[];
}

export type Outcome =
  | { readonly kind: "matched"; readonly line: StatementLine; readonly direction: Direction; readonly party: string; readonly period: Period | null; readonly amount: Minor; readonly how: "period" | "component" | "oldest-first" | "lump" }
  | { readonly kind: "unmatched"; readonly line: StatementLine; readonly reason: UnmatchedReason; readonly candidates: readonly string[] };

export type UnmatchedReason = "zero" | "already-booked" | "no-candidate" | "ambiguous";

/** Days between a payment booked by hand and the same money on the statement. */
export const BOOKED_TOLERANCE_DAYS = 3;

/** Days after a period's due date within which a line may still settle it. */
export const MATCH_WINDOW_DAYS = 60;

export interface MatchInput {
  readonly lines: readonly StatementLine[];
  readonly expected: readonly Expected[];
  readonly booked: readonly Booked[];
  readonly names: readonly PartyNames[];
}

/**
 * Lines are taken in date order (then statement order). For each:
 * 1. zero lines and lines already booked (same direction and amount, dated within 3 days,
 *    the same reference when both have one, the same party when the line names one)
 *    are skipped; each booked payment excuses one line only;
 * 2. candidates are the open periods of the line's direction whose window holds the
 *    date (first day of the period to due date + 60 days) and whose outstanding, or one
 *    accrual component not above it, equals the amount;
 * 3. a party named in the reference or counterparty narrows to that party; a month
 *    written there (2026-09, 2026/09, 202609, 2026年9月) narrows to that period;
 * 4. one candidate: matched to that period. Several, all of one party: matched to the
 *    party without a period (the reconciliation applies it oldest first). Several
 *    parties: ambiguous. None: the party whose open periods in the window add up to the
 *    amount exactly, if exactly one party does (a lump sum); else no candidate. Money
 *    later than the window is never matched: the treasurer books it with receive/remit.
 * Each match reduces what is open, so the next equal line settles the next month.
 */
export function matchStatement(input: MatchInput): Outcome[] {
  const open = input.expected.map((e) => ({ ...e, left: e.outstanding }));
  const booked = [...input.booked];
  const ordered = input.lines.map((l, i) => ({ l, i })).sort((a, b) => (a.l.date < b.l.date ? -1 : a.l.date > b.l.date ? 1 : a.i - b.i));
  const out: Outcome[] = [];
  for (const { l } of ordered) out.push(matchOne(l, open, booked, input.names));
  return out;
}

type Open = Expected & { left: Minor };

function matchOne(l: StatementLine, open: Open[], booked: Booked[], names: readonly PartyNames[]): Outcome {
  const unmatched = (reason: UnmatchedReason, candidates: string[] = []): Outcome => ({ kind: "unmatched", line: l, reason, candidates });
  if (l.amount === 0) return unmatched("zero");
  const direction: Direction = l.amount > 0 ? "receive" : "remit";
  const amount = Math.abs(l.amount);
  const text = `${l.ref} ${l.counterparty}`;
  const namedParties = names.filter((n) => n.names.some((w) => w.length > 0 && text.includes(w))).map((n) => n.party);
  // Booked by hand before the statement came: the same money, give or take the days
  // between the date typed and the bank's booking date. Same day first.
  const same = (b: Booked, maxDays: number) =>
    b.direction === direction && b.amount === amount && Math.abs(daysBetween(b.date, l.date)) <= maxDays &&
    (!b.ref || !l.ref || b.ref === l.ref || l.ref.includes(b.ref)) && (!b.party || namedParties.length === 0 || namedParties.includes(b.party));
  let dup = booked.findIndex((b) => same(b, 0));
  if (dup < 0) dup = booked.findIndex((b) => same(b, BOOKED_TOLERANCE_DAYS));
  if (dup >= 0) {
    booked.splice(dup, 1);
    return unmatched("already-booked");
  }
  const namedPeriods = periodsIn(text);
  const inWindow = (e: Open) => e.direction === direction && e.left > 0 && l.date >= `${e.period}-01` && daysBetween(e.dueDate, l.date) <= MATCH_WINDOW_DAYS;
  const hinted = (e: Open) => (namedParties.length === 0 || namedParties.includes(e.party)) && (namedPeriods.length === 0 || namedPeriods.includes(e.period));
  const whole = open.filter((e) => inWindow(e) && hinted(e) && e.left === amount);
  const part = open.filter((e) => inWindow(e) && hinted(e) && e.left !== amount && e.components.includes(amount) && amount < e.left);
  // An exact outstanding beats a component: 1,000.00 open on one month is a stronger fit
  // than a 1,000.00 share inside a larger month.
  const cands = whole.length ? whole : part;
  const how = whole.length ? "period" : "component";
  const parties = [...new Set(cands.map((e) => e.party))];
  if (cands.length === 1) {
    const e = cands[0]!;
    e.left -= amount;
    return { kind: "matched", line: l, direction, party: e.party, period: e.period, amount, how };
  }
  if (parties.length === 1) {
    applyOldestFirst(open, direction, parties[0]!, amount);
    return { kind: "matched", line: l, direction, party: parties[0]!, period: null, amount, how: "oldest-first" };
  }
  if (parties.length > 1) return unmatched("ambiguous", cands.map((e) => `${e.party} ${e.period}`));
  // A lump sum: one party's open periods in the window add up to the amount exactly.
  const lumps = new Map<string, Minor>();
  for (const e of open) if (inWindow(e) && (namedParties.length === 0 || namedParties.includes(e.party))) lumps.set(e.party, (lumps.get(e.party) ?? 0) + e.left);
  const fits = [...lumps.entries()].filter(([, t]) => t === amount).map(([p]) => p);
  if (fits.length === 1) {
    applyOldestFirst(open, direction, fits[0]!, amount);
    return { kind: "matched", line: l, direction, party: fits[0]!, period: null, amount, how: "lump" };
  }
  if (fits.length > 1) return unmatched("ambiguous", fits);
  return unmatched("no-candidate");
}

function applyOldestFirst(open: Open[], direction: Direction, party: string, amount: Minor): void {
  let left = amount;
  const mine = open.filter((e) => e.direction === direction && e.party === party && e.left > 0).sort((a, b) => comparePeriods(a.period, b.period));
  for (const e of mine) {
    if (left === 0) break;
    const take = Math.min(left, e.left);
    e.left -= take;
    left -= take;
  }
}

/** Months written in a reference: 2026-09, 2026/09, 2026.09, 202609, 2026年9月 (not dates). */
export function periodsIn(text: string): Period[] {
  const found = new Set<Period>();
  const add = (y: string, m: string) => {
    const p = makePeriod(Number(y), Number(m));
    if (isPeriod(p)) found.add(p);
  };
  for (const m of text.matchAll(/(?<!\d)(20\d{2})[-/.](0?[1-9]|1[0-2])(?![-/.]?\d)/g)) add(m[1]!, m[2]!);
  for (const m of text.matchAll(/(?<!\d)(20\d{2})(0[1-9]|1[0-2])(?!\d)/g)) add(m[1]!, m[2]!);
  for (const m of text.matchAll(/(20\d{2})\s*年\s*(0?[1-9]|1[0-2])\s*月(?!\s*\d{1,2}\s*日)/g)) add(m[1]!, m[2]!);
  return [...found].sort(comparePeriods);
}
