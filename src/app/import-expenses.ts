// `dues import expenses FILE`: spending vouchers from a file, one entry per row (Dr the
// spending account = Cr bank, or the row's paid_from), all in one batch and one
// transaction. Every problem at once; the same file twice is refused.
import { accountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { buildExpenseEntries } from "../domain/expenses.js";
import type { Minor } from "../domain/money.js";
import type { IsoDate, Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { mapExpensesTable } from "../import/expenses-reader.js";
import { readTableFile } from "../import/table-file.js";
import type { Ledger } from "../ledger/ledger.js";
import { expenseLookup } from "./budget-accounts.js";

export interface ImportExpensesRequest {
  readonly path: string;
  readonly fileLabel: string;
  readonly now: string;
  readonly dryRun?: boolean;
}

export interface ImportExpensesResult {
  /** The batch id, or null on a dry run. */
  readonly batch: number | null;
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly entries: number;
  readonly total: Minor;
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  readonly byAccount: readonly { readonly account: string; readonly amount: Minor }[];
  readonly warnings: readonly Problem[];
  readonly dryRun: boolean;
}

export const EXPENSES_BATCH_KIND = "expenses";

export async function importExpenses(ws: { config: Config; ledger: Ledger }, req: ImportExpensesRequest): Promise<ImportExpensesResult> {
  const { config, ledger } = ws;
  const digits = config.union.currency.digits;
  const bank = accountFor(config.union.chart, "bank");
  const read = await readTableFile(req.path, { fileLabel: req.fileLabel, area: "EXPENSES" });
  const mapped = mapExpensesTable(read.table, { digits, decimalMark: config.sources.default?.decimalMark ?? "." });
  const built = buildExpenseEntries(mapped.value ?? [], expenseLookup(config.union.chart), bank, req.fileLabel, config.projects.map((p) => p.id));
  const mine: Problem[] = [...mapped.problems, ...built.problems];

  // A month that is closed refuses the whole file (73), but only once the data is right:
  // reported per row, so the treasurer sees which vouchers fall in it.
  const closed: Problem[] = [];
  const isClosed = new Map<Period, boolean>();
  for (const e of built.value ?? []) {
    if (!isClosed.has(e.period)) isClosed.set(e.period, ledger.isClosed(e.period));
    if (isClosed.get(e.period)) {
      closed.push(problem("EXPENSES_PERIOD_CLOSED", text(`${e.period} is closed; this voucher cannot be booked in it`, `${e.period} 已结账，此笔支出不能记入`), {
        file: req.fileLabel, line: e.line,
        hint: text(`book it in an open month, or reopen: dues reopen ${e.period} --reason TEXT`, `请记入未结账的月份，或先反结账：dues reopen ${e.period} --reason 原因`),
      }));
    }
  }

  const problems = await read.finish([...mine, ...closed]);
  if (read.info.missing) throw new Refusal("missing", problems);
  const sha256 = read.info.sha256;
  // A voided batch no longer counts: after `dues void`, the corrected file may come in again.
  const earlier = ledger.batches({ kind: EXPENSES_BATCH_KIND, sha256, includeVoided: false });
  if (earlier.length > 0) {
    problems.push(problem("EXPENSES_FILE_ALREADY_IMPORTED", text(`this file (the same bytes) was already imported as batch ${earlier[0]!.id} on ${earlier[0]!.createdAt.slice(0, 10)}`, `此文件（内容完全相同）已于 ${earlier[0]!.createdAt.slice(0, 10)} 作为第 ${earlier[0]!.id} 批导入`), {
      file: req.fileLabel,
      hint: text(`importing it again would book the spending twice; to replace it, dues void ${earlier[0]!.id} --reason TEXT first`, `再次导入会重复记账；如需替换，请先 dues void ${earlier[0]!.id} --reason 原因`),
    }));
  }
  const dataErrors = problems.filter((p) => p.severity === "error" && p.code !== "EXPENSES_PERIOD_CLOSED");
  if (dataErrors.length > 0) throw new Refusal("data", problems);
  if (hasErrors(problems)) throw new Refusal("cannot-write", problems);

  const entries = built.value!;
  const dates = entries.map((e) => e.date).sort();
  const periods = [...new Set(entries.map((e) => e.period))];
  const byAccount = new Map<string, Minor>();
  for (const e of entries) byAccount.set(e.postings[0]!.account, (byAccount.get(e.postings[0]!.account) ?? 0) + e.postings[0]!.amount);
  let batch: number | null = null;
  if (!req.dryRun) {
    batch = ledger.transaction(() => {
      const id = ledger.beginBatch({
        kind: EXPENSES_BATCH_KIND,
        // A file within one month is that month's batch; one spanning months has none.
        period: periods.length === 1 ? periods[0] : undefined,
        file: req.fileLabel, sha256, encoding: read.info.encoding, rows: entries.length,
        configSha256: config.sha256, configText: config.text, createdAt: req.now,
      });
      for (const e of entries) {
        ledger.postEntry({ batch: id, date: e.date, period: e.period, memo: e.memo, kind: "expense", ref: e.ref || undefined, postings: e.postings });
      }
      return id;
    });
  }
  return {
    batch, file: req.fileLabel, sha256, encoding: read.info.encoding, entries: entries.length,
    total: entries.reduce((t, e) => t + e.postings[0]!.amount, 0),
    from: dates[0] ?? null, to: dates[dates.length - 1] ?? null,
    byAccount: [...byAccount].sort(([a], [b]) => (a < b ? -1 : 1)).map(([account, amount]) => ({ account, amount })),
    warnings: problems, dryRun: Boolean(req.dryRun),
  };
}
