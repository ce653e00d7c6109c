// Calendar dates as people write them in statements, rosters and voucher sheets:
// 2026-02-10, 2026/2/10, 2026.02.10, 20260210, 2026年2月10日 (full-width digits too), and
// day/month forms such as 06/03/2026 only in an order the file proves or its currency implies.
import { isDate, type IsoDate } from "../domain/period.js";

/** Day and month order for dates written 06/03/2026: month first (US) or day first. */
export type DayMonthOrder = "mdy" | "dmy";

// Where a statement does not settle it (no day above 12), the currency's country decides:
// US banks write month first; banks in these currencies write day first. Others: refused.
const MONTH_FIRST = new Set(["USD"]);
const DAY_FIRST = new Set(["GBP", "EUR", "AUD", "NZD", "INR", "ZAR", "SGD", "MYR", "HKD", "IEP", "CHF", "SEK", "NOK", "DKK", "PLN", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "RUB", "TRY", "ILS", "EGP", "NGN", "KES", "GHS", "PKR", "BDT", "LKR", "NPR", "VND", "IDR", "THB", "PHP"]);

// 06/03/2026, 6.3.2026, 06-03-2026 (optionally with a time): day and month in either order.
const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$/;

/** Is this written day and month in one order or the other (06/03/2026)? */
export function isDayMonthForm(s: string): boolean {
  return DMY.test(s.normalize("NFKC").trim());
}

/**
 * 2026-02-10, 2026/2/10, 2026.02.10, 20260210, 2026年2月10日, each optionally with a time;
 * and, given the order, 02/10/2026 (mdy) or 10/02/2026 (dmy).
 */
export function readDate(s: string, order?: DayMonthOrder): IsoDate | undefined {
  const t = s.normalize("NFKC").trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})(?:[ T]?\d{2}:?\d{2}(?::?\d{2})?)?$/.exec(t);
  let y: string, mo: string, d: string;
  if (m) [y, mo, d] = [m[1]!, m[2]!, m[3]!];
  else if (order && (m = DMY.exec(t))) [y, mo, d] = order === "mdy" ? [m[3]!, m[1]!, m[2]!] : [m[3]!, m[2]!, m[1]!];
  else return undefined;
  const iso = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isDate(iso) ? iso : undefined;
}

/**
 * The order of day and month in a statement's dd/mm/yyyy-like dates: a first number above
 * 12 means day first, a second above 12 month first; when no date settles it, the
 * currency's country; otherwise ambiguous (refused, never guessed).
 */
export function dayMonthOrder(dates: readonly string[], currency?: string): DayMonthOrder | "ambiguous" | undefined {
  let dayFirst = false, monthFirst = false, any = false;
  for (const raw of dates) {
    const m = DMY.exec(raw.normalize("NFKC").trim());
    if (!m) continue;
    any = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (!any) return undefined;
  if (dayFirst !== monthFirst) return dayFirst ? "dmy" : "mdy";
  // Neither (or, contradicting each other, both: those lines then fail one by one).
  if (dayFirst && monthFirst) return "ambiguous";
  if (currency && MONTH_FIRST.has(currency)) return "mdy";
  if (currency && DAY_FIRST.has(currency)) return "dmy";
  return "ambiguous";
}
