// `dues import opening FILE --as-of YYYY-MM-DD`: a union takes over its books. The old
// books' closing balances become one opening entry (batch kind `opening`) dated --as-of,
// allowed once and before anything else; what was still owed keeps the month it was owed
// for, so reconcile, arrears and remit settle it as if the history had been imported.
import { accountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { Minor } from "../domain/money.js";
import { checkOpening, isOpeningDate, type OpeningPosting } from "../domain/opening.js";
import type { IsoDate, Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, warning, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { mapOpeningTable } from "../import/opening-reader.js";
import { readTableFile } from "../import/table-file.js";
import type { Ledger } from "../ledger/ledger.js";
import { OPENING_KIND, OpeningStore } from "../ledger/opening-store.js";
import { bankStoreOf } from "./receive.js";

export interface ImportOpeningRequest {
  readonly path: string;
  readonly fileLabel: string;
  readonly asOf: string;
  readonly now: string;
  readonly dryRun?: boolean;
  readonly createdBy?: string | null;
}

export interface ImportOpeningResult {
  /** Batch and entry, or null on a dry run. */
  readonly batch: number | null;
  readonly entry: number | null;
  readonly hash: string | null;
  readonly asOf: IsoDate;
  readonly period: Period;
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly postings: readonly OpeningPosting[];
  readonly debit: Minor;
  readonly credit: Minor;
  /** Members the file names who were not registered, registered by this import. */
  readonly newMembers: readonly string[];
  readonly warnings: readonly Problem[];
  readonly dryRun: boolean;
}

export function checkOpeningArgs(asOf: string): void {
  if (!isOpeningDate(asOf)) {
    throw new Refusal("usage", [problem("OPENING_AS_OF_INVALID", text(`--as-of ${asOf} is not the first day of a month (YYYY-MM-01)`, `--as-of ${asOf} 不是某月的第一天（YYYY-MM-01）`), {
      file: "--as-of", hint: text("the day the new books begin, e.g. --as-of 2025-01-01: the balances are those the old books closed with the day before", "新账开始的日子，例如 --as-of 2025-01-01：余额为旧账前一天的期末余额"),
    })]);
  }
}

/** Refuses (73) when the ledger already holds an opening, or anything an opening would have to come before. */
function refuseIfNotFirst(store: OpeningStore): void {
  const live = store.liveBatches();
  const opening = live.find((b) => b.kind === OPENING_KIND);
  if (opening) {
    throw new Refusal("cannot-write", [problem("OPENING_ALREADY_IMPORTED", text(`the books already have their opening balances (batch ${opening.id})`, `账本已有期初余额（批次 ${opening.id}）`), {
      hint: text(`an opening is imported once; to correct it, \`dues void ${opening.id} --reason TEXT\` first (only while nothing else is booked), or correct single balances with \`dues record\``, `期初余额只导入一次；如需更正，请先 \`dues void ${opening.id} --reason 原因\`（仅限尚未记其他账时），或用 \`dues record\` 更正个别余额`),
    })]);
  }
  if (live.length > 0) {
    const shown = live.slice(0, 5).map((b) => `${b.id} ${b.kind}${b.period ? " " + b.period : ""}`);
    const more = live.length > 5 ? `, … (${live.length} batches)` : "";
    throw new Refusal("cannot-write", [problem("OPENING_NOT_FIRST", text(`the ledger already holds entries (batches ${shown.join(", ")}${more}); opening balances come before everything else`, `账本已有分录（批次 ${shown.join("、")}${more ? `……共 ${live.length} 批` : ""}）；期初余额须在其他分录之前`), {
      hint: text("import the opening into a new ledger (`dues init --db NEW.db`), or void those batches first (`dues void BATCH --reason TEXT`)", "请导入新账本（`dues init --db 新账本.db`），或先冲销这些批次（`dues void 批次 --reason 原因`）"),
    })]);
  }
}

export async function importOpening(ws: { config: Config; ledger: Ledger }, req: ImportOpeningRequest): Promise<ImportOpeningResult> {
  checkOpeningArgs(req.asOf);
  const { config, ledger } = ws;
  const digits = config.union.currency.digits;
  const read = await readTableFile(req.path, { fileLabel: req.fileLabel, area: "OPENING" });
  const mapped = mapOpeningTable(read.table, { digits, decimalMark: config.sources.default?.decimalMark ?? "." });
  const checked = checkOpening(mapped.value ?? [], {
    chart: config.union.chart, bodies: config.bodies.map((b) => b.id), projects: config.projects, asOf: req.asOf, file: req.fileLabel, digits,
  });
  const plan = checked.value!;
  // A member the file names who is not in the register is registered (payroll imports
  // register members too), with a warning naming the line: a mistyped id shows up here.
  const bank = bankStoreOf(ledger);
  const newMembers = new Map<string, { name: string; line: number }>();
  const rows = mapped.value ?? [];
  for (const p of plan.postings) {
    if (!p.member || bank.member(p.member) || newMembers.has(p.member)) continue;
    newMembers.set(p.member, { name: rows.find((r) => r.line === p.line)?.name ?? "", line: p.line });
  }
  const notes: Problem[] = [...newMembers].map(([id, m]) => warning("OPENING_NEW_MEMBER", text(`member ${id} is not registered yet; the opening registers them${m.name ? ` as ${m.name}` : ""}`, `会员 ${id} 尚未登记；导入期初时一并登记${m.name ? `（${m.name}）` : ""}`), {
    file: req.fileLabel, line: m.line, column: rows.find((r) => r.line === m.line)?.columns.member,
    hint: text("check the id against the payroll; the next payroll import fills in name and department", "请与工资表核对工号；下次导入工资表时会补全姓名和部门"),
  }));
  const problems = await read.finish([...mapped.problems, ...checked.problems, ...notes]);
  if (read.info.missing) throw new Refusal("missing", problems);
  if (hasErrors(problems)) throw new Refusal("data", problems);

  const store = new OpeningStore(ledger.db);
  const zh = config.union.locale === "zh-CN";
  const memo = zh ? `期初余额（${req.asOf} 接账，${req.fileLabel}）` : `Opening balances as of ${req.asOf} (${req.fileLabel})`;
  const write = () => ledger.transaction(() => {
    // Checked inside the write lock: nothing may have been booked meanwhile.
    refuseIfNotFirst(store);
    if (newMembers.size) ledger.upsertMembers([...newMembers].map(([id, m]) => ({ id, name: m.name, department: "", status: "active", updatedAt: req.now })));
    const batch = ledger.beginBatch({
      kind: OPENING_KIND, period: plan.period, file: req.fileLabel, sha256: read.info.sha256, encoding: read.info.encoding,
      rows: plan.postings.length, configSha256: config.sha256, configText: config.text, memo, createdAt: req.now, createdBy: req.createdBy ?? null,
    });
    const entry = ledger.postEntry({
      batch, date: req.asOf, period: plan.period, memo, kind: OPENING_KIND,
      postings: plan.postings.map((p) => ({ account: p.account, body: p.body, member: p.member, project: p.project, period: p.period, amount: p.amount })),
    });
    return { batch, entry, hash: ledger.head()!.hash };
  });
  let booked: { batch: number; entry: number; hash: string } | null = null;
  if (req.dryRun) {
    // The same refusals a real import would meet, without writing.
    refuseIfNotFirst(store);
  } else booked = write();
  return {
    batch: booked?.batch ?? null, entry: booked?.entry ?? null, hash: booked?.hash ?? null,
    asOf: req.asOf, period: plan.period, file: req.fileLabel, sha256: read.info.sha256, encoding: read.info.encoding,
    postings: plan.postings, debit: plan.debit, credit: plan.credit, newMembers: [...newMembers.keys()],
    warnings: problems, dryRun: Boolean(req.dryRun),
  };
}

/** What the opening says is owed, by kind, for the summary: bodies, the employer, members. */
export function openingOwed(config: Config, postings: readonly OpeningPosting[]): { bodies: OpeningPosting[]; employer: OpeningPosting[]; members: OpeningPosting[] } {
  const a = (r: Parameters<typeof accountFor>[1]) => accountFor(config.union.chart, r);
  return {
    bodies: postings.filter((p) => p.account === a("payable-upstream")),
    employer: postings.filter((p) => p.account === a("employer-receivable") || p.account === a("upstream-receivable")),
    members: postings.filter((p) => p.account === a("member-arrears")),
  };
}
