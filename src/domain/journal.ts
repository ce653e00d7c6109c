// Journal entries and postings as plain values: the balance rule (postings sum to zero,
// positive = debit), reversal, and the chart checks on accounts and bodies. No storage;
// the ledger asserts these again before writing, because an unbalanced entry is a bug.
import { chartOf, findAccount, childrenOf, isPostable, type ChartId } from "./chart.js";
import type { Minor } from "./money.js";
import type { IsoDate, Period } from "./period.js";
import { problem, type Problem } from "./problem.js";
import { text } from "./text.js";

/** Entries that act on the books rather than move money: they may be dated in a sealed
 *  month (a close seals it, a year-end carry-forward is booked into the sealed December)
 *  and may have no postings. */
export const BOOK_ACTION_KINDS: readonly string[] = ["close", "reopen", "year-close", "year-reopen"];

/** The year-end carry-forward and its reversal: not the year's movement, so statements of
 *  income and spending and budget actuals leave them out (TEAM.md, docs/ledger.md). */
export const CARRY_FORWARD_KINDS: readonly string[] = ["year-close", "year-reopen"];

/** Kinds whose postings may each carry their own period (所属期间): the opening balances,
 *  and the void entries that reverse them posting by posting. */
export const PER_POSTING_PERIOD_KINDS: readonly string[] = ["opening", "void"];

export interface Posting {
  readonly account: string;
  /** A higher (or lower) body's id, on accounts that take one (211:city). */
  readonly body?: string | null;
  /** A member id, on the member subledger accounts (arrears, credits). */
  readonly member?: string | null;
  /** A project tag (projects: in dues.yaml); earmarked projects close to 321. */
  readonly project?: string | null;
  /** Minor units; positive = debit, negative = credit. */
  readonly amount: Minor;
}

export interface EntryDraft {
  readonly date: IsoDate;
  readonly period: Period;
  readonly memo: string;
  readonly kind?: string;
  readonly ref?: string | null;
  readonly body?: string | null;
  readonly reverses?: number | null;
  readonly postings: readonly Posting[];
}

/** Sum of the postings: zero for a balanced entry. */
export function imbalance(postings: readonly Posting[]): Minor {
  let t = 0;
  for (const p of postings) t += p.amount;
  return t;
}

/** Sum of the debit (positive) postings. */
export function debitTotal(postings: readonly Posting[]): Minor {
  let t = 0;
  for (const p of postings) if (p.amount > 0) t += p.amount;
  return t;
}

export function isBalanced(postings: readonly Posting[]): boolean {
  return imbalance(postings) === 0;
}

/** The postings that undo these: same accounts, bodies and members, opposite signs. */
export function reversalOf(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({ account: p.account, body: p.body ?? null, member: p.member ?? null, project: p.project ?? null, amount: p.amount === 0 ? 0 : -p.amount }));
}

/**
 * What is wrong with these postings under a chart, as problems: unknown accounts,
 * accounts with sub-accounts, a body missing where the account needs one (or given
 * where it takes none), an unknown body, zero amounts. `where` locates each posting
 * (e.g. the command-line argument it came from).
 */
export function checkPostings(
  chart: ChartId,
  postings: readonly Posting[],
  opts: { bodies?: readonly string[]; where?: (i: number) => { file?: string; line?: number; column?: number; source?: string } } = {},
): Problem[] {
  const out: Problem[] = [];
  postings.forEach((p, i) => {
    const where = opts.where?.(i) ?? {};
    const acc = findAccount(chart, p.account);
    if (!acc) {
      // Suggest the postable accounts that share the first digit (the same kind of account).
      // Otherwise the first few postable accounts (leaves): a top-level account such as 501 cannot take a posting.
      const postable = chartOf(chart).accounts.filter((a) => isPostable(chart, a.code)).map((a) => a.code);
      const near = postable.filter((c) => c[0] === p.account[0]);
      const pool = near.length ? near : postable;
      const MAX = 10;
      const more = pool.length - MAX;
      const list = pool.slice(0, MAX).join(", ");
      out.push(problem("LEDGER_UNKNOWN_ACCOUNT", text(`account ${p.account} is not in the chart ${chart}`, `科目 ${p.account} 不在科目表 ${chart} 中`), {
        ...where,
        hint: more > 0
          ? text(`postable accounts${near.length ? ` starting with ${p.account[0]}` : ""}: ${list}, … (${more} more; docs/ledger.md lists all)`, `可记账科目${near.length ? `（以 ${p.account[0]} 开头）` : ""}：${list}……（另有 ${more} 个，完整列表见 docs/ledger.md）`)
          : text(`postable accounts${near.length ? ` starting with ${p.account[0]}` : ""}: ${list}`, `可记账科目${near.length ? `（以 ${p.account[0]} 开头）` : ""}：${list}`),
      }));
      return;
    }
    const kids = childrenOf(chart, p.account);
    if (kids.length > 0) {
      out.push(problem("LEDGER_NOT_A_LEAF", text(`account ${p.account} has sub-accounts; post to one of them`, `科目 ${p.account} 有明细科目，请记入明细科目`), {
        ...where,
        hint: text(`sub-accounts: ${kids.map((k) => k.code).join(", ")}`, `明细科目：${kids.map((k) => k.code).join("、")}`),
      }));
    }
    if (acc.takesBody && !p.body) {
      out.push(problem("LEDGER_BODY_REQUIRED", text(`account ${p.account} needs a body: ${p.account}:BODY`, `科目 ${p.account} 须指明上级工会：${p.account}:单位`), {
        ...where,
        hint: opts.bodies?.length ? text(`bodies: ${opts.bodies.join(", ")}`, `单位：${opts.bodies.join("、")}`) : undefined,
      }));
    } else if (!acc.takesBody && p.body) {
      out.push(problem("LEDGER_BODY_NOT_ALLOWED", text(`account ${p.account} takes no body`, `科目 ${p.account} 不设单位明细`), where));
    } else if (p.body && opts.bodies && !opts.bodies.includes(p.body)) {
      out.push(problem("LEDGER_UNKNOWN_BODY", text(`body ${p.body} is not in dues.yaml`, `单位 ${p.body} 不在 dues.yaml 中`), {
        ...where,
        hint: text(`bodies: ${opts.bodies.join(", ") || "(none)"}`, `单位：${opts.bodies.join("、") || "（无）"}`),
      }));
    }
    if (p.amount === 0) out.push(problem("LEDGER_ZERO_POSTING", text(`posting to ${p.account} is zero`, `记入 ${p.account} 的金额为零`), where));
  });
  return out;
}
