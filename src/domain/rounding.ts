// Rounding an exact amount of minor units to a step (0.01, 0.05, 0.1, 1) by a declared
// mode, and applying a rate to a base exactly. applyRate is on the per-row path of the
// payroll import: integer Number arithmetic while exact, BigInt only beyond 2^53, no
// decimal.js. Pure. The rules, as a treasurer reads them, are in docs/money.md.
import type { Minor } from "./money.js";
import type { Rate, RoundMode, Rounding } from "./scheme.js";

const MODES: readonly RoundMode[] = ["half-up", "half-even", "down", "up"];

export function isRoundMode(s: string): s is RoundMode {
  return (MODES as readonly string[]).includes(s);
}

/**
 * `to` is the step as written in dues.yaml ("0.01", "0.05", "0.1", "1", also "0.5" or
 * "10"); it must be a positive whole number of minor units for a currency with `digits`
 * minor digits (to 0.01 is refused for JPY). Returns undefined when it is not, or when
 * the mode is not one of half-up | half-even | down | up.
 */
export function parseRounding(to: string, mode: string, digits: number): Rounding | undefined {
  if (!isRoundMode(mode)) return undefined;
  const written = to.trim();
  const m = /^(\d*)(?:\.(\d*))?$/.exec(written);
  if (!m) return undefined;
  const whole = m[1] ?? "";
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (whole === "" && frac === "") return undefined;
  if (frac.length > digits) return undefined; // finer than the currency's minor unit
  const step = Number((whole || "0") + frac.padEnd(digits, "0"));
  if (!Number.isSafeInteger(step) || step <= 0) return undefined;
  return { step, mode, text: written };
}

/** The rounding to the currency's own minor unit, half-up: the common default. */
export function minorUnitRounding(mode: RoundMode = "half-up"): Rounding {
  return { step: 1, mode, text: "minor unit" };
}

// ROUNDING: q is the whole number of steps toward zero, r/d the fraction of a step left
// (0 ≤ r < d). Decides whether |x| moves up one step. Negatives are handled by the
// callers as mirror images, so half-up rounds half away from zero, down is toward zero
// and up is away from zero on both sides.
function roundsUpNumber(q: number, r: number, d: number, mode: RoundMode): boolean {
  if (r === 0) return false;
  switch (mode) {
    case "down": return false;
    case "up": return true;
    case "half-up": return r * 2 >= d;
    case "half-even": return r * 2 === d ? q % 2 === 1 : r * 2 > d;
  }
}

function roundsUpBig(q: bigint, r: bigint, d: bigint, mode: RoundMode): boolean {
  if (r === 0n) return false;
  switch (mode) {
    case "down": return false;
    case "up": return true;
    case "half-up": return r * 2n >= d;
    case "half-even": return r * 2n === d ? q % 2n === 1n : r * 2n > d;
  }
}

/**
 * Rounds the exact rational number num/den of minor units to a multiple of r.step by
 * r.mode. den must not be 0; either sign is fine. The result is a safe integer or this
 * throws (a bug: amounts that large are refused at the edges).
 */
export function roundExact(num: bigint, den: bigint, r: Rounding): Minor {
  if (den === 0n) throw new Error("bug: roundExact with denominator 0");
  if (den < 0n) { num = -num; den = -den; }
  const neg = num < 0n;
  const a = neg ? -num : num;
  const d = den * BigInt(r.step);
  let q = a / d;
  const rem = a % d;
  if (roundsUpBig(q, rem, d, r.mode)) q += 1n;
  const out = Number(q * BigInt(r.step));
  if (!Number.isSafeInteger(out)) throw new Error(`bug: rounded amount beyond safe integers: ${num}/${den}`);
  return neg && out !== 0 ? -out : out;
}

const LIMIT = Number.MAX_SAFE_INTEGER; // 2^53 − 1: integers up to here are exact in a Number

// A one-entry cache of the rate as Numbers: the import applies the same rate a million
// times, and converting bigints each time would dominate the per-row cost.
let cachedRate: Rate | undefined;
let cachedNum = 0;
let cachedDen = 1;
let cachedFits = false;

/**
 * base × rate rounded by r, exactly. ROUNDING: the one place a member's rate-based dues
 * and a period's funds are rounded; called per member for dues, per period for funds.
 */
export function applyRate(base: Minor, rate: Rate, r: Rounding): Minor {
  if (rate !== cachedRate) {
    cachedRate = rate;
    cachedFits = rate.num >= 0n && rate.num <= BigInt(LIMIT) && rate.den > 0n && rate.den <= BigInt(LIMIT);
    cachedNum = cachedFits ? Number(rate.num) : 0;
    cachedDen = cachedFits ? Number(rate.den) : 1;
  }
  if (cachedFits) {
    const a = base < 0 ? -base : base;
    const p = a * cachedNum;
    const d = cachedDen * r.step;
    if (p <= LIMIT && d <= LIMIT) {
      // Both operands are exact integers below 2^53, so % is exact and (p − rem) / d is
      // an exact division: no float rounding can creep in.
      const rem = p % d;
      let q = (p - rem) / d;
      if (rem !== 0 && roundsUpNumber(q, rem, d, r.mode)) q += 1;
      const out = q * r.step;
      if (out <= LIMIT) return base < 0 && out !== 0 ? -out : out;
    }
  }
  return roundExact(BigInt(base) * rate.num, rate.den, r);
}

/**
 * The base truncated down to a whole multiple of step (the 10-yuan rule: 678945 fen with
 * step 1000 → 678000). Step 0 means no step. Negative bases truncate toward zero.
 */
export function truncateToStep(base: Minor, step: Minor): Minor {
  if (step <= 0) return base;
  const rem = base % step; // same sign as base, so subtracting moves toward zero
  return rem === 0 ? base : base - rem;
}
