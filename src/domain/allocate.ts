// Splitting a period total into shares that add up exactly, by largest remainder with a
// declared tie-break (retained first, then bodies in listed order: SPEC §3). Runs once
// per stream and period, never per member, so exact BigInt arithmetic costs nothing.
// Pure. The rules, as a treasurer reads them, are in docs/money.md.
import type { Minor } from "./money.js";
import { gcd } from "./rate.js";
import type { Rate, Remainder } from "./scheme.js";

interface Floors {
  /** Each share rounded down (of the absolute total). */
  readonly floors: bigint[];
  /** What each share lost to the floor, over the common denominator. */
  readonly remainders: bigint[];
  /** Minor units left over after the floors: fewer than the number of weights. */
  readonly leftover: number;
}

function floorShares(abs: bigint, weights: readonly bigint[]): Floors {
  let sum = 0n;
  for (const w of weights) {
    if (w < 0n) throw new Error(`bug: negative allocation weight ${w}`);
    sum += w;
  }
  if (sum === 0n) {
    if (abs === 0n) return { floors: weights.map(() => 0n), remainders: weights.map(() => 0n), leftover: 0 };
    throw new Error("bug: allocating a non-zero total over weights that are all zero");
  }
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of weights) {
    const exact = abs * w; // the share is exact / sum
    const f = exact / sum;
    floors.push(f);
    remainders.push(exact % sum);
    given += f;
  }
  return { floors, remainders, leftover: Number(abs - given) };
}

// ROUNDING: largest remainder. The leftover units go one each to the shares that lost the
// most to the floor; equal losses go to the lower index first. A zero weight loses
// nothing, and there are always more shares with a loss than leftover units, so a zero
// weight never receives a unit.
function handOutLargest(f: Floors): void {
  if (f.leftover === 0) return;
  const order = f.floors.map((_, i) => i);
  order.sort((i, j) => (f.remainders[i]! > f.remainders[j]! ? -1 : f.remainders[i]! < f.remainders[j]! ? 1 : i - j));
  for (let k = 0; k < f.leftover; k++) f.floors[order[k]!]! += 1n;
}

function toMinor(x: bigint, negate: boolean): Minor {
  const n = Number(x);
  if (!Number.isSafeInteger(n)) throw new Error(`bug: share beyond safe integers: ${x}`);
  return negate && n !== 0 ? -n : n;
}

/**
 * Splits total in proportion to weights by largest remainder; ties by index (lower first).
 * The result adds up to total exactly and each part is within one minor unit of its exact
 * value total × w / Σw. A negative total is split as its absolute value, then negated.
 * 0.02 over [1, 1, 2] gives [0.01, 0, 0.01].
 */
export function allocateByWeights(total: Minor, weights: readonly bigint[]): Minor[] {
  const neg = total < 0;
  const f = floorShares(BigInt(neg ? -total : total), weights);
  handOutLargest(f);
  return f.floors.map((x) => toMinor(x, neg));
}

export interface Claim {
  readonly key: string;
  readonly weight: Rate;
}

export interface AllocateOptions {
  readonly remainder: Remainder;
  /** The key of what is not shared out; "retained" unless given. */
  readonly retainedKey?: string;
}

export interface Allocation {
  readonly key: string;
  readonly amount: Minor;
}

/**
 * Splits a stream's total between the bodies with shares (claims) and what the union
 * retains (the rest of 100%). The result is retained first, then each claim in the order
 * given; it always adds up to total exactly. Who takes the leftover minor units:
 * - largest: the shares that lost the most to rounding down, ties retained first, then
 *   bodies in listed order;
 * - retained: every leftover unit goes to retained;
 * - body: every leftover unit goes to that body (it must be among the claims).
 * Shares adding up to more than 100%, negative shares or an unknown remainder body are
 * refused by config validation; reaching here with one is a bug and throws.
 */
export function allocate(total: Minor, claims: readonly Claim[], opts: AllocateOptions): Allocation[] {
  const retainedKey = opts.retainedKey ?? "retained";
  // Put every share over one common denominator so they compare as integers.
  let common = 1n;
  for (const c of claims) {
    if (c.weight.den <= 0n || c.weight.num < 0n) throw new Error(`bug: share ${c.weight.text} of ${c.key} is not a non-negative fraction`);
    common = (common / gcd(common, c.weight.den)) * c.weight.den;
  }
  const weights: bigint[] = [0n];
  let shared = 0n;
  for (const c of claims) {
    const w = c.weight.num * (common / c.weight.den);
    weights.push(w);
    shared += w;
  }
  if (shared > common) throw new Error(`bug: shares add up to more than 100%: ${claims.map((c) => c.weight.text).join(" + ")}`);
  weights[0] = common - shared;

  const neg = total < 0;
  const f = floorShares(BigInt(neg ? -total : total), weights);
  const mode = opts.remainder;
  if (mode.kind === "largest") handOutLargest(f);
  else {
    // ROUNDING: the declared taker receives every leftover unit (at most one per share).
    let taker = 0;
    if (mode.kind === "body") {
      taker = claims.findIndex((c) => c.key === mode.body) + 1;
      if (taker === 0) throw new Error(`bug: remainder body ${mode.body} has no share in this split`);
    }
    f.floors[taker]! += BigInt(f.leftover);
  }
  const out: Allocation[] = [{ key: retainedKey, amount: toMinor(f.floors[0]!, neg) }];
  claims.forEach((c, i) => out.push({ key: c.key, amount: toMinor(f.floors[i + 1]!, neg) }));
  return out;
}
