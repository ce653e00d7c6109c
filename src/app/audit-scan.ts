// One pass over the member lines (the per-member subledger) for the audit workbook:
// totals per period, exemptions and the member-level exceptions. Lapse risk is not
// counted here: it is `dues arrears`' rule (memberArrearsOf in arrears.ts, ArrearsCounter),
// which also applies what members paid directly; the scan only names their departments. Keeps a
// compact record per member (typed arrays indexed by a per-id Map, one name string,
// departments interned), never the lines themselves, and yields the exceptions as it
// finds them, so memory follows the number of members, not members × months.
import { formatMinor, type Minor } from "../domain/money.js";
import { addMonths, type Period } from "../domain/period.js";
import { text } from "../domain/text.js";
import type { ExceptionRow, ExemptSummary } from "../report/audit-workbook.js";

/** A member line as the scan needs it (a subset of the ledger's MemberLineRow). */
export interface ScanLine {
  readonly period: Period;
  readonly batchId: number;
  readonly memberId: string;
  readonly sourceLine: number;
  readonly name: string;
  readonly department: string;
  readonly status: string;
  readonly isMember: boolean;
  readonly exempt: boolean;
  readonly exemptReason: string | null;
  readonly duesBase: Minor;
  readonly dues: Minor;
  readonly deducted: Minor | null;
  readonly difference: Minor;
  readonly fundsBase: Minor;
}

export interface PeriodTotals {
  employees: number;
  members: number;
  fundsBase: Minor;
  dues: Minor;
  deducted: Minor;
  difference: Minor;
}

export interface ScanSummary {
  readonly periods: Map<Period, PeriodTotals>;
  readonly exempt: ExemptSummary[];
  /** Every member seen, with the name and department of their latest line (read from
   *  compact per-member arrays; drop it once used so they can be collected). */
  readonly people: { get(member: string): { readonly name: string; readonly department: string } | undefined };
  readonly members: number;
  readonly exemptMembers: number;
  /** Exceptions found, by code. */
  readonly counts: Map<string, number>;
}

export interface ScanResult extends ScanSummary {
  readonly exceptions: ExceptionRow[];
}

export interface ScanOptions {
  readonly from: Period;
  readonly to: Period;
  readonly digits: number;
  readonly fileOf: (batch: number) => string | null;
}

/** The whole scan with the exceptions collected (small ranges and tests). */
export function scanMemberLines(lines: Iterable<ScanLine>, o: ScanOptions): ScanResult {
  const gen = scanExceptions(lines, o);
  const exceptions: ExceptionRow[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { ...r.value, exceptions };
    exceptions.push(r.value);
  }
}

/** Over 20% up or down from the member's previous period counts as a jump worth a look. */
const CHANGE_LIMIT = { num: 1, den: 5 };

/**
 * Yields each member-level exception as the lines go by and returns the summary at the
 * end. Run it once for the summary (discarding the exceptions) and again, lazily, while
 * the exceptions sheet is written: the same lines give the same exceptions.
 */
export function* scanExceptions(lines: Iterable<ScanLine>, o: ScanOptions): Generator<ExceptionRow, ScanSummary> {
  const periods = new Map<Period, PeriodTotals>();
  const counts = new Map<string, number>();
  // Per employee, compact: an index per id, then typed arrays and one name string each
  // (departments interned), instead of a Map of objects. Periods as month ordinals.
  const index = new Map<string, number>();
  const ids: string[] = [];
  let cap = 1024;
  /** The run of lines (one per period, counted by `run`) the employee was last seen in, with that first line: duplicates in a period. */
  let seenPeriod = new Int32Array(cap).fill(-1);
  let seenBatch = new Int32Array(cap);
  let seenLine = new Int32Array(cap);
  /** A member's latest counted line: period ordinal (-1: none yet), dues, batch, source line. */
  let lastPeriod = new Int32Array(cap).fill(-1);
  let lastDues = new Float64Array(cap);
  let lastBatch = new Int32Array(cap);
  let lastLine = new Int32Array(cap);
  let inRangeOf = new Uint8Array(cap);
  let deptOf = new Int32Array(cap);
  const names: string[] = [];
  const departments: string[] = [];
  const departmentIndex = new Map<string, number>();
  /** Members in the order they were first counted (the order of the missing-member rows). */
  let order = new Int32Array(cap);
  let orderLength = 0;
  const grow = () => {
    const n = cap * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, fill?: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    seenPeriod = g(seenPeriod, -1); seenBatch = g(seenBatch); seenLine = g(seenLine);
    lastPeriod = g(lastPeriod, -1); lastDues = g(lastDues); lastBatch = g(lastBatch); lastLine = g(lastLine);
    inRangeOf = g(inRangeOf); deptOf = g(deptOf); order = g(order);
    cap = n;
  };
  const ordinal = (p: Period) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const exempt = new Map<string, ExemptSummary>();
  let current: Period | null = null;
  let currentOrd = -1;
  let run = -1;
  let previous: Period | null = null;
  const money = (m: Minor) => formatMinor(m, o.digits, { grouping: true });
  const inRange = (p: Period) => p >= o.from && p <= o.to;

  const ex = (code: string, what: ReturnType<typeof text>, l: ScanLine | null, extra: Partial<ExceptionRow> = {}): ExceptionRow => {
    counts.set(code, (counts.get(code) ?? 0) + 1);
    return {
      code, what,
      period: l?.period ?? null, member: l?.memberId ?? null, name: l?.name ?? null,
      batch: l?.batchId ?? null, file: l ? o.fileOf(l.batchId) : null, line: l?.sourceLine ?? null,
      entry: null, amount: null, ...extra,
    };
  };

  /** When a period is complete: members seen in the month before and not in it are missing. */
  function* finishPeriod(p: Period): Generator<ExceptionRow> {
    if (!inRange(p) || previous === null || addMonths(p, -1) !== previous) return;
    const prev = ordinal(previous);
    for (let k = 0; k < orderLength; k++) {
      const i = order[k]!;
      if (lastPeriod[i] === prev) {
        const e = ex("AUDIT_MEMBER_MISSING", text(`On the ${previous} payroll but not on ${p}'s: left, transferred, or left out of the file?`, `${previous} 工资表中有、${p} 工资表中没有：离职、调动，还是漏报？`), null);
        yield { ...e, period: p, member: ids[i]!, name: names[i]!, batch: lastBatch[i]!, file: o.fileOf(lastBatch[i]!), line: lastLine[i]! };
      }
    }
  }

  for (const l of lines) {
    if (l.period !== current) {
      if (current !== null) { yield* finishPeriod(current); previous = current; }
      current = l.period;
      currentOrd = ordinal(current);
      run++;
    }
    const report = inRange(l.period);
    let t = periods.get(l.period);
    if (!t && report) periods.set(l.period, (t = { employees: 0, members: 0, fundsBase: 0, dues: 0, deducted: 0, difference: 0 }));
    if (t) {
      t.employees++;
      if (l.isMember) t.members++;
      t.fundsBase += l.fundsBase;
      t.dues += l.dues;
      t.deducted += l.deducted ?? 0;
      t.difference += l.difference;
    }
    // Duplicates among all employees, members or not: a second line counts the wages
    // into the funds base twice, and a member's dues twice.
    let i = index.get(l.memberId);
    if (i === undefined) {
      i = ids.length;
      if (i === cap) grow();
      ids.push(l.memberId);
      index.set(l.memberId, i);
    }
    if (seenPeriod[i] === run) {
      const first = { batch: seenBatch[i]!, line: seenLine[i]! };
      if (report) {
        yield l.isMember
          ? ex("AUDIT_DUPLICATE_MEMBER", text(`Member appears twice in ${l.period} (also batch ${first.batch}, line ${first.line}): dues may be counted twice`, `${l.period} 同一会员出现两次（另见批次 ${first.batch} 第 ${first.line} 行）：会费可能重复计算`), l, { amount: l.dues })
          : ex("AUDIT_DUPLICATE_MEMBER", text(`Employee appears twice in ${l.period} (also batch ${first.batch}, line ${first.line}): the payroll base for funds may be counted twice`, `${l.period} 同一职工出现两次（另见批次 ${first.batch} 第 ${first.line} 行）：拨缴经费基数可能重复计算`), l, { amount: l.fundsBase });
      }
      continue;
    }
    seenPeriod[i] = run; seenBatch[i] = l.batchId; seenLine[i] = l.sourceLine;
    if (!l.isMember) continue;

    const had = lastPeriod[i]! >= 0;
    if (report && !l.exempt && (l.duesBase <= 0 || l.fundsBase <= 0)) {
      yield ex("AUDIT_WAGE_NOT_POSITIVE", text(`Wage base is zero or negative (dues base ${money(l.duesBase)}, payroll ${money(l.fundsBase)})`, `工资基数为零或负数（会费基数 ${money(l.duesBase)}，工资总额 ${money(l.fundsBase)}）`), l, { amount: l.duesBase });
    }
    const was = lastDues[i]!;
    if (report && had && lastPeriod[i] === currentOrd - 1 && was > 0 && !l.exempt) {
      const change = Math.abs(l.dues - was);
      if (change * CHANGE_LIMIT.den > was * CHANGE_LIMIT.num) {
        const lp = addMonths(l.period, -1);
        yield ex("AUDIT_DUES_CHANGED", text(`Dues changed by more than 20% from ${lp}: ${money(was)} → ${money(l.dues)}`, `会费较 ${lp} 变动超过 20%：${money(was)} → ${money(l.dues)}`), l, { amount: l.dues - was });
      }
    }
    if (report && l.deducted !== null && l.deducted !== l.dues) {
      yield ex("AUDIT_CHECKOFF_MISMATCH", text(`Employer deducted ${money(l.deducted)}, dues are ${money(l.dues)}`, `单位代扣 ${money(l.deducted)}，应缴 ${money(l.dues)}`), l, { amount: l.deducted - l.dues });
    }
    if (report && l.exempt) {
      const e = exempt.get(l.memberId);
      exempt.set(l.memberId, e
        ? { ...e, status: l.status, reason: l.exemptReason ?? e.reason, last: l.period, months: e.months + 1 }
        : { memberId: l.memberId, name: l.name, department: l.department, status: l.status, reason: l.exemptReason ?? l.status, first: l.period, last: l.period, months: 1 });
    }
    if (!had) order[orderLength++] = i;
    names[i] = l.name;
    let d = departmentIndex.get(l.department);
    if (d === undefined) { d = departments.length; departments.push(l.department); departmentIndex.set(l.department, d); }
    deptOf[i] = d;
    lastPeriod[i] = currentOrd; lastDues[i] = l.dues; lastBatch[i] = l.batchId; lastLine[i] = l.sourceLine;
    if (report) inRangeOf[i] = 1;
  }
  if (current !== null) yield* finishPeriod(current);

  let members = 0;
  for (let k = 0; k < orderLength; k++) if (inRangeOf[order[k]!]) members++;
  const people = {
    get(member: string) {
      const i = index.get(member);
      return i === undefined || lastPeriod[i]! < 0 ? undefined : { name: names[i]!, department: departments[deptOf[i]!]! };
    },
  };
  return { periods, exempt: [...exempt.values()], people, members, exemptMembers: exempt.size, counts };
}
