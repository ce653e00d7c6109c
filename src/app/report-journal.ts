// `dues report journal`: every entry in a range of periods with its postings, account
// names from the ledger's chart, and whether its batch was voided. A model with minor
// units; the CLI renders it as a table and journalJson gives the SPEC's string amounts.
import { findAccount } from "../domain/chart.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { text, type Text } from "../domain/text.js";
import type { EntryRow, Ledger, PostingRow } from "../ledger/ledger.js";
import type { ReportRange } from "./report-range.js";

export interface JournalEntry extends Omit<EntryRow, "postings"> {
  /** Its batch was voided later (the reversing entries appear with kind "void"). */
  readonly voided: boolean;
  readonly postings: readonly (PostingRow & { readonly name: Text })[];
}

export interface JournalReport {
  readonly range: ReportRange;
  readonly currency: string;
  readonly digits: number;
  readonly entries: readonly JournalEntry[];
  readonly totals: { readonly debit: Minor; readonly credit: Minor };
}

const UNKNOWN = text("(not in the chart)", "（科目表中没有）");

export function journalReport(ledger: Ledger, range: ReportRange): JournalReport {
  const { chart, currency, digits } = ledger.meta;
  const voided = new Set(ledger.batches().filter((b) => b.voided).map((b) => b.id));
  let debit = 0;
  let credit = 0;
  const entries = ledger.entries({ from: range.from, to: range.to }).map((e) => {
    for (const p of e.postings) {
      if (p.amount > 0) debit += p.amount;
      else credit -= p.amount;
    }
    return { ...e, voided: voided.has(e.batch), postings: e.postings.map((p) => ({ ...p, name: findAccount(chart, p.account)?.name ?? UNKNOWN })) };
  });
  return { range, currency, digits, entries, totals: { debit, credit } };
}

export function journalJson(r: JournalReport, pickName: (t: Text) => string): object {
  const m = (x: Minor) => formatMinor(x, r.digits);
  return {
    from: r.range.from ?? null,
    to: r.range.to ?? null,
    currency: r.currency,
    entries: r.entries.map((e) => ({
      seq: e.seq, date: e.date, period: e.period, kind: e.kind, memo: e.memo, batch: e.batch, ref: e.ref, body: e.body,
      reverses: e.reverses, voided: e.voided, recordedAt: e.recordedAt, hash: e.hash,
      postings: e.postings.map((p) => ({
        account: p.account, name: pickName(p.name), body: p.body, member: p.member, amount: m(p.amount),
        // Only where present: an opening line's own period (所属期间), a project tag.
        ...(p.period ? { period: p.period } : {}), ...(p.project ? { project: p.project } : {}),
      })),
    })),
    totals: { debit: m(r.totals.debit), credit: m(r.totals.credit) },
  };
}
