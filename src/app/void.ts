// `dues void BATCH --reason TEXT`: reverse every entry of a batch in one transaction.
// The rules (which batches, which periods, twice) live in Ledger.voidBatch.
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { Ledger, VoidResult } from "../ledger/ledger.js";

export interface VoidOutcome extends VoidResult {
  readonly reason: string;
  readonly kind: string;
  readonly period: string | null;
}

export function voidBatchCommand(ledger: Ledger, batch: string, reason: string, o: { createdAt: string; createdBy?: string | null }): VoidOutcome {
  if (!/^\d+$/.test(batch.trim())) {
    throw new Refusal("usage", [problem("VOID_BAD_BATCH", text(`${batch} is not a batch number`, `${batch} 不是批次号`), {
      hint: text("batch numbers are shown by `dues report journal`", "批次号见 `dues report journal`"),
    })]);
  }
  if (!reason.trim()) {
    throw new Refusal("usage", [problem("VOID_NO_REASON", text("voiding a batch needs a reason", "冲销批次须说明原因"), { file: "--reason" })]);
  }
  const id = Number(batch.trim());
  const r = ledger.voidBatch(id, { reason: reason.trim(), createdAt: o.createdAt, createdBy: o.createdBy ?? null });
  const b = ledger.batch(id)!;
  return { ...r, reason: reason.trim(), kind: b.kind, period: b.period };
}
