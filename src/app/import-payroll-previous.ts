// Last period's payroll (same source), held compactly for the import's warnings and for
// deciding which members changed: the ids as bytes in one buffer, an open-addressing hash
// table and typed arrays, about 40 bytes an employee and no object or string each, so a
// million-member union's second month stays within the memory budget.
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
  private n = 0;
  private dues = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private sigA = new Int32Array(1024);
  private sigB = new Int32Array(1024);
  private status = new Int32Array(1024);
  private lines = new Int32Array(1024);
  // Every id end to end as UTF-8 bytes (no string kept per employee), where each starts,
  // and the hash table of indexes filled by seal().
  private idBytes = Buffer.alloc(1 << 16);
  private idEnd = 0;
  private starts = new Int32Array(1025);
  private slots = new Int32Array(1).fill(-1);
  private mask = 0;
  private hashes = new Int32Array(1024);
  private readonly scratch = Buffer.alloc(1024);

  private constructor(readonly period: Period, private readonly ledger: Ledger) {}

  /** The live payroll batches of `period` from `source` (voided ones left out). */
  static load(ledger: Ledger, period: Period, source: string): PreviousPayroll {
    const p = new PreviousPayroll(period, ledger);
    const batches = ledger.batches({ period, source, kind: "payroll", includeVoided: false });
    // Sized once from the batches' row counts: no doubling (both copies alive at once) at a million.
    p.grow(batches.reduce((n, b) => n + (b.rows ?? 0), 0));
    for (const b of batches) {
      // By (period, batch): SQLite reads that index in line order (by batch alone it sorted
      // a million rows in a temporary b-tree), and raw rows make no object per line.
      for (const page of ledger.memberLineKeys(b.id, period)) {
        for (const [, id, dues, isMember, exempt, name, department, status, line] of page) p.add(id, dues, isMember === 1, exempt === 1, name, department, status, line);
      }
    }
    p.seal();
    return p;
  }

  private seal(): void {
    let size = 2;
    while (size < this.n * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < this.n; i++) {
      let j = this.hashes[i]! & this.mask;
      while (this.slots[j] !== -1) j = (j + 1) & this.mask;
      this.slots[j] = i;
    }
    this.hashes = new Int32Array(0);
  }

  private idAt(i: number): string {
    return this.idBytes.toString("utf8", this.starts[i]!, this.starts[i + 1]!);
  }

  get size(): number {
    return this.n;
  }

  private add(id: string, dues: Minor, isMember: boolean, exempt: boolean, name: string, department: string, status: string, line: number): void {
    if (this.n === this.dues.length) this.grow();
    const i = this.n++;
    const bytes = Buffer.byteLength(id);
    if (this.idEnd + bytes > this.idBytes.length) {
      const b = Buffer.alloc(Math.max(this.idBytes.length * 2, this.idEnd + bytes));
      this.idBytes.copy(b, 0, 0, this.idEnd);
      this.idBytes = b;
    }
    this.idBytes.write(id, this.idEnd);
    this.starts[i] = this.idEnd;
    this.idEnd += bytes;
    this.starts[i + 1] = this.idEnd;
    this.hashes[i] = fnv(id);
    this.dues[i] = dues;
    this.flags[i] = (isMember ? MEMBER : 0) | (exempt ? EXEMPT : 0);
    const sig = registerSignature(name, department, status, isMember);
    this.sigA[i] = fnv(sig);
    this.sigB[i] = mul(sig);
    this.status[i] = fnv(statusKey(status));
    this.lines[i] = line;
  }

  private grow(atLeast = 0): void {
    if (atLeast > 0 && atLeast <= this.dues.length) return;
    const size = Math.max(this.dues.length * 2, atLeast);
    const g = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => { const b = make(a === this.starts ? size + 1 : size); b.set(a); return b; };
    this.dues = g(this.dues, (n) => new Float64Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.sigA = g(this.sigA, (n) => new Int32Array(n));
    this.sigB = g(this.sigB, (n) => new Int32Array(n));
    this.status = g(this.status, (n) => new Int32Array(n));
    this.lines = g(this.lines, (n) => new Int32Array(n));
    this.hashes = g(this.hashes, (n) => new Int32Array(n));
    this.starts = g(this.starts, (n) => new Int32Array(n));
  }

  /** Forgets which employees were seen (a write that is tried again starts over). */
  reset(): void {
    for (let i = 0; i < this.n; i++) this.flags[i]! &= ~SEEN;
  }

  /** The employee's slot, marked as seen on this payroll; −1 when not on last period's. */
  take(id: string): number {
    if (this.n === 0) return -1;
    // Compare as bytes in a scratch buffer: no string or buffer made per lookup.
    const len = Buffer.byteLength(id);
    const key = len <= this.scratch.length ? this.scratch : Buffer.alloc(len);
    key.write(id, 0);
    for (let j = fnv(id) & this.mask; ; j = (j + 1) & this.mask) {
      const i = this.slots[j]!;
      if (i === -1) return -1;
      const at = this.starts[i]!;
      const end = this.starts[i + 1]!;
      if (end - at === len && this.idBytes.compare(key, 0, len, at, end) === 0) {
        this.flags[i]! |= SEEN;
        return i;
      }
    }
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
    for (let i = 0; i < this.n; i++) if ((this.flags[i]! & SEEN) === 0) yield { id: this.idAt(i), line: this.lines[i]! };
  }
}

function registerSignature(name: string, department: string, status: string, isMember: boolean): string {
  return `${isMember ? 1 : 0}\u0001${name}\u0001${department}\u0001${status}`;
}
