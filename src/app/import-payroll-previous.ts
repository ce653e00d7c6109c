// Last period's payroll (same source), held compactly for the import's warnings and for
// deciding which members changed: id → index into typed arrays, about 60 bytes per
// employee instead of an object each, so a million-member union stays within budget.
import { statusKey } from "../domain/dues.js";
import type { Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";
import type { Ledger } from "../ledger/ledger.js";

const MEMBER = 1;
const EXEMPT = 2;
const SEEN = 4;

// Two independent 32-bit string hashes (FNV-1a and a multiplicative one): the chance that a
// changed name, department or status hashes equal on both is about 2^-64.
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h | 0;
}
function mul(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export class PreviousPayroll {
  private readonly index = new Map<string, number>();
  private n = 0;
  private dues = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private sigA = new Int32Array(1024);
  private sigB = new Int32Array(1024);
  private status = new Int32Array(1024);
  private lines = new Int32Array(1024);

  private constructor(readonly period: Period, private readonly ledger: Ledger) {}

  /** The live payroll batches of `period` from `source` (voided ones left out). */
  static load(ledger: Ledger, period: Period, source: string): PreviousPayroll {
    const p = new PreviousPayroll(period, ledger);
    for (const b of ledger.batches({ period, source, kind: "payroll", includeVoided: false })) {
      for (const l of ledger.memberLines({ batch: b.id })) p.add(l.memberId, l.dues, l.isMember, l.exempt, l.name, l.department, l.status, l.sourceLine);
    }
    return p;
  }

  get size(): number {
    return this.n;
  }

  private add(id: string, dues: Minor, isMember: boolean, exempt: boolean, name: string, department: string, status: string, line: number): void {
    if (this.n === this.dues.length) this.grow();
    const i = this.n++;
    this.index.set(id, i);
    this.dues[i] = dues;
    this.flags[i] = (isMember ? MEMBER : 0) | (exempt ? EXEMPT : 0);
    const sig = registerSignature(name, department, status, isMember);
    this.sigA[i] = fnv(sig);
    this.sigB[i] = mul(sig);
    this.status[i] = fnv(statusKey(status));
    this.lines[i] = line;
  }

  private grow(): void {
    const size = this.dues.length * 2;
    const g = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => { const b = make(size); b.set(a); return b; };
    this.dues = g(this.dues, (n) => new Float64Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.sigA = g(this.sigA, (n) => new Int32Array(n));
    this.sigB = g(this.sigB, (n) => new Int32Array(n));
    this.status = g(this.status, (n) => new Int32Array(n));
    this.lines = g(this.lines, (n) => new Int32Array(n));
  }

  /** The employee's slot, marked as seen on this payroll; −1 when not on last period's. */
  take(id: string): number {
    const i = this.n === 0 ? undefined : this.index.get(id);
    if (i === undefined) return -1;
    this.flags[i]! |= SEEN;
    return i;
  }

  duesAt(i: number): Minor {
    return this.dues[i]!;
  }

  wasMember(i: number): boolean {
    return (this.flags[i]! & MEMBER) !== 0;
  }

  /** Same name, department, status and membership as last period: the register needs no update. */
  sameRegister(i: number, name: string, department: string, status: string, isMember: boolean): boolean {
    const sig = registerSignature(name, department, status, isMember);
    return this.sigA[i] === fnv(sig) && this.sigB[i] === mul(sig);
  }

  /** The status means something else than last period's (compared like exemptions: 退休 = retired). */
  statusChanged(i: number, status: string): boolean {
    return this.status[i] !== fnv(statusKey(status));
  }

  /** The employee's name on last period's payroll (a query: used for the few warnings shown). */
  nameOf(id: string): string {
    for (const l of this.ledger.memberLines({ member: id, period: this.period })) return l.name;
    return "";
  }

  /** Employees on last period's payroll not taken from this one, in last period's order. */
  *missing(): IterableIterator<{ id: string; line: number }> {
    for (const [id, i] of this.index) if ((this.flags[i]! & SEEN) === 0) yield { id, line: this.lines[i]! };
  }
}

function registerSignature(name: string, department: string, status: string, isMember: boolean): string {
  return `${isMember ? 1 : 0}\u0001${name}\u0001${department}\u0001${status}`;
}
