// `dues report trial`: the trial balance for a range of periods: per account (and body
// on 211/212), the opening balance before the range, debits and credits in it, and the
// closing balance. Balances are signed, positive = debit; totals must net to zero.
import { findAccount } from "../domain/chart.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { text, type Text } from "../domain/text.js";
import type { Ledger, TrialRow } from "../ledger/ledger.js";
import type { ReportRange } from "./report-range.js";

export interface TrialLine extends TrialRow {
  readonly name: Text;
  readonly kind: string;
}

export interface TrialReport {
  readonly range: ReportRange;
  readonly currency: string;
  readonly digits: number;
  readonly rows: readonly TrialLine[];
  readonly totals: { readonly opening: Minor; readonly debit: Minor; readonly credit: Minor; readonly closing: Minor };
  /** Debits equal credits and the balances net to zero: the books add up. */
  readonly balanced: boolean;
}

export function trialReport(ledger: Ledger, range: ReportRange): TrialReport {
  const { chart, currency, digits } = ledger.meta;
  const rows = ledger.trialBalance({ from: range.from, to: range.to }).map((r) => {
    const acc = findAccount(chart, r.account);
    return { ...r, name: acc?.name ?? text("(not in the chart)", "（科目表中没有）"), kind: acc?.kind ?? "unknown" };
  });
  const totals = { opening: 0, debit: 0, credit: 0, closing: 0 };
  for (const r of rows) {
    totals.opening += r.opening;
    totals.debit += r.debit;
    totals.credit += r.credit;
    totals.closing += r.closing;
  }
  return { range, currency, digits, rows, totals, balanced: totals.debit === totals.credit && totals.opening === 0 && totals.closing === 0 };
}

export function trialJson(r: TrialReport, pickName: (t: Text) => string): object {
  const m = (x: Minor) => formatMinor(x, r.digits);
  return {
    from: r.range.from ?? null,
    to: r.range.to ?? null,
    currency: r.currency,
    rows: r.rows.map((x) => ({ account: x.account, body: x.body, name: pickName(x.name), kind: x.kind, opening: m(x.opening), debit: m(x.debit), credit: m(x.credit), closing: m(x.closing) })),
    totals: { opening: m(r.totals.opening), debit: m(r.totals.debit), credit: m(r.totals.credit), closing: m(r.totals.closing) },
    balanced: r.balanced,
  };
}
