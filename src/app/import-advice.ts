// `dues import advice FILE...`: affiliates' remittance advices and annual returns (the JSON
// of their `dues export return`), checked (schema version, a known affiliate, months, the
// arithmetic, duplicates) and booked on the federation's side: per month, Dr 132:AFFILIATE
// what the affiliate owes here = Cr 402 the federation's own share + Cr 211:BODY each higher
// body's share. A corrected advice replaces the months it changes: the old entry is reversed
// and the new one posted in the same batch. All files or none. Decisions: docs/federation.md.
import { adviceMismatches, monthDue, type Advice } from "../domain/advice.js";
import { accountFor, federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { splitUpward, type Affiliate, type CollectionModel, type FederationConfig } from "../domain/federation.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { lastDayOf, type Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { readAdviceFile, type AdviceFile } from "../import/advice-reader.js";
import { AffiliateStore, type NewAdviceLine, type StandingLine, type StoredAdvice } from "../ledger/affiliate-store.js";
import type { Ledger, PostingInput } from "../ledger/ledger.js";
import { requireFederation } from "./affiliates.js";

export interface AdviceImportRequest {
  readonly files: readonly { readonly path: string; readonly file: string }[];
  /** Check and book inside a transaction that is then rolled back. */
  readonly dryRun?: boolean;
}

export type MonthStatus = "new" | "replaced" | "unchanged";

export interface AdviceMonthResult {
  readonly period: Period;
  readonly expected: Minor;
  readonly booked: Minor;
  readonly status: MonthStatus;
  /** What the replaced line had booked, for a replaced month. */
  readonly before: Minor | null;
}

export interface AdviceImportOne {
  readonly file: string;
  readonly sha256: string;
  readonly affiliate: string;
  readonly kind: "month" | "year";
  readonly from: Period;
  readonly to: Period;
  readonly collection: CollectionModel;
  readonly batch: number | null;
  readonly months: readonly AdviceMonthResult[];
}

export interface AdviceImportResult {
  readonly advices: readonly AdviceImportOne[];
  readonly dryRun: boolean;
}

class DryRunDone extends Error {}

/** What booking a checked file needs, and no more (not its JSON, not its positions). */
interface Planned {
  readonly file: string;
  readonly sha256: string;
  readonly advice: Pick<Advice, "kind" | "from" | "to" | "generatedAt" | "asOf" | "head" | "configSha256">;
  readonly affiliate: string;
  readonly collection: CollectionModel;
  readonly months: { period: Period; line: Omit<NewAdviceLine, "entry" | "replaces">; old: StandingLine | undefined; status: MonthStatus }[];
}

const same = (a: Omit<NewAdviceLine, "entry" | "replaces">, b: StandingLine) =>
  a.expected === b.expected && a.booked === b.booked && a.upward === b.upward && a.funds === b.funds && a.dues === b.dues
  && a.fundsBase === b.fundsBase && a.employees === b.employees && a.members === b.members && a.collection === b.collection;

export function importAdvices(ws: { config: Config; ledger: Ledger }, req: AdviceImportRequest, o: { createdAt: string }): AdviceImportResult {
  const fed = requireFederation(ws.config, "dues import advice");
  const { config, ledger } = ws;
  const store = new AffiliateStore(ledger.db);
  // Checked and booked file by file inside the one transaction: only each file's compact
  // facts (its months' figures, its SHA-256) outlive it, never its parsed JSON or position
  // maps, so 5,000 annual returns fit in the client's memory (docs/federation.md, Measured).
  // Booking stops at the first problem; checking goes on through every file, so every
  // problem is reported at once, and the throw at the end rolls the whole batch set back.
  let results: AdviceImportOne[] = [];
  const run = () => {
    // The register read once (inside the transaction) for many files: 5,000 annual returns
    // were 5,000 lookups, each a round trip on PostgreSQL. Else one lookup per file.
    const register = req.files.length >= 64 && req.files.length * 4 >= store.count() ? new Map(store.all().map((a) => [a.id, a])) : undefined;
    const affiliateOf = (id: string) => (register ? register.get(id) : store.get(id));
    const problems: Problem[] = [];
    const seenSha = new Map<string, string>();
    const claimed = new Map<string, string>(); // affiliate + period → file, within this run
    let missing = false;
    results = [];
    // ADVICE_CHUNK files read ahead, then what the ledger holds for them asked once (the
    // advices with their SHA-256s, the standing lines of their affiliates), not twice per file:
    // on PostgreSQL each is a round trip. What this run books meanwhile needs no re-read:
    // the same file again is caught by seenSha, the same affiliate and month by claimed.
    for (let at = 0; at < req.files.length; at += ADVICE_CHUNK) {
      const reads = req.files.slice(at, at + ADVICE_CHUNK).map((f) => readAdviceFile(f.path, f.file, { currency: config.union.currency.code, digits: config.union.currency.digits }));
      const known = knownFor(store, reads, affiliateOf);
      for (const read of reads) {
        const plan = checkAdvice(fed, affiliateOf, ledger, read, known, seenSha, claimed, problems, config.union.currency.digits);
        if (plan === "missing") missing = true;
        else if (plan && !missing && !hasErrors(problems)) results.push(bookAdvice(ledger, store, config, fed, plan, o.createdAt));
      }
    }
    if (missing) throw new Refusal("missing", problems);
    if (hasErrors(problems)) throw new Refusal("data", problems);
    if (req.dryRun) throw new DryRunDone();
  };
  try {
    ledger.transaction(run);
  } catch (e) {
    if (!(e instanceof DryRunDone)) throw e;
    return { advices: results.map((r) => ({ ...r, batch: null })), dryRun: true };
  }
  return { advices: results, dryRun: false };
}

/** Files read ahead before the ledger is asked about them: at 64 the bench's peak rose from 218 to 295 MB (one run, load 2.9), so 16. */
const ADVICE_CHUNK = 16;

/** What the ledger held before this run for a chunk of files read. */
interface Known {
  /** The first advice not voided with each SHA-256. */
  readonly bySha: ReadonlyMap<string, StoredAdvice>;
  /** The standing lines of each affiliate the files name, by month. */
  readonly standing: ReadonlyMap<string, ReadonlyMap<Period, StandingLine>>;
}

function knownFor(store: AffiliateStore, reads: readonly AdviceFile[], affiliateOf: (id: string) => Affiliate | undefined): Known {
  const shas = [...new Set(reads.filter((r) => r.advice).map((r) => r.sha256))];
  const ids = [...new Set(reads.map((r) => r.advice?.unionId).filter((id): id is string => typeof id === "string" && affiliateOf(id) !== undefined))];
  const bySha = new Map<string, StoredAdvice>();
  for (const x of store.advicesWithShas(shas)) if (!x.voided && !bySha.has(x.sha256)) bySha.set(x.sha256, x);
  const standing = new Map<string, Map<Period, StandingLine>>();
  for (const [id, lines] of store.standingLinesOf(ids)) standing.set(id, new Map(lines.map((l) => [l.period, l])));
  return { bySha, standing };
}

/** One file read and checked: its plan (compact facts), or undefined after a problem. */
function checkAdvice(
  fed: FederationConfig, affiliateOf: (id: string) => Affiliate | undefined, ledger: Ledger, read: AdviceFile, known: Known,
  seenSha: Map<string, string>, claimed: Map<string, string>, problems: Problem[], digits: number,
): Planned | "missing" | undefined {
  problems.push(...read.problems);
  if (read.missing) return "missing";
  const a = read.advice;
  if (!a) return undefined;
  const mine: Problem[] = [];
  if (a.unionId === null) {
    mine.push(problem("ADVICE_NO_UNION_ID", text("the advice has no union.id, so it names no affiliate", "回执没有 union.id，无法确定是哪个下级工会"), {
      ...read.at("$.union.id"), hint: text("the affiliate sets union.id in its dues.yaml to the id of our register and exports again", "请下级在其 dues.yaml 中把 union.id 设为本会名册中的标识，再重新导出"),
    }));
  }
  const affiliate = a.unionId === null ? undefined : affiliateOf(a.unionId);
  if (a.unionId !== null && !affiliate) {
    mine.push(problem("ADVICE_UNKNOWN_AFFILIATE", text(`${a.unionId} (${a.unionName}) is not in the affiliates register`, `${a.unionId}（${a.unionName}）不在下级工会名册中`), {
      ...read.at("$.union.id"), hint: text("register it first (dues affiliates import FILE), with the id its dues.yaml has as union.id", "请先登记（dues affiliates import 文件），标识与其 dues.yaml 的 union.id 一致"),
    }));
  }
  for (const x of adviceMismatches(a)) {
    const what = x.kind === "dues-shares" ? text("the dues and per-capita shares add up to", "会费和人头费各份额合计为")
      : x.kind === "funds-shares" ? text("the funds shares add up to", "经费各份额合计为")
      : x.kind === "remittance" ? text("due − paid is", "应缴 − 已缴为") : text("the months and remittances add up to", "各月及上解合计为");
    const d = digits;
    mine.push(problem("ADVICE_ARITHMETIC", text(`${x.path}: the file says ${formatMinor(x.stated, d)}, but ${what.en} ${formatMinor(x.computed, d)}`, `${x.path}：文件写的是 ${formatMinor(x.stated, d)}，但${what.zh} ${formatMinor(x.computed, d)}`), {
      ...read.at(x.path), hint: text("an advice written by dues always adds up: it was changed after export; ask the affiliate to export it again", "dues 导出的回执总是相符的：文件在导出后被改动过；请下级重新导出"),
    }));
  }
  // Same file earlier in this run first: that one is booked already, inside this transaction.
  const dupInRun = seenSha.get(read.sha256);
  const earlier = dupInRun ? undefined : known.bySha.get(read.sha256);
  if (earlier || dupInRun) {
    mine.push(problem("ADVICE_DUPLICATE", earlier
      ? text(`this advice was imported on ${earlier.importedAt.slice(0, 10)} as ${earlier.file} (same SHA-256)`, `该回执已于 ${earlier.importedAt.slice(0, 10)} 以 ${earlier.file} 导入（SHA-256 相同）`)
      : text(`the same file as ${dupInRun} (same SHA-256)`, `与 ${dupInRun} 是同一文件（SHA-256 相同）`), {
      file: read.file, hint: text("an advice is booked once; a corrected one (different figures) replaces the months it changes", "同一回执只入账一次；更正后的回执（数字不同）会替换其改动的月份"),
    }));
  }
  seenSha.set(read.sha256, read.file);
  if (mine.length || !affiliate) { problems.push(...mine); return undefined; }

  const collection = affiliate.collection ?? fed.collection;
  const receives = affiliate.receives ?? fed.receives;
  const standing = known.standing.get(affiliate.id) ?? new Map<Period, StandingLine>();
  const months: Planned["months"] = [];
  for (const m of a.months) {
    const key = `${affiliate.id}\u0000${m.period}`;
    const other = claimed.get(key);
    if (other) {
      problems.push(problem("ADVICE_OVERLAP", text(`${affiliate.id} ${m.period} is also in ${other}, given in the same command`, `${affiliate.id} ${m.period} 也在同一命令给出的 ${other} 中`), {
        ...read.at(`${m.path}.period`), hint: text("import the first, then the correction, in two commands, so it is clear which replaces which", "请分两次导入：先导入原回执，再导入更正的，以明确替换关系"),
      }));
      continue;
    }
    claimed.set(key, read.file);
    const due = monthDue(m, receives, collection);
    const line = { period: m.period, employees: m.employees, members: m.members, dues: m.dues, fundsBase: m.fundsBase, funds: m.funds, upward: due.upward, expected: due.expected, booked: due.booked, collection };
    const old = standing.get(m.period);
    const status: MonthStatus = !old ? "new" : same(line, old) ? "unchanged" : "replaced";
    if (status !== "unchanged" && ledger.isClosed(m.period) && (due.booked !== 0 || (old && old.booked !== 0))) {
      problems.push(problem("ADVICE_PERIOD_CLOSED", text(`${m.period} is closed; the advice's month cannot be booked`, `${m.period} 已结账，回执的该月无法入账`), {
        ...read.at(`${m.path}.period`), hint: text(`reopen it first (dues reopen ${m.period} --reason R)`, `请先反结账（dues reopen ${m.period} --reason 原因）`),
      }));
    }
    months.push({ period: m.period, line, old, status });
  }
  if (months.length && months.every((x) => x.status === "unchanged")) {
    problems.push(problem("ADVICE_DUPLICATE", text(`every month of this advice (${a.from} … ${a.to}) is already booked for ${affiliate.id} with the same figures`, `该回执的每个月（${a.from} … ${a.to}）已按相同数字为 ${affiliate.id} 入账`), {
      file: read.file, hint: text("nothing to do: an annual return after the monthly advices adds nothing when they agree", "无需处理：年度报告与各月回执一致时不再入账"),
    }));
    return undefined;
  }
  return { file: read.file, sha256: read.sha256, advice: { kind: a.kind, from: a.from, to: a.to, generatedAt: a.generatedAt, asOf: a.asOf, head: a.head, configSha256: a.configSha256 }, affiliate: affiliate.id, collection, months };
}

function bookAdvice(ledger: Ledger, store: AffiliateStore, config: Config, fed: FederationConfig, p: Planned, createdAt: string): AdviceImportOne {
  const zh = config.union.locale === "zh-CN";
  const d = config.union.currency.digits;
  const a = p.advice;
  const chart = config.union.chart;
  const receivable = federationAccountFor(chart, "affiliate-receivable")!;
  const income = federationAccountFor(chart, "affiliate-income")!;
  const payable = accountFor(chart, "payable-upstream");
  const range = a.from === a.to ? a.from : `${a.from} … ${a.to}`;
  const memo = zh ? `${p.affiliate} 回执 ${range}（${p.file}）` : `Advice from ${p.affiliate}, ${range} (${p.file})`;
  const batch = ledger.beginBatch({ kind: "advice", period: a.from === a.to ? a.from : null, source: "advice", file: p.file, sha256: p.sha256, memo, createdAt });
  const ref = `advice:${p.sha256.slice(0, 12)}`;
  const oldEntries = new Map<number, ReturnType<Ledger["entries"]>[number]>();
  const lines: NewAdviceLine[] = [];
  const months: AdviceMonthResult[] = [];
  let entries = 0;
  for (const x of p.months) {
    months.push({ period: x.period, expected: x.line.expected, booked: x.line.booked, status: x.status, before: x.old ? x.old.booked : null });
    if (x.status === "unchanged") continue;
    const date = lastDayOf(x.period);
    if (x.old?.entry != null) {
      if (!oldEntries.has(x.old.entry)) for (const e of ledger.entries({ batch: x.old.batch })) oldEntries.set(e.seq, e);
      const old = oldEntries.get(x.old.entry)!;
      ledger.postEntry({
        batch, date: old.date, period: old.period, kind: "advice", ref, body: p.affiliate, reverses: old.seq,
        memo: zh ? `更正 ${p.affiliate} ${x.period} 回执：冲回 #${old.seq}` : `Correction of ${p.affiliate}'s ${x.period} advice: reverses #${old.seq}`,
        postings: old.postings.map((q) => ({ account: q.account, body: q.body, member: q.member, amount: -q.amount })),
      });
      entries++;
    }
    let entry: number | null = null;
    if (x.line.booked !== 0) {
      const s = splitUpward(x.line.booked, fed);
      const postings: PostingInput[] = [{ account: receivable, body: p.affiliate, amount: x.line.booked }];
      if (s.own !== 0) postings.push({ account: income, amount: -s.own });
      for (const b of s.bodies) if (b.amount !== 0) postings.push({ account: payable, body: b.to, amount: -b.amount });
      entry = ledger.postEntry({
        batch, date, period: x.period, kind: "advice", ref, body: p.affiliate, postings,
        memo: zh ? `${p.affiliate} ${x.period} 应缴 ${formatMinor(x.line.booked, d)}（回执 ${p.file}）` : `${p.affiliate} owes ${formatMinor(x.line.booked, d)} for ${x.period} (advice ${p.file})`,
      });
      entries++;
    }
    lines.push({ ...x.line, entry, replaces: x.old?.id ?? null });
  }
  // A batch holds at least one entry, and the advice belongs in the hash chain even when it
  // books nothing (a tax-collected affiliate's funds come with the tax list): a zero entry.
  if (entries === 0) {
    ledger.postEntry({
      batch, date: lastDayOf(a.to), period: a.to, kind: "advice", ref, body: p.affiliate,
      postings: [{ account: receivable, body: p.affiliate, amount: 0 }, { account: income, amount: 0 }],
      memo: zh ? `${p.affiliate} 回执 ${range}：本会无应收（${p.file}）` : `Advice from ${p.affiliate}, ${range}: nothing owed here (${p.file})`,
    });
  }
  store.addAdvice({
    batch, affiliate: p.affiliate, kind: a.kind, from: a.from, to: a.to, file: p.file, sha256: p.sha256, generatedAt: a.generatedAt,
    asOf: a.asOf, head: a.head, configSha256: a.configSha256, importedAt: createdAt,
  }, lines);
  return { file: p.file, sha256: p.sha256, affiliate: p.affiliate, kind: a.kind, from: a.from, to: a.to, collection: p.collection, batch, months };
}
