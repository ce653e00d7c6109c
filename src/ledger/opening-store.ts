// The opening balances in the ledger file (batch kind `opening`, docs/ledger.md): whether
// the books already hold anything an opening would have to come before, the opening entry
// that stands (not voided), and its lines as the reports and the arrears count need them.
import type { SqlDb } from "./sql.js";
import type { Minor } from "../domain/money.js";
import type { IsoDate, Period } from "../domain/period.js";

export const OPENING_KIND = "opening";

export interface OpeningEntry {
  readonly batch: number;
  readonly seq: number;
  readonly date: IsoDate;
  readonly period: Period;
  readonly hash: string;
}

// Batches that stand: not voided, and not the void batch that reversed one.
const LIVE = "b.id NOT IN (SELECT batch FROM batch_voids) AND b.id NOT IN (SELECT void_batch FROM batch_voids)";

export class OpeningStore {
  constructor(private readonly db: SqlDb) {}

  /** Batches that stand (voided ones and their voids are nothing), oldest first. */
  liveBatches(): { id: number; kind: string; period: Period | null; createdAt: string }[] {
    return this.db.prepare(`SELECT b.id AS id, b.kind AS kind, b.period AS period, b.created_at AS "createdAt" FROM batches b WHERE ${LIVE} ORDER BY b.id`).all() as { id: number; kind: string; period: Period | null; createdAt: string }[];
  }

  /** The opening entry that stands, if any. */
  opening(): OpeningEntry | undefined {
    return this.db.prepare(`SELECT e.batch AS batch, e.seq AS seq, e.date AS date, e.period AS period, e.hash AS hash
      FROM entries e JOIN batches b ON b.id = e.batch WHERE b.kind = ? AND ${LIVE} ORDER BY e.seq LIMIT 1`).get(OPENING_KIND) as OpeningEntry | undefined;
  }

  /** The standing opening's postings to one account that name a member: a member's arrears per month. */
  memberLines(account: string): { member: string; period: Period; amount: Minor }[] {
    return this.db.prepare(`SELECT p.member AS member, p.period AS period, p.amount AS amount
      FROM postings p JOIN entries e ON e.seq = p.entry JOIN batches b ON b.id = e.batch
      WHERE b.kind = ? AND ${LIVE} AND p.account = ? AND p.member IS NOT NULL ORDER BY p.period, p.entry, p.line`).all(OPENING_KIND, account) as { member: string; period: Period; amount: Minor }[];
  }

  /** The standing opening's balances by account and body (signed, debit positive), dated in [from, to]. */
  balances(from: IsoDate, to: IsoDate): { account: string; body: string | null; balance: Minor }[] {
    return this.db.prepare(`SELECT p.account AS account, p.body AS body, SUM(p.amount) AS balance
      FROM postings p JOIN entries e ON e.seq = p.entry JOIN batches b ON b.id = e.batch
      WHERE b.kind = ? AND ${LIVE} AND e.date >= ? AND e.date <= ? GROUP BY p.account, p.body ORDER BY p.account, p.body NULLS FIRST`).all(OPENING_KIND, from, to) as { account: string; body: string | null; balance: Minor }[];
  }
}
