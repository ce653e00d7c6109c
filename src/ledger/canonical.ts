// The canonical text the hash chain is computed over (docs/ledger.md, "Hash chain").
// Writing and verifying share these functions, so a change here breaks every existing
// chain: treat this file as a file format. Never change it without a new chain version.
import { createHash } from "node:crypto";

export const GENESIS_TAG = "dues-ledger";

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

export function genesisHash(meta: { chart: string; currency: string; digits: number; createdAt: string }): string {
  return sha256Hex([GENESIS_TAG, meta.chart, meta.currency, String(meta.digits), meta.createdAt].join("\n"));
}

/** A batch header as stored: every column but the id, in a fixed order. */
export type BatchHeader = [
  kind: string, period: string | null, source: string | null, file: string | null, sha256: string | null,
  encoding: string | null, rows: number | null, configSha256: string | null, memo: string | null,
  createdAt: string, createdBy: string | null,
];

export interface CanonicalEntry {
  seq: number;
  date: string;
  period: string;
  kind: string;
  memo: string;
  batch: number;
  ref: string | null;
  body: string | null;
  reverses: number | null;
  recordedAt: string;
  linesCount: number | null;
  linesDigest: string | null;
}

/**
 * A posting as the chain sees it. Postings that carry neither a period of their own (an
 * opening line's 所属期间) nor a project tag keep the four-element form every ledger
 * before migration 006 was hashed with, so old chains verify unchanged.
 */
export type CanonicalPosting =
  | [account: string, body: string | null, member: string | null, amount: number]
  | [account: string, body: string | null, member: string | null, amount: number, period: string | null, project: string | null];

export function canonicalPosting(
  p: { account: string; body: string | null; member: string | null; amount: number; period: string | null; project: string | null },
  entryPeriod: string,
): CanonicalPosting {
  const period = p.period !== null && p.period !== entryPeriod ? p.period : null;
  if (period === null && p.project === null) return [p.account, p.body, p.member, p.amount];
  return [p.account, p.body, p.member, p.amount, period, p.project];
}

export function entryCanonical(e: CanonicalEntry, header: BatchHeader, postings: readonly CanonicalPosting[]): string {
  return JSON.stringify([
    e.seq, e.date, e.period, e.kind, e.memo, e.batch, e.ref, e.body, e.reverses, e.recordedAt,
    header, e.linesCount, e.linesDigest, postings,
  ]);
}

export function entryHash(prevHash: string, canonical: string): string {
  return sha256Hex(prevHash + "\n" + canonical);
}

// A member line's canonical text lives in the domain (member-line.ts) so that the payroll
// reader thread can build it beside the row it computes; it is part of this format all the same.
export { memberLineCanonical, type MemberLineTuple } from "../domain/member-line.js";
