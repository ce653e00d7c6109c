// Money as integer minor units (fen, cents, pence) held in a safe-integer Number.
// Amount text is parsed straight to minor units (never through a float) and formatted
// back with exactly the currency's minor digits. Rates and rounding live in rate.ts.
export type Minor = number;

export interface Currency {
  readonly code: string;
  /** Minor digits: 2 for CNY, USD, GBP; 0 for JPY, KRW; 3 for KWD, BHD. */
  readonly digits: number;
}

// ISO 4217 codes a union treasurer is likely to meet; digits per the standard.
const DIGITS: Record<string, number> = {
  CNY: 2, HKD: 2, MOP: 2, TWD: 2, USD: 2, CAD: 2, GBP: 2, EUR: 2, AUD: 2, NZD: 2, CHF: 2,
  SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, INR: 2, SGD: 2, MYR: 2, THB: 2, PHP: 2,
  IDR: 2, ZAR: 2, BRL: 2, MXN: 2, ARS: 2, CLP: 0, COP: 2, PEN: 2, RUB: 2, TRY: 2, ILS: 2,
  EGP: 2, NGN: 2, KES: 2, GHS: 2, PKR: 2, BDT: 2, LKR: 2, NPR: 2, VND: 0, JPY: 0, KRW: 0,
  ISK: 0, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, AED: 2, SAR: 2, QAR: 2,
};

export function currencyOf(code: string): Currency | undefined {
  const digits = DIGITS[code];
  return digits === undefined ? undefined : { code, digits };
}

export function knownCurrencyCodes(): string[] {
  return Object.keys(DIGITS).sort();
}

export function assertMinor(m: Minor): Minor {
  if (!Number.isSafeInteger(m)) throw new Error(`bug: money must be a safe integer of minor units, got ${m}`);
  return m;
}

export interface FormatOptions {
  /** Insert a grouping mark every three digits (display only; JSON/CSV never group). */
  grouping?: boolean;
}

/** 123450 with 2 digits → "1234.50"; −5 → "-0.05". Exactly `digits` decimals, always. */
export function formatMinor(m: Minor, digits: number, opts: FormatOptions = {}): string {
  assertMinor(m);
  const neg = m < 0;
  const abs = String(Math.abs(m)).padStart(digits + 1, "0");
  let whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const frac = digits === 0 ? "" : "." + abs.slice(abs.length - digits);
  if (opts.grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + whole + frac;
}

export interface ParseOptions {
  digits: number;
  /** "." or ","; the other of the two is then a grouping mark. */
  decimalMark?: "." | ",";
}

export type ParsedAmount = { ok: true; minor: Minor } | { ok: false; reason: "empty" | "unreadable" | "too-precise" | "too-large" };

// Full-width digits and marks map to ASCII by a fixed offset. ￥ (U+FFE5) is not in the
// same block (the offset would turn it into "ą"), so it is left to CURRENCY_SIGNS instead.
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D\uFF08\uFF09\uFF04]/g;
// Minus signs other than "-" that spreadsheets and word processors write.
const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63]/g;
const CURRENCY_SIGNS = /[¥￥$£€]|RMB|CNY|USD|GBP|EUR|元/g;

/**
 * Reads an amount as payroll files and people write it: grouping marks, full-width
 * digits, currency signs, the configured decimal mark, and negatives as `-x`, `(x)`
 * or `x-`. More decimals than the currency has are refused (never silently rounded),
 * except trailing zeros ("12.500" is 12.50).
 */
export function parseAmount(raw: string, opts: ParseOptions): ParsedAmount {
  const decimalMark = opts.decimalMark ?? ".";
  const fast = parsePlainAmount(raw, opts.digits, decimalMark);
  if (fast !== undefined) return fast;
  const groupMark = decimalMark === "." ? "," : ".";
  let s = raw.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(MINUS_SIGNS, "-").trim();
  s = s.replace(/\u00A0|\u202F|\u2009|\u3000| /g, "").replace(/'/g, "");
  if (s === "") return { ok: false, reason: "empty" };
  let neg = false;
  if (/^\(.*\)$/.test(s)) { neg = true; s = s.slice(1, -1); }
  s = s.replace(CURRENCY_SIGNS, "");
  // One negative notation at a time: "(-5)" or "(5-)" is a double negative nobody means.
  if (s.startsWith("-")) { if (neg) return { ok: false, reason: "unreadable" }; neg = true; s = s.slice(1); }
  else if (s.endsWith("-")) { if (neg) return { ok: false, reason: "unreadable" }; neg = true; s = s.slice(0, -1); }
  else if (s.startsWith("+")) s = s.slice(1);
  s = s.replace(CURRENCY_SIGNS, "");
  if (s === "") return { ok: false, reason: "unreadable" };
  const parts = s.split(decimalMark);
  if (parts.length > 2) return { ok: false, reason: "unreadable" };
  let [whole, frac = ""] = parts as [string, string?];
  if (parts.length === 2 && frac === "" && whole === "") return { ok: false, reason: "unreadable" };
  if (whole.includes(groupMark)) {
    // Grouping marks must sit every three digits: "1,234,567" yes, "12,34" no.
    if (!new RegExp(`^\\d{1,3}(\\${groupMark}\\d{3})+$`).test(whole)) return { ok: false, reason: "unreadable" };
    whole = whole.split(groupMark).join("");
  }
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac) || (whole === "" && frac === "")) return { ok: false, reason: "unreadable" };
  frac = frac.replace(/0+$/, "");
  if (frac.length > opts.digits) return { ok: false, reason: "too-precise" };
  const digitsText = (whole === "" ? "0" : whole) + frac.padEnd(opts.digits, "0");
  const trimmed = digitsText.replace(/^0+(?=\d)/, "");
  if (trimmed.length > 15) return { ok: false, reason: "too-large" };
  const minor = Number(trimmed);
  return { ok: true, minor: neg && minor !== 0 ? -minor : minor };
}

// The payroll import reads millions of amounts, nearly all plain ("6789.45", "-12"). This
// reads those in one pass without regular expressions; anything else (signs, marks,
// spaces, too many digits) returns undefined and takes the general path above.
function parsePlainAmount(raw: string, digits: number, decimalMark: string): ParsedAmount | undefined {
  const n = raw.length;
  let i = 0;
  let neg = false;
  if (n > 0 && raw.charCodeAt(0) === 45 /* - */) { neg = true; i = 1; }
  let minor = 0;
  let whole = 0;
  for (; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    minor = minor * 10 + d;
    whole++;
  }
  if (whole === 0 || whole + digits > 15) return undefined;
  let frac = 0;
  if (i < n) {
    if (raw[i] !== decimalMark) return undefined;
    for (i++; i < n; i++) {
      const d = raw.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      if (frac < digits) { minor = minor * 10 + d; frac++; }
      else if (d !== 0) return undefined; // too precise: the general path says so
    }
  }
  for (; frac < digits; frac++) minor *= 10;
  return { ok: true, minor: neg && minor !== 0 ? -minor : minor };
}
