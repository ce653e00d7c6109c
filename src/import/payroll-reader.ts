// A payroll file (CSV or .xlsx) to a stream of typed rows in minor units, checking every
// row and collecting every problem in one pass (SPEC §4.1). The 1M-row hot path: no regex,
// no decimal.js, no object per cell. Decisions are written in docs/payroll-files.md.
import type { SourceConfig } from "../domain/config.js";
import { formatMinor, type Minor } from "../domain/money.js";
import type { Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { readAmount } from "./amount.js";
import { findHeader, isHeaderRow, normalizeHeader, ROW_NUMBER_NAMES, type FieldSpec, type HeaderResult } from "./header.js";
import { openTable, type Table, type TableInfo, type TableRow } from "./table.js";

export interface PayrollReadOptions {
  /** The currency's minor digits (2 for CNY). */
  readonly digits: number;
  readonly fileLabel?: string;
  readonly maxProblems?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface PayrollRow {
  /** Physical line where the row starts (xlsx: row number). */
  readonly line: number;
  readonly employeeId: string;
  readonly name: string;
  readonly department: string | null;
  /** null when there is no member column or the cell is empty. */
  readonly member: boolean | null;
  /** As written, trimmed; null when there is no status column or the cell is empty. */
  readonly status: string | null;
  /** One entry per configured base: the sum of its columns. */
  readonly bases: Record<string, Minor>;
  /** Dues the employer deducted; null when no deducted column is mapped. */
  readonly deducted: Minor | null;
}

export interface PayrollInfo extends TableInfo {
  headerLine: number | null;
  /** Data rows seen after the header (blank and total rows not counted). */
  rowsRead: number;
  /** Rows yielded (no error). */
  employees: number;
  totalRowsSkipped: number;
  /** Field key → the header text it was read from. */
  columns: Record<string, string>;
}

export interface PayrollSummary {
  readonly problems: Problem[];
  readonly info: PayrollInfo;
}

export interface PayrollRead {
  /** Rows without errors, in file order. Read rows() or batches() once; every row is checked either way. */
  rows(): AsyncIterable<PayrollRow>;
  /** The same rows in arrays (one per chunk read): fewer awaits on the 1M-row path. */
  batches(): AsyncIterable<PayrollRow[]>;
  /** After rows() ended (or was abandoned): every problem, with columns, and what was read. */
  finish(): Promise<PayrollSummary>;
}

/** Built-in header names (DOMAIN.md "Payroll files"); configured names come before these. */
export const BUILT_IN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  employee_id: ["工号", "员工号", "职工号", "人员编号", "员工编号", "职工编号", "人员代码", "员工代码", "employee id", "emp no", "emp id", "employee no", "employee number", "payroll no", "payroll number", "staff id", "staff no", "id"],
  name: ["姓名", "员工姓名", "职工姓名", "名字", "name", "employee name", "full name"],
  department: ["部门", "所属部门", "部门名称", "department", "dept"],
  member: ["是否会员", "是否工会会员", "工会会员", "会员", "member", "union member", "is member", "membership"],
  status: ["会员状态", "人员状态", "在职状态", "状态", "status", "member status", "employment status"],
  deducted: ["工会会费", "代扣工会会费", "代扣会费", "会费", "union dues", "dues deducted", "dues", "union fee"],
};

const REQUIRED = new Set(["employee_id", "name"]);
const FIELD_ORDER = ["employee_id", "name", "department", "member", "status", "deducted"];

const MEMBER_WORDS = new Map<string, boolean>([
  ["是", true], ["否", false], ["y", true], ["n", false], ["yes", true], ["no", false],
  ["1", true], ["0", false], ["true", true], ["false", false], ["会员", true], ["非会员", false],
  // No bare "x": in one sheet it marks a member, in another a non-member; it is asked about.
  ["√", true], ["✓", true], ["✔", true], ["×", false], ["✗", false], ["t", true], ["f", false],
  ["member", true], ["non-member", false], ["nonmember", false],
]);

function memberOf(raw: string): boolean | null | undefined {
  const direct = MEMBER_WORDS.get(raw);
  if (direct !== undefined) return direct;
  const s = raw.normalize("NFKC").trim().toLowerCase();
  if (s === "") return null;
  return MEMBER_WORDS.get(s);
}

const TOTAL_ZH = ["合计", "总计", "小计", "共计", "总合计", "本页合计", "累计", "汇总"];
const TOTAL_EN = new Set(["total", "totals", "subtotal", "grandtotal", "sum", "合计"]);

/** A 合计/Total cell marks a total row. Cheap for the usual case (an id starting with a digit). */
// First characters a total word can start with (after NFKC: full-width letters too).
const TOTAL_FIRST = new Set([..."合总小共本累汇tTsSgGｔＴｓＳｇＧ"].map((c) => c.charCodeAt(0)));

function isTotalWord(s: string): boolean {
  if (s.length === 0 || !TOTAL_FIRST.has(s.charCodeAt(0))) return false;
  const t = s.normalize("NFKC").toLowerCase().replace(/[\s:：()]/g, "");
  for (const w of TOTAL_ZH) if (t.startsWith(w)) return true;
  return TOTAL_EN.has(t);
}

/** 合计/总计/Total: the whole file's total (not a department's 小计 or a page's 本页合计). */
function isGrandTotal(s: string): boolean {
  const t = s.normalize("NFKC").toLowerCase().replace(/[\s:：()]/g, "");
  return t.startsWith("合计") || t.startsWith("总计") || t.startsWith("总合计") || t === "total" || t === "totals" || t === "grandtotal";
}

/** Unwraps Excel's text forms of an id (="00123", a leading apostrophe); full-width digits become ASCII. */
function cleanId(raw: string): string {
  let s = raw.trim();
  // "１００１" and "1001" are the same employee; NFKC only when there is anything beyond ASCII.
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      s = s.normalize("NFKC").trim();
      break;
    }
  }
  if (s.length > 0) {
    const c0 = s.charCodeAt(0);
    if (c0 === 61 /* = */ && s.length >= 3 && s[1] === '"' && s.endsWith('"')) s = s.slice(2, -1).trim();
    else if (c0 === 39 /* ' */) s = s.slice(1).trim();
  }
  return s;
}

function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c.length !== 0 && c.trim() !== "") return false;
  }
  return true;
}

/**
 * Employee id → the line it first appeared on, for the duplicate check: the one structure
 * that grows with the file. Payroll exports are mostly sorted by id, so ids that arrive in
 * increasing order go to compact sorted arrays (numeric ids: 12 bytes each, no lookup at
 * all while the order holds; a later id is found by binary search); only ids out of order
 * go to a Map. Numeric means plain digits without a leading zero ("00123" stays text).
 */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;

class IdLines {
  // Sorted numeric ids in fixed blocks: memory is 12 bytes per id with no doubling slack
  // and no copy when growing (3M ids: 36 MB rather than 50 MB plus a 25 MB copy).
  private readonly numBlocks: Float64Array[] = [];
  private readonly lineBlocks: Int32Array[] = [];
  private numCount = 0;
  private lastNum = -1;
  private readonly numOthers = new Map<number, number>();
  private readonly strs: string[] = [];
  private readonly strLines: number[] = [];
  private readonly strOthers = new Map<string, number>();

  private static asNumber(id: string): number {
    const n = id.length;
    if (n === 0 || n > 15 || (id.charCodeAt(0) === 48 && n > 1)) return -1;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  }

  /** The first line of `id`, or undefined; records `line` for it when it is new. */
  firstOrAdd(id: string, line: number): number | undefined {
    const k = IdLines.asNumber(id);
    return k >= 0 ? this.numeric(k, line) : this.text(id, line);
  }

  private numeric(k: number, line: number): number | undefined {
    const n = this.numCount;
    // Everything out of order is below the largest sorted id, so a larger id is new.
    if (k > this.lastNum) {
      const slot = n & BLOCK_MASK;
      if (slot === 0) {
        this.numBlocks.push(new Float64Array(BLOCK));
        this.lineBlocks.push(new Int32Array(BLOCK));
      }
      this.numBlocks[n >>> BLOCK_BITS]![slot] = k;
      this.lineBlocks[n >>> BLOCK_BITS]![slot] = line;
      this.numCount = n + 1;
      this.lastNum = k;
      return undefined;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.numBlocks[mid >>> BLOCK_BITS]![mid & BLOCK_MASK]!;
      if (v === k) return this.lineBlocks[mid >>> BLOCK_BITS]![mid & BLOCK_MASK];
      if (v < k) lo = mid + 1;
      else hi = mid - 1;
    }
    const seen = this.numOthers.get(k);
    if (seen === undefined) this.numOthers.set(k, line);
    return seen;
  }

  private text(id: string, line: number): number | undefined {
    const n = this.strs.length;
    if (n === 0 || id > this.strs[n - 1]!) {
      this.strs.push(id);
      this.strLines.push(line);
      return undefined;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.strs[mid]!;
      if (v === id) return this.strLines[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    const seen = this.strOthers.get(id);
    if (seen === undefined) this.strOthers.set(id, line);
    return seen;
  }
}

/** How many non-blank rows may sit above the header (titles, dates, notes). */
const HEADER_SEARCH_ROWS = 30;

export function payrollFieldSpecs(source: SourceConfig): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const key of FIELD_ORDER) {
    const names = [...(source.columns[key] ?? []), ...(BUILT_IN_COLUMNS[key] ?? [])];
    specs.push({ key, names, required: REQUIRED.has(key), never: key === "employee_id" ? ROW_NUMBER_NAMES : undefined });
  }
  const seen = new Set<string>();
  for (const cols of Object.values(source.bases)) {
    for (const col of cols) {
      if (seen.has(col)) continue;
      seen.add(col);
      specs.push({ key: `base:${col}`, names: [col], required: true });
    }
  }
  return specs;
}

export function readPayroll(path: string, source: SourceConfig, opts: PayrollReadOptions): PayrollRead {
  const info: PayrollInfo = {
    kind: "csv", encoding: "", encodingHow: "configured", delimiter: "", totalBytes: 0, sha256: "", missing: false,
    headerLine: null, rowsRead: 0, employees: 0, totalRowsSkipped: 0, columns: {},
  };
  let table: Table | undefined;
  let started = false;
  const specs = payrollFieldSpecs(source);
  const digits = opts.digits;
  const mark = source.decimalMark;

  async function* batches(): AsyncGenerator<PayrollRow[]> {
    table = await openTable(path, {
      encoding: source.encoding, delimiter: source.delimiter, sheet: source.sheet,
      fileLabel: opts.fileLabel, area: "PAYROLL", maxProblems: opts.maxProblems, onProgress: opts.onProgress,
    });
    const t = table;
    const report = t.report;
    const isXlsx = t.info.kind === "xlsx";
    const before: TableRow[] = [];
    let header: HeaderResult | undefined;
    let sawText = false;
    let lastLine = 0;

    // Column indexes, set once the header is known.
    let idIdx = -1, nameIdx = -1, deptIdx = -1, memberIdx = -1, statusIdx = -1, deductedIdx = -1, width = 0;
    let headerId = "";
    const baseNames = Object.keys(source.bases);
    let baseCols: number[][] = [];
    let baseHeads: string[][] = [];
    let amountCols: number[] = [];
    const firstLineOf = new IdLines();
    // Per amount column: the sum over the good rows, to check a 合计 row against.
    let columnSums: number[] = [];
    let rowValues: number[] = [];
    // Per column: declared a negative adjustment (1), and the line last warned about.
    let negativeAllowed = new Uint8Array(0);
    let negativeWarnedAt = new Int32Array(0);

    /** A 合计 row that disagrees with the rows above it means rows are missing or extra. */
    const checkTotals = (cells: string[], line: number, span: number) => {
      const off: string[] = [];
      const offZh: string[] = [];
      let field: number | undefined;
      for (const ci of amountCols) {
        const raw = cells[ci] ?? "";
        if (raw.trim() === "") continue;
        const v = readAmount(raw, digits, mark);
        if (typeof v === "string" || v === columnSums[ci]) continue;
        const name = header!.row!.cells[ci]!.trim();
        off.push(`${name} ${formatMinor(v, digits)} (rows: ${formatMinor(columnSums[ci]!, digits)})`);
        offZh.push(`${name} ${formatMinor(v, digits)}（各行合计 ${formatMinor(columnSums[ci]!, digits)}）`);
        field ??= ci;
      }
      if (off.length === 0) return;
      report({
        code: "PAYROLL_TOTAL_ROW_MISMATCH",
        severity: "warning",
        message: text(`the file's total row disagrees with its rows: ${off.join("; ")}`, `文件中的合计行与各行之和不符：${offZh.join("；")}`),
        hint: text(
          "Rows may be missing or extra (a filtered or cut export?). The import uses the rows; compare with the payroll office before posting.",
          "可能缺行或多行（导出时筛选或截断？）。导入以各行为准；入账前请与工资发放部门核对。",
        ),
        line,
        field,
        span,
      });
    };

    const useHeader = (h: HeaderResult) => {
      header = h;
      const col = (k: string) => h.columns.get(k) ?? -1;
      idIdx = col("employee_id"); nameIdx = col("name"); deptIdx = col("department");
      memberIdx = col("member"); statusIdx = col("status"); deductedIdx = col("deducted");
      width = h.width;
      headerId = h.row!.cells[idIdx]!;
      baseCols = baseNames.map((b) => source.bases[b]!.map((c) => col(`base:${c}`)));
      baseHeads = baseNames.map((b) => source.bases[b]!.map((c) => c));
      amountCols = [...new Set([...baseCols.flat(), ...(deductedIdx >= 0 ? [deductedIdx] : [])])];
      columnSums = new Array<number>(h.row!.cells.length).fill(0);
      rowValues = new Array<number>(h.row!.cells.length).fill(0);
      negativeAllowed = new Uint8Array(h.row!.cells.length);
      negativeWarnedAt = new Int32Array(h.row!.cells.length);
      for (const c of source.allowNegative ?? []) { const i = col(`base:${c}`); if (i >= 0) negativeAllowed[i] = 1; }
      info.headerLine = h.row!.line;
      for (const [k, i] of h.columns) info.columns[k] = h.row!.cells[i]!.trim();
      // A deducted column the configuration names but the file lacks is said, not passed
      // over: without it the check-off is not compared this month. (Member, status and
      // department are often named in dues.yaml and absent from a month's file on purpose:
      // a roster or the default status covers them, so they stay quiet.)
      for (const key of ["deducted"]) {
        const configured = source.columns[key] ?? [];
        if (configured.length === 0 || h.columns.has(key)) continue;
        report({
          code: "PAYROLL_CONFIGURED_COLUMN_MISSING",
          severity: "warning",
          message: text(
            `dues.yaml names a ${key} column (${configured.join("/")}), but this file has none; it is read without it`,
            `dues.yaml 指定了 ${key} 列（${configured.join("/")}），但本文件没有该列；将不使用该列读取`,
          ),
          hint: text("If the payroll system renamed the column, add the new name under sources.<name>.columns.", "如果工资系统改了列名，请把新列名加到 sources.<名称>.columns 中。"),
          line: h.row!.line,
        });
      }
      for (const a of h.ambiguous) {
        report({
          code: "PAYROLL_AMBIGUOUS_COLUMN",
          message: text(
            `"${a.name}" heads ${a.indexes.length} columns (${a.indexes.map((i) => i + 1).join(", ")}); the reader will not guess which holds ${a.key.replace(/^base:/, "")}`,
            `有 ${a.indexes.length} 列的表头都是“${a.name}”（第 ${a.indexes.map((i) => i + 1).join("、")} 列），无法判断哪一列是 ${a.key.replace(/^base:/, "")}`,
          ),
          hint: text("Rename or delete the extra column.", "请重命名或删除多余的列。"),
          line: h.row!.line,
          field: a.indexes[1],
        });
      }
    };

    const reportMissing = (h: HeaderResult) => {
      const found = h.row ? h.row.cells.map((c) => c.trim()).filter((c) => c !== "") : [];
      const names = h.missing.map((s) => (s.key.startsWith("base:") ? s.key.slice(5) : `${s.key} (${s.names.slice(0, 3).join("/")})`));
      report({
        code: "PAYROLL_MISSING_COLUMN",
        message: text(
          `required column(s) not found: ${names.join(", ")}; the headers found were: ${found.join(", ") || "(none)"}`,
          `找不到必需的列：${names.join("、")}；找到的表头是：${found.join("、") || "（无）"}`,
        ),
        hint: text(
          "Add the header names used by this payroll system under sources.<name>.columns (or bases) in dues.yaml.",
          "请在 dues.yaml 的 sources.<名称>.columns（或 bases）中加入该工资系统使用的表头名称。",
        ),
        line: h.row?.line,
      });
    };

    for await (const tableBatch of t.batches()) {
      const out: PayrollRow[] = [];
      for (const row of tableBatch) {
        lastLine = row.line + row.span;
        const cells = row.cells;
        if (header === undefined) {
          if (isBlank(cells)) continue;
          sawText = true;
          before.push(row);
          const h = findHeader([row], specs);
          if (h.found) {
            useHeader(h);
            before.length = 0;
          } else if (before.length >= HEADER_SEARCH_ROWS) {
            reportMissing(findHeader(before, specs));
            return; // without a header no row can be read; one problem says why
          }
          continue;
        }

        if (isBlank(cells)) continue;
        const line = row.line;
        const span = row.span;
        // A sheet stores no empty trailing cells: there, a short row is just empty at the end.
        if (isXlsx) while (cells.length < width) cells.push("");
        const rawId = idIdx < cells.length ? cells[idIdx]! : "";
        const rawName = nameIdx < cells.length ? cells[nameIdx]! : "";

        // A paginated export repeats its header on every page: the same names are no employee.
        if (rawId === headerId && isHeaderRow(row, specs)) {
          report({
            code: "PAYROLL_HEADER_REPEATED_SKIPPED",
            severity: "warning",
            message: text(`the header row is repeated here (first at line ${info.headerLine}); skipped`, `此处重复出现表头（首次在第 ${info.headerLine} 行）；已跳过`),
            line,
            span,
            source: t.info.kind === "csv" ? rowText(cells, t.info.delimiter) : undefined,
          });
          continue;
        }

        // Total rows: 合计 in the first non-empty cell, the id or the name.
        let first = "";
        for (let i = 0; i < cells.length; i++) if (cells[i]!.length !== 0 && (first = cells[i]!.trim()) !== "") break;
        if (isTotalWord(first) || isTotalWord(rawId.trim()) || isTotalWord(rawName.trim())) {
          info.totalRowsSkipped++;
          if (isGrandTotal(first) && t.sink.errorCount === 0) checkTotals(cells, line, span);
          report({
            code: "PAYROLL_TOTAL_ROW_SKIPPED",
            severity: "warning",
            message: text(`total row skipped ("${first}")`, `已跳过合计行（“${first}”）`),
            hint: text("Totals are recomputed from the member rows; nothing to do.", "合计由各行重新计算，无需处理。"),
            line,
            span,
            source: t.info.kind === "csv" ? rowText(cells, t.info.delimiter) : undefined,
          });
          continue;
        }
        info.rowsRead++;

        if (cells.length < width) {
          report({
            code: "PAYROLL_TOO_FEW_FIELDS",
            message: text(`this row has ${cells.length} fields; the header has ${width}`, `本行有 ${cells.length} 个字段，表头有 ${width} 个`),
            hint: text("A line break or a missing delimiter may have cut the row.", "可能有换行或分隔符缺失把这一行截断了。"),
            line,
            field: cells.length,
            span,
          });
          continue;
        }
        if (cells.length > width) {
          let extra = -1;
          for (let i = width; i < cells.length; i++) if (cells[i]!.trim() !== "") { extra = i; break; }
          if (extra !== -1) {
            report({
              code: "PAYROLL_TOO_MANY_FIELDS",
              message: text(`this row has more fields than the header (${width}); the amounts after a stray delimiter would shift`, `本行字段比表头（${width} 个）多；多出的分隔符会让后面的金额错位`),
              hint: text('An amount like 6,789.45 must be quoted ("6,789.45"), or the delimiter is wrong.', '像 6,789.45 这样的金额需要加引号（"6,789.45"），或者分隔符设置不对。'),
              line,
              field: extra,
              span,
            });
            continue;
          }
        }

        let bad = false;
        const id = cleanId(rawId);
        // A note or signature line (制表：张三) has no amounts and lacks an id or a name, even
        // when its text sits in the id column. Skipping it loses no money; saying so is enough.
        if (id === "" || rawName.length === 0 || rawName.trim() === "") {
          let anyAmount = false;
          for (const c of amountCols) if (cells[c]!.trim() !== "") { anyAmount = true; break; }
          if (!anyAmount) {
            report({
              code: "PAYROLL_ROW_WITHOUT_ID_SKIPPED",
              severity: "warning",
              message: text("row without an id or name and without any amount skipped (a note or signature line?)", "已跳过缺少工号或姓名、也没有任何金额的行（备注或签字行？）"),
              line,
              span,
            });
            info.rowsRead--;
            continue;
          }
        }
        if (id === "") {
          bad = true;
          report({
            code: "PAYROLL_MISSING_ID",
            message: text("this row has amounts but no employee id", "本行有金额但没有工号"),
            hint: text("Every amount must belong to a person: fill in the id or remove the row.", "每笔金额都要对应到人：请补上工号或删除该行。"),
            line,
            field: idIdx,
            span,
          });
        } else {
          const firstLine = firstLineOf.firstOrAdd(id, line);
          if (firstLine !== undefined) {
            bad = true;
            report({
              code: "PAYROLL_DUPLICATE_ID",
              message: text(`employee id ${id} appears again; first at line ${firstLine}`, `工号 ${id} 重复出现；第一次在第 ${firstLine} 行`),
              hint: text("One row per employee: merge the rows or correct the id.", "每名职工一行：请合并这些行或更正工号。"),
              line,
              field: idIdx,
              span,
            });
          }
        }

        const bases: Record<string, Minor> = {};
        for (let b = 0; b < baseCols.length; b++) {
          const cols = baseCols[b]!;
          let sum = 0;
          let ok = true;
          for (let k = 0; k < cols.length; k++) {
            const ci = cols[k]!;
            const v = readAmount(cells[ci]!, digits, mark);
            if (typeof v === "string") {
              ok = false;
              bad = true;
              report(amountProblem(v, cells[ci]!, baseHeads[b]![k]!, line, ci, span, digits));
            } else {
              sum += v;
              rowValues[ci] = v;
            }
          }
          if (ok && sum >= 0 && cols.length > 1) {
            // A component below zero in a base that is not: the sum is read, but said, unless
            // the source declares the column a negative adjustment (allow_negative: [扣款]).
            for (let k = 0; k < cols.length; k++) {
              const ci = cols[k]!;
              if (rowValues[ci]! >= 0 || negativeAllowed[ci] === 1 || negativeWarnedAt[ci] === line) continue;
              negativeWarnedAt[ci] = line;
              const head = baseHeads[b]![k]!;
              const shown = formatMinor(rowValues[ci]!, digits);
              report({
                code: "PAYROLL_NEGATIVE_COMPONENT",
                severity: "warning",
                message: text(
                  `${head} is ${shown} in the ${baseNames[b]} base (${baseHeads[b]!.join(" + ")} = ${formatMinor(sum, digits)}); the sum is used`,
                  `${baseNames[b]} 基数（${baseHeads[b]!.join(" + ")} = ${formatMinor(sum, digits)}）中 ${head} 为 ${shown}；按合计计算`,
                ),
                hint: text(
                  `A wage column below zero is usually a deduction keyed into the wrong column. If ${head} is a negative adjustment on purpose, list it under sources.<name>.allow_negative in dues.yaml.`,
                  `工资列出现负数，通常是扣款填错了列。如果 ${head} 本来就是负数调整项，请在 dues.yaml 的 sources.<名称>.allow_negative 中列出它。`,
                ),
                line,
                field: ci,
                span,
              });
            }
          }
          if (ok && sum < 0) {
            bad = true;
            report({
              code: "PAYROLL_NEGATIVE_BASE",
              message: text(`the ${baseNames[b]} base (${baseHeads[b]!.join(" + ")}) is negative`, `${baseNames[b]} 基数（${baseHeads[b]!.join(" + ")}）为负数`),
              hint: text("A wage base cannot be below zero: check the deductions in these columns.", "工资基数不能小于零：请检查这些列中的扣款。"),
              line,
              field: cols[0],
              span,
            });
          }
          bases[baseNames[b]!] = sum;
        }

        let deducted: Minor | null = null;
        if (deductedIdx >= 0) {
          const v = readAmount(cells[deductedIdx]!, digits, mark);
          if (typeof v === "string") {
            bad = true;
            report(amountProblem(v, cells[deductedIdx]!, info.columns.deducted ?? "deducted", line, deductedIdx, span, digits));
          } else {
            deducted = v;
            rowValues[deductedIdx] = v;
          }
        }

        let member: boolean | null = null;
        if (memberIdx >= 0) {
          const m = memberOf(cells[memberIdx]!);
          if (m === undefined) {
            bad = true;
            report({
              code: "PAYROLL_MEMBER_UNREADABLE",
              message: text(`"${cells[memberIdx]!.trim()}" is not a yes/no membership value`, `“${cells[memberIdx]!.trim()}”不是“是/否”会员标记`),
              hint: text("Use 是/否, Y/N, yes/no, 1/0 or true/false.", "请使用 是/否、Y/N、yes/no、1/0 或 true/false。"),
              line,
              field: memberIdx,
              span,
            });
          } else member = m;
        }

        if (bad) continue;
        for (let k = 0; k < amountCols.length; k++) columnSums[amountCols[k]!] += rowValues[amountCols[k]!]!;
        let status: string | null = null;
        if (statusIdx >= 0) {
          const s = cells[statusIdx]!.trim();
          status = s === "" ? null : s;
        }
        let department: string | null = null;
        if (deptIdx >= 0) {
          const d = cells[deptIdx]!.trim();
          department = d === "" ? null : d;
        }
        info.employees++;
        out.push({ line, employeeId: id, name: rawName.trim(), department, member, status, bases, deducted });
      }
      if (out.length > 0) yield out;
    }

    if (header === undefined) {
      if (before.length > 0) reportMissing(findHeader(before, specs));
      else if (!sawText && t.sink.errorCount === 0) {
        report({
          code: "PAYROLL_EMPTY_FILE",
          message: text("the file holds no rows (only blank lines)", "文件中没有任何数据行（只有空行）"),
          line: lastLine || 1,
        });
      }
    } else if (info.rowsRead === 0 && t.sink.errorCount === 0) {
      report({
        code: "PAYROLL_NO_DATA_ROWS",
        message: text("the header was found but no employee rows follow it", "找到了表头，但下面没有职工数据行"),
        hint: text("Is this the right file, or the right sheet?", "请确认文件或工作表是否正确。"),
        line: info.headerLine ?? undefined,
      });
    }
  }

  const start = () => {
    if (started) throw new Error("bug: a payroll's rows can be read only once");
    started = true;
    return batches();
  };
  return {
    batches: start,
    rows() {
      const all = start();
      return (async function* () {
        for await (const batch of all) yield* batch;
      })();
    },
    async finish() {
      if (!table) {
        // The rows were never read: read them now so the caller still gets every problem.
        started = true;
        for await (const _ of batches()) void _;
      }
      const { info: tinfo, problems } = await table!.finish();
      Object.assign(info, tinfo, {
        headerLine: info.headerLine, rowsRead: info.rowsRead, employees: info.employees,
        totalRowsSkipped: info.totalRowsSkipped, columns: info.columns,
      });
      return { problems, info };
    },
  };
}

/** A row written back as CSV text (for showing a skipped row without re-reading the file). */
function rowText(cells: readonly string[], d: string): string {
  return cells.map((c) => (c.includes(d) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(d);
}

function amountProblem(reason: string, raw: string, column: string, line: number, field: number, span: number, digits: number) {
  const shown = raw.trim();
  return {
    code: "PAYROLL_AMOUNT_UNREADABLE",
    message:
      reason === "too-precise"
        ? text(`${column}: "${shown}" has more than ${digits} decimals`, `${column}：“${shown}”的小数超过 ${digits} 位`)
        : reason === "too-large"
          ? text(`${column}: "${shown}" is too large to be an amount`, `${column}：“${shown}”太大，不是有效金额`)
          : text(`${column}: "${shown}" is not an amount`, `${column}：“${shown}”不是金额`),
    hint: text("Write amounts like 6789.45, 6,789.45 or ¥6,789.45; leave the cell empty for zero.", "金额写成 6789.45、6,789.45 或 ¥6,789.45；为零可留空。"),
    line,
    field,
    span,
  };
}

/** Exposed for tests and other readers: the normalized form header names are compared in. */
export { normalizeHeader };
