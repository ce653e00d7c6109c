// A period's money streams under a scheme: the dues total less per-capita tax, split by
// largest remainder; the employer's funds rounded once on the period total, then split.
// Runs once per period and import (never per member). Pure. Rules in docs/money.md.
import { allocate } from "./allocate.js";
import { statusIn } from "./dues.js";
import { formatMinor, type Minor } from "./money.js";
import { problem, type Problem } from "./problem.js";
import { applyRate } from "./rounding.js";
import type { PerCapitaRule, Scheme, Share } from "./scheme.js";
import { text } from "./text.js";

export interface PeriodStreamsInput {
  /** Σ of every member's rounded dues for the period. */
  readonly duesTotal: Minor;
  /** Members assessed dues above zero (SPEC §3 `count: paying`). */
  readonly paying: number;
  /** Every member, exempt ones too (`count: all-members`). */
  readonly allMembers: number;
  /** Members by status as written in the file (or canonical); compared like exemptions. */
  readonly countsByStatus: Readonly<Record<string, number>>;
  /** Σ of the funds base (all employees, members or not) for the period. */
  readonly fundsBase: Minor;
  /** Minor digits of the currency, for amounts in problem messages; 2 unless given. */
  readonly digits?: number;
}

export interface StreamShare {
  /** "retained" or a body id. */
  readonly to: string;
  readonly amount: Minor;
}

export interface PerCapitaLine {
  readonly to: string;
  readonly count: number;
  readonly amount: Minor;
}

export interface PeriodStreams {
  readonly dues: {
    readonly total: Minor;
    readonly perCapita: PerCapitaLine[];
    /** The dues left after per-capita, split: retained first, then bodies in listed order. */
    readonly shares: StreamShare[];
  };
  readonly funds: { readonly base: Minor; readonly total: Minor; readonly shares: StreamShare[] } | null;
  readonly problems: Problem[];
}

function countFor(rule: PerCapitaRule, input: PeriodStreamsInput): number {
  switch (rule.count.kind) {
    case "paying": return input.paying;
    case "all-members": return input.allMembers;
    case "statuses": {
      let n = 0;
      for (const [status, count] of Object.entries(input.countsByStatus)) {
        if (statusIn(status, rule.count.statuses)) n += count;
      }
      return n;
    }
  }
}

function split(total: Minor, shares: readonly Share[], remainder: Scheme["dues"]["remainder"]): StreamShare[] {
  return allocate(total, shares.map((s) => ({ key: s.to, weight: s.share })), { remainder }).map((a) => ({ to: a.key, amount: a.amount }));
}

/**
 * The period's streams. Dues: per-capita lines (count × amount) come off the dues total
 * first; what is left is split by the scheme's dues shares. Funds: fundsBase × rate,
 * rounded once on the period total, then split. Every list of shares adds up to its
 * total exactly. When per-capita tax exceeds the dues total the dues shares are empty and
 * problems holds STREAM_PER_CAPITA_EXCEEDS_DUES: the caller must refuse, not post.
 */
export function periodStreams(input: PeriodStreamsInput, scheme: Scheme): PeriodStreams {
  const digits = input.digits ?? 2;
  const problems: Problem[] = [];

  const perCapita: PerCapitaLine[] = [];
  let perCapitaTotal = 0;
  for (const rule of scheme.perCapita) {
    const count = countFor(rule, input);
    const amount = count * rule.amount; // exact: a count times whole minor units
    if (!Number.isSafeInteger(amount)) throw new Error(`bug: per-capita amount beyond safe integers for ${rule.to}`);
    perCapita.push({ to: rule.to, count, amount });
    perCapitaTotal += amount;
  }

  let duesShares: StreamShare[];
  if (perCapita.length > 0 && perCapitaTotal > input.duesTotal) {
    duesShares = [];
    problems.push(
      problem(
        "STREAM_PER_CAPITA_EXCEEDS_DUES",
        text(
          `Per-capita tax ${formatMinor(perCapitaTotal, digits)} (${perCapita.map((p, i) => `${p.to}: ${p.count} × ${formatMinor(scheme.perCapita[i]!.amount, digits)}`).join(", ")}) is more than the period's dues ${formatMinor(input.duesTotal, digits)}; the union would retain a negative amount.`,
          `人头税合计 ${formatMinor(perCapitaTotal, digits)}（${perCapita.map((p, i) => `${p.to}：${p.count} × ${formatMinor(scheme.perCapita[i]!.amount, digits)}`).join("，")}）超过本期会费 ${formatMinor(input.duesTotal, digits)}，留存金额将为负数。`,
        ),
        {
          hint: text(
            "Check the per_capita amounts and counts in dues.yaml against the parent body's notice, and whether this payroll file is complete.",
            "请对照上级通知核对 dues.yaml 中 per_capita 的金额和计数口径，并确认本期工资表是否完整。",
          ),
        },
      ),
    );
  } else {
    // ROUNDING: largest remainder on the period's dues after per-capita (never per member).
    duesShares = split(input.duesTotal - perCapitaTotal, scheme.dues.split, scheme.dues.remainder);
  }

  let funds: PeriodStreams["funds"] = null;
  if (scheme.funds) {
    // ROUNDING: funds are rounded once on the period total (DOMAIN.md), then split by
    // largest remainder, so the shares add up to the rounded total exactly.
    const total = applyRate(input.fundsBase, scheme.funds.rate, scheme.funds.round);
    funds = { base: input.fundsBase, total, shares: split(total, scheme.funds.split, scheme.funds.remainder) };
  }

  return { dues: { total: input.duesTotal, perCapita, shares: duesShares }, funds, problems };
}
