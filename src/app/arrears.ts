// `dues arrears`: members short on dues for three or more months in a row (from the
// payroll member lines: assessed against deducted), six or more flagged as lapse risk,
// and the employer's past-due months from the employer reconciliation. What members paid
// directly against their arrears settles their short months, oldest first.
import { ArrearsCounter, type MemberArrears } from "../domain/arrears.js";
import { accountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { isDate, periodRange, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { partiesBehind, reconcile, type PartyBehind } from "../domain/reconcile.js";
import { text } from "../domain/text.js";
import type { Ledger } from "../ledger/ledger.js";
import { OpeningStore } from "../ledger/opening-store.js";
import { readFlows } from "./reconcile.js";
import { bankStoreOf, EMPLOYER, UPSTREAM } from "./receive.js";

export interface ArrearsResult {
  readonly asOf: IsoDate;
  /** The latest imported payroll month, or null before the first import. */
  readonly through: Period | null;
  readonly members: readonly MemberArrears[];
  readonly employers: readonly PartyBehind[];
}

export function findArrears(ws: { config: Config; ledger: Ledger }, o: { today: IsoDate; asOf?: string }): ArrearsResult {
  if (o.asOf !== undefined && !isDate(o.asOf)) {
    throw new Refusal("usage", [problem("ARREARS_DATE_INVALID", text(`--as-of "${o.asOf}" is not a date (YYYY-MM-DD)`, `--as-of“${o.asOf}”不是日期（YYYY-MM-DD）`), { file: "--as-of", hint: text("e.g. --as-of 2026-11-15", "例如 --as-of 2026-11-15") })]);
  }
  const asOf = o.asOf ?? o.today;
  const members = memberArrearsOf(ws.ledger, ws.config);
  const flows = readFlows(ws.ledger, ws.config, "employer");
  const r = reconcile(flows.accruals, flows.payments, { asOf, dueDay: ws.config.dueDay, lateFee: ws.config.lateFee, order: [EMPLOYER, UPSTREAM] });
  return { asOf, through: members.through, members: members.members, employers: partiesBehind(r) };
}

/**
 * Members behind on dues, by the one rule (ArrearsCounter): short months from the payroll
 * member lines, every imported month declared so a paid month (or no line) ends a run, and
 * what members paid directly (`dues receive --from member`) settling their short months.
 * `through`: only months up to it (the audit workbook's --to); default every imported month.
 * Used by `dues arrears` and by the audit workbook's lapse-risk list, so they never disagree.
 */
export function memberArrearsOf(ledger: Ledger, config: Config, o: { through?: Period; minMonths?: number } = {}): { through: Period | null; members: MemberArrears[] } {
  const bank = bankStoreOf(ledger);
  // Arrears a member paid directly (`dues receive --from member`) settle short months,
  // oldest first (docs/reconciliation.md).
  const counter = new ArrearsCounter(bank.memberPayments(accountFor(config.union.chart, "member-arrears")));
  // The opening balances' member arrears (one line per member and month owed) count as
  // short months of the old books: every month from the first of them to the takeover is
  // declared, so a month without a line ends a run as a paid month would have.
  const opening = new OpeningStore(ledger.db);
  const start = opening.opening();
  const owed = start ? opening.memberLines(accountFor(config.union.chart, "member-arrears")).filter((l) => l.amount > 0) : [];
  const oldMonths = owed.length ? periodRange(owed[0]!.period, start!.period) : [];
  const periods = [...new Set([...oldMonths, ...bank.memberPeriods()])].sort().filter((p) => o.through === undefined || p <= o.through);
  // Names of the few members the opening names (not the whole register: it can hold a million).
  const names = new Map([...new Set(owed.map((l) => l.member))].map((id) => [id, bank.member(id)?.name ?? ""]));
  const shortfalls = (function* () {
    // Both in period order: the old books' months come before (or with) the imported ones.
    const payroll = bank.memberShortfalls();
    let next = payroll.next();
    for (const l of owed) {
      while (!next.done && next.value.period < l.period) { yield next.value; next = payroll.next(); }
      yield { period: l.period, member: l.member, name: names.get(l.member) ?? "", assessed: l.amount, deducted: 0, noWage: false };
    }
    while (!next.done) { yield next.value; next = payroll.next(); }
  })();
  let i = 0;
  // Only short months are read; every imported month is declared so that a month in
  // which a member was not short (or not on the payroll) ends the run.
  for (const l of shortfalls) {
    if (o.through !== undefined && l.period > o.through) break;
    while (i < periods.length && periods[i]! <= l.period) counter.period(periods[i++]!);
    counter.add({ member: l.member, name: l.name, period: l.period, assessed: l.assessed, deducted: l.deducted, noWage: l.noWage });
  }
  while (i < periods.length) counter.period(periods[i++]!);
  return { through: counter.latest ?? null, members: counter.result(o.minMonths) };
}
