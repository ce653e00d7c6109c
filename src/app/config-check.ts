// `dues config check`: validates dues.yaml without touching the ledger and summarises
// what it says (union, bodies, sources, the schemes and which one is in force) as plain
// strings: amounts with the currency's digits, rates as exact percentages.
import { existsSync } from "node:fs";
import { exactPercent, type Config } from "../domain/config.js";
import { formatMinor } from "../domain/money.js";
import { dayBefore, financialYear } from "../domain/period.js";
import { Refusal, hasErrors, type Problem } from "../domain/problem.js";
import type { Remainder, Scheme, Share } from "../domain/scheme.js";
import { loadConfigFile } from "../import/config-file.js";
import { isServerUrl } from "../ledger/ledger.js";
import { shownPath } from "./init.js";
import { resolveConfigPath, resolveDbPath, type PathOptions } from "./workspace.js";

export interface ShareSummary {
  readonly to: string;
  readonly name: string;
  readonly share: string;
}

export interface SplitSummary {
  readonly shares: readonly ShareSummary[];
  /** What the union keeps: 100% minus the shares. */
  readonly retained: string;
  /** largest | retained | the body id that takes the odd minor unit. */
  readonly remainder: string;
}

export interface SchemeSummary {
  readonly effectiveFrom: string;
  /** The day before the next scheme starts; null for the latest. */
  readonly effectiveTo: string | null;
  /** In force on the day the check runs. */
  readonly inForce: boolean;
  readonly document: string;
  readonly dues: {
    readonly base: string;
    readonly baseStep: string;
    readonly method: "rate" | "flat" | "bands";
    readonly rate?: string;
    readonly amount?: string;
    readonly bands?: readonly { upTo: string | null; amount: string }[];
    readonly round: { to: string; mode: string };
    readonly min: string | null;
    readonly max: string | null;
    readonly exempt: readonly string[];
    readonly split: SplitSummary;
  };
  readonly funds: {
    readonly base: string;
    readonly rate: string;
    readonly round: { to: string; mode: string };
    readonly collection: "union" | "upstream";
    readonly split: SplitSummary;
  } | null;
  readonly perCapita: readonly { to: string; name: string; amount: string; count: string }[];
}

export interface ConfigSummary {
  readonly file: string;
  readonly sha256: string;
  readonly ledger: { readonly path: string; readonly exists: boolean };
  readonly union: { name: string; currency: string; digits: number; locale: string; chart: string };
  readonly bodies: readonly { id: string; name: string }[];
  readonly sources: readonly { name: string; encoding: string; delimiter: string; decimalMark: string; sheet: string | null; columns: Record<string, readonly string[]>; bases: Record<string, readonly string[]> }[];
  readonly membership: string;
  readonly dueDay: number;
  readonly lateFee: { perDay: string; cap: string | null } | null;
  /** financial_year_start, and the months of the financial year today is in. */
  readonly financialYear: { start: number; current: { year: number; from: string; to: string } };
  readonly projects: readonly { id: string; name: string; earmarked: boolean }[];
  readonly schemes: readonly SchemeSummary[];
  /** Only for a federation (`federation:`); absent for a base union, so its JSON is unchanged. */
  readonly federation?: {
    collection: string; fundsRate: string; affiliateShare: string; split: readonly { to: string; share: string }[]; remainder: string;
    receives: "all" | readonly string[]; dueDay: number; lateFee: { perDay: string; cap: string | null } | null; preparatory: string;
  };
}

export interface ConfigCheckResult {
  readonly summary: ConfigSummary;
  readonly config: Config;
  readonly warnings: readonly Problem[];
}

/** Validates the configuration; refuses (65) with every problem, or summarises it. */
export function checkConfig(o: PathOptions & { today: string }): ConfigCheckResult {
  const configPath = resolveConfigPath(o);
  const file = shownPath(configPath, o.cwd);
  const checked = loadConfigFile(configPath, file);
  if (hasErrors(checked.problems) || !checked.value) throw new Refusal("data", checked.problems);
  const config = checked.value;
  const dbPath = resolveDbPath(o, config);
  return { summary: summarise(config, file, { path: shownPath(dbPath, o.cwd), exists: isServerUrl(dbPath) || existsSync(dbPath) }, o.today), config, warnings: checked.problems };
}

/** Pure: the summary of a validated configuration as of `today` (YYYY-MM-DD). */
export function summarise(config: Config, file: string, ledger: { path: string; exists: boolean }, today: string): ConfigSummary {
  const d = config.union.currency.digits;
  const money = (m: number) => formatMinor(m, d);
  const nameOf = (id: string) => config.bodies.find((b) => b.id === id)?.name ?? id;
  const split = (shares: readonly Share[], remainder: Remainder): SplitSummary => {
    // Retained = 1 − Σ shares, as an exact fraction.
    let num = 0n;
    let den = 1n;
    for (const s of shares) { num = num * s.share.den + s.share.num * den; den *= s.share.den; }
    return {
      shares: shares.map((s) => ({ to: s.to, name: nameOf(s.to), share: exactPercent(s.share) })),
      retained: exactPercent({ num: den - num, den }),
      remainder: remainder.kind === "body" ? remainder.body : remainder.kind,
    };
  };
  const inForce = [...config.schemes].filter((s) => s.effectiveFrom <= today).pop();
  const schemes = config.schemes.map((s: Scheme, i): SchemeSummary => {
    const next = config.schemes[i + 1];
    const dues = s.dues;
    return {
      effectiveFrom: s.effectiveFrom,
      effectiveTo: next ? dayBefore(next.effectiveFrom) : null,
      inForce: s === inForce,
      document: s.document,
      dues: {
        base: dues.base,
        baseStep: money(dues.baseStep),
        method: dues.method.kind,
        ...(dues.method.kind === "rate" ? { rate: exactPercent(dues.method.rate) } : {}),
        ...(dues.method.kind === "flat" ? { amount: money(dues.method.amount) } : {}),
        ...(dues.method.kind === "bands" ? { bands: dues.method.bands.map((b) => ({ upTo: b.upTo === null ? null : money(b.upTo), amount: money(b.amount) })) } : {}),
        round: { to: money(dues.round.step), mode: dues.round.mode },
        min: dues.min === null ? null : money(dues.min),
        max: dues.max === null ? null : money(dues.max),
        exempt: dues.exempt,
        split: split(dues.split, dues.remainder),
      },
      funds: s.funds
        ? { base: s.funds.base, rate: exactPercent(s.funds.rate), round: { to: money(s.funds.round.step), mode: s.funds.round.mode }, collection: s.funds.collection, split: split(s.funds.split, s.funds.remainder) }
        : null,
      perCapita: s.perCapita.map((p) => ({
        to: p.to,
        name: nameOf(p.to),
        amount: money(p.amount),
        count: p.count.kind === "statuses" ? p.count.statuses.join(", ") : p.count.kind,
      })),
    };
  });
  return {
    file,
    sha256: config.sha256,
    ledger,
    union: { name: config.union.name, currency: config.union.currency.code, digits: d, locale: config.union.locale, chart: config.union.chart },
    bodies: config.bodies.map((b) => ({ id: b.id, name: b.name })),
    sources: Object.values(config.sources).map((s) => ({ name: s.name, encoding: s.encoding, delimiter: s.delimiter, decimalMark: s.decimalMark, sheet: s.sheet ?? null, columns: s.columns, bases: s.bases })),
    membership: config.membership,
    dueDay: config.dueDay,
    lateFee: config.lateFee ? { perDay: exactPercent(config.lateFee.perDay), cap: config.lateFee.cap } : null,
    financialYear: (() => {
      const start = config.financialYearStart;
      const y = Number(today.slice(0, 4));
      const fy = [financialYear(y, start), financialYear(y + 1, start)].find((f) => f.firstDay <= today && today <= f.lastDay)!;
      return { start, current: { year: fy.year, from: fy.from, to: fy.to } };
    })(),
    projects: config.projects.map((p) => ({ id: p.id, name: p.name, earmarked: p.earmarked })),
    schemes,
    ...(config.federation ? { federation: federationSummary(config.federation) } : {}),
  };
}

function federationSummary(f: NonNullable<Config["federation"]>): NonNullable<ConfigSummary["federation"]> {
  return {
    collection: f.collection, fundsRate: exactPercent(f.fundsRate), affiliateShare: exactPercent(f.affiliateShare),
    split: f.split.map((x) => ({ to: x.to, share: exactPercent(x.share) })), remainder: f.remainder.kind === "body" ? f.remainder.body : f.remainder.kind,
    receives: f.receives, dueDay: f.dueDay, lateFee: f.lateFee ? { perDay: exactPercent(f.lateFee.perDay), cap: f.lateFee.cap } : null, preparatory: f.preparatory,
  };
}
