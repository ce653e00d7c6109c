// A fresh ledger in a temporary folder and small builders for batches, entries and
// member lines, so each test reads like the treasurer's month.
import { join } from "node:path";
import { Ledger, type MemberLine } from "../../src/ledger/ledger.js";
import { tempDir } from "../helpers/cli.js";

export const CREATED = "2026-11-01T08:00:00.000Z";

export interface Fixture {
  dir: string;
  path: string;
  ledger: Ledger;
  cleanup(): void;
}

export function freshLedger(chart: "cn-2021-base" | "cn-2021-county" | "generic" = "cn-2021-base"): Fixture {
  const { dir, cleanup } = tempDir("dues-ledger-");
  const path = join(dir, "dues.db");
  const ledger = Ledger.create(path, { chart, currency: "CNY", digits: 2, createdAt: CREATED });
  return { dir, path, ledger, cleanup: () => { ledger.close(); cleanup(); } };
}

export function memberLine(i: number, o: Partial<MemberLine> = {}): MemberLine {
  return {
    period: "2026-10", memberId: `E${String(i).padStart(4, "0")}`, sourceLine: i + 2, name: `会员${i}`, department: "生产部",
    status: "active", isMember: true, exempt: false, exemptReason: null, duesBase: 678945, truncatedBase: 678000,
    rateText: "0.5%", dues: 3390, deducted: 3390, difference: 0, fundsBase: 800000, ...o,
  };
}

/** Spending of `amount` fen from the bank on 50102, in its own batch. Returns the entry seq. */
export function spend(l: Ledger, date: string, amount: number, memo = "文体活动"): number {
  return l.transaction(() => {
    const batch = l.beginBatch({ kind: "record", period: date.slice(0, 7), memo, createdAt: CREATED });
    return l.postEntry({ batch, date, period: date.slice(0, 7), memo, kind: "record", postings: [{ account: "50102", amount }, { account: "102", amount: -amount }] });
  });
}

/** A payroll-like batch: member lines, then the dues entry (receivable = kept + city share). */
export function importBatch(l: Ledger, period: string, members: number, cityShare = 1000): { batch: number; entry: number } {
  return l.transaction(() => {
    const batch = l.beginBatch({ kind: "import", period, source: "default", file: "payroll.csv", sha256: "ab".repeat(32), rows: members, createdAt: CREATED });
    const lines = Array.from({ length: members }, (_, i) => memberLine(i, { period }));
    l.appendMemberLines(batch, lines);
    const total = lines.reduce((t, x) => t + x.dues, 0);
    const entry = l.postEntry({
      batch, date: `${period}-28`, period, memo: `${period} dues`, kind: "import",
      postings: [{ account: "13501", amount: total }, { account: "401", amount: -(total - cityShare) }, { account: "211", body: "city", amount: -cityShare }],
    });
    return { batch, entry };
  });
}
