// The payroll import's member lines as columns (computed on the reader thread, with their
// canonical bytes built there) must give the ledger exactly what the object path gives:
// the same stored rows, the same lines digest and entry hash, and a chain that verifies.
import { afterEach, describe, expect, it } from "vitest";
import { memberLineCanonical } from "../../src/ledger/canonical.js";
import type { Ledger, MemberLine } from "../../src/ledger/ledger.js";
import { PayrollComputer, type ComputeSpec } from "../../src/import/payroll-compute.js";
import type { PayrollRow } from "../../src/import/payroll-reader.js";
import type { DuesRule } from "../../src/domain/scheme.js";
import { eachBackend } from "./backends.js";
import { CREATED, freshLedger, type Fixture } from "./fixtures.js";

const RULE: DuesRule = {
  base: "dues", baseStep: 1000, method: { kind: "rate", rate: { num: 1n, den: 200n, text: "0.5%" } },
  round: { step: 1, mode: "half-up", text: "0.01" }, min: null, max: null, exempt: ["退休"], split: [], remainder: { kind: "largest" },
} as DuesRule;

const ROWS: PayrollRow[] = [
  { line: 3, employeeId: "E0001", name: "张三", department: "研发中心,北京", member: true, status: null, bases: { dues: 678945, funds: 800000 }, deducted: 3390 },
  { line: 4, employeeId: "E0002", name: "李四 \"小李\"", department: null, member: false, status: "在职", bases: { dues: 500000, funds: 500000 }, deducted: 100 },
  { line: 5, employeeId: "E0003", name: "王五", department: "后勤", member: true, status: " 退休 ", bases: { dues: 300000, funds: 0 }, deducted: 0 },
  { line: 7, employeeId: "E0004", name: "Zoë\u2028", department: "☃", member: true, status: "active", bases: { dues: 0, funds: 0 }, deducted: null },
];

function spec(membership: ComputeSpec["membership"]): ComputeSpec {
  return { rule: RULE, fundsBase: "funds", membership, roster: null, period: "2026-10", rateText: "0.5%", file: "p.csv", warningsKept: 50, unknownKept: 200 };
}

/** The same lines as MemberLine objects, the way the import built them before the columns. */
function asObjects(c: ReturnType<PayrollComputer["chunk"]>): MemberLine[] {
  return Array.from({ length: c.n }, (_, i) => ({
    period: "2026-10", memberId: c.memberId[i]!, sourceLine: c.line[i]!, name: c.name[i]!, department: c.department[i]!, status: c.status[i]!,
    isMember: c.isMember[i] === 1, exempt: c.exempt[i] === 1, exemptReason: [null, "not-member", "exempt-status"][c.reason[i]!]!,
    duesBase: c.duesBase[i]!, truncatedBase: c.truncatedBase[i]!, rateText: c.isMember[i] === 1 ? "0.5%" : "", dues: c.dues[i]!,
    deducted: Number.isNaN(c.deducted[i]!) ? null : c.deducted[i]!, difference: c.difference[i]!, fundsBase: c.fundsBase[i]!,
  }));
}

function book(l: Ledger, append: (batch: number) => void): string {
  return l.transaction(() => {
    const batch = l.beginBatch({ kind: "import", period: "2026-10", source: "default", file: "p.csv", sha256: "ab".repeat(32), rows: ROWS.length, createdAt: CREATED });
    append(batch);
    l.postEntry({ batch, date: "2026-10-31", period: "2026-10", memo: "dues", kind: "import", postings: [{ account: "13501", amount: 10 }, { account: "401", amount: -10 }] });
    return l.head()!.hash;
  });
}

eachBackend((backend) => {
  describe(`member lines as columns (${backend})`, () => {
    const fixtures: Fixture[] = [];
    afterEach(() => { for (const f of fixtures.splice(0)) f.cleanup(); });

    it("the computed canonical bytes are memberLineCanonical of each line, and both paths store and hash the same", () => {
      const chunk = new PayrollComputer(spec("column")).chunk(ROWS);
      const objects = asObjects(chunk);
      expect(objects.map((o) => o.exemptReason)).toEqual([null, "not-member", "exempt-status", null]);
      expect(objects[2]!.status).toBe("退休");
      const text = objects.map((o) => memberLineCanonical([
        o.period, o.memberId, o.sourceLine, o.name, o.department, o.status, o.isMember ? 1 : 0, o.exempt ? 1 : 0, o.exemptReason,
        o.duesBase, o.truncatedBase, o.rateText, o.dues, o.deducted, o.difference, o.fundsBase,
      ])).join("");
      expect(Buffer.from(chunk.canonical).toString("utf8")).toBe(text);

      const a = freshLedger("cn-2021-base", backend);
      const b = freshLedger("cn-2021-base", backend);
      fixtures.push(a, b);
      const hashA = book(a.ledger, (batch) => a.ledger.appendMemberLines(batch, objects));
      const hashB = book(b.ledger, (batch) => b.ledger.appendMemberLineColumns(batch, chunk));
      expect(hashB).toBe(hashA);
      const strip = (l: Ledger) => [...l.memberLines()].map(({ id: _id, ...rest }) => rest);
      expect(strip(b.ledger)).toEqual(strip(a.ledger));
      expect(b.ledger.verify().ok).toBe(true);
    });
  });
});
