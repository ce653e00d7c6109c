// One member's dues for one period under a scheme's DuesRule: base step, then rate, flat
// amount or bands, then min and max, with exemptions by status. Runs per payroll row
// (a million rows an import), so it stays allocation-light: one result object per call,
// cached status lookups, no decimal.js. Pure. Rules in docs/money.md.
import type { Minor } from "./money.js";
import { applyRate, truncateToStep } from "./rounding.js";
import type { DuesRule } from "./scheme.js";

export type CanonicalStatus = "active" | "retired" | "unemployed" | "leave" | "suspended" | "other";

// Words seen in payroll and roster files for each status, compared after lower-casing and
// removing spaces, underscores and hyphens. Chinese from 章程 Art. 8 and common HR exports.
const WORDS: Readonly<Record<Exclude<CanonicalStatus, "other">, readonly string[]>> = {
  active: ["active", "employed", "working", "current", "member", "inservice", "normal", "在职", "在岗", "在册", "正常", "在职在岗", "在職"],
  retired: ["retired", "retiree", "pensioner", "pension", "退休", "离休", "离退休", "已退休", "退休人员", "离休人员", "離休", "離退休"],
  unemployed: ["unemployed", "jobless", "laidoff", "redundant", "失业", "下岗", "待岗", "失業", "下崗", "失业人员"],
  leave: ["leave", "onleave", "sabbatical", "maternityleave", "sickleave", "unpaidleave", "parentalleave", "休假", "病假", "产假", "长病假", "停薪留职", "请假", "產假", "停薪留職"],
  suspended: ["suspended", "suspension", "暂停", "停会", "停止会籍", "暂停会籍", "暫停"],
};

const CANONICAL = new Map<string, CanonicalStatus>();
for (const [status, words] of Object.entries(WORDS) as [CanonicalStatus, readonly string[]][]) {
  for (const w of words) CANONICAL.set(w, status);
}

function squash(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_\-\u3000]+/g, "");
}

/**
 * Maps a status as written ("Retired", "退休", "离休", "on leave", "失业") to one of
 * active | retired | unemployed | leave | suspended; anything else is "other".
 * A blank status is "active": payroll files leave the column empty for ordinary members.
 */
export function normaliseStatus(raw: string): CanonicalStatus {
  const s = squash(raw);
  if (s === "") return "active";
  return CANONICAL.get(s) ?? "other";
}

// The key statuses are compared by: the canonical word when the status is one we know,
// otherwise the squashed text itself, so that a union's own statuses ("apprentice",
// "学徒") match each other without every unknown status matching every other.
const keyCache = new Map<string, string>();
export function statusKey(raw: string): string {
  let k = keyCache.get(raw);
  if (k === undefined) {
    const c = normaliseStatus(raw);
    k = c === "other" ? squash(raw) : c;
    // A payroll has a handful of distinct statuses; bound the cache against odd files.
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(raw, k);
  }
  return k;
}

const exemptSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function exemptSet(list: readonly string[]): ReadonlySet<string> {
  let set = exemptSets.get(list);
  if (!set) {
    set = new Set(list.map(statusKey));
    exemptSets.set(list, set);
  }
  return set;
}

/** True when the status is one of the listed ones (case-insensitive, zh and en words alike). */
export function statusIn(status: string | null, list: readonly string[]): boolean {
  return list.length > 0 && exemptSet(list).has(statusKey(status ?? ""));
}

export interface MemberDuesInput {
  /** The member's dues base for the period (sum of the configured columns). */
  readonly base: Minor;
  /** The status as written in the file, or null when there is no status column. */
  readonly status: string | null;
  readonly member: boolean;
}

export interface MemberDues {
  /** The base after the step (the 10-yuan rule): what the rate or bands were applied to. */
  readonly truncatedBase: Minor;
  readonly dues: Minor;
  readonly exempt: boolean;
  readonly reason: "not-member" | "exempt-status" | null;
}

/**
 * One member's dues for the period:
 * 1. not a member → 0 (reason not-member); an exempt status → 0 (exempt, reason exempt-status);
 * 2. base truncated down to a multiple of baseStep;
 * 3. rate: truncated base × rate, rounded per member by rule.round; flat: the amount;
 *    bands: the amount of the first band whose upTo ≥ the truncated base (the last band
 *    has no upTo and takes the rest);
 * 4. min raises and max caps the result; min applies only to a member with a base above
 *    zero (no wage this period, nothing to deduct from), max applies always.
 */
export function memberDues(input: MemberDuesInput, rule: DuesRule): MemberDues {
  const truncatedBase = truncateToStep(input.base, rule.baseStep);
  if (!input.member) return { truncatedBase, dues: 0, exempt: false, reason: "not-member" };
  if (rule.exempt.length > 0 && statusIn(input.status, rule.exempt)) {
    return { truncatedBase, dues: 0, exempt: true, reason: "exempt-status" };
  }
  let dues: Minor;
  const method = rule.method;
  if (method.kind === "rate") {
    // ROUNDING: per member, by the scheme's dues rounding (DOMAIN.md: dues per member).
    dues = applyRate(truncatedBase, method.rate, rule.round);
  } else if (method.kind === "flat") {
    dues = method.amount;
  } else {
    dues = 0;
    for (const band of method.bands) {
      if (band.upTo === null || truncatedBase <= band.upTo) { dues = band.amount; break; }
    }
  }
  if (rule.min !== null && input.base > 0 && dues < rule.min) dues = rule.min;
  if (rule.max !== null && dues > rule.max) dues = rule.max;
  return { truncatedBase, dues, exempt: false, reason: null };
}
