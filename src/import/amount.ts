// Amount cells to integer minor units on the per-row hot path: "6789.45" and "6,789.45" are
// read by a char loop with no allocation; anything else (¥, full-width digits, brackets,
// spaces) goes to the domain's parseAmount, which is the authority on what is valid.
import { parseAmount, type Minor } from "../domain/money.js";

export type AmountFailure = "unreadable" | "too-precise" | "too-large";

/** Minor units, or the reason the text is no amount. Empty (or blank) text is 0: see docs/payroll-files.md. */
export function readAmount(s: string, digits: number, decimalMark: "." | ","): Minor | AmountFailure {
  const n = s.length;
  if (n === 0) return 0;
  const mark = decimalMark === "." ? 46 : 44;
  const group = decimalMark === "." ? 44 : 46;
  let whole = 0;
  let i = 0;
  let wholeDigits = 0;
  // Grouping marks sit every three digits ("6,789.45", "1,234,567"), as parseAmount requires.
  let groups = 0;
  let sinceGroup = 0;
  let grouped = true;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch === group) {
      if (groups === 0 ? sinceGroup < 1 || sinceGroup > 3 : sinceGroup !== 3) {
        grouped = false;
        break;
      }
      groups++;
      sinceGroup = 0;
      continue;
    }
    const c = ch - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    wholeDigits++;
    sinceGroup++;
  }
  if (groups > 0 && sinceGroup !== 3) grouped = false;
  // At most 15 digits in all keeps the result an exact safe integer.
  if (grouped && wholeDigits > 0 && wholeDigits + digits <= 15) {
    if (i === n) return whole * 10 ** digits;
    if (s.charCodeAt(i) === mark) {
      let frac = 0;
      let fracDigits = 0;
      let j = i + 1;
      for (; j < n; j++) {
        const c = s.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        if (fracDigits < digits) {
          frac = frac * 10 + c;
          fracDigits++;
        } else if (c !== 0) {
          fracDigits = -1; // more decimals than the currency has: let parseAmount say so
          break;
        }
      }
      if (j === n && fracDigits >= 0) {
        // "12.5" with 2 digits is 1250: scale the fraction up to the currency's digits.
        return whole * 10 ** digits + frac * 10 ** (digits - fracDigits);
      }
    }
  }
  const r = parseAmount(s, { digits, decimalMark });
  if (r.ok) return r.minor;
  return r.reason === "empty" ? 0 : r.reason;
}
