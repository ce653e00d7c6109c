// The federation's part of `dues export audit`: per affiliate and month what was expected,
// received and is outstanding, days late and late fee (the rows of `dues reconcile
// --affiliates`, tax collections included), and per affiliate the refunds owed and paid
// (212, by the entry's month). Reads only; null for a union that is no federation.
import { federationAccountFor, isFederationChart } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { IsoDate, Period } from "../domain/period.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import type { FederationAudit } from "../report/audit-workbook.js";
import type { AffiliateMonthRow, RefundRow } from "../report/federation-sheets.js";
import { bankStoreOf } from "./receive.js";
import { reconcileAffiliates } from "./reconcile-affiliates.js";

export function federationAudit(ws: { config: Config; ledger: Ledger }, o: { from: Period; to: Period; asOf: IsoDate }): FederationAudit | null {
  const { config, ledger } = ws;
  const fed = config.federation;
  const chart = config.union.chart;
  if (!fed || !isFederationChart(chart)) return null;
  const register = new AffiliateStore(ledger.db).all();
  const byId = new Map(register.map((a) => [a.id, a]));
  const bank = bankStoreOf(ledger);

  // The rows of `dues reconcile --affiliates` for the range, so the sheet and the terminal agree.
  const rec = reconcileAffiliates(ws, { from: o.from, to: o.to, asOf: o.asOf }, o.asOf);
  const affiliates: AffiliateMonthRow[] = rec.rows.map((row) => {
    const a = byId.get(row.party);
    return {
      affiliate: row.party, name: row.name, period: row.period, collection: a?.collection ?? fed.collection, dueDate: row.dueDate,
      expected: row.due, received: row.paid, lateDays: row.lateDays, lateFee: row.lateFee,
      status: row.notYetDue && row.status !== "paid" ? "not-due" : row.source === "none" ? "no-advice" : row.status,
    };
  });

  // Refunds per affiliate (212 by the entry's period): before the range, in it, paid in it.
  const payable = federationAccountFor(chart, "affiliate-payable")!;
  const refunds = new Map<string, { opening: number; owed: number; paid: number; lastPaid: string | null; refs: Set<string> }>();
  for (const f of bank.flows([payable])) {
    if (f.period > o.to) continue;
    const party = f.body ?? "";
    const x = refunds.get(party) ?? refunds.set(party, { opening: 0, owed: 0, paid: 0, lastPaid: null, refs: new Set() }).get(party)!;
    if (f.period < o.from) x.opening -= f.amount;
    else if (f.amount < 0) x.owed -= f.amount;
    else {
      x.paid += f.amount;
      if (!x.lastPaid || f.date > x.lastPaid) x.lastPaid = f.date;
      if (f.ref) x.refs.add(f.ref);
    }
  }
  const refundRows: RefundRow[] = [...refunds].filter(([, x]) => x.opening !== 0 || x.owed !== 0 || x.paid !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, x]) => ({ affiliate: id, name: byId.get(id)?.name ?? id, opening: x.opening, owed: x.owed, paid: x.paid, lastPaid: x.lastPaid, refs: [...x.refs].join(", ") }));
  return { affiliates, refunds: refundRows, asOf: o.asOf, lateFee: fed.lateFee !== null };
}
