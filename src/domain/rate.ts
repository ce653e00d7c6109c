// Rates as a treasurer writes them ("0.5%", "5‰", "0.005") read into exact reduced
// bigint fractions, and shown back as percentages. No float ever holds a rate.
// Pure: no node:*, no clock. The rules are written down in docs/money.md.
import type { Rate } from "./scheme.js";

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den reduced to lowest terms with a positive denominator. */
export function makeRate(num: bigint, den: bigint, text: string): Rate {
  if (den === 0n) throw new Error("bug: a rate with denominator 0");
  if (den < 0n) { num = -num; den = -den; }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g, text } : { num, den, text };
}

// Full-width digits and signs as typed with a Chinese input method: ０-９ ． ％.
function halfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF0E\uFF05]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const DECIMAL = /^(\d*)(?:\.(\d*))?$/;

/**
 * Reads a rate: "0.5%", "2%", "15%", "5‰" (per mille), "1‱" (per ten thousand), or a plain
 * decimal fraction between 0 and 1 ("0.005", "0.6", "1"). Spaces around the sign and
 * full-width characters are accepted. Returns undefined for anything else: negatives,
 * exponents ("5e-3"), fractions ("1/200"), and plain numbers above 1 ("2" could mean 2% or
 * 200%, so the treasurer must write the sign). Percentages above 100% are read; whether
 * they make sense (a share cannot) is for the caller to judge.
 */
export function parseRate(input: string): Rate | undefined {
  const written = input.trim();
  let s = halfWidth(written).replace(/\s+/g, "");
  let scale = 1n; // the denominator the number is over: 1, 100, 1000 or 10000
  if (s.endsWith("%")) { scale = 100n; s = s.slice(0, -1); }
  else if (s.endsWith("‰")) { scale = 1000n; s = s.slice(0, -1); }
  else if (s.endsWith("‱")) { scale = 10000n; s = s.slice(0, -1); }
  if (s.startsWith("+")) s = s.slice(1);
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const whole = m[1] ?? "";
  const frac = m[2] ?? "";
  if (whole === "" && frac === "") return undefined;
  if (frac.length > 30) return undefined; // no treasurer writes this; keeps bigints small
  const num = BigInt((whole || "0") + frac);
  const den = scale * 10n ** BigInt(frac.length);
  // A bare number is a fraction of one; above one it is ambiguous (2 → 2% or 200%?).
  if (scale === 1n && num > den) return undefined;
  return makeRate(num, den, written);
}

/**
 * The rate as a percentage with `places` decimals, without the "%" sign: 1/200 → "0.50"
 * with places 2. ROUNDING: display only, half-up (away from zero on the last place).
 */
export function rateToPercentString(rate: Rate, places: number): string {
  if (!Number.isInteger(places) || places < 0) throw new Error(`bug: places must be a whole number ≥ 0, got ${places}`);
  const scale = 10n ** BigInt(places);
  const neg = rate.num < 0n !== rate.den < 0n;
  const num = (rate.num < 0n ? -rate.num : rate.num) * 100n * scale;
  const den = rate.den < 0n ? -rate.den : rate.den;
  let q = num / den;
  if ((num % den) * 2n >= den) q += 1n;
  const digits = q.toString().padStart(places + 1, "0");
  const whole = places === 0 ? digits : digits.slice(0, digits.length - places);
  const frac = places === 0 ? "" : "." + digits.slice(digits.length - places);
  return (neg && q !== 0n ? "-" : "") + whole + frac;
}

/** Sum of rates as an exact fraction (for "shares must not exceed 100%"). */
export function sumRates(rates: readonly Rate[]): { num: bigint; den: bigint } {
  let num = 0n;
  let den = 1n;
  for (const r of rates) {
    num = num * r.den + r.num * den;
    den = den * r.den;
    const g = gcd(num, den);
    if (g > 1n) { num /= g; den /= g; }
  }
  return { num, den };
}

/** True when the rates together exceed one whole (100%). */
export function ratesExceedOne(rates: readonly Rate[]): boolean {
  const { num, den } = sumRates(rates);
  return num > den;
}
