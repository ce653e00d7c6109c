// A member line as the hash chain sees it (docs/ledger.md, "Hash chain"), part of the
// chain's file format with ledger/canonical.ts, which re-exports it. Here, in the domain,
// so that the payroll reader thread (import layer) can build a line's canonical bytes beside
// the row it computes, and the ledger only hashes them: one definition for both.
// Never change it without a new chain version.

/** A member line as the chain sees it: the stored columns after batch_id, in order. */
export type MemberLineTuple = [
  period: string, memberId: string, sourceLine: number, name: string, department: string, status: string,
  isMember: number, exempt: number, exemptReason: string | null, duesBase: number, truncatedBase: number,
  rateText: string, dues: number, deducted: number | null, difference: number, fundsBase: number,
];

export function memberLineCanonical(t: MemberLineTuple): string {
  return JSON.stringify(t) + "\n";
}

/** exempt_reason as a one-byte code (index into this list), for lines sent as columns. */
export const EXEMPT_REASONS: readonly (string | null)[] = [null, "not-member", "exempt-status"];

/**
 * Member lines of one period as columns, with their canonical text already built (the
 * payroll reader thread computes them): the ledger binds the columns and hashes the bytes.
 * The bytes must be memberLineCanonical of each line in order, a member's rate text being
 * `rateText` and a non-member's "".
 */
export interface MemberLineColumns {
  readonly n: number;
  readonly period: string;
  readonly rateText: string;
  readonly line: Int32Array;
  readonly memberId: readonly string[];
  readonly name: readonly string[];
  readonly department: readonly string[];
  readonly status: readonly string[];
  readonly isMember: Uint8Array;
  readonly exempt: Uint8Array;
  /** A code of EXEMPT_REASONS. */
  readonly reason: Uint8Array;
  readonly duesBase: Float64Array;
  readonly truncatedBase: Float64Array;
  readonly dues: Float64Array;
  /** NaN: null (no deducted column). Minor units are integers below 2^53: exact in a double. */
  readonly deducted: Float64Array;
  readonly difference: Float64Array;
  readonly fundsBase: Float64Array;
  /** memberLineCanonical of every line, in order, as UTF-8. */
  readonly canonical: Uint8Array;
}
