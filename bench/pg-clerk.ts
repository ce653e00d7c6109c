// One clerk for bench/pg.ts: books COUNT batches of LINES member lines and one entry each
// into the ledger DB (a file or a postgres:// URL), retrying a transaction that another
// writer made fail (SQLite busy after its 10 s wait; on the server a serialization failure
// or a duplicate seq when DUES_PG_LOCKING=serializable). Prints { batches, retries, maxWaitMs }.
//   node dist/bench/pg-clerk.js ledger|serializable DB LABEL COUNT LINES
import { isLedgerBusy, Ledger } from "../src/ledger/ledger.js";

const [mode, db, label, count, lines] = process.argv.slice(2) as [string, string, string, string, string];
if (mode === "serializable") process.env.DUES_PG_LOCKING = "serializable";
const retryable = (e: unknown) => isLedgerBusy(e) || ["40001", "40P01", "23505"].includes(String((e as { code?: unknown }).code));
const l = Ledger.open(db);
let retries = 0;
let maxWaitMs = 0;
let batches = 0;
for (let i = 0; i < Number(count); i++) {
  for (;;) {
    const t0 = performance.now();
    try {
      l.transaction(() => {
        maxWaitMs = Math.max(maxWaitMs, performance.now() - t0);
        const batch = l.beginBatch({ kind: "import", period: "2026-10", source: label, memo: `${label} ${i}`, createdAt: "2026-11-01T00:00:00.000Z" });
        l.appendMemberLines(batch, Array.from({ length: Number(lines) }, (_, j) => ({
          period: "2026-10", memberId: `${label}-${i}-${j}`, sourceLine: j + 2, name: "x", department: "d", status: "active", isMember: true,
          exempt: false, exemptReason: null, duesBase: 100000, truncatedBase: 100000, rateText: "0.5%", dues: 500, deducted: 500, difference: 0, fundsBase: 100000,
        })));
        l.postEntry({ batch, date: "2026-10-28", period: "2026-10", memo: `${label} ${i}`, kind: "import",
          postings: [{ account: "13501", amount: 500 * Number(lines) }, { account: "401", amount: -500 * Number(lines) }] });
      });
      batches++;
      break;
    } catch (e) {
      if (!retryable(e)) throw e;
      retries++;
    }
  }
}
l.close();
process.stdout.write(JSON.stringify({ batches, retries, maxWaitMs }));
