// `dues verify`: the ledger's own check (chain, balances, member lines, voids, closes,
// SQLite integrity), and with --head whether a chain head kept elsewhere (printed on an
// audit workbook's cover, say) is still in the chain.
import { problem, Refusal } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";
import type { Ledger, VerifyReport } from "../ledger/ledger.js";

export type { VerifyReport };

/**
 * A chain head as printed (64 hex digits, or at least the first 12 the ledger matches on).
 * Anything shorter or not hex is a typing mistake, not a rewritten ledger: refuse it (exit 64)
 * instead of answering "not in the chain".
 */
export function checkHeadArg(head: string | undefined): void {
  if (head === undefined || /^[0-9a-f]{12,64}$/i.test(head.trim())) return;
  throw new Refusal("usage", [problem("VERIFY_HEAD_FORMAT",
    text(`--head "${head}" is not a chain head: give the hash as printed (64 hexadecimal digits, or at least the first 12)`,
      `--head“${head}”不是链头：请照印出的哈希填写（64 位十六进制，至少前 12 位）`),
    { hint: text("the head is on the audit workbook's cover and in the output of `dues close` and `dues verify`", "链头印在审查工作簿封面上，`dues close` 和 `dues verify` 也会显示") })]);
}

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
