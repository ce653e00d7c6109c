// The monthly payroll import (SPEC §4.1, §5): read the file as a stream, compute every
// member's dues and the period's funds and shares, then book one batch in one
// transaction, or nothing at all. Decisions where the spec is silent: docs/import.md.
// Integer minor units on the per-row path; no row is kept in memory: each member line is
// written as soon as it is computed, inside the import's one write transaction.
import { basename } from "node:path";
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { accountFor, type ChartId, type Role } from "../domain/chart.js";
import type { Config, SourceConfig } from "../domain/config.js";
import { memberDues, statusKey } from "../domain/dues.js";
import { assertMinor, formatMinor, type Minor } from "../domain/money.js";
import { addMonths, isPeriod, lastDayOf, type Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, warning, type Problem } from "../domain/problem.js";
import { schemeFor, type Scheme } from "../domain/scheme.js";
import { periodStreams, type PeriodStreams } from "../domain/streams.js";
import { text } from "../domain/text.js";
import { readPayroll } from "../import/payroll-reader.js";
import type { ComputedChunk } from "../import/payroll-compute.js";
import { readComputedPayroll } from "../import/payroll-reader-thread.js";
import { Stopwatch, trace } from "../import/trace.js";
import { isLedgerBusy, type Ledger, type MemberLine, type MemberRecord, type PostingInput } from "../ledger/ledger.js";
import { OpeningStore, type OpeningEntry } from "../ledger/opening-store.js";
import { loadRoster, rosterMemberIn } from "./roster-import.js";
import type { RosterEntry } from "../ledger/roster-store.js";
import { PreviousPayroll } from "./import-payroll-previous.js";

export interface ImportPayrollRequest {
  /** The payroll file, as a path the process can open. */
  readonly path: string;
  readonly period: Period;
  /** The file as the user typed it, for problem locations (default: its base name). */
  readonly fileLabel?: string;
  /** A key of `sources` in dues.yaml; "default" unless given. */
  readonly source?: string;
  readonly dryRun?: boolean;
  readonly replace?: boolean;
  /** ISO timestamp recorded on the batch (the CLI's ctx.now(): SOURCE_DATE_EPOCH aware). */
  readonly now: string;
  readonly createdBy?: string | null;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** How many times to try the write while another command holds the ledger (default 60, 10 s each). */
  readonly busyAttempts?: number;
  /** Called when the ledger is locked by another command and the write will be tried again. */
  readonly onWaiting?: (attempt: number) => void;
  /** Called once the file is read and checked, before the (synchronous) write starts. */
  readonly onWriting?: (rows: number) => void;
}

export interface ShareLine {
  readonly stream: "dues" | "per-capita" | "funds";
  /** "retained" or a body id. */
  readonly to: string;
  /** The body's name from dues.yaml (the union's own name for retained). */
  readonly name: string;
  readonly amount: Minor;
}

export interface ImportPayrollResult {
  /** The batch id; null on a dry run. */
  readonly batch: number | null;
  readonly voided: number[];
  readonly period: Period;
  readonly source: string;
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly rows: number;
  readonly employees: number;
  readonly members: number;
  readonly exempt: number;
  readonly paying: number;
  readonly totals: {
    readonly fundsBase: Minor;
    readonly duesBase: Minor;
    readonly dues: Minor;
    readonly funds: Minor;
    /** Null when the source maps no `deducted` column. */
    readonly deducted: Minor | null;
  };
  readonly shares: ShareLine[];
  readonly checkoff: { readonly mapped: boolean; readonly mismatches: number; readonly difference: Minor; readonly arrears: Minor; readonly credits: Minor };
  readonly collection: "union" | "upstream" | null;
  /** False when the scheme in force has no funds stream (a US local, a UK branch): no funds lines to show. */
  readonly fundsStream: boolean;
  /** Warnings (zero wages, dues changes over 20%, missing employees, reader notes). */
  readonly warnings: Problem[];
  readonly dryRun: boolean;
  readonly digits: number;
  readonly scheme: { readonly effectiveFrom: string; readonly document: string };
}

/** Warnings kept in full per code; beyond this they are counted (a million missing employees is one story). */
const WARNINGS_PER_CODE = 50;
const ERRORS_PER_CODE = 200;

// The per-member dues change that deserves a look (SPEC §6 exceptions): over 20%.
const CHANGE_NUM = 1;
const CHANGE_DEN = 5;


/**
 * Imports one payroll file for one period. Refuses (Refusal) with every problem found;
 * otherwise books it (or, on a dry run, runs every step and rolls back) and returns the
 * summary. The ledger is written in one transaction: a failure or a killed process
 * leaves it as it was.
 */
export async function importPayroll(config: Config, ledger: Ledger, req: ImportPayrollRequest): Promise<ImportPayrollResult> {
  // Without --source: "default", or the only source there is (a union with one payroll system).
  const names = Object.keys(config.sources);
  const sourceName = req.source ?? (config.sources["default"] || names.length !== 1 ? "default" : names[0]!);
  trace("import starts");
  const file = basename(req.path);
  const digits = config.union.currency.digits;
  const chart = ledger.meta.chart;

  // ---- checks that need no reading: all reported together
  const early: Problem[] = [];
  if (!isPeriod(req.period)) {
    throw new Refusal("usage", [problem("IMPORT_PERIOD_INVALID", text(`--period must be YYYY-MM, got "${req.period}"`, `--period 必须是 YYYY-MM 格式，收到“${req.period}”`), { hint: text("for example --period 2026-10", "例如 --period 2026-10") })]);
  }
  const source = config.sources[sourceName];
  if (!source) {
    const known = Object.keys(config.sources);
    early.push(problem("IMPORT_UNKNOWN_SOURCE", text(`dues.yaml has no source named "${sourceName}"`, `dues.yaml 中没有名为“${sourceName}”的数据源`), {
      hint: text(`use --source with one of: ${known.join(", ")}`, `请用 --source 指定以下之一：${known.join("、")}`),
    }));
  }
  const scheme = schemeFor(config.schemes, req.period);
  if (!scheme) {
    early.push(problem("IMPORT_NO_SCHEME", text(`no scheme in dues.yaml is in force in ${req.period}`, `dues.yaml 中没有在 ${req.period} 生效的方案`), {
      hint: text("add a scheme whose effective_from is on or before the first day of the period", "请添加 effective_from 不晚于该期首日的方案"),
    }));
  }
  if (source && scheme) {
    for (const base of [scheme.dues.base, ...(scheme.funds ? [scheme.funds.base] : [])]) {
      if (!source.bases[base]) {
        early.push(problem("IMPORT_BASE_NOT_IN_SOURCE", text(`the scheme in force uses the base "${base}", which source "${sourceName}" does not define`, `生效方案使用基数“${base}”，但数据源“${sourceName}”未定义它`), {
          hint: text(`add ${base} under sources.${sourceName}.bases in dues.yaml`, `请在 dues.yaml 的 sources.${sourceName}.bases 下添加 ${base}`),
        }));
      }
    }
  }
  if (ledger.isClosed(req.period)) throw closedRefusal(req.period);
  // Months up to the takeover are in the opening balances; a payroll for one would count
  // twice. (An opening comes only before every other batch, so this needs no lock.)
  const opening = new OpeningStore(ledger.db).opening();
  if (opening && req.period <= opening.period) throw beforeOpeningRefusal(req.period, opening);
  if (early.length) throw new Refusal("data", early);

  // ---- the same file booked already? Said at once, not after reading a million rows.
  const early256 = await fileSha256(req.path);
  trace("file hashed");
  if (early256 && !req.replace) {
    const same = ledger.batches({ period: req.period, source: sourceName, kind: "payroll", sha256: early256, includeVoided: false })[0];
    if (same) throw duplicateRefusal(file, early256, req.period, same.id);
  }

  const roster = config.membership === "roster" ? loadRoster(ledger) : null;
  if (roster && roster.size === 0) {
    throw new Refusal("data", [problem("IMPORT_ROSTER_EMPTY", text("dues.yaml says membership: roster, and no roster has been imported", "dues.yaml 设为 membership: roster，但尚未导入会员名册"), {
      hint: text("import it first: dues members import ROSTER.csv", "请先导入名册：dues members import 名册.csv"),
    })]);
  }

  // ---- one write transaction for the whole import, held while the file is read: each
  // row's member line is written as soon as it is computed (no row is kept in memory),
  // under a batch id reserved now; the batch header, which records the row count, is
  // inserted once the file is read, then the entries. An error, a refusal or a killed
  // process rolls everything back. Another command holding the ledger is waited for
  // (SQLite's 10 s, then again, for up to ten minutes) before anything is read.
  for (let attempt = 1; ; attempt++) {
    try {
      ledger.beginWrite();
      break;
    } catch (e) {
      if (!isLedgerBusy(e)) throw e;
      if (attempt >= (req.busyAttempts ?? BUSY_ATTEMPTS)) throw busyRefusal();
      req.onWaiting?.(attempt);
    }
  }
  try {
    // The checks that depend on the ledger, repeated under the lock: another import may
    // have committed since the early ones.
    if (ledger.isClosed(req.period)) throw closedRefusal(req.period);
    const earlier = ledger.batches({ period: req.period, source: sourceName, kind: "payroll", includeVoided: false });
    if (early256 && !req.replace) {
      const same = earlier.find((b) => b.sha256 === early256);
      if (same) throw duplicateRefusal(file, early256, req.period, same.id);
    }
    if (!req.replace && earlier.length > 0) throw alreadyImportedRefusal(file, req.period, sourceName, earlier);

    // --replace: the earlier batches are voided first, so that the new batch's id (reserved
    // next) follows theirs; a refusal or failure later rolls the voids back with the rest.
    const voided: number[] = [];
    if (req.replace && early256) {
      for (const b of earlier) {
        ledger.voidBatch(b.id, { reason: `replaced by ${file} (${early256.slice(0, 12)}) / 由 ${file} 替换`, createdAt: req.now, createdBy: req.createdBy ?? null });
        voided.push(b.id);
      }
    }

    // What the previous period held (same source), compactly; compared as lines are written.
    const previous = PreviousPayroll.load(ledger, addMonths(req.period, -1), sourceName);
    trace("previous");
    const batch = ledger.reserveBatch();
    // The same bytes already booked for another month: allowed (a small union with flat
    // wages and no period column can export an identical file), but usually the wrong file.
    const sameFileElsewhere = early256 ? sameFileOtherPeriods(ledger, file, early256, req.period, req.dryRun ? null : batch) : [];
    const comparison = new Comparison(previous, req.fileLabel ?? file, digits);
    const sink = new LineSink(ledger, batch, req.period, req.now, comparison, previous);
    const acc = await readAndCompute(req, source!, scheme!, config, roster, sink);
    trace("last chunk written", `writing ${sink.writing}`);
    sink.finish();
    trace("read (register complete)");
    const { summary, totals } = acc;
    const problems: Problem[] = [...summary.problems, ...acc.problems];
    if (hasErrors(problems)) {
      const missing = problems.some((p) => p.code === "PAYROLL_FILE_UNREADABLE");
      throw new Refusal(missing ? "missing" : "data", problems);
    }
    const streams = periodStreams({
      duesTotal: totals.dues, paying: acc.paying, allMembers: acc.members, countsByStatus: acc.countsByStatus,
      fundsBase: totals.fundsBase, digits,
    }, scheme!);
    if (hasErrors(streams.problems)) throw new Refusal("data", [...streams.problems, ...problems.filter((p) => p.severity === "warning")]);

    const entries = buildEntries(chart, req.period, file, scheme!, streams, acc, config.union.locale === "zh-CN");
    if (entries.length === 0) {
      throw new Refusal("data", [problem("IMPORT_NOTHING_TO_BOOK", text(`${file}: dues, funds and deductions are all zero; there is nothing to book`, `${file}：会费、经费和代扣额均为零，没有可入账的内容`), {
        file, hint: text("check that this is the right payroll file and that the base columns in dues.yaml are right", "请确认工资表正确，并核对 dues.yaml 中的基数列"),
      })]);
    }
    const sha256 = summary.info.sha256;
    if (sha256 !== early256) {
      throw new Refusal("data", [problem("IMPORT_FILE_CHANGED", text(`${file} changed while it was being imported; nothing was written`, `${file} 在导入过程中被修改，未写入任何内容`), {
        file, hint: text("wait until the file is complete, then import it again", "请等文件写完后重新导入"),
      })]);
    }
    const warnings = [...sameFileElsewhere, ...problems.filter((p) => p.severity === "warning")];
    const compared = comparison.finish();
    req.onWriting?.(acc.employees);
    ledger.beginBatch({
      kind: "payroll", period: req.period, source: sourceName, file, sha256, encoding: summary.info.encoding,
      rows: acc.employees, configSha256: config.sha256, configText: config.text,
      memo: `${req.period} payroll ${file}`, createdAt: req.now, createdBy: req.createdBy ?? null,
    }, batch);
    for (const e of entries) ledger.postEntry({ ...e, batch });
    trace("entries posted");
    if (req.dryRun) ledger.rollbackWrite();
    else ledger.commitWrite();
    trace("committed");

    return {
      batch: req.dryRun ? null : batch, voided: req.dryRun ? [] : voided, period: req.period, source: sourceName, file, sha256,
      encoding: summary.info.encoding, delimiter: summary.info.delimiter,
      rows: acc.employees, employees: acc.employees, members: acc.members, exempt: acc.exempt, paying: acc.paying,
      totals: { fundsBase: totals.fundsBase, duesBase: totals.duesBase, dues: totals.dues, funds: streams.funds?.total ?? 0, deducted: acc.deductedMapped ? totals.deducted : null },
      shares: shareLines(streams, config, scheme!),
      checkoff: { mapped: acc.deductedMapped, mismatches: acc.mismatches, difference: acc.deductedMapped ? totals.deducted - totals.dues : 0, arrears: acc.arrears, credits: acc.credits },
      collection: scheme!.funds?.collection ?? null,
      fundsStream: Boolean(scheme!.funds),
      warnings: [...warnings, ...compared], dryRun: Boolean(req.dryRun), digits,
      scheme: { effectiveFrom: scheme!.effectiveFrom, document: scheme!.document },
    };
  } finally {
    ledger.rollbackWrite();
  }
}

function alreadyImportedRefusal(file: string, period: Period, sourceName: string, earlier: { id: number; file: string | null }[]): Refusal {
  return new Refusal("data", [problem("IMPORT_PERIOD_ALREADY_IMPORTED", text(`${period} already has a payroll from source "${sourceName}" (batch ${earlier.map((b) => `${b.id}: ${b.file}`).join(", ")})`, `${period} 已导入数据源“${sourceName}”的工资表（批次 ${earlier.map((b) => `${b.id}：${b.file}`).join("，")}）`), {
    file, hint: text("to correct it, import the new file with --replace; a supplementary payroll goes under its own --source", "如需更正，请用 --replace 导入新文件；补发工资表请使用单独的 --source"),
  })]);
}

// With the ledger's own 10 s wait per attempt (SQLite's busy timeout, PostgreSQL's lock_timeout): about ten minutes before giving up.
const BUSY_ATTEMPTS = 60;


function busyRefusal(): Refusal {
  return new Refusal("cannot-write", [problem("IMPORT_LEDGER_BUSY", text("the ledger stayed locked by another command for ten minutes; nothing was written", "账本被其他命令占用已达十分钟，未写入任何内容"), {
    hint: text("wait for the other command to finish, then run this import again", "请等其他命令结束后重新导入"),
  })]);
}

/** IMPORT_SAME_FILE_OTHER_PERIOD: one warning per live payroll batch of another period with these bytes. */
function sameFileOtherPeriods(ledger: Ledger, file: string, sha256: string, period: Period, batch: number | null): Problem[] {
  return ledger.batches({ kind: "payroll", sha256, includeVoided: false }).filter((b) => b.period !== period).map((b) => warning("IMPORT_SAME_FILE_OTHER_PERIOD",
    text(
      `${file} (SHA-256 ${sha256.slice(0, 12)}…) is byte for byte the file imported for ${b.period} as batch ${b.id}${b.file ? ` (${b.file})` : ""}`,
      `${file}（SHA-256 ${sha256.slice(0, 12)}…）与批次 ${b.id} 导入 ${b.period} 的文件${b.file ? `（${b.file}）` : ""}完全相同`,
    ), {
      file,
      hint: batch === null
        ? text(`make sure this is the ${period} payroll, not ${b.period}'s again`, `请确认这是 ${period} 的工资表，而不是再次导入 ${b.period} 的`)
        : text(
          `make sure this is the ${period} payroll, not ${b.period}'s again; if it is the wrong file, undo this import with \`dues void ${batch} --reason TEXT\``,
          `请确认这是 ${period} 的工资表，而不是再次导入 ${b.period} 的；如导错文件，可用 \`dues void ${batch} --reason 原因\` 撤销本次导入`,
        ),
    }));
}

function duplicateRefusal(file: string, sha256: string, period: Period, batch: number): Refusal {
  return new Refusal("data", [problem("IMPORT_DUPLICATE_FILE", text(`${file} (SHA-256 ${sha256.slice(0, 12)}…) was already imported for ${period} as batch ${batch}`, `${file}（SHA-256 ${sha256.slice(0, 12)}…）已作为批次 ${batch} 导入 ${period}`), {
    file, hint: text("nothing to do; to book it again under a changed dues.yaml, add --replace", "无需重复导入；如修改了 dues.yaml 需要重新入账，请加 --replace"),
  })]);
}

/** SHA-256 of the file's bytes, or null when it cannot be read (the reader then says why). */
async function fileSha256(path: string): Promise<string | null> {
  try {
    const h = createHash("sha256");
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
    return h.digest("hex");
  } catch {
    return null;
  }
}

function closedRefusal(period: Period): Refusal {
  return new Refusal("cannot-write", [problem("IMPORT_PERIOD_CLOSED", text(`${period} is closed; a closed month takes no imports`, `${period} 已结账，不能再导入`), {
    hint: text(`if the payroll must change, reopen it with a reason: dues reopen ${period} --reason TEXT`, `如确需更正，请说明原因重新打开：dues reopen ${period} --reason 原因`),
  })]);
}

function beforeOpeningRefusal(period: Period, o: OpeningEntry): Refusal {
  return new Refusal("cannot-write", [problem("IMPORT_BEFORE_OPENING", text(`${period} is before the books were taken over on ${o.date} (opening batch ${o.batch}); its balances are in the opening, and a payroll for it would count twice`, `${period} 在 ${o.date} 接账（期初余额批次 ${o.batch}）之前，其余额已含在期初余额中，再导入工资表会重复计算`), {
    hint: text(`import the months from ${addMonths(o.period, 1)} on; to rebuild the earlier months instead, void the opening (dues void ${o.batch} --reason TEXT) and import them first`, `请从 ${addMonths(o.period, 1)} 起导入；如要改为逐月补录之前的月份，请先作废期初余额（dues void ${o.batch} --reason 原因）再导入`),
  })]);
}

// ---------------------------------------------------------------- reading

interface Accumulated {
  summary: Awaited<ReturnType<ReturnType<typeof readPayroll>["finish"]>>;
  problems: Problem[];
  employees: number;
  members: number;
  exempt: number;
  paying: number;
  countsByStatus: Record<string, number>;
  totals: { fundsBase: Minor; duesBase: Minor; dues: Minor; deducted: Minor };
  deductedMapped: boolean;
  mismatches: number;
  arrears: Minor;
  credits: Minor;
}

/** Collects problems, keeping the first few of each code in full and counting the rest. */
class ProblemList {
  readonly list: Problem[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly file: string) {}
  /** Counts one more of a code without building its message (past the cap nothing is kept). */
  countOnly(code: string): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }
  add(p: Problem): void {
    const n = (this.counts.get(p.code) ?? 0) + 1;
    this.counts.set(p.code, n);
    if (n <= (p.severity === "error" ? ERRORS_PER_CODE : WARNINGS_PER_CODE)) this.list.push(p);
  }
  finish(): Problem[] {
    const out = [...this.list];
    for (const [code, n] of this.counts) {
      const first = this.list.find((p) => p.code === code)!;
      const cap = first.severity === "error" ? ERRORS_PER_CODE : WARNINGS_PER_CODE;
      if (n > cap) {
        const more = n - cap;
        const make = first.severity === "error" ? problem : warning;
        out.push(make("IMPORT_MORE_PROBLEMS", text(`…and ${more} more ${code} (${n} in all)`, `……另有 ${more} 条 ${code}（共 ${n} 条）`), { file: this.file }));
      }
    }
    return out;
  }
}

async function readAndCompute(
  req: ImportPayrollRequest, source: SourceConfig, scheme: Scheme, config: Config,
  roster: Map<string, RosterEntry> | null, sink: LineSink,
): Promise<Accumulated> {
  const file = req.fileLabel ?? basename(req.path);
  const digits = config.union.currency.digits;
  // The roster's members this period, with the roster's status (the payroll's wins when it has one).
  let rosterMembers: Map<string, string> | null = null;
  if (roster) {
    rosterMembers = new Map();
    for (const [id, e] of roster) if (rosterMemberIn(e, req.period)) rosterMembers.set(id, e.status);
  }
  // Read and computed on a second core for large files: this thread compares and writes meanwhile.
  const reader = readComputedPayroll(req.path, source, { digits, fileLabel: file, onProgress: req.onProgress }, {
    rule: scheme.dues, fundsBase: scheme.funds?.base ?? null, membership: config.membership, roster: rosterMembers,
    period: req.period, rateText: rateTextOf(scheme), file, warningsKept: WARNINGS_PER_CODE, unknownKept: ERRORS_PER_CODE,
  });
  for await (const chunk of reader.chunks()) sink.add(chunk);
  const { summary, totals: t } = await reader.finish();
  const problems = new ProblemList(file);
  for (const p of t.zeroWage) problems.add(p);
  for (let i = t.zeroWage.length; i < t.zeroWageCount; i++) problems.countOnly("IMPORT_ZERO_WAGE");
  // Each amount has at most 15 digits (parseAmount), so a total past 2^53 minor units
  // (90 trillion yuan) would take more rows than any payroll has: a bug if it happens.
  for (const x of [t.fundsBase, t.duesBase, t.dues, t.deducted, t.arrears, t.credits]) assertMinor(x);

  if (t.unknownMembership > 0) {
    if (t.unknownMembership === t.employees && !summary.info.columns["member"]) {
      problems.add(problem("IMPORT_MEMBER_COLUMN_MISSING", text(`${file} has no member column, and dues.yaml says membership: column`, `${file} 没有“是否会员”列，而 dues.yaml 设为 membership: column`), {
        file, hint: text("add the column (是否会员) to the file, or set membership: all or membership: roster in dues.yaml", "请在文件中加入“是否会员”列，或在 dues.yaml 中设置 membership: all 或 membership: roster"),
      }));
    } else {
      for (const line of t.unknownLines) {
        problems.add(problem("IMPORT_MEMBER_UNKNOWN", text("the member column is empty: is this employee a union member?", "“是否会员”为空：该职工是否为会员？"), {
          file, line, hint: text("write 是 or 否 (yes or no) in the member column", "请在“是否会员”列填写“是”或“否”"),
        }));
      }
    }
  }
  return {
    summary, problems: problems.finish(), employees: t.employees, members: t.members, exempt: t.exempt, paying: t.paying,
    countsByStatus: Object.fromEntries(t.statusCounts),
    totals: { fundsBase: t.fundsBase, duesBase: t.duesBase, dues: t.dues, deducted: t.deducted }, deductedMapped: t.deductedMapped,
    mismatches: t.mismatches, arrears: t.arrears, credits: t.credits,
  };
}

function rateTextOf(scheme: Scheme): string {
  const m = scheme.dues.method;
  if (m.kind === "rate") return m.rate.text;
  if (m.kind === "flat") return "flat";
  return "bands";
}

// ---------------------------------------------------------------- writing

/**
 * This month's lines against last month's: dues that moved over 20%, employees gone, and
 * which members the register and the status history must be told about. Runs as the
 * lines are written; a retried write starts it afresh.
 */
class Comparison {
  private readonly problems: ProblemList;
  constructor(private readonly previous: PreviousPayroll, private readonly file: string, private readonly digits: number) {
    previous.reset();
    this.problems = new ProblemList(file);
  }

  /** Line i of a chunk: [register needs the member, status changed since last month] */
  check(c: ComputedChunk, i: number): [boolean, boolean] {
    const id = c.memberId[i]!, name = c.name[i]!, department = c.department[i]!, status = c.status[i]!;
    const member = c.isMember[i] === 1;
    const dues = c.dues[i]!;
    const previous = this.previous;
    const prev = previous.take(id);
    if (prev >= 0) {
      const pDues = previous.duesAt(prev);
      if (member && c.exempt[i] === 0 && pDues > 0 && Math.abs(dues - pDues) * CHANGE_DEN > pDues * CHANGE_NUM) {
        const d = this.digits;
        this.problems.add(warning("IMPORT_DUES_CHANGED", text(
          `${id} ${name}: dues ${formatMinor(dues, d)}, ${formatMinor(pDues, d)} in ${previous.period} (more than 20% apart)`,
          `${id} ${name}：本期会费 ${formatMinor(dues, d)}，${previous.period} 为 ${formatMinor(pDues, d)}（变动超过 20%）`,
        ), { file: this.file, line: c.line[i]! }));
      }
    }
    const changed = prev < 0 || !previous.sameRegister(prev, name, department, status, member);
    // A status row only when a member's status differs from last period's: the first
    // status is in the register and the member lines already (a row each would double
    // the write cost of a first import for nothing).
    const statusChanged = member && prev >= 0 && previous.wasMember(prev) && previous.statusChanged(prev, status);
    return [member && changed, statusChanged];
  }

  /** Adds the employees on last period's payroll who are not on this one; returns every warning. */
  finish(): Problem[] {
    let missing = 0;
    for (const m of this.previous.missing()) {
      missing++;
      if (missing <= WARNINGS_PER_CODE) {
        const name = this.previous.nameOf(m.id);
        const p = this.previous.period;
        this.problems.add(warning("IMPORT_EMPLOYEE_MISSING", text(`${m.id} ${name} was on the ${p} payroll (line ${m.line}) and is not on this one`, `${m.id} ${name} 在 ${p} 工资表中（第 ${m.line} 行），本期没有`), { file: this.file }));
      } else this.problems.countOnly("IMPORT_EMPLOYEE_MISSING");
    }
    return this.problems.finish();
  }
}

/**
 * Writes computed chunks as member lines of the reserved batch, and the register and
 * status-history rows the comparison with last month calls for.
 */
class LineSink {
  private members: MemberRecord[] = [];
  private statuses: { member: string; period: Period; status: string; batch: number }[] = [];
  /** No previous period: every member is new to the comparison, so the register is filled from the lines just written (per chunk where writes wait, else at the end). */
  private readonly allMembers: boolean;
  /** The last member line id already in the register (allMembers). */
  private registered = 0;
  constructor(private readonly ledger: Ledger, private readonly batch: number, private readonly period: Period, private readonly now: string, private readonly comparison: Comparison, previous: PreviousPayroll) {
    this.allMembers = previous.size === 0;
  }

  /** DUES_TRACE: the time spent writing chunks. */
  readonly writing = new Stopwatch();

  add(c: ComputedChunk): void {
    this.writing.start();
    if (!this.allMembers) {
      for (let i = 0; i < c.n; i++) {
        const [upsert, statusChanged] = this.comparison.check(c, i);
        if (upsert) this.members.push({ id: c.memberId[i]!, name: c.name[i]!, department: c.department[i]!, status: c.status[i]!, updatedAt: this.now });
        if (statusChanged) this.statuses.push({ member: c.memberId[i]!, period: this.period, status: c.status[i]!, batch: this.batch });
      }
    }
    this.ledger.appendMemberLineColumns(this.batch, c);
    // A first month's register grows with the lines, while the reader thread reads on (not
    // in one statement at the end, when nothing else would run beside it), where writes wait
    // anyway (SQLite); on PostgreSQL it is one statement at the end (Ledger.writesWait).
    if (this.allMembers && this.ledger.writesWait) this.registered = this.ledger.upsertMembersFromLines(this.batch, this.now, this.registered);
    if (this.members.length >= 5000) this.ledger.upsertMembers(this.members.splice(0));
    if (this.statuses.length >= 5000) this.ledger.appendMemberStatuses(this.statuses.splice(0));
    this.writing.stop();
  }

  /** The last register and status rows, and on a first month the register's last (or, on PostgreSQL, only) step. */
  finish(): void {
    if (this.members.length) this.ledger.upsertMembers(this.members.splice(0));
    if (this.statuses.length) this.ledger.appendMemberStatuses(this.statuses.splice(0));
    if (this.allMembers) this.registered = this.ledger.upsertMembersFromLines(this.batch, this.now, this.registered);
  }
}

type Draft = { date: string; period: Period; memo: string; kind: string; postings: PostingInput[] };

/**
 * The few aggregated entries of SPEC §5. Dues: Dr employer receivable (what was deducted,
 * or what was assessed without a deducted column) + Dr member arrears − Cr member credits
 * = Cr dues income (kept) + Cr 211:BODY (upward shares and per-capita). Funds (union
 * collects): Dr employer receivable = Cr 402 kept + Cr 211:BODY; upstream collects:
 * Dr 131 = Cr 402 kept. Zero postings are left out. The member detail is in member_lines.
 */
export function buildEntries(chart: ChartId, period: Period, file: string, scheme: Scheme, streams: PeriodStreams, acc: Pick<Accumulated, "deductedMapped" | "totals" | "arrears" | "credits">, zh: boolean): Draft[] {
  const date = lastDayOf(period);
  const a = (role: Role) => accountFor(chart, role);
  const out: Draft[] = [];
  const dues: PostingInput[] = [];
  const push = (list: PostingInput[], p: PostingInput) => { if (p.amount !== 0) list.push(p); };
  push(dues, { account: a("employer-receivable"), amount: acc.deductedMapped ? acc.totals.deducted : acc.totals.dues });
  push(dues, { account: a("member-arrears"), amount: acc.arrears });
  push(dues, { account: a("member-credits"), amount: -acc.credits });
  for (const s of streams.dues.shares) {
    push(dues, s.to === "retained" ? { account: a("dues-income"), amount: -s.amount } : { account: a("payable-upstream"), body: s.to, amount: -s.amount });
  }
  for (const pc of streams.dues.perCapita) push(dues, { account: a("payable-upstream"), body: pc.to, amount: -pc.amount });
  if (dues.length) out.push({ date, period, kind: "payroll-dues", memo: zh ? `${period} 会费（${file}）` : `${period} dues (${file})`, postings: dues });

  if (streams.funds && scheme.funds) {
    const funds: PostingInput[] = [];
    if (scheme.funds.collection === "union") {
      push(funds, { account: a("employer-receivable"), amount: streams.funds.total });
      for (const s of streams.funds.shares) {
        push(funds, s.to === "retained" ? { account: a("funds-income"), amount: -s.amount } : { account: a("payable-upstream"), body: s.to, amount: -s.amount });
      }
    } else {
      const kept = streams.funds.shares.find((s) => s.to === "retained")?.amount ?? 0;
      push(funds, { account: a("upstream-receivable"), amount: kept });
      push(funds, { account: a("funds-income"), amount: -kept });
    }
    if (funds.length) out.push({ date, period, kind: "payroll-funds", memo: zh ? `${period} 拨缴经费（${file}）` : `${period} allocated funds (${file})`, postings: funds });
  }
  return out;
}

function shareLines(streams: PeriodStreams, config: Config, scheme: Scheme): ShareLine[] {
  const nameOf = (to: string) => (to === "retained" ? config.union.name : config.bodies.find((b) => b.id === to)?.name ?? to);
  const out: ShareLine[] = [];
  for (const pc of streams.dues.perCapita) out.push({ stream: "per-capita", to: pc.to, name: nameOf(pc.to), amount: pc.amount });
  for (const s of streams.dues.shares) out.push({ stream: "dues", to: s.to, name: nameOf(s.to), amount: s.amount });
  if (streams.funds && scheme.funds) for (const s of streams.funds.shares) out.push({ stream: "funds", to: s.to, name: nameOf(s.to), amount: s.amount });
  return out;
}

/** The SPEC §4.1 `--json` document, amounts as strings with the currency's digits. */
export function importPayrollJson(r: ImportPayrollResult): object {
  const m = (x: Minor) => formatMinor(x, r.digits);
  return {
    batch: r.batch, period: r.period, source: r.source, file: r.file, sha256: r.sha256, encoding: r.encoding,
    rows: r.rows, employees: r.employees, members: r.members, exempt: r.exempt,
    totals: {
      fundsBase: m(r.totals.fundsBase), duesBase: m(r.totals.duesBase), dues: m(r.totals.dues), funds: m(r.totals.funds),
      deducted: r.totals.deducted === null ? null : m(r.totals.deducted),
    },
    shares: r.shares.map((s) => ({ stream: s.stream, to: s.to, amount: m(s.amount) })),
    checkoff: { mismatches: r.checkoff.mismatches, difference: m(r.checkoff.difference) },
    dryRun: r.dryRun,
  };
}
