// `dues close YYYY` and `dues reopen YYYY --reason TEXT`: the year-end carry-forward
// (本年收支结转). Once every month of the financial year is closed, one entry in the chain
// closes every income and spending account of the year: earmarked money (projects marked
// earmarked in dues.yaml) to 321 工会资金结转 per project, the rest to 322 工会资金结余
// (generic chart: both to 3000, the project kept on the posting). Reopening reverses it.
import { accountFor, findAccount } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { addMonths, financialYear, financialYearOf, periodRange, type FinancialYear, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal, warning, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { Ledger, PostingInput } from "../ledger/ledger.js";
import { YEAR_CLOSE, YEAR_REOPEN, YearStore, type YearAction } from "../ledger/year-store.js";

export interface YearCloseResult {
  readonly action: "year-close" | "year-reopen";
  readonly year: number;
  readonly from: Period;
  readonly to: Period;
  readonly date: IsoDate;
  readonly batch: number;
  readonly entry: number;
  readonly hash: string;
  /** The chain head before the entry. */
  readonly headBefore: { seq: number; hash: string } | null;
  readonly postings: readonly PostingInput[];
  /** Carried to 322 (generic: 3000, untagged): the year's surplus of money not earmarked. */
  readonly surplus: Minor;
  /** Carried to 321 per earmarked project: its unspent balance (negative when overspent). */
  readonly earmarked: readonly { project: string; name: string; amount: Minor }[];
  readonly reason: string | null;
  readonly warnings: readonly Problem[];
}

/** A year as typed after `dues close` / `dues reopen`: four digits. */
export function isYearArg(s: string): boolean {
  return /^\d{4}$/.test(s.trim());
}

function closedYears(ledger: Ledger): Map<string, YearAction> {
  return new YearStore(ledger.db).closed();
}

/** The closed year (its carry-forward entry) that a month belongs to, if any: a financial year is the twelve months ending with its entry's period. */
export function closedYearOf(ledger: Ledger, p: Period): YearAction | undefined {
  for (const a of closedYears(ledger).values()) if (p <= a.period && p >= addMonths(a.period, -11)) return a;
  return undefined;
}

export function closeYear(ws: { config: Config; ledger: Ledger }, yearArg: string, o: { createdAt: string; today: IsoDate; createdBy?: string | null }): YearCloseResult {
  const { config, ledger } = ws;
  const chart = config.union.chart;
  const fy = financialYear(Number(yearArg.trim()), config.financialYearStart);
  const money = (m: Minor) => formatMinor(m, config.union.currency.digits);
  return ledger.transaction(() => {
    const already = closedYears(ledger).get(String(fy.year));
    if (already) {
      throw new Refusal("data", [problem("YEAR_ALREADY_CLOSED", text(`${fy.year} was already carried forward (entry #${already.seq} on ${already.date})`, `${fy.year} 年度已结转（${already.date}，分录 #${already.seq}）`), {
        hint: text(`nothing to do; to change ${fy.year}, reopen it with a reason: \`dues reopen ${fy.year} --reason TEXT\``, `无需操作；如需更改 ${fy.year} 年度，请说明原因重新打开：\`dues reopen ${fy.year} --reason 原因\``),
      })]);
    }
    const open = periodRange(fy.from, fy.to).filter((p) => !ledger.isClosed(p));
    if (open.length) {
      throw new Refusal("cannot-write", [problem("YEAR_MONTHS_OPEN", text(`${yearName(fy)} cannot be carried forward while months are open: ${open.join(", ")}`, `${yearName(fy, "zh")}尚有未结账月份，不能结转：${open.join("、")}`), {
        hint: text(
          `close every month of the year first, oldest first (\`dues close ${open[0]}\`); a month without entries is closed the same way`,
          `请先按月结账，从最早的月份开始（\`dues close ${open[0]}\`）；没有分录的月份同样需要结账`),
      })]);
    }
    // An earlier year with income or spending not carried forward would leave it mixed into this one's.
    const earlier = new Set<number>();
    for (const b of ledger.balances({ to: addMonths(fy.from, -1), byPeriod: true })) {
      const a = findAccount(chart, b.account);
      if (a && (a.kind === "income" || a.kind === "expense") && b.balance !== 0) earlier.add(financialYearOf(b.period!, config.financialYearStart).year);
    }
    const notClosed = [...earlier].filter((y) => !closedYears(ledger).has(String(y))).sort();
    if (notClosed.length) {
      throw new Refusal("cannot-write", [problem("YEAR_EARLIER_NOT_CLOSED", text(`${notClosed.join(", ")} still has income and spending not carried forward`, `${notClosed.join("、")} 年度尚有收支未结转`), {
        hint: text(`carry the years forward in order: \`dues close ${notClosed[0]}\` first`, `请按年度顺序结转：先 \`dues close ${notClosed[0]}\``),
      })]);
    }

    // Every income and spending account of the year, by project: closed to zero.
    const earmarked = new Map(config.projects.filter((p) => p.earmarked).map((p) => [p.id, p]));
    const warnings: Problem[] = [];
    const postings: PostingInput[] = [];
    let surplus = 0;
    const byProject = new Map<string, Minor>();
    const rows = ledger.balances({ from: fy.from, to: fy.to, byProject: true })
      .filter((b) => { const a = findAccount(chart, b.account); return a && (a.kind === "income" || a.kind === "expense") && b.balance !== 0; });
    const unknown = new Set<string>();
    for (const b of rows) {
      const project = b.project ?? null;
      postings.push({ account: b.account, project, amount: -b.balance });
      // Net credit of the income and spending accounts: the year's surplus (deficit when negative).
      if (project && earmarked.has(project)) byProject.set(project, (byProject.get(project) ?? 0) - b.balance);
      else {
        surplus -= b.balance;
        if (project && !config.projects.some((p) => p.id === project)) unknown.add(project);
      }
    }
    for (const id of unknown) {
      warnings.push(warning("YEAR_UNKNOWN_PROJECT", text(`postings are tagged with project ${id}, which dues.yaml no longer lists: carried forward as money not earmarked (322)`, `有记账标记为项目 ${id}，但 dues.yaml 已不再列出：按非专项资金结转（322）`), {
        hint: text(`list it under projects: with earmarked: true, and close again after \`dues reopen ${fy.year}\`, if it is earmarked money`, `如为专项资金，请在 projects: 中列出并设 earmarked: true，然后 \`dues reopen ${fy.year}\` 后重新结转`),
      }));
    }
    const carried = accountFor(chart, "carried-forward");
    const kept: { project: string; name: string; amount: Minor }[] = [];
    for (const [id, amount] of [...byProject].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (amount !== 0) postings.push({ account: carried, project: id, amount: -amount });
      kept.push({ project: id, name: earmarked.get(id)!.name, amount });
    }
    if (surplus !== 0) postings.push({ account: accountFor(chart, "net-assets"), amount: -surplus });

    const zh = config.union.locale === "zh-CN";
    const memo = zh
      ? `${fy.year} 年度本年收支结转（${fy.from} 至 ${fy.to}）：结余 ${money(surplus)}${kept.length ? `，专项结转 ${kept.map((k) => `${k.name} ${money(k.amount)}`).join("、")}` : ""}`
      : `Year-end carry-forward ${fy.year} (${fy.from} – ${fy.to}): surplus ${money(surplus)}${kept.length ? `; earmarked ${kept.map((k) => `${k.project} ${money(k.amount)}`).join(", ")}` : ""}`;
    const headBefore = ledger.head();
    const batch = ledger.beginBatch({ kind: YEAR_CLOSE, period: fy.to, memo, configSha256: config.sha256, configText: config.text, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
    const entry = ledger.postEntry({ batch, date: fy.lastDay, period: fy.to, kind: YEAR_CLOSE, memo, ref: String(fy.year), postings });
    return {
      action: YEAR_CLOSE, year: fy.year, from: fy.from, to: fy.to, date: fy.lastDay, batch, entry, hash: ledger.head()!.hash, headBefore,
      postings, surplus, earmarked: kept, reason: null, warnings,
    } as const;
  });
}

export function reopenYear(ws: { config: Config; ledger: Ledger }, yearArg: string, reason: string, o: { createdAt: string; today: IsoDate; createdBy?: string | null }): YearCloseResult {
  const { config, ledger } = ws;
  if (!reason.trim()) {
    throw new Refusal("usage", [problem("REOPEN_NO_REASON", text("reopening a closed year needs a reason", "重新打开已结转年度须说明原因"), {
      file: "--reason", hint: text("e.g. --reason \"the audit committee found a December invoice booked twice\"", "例如 --reason \"经审会发现12月发票重复入账\""),
    })]);
  }
  const year = yearArg.trim();
  return ledger.transaction(() => {
    const closed = closedYears(ledger);
    const close = closed.get(year);
    if (!close) {
      const years = [...closed.keys()].sort();
      throw new Refusal("data", [problem("YEAR_NOT_CLOSED", text(`${year} is not carried forward`, `${year} 年度未结转`), {
        hint: years.length
          ? text(`carried forward: ${years.join(", ")}`, `已结转年度：${years.join("、")}`)
          : text(`no year is carried forward; \`dues close ${year}\` does it once every month of the year is closed`, `目前没有已结转的年度；各月结账后，\`dues close ${year}\` 即可结转`),
      })]);
    }
    const later = [...closed.keys()].filter((y) => y > year).sort();
    if (later.length) {
      throw new Refusal("data", [problem("YEAR_LATER_CLOSED", text(`${later.join(", ")} was carried forward after ${year}`, `${year} 之后的 ${later.join("、")} 年度已结转`), {
        hint: text(`reopen the later years first, newest first: \`dues reopen ${later[later.length - 1]} --reason TEXT\``, `请先从最近的年度开始重新打开：\`dues reopen ${later[later.length - 1]} --reason 原因\``),
      })]);
    }
    const original = ledger.entries({ from: close.period, to: close.period, kinds: [YEAR_CLOSE] }).find((e) => e.seq === close.seq)!;
    const postings: PostingInput[] = original.postings.map((p) => ({ account: p.account, body: p.body, member: p.member, project: p.project ?? null, amount: -p.amount }));
    const headBefore = ledger.head();
    const memo = reason.trim();
    const batch = ledger.beginBatch({ kind: YEAR_REOPEN, period: close.period, memo, configSha256: config.sha256, configText: config.text, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
    const entry = ledger.postEntry({ batch, date: close.date, period: close.period, kind: YEAR_REOPEN, memo, ref: year, reverses: close.seq, postings });
    const netAssets = accountFor(config.union.chart, "net-assets");
    return {
      action: YEAR_REOPEN, year: Number(year), from: addMonths(close.period, -11), to: close.period, date: close.date, batch, entry,
      hash: ledger.head()!.hash, headBefore, postings,
      surplus: postings.filter((p) => p.account === netAssets && !p.project).reduce((t, p) => t + p.amount, 0),
      earmarked: postings.filter((p) => p.project && findAccount(config.union.chart, p.account)?.kind === "net-assets").map((p) => ({ project: p.project!, name: config.projects.find((x) => x.id === p.project)?.name ?? p.project!, amount: p.amount })),
      reason: memo, warnings: [],
    } as const;
  });
}

function yearName(fy: FinancialYear, lang: "en" | "zh" = "en"): string {
  const range = fy.start === 1 ? "" : lang === "zh" ? `（${fy.from} 至 ${fy.to}）` : ` (${fy.from} – ${fy.to})`;
  return lang === "zh" ? `${fy.year} 年度${range}` : `${fy.year}${range}`;
}
