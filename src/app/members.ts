// Members: the register the payroll import keeps (id, name, department, status), each
// member's status history and dues by period, read back for `dues members list|show`.
// Read-only here; the import writes the register in its own transaction.
import type { Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { Ledger, MemberRecord, MemberStatusRow } from "../ledger/ledger.js";

export interface MemberSummary extends MemberRecord {
  /** The latest period with a payroll line for the member, and its dues. */
  readonly lastPeriod: Period | null;
  readonly lastDues: Minor | null;
}

export interface MemberPeriod {
  readonly period: Period;
  readonly batch: number;
  readonly sourceLine: number;
  readonly status: string;
  readonly exempt: boolean;
  readonly duesBase: Minor;
  readonly truncatedBase: Minor;
  readonly rate: string;
  readonly dues: Minor;
  readonly deducted: Minor | null;
  /** deducted − dues: negative is arrears, positive is owed back to the member. */
  readonly difference: Minor;
}

export interface MemberDetail {
  readonly member: MemberRecord;
  readonly statuses: MemberStatusRow[];
  readonly periods: MemberPeriod[];
}

/** Every member in the register, by id, with the latest period's dues. */
export function listMembers(ledger: Ledger): MemberSummary[] {
  const last = new Map<string, { period: Period; dues: Minor }>();
  // Lines come in period order, so the last one seen per member is the latest.
  for (const l of ledger.memberLines({})) if (l.isMember) last.set(l.memberId, { period: l.period, dues: l.dues });
  return ledger.members().map((m) => ({ ...m, lastPeriod: last.get(m.id)?.period ?? null, lastDues: last.get(m.id)?.dues ?? null }));
}

/** One member: the register row, status history and dues for every imported period. */
export function showMember(ledger: Ledger, id: string): MemberDetail {
  const member = ledger.members().find((m) => m.id === id);
  if (!member) {
    throw new Refusal("data", [problem("MEMBERS_UNKNOWN", text(`there is no member with id ${id}`, `没有工号为 ${id} 的会员`), {
      hint: text("list the members with `dues members list`", "可用 `dues members list` 查看会员"),
    })]);
  }
  const periods: MemberPeriod[] = [];
  for (const l of ledger.memberLines({ member: id })) {
    periods.push({
      period: l.period, batch: l.batchId, sourceLine: l.sourceLine, status: l.status, exempt: l.exempt, duesBase: l.duesBase,
      truncatedBase: l.truncatedBase, rate: l.rateText, dues: l.dues, deducted: l.deducted, difference: l.difference,
    });
  }
  return { member, statuses: statusHistory(periods, ledger.memberStatuses(id)), periods };
}

/**
 * The status as each payroll showed it: the first period's status, then every change,
 * merged with the recorded status rows (which hold the same changes, and any a payroll
 * alone cannot show), in period order, without repeats.
 */
function statusHistory(periods: readonly MemberPeriod[], recorded: readonly MemberStatusRow[]): MemberStatusRow[] {
  const out: MemberStatusRow[] = [];
  const seen = new Set<string>();
  let last: string | undefined;
  const rows = [...periods.map((p) => ({ member: "", period: p.period, status: p.status, batch: p.batch })), ...recorded]
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (const r of rows) {
    if (r.status === last) continue;
    const key = `${r.period}\u0000${r.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    last = r.status;
    out.push(r);
  }
  return out;
}
