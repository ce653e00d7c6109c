// Someone with the sqlite3 CLI drops the triggers and edits the books. `verify` must
// still catch every kind of edit (changed, removed, inserted rows) and name the first
// broken entry, because it recomputes the chain instead of trusting the triggers.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Ledger, type VerifyReport } from "../../src/ledger/ledger.js";
import { CREATED, freshLedger, importBatch, spend, type Fixture } from "./fixtures.js";

let f: Fixture;

// The books before tampering: entry 1 the October import (batch 1, 5 member lines),
// 2 and 3 spending, 4 the November import (batch 4, 3 lines), 5 a spending voided by
// entry 6, then October closed (entry 7), and a last spending (entry 8).
beforeEach(() => { f = freshLedger(); });
afterEach(() => f.cleanup());

function books(l: Ledger): void {
  importBatch(l, "2026-10", 5);
  spend(l, "2026-10-10", 500, "球赛");
  spend(l, "2026-10-12", 800, "书屋");
  importBatch(l, "2026-11", 3);
  spend(l, "2026-11-02", 999, "duplicate");
  l.voidBatch(5, { reason: "entered twice", createdAt: CREATED });
  l.closePeriod("2026-10", { date: "2026-11-05", createdAt: CREATED });
  spend(l, "2026-11-06", 120, "茶叶");
}

/** Opens the file behind the Ledger's back, drops every trigger, runs the SQL. */
function tamper(path: string, sql: string): void {
  const raw = new Database(path);
  raw.pragma("foreign_keys = OFF");
  const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
  for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
  raw.exec(sql);
  raw.close();
}

function verifyAfter(sql: string, o: { head?: string } = {}): VerifyReport {
  f.ledger.close();
  tamper(f.path, sql);
  const l = Ledger.open(f.path);
  try {
    return l.verify(o);
  } finally {
    l.close();
  }
}

const codes = (r: VerifyReport) => [...new Set(r.breaks.map((b) => b.code))].sort();

describe("verify catches tampering after the triggers are dropped", () => {
  beforeEach(() => books(f.ledger));

  it("intact books verify, with the expected entry count", () => {
    const r = f.ledger.verify();
    expect(r.breaks).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.entries).toBe(8);
    expect(r.memberLines).toBe(8);
  });

  it("a changed amount that still balances: entry 2 is named", () => {
    const r = verifyAfter("UPDATE postings SET amount = amount * 2 WHERE entry = 2");
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(["VERIFY_ENTRY_CHANGED", "VERIFY_POSTINGS_CHANGED"]);
    expect(r.firstBroken).toBe(2);
  });

  it("a changed memo or date", () => {
    expect(verifyAfter("UPDATE entries SET memo = '书屋 (books)' WHERE seq = 3").firstBroken).toBe(3);
  });

  it("an unbalanced edit is reported as unbalanced too", () => {
    const r = verifyAfter("UPDATE postings SET amount = 501 WHERE entry = 2 AND line = 1");
    expect(codes(r)).toEqual(["VERIFY_ENTRY_CHANGED", "VERIFY_POSTINGS_CHANGED", "VERIFY_UNBALANCED"]);
    expect(r.firstBroken).toBe(2);
  });

  it("a removed entry in the middle", () => {
    const r = verifyAfter("DELETE FROM postings WHERE entry = 3; DELETE FROM entries WHERE seq = 3");
    expect(codes(r)).toContain("VERIFY_ENTRY_MISSING");
    expect(r.firstBroken).toBe(3);
  });

  it("a removed posting, and an inserted one", () => {
    expect(verifyAfter("DELETE FROM postings WHERE entry = 2 AND line = 2").firstBroken).toBe(2);
  });

  it("an inserted posting pair that balances", () => {
    const r = verifyAfter("INSERT INTO postings(entry, line, period, account, amount) VALUES (3, 3, '2026-10', '50102', 100), (3, 4, '2026-10', '102', -100)");
    expect(codes(r)).toEqual(["VERIFY_ENTRY_CHANGED", "VERIFY_POSTINGS_CHANGED"]);
    expect(r.firstBroken).toBe(3);
  });

  it("an entry inserted in the middle by renumbering the ones after it", () => {
    const r = verifyAfter(`
      UPDATE postings SET entry = entry + 100 WHERE entry >= 3;
      UPDATE entries SET seq = seq + 100 WHERE seq >= 3;
      UPDATE entries SET seq = seq - 99 WHERE seq >= 103;
      UPDATE postings SET entry = entry - 99 WHERE entry >= 103;
      INSERT INTO entries(seq, date, period, kind, memo, batch, postings, debit_total, recorded_at, prev_hash, hash)
        SELECT 3, '2026-10-11', '2026-10', 'record', 'cash out', 2, 2, 5000, recorded_at, hash, 'forged' FROM entries WHERE seq = 2;
      INSERT INTO postings(entry, line, period, account, amount) VALUES (3, 1, '2026-10', '50102', 5000), (3, 2, '2026-10', '101', -5000);
    `);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toBe(3);
  });

  it("the newest entries removed: the high-water mark remembers them", () => {
    const r = verifyAfter("DELETE FROM postings WHERE entry = 8; DELETE FROM entries WHERE seq = 8; DELETE FROM batches WHERE id = 8");
    expect(codes(r)).toEqual(["VERIFY_BATCH_MISSING", "VERIFY_ENTRY_MISSING"]);
    expect(r.firstBroken).toBe(8);
  });

  it("a thorough forger who also rewinds the high-water marks is caught by a chain head kept elsewhere", () => {
    const kept = f.ledger.head()!.hash;
    const r = verifyAfter(`DELETE FROM postings WHERE entry = 8; DELETE FROM entries WHERE seq = 8; DELETE FROM batches WHERE id = 8;
      UPDATE sqlite_sequence SET seq = 7 WHERE name = 'entries'; UPDATE sqlite_sequence SET seq = 7 WHERE name = 'batches';`, { head: kept });
    expect(r.breaks).toEqual([]);
    expect(r.headCheck).toEqual({ hash: kept, found: false, seq: null, after: 0 });
    expect(r.ok).toBe(false);
  });

  it("verify --head says which entries came after a kept head", () => {
    const atClose = f.ledger.closes()[0]!;
    const r = f.ledger.verify({ head: atClose.headHash! });
    expect(r.headCheck).toEqual({ hash: atClose.headHash, found: true, seq: 6, after: 2 });
    expect(r.ok).toBe(true);
  });

  it("a changed, a removed and an inserted member line", () => {
    const changed = verifyAfter("UPDATE member_lines SET dues = 0 WHERE id = 2");
    expect(codes(changed)).toEqual(["VERIFY_MEMBER_LINES_CHANGED"]);
    expect(changed.firstBroken).toBe(1);
    expect(changed.breaks[0]!.batch).toBe(1);
  });

  it("a removed member line", () => {
    const r = verifyAfter("DELETE FROM member_lines WHERE id = 7");
    expect(codes(r)).toEqual(["VERIFY_MEMBER_LINES_CHANGED"]);
    expect(r.breaks[0]!.batch).toBe(4);
  });

  it("an inserted member line", () => {
    const r = verifyAfter(`INSERT INTO member_lines(batch_id, period, member_id, source_line, name, department, status, is_member, exempt,
      dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base)
      VALUES (1, '2026-10', 'GHOST', 99, 'ghost', 'x', 'active', 1, 0, 100000, 100000, '0.5%', 500, 500, 0, 100000)`);
    expect(codes(r)).toEqual(["VERIFY_MEMBER_LINES_CHANGED"]);
    expect(r.breaks[0]!.batch).toBe(1);
  });

  it("all member lines of a batch removed", () => {
    const r = verifyAfter("DELETE FROM member_lines WHERE batch_id = 4");
    expect(codes(r)).toEqual(["VERIFY_MEMBER_LINES_CHANGED"]);
    expect(r.firstBroken).toBe(4);
  });

  it("a batch's file name rewritten", () => {
    const r = verifyAfter("UPDATE batches SET file = 'other.csv' WHERE id = 4");
    expect(codes(r)).toEqual(["VERIFY_ENTRY_CHANGED"]);
    expect(r.firstBroken).toBe(4);
  });

  it("a void record removed, so the voided batch would look live", () => {
    expect(codes(verifyAfter("DELETE FROM batch_voids"))).toEqual(["VERIFY_VOID_MISMATCH"]);
  });

  it("a close record removed, so October would look open", () => {
    const r = verifyAfter("DELETE FROM closes");
    expect(codes(r)).toEqual(["VERIFY_CLOSE_MISMATCH"]);
    expect(r.firstBroken).toBe(7);
  });

  it("the currency digits in meta changed: the chain breaks at entry 1", () => {
    const r = verifyAfter("UPDATE meta SET value = '0' WHERE key = 'digits'");
    expect(codes(r)).toEqual(["VERIFY_CHAIN_BROKEN"]);
    expect(r.firstBroken).toBe(1);
  });

  it("a stored configuration text changed", () => {
    const text = "union: { name: 示例 }\n";
    const sha = createHash("sha256").update(text).digest("hex");
    f.ledger.transaction(() => f.ledger.saveConfig(sha, text));
    expect(codes(verifyAfter(`UPDATE configs SET text = 'union: { name: other }' WHERE sha256 = '${sha}'`))).toEqual(["VERIFY_CONFIG_CHANGED"]);
  });

  it("a damaged page is reported by SQLite's integrity check, not as a crash", () => {
    importBatch(f.ledger, "2026-12", 400);
    f.ledger.db.pragma("wal_checkpoint(TRUNCATE)");
    // Overwrite part of a member_lines page in the middle of that table with noise. The page is
    // found by dbstat, not by its place in the file: new tables (migration 007) put empty
    // index pages in the middle, where noise after the header goes unnoticed.
    const leaves = f.ledger.db.prepare("SELECT pageno FROM dbstat WHERE name = 'member_lines' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const page = leaves[Math.floor(leaves.length / 2)]!;
    f.ledger.close();
    const fd = openSync(f.path, "r+");
    writeSync(fd, Buffer.alloc(1000, 0x5a), 0, 1000, (page - 1) * 4096 + 8);
    closeSync(fd);
    const l = Ledger.open(f.path);
    try {
      const r = l.verify();
      expect(r.ok).toBe(false);
      expect(codes(r)).toContain("VERIFY_SQLITE_INTEGRITY");
    } finally {
      l.close();
    }
  });

  it("a ledger damaged where opening needs it is LEDGER_DAMAGED (66), with a hint to restore a backup", () => {
    f.ledger.close();
    const fd = openSync(f.path, "r+");
    writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, 100); // the schema page
    closeSync(fd);
    let code = "";
    try {
      Ledger.open(f.path).close();
    } catch (e) {
      code = (e as { problems?: { code: string }[] }).problems?.[0]?.code ?? String(e);
    }
    expect(code).toBe("LEDGER_DAMAGED");
  });
});
