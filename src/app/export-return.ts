// `dues export return --year Y | --period YYYY-MM -o FILE.json`: the annual return, or one
// month's remittance advice, for the higher union (format "dues-return", version 1,
// docs/return-file.md, schema docs/return-file.schema.json). Everything in it is read from
// the ledger: each month's counts and streams from the payroll batches that stand (their
// shares recomputed with the configuration each import recorded, so they are the shares it
// booked), the remittances and their allocation as `dues reconcile` makes it, and the
// chain head a higher union checks with `dues verify --head`. Reads the ledger only.
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { accountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { addMonths, financialYear, isDate, lastDayOf, periodOf, periodRange, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal, warning, type Problem } from "../domain/problem.js";
import { schemeFor } from "../domain/scheme.js";
import { periodStreams } from "../domain/streams.js";
import { text, type Lang } from "../domain/text.js";
import { parseConfigText } from "../import/config-file.js";
import { FinalStore, type PayrollBatchSummary } from "../ledger/final-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { bankStoreOf } from "./receive.js";
import { reconcileBooks } from "./reconcile.js";
import { reportRange } from "./report-range.js";
import { balanceReport, incomeReport, statementJson } from "./statements.js";

export const RETURN_FORMAT = "dues-return";
export const RETURN_VERSION = 1;

export interface ExportReturnOptions {
  readonly year?: string;
  readonly period?: string;
  /** Payments dated after this day are left out and reconcile runs as of it (default: today). */
  readonly asOf?: string;
  readonly output: string;
  /** Names in the statements follow this language. */
  readonly lang: Lang;
  /** ctx.now(): the generatedAt stamp (SOURCE_DATE_EPOCH makes it reproducible). */
  readonly now: string;
}

export interface ExportReturnResult {
  readonly path: string;
  readonly bytes: number;
  readonly document: ReturnDocument;
  readonly warnings: readonly Problem[];
}

export type StreamName = "dues" | "funds" | "per-capita";

export interface ReturnShare { readonly stream: StreamName; readonly to: string; readonly amount: string }

export interface ReturnMonth {
  readonly period: Period;
  readonly employees: number;
  readonly members: number;
  readonly paying: number;
  readonly exempt: number;
  readonly duesBase: string;
  readonly dues: string;
  readonly fundsBase: string;
  readonly funds: string;
  /** The scheme's funds.collection; "union" when the scheme has no funds stream (fundsStream false, funds zero). */
  readonly collection: "union" | "upstream";
  /** False when the scheme in force has no funds stream (a US local, a UK branch). */
  readonly fundsStream: boolean;
  readonly shares: readonly ReturnShare[];
  /** The payroll batches the month's figures come from (voided ones left out). */
  readonly batches: readonly number[];
}

export interface ReturnPayment {
  readonly to: string;
  /** The month the remittance settles (`dues remit --period`), or null when it named none. */
  readonly period: Period | null;
  readonly date: IsoDate;
  readonly ref: string | null;
  readonly amount: string;
  readonly batch: number;
  readonly entry: number;
  /** The month this payment is counted under: its period, else the month before its date's. */
  readonly filedUnder: Period;
}

export interface ReturnRemittance {
  readonly body: string;
  readonly period: Period;
  readonly due: string;
  readonly paid: string;
  readonly outstanding: string;
  readonly status: "paid" | "partial" | "unpaid" | "overpaid";
  readonly dueDate: IsoDate;
  readonly notYetDue: boolean;
}

export interface ReturnDocument {
  readonly format: typeof RETURN_FORMAT;
  readonly version: typeof RETURN_VERSION;
  readonly kind: "year" | "month";
  readonly union: { readonly id: string | null; readonly name: string; readonly creditCode: string | null; readonly chart: string; readonly currency: string; readonly digits: number; readonly financialYearStart: number };
  readonly from: Period;
  readonly to: Period;
  readonly year: number | null;
  readonly generatedAt: string;
  readonly asOf: IsoDate;
  readonly ledger: { readonly head: { readonly seq: number; readonly hash: string } | null; readonly configSha256: string; readonly configsUsed: readonly string[] };
  readonly bodies: readonly { readonly id: string; readonly name: string }[];
  readonly months: readonly ReturnMonth[];
  readonly payments: readonly ReturnPayment[];
  readonly remittances: readonly ReturnRemittance[];
  readonly totals: { readonly dues: string; readonly funds: string; readonly due: string; readonly paid: string; readonly outstanding: string };
  readonly statements: { readonly income: unknown; readonly balance: unknown } | null;
}

/** Usage checks that need nothing opened: the range and the output's name. */
export function checkReturnArgs(o: { year?: string; period?: string; output: string }): { from: Period; to: Period; kind: "year" | "month"; year: number | null } {
  const range = reportRange({ year: o.year, period: o.period });
  if (!range.from || !range.to) {
    throw new Refusal("usage", [problem("RETURN_RANGE_REQUIRED", text("give --year YYYY (the annual return) or --period YYYY-MM (one month's remittance advice)", "请给出 --year YYYY（年度报告）或 --period YYYY-MM（某月上解通知）"), {
      hint: text("Example: dues export return --year 2025 -o return-2025.json", "例如：dues export return --year 2025 -o return-2025.json"),
    })]);
  }
  // Only .json: a slip such as `-o dues.db` must never overwrite the ledger.
  if (extname(o.output).toLowerCase() !== ".json") {
    throw new Refusal("usage", [problem("RETURN_NOT_JSON", text(`-o ${o.output}: the return must be a .json file`, `-o ${o.output}：报告文件必须是 .json 文件`), {
      hint: text(`Example: -o return-${o.year ?? o.period}.json`, `例如：-o return-${o.year ?? o.period}.json`),
    })]);
  }
  return { from: range.from, to: range.to, kind: o.year !== undefined ? "year" : "month", year: o.year !== undefined ? Number(o.year) : null };
}

/** The figures a month's payroll batches give, summed; shares recomputed with each batch's recorded configuration. */
function monthsOf(ledger: Ledger, config: Config, from: Period, to: Period): { months: ReturnMonth[]; configs: string[]; dues: Minor; funds: Minor } {
  const digits = config.union.currency.digits;
  const m = (x: Minor) => formatMinor(x, digits);
  const parsed = new Map<string, Config>();
  const configFor = (sha: string | null): Config => {
    if (!sha || sha === config.sha256) return config;
    let c = parsed.get(sha);
    if (!c) {
      const t = ledger.configText(sha);
      // A configuration this build no longer reads is replaced by today's (its schemes are effective-dated).
      c = (t !== undefined ? parseConfigText(t, sha, "dues.yaml").value : undefined) ?? config;
      parsed.set(sha, c);
    }
    return c;
  };
  const byPeriod = new Map<Period, PayrollBatchSummary[]>();
  for (const b of new FinalStore(ledger.db).payrollBatches(from, to)) byPeriod.set(b.period, [...(byPeriod.get(b.period) ?? []), b]);
  const configs = new Set<string>();
  let dues = 0;
  let funds = 0;
  const months = periodRange(from, to).map((period): ReturnMonth => {
    const batches = byPeriod.get(period) ?? [];
    const t = { employees: 0, members: 0, paying: 0, exempt: 0, duesBase: 0, dues: 0, fundsBase: 0, funds: 0 };
    const shares = new Map<string, { stream: StreamName; to: string; amount: Minor }>();
    const add = (stream: StreamName, to: string, amount: Minor) => {
      const k = `${stream}\u0000${to}`;
      const s = shares.get(k);
      if (s) s.amount += amount;
      else shares.set(k, { stream, to, amount });
    };
    let funded = schemeFor(config.schemes, period)?.funds ?? null;
    for (const b of batches) {
      if (b.configSha256) configs.add(b.configSha256);
      const scheme = schemeFor(configFor(b.configSha256).schemes, period) ?? schemeFor(config.schemes, period);
      t.employees += b.employees; t.members += b.members; t.paying += b.paying; t.exempt += b.exempt;
      t.duesBase += b.duesBase; t.dues += b.dues; t.fundsBase += b.fundsBase;
      if (!scheme) continue;
      // The same computation the import made (src/domain/streams.ts), so the same shares to the cent.
      const st = periodStreams({ duesTotal: b.dues, paying: b.paying, allMembers: b.members, countsByStatus: b.statuses, fundsBase: b.fundsBase, digits }, scheme);
      for (const pc of st.dues.perCapita) add("per-capita", pc.to, pc.amount);
      for (const s of st.dues.shares) add("dues", s.to, s.amount);
      if (st.funds && scheme.funds) {
        t.funds += st.funds.total;
        for (const s of st.funds.shares) add("funds", s.to, s.amount);
      }
      funded = scheme.funds;
    }
    dues += t.dues;
    funds += t.funds;
    return {
      period, employees: t.employees, members: t.members, paying: t.paying, exempt: t.exempt,
      duesBase: m(t.duesBase), dues: m(t.dues), fundsBase: m(t.fundsBase), funds: m(t.funds),
      // TEAM.md fixes collection to "union" | "upstream": without a funds stream nobody collects any, and "union" says so harmlessly.
      collection: funded?.collection ?? "union", fundsStream: funded !== null,
      shares: [...shares.values()].map((s) => ({ stream: s.stream, to: s.to, amount: m(s.amount) })),
      batches: batches.map((b) => b.batch),
    };
  });
  return { months, configs: [...configs].sort(), dues, funds };
}

export function buildReturn(ws: { config: Config; ledger: Ledger }, req: { from: Period; to: Period; kind: "year" | "month"; year: number | null; asOf?: string; lang: Lang; now: string }): { document: ReturnDocument; warnings: Problem[] } {
  const { config, ledger } = ws;
  // A year is the financial year (financial_year_start), named by the year it ends in.
  const fy = req.year !== null ? financialYear(req.year, config.financialYearStart) : null;
  const o = { ...req, from: fy?.from ?? req.from, to: fy?.to ?? req.to };
  const digits = config.union.currency.digits;
  const m = (x: Minor) => formatMinor(x, digits);
  if (o.asOf !== undefined && !isDate(o.asOf)) {
    throw new Refusal("usage", [problem("RETURN_AS_OF_INVALID", text(`--as-of ${o.asOf} is not a date (YYYY-MM-DD)`, `--as-of ${o.asOf} 不是日期（YYYY-MM-DD）`), { hint: text("e.g. --as-of 2026-01-20", "例如 --as-of 2026-01-20") })]);
  }
  const asOf = o.asOf ?? o.now.slice(0, 10);
  const { months, configs, dues, funds } = monthsOf(ledger, config, o.from, o.to);

  // Payments: every remittance that stands, counted under the month it settles, or (named
  // none) the month before the month it was made in: shares are remitted the month after.
  const inRange = (p: Period) => p >= o.from && p <= o.to;
  const payments: ReturnPayment[] = [];
  for (const f of bankStoreOf(ledger).flows([accountFor(config.union.chart, "payable-upstream")])) {
    if (f.amount <= 0 || !f.body || f.date > asOf) continue;
    const filedUnder = f.settles ?? addMonths(periodOf(f.date), -1);
    if (!inRange(filedUnder)) continue;
    payments.push({ to: f.body, period: f.settles, date: f.date, ref: f.ref, amount: m(f.amount), batch: f.batch, entry: f.entry, filedUnder });
  }

  const rec = reconcileBooks(ws, { from: o.from, to: o.to, asOf }, asOf).reconciliation;
  const remittances: ReturnRemittance[] = rec.rows.map((r) => ({
    body: r.party, period: r.period, due: m(r.due), paid: m(r.paid), outstanding: m(r.outstanding), status: r.status, dueDate: r.dueDate, notYetDue: r.notYetDue,
  }));

  let statements: ReturnDocument["statements"] = null;
  if (o.kind === "year") {
    const inc = incomeReport(ledger, config, { year: String(o.year) });
    const bal = balanceReport(ledger, config, lastDayOf(o.to));
    statements = {
      income: statementJson(inc.statement, digits, o.lang, { from: inc.from, to: inc.to, currency: config.union.currency.code }),
      balance: statementJson(bal.statement, digits, o.lang, { asOf: bal.asOf, yearStart: bal.yearStart, currency: config.union.currency.code }),
    };
  }

  const warnings: Problem[] = [];
  if (!config.union.id) {
    warnings.push(warning("RETURN_NO_UNION_ID", text("dues.yaml has no union.id: the higher union has no id to match this return to its register", "dues.yaml 没有 union.id：上级工会无法把本报告与其登记的基层工会对应"), {
      hint: text("add `id:` under `union:` as the higher union registered you, e.g. id: acme-union", "在 union: 下加上上级工会登记的标识，例如 id: acme-union"),
    }));
  }
  const document: ReturnDocument = {
    format: RETURN_FORMAT,
    version: RETURN_VERSION,
    kind: o.kind,
    union: {
      id: config.union.id ?? null, name: config.union.name, creditCode: config.union.creditCode ?? null,
      chart: config.union.chart, currency: config.union.currency.code, digits, financialYearStart: config.financialYearStart,
    },
    from: o.from,
    to: o.to,
    year: o.year,
    generatedAt: o.now,
    asOf,
    ledger: { head: ledger.head(), configSha256: config.sha256, configsUsed: configs },
    bodies: config.bodies.map((b) => ({ id: b.id, name: b.name })),
    months,
    payments,
    remittances,
    totals: {
      dues: m(dues), funds: m(funds),
      due: m(rec.totals.due), paid: m(rec.totals.paid), outstanding: m(rec.totals.outstanding),
    },
    statements,
  };
  return { document, warnings };
}

/** Writes the JSON beside the target under a temporary name, then renames it: never half a file. */
export function writeJsonAtomically(path: string, value: unknown): number {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Refusal("cannot-write", [problem("EXPORT_TARGET_IS_FOLDER", text(`${path} is a folder, not a file`, `${path} 是文件夹，不是文件`), { file: path, hint: text("Give a file name ending in .json.", "请给出以 .json 结尾的文件名。") })]);
  }
  const body = JSON.stringify(value, null, 2) + "\n";
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw new Refusal("cannot-write", [problem("EXPORT_CANNOT_WRITE", text(`cannot write ${path} (${code})`, `无法写入 ${path}（${code}）`), { file: path, hint: text("Check that the folder exists and that you may write to it.", "请确认文件夹存在且有写入权限。") })]);
  }
  return Buffer.byteLength(body);
}

export function exportReturn(ws: { config: Config; ledger: Ledger }, o: ExportReturnOptions): ExportReturnResult {
  const range = checkReturnArgs(o);
  const { document, warnings } = buildReturn(ws, { ...range, asOf: o.asOf, lang: o.lang, now: o.now });
  const bytes = writeJsonAtomically(o.output, document);
  return { path: o.output, bytes, document, warnings };
}
