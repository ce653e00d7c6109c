// Money in and out in the ledger file (migration 003): the month a receipt or remittance
// settles, imported bank statements and their lines, and the one query reconciliation
// needs (postings to the receivable and payable accounts, voided batches left out).
import type { SqlDb } from "./sql.js";
import type { Minor } from "../domain/money.js";
import type { IsoDate, Period } from "../domain/period.js";

/** A posting to one of the reconciled accounts, with its entry's date and settled month. */
export interface FlowPosting {
  readonly entry: number;
  readonly batch: number;
  readonly kind: string;
  readonly date: IsoDate;
  readonly period: Period;
  readonly account: string;
  readonly body: string | null;
  /** Minor units, positive = debit. */
  readonly amount: Minor;
  readonly ref: string | null;
  /** The month the entry settles (--period, or a matched statement line), if recorded. */
  readonly settles: Period | null;
}

export interface NewStatement {
  readonly sha256: string;
  readonly file: string;
  readonly source: string;
  readonly encoding: string | null;
  readonly importedAt: string;
  readonly lines: readonly NewStatementLine[];
}

export interface NewStatementLine {
  readonly line: number;
  readonly date: IsoDate;
  /** Positive = money in. */
  readonly amount: Minor;
  readonly ref: string;
  readonly counterparty: string;
  /** The entry the line became; null when left unmatched. */
  readonly entry: number | null;
  readonly note: string | null;
}

export interface StoredStatement {
  readonly id: number;
  readonly sha256: string;
  readonly file: string;
  readonly source: string;
  readonly lines: number;
  readonly matched: number;
  readonly importedAt: string;
}

/** Postings to these accounts with their entry's date and settled month, voided batches and their voids left out. */
function flowsQuery(accounts: readonly string[]): string {
  return `SELECT e.seq AS entry, e.batch AS batch, e.kind AS kind, e.date AS date, p.period AS period, p.account AS account,
                p.body AS body, p.amount AS amount, e.ref AS ref, s.period AS settles
           FROM postings p
           JOIN entries e ON e.seq = p.entry
           LEFT JOIN settlements s ON s.entry = e.seq
          WHERE p.account IN (${accounts.map(() => "?").join(", ")})
            AND e.batch NOT IN (SELECT batch FROM batch_voids)
            AND e.batch NOT IN (SELECT void_batch FROM batch_voids)`;
}

export class BankStore {
  constructor(private readonly db: SqlDb) {}

  /** Records the month an entry settles. Call inside the transaction that posted it. */
  settle(entry: number, period: Period): void {
    this.db.prepare("INSERT INTO settlements (entry, period) VALUES (?, ?)").run(entry, period);
  }

  /**
   * Every posting to these accounts, in journal order, leaving out batches that were
   * voided and the void batches that reversed them: together they are nothing, and
   * reconciliation should show what stands.
   */
  flows(accounts: readonly string[]): FlowPosting[] {
    if (accounts.length === 0) return [];
    return this.db.prepare(`${flowsQuery(accounts)} ORDER BY e.seq, p.line`).all(...accounts) as FlowPosting[];
  }

  /**
   * The same postings one body (sub-account) at a time, in body order (byte order; no body
   * first, as ""), each body's in journal order, read through a cursor: only one body's are held.
   */
  *flowsByBody(accounts: readonly string[]): IterableIterator<FlowPosting[]> {
    if (accounts.length === 0) return;
    let group: FlowPosting[] = [];
    let body: string | undefined;
    for (const f of this.db.prepare(`${flowsQuery(accounts)} ORDER BY COALESCE(p.body, ''), e.seq, p.line`).iterate(...accounts) as IterableIterator<FlowPosting>) {
      const b = f.body ?? "";
      if (group.length && b !== body) {
        yield group;
        group = [];
      }
      body = b;
      group.push(f);
    }
    if (group.length) yield group;
  }

  /** Every payroll month with member lines, voided batches left out, oldest first. */
  memberPeriods(): Period[] {
    return (this.db.prepare("SELECT DISTINCT period FROM member_lines WHERE batch_id NOT IN (SELECT batch FROM batch_voids) ORDER BY period").raw().all() as [string][]).map((r) => r[0]);
  }

  /**
   * Members whose dues deducted fell short of the dues assessed, per month, in month
   * order; and members (not exempt) with no wage who were assessed and paid nothing
   * (`noWage`). Only such lines are read (a fast filter), then each is confirmed against
   * all of that member's lines of the month (two payroll sources add up), so a
   * million-line ledger is not walked row by row. A line without a deducted amount
   * counts as paid in full.
   */
  *memberShortfalls(): IterableIterator<{ period: Period; member: string; name: string; assessed: Minor; deducted: Minor; noWage: boolean }> {
    const candidates = this.db
      .prepare(`SELECT DISTINCT period, member_id FROM member_lines
                 WHERE is_member = 1
                   AND ((deducted IS NOT NULL AND deducted < dues) OR (exempt = 0 AND dues_base = 0 AND dues = 0 AND COALESCE(deducted, 0) <= 0))
                   AND batch_id NOT IN (SELECT batch FROM batch_voids)
                 ORDER BY period, member_id`)
      .raw()
      .all() as [string, string][];
    const total = this.db.prepare(`SELECT MAX(name), SUM(dues), SUM(COALESCE(deducted, dues)), SUM(dues_base), MAX(exempt) FROM member_lines
                                    WHERE member_id = ? AND period = ? AND is_member = 1 AND batch_id NOT IN (SELECT batch FROM batch_voids)`).raw();
    for (const [period, member] of candidates) {
      const [name, assessed, deducted, base, exempt] = total.get(member, period) as [string, number, number, number, number];
      const noWage = exempt === 0 && base === 0 && assessed === 0 && deducted <= 0;
      if (deducted < assessed || noWage) yield { period, member, name, assessed, deducted, noWage };
    }
  }

  /**
   * Postings to the member-arrears account that name a member (`dues receive --from
   * member`, or `dues record 1230@ID=…`), voided batches left out, in journal order:
   * `amount` positive = paid (a credit to the account), with the month it settles.
   * The payroll import books arrears without a member, so it is never among them; nor are
   * the opening balances' arrears (debits of kind `opening`: months owed, not payments).
   */
  memberPayments(account: string): { member: string; amount: Minor; settles: Period | null }[] {
    return this.db
      .prepare(`SELECT p.member AS member, -p.amount AS amount, s.period AS settles
                  FROM postings p JOIN entries e ON e.seq = p.entry LEFT JOIN settlements s ON s.entry = e.seq
                 WHERE p.account = ? AND p.member IS NOT NULL AND e.kind <> 'opening'
                   AND e.batch NOT IN (SELECT batch FROM batch_voids) AND e.batch NOT IN (SELECT void_batch FROM batch_voids)
                 ORDER BY e.seq, p.line`)
      .all(account) as { member: string; amount: Minor; settles: Period | null }[];
  }

  /** The member as registered (`dues members`), or undefined when the id is unknown. */
  member(id: string): { id: string; name: string } | undefined {
    return this.db.prepare("SELECT id, name FROM members WHERE id = ?").get(id) as { id: string; name: string } | undefined;
  }

  /**
   * What a member owes on the books: every short deduction booked as arrears (per
   * payroll line, as the import books it; voided batches left out) plus every posting
   * to the member-arrears account naming the member (payments are credits).
   */
  memberArrearsBalance(id: string, account: string): Minor {
    const booked = this.db.prepare(`SELECT COALESCE(SUM(dues - deducted), 0) FROM member_lines
                                     WHERE member_id = ? AND is_member = 1 AND deducted IS NOT NULL AND deducted < dues
                                       AND batch_id NOT IN (SELECT batch FROM batch_voids)`).pluck().get(id) as number;
    const posted = this.db.prepare("SELECT COALESCE(SUM(amount), 0) FROM postings WHERE account = ? AND member = ?").pluck().get(account, id) as number;
    return booked + posted;
  }

  statementBySha(sha256: string): StoredStatement | undefined {
    const r = this.db.prepare("SELECT id, sha256, file, source, lines, matched, imported_at AS importedAt FROM bank_statements WHERE sha256 = ?").get(sha256);
    return r as StoredStatement | undefined;
  }

  addStatement(s: NewStatement): number {
    const matched = s.lines.filter((l) => l.entry !== null).length;
    const info = this.db
      .prepare("INSERT INTO bank_statements (sha256, file, source, encoding, lines, matched, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(s.sha256, s.file, s.source, s.encoding, s.lines.length, matched, s.importedAt);
    const id = Number(info.lastInsertRowid);
    const ins = this.db.prepare("INSERT INTO bank_lines (statement, line, date, amount, ref, counterparty, entry, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const l of s.lines) ins.run(id, l.line, l.date, l.amount, l.ref, l.counterparty, l.entry, l.note);
    return id;
  }

  statements(): StoredStatement[] {
    return this.db.prepare("SELECT id, sha256, file, source, lines, matched, imported_at AS importedAt FROM bank_statements ORDER BY id").all() as StoredStatement[];
  }
}
