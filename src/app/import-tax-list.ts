// `dues import tax-list FILE`: a tax office's collection list (税务代收) booked all or
// nothing: read (import/tax-list-reader.ts), matched by credit code and split exactly
// (domain/tax-collection.ts), then one batch with one entry per period and every line kept.
import { accountFor, federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { Posting } from "../domain/journal.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { isDate, type IsoDate, type Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { matchTaxList, taxCollectionPostings, taxListTotals, type TaxAccounts, type TaxCollection, type TaxListTotals } from "../domain/tax-collection.js";
import { text } from "../domain/text.js";
import { readTableFile } from "../import/table-file.js";
import { mapTaxListTable } from "../import/tax-list-reader.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { TaxListStore } from "../ledger/tax-list-store.js";
import { requireFederation } from "./affiliates.js";

export const TAX_LIST_BATCH_KIND = "tax-list";

export interface ImportTaxListRequest {
  readonly path: string;
  readonly fileLabel: string;
  readonly now: string;
  readonly today: IsoDate;
  /** The day the office's transfer reached the bank; default the latest 实缴日期 on the list. */
  readonly date?: string;
  readonly dryRun?: boolean;
}

export interface ImportTaxListResult {
  readonly batch: number | null;
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly lines: number;
  readonly affiliates: number;
  readonly preparatoryLines: number;
  readonly date: IsoDate;
  readonly periods: readonly { readonly period: Period; readonly entry: number | null; readonly lines: number; readonly amount: Minor }[];
  readonly totals: TaxListTotals;
  readonly warnings: readonly Problem[];
  readonly dryRun: boolean;
}

/** The accounts a federation's tax collection books to, by role. */
export function taxAccounts(config: Config): TaxAccounts {
  const chart = config.union.chart;
  const fed = requireFederation(config, "dues import tax-list");
  const role = (r: Parameters<typeof federationAccountFor>[1]) => {
    const code = federationAccountFor(chart, r);
    if (!code) throw new Error(`bug: chart ${chart} has no account for ${r}`);
    return code;
  };
  return {
    bank: accountFor(chart, "bank"),
    own: role("affiliate-income"),
    upward: accountFor(chart, "payable-upstream"),
    refund: role("affiliate-payable"),
    preparatory: role(fed.preparatory === "held" ? "preparatory-payable" : "preparatory-income"),
  };
}

/** One entry's postings for all the collections of a period: same account and body summed. */
function periodPostings(cs: readonly TaxCollection[], acc: TaxAccounts): Posting[] {
  const sums = new Map<string, Posting>();
  for (const c of cs) {
    for (const p of taxCollectionPostings(c, acc)) {
      const k = `${p.account}\u0000${p.body ?? ""}`;
      const cur = sums.get(k);
      sums.set(k, cur ? { ...cur, amount: cur.amount + p.amount } : p);
    }
  }
  return [...sums.values()].filter((p) => p.amount !== 0);
}

export async function importTaxList(ws: { config: Config; ledger: Ledger }, req: ImportTaxListRequest): Promise<ImportTaxListResult> {
  const { config, ledger } = ws;
  const fed = requireFederation(config, "dues import tax-list");
  const acc = taxAccounts(config);
  const digits = config.union.currency.digits;
  const read = await readTableFile(req.path, { fileLabel: req.fileLabel, area: "TAX_LIST" });
  const mapped = mapTaxListTable(read.table, { digits, decimalMark: config.sources.default?.decimalMark ?? "." });
  const lines = mapped.value ?? [];
  const match = matchTaxList(req.fileLabel, lines, new AffiliateStore(ledger.db).all(), fed);
  const mine: Problem[] = [...mapped.problems, ...match.problems];

  // The date of the bank receipt: --date, else the latest date on the list.
  let date: IsoDate | undefined;
  if (req.date !== undefined) {
    if (!isDate(req.date)) mine.push(problem("TAX_LIST_DATE_INVALID", text(`--date "${req.date}" is not a date (YYYY-MM-DD)`, `--date“${req.date}”不是日期（YYYY-MM-DD）`), { file: "--date", hint: text("the day the tax office's transfer reached the bank, e.g. --date 2026-11-20", "税务机关划款到账的日期，例如 --date 2026-11-20") }));
    else if (req.date > req.today) mine.push(problem("TAX_LIST_DATE_IN_FUTURE", text(`--date ${req.date} is after today (${req.today})`, `--date ${req.date} 晚于今天（${req.today}）`), { file: "--date", hint: text("book the list when the money has reached the bank; check the year", "款项到账后再记账；请检查年份") }));
    else date = req.date;
  } else {
    date = lines.reduce<IsoDate | undefined>((d, l) => (l.date && (!d || l.date > d) ? l.date : d), undefined);
    if (!date && lines.length > 0) {
      mine.push(problem("TAX_LIST_DATE_NEEDED", text("the list has no payment dates (实缴日期), so the day the money reached the bank is not known", "清单中没有实缴日期，无法确定款项到账日期"), {
        file: req.fileLabel, hint: text("give it: dues import tax-list FILE --date 2026-11-20 (the day of the tax office's transfer)", "请用 --date 指明：dues import tax-list 文件 --date 2026-11-20（税务划款到账日）"),
      }));
    }
  }

  // Grouped by the period each line pays for: one entry each.
  const byPeriod = new Map<Period, TaxCollection[]>();
  for (const c of match.collections) (byPeriod.get(c.line.period) ?? byPeriod.set(c.line.period, []).get(c.line.period)!).push(c);
  const periods = [...byPeriod.keys()].sort();
  const closedMonths = new Set(ledger.closedPeriods()); // one read, not one per period
  const closed: Problem[] = periods.filter((p) => closedMonths.has(p)).map((p) => problem("TAX_LIST_PERIOD_CLOSED", text(`${p} is closed; this list's collections for it cannot be booked`, `${p} 已结账，清单中该月的代收款不能记入`), {
    file: req.fileLabel, hint: text(`reopen it first: dues reopen ${p} --reason TEXT`, `请先反结账：dues reopen ${p} --reason 原因`),
  }));

  const problems = await read.finish([...mine, ...closed]);
  if (read.info.missing) throw new Refusal("missing", problems);
  const sha256 = read.info.sha256;
  const earlier = ledger.batches({ kind: TAX_LIST_BATCH_KIND, sha256, includeVoided: false });
  if (earlier.length > 0) {
    const b = earlier[0]!;
    problems.push(problem("TAX_LIST_ALREADY_IMPORTED", text(`this list (the same bytes) was already imported as batch ${b.id} on ${b.createdAt.slice(0, 10)}`, `此清单（内容完全相同）已于 ${b.createdAt.slice(0, 10)} 作为第 ${b.id} 批导入`), {
      file: req.fileLabel, hint: text(`importing it again would book the collection twice; to replace it with a corrected list, dues void ${b.id} --reason TEXT first`, `再次导入会重复记账；如需换成更正后的清单，请先 dues void ${b.id} --reason 原因`),
    }));
  }
  const dataErrors = problems.filter((p) => p.severity === "error" && p.code !== "TAX_LIST_PERIOD_CLOSED");
  if (dataErrors.length > 0) throw new Refusal("data", problems);
  if (hasErrors(problems)) throw new Refusal("cannot-write", problems);

  const when = date!;
  const zh = config.union.locale === "zh-CN";
  const entries = new Map<Period, number>();
  let batch: number | null = null;
  if (!req.dryRun) {
    const store = new TaxListStore(ledger.db);
    batch = ledger.transaction(() => {
      const id = ledger.beginBatch({
        kind: TAX_LIST_BATCH_KIND, period: periods.length === 1 ? periods[0] : undefined,
        file: req.fileLabel, sha256, encoding: read.info.encoding, rows: lines.length,
        configSha256: config.sha256, configText: config.text, createdAt: req.now,
      });
      for (const p of periods) {
        const cs = byPeriod.get(p)!;
        const amount = cs.reduce((t, c) => t + c.line.amount, 0);
        const memo = zh
          ? `税务代收工会经费 ${p}（${req.fileLabel}，${cs.length} 行，${formatMinor(amount, digits)}）`
          : `Tax office collection for ${p} (${req.fileLabel}, ${cs.length} lines, ${formatMinor(amount, digits)})`;
        const postings = periodPostings(cs, acc).map((x) => ({ account: x.account, body: x.body ?? undefined, amount: x.amount }));
        entries.set(p, ledger.postEntry({ batch: id, date: when, period: p, memo, kind: TAX_LIST_BATCH_KIND, postings }));
      }
      store.add(id, match.collections.map((c) => ({
        entry: entries.get(c.line.period)!, sourceLine: c.line.line, affiliate: c.affiliate, creditCode: c.line.creditCode, employer: c.line.employer,
        period: c.line.period, item: c.line.item, collection: c.model, amount: c.line.amount, refund: c.split.refund,
        own: c.split.own, upward: c.split.bodies.reduce((t, b) => t + b.amount, 0), paidOn: c.line.date ?? when, ref: c.line.ref || null,
      })));
      return id;
    });
  }
  return {
    batch, file: req.fileLabel, sha256, encoding: read.info.encoding, lines: match.collections.length,
    affiliates: new Set(match.collections.map((c) => c.affiliate).filter((a) => a !== null)).size,
    preparatoryLines: match.collections.filter((c) => c.model === "preparatory").length,
    date: when,
    periods: periods.map((p) => ({ period: p, entry: entries.get(p) ?? null, lines: byPeriod.get(p)!.length, amount: byPeriod.get(p)!.reduce((t, c) => t + c.line.amount, 0) })),
    totals: taxListTotals(match.collections), warnings: problems, dryRun: Boolean(req.dryRun),
  };
}
