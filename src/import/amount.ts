// Amount cells to integer minor units on the per-row hot path: plain "6789.45" is read by
// a char loop with no allocation; anything else (grouping marks, ¥, full-width digits,
// brackets) goes to the domain's parseAmount, which is the authority on what is valid.
import { parseAmount, type Minor } from "../domain/money.js";

export type AmountFailure = "unreadable" | "too-precise" | "too-large";

/** Minor units, or the reason the text is no amount. Empty (or blank) text is 0: see docs/payroll-files.md. */
export function readAmount(s: string, digits: number, decimalMark: "." | ","): Minor | AmountFailure {
  const n = s.length;
  if (n === 0) return 0;
  const mark = decimalMark === "." ? 46 : 44;
  let whole = 0;
  let i = 0;
  let wholeDigits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    wholeDigits++;
  }
  // At most 15 digits in all keeps the result an exact safe integer.
  if (wholeDigits > 0 && wholeDigits + digits <= 15) {
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
