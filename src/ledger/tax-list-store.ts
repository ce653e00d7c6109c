// The lines of imported tax-authority collection lists (table tax_lines, migration 007):
// what was collected for which affiliate and month, and how it was split, so reconcile and
// the affiliates sheet read them without walking the journal. Portable SQL only (TEAM.md).
import type { Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";
import { insertRows, type SqlDb } from "./sql.js";

export interface NewTaxLine {
  readonly entry: number;
  readonly sourceLine: number;
  /** null for 筹备金 (an employer without a union). */
  readonly affiliate: string | null;
  readonly creditCode: string;
  readonly employer: string;
  readonly period: Period;
  /** funds | preparatory */
  readonly item: string;
  /** tax-full | tax-upward | preparatory */
  readonly collection: string;
  readonly amount: Minor;
  readonly refund: Minor;
  readonly own: Minor;
  /** What goes on to the higher bodies (211), all of them together. */
  readonly upward: Minor;
  readonly paidOn: string | null;
  readonly ref: string | null;
}

/** An affiliate's collections for one month, over every list that stands. */
export interface TaxReceipt {
  readonly affiliate: string;
  readonly period: Period;
  readonly collection: string;
  readonly amount: Minor;
  readonly refund: Minor;
  /** amount − refund: what reached the federation for itself and its higher bodies. */
  readonly received: Minor;
  /** The latest 实缴日期 on those lines (the list's date where a line has none). */
  readonly paidOn: string | null;
}

const TAX_LINE_COLUMNS = ["batch", "entry", "source_line", "affiliate", "credit_code", "employer", "period", "item", "collection", "amount", "refund", "own_share", "upward", "paid_on", "ref"];
const STANDING = "batch NOT IN (SELECT batch FROM batch_voids)";

export class TaxListStore {
  constructor(private readonly db: SqlDb) {}

  /** Records a list's lines; call inside ledger.transaction(), after the batch is begun. */
  add(batch: number, lines: Iterable<NewTaxLine>): number {
    if (!this.db.inTransaction) throw new Error("bug: TaxListStore.add must run inside ledger.transaction()");
    // Many lines a statement (60,000 lines were 60,000 round trips on PostgreSQL).
    return insertRows(this.db, "tax_lines", TAX_LINE_COLUMNS, (function* () {
      for (const l of lines) yield [batch, l.entry, l.sourceLine, l.affiliate, l.creditCode, l.employer, l.period, l.item, l.collection, l.amount, l.refund, l.own, l.upward, l.paidOn, l.ref];
    })());
  }

  /** Per affiliate and month, the collections of lists whose batch was not voided. */
  receipts(q: { affiliate?: string; to?: Period } = {}): TaxReceipt[] {
    return [...this.iterateReceipts(q)];
  }

  /** The first month a standing tax list collected for a registered affiliate, if any. */
  firstReceiptPeriod(): Period | undefined {
    const r = this.db.prepare(`SELECT MIN(period) AS period FROM tax_lines WHERE ${STANDING} AND affiliate IS NOT NULL`).get() as { period: Period | null } | undefined;
    return r?.period ?? undefined;
  }

  /** receipts(), in affiliate and month order, through a cursor (nothing held). */
  *iterateReceipts(q: { affiliate?: string; to?: Period } = {}): IterableIterator<TaxReceipt> {
    const where: string[] = [STANDING, "affiliate IS NOT NULL"];
    const args: (string | number)[] = [];
    if (q.affiliate !== undefined) { where.push("affiliate = ?"); args.push(q.affiliate); }
    if (q.to !== undefined) { where.push("period <= ?"); args.push(q.to); }
    const rows = this.db.prepare(
      `SELECT affiliate, period, MAX(collection) AS collection, SUM(amount) AS amount, SUM(refund) AS refund, MAX(paid_on) AS "paidOn"
         FROM tax_lines WHERE ${where.join(" AND ")} GROUP BY affiliate, period ORDER BY affiliate, period`,
    ).iterate(...args) as IterableIterator<{ affiliate: string; period: Period; collection: string; amount: number | bigint; refund: number | bigint; paidOn: string | null }>;
    for (const r of rows) {
      const amount = Number(r.amount), refund = Number(r.refund);
      yield { affiliate: r.affiliate, period: r.period, collection: r.collection, amount, refund, received: amount - refund, paidOn: r.paidOn };
    }
  }

  /** How many lines stand (for the import's summary and tests). */
  count(): number {
    return Number((this.db.prepare(`SELECT COUNT(*) AS n FROM tax_lines WHERE ${STANDING}`).get() as { n: number | bigint }).n);
  }
}
