// The streaming commands (export audit, reconcile --affiliates) hold little: a sheet's or a
// table's rows pass through and are dropped. V8 still lets its old generation grow up to
// four times what survived the last full collection before collecting again, and how far it
// goes depends on garbage-collection timing (how busy the machine's cores are), so the same
// export peaked anywhere from 220 to 390 MB RSS on a 5,000-affiliate federation. Growing the
// heap by at most 30% between full collections keeps the peak near what is live (about
// 200 MB there) for a few percent more CPU. Only a growth factor: no limit is set, so a
// larger ledger is never refused for want of heap (docs/federation.md, "Measured").
import v8 from "node:v8";

/** Percent the old generation may grow past its live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;

let bounded = false;

/** Bounds V8's heap growth for the rest of this process (idempotent). */
export function boundHeapGrowth(): void {
  if (bounded) return;
  bounded = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
