// The typed rules of a dues scheme, as a validated dues.yaml produces them (config.ts)
// and as dues.ts / streams.ts consume them. Types only: no behaviour lives here.
import type { Minor } from "./money.js";
import type { Period } from "./period.js";

/** An exact rate as a reduced fraction: 0.5% is { num: 1n, den: 200n }. Never a float. */
export interface Rate {
  readonly num: bigint;
  readonly den: bigint;
  /** How the treasurer wrote it ("0.5%"), for display and workbooks. */
  readonly text: string;
}

export type RoundMode = "half-up" | "half-even" | "down" | "up";

export interface Rounding {
  /** The step in minor units: to 0.01 → 1, to 0.05 → 5, to 1 → 100 (for a 2-digit currency). */
  readonly step: Minor;
  readonly mode: RoundMode;
  /** As written ("0.01"), for display. */
  readonly text: string;
}

export interface Band {
  /** Upper bound of the base for this band, inclusive; null on the last band. */
  readonly upTo: Minor | null;
  readonly amount: Minor;
}

export type DuesMethod =
  | { readonly kind: "rate"; readonly rate: Rate }
  | { readonly kind: "flat"; readonly amount: Minor }
  | { readonly kind: "bands"; readonly bands: readonly Band[] };

export interface Share {
  /** A body id from `bodies`. */
  readonly to: string;
  readonly share: Rate;
}

/** Who takes the odd minor unit when a split does not divide evenly. */
export type Remainder =
  | { readonly kind: "largest" }
  | { readonly kind: "retained" }
  | { readonly kind: "body"; readonly body: string };

export interface DuesRule {
  /** Name of a base defined under the source's `bases`. */
  readonly base: string;
  /** Base truncated down to a multiple of this (minor units) before the rate; 0 = no step. */
  readonly baseStep: Minor;
  readonly method: DuesMethod;
  readonly round: Rounding;
  readonly min: Minor | null;
  readonly max: Minor | null;
  /** Member statuses that pay nothing (retired, unemployed, ...). */
  readonly exempt: readonly string[];
  readonly split: readonly Share[];
  readonly remainder: Remainder;
}

export interface FundsRule {
  readonly base: string;
  readonly rate: Rate;
  readonly round: Rounding;
  readonly split: readonly Share[];
  readonly remainder: Remainder;
  /** union: we collect all and remit shares; upstream: a higher body collects and refunds our share. */
  readonly collection: "union" | "upstream";
}

export type PerCapitaCount =
  | { readonly kind: "paying" }
  | { readonly kind: "all-members" }
  | { readonly kind: "statuses"; readonly statuses: readonly string[] };

export interface PerCapitaRule {
  readonly to: string;
  readonly amount: Minor;
  readonly count: PerCapitaCount;
}

export interface Scheme {
  readonly effectiveFrom: string; // ISO date, e.g. "2022-01-01"
  readonly document: string;
  readonly dues: DuesRule;
  readonly funds: FundsRule | null;
  readonly perCapita: readonly PerCapitaRule[];
}

/** A period uses the latest scheme in force on its first day. */
export function schemeFor(schemes: readonly Scheme[], period: Period): Scheme | undefined {
  const first = `${period}-01`;
  let found: Scheme | undefined;
  for (const s of schemes) if (s.effectiveFrom <= first && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  return found;
}
