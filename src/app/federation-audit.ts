// The federation's part of `dues export audit`: per affiliate and month what was expected,
// received and is outstanding, days late and late fee (the rows of `dues reconcile
// --affiliates`, tax collections included), and per affiliate the refunds owed and paid
// (212, by the entry's month). Reads only; null for a union that is no federation.
// One pass, one affiliate at a time, as the writer reaches the Affiliates sheet: its rows
// are never held; the refunds (one row per affiliate) and the checklist's counts are
// gathered in the same pass for the sheets that come after it.
import { isFederationChart } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { FederationConfig } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import type { IsoDate, Period } from "../domain/period.js";
import type { Ledger } from "../ledger/ledger.js";
import type { FederationAudit } from "../report/audit-workbook.js";
import type { AffiliateMonthRow, RefundRow } from "../report/federation-sheets.js";
import { affiliatesInRange, type AffiliateMonths } from "./reconcile-affiliates.js";

/** What the checklist says of the affiliates (read after the Affiliates sheet is written). */
export interface FederationSummary {
  /** Affiliates owing something that has fallen due. */
  readonly owing: number;
  /** Affiliate-months paid late or still late. */
  readonly late: number;
  /** Refunds still owed at the range's end. */
  readonly refundsOpen: Minor;
}

export interface FederationAuditSource extends FederationAudit {
  summary(): FederationSummary;
}

interface Pass {
  readonly refunds: RefundRow[];
  owing: number;
  late: number;
  refundsOpen: Minor;
}

export function federationAudit(ws: { config: Config; ledger: Ledger }, o: { from: Period; to: Period; asOf: IsoDate }): FederationAuditSource | null {
  const fed = ws.config.federation;
  if (!fed || !isFederationChart(ws.config.union.chart)) return null;
  // The rows of `dues reconcile --affiliates` for the range, so the sheet and the terminal agree.
  const range = affiliatesInRange(ws, { from: o.from, to: o.to, asOf: o.asOf }, o.asOf);
  let done: Pass | null = null;
  function* pass(): IterableIterator<AffiliateMonthRow> {
    const acc: Pass = { refunds: [], owing: 0, late: 0, refundsOpen: 0 };
    for (const one of range.each()) {
      let owes = false;
      for (const row of monthRows(one, fed!)) {
        if (row.status !== "not-due" && row.expected - row.received > 0) owes = true;
        if (row.lateDays > 0) acc.late++;
        yield row;
      }
      if (owes) acc.owing++;
      const refund = refundRow(one, o);
      if (refund) {
        acc.refunds.push(refund);
        acc.refundsOpen += refund.opening + refund.owed - refund.paid;
      }
    }
    done = acc;
  }
  const finished = (): Pass => {
    if (!done) for (const _ of pass()) { /* counting only */ }
    return done!;
  };
  return {
    affiliates: { [Symbol.iterator]: pass },
    refunds: { [Symbol.iterator]: () => finished().refunds[Symbol.iterator]() },
    summary: () => { const p = finished(); return { owing: p.owing, late: p.late, refundsOpen: p.refundsOpen }; },
    asOf: o.asOf, lateFee: fed.lateFee !== null,
  };
}

/** An affiliate's months as the Affiliates sheet shows them. */
function* monthRows(one: AffiliateMonths, fed: FederationConfig): IterableIterator<AffiliateMonthRow> {
  const collection = one.affiliate?.collection ?? fed.collection;
  for (const row of one.rows) {
    yield {
      affiliate: row.party, name: row.name, period: row.period, collection, dueDate: row.dueDate,
      expected: row.due, received: row.paid, lateDays: row.lateDays, lateFee: row.lateFee,
      status: row.notYetDue && row.status !== "paid" ? "not-due" : row.source === "none" ? "no-advice" : row.status, source: row.source,
    };
  }
}

/** Refunds of one affiliate (212 by the entry's period): before the range, in it, paid in it; null when none. */
function refundRow(one: AffiliateMonths, o: { from: Period; to: Period }): RefundRow | null {
  let opening = 0, owed = 0, paid = 0;
  let lastPaid: string | null = null;
  const refs = new Set<string>();
  for (const f of one.refunds) {
    if (f.period > o.to) continue;
    if (f.period < o.from) opening -= f.amount;
    else if (f.amount < 0) owed -= f.amount;
    else {
      paid += f.amount;
      if (!lastPaid || f.date > lastPaid) lastPaid = f.date;
      if (f.ref) refs.add(f.ref);
    }
  }
  if (opening === 0 && owed === 0 && paid === 0) return null;
  return { affiliate: one.id, name: one.affiliate?.name ?? one.id, opening, owed, paid, lastPaid, refs: [...refs].join(", ") };
}
