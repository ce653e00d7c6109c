// `dues budget import FILE --year Y [--version adopted|adjusted]`: reads a budget file,
// checks every row against the chart, and stores it as the year's next version, all in
// one transaction. Every problem is reported at once; on any error nothing is written.
import { checkBudgetRows, compareWithAdopted, type BudgetKind, type BudgetLine } from "../domain/budget.js";
import type { Config } from "../domain/config.js";
import type { Minor } from "../domain/money.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { mapBudgetTable } from "../import/budget-reader.js";
import { readTableFile } from "../import/table-file.js";
import { BudgetStore } from "../ledger/budget-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { budgetLookup } from "./budget-accounts.js";

export interface BudgetImportRequest {
  readonly path: string;
  /** The file name as the user typed it, for problems and the record. */
  readonly fileLabel: string;
  readonly year: string;
  readonly kind: string;
  readonly now: string;
}

export interface BudgetImportResult {
  readonly year: number;
  readonly version: number;
  readonly kind: BudgetKind;
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly lines: number;
  /** Adjusted totals (年初预算 + 调整) of income and spending lines. */
  readonly income: Minor;
  readonly spending: Minor;
  readonly supersedes: number | null;
  readonly warnings: readonly Problem[];
}

/** --year as typed: four digits. A usage problem otherwise. */
export function parseYear(raw: string): number {
  if (!/^\d{4}$/.test(raw.trim())) {
    throw new Refusal("usage", [problem("BUDGET_YEAR_INVALID", text(`--year ${raw} is not a year`, `--year ${raw} 不是年份`), { file: "--year", hint: text("give the fiscal year as four digits, e.g. --year 2026", "请用四位数字给出预算年度，例如 --year 2026") })]);
  }
  return Number(raw.trim());
}

export async function importBudget(ws: { config: Config; ledger: Ledger }, req: BudgetImportRequest): Promise<BudgetImportResult> {
  const year = parseYear(req.year);
  if (req.kind !== "adopted" && req.kind !== "adjusted") {
    throw new Refusal("usage", [problem("BUDGET_VERSION_KIND", text(`--version ${req.kind} is neither adopted nor adjusted`, `--version ${req.kind} 应为 adopted（年初）或 adjusted（调整）`), { file: "--version" })]);
  }
  const kind: BudgetKind = req.kind;
  const { config, ledger } = ws;
  const digits = config.union.currency.digits;
  const lookup = budgetLookup(config.union.chart);

  const read = await readTableFile(req.path, { fileLabel: req.fileLabel, area: "BUDGET" });
  const mapped = mapBudgetTable(read.table, { digits, decimalMark: config.sources.default?.decimalMark ?? "." });
  const checked = mapped.value ? checkBudgetRows(mapped.value, lookup, req.fileLabel) : { value: undefined, problems: [] };
  const mine: Problem[] = [...mapped.problems, ...checked.problems];

  const store = new BudgetStore(ledger.db);
  const current = store.latest(year);
  const sha256 = read.info.sha256;
  if (kind === "adjusted" && !current) {
    mine.push(problem("BUDGET_NOTHING_TO_ADJUST", text(`there is no ${year} budget yet to adjust`, `${year} 年还没有预算，无从调整`), {
      file: req.fileLabel,
      hint: text(`import the adopted budget first: dues budget import FILE --year ${year}`, `请先导入年初预算：dues budget import 文件 --year ${year}`),
    }));
  }
  if (current && current.sha256 === sha256 && sha256 !== "") {
    mine.push(problem("BUDGET_SAME_AS_CURRENT", text(`this file is already ${year} budget version ${current.version}; importing it again would change nothing`, `此文件已是 ${year} 年预算第 ${current.version} 版，重复导入不会有任何变化`), {
      file: req.fileLabel,
      hint: text("to change the budget, edit the file and import it as a new version", "如需修改预算，请修改文件后作为新版本导入"),
    }));
  }
  const lines: BudgetLine[] = checked.value ?? [];
  const lineOf = new Map((mapped.value ?? []).map((r) => [r.account, r.line]));
  if (kind === "adjusted" && checked.value) {
    const adopted = store.latestAdopted(year);
    if (adopted) mine.push(...compareWithAdopted(lines, adopted.lines, req.fileLabel, (a) => lineOf.get(a)));
  }

  const problems = await read.finish(mine);
  if (read.info.missing) throw new Refusal("missing", problems);
  if (hasErrors(problems) || !checked.value) throw new Refusal("data", problems);

  const added = ledger.transaction(() =>
    store.addVersion({
      year, kind, file: req.fileLabel, sha256, createdAt: req.now,
      lines: lines.map((l) => ({ ...l, sourceLine: lineOf.get(l.account) ?? 0 })),
    }),
  );
  let income = 0;
  let spending = 0;
  for (const l of lines) {
    const c = lookup(l.account)?.class;
    if (c === "income") income += l.budget + l.adjustment;
    else if (c === "spending") spending += l.budget + l.adjustment;
  }
  return {
    year, version: added.version, kind, file: req.fileLabel, sha256, encoding: read.info.encoding, lines: lines.length,
    income, spending, supersedes: current?.version ?? null, warnings: problems,
  };
}
