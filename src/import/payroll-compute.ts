// Each payroll row's dues and member line, computed where the row is read (on the reader
// thread for large files), so that the importing thread only compares, binds and inserts.
// A chunk of computed lines is columns (strings in arrays, numbers in typed arrays whose
// buffers are transferred) plus the lines' canonical text for the hash chain as UTF-8
// bytes, built by the one definition the ledger verifies with (domain/member-line.ts).
// Totals and the row warnings are summed here and handed over once at the end.
import { memberDues } from "../domain/dues.js";
import { EXEMPT_REASONS, memberLineCanonical, type MemberLineColumns } from "../domain/member-line.js";
import type { Minor } from "../domain/money.js";
import { warning, type Problem } from "../domain/problem.js";
import type { DuesRule } from "../domain/scheme.js";
import { text } from "../domain/text.js";
import type { PayrollRow } from "./payroll-reader.js";

export interface ComputeSpec {
  readonly rule: DuesRule;
  /** The funds base's name, or null when the scheme has no funds stream. */
  readonly fundsBase: string | null;
  readonly membership: "column" | "all" | "roster";
  /** membership: roster: the roster's members in the period, each with the roster's status. */
  readonly roster: ReadonlyMap<string, string> | null;
  readonly period: string;
  /** The rate as the member lines record it (a member's; a non-member's is ""). */
  readonly rateText: string;
  /** The file as problems name it. */
  readonly file: string;
  /** Row warnings kept in full (the rest counted); lines of unknown membership kept. */
  readonly warningsKept: number;
  readonly unknownKept: number;
}

/** A chunk of computed lines: member-line columns with their canonical bytes. */
export type ComputedChunk = MemberLineColumns;

/** The buffers a chunk can hand to another thread without copying. */
export function chunkTransfers(c: ComputedChunk): ArrayBuffer[] {
  return [c.line, c.isMember, c.exempt, c.reason, c.duesBase, c.truncatedBase, c.dues, c.deducted, c.difference, c.fundsBase, c.canonical]
    .map((a) => a.buffer as ArrayBuffer);
}

export interface ComputedTotals {
  employees: number;
  members: number;
  exempt: number;
  paying: number;
  mismatches: number;
  fundsBase: Minor;
  duesBase: Minor;
  dues: Minor;
  deducted: Minor;
  arrears: Minor;
  credits: Minor;
  deductedMapped: boolean;
  /** Members by status as booked, in order of first appearance. */
  statusCounts: [string, number][];
  /** IMPORT_ZERO_WAGE: the first warningsKept in full, and how many in all. */
  zeroWage: Problem[];
  zeroWageCount: number;
  /** membership: column, rows whose member cell was empty: how many, and the first lines. */
  unknownMembership: number;
  unknownLines: number[];
}

type Columns = { -readonly [K in keyof ComputedChunk]: ComputedChunk[K] extends readonly string[] ? string[] : ComputedChunk[K] };

export class PayrollComputer {
  private readonly t: ComputedTotals = {
    employees: 0, members: 0, exempt: 0, paying: 0, mismatches: 0, fundsBase: 0, duesBase: 0, dues: 0, deducted: 0,
    arrears: 0, credits: 0, deductedMapped: false, statusCounts: [], zeroWage: [], zeroWageCount: 0, unknownMembership: 0, unknownLines: [],
  };
  private readonly statusCounts = new Map<string, number>();
  private readonly encoder = new TextEncoder();
  /** The chunk being filled (capacity rows), its canonical bytes so far. */
  private c: Columns | null = null;
  private n = 0;
  private bytes = new Uint8Array(0);
  private at = 0;
  /** capacity: rows a chunk holds (add() until full(), then take()). */
  constructor(private readonly spec: ComputeSpec, private readonly capacity = 4096) {}

  /** All of rows as one chunk. */
  chunk(rows: readonly PayrollRow[]): ComputedChunk {
    this.open(rows.length);
    for (const r of rows) this.add(r);
    return this.take()!;
  }

  full(): boolean {
    return this.n >= (this.c?.line.length ?? this.capacity);
  }

  private open(cap: number): Columns {
    const s = this.spec;
    this.n = 0;
    this.at = 0;
    this.bytes = new Uint8Array(Math.max(1024, cap * 192));
    return this.c = {
      n: 0, period: s.period, rateText: s.rateText, line: new Int32Array(cap), memberId: [], name: [], department: [], status: [],
      isMember: new Uint8Array(cap), exempt: new Uint8Array(cap), reason: new Uint8Array(cap),
      duesBase: new Float64Array(cap), truncatedBase: new Float64Array(cap), dues: new Float64Array(cap), deducted: new Float64Array(cap),
      difference: new Float64Array(cap), fundsBase: new Float64Array(cap), canonical: new Uint8Array(0),
    };
  }

  /** The rows added since the last take(), as a chunk (null when none). */
  take(): ComputedChunk | null {
    const c = this.c;
    const n = this.n;
    this.c = null;
    if (!c || n === 0) return null;
    c.n = n;
    c.canonical = this.bytes.subarray(0, this.at);
    if (n < c.line.length) {
      for (const k of ["line", "isMember", "exempt", "reason", "duesBase", "truncatedBase", "dues", "deducted", "difference", "fundsBase"] as const) {
        (c as Record<typeof k, Int32Array | Uint8Array | Float64Array>)[k] = c[k].slice(0, n);
      }
      c.canonical = c.canonical.slice();
    }
    return c;
  }

  /**
   * Computes one row into the chunk being filled. The row object dies young: only its
   * strings and numbers stay, in the chunk's columns, and its canonical text is encoded
   * into the chunk's bytes at once.
   */
  add(row: PayrollRow): void {
    const c = this.c ?? this.open(this.capacity);
    const i = this.n++;
    const s = this.spec;
    const t = this.t;
    const rule = s.rule;
    const fundsBaseName = s.fundsBase;
    t.employees++;
    const dBase = row.bases[rule.base] ?? 0;
    const fBase = fundsBaseName ? row.bases[fundsBaseName] ?? 0 : 0;
    let isMember: boolean;
    let rowStatus = row.status;
    if (s.membership === "all") isMember = true;
    else if (s.roster) {
      const rosterStatus = s.roster.get(row.employeeId);
      isMember = rosterStatus !== undefined;
      // The payroll's status column wins; without one, the roster says.
      if (isMember && (row.status === null || row.status.trim() === "")) rowStatus = rosterStatus!;
    } else if (row.member === null) {
      // Unknown membership is never guessed: dues charged to a non-member are a wrong.
      t.unknownMembership++;
      if (t.unknownLines.length < s.unknownKept) t.unknownLines.push(row.line);
      isMember = false;
    } else isMember = row.member;
    const md = memberDues({ base: dBase, status: rowStatus, member: isMember }, rule);
    const status = rowStatus === null || rowStatus.trim() === "" ? "active" : rowStatus.trim();

    t.fundsBase += fBase;
    if (isMember) {
      t.members++;
      this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
      if (md.exempt) t.exempt++;
      else t.duesBase += dBase;
      if (md.dues > 0) t.paying++;
    }
    t.dues += md.dues;
    let difference = 0;
    if (row.deducted !== null) {
      t.deductedMapped = true;
      t.deducted += row.deducted;
      difference = row.deducted - md.dues;
      if (difference !== 0) {
        t.mismatches++;
        // Short deductions are the member's arrears; excess is owed back to the member.
        if (difference < 0) t.arrears -= difference;
        else t.credits += difference;
      }
    }

    // Warnings a treasurer wants before the audit committee finds them.
    if ((fundsBaseName !== null && fBase === 0) || (isMember && !md.exempt && dBase === 0)) {
      if (++t.zeroWageCount <= s.warningsKept) {
        t.zeroWage.push(warning("IMPORT_ZERO_WAGE", text(`${row.employeeId} ${row.name}: zero wage this period`, `${row.employeeId} ${row.name}：本期工资为零`), { file: s.file, line: row.line }));
      }
    }
    const department = row.department ?? "";
    c.line[i] = row.line;
    c.memberId.push(row.employeeId);
    c.name.push(row.name);
    c.department.push(department);
    c.status.push(status);
    c.isMember[i] = isMember ? 1 : 0;
    c.exempt[i] = md.exempt ? 1 : 0;
    c.reason[i] = EXEMPT_REASONS.indexOf(md.reason);
    c.duesBase[i] = dBase;
    c.truncatedBase[i] = md.truncatedBase;
    c.dues[i] = md.dues;
    c.deducted[i] = row.deducted === null ? NaN : row.deducted;
    c.difference[i] = difference;
    c.fundsBase[i] = fBase;
    this.encode(memberLineCanonical([
      s.period, row.employeeId, row.line, row.name, department, status, isMember ? 1 : 0, md.exempt ? 1 : 0,
      md.reason, dBase, md.truncatedBase, isMember ? s.rateText : "", md.dues, row.deducted, difference, fBase,
    ]));
  }

  private encode(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.bytes.length - this.at < line.length * 3) {
      const more = new Uint8Array(Math.max(this.bytes.length * 2, this.at + line.length * 3));
      more.set(this.bytes.subarray(0, this.at));
      this.bytes = more;
    }
    this.at += this.encoder.encodeInto(line, this.bytes.subarray(this.at)).written;
  }

  /** After the last chunk: the sums and the row warnings (plain data: it crosses threads). */
  totals(): ComputedTotals {
    return { ...this.t, statusCounts: [...this.statusCounts] };
  }
}
