// A federation's rules (县/市总工会, a US council or International): how what an affiliate
// pays divides between the affiliate, the federation and its higher bodies under each
// collection model, and the affiliates register's values. Pure: config.ts validates the
// `federation:` key into FederationConfig; the app layer books what these functions return.
import { allocate, type Allocation } from "./allocate.js";
import type { LateFee } from "./config.js";
import type { Minor } from "./money.js";
import type { Rate, Remainder, Share } from "./scheme.js";
import { text, type Text } from "./text.js";
import { checkUscc, usccFault } from "./uscc.js";

/**
 * Who collects an affiliate's 2% funds (DOMAIN.md, "Collection models"):
 * - union-collects: the base union collects from its employer and remits the upward share
 *   (e.g. 40%) to the federation itself, with a remittance advice;
 * - tax-full: the tax authority collects the whole 2% (税务代收) and passes it to the
 *   federation, which refunds the base union's share (e.g. 60%) through 212 应付下级经费;
 * - tax-upward: the tax authority collects only the upward share; the base union keeps
 *   its share at source.
 */
export type CollectionModel = "union-collects" | "tax-full" | "tax-upward";
export const COLLECTION_MODELS: readonly CollectionModel[] = ["union-collects", "tax-full", "tax-upward"];

/** 筹备金 from employers without a union: the federation's income, or held for the union to be formed. */
export type PreparatoryTreatment = "income" | "held";

/** `federation:` in dues.yaml (docs/configuration.md, docs/federation.md). */
export interface FederationConfig {
  /** The model of an affiliate whose register row names none. */
  readonly collection: CollectionModel;
  /** The rate employers pay on their payroll (工会法 Art. 43: 2%): what a tax list's amount is of. */
  readonly fundsRate: Rate;
  /** The affiliate's own share of the whole 2% (e.g. 60%): refunded through 212 under tax-full. */
  readonly affiliateShare: Rate;
  /**
   * How what reaches the federation (the upward share) divides: each higher body's share
   * of it (owed through 211 应付上级经费:BODY); the rest is the federation's own income (402).
   */
  readonly split: readonly Share[];
  /** Who takes the odd cent of the split (as `schemes[].funds.remainder`). */
  readonly remainder: Remainder;
  /**
   * Which shares of an affiliate's advice come to this federation: "all" (every share an
   * affiliate owes upward, the usual case when it remits its whole 40% here), or the ids
   * its dues.yaml `bodies` give this federation (a US local pays each parent body apart).
   */
  readonly receives: "all" | readonly string[];
  /** Affiliates' money for a month is due on this day of the next month (default 15). */
  readonly dueDay: number;
  /** The late fee charged to affiliates (5‰ a day, capped at the principal), or none. */
  readonly lateFee: LateFee | null;
  readonly preparatory: PreparatoryTreatment;
}

/** What one amount an affiliate (or the tax authority for it) paid becomes in the books. */
export interface FederationSplit {
  /** The affiliate's share the federation owes back (212), tax-full only; otherwise 0. */
  readonly refund: Minor;
  /** The federation's own share (402 / 4050). */
  readonly own: Minor;
  /** Each higher body's share (211:BODY), in the order of `split`. */
  readonly bodies: readonly { readonly to: string; readonly amount: Minor }[];
}

const OWN = "retained";

/**
 * Splits what reaches the federation (the upward share: an advice's total, or a tax-upward
 * collection) among the federation and its higher bodies by largest remainder with the
 * configured tie-break (allocate.ts). The parts add up to `upward` exactly.
 */
export function splitUpward(upward: Minor, fed: Pick<FederationConfig, "split" | "remainder">): FederationSplit {
  const parts = allocate(upward, fed.split.map((s) => ({ key: s.to, weight: s.share })), { remainder: fed.remainder, retainedKey: OWN });
  return { refund: 0, own: amountOf(parts, OWN), bodies: fed.split.map((s) => ({ to: s.to, amount: amountOf(parts, s.to) })) };
}

/**
 * Splits an amount collected for an affiliate under its model. tax-full: the whole 2% came
 * in, so the affiliate's share (affiliateShare, by largest remainder against the upward
 * rest) is refunded and the rest split as splitUpward; union-collects and tax-upward: the
 * amount is already the upward share.
 */
export function splitCollection(amount: Minor, model: CollectionModel, fed: FederationConfig): FederationSplit {
  if (model !== "tax-full") return splitUpward(amount, fed);
  // ROUNDING: largest remainder between the affiliate's share and the upward rest; a tie goes to the upward rest (listed first).
  const [upward, refund] = allocate(amount, [{ key: "affiliate", weight: fed.affiliateShare }], { remainder: { kind: "largest" }, retainedKey: "upward" });
  const up = splitUpward(upward!.amount, fed);
  return { ...up, refund: refund!.amount };
}

function amountOf(parts: readonly Allocation[], key: string): Minor {
  return parts.find((p) => p.key === key)?.amount ?? 0;
}

// ---------------------------------------------------------------------------------
// The affiliates register.
// ---------------------------------------------------------------------------------

/** Affiliate ids are what the affiliate's own dues.yaml has as `union.id` (the advice's union.id). */
export const AFFILIATE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** One affiliate as the register holds it now (the latest of its history). */
export interface Affiliate {
  readonly id: string;
  readonly name: string;
  readonly employer: string;
  /** 统一社会信用代码 (check character verified), an EIN (12-3456789), or null. */
  readonly creditCode: string | null;
  /** null: the federation's default (federation.collection). */
  readonly collection: CollectionModel | null;
  /** Expected share rule: which of its advice's shares come here ("all" or body ids), null: federation.receives. */
  readonly receives: "all" | readonly string[] | null;
  /** The monthly 工资总额 (funds base) last known, for the expected amount while no advice has come. */
  readonly fundsBase: Minor | null;
  readonly contact: string;
  /** When it joined the federation: YYYY-MM-DD or YYYY-MM; nothing is expected of it before that month. null: not known. */
  readonly joined: string | null;
  /** When it left the federation: YYYY-MM-DD or YYYY-MM; nothing is expected of it after that month. null: it has not (or not known). */
  readonly left: string | null;
}

/** The register row of an affiliate at one import: the history is every such version, in order. */
export interface AffiliateVersion extends Affiliate {
  readonly version: number;
  readonly file: string;
  readonly sourceLine: number;
  readonly importedAt: string;
}

/** The fields that make a new version when they change (a re-import with the same values adds none). */
export function affiliateChanged(a: Affiliate, b: Affiliate): string[] {
  const out: string[] = [];
  if (a.name !== b.name) out.push("name");
  if (a.employer !== b.employer) out.push("employer");
  if (a.creditCode !== b.creditCode) out.push("creditCode");
  if (a.collection !== b.collection) out.push("collection");
  if (receivesText(a.receives) !== receivesText(b.receives)) out.push("receives");
  if (a.fundsBase !== b.fundsBase) out.push("fundsBase");
  if (a.contact !== b.contact) out.push("contact");
  if ((a.joined ?? null) !== (b.joined ?? null)) out.push("joined");
  if ((a.left ?? null) !== (b.left ?? null)) out.push("left");
  return out;
}

export function receivesText(r: "all" | readonly string[] | null): string {
  return r === null ? "" : r === "all" ? "all" : r.join(";");
}

// 统一社会信用代码: the check is domain/uscc.ts's (shared with the tax-list reader).
export { usccCheckChar } from "./uscc.js";

export type CreditCodeRead = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly why: Text; readonly hint: Text };

/**
 * A credit code as written: with `uscc` a 统一社会信用代码 whose check character is right
 * (one mistyped character is caught); otherwise an EIN (123456789 → 12-3456789) or any
 * registration number of letters, digits, spaces, ".", "/" and "-".
 */
export function readCreditCode(raw: string, uscc: boolean): CreditCodeRead {
  const code = raw.trim().toUpperCase();
  const bad = (why: Text, hint: Text): CreditCodeRead => ({ ok: false, why, hint });
  if (uscc) {
    const hint = text("copy the 18-character code from the 统一社会信用代码证书 (a union's usually starts with 81)", "请照统一社会信用代码证书抄写 18 位代码（工会法人一般以 81 开头）");
    const checked = checkUscc(code);
    if (!checked.ok) return bad(usccFault(checked), hint);
    return { ok: true, code: checked.code };
  }
  if (/^\d{9}$/.test(code)) return { ok: true, code: `${code.slice(0, 2)}-${code.slice(2)}` };
  if (/^[A-Z0-9][A-Z0-9 ./-]{1,39}$/.test(code)) return { ok: true, code };
  return bad(text("is not a registration number", "不是有效的登记号码"), text("write the EIN as 12-3456789, or the registration number as it is printed (letters, digits, -, /, .)", "EIN 写作 12-3456789；其他登记号照证书书写（字母、数字、-、/、.）"));
}

/**
 * The upward share of a month no advice has come for, from the funds base last known:
 * base × funds rate (ROUNDING: half-up to the minor unit, as a period total is), less the
 * affiliate's own share by largest remainder (as splitCollection divides a collection).
 */
export function estimatedUpward(fundsBase: Minor, fed: Pick<FederationConfig, "fundsRate" | "affiliateShare">): Minor {
  const num = BigInt(fundsBase) * fed.fundsRate.num;
  const den = fed.fundsRate.den;
  const funds = Number((2n * num + den) / (2n * den));
  const [upward] = allocate(funds, [{ key: "affiliate", weight: fed.affiliateShare }], { remainder: { kind: "largest" }, retainedKey: "upward" });
  return upward!.amount;
}
