// A second process writing to the same ledger, for the concurrency tests: posts COUNT
// import-like batches (LINES member lines each) labelled LABEL, then exits 0.
// Usage: node writer.mjs DB LABEL COUNT LINES   (runs the compiled dist/ build)
import { Ledger } from "../../dist/src/ledger/ledger.js";

const [db, label, count, lines] = process.argv.slice(2);
const l = Ledger.open(db);
for (let i = 0; i < Number(count); i++) {
  l.transaction(() => {
    const batch = l.beginBatch({ kind: "import", period: "2026-10", source: label, memo: `${label} ${i}`, createdAt: "2026-11-01T00:00:00.000Z" });
    l.appendMemberLines(batch, Array.from({ length: Number(lines) }, (_, j) => ({
      period: "2026-10", memberId: `${label}-${i}-${j}`, sourceLine: j + 2, name: "x", department: "d", status: "active", isMember: true,
      exempt: false, exemptReason: null, duesBase: 100000, truncatedBase: 100000, rateText: "0.5%", dues: 500, deducted: 500, difference: 0, fundsBase: 100000,
    })));
    l.postEntry({ batch, date: "2026-10-28", period: "2026-10", memo: `${label} ${i}`, kind: "import",
      postings: [{ account: "13501", amount: 500 * Number(lines) }, { account: "401", amount: -500 * Number(lines) }] });
  });
}
l.close();
