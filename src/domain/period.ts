// Periods (YYYY-MM) and calendar dates (YYYY-MM-DD) as plain strings and integers:
// no Date objects, no time zones, so the same input gives the same books anywhere.
export type Period = string; // "2026-10"
export type IsoDate = string; // "2026-11-15"

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPeriod(s: string): boolean {
  return PERIOD.test(s);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  return Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

export function periodParts(p: Period): { year: number; month: number } {
  return { year: Number(p.slice(0, 4)), month: Number(p.slice(5, 7)) };
}

export function makePeriod(year: number, month: number): Period {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

export function addMonths(p: Period, n: number): Period {
  const { year, month } = periodParts(p);
  const idx = year * 12 + (month - 1) + n;
  return makePeriod(Math.floor(idx / 12), (idx % 12) + 1);
}

export function nextPeriod(p: Period): Period {
  return addMonths(p, 1);
}

export function comparePeriods(a: Period, b: Period): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Inclusive list of periods from..to. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) out.push(p);
  return out;
}

export function lastDayOf(p: Period): IsoDate {
  const { year, month } = periodParts(p);
  return `${p}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
}

/** The date a period's remittance falls due: `dueDay` of the following month (clamped to month end). */
export function dueDateOf(p: Period, dueDay: number): IsoDate {
  const n = nextPeriod(p);
  const { year, month } = periodParts(n);
  const day = Math.min(dueDay, daysInMonth(year, month));
  return `${n}-${String(day).padStart(2, "0")}`;
}

/** Whole days from a to b (b − a), both ISO dates; pure integer arithmetic. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

function dayNumber(d: IsoDate): number {
  // Days since 0000-03-01 (proleptic Gregorian), the classic civil-from-days inverse.
  let y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

/**
 * A financial year as its months: `year` names the year in which it ends, `start` is
 * the month it begins in (config financial_year_start, 1–12). With start 1 it is the
 * calendar year; with start 7, year 2025 is 2024-07 … 2025-06 (docs/ledger.md).
 */
export interface FinancialYear {
  readonly year: number;
  readonly start: number;
  readonly from: Period;
  readonly to: Period;
  /** First and last day. */
  readonly firstDay: IsoDate;
  readonly lastDay: IsoDate;
}

export function financialYear(year: number, start = 1): FinancialYear {
  const to = addMonths(makePeriod(year, start), -1 + (start === 1 ? 12 : 0));
  const from = addMonths(to, -11);
  return { year, start, from, to, firstDay: `${from}-01`, lastDay: lastDayOf(to) };
}

/** The financial year a period belongs to (named by the year it ends in). */
export function financialYearOf(p: Period, start = 1): FinancialYear {
  const { year, month } = periodParts(p);
  return financialYear(start === 1 || month < start ? year : year + 1, start);
}

/** "2025" for a calendar year, "2025 (2024-07 – 2025-06)" otherwise: how a year is shown. */
export function financialYearLabel(fy: FinancialYear): string {
  return fy.start === 1 ? String(fy.year) : `${fy.year} (${fy.from} – ${fy.to})`;
}

/** The day before a date (pure integer arithmetic). */
export function dayBefore(d: IsoDate): IsoDate {
  const day = Number(d.slice(8, 10));
  if (day > 1) return `${d.slice(0, 8)}${String(day - 1).padStart(2, "0")}`;
  return lastDayOf(addMonths(periodOf(d), -1));
}
