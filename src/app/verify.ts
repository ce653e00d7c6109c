// `dues verify`: the ledger's own check (chain, balances, member lines, voids, closes,
// SQLite integrity), and with --head whether a chain head kept elsewhere (printed on an
// audit workbook's cover, say) is still in the chain.
import type { Text } from "../domain/text.js";
import type { Ledger, VerifyReport } from "../ledger/ledger.js";

export type { VerifyReport };

export function verifyLedgerCommand(ledger: Ledger, o: { head?: string } = {}): VerifyReport {
  return ledger.verify({ head: o.head });
}

export function verifyJson(r: VerifyReport, pick: (t: Text) => string): object {
  return {
    ok: r.ok,
    entries: r.entries,
    postings: r.postings,
    memberLines: r.memberLines,
    head: r.head,
    firstBroken: r.firstBroken,
    breaks: r.breaks.map((b) => ({ code: b.code, seq: b.seq ?? null, batch: b.batch ?? null, message: pick(b.message) })),
    headCheck: r.headCheck ?? null,
  };
}
