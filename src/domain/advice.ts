// A remittance advice or annual return from an affiliate (`dues-return` version 1,
// docs/return-file.md) as domain values, the arithmetic a federation checks on it, and what
// of each month comes to the federation. Pure: import/advice-reader.ts reads the file.
import type { CollectionModel } from "./federation.js";
import type { Minor } from "./money.js";
import type { Period } from "./period.js";

export type AdviceStream = "dues" | "funds" | "per-capita";

export interface AdviceShare {
  readonly stream: AdviceStream;
  /** "retained" or a body id of the sender's dues.yaml. */
  readonly to: string;
  readonly amount: Minor;
  /** JSON path of the share, for problems. */
  readonly path: string;
}

export interface AdviceMonth {
  readonly period: Period;
  readonly employees: number;
  readonly members: number;
  readonly paying: number;
  readonly exempt: number;
  readonly duesBase: Minor;
  readonly dues: Minor;
  readonly fundsBase: Minor;
  readonly funds: Minor;
  readonly collection: "union" | "upstream";
  readonly shares: readonly AdviceShare[];
  readonly path: string;
}

export interface AdviceRemittance {
  readonly body: string;
  readonly period: Period;
  readonly due: Minor;
  readonly paid: Minor;
  readonly outstanding: Minor;
  readonly status: string;
  readonly path: string;
}

export interface Advice {
  readonly kind: "month" | "year";
  readonly unionId: string | null;
  readonly unionName: string;
  readonly creditCode: string | null;
  readonly currency: string;
  readonly from: Period;
  readonly to: Period;
  readonly year: number | null;
  readonly generatedAt: string;
  readonly asOf: string | null;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly configSha256: string;
  readonly months: readonly AdviceMonth[];
  readonly remittances: readonly AdviceRemittance[];
  /** `totals`, when the file has it (an added field of version 1). */
  readonly totals: { readonly dues: Minor; readonly funds: Minor; readonly due: Minor; readonly paid: Minor; readonly outstanding: Minor } | null;
}

/** An arithmetic mistake, at a JSON path: what the file says against what its parts add up to. */
export interface AdviceMismatch {
  readonly kind: "dues-shares" | "funds-shares" | "totals" | "remittance";
  readonly path: string;
  readonly stated: Minor;
  readonly computed: Minor;
}

/**
 * The sums a consumer checks (docs/return-file.md, "Checks a consumer can make"): per month
 * the dues and per-capita shares add up to `dues` and the funds shares to `funds` (a month
 * without a funds stream has none); `totals` are the sums over months and remittances; each
 * remittance's outstanding is due − paid.
 */
export function adviceMismatches(a: Advice): AdviceMismatch[] {
  const out: AdviceMismatch[] = [];
  for (const m of a.months) {
    const sum = (streams: readonly AdviceStream[]) => m.shares.filter((s) => streams.includes(s.stream)).reduce((t, s) => t + s.amount, 0);
    const hasDues = m.shares.some((s) => s.stream !== "funds");
    const hasFunds = m.shares.some((s) => s.stream === "funds");
    if ((hasDues || m.dues !== 0) && sum(["dues", "per-capita"]) !== m.dues) out.push({ kind: "dues-shares", path: `${m.path}.dues`, stated: m.dues, computed: sum(["dues", "per-capita"]) });
    if ((hasFunds || m.funds !== 0) && sum(["funds"]) !== m.funds) out.push({ kind: "funds-shares", path: `${m.path}.funds`, stated: m.funds, computed: sum(["funds"]) });
  }
  for (const r of a.remittances) if (r.due - r.paid !== r.outstanding) out.push({ kind: "remittance", path: `${r.path}.outstanding`, stated: r.outstanding, computed: r.due - r.paid });
  if (a.totals) {
    const t = a.totals;
    const over = <T>(xs: readonly T[], f: (x: T) => Minor) => xs.reduce((s, x) => s + f(x), 0);
    const checks: [keyof NonNullable<Advice["totals"]>, Minor][] = [
      ["dues", over(a.months, (m) => m.dues)], ["funds", over(a.months, (m) => m.funds)],
      ["due", over(a.remittances, (r) => r.due)], ["paid", over(a.remittances, (r) => r.paid)], ["outstanding", over(a.remittances, (r) => r.outstanding)],
    ];
    for (const [k, computed] of checks) if (t[k] !== computed) out.push({ kind: "totals", path: `$.totals.${k}`, stated: t[k], computed });
  }
  return out;
}

/** What of one advice month comes to the federation, and what of that the affiliate itself pays. */
export interface MonthDue {
  /** Every share the affiliate owes upward (all bodies, all streams). */
  readonly upward: Minor;
  /** The shares that come to this federation (`receives`). */
  readonly expected: Minor;
  /** Of them, what the affiliate pays itself: booked to 132. Under a tax model the funds
   *  shares come from the tax authority instead, so they are left out here. */
  readonly booked: Minor;
}

export function monthDue(m: AdviceMonth, receives: "all" | readonly string[], model: CollectionModel): MonthDue {
  let upward = 0, expected = 0, booked = 0;
  for (const s of m.shares) {
    if (s.to === "retained") continue;
    upward += s.amount;
    if (receives !== "all" && !receives.includes(s.to)) continue;
    expected += s.amount;
    if (s.stream !== "funds" || model === "union-collects") booked += s.amount;
  }
  return { upward, expected, booked };
}
