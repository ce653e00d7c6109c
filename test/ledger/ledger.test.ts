// The Ledger's promises to a treasurer: entries balance or nothing is written; the books
// cannot be edited in place (SQLite triggers, not only code); closed months stay sealed;
// a void reverses a whole batch once; balances and the trial balance add up.
import Database from "better-sqlite3";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Refusal } from "../../src/domain/problem.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { migration as m001 } from "../../src/ledger/migrations/001-core.js";
import { migration as m006 } from "../../src/ledger/migrations/006-years.js";
import { MIGRATIONS } from "../../src/ledger/migrations/index.js";
import { sqlFor } from "../../src/ledger/migrations/types.js";
import { tempDir } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase, pgUrlFor } from "./backends.js";
import { CREATED, freshLedger, importBatch, memberLine, spend, tamperWith, type Fixture } from "./fixtures.js";

let f: Fixture | undefined;
afterEach(() => { f?.cleanup(); f = undefined; });

function refusalOf(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

eachBackend((backend) => {
  describe("opening and creating", () => {
    it("refuses to create over an existing file (LEDGER_EXISTS, 73)", () => {
      f = freshLedger("cn-2021-base", backend);
      const r = refusalOf(() => Ledger.create(f!.path, { chart: "generic", currency: "USD", digits: 2, createdAt: CREATED }));
      expect(r.kind).toBe("cannot-write");
      expect(r.problems[0]!.code).toBe("LEDGER_EXISTS");
    });

    it.runIf(backend === "postgres")("a server that cannot be reached is LEDGER_SERVER_UNREACHABLE; an empty database is not a ledger; a database with other tables is not made one", () => {
      const r = refusalOf(() => Ledger.open(pgUrlFor("no_such_database_here")));
      expect(r.kind).toBe("missing");
      expect(r.problems[0]!.code).toBe("LEDGER_SERVER_UNREACHABLE");
      expect(r.problems[0]!.hint!.en).toContain("PGPASSWORD");
      const d = freshPgDatabase();
      try {
        expect(refusalOf(() => Ledger.open(d.url)).problems[0]!.code).toBe("LEDGER_NOT_A_LEDGER");
        tamperWith({ backend, path: d.url }, "CREATE TABLE notes (x TEXT);", { dropTriggers: false });
        const c = refusalOf(() => Ledger.create(d.url, { chart: "generic", currency: "USD", digits: 2, createdAt: CREATED }));
        expect(c.kind).toBe("cannot-write");
        expect(c.problems[0]!.code).toBe("LEDGER_DATABASE_NOT_EMPTY");
      } finally {
        d.drop();
      }
    });

    it.runIf(backend === "sqlite")("a missing ledger is LEDGER_MISSING (66) with a hint to run dues init", () => {
      const t = tempDir();
      try {
        const r = refusalOf(() => Ledger.open(join(t.dir, "nope.db")));
        expect(r.kind).toBe("missing");
        expect(r.problems[0]!.code).toBe("LEDGER_MISSING");
        expect(r.problems[0]!.hint!.en).toContain("dues init");
        expect(existsSync(join(t.dir, "nope.db"))).toBe(false);
      } finally {
        t.cleanup();
      }
    });

    it.runIf(backend === "sqlite")("a file that is not a dues ledger is LEDGER_NOT_A_LEDGER", () => {
      const t = tempDir();
      try {
        writeFileSync(join(t.dir, "notes.db"), "this is a text file, not SQLite\n".repeat(50));
        expect(refusalOf(() => Ledger.open(join(t.dir, "notes.db"))).problems[0]!.code).toBe("LEDGER_NOT_A_LEDGER");
        const other = new Database(join(t.dir, "other.db"));
        other.exec("CREATE TABLE t(x)");
        other.close();
        expect(refusalOf(() => Ledger.open(join(t.dir, "other.db"))).problems[0]!.code).toBe("LEDGER_NOT_A_LEDGER");
      } finally {
        t.cleanup();
      }
    });

    it("a ledger from a newer dues is refused (LEDGER_TOO_NEW), not damaged", () => {
      f = freshLedger("cn-2021-base", backend);
      f.ledger.close();
      tamperWith(f, "UPDATE meta SET value = '999' WHERE key = 'schema_version'", { dropTriggers: false });
      expect(refusalOf(() => Ledger.open(f!.path)).problems[0]!.code).toBe("LEDGER_TOO_NEW");
    });

    it("an older ledger is migrated on open (on SQLite after a backup copy is written beside it)", () => {
      const t = tempDir();
      const d = backend === "postgres" ? freshPgDatabase() : undefined;
      try {
        const path = d?.url ?? join(t.dir, "old.db");
        const meta = [["chart", "cn-2021-base"], ["currency", "CNY"], ["digits", "2"], ["created_at", CREATED], ["schema_version", "1"]];
        tamperWith({ backend, path }, `${sqlFor(m001, backend)};\nINSERT INTO meta(key, value) VALUES ${meta.map(([k, v]) => `('${k}', '${v}')`).join(", ")};`, { dropTriggers: false });

        // Read-only opening cannot migrate: it says so instead of failing later.
        expect(refusalOf(() => Ledger.open(path, { readonly: true })).problems[0]!.code).toBe("LEDGER_NEEDS_MIGRATION");

        const l = Ledger.open(path);
        expect(l.meta.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
        expect(l.meta.schemaVersion).toBeGreaterThan(1);
        importBatch(l, "2026-10", 3); // member_lines (migration 002) exists now
        expect([...l.memberLines({ period: "2026-10" })]).toHaveLength(3);
        l.close();
        if (d) return;

        const backup = new Database(join(t.dir, "old.db.v1.bak"), { readonly: true });
        expect((backup.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value).toBe("1");
        expect(backup.prepare("SELECT name FROM sqlite_master WHERE name = 'member_lines'").get()).toBeUndefined();
        backup.close();
      } finally {
        d?.drop();
        t.cleanup();
      }
    });
    it("a ledger made by schema 8 migrates to 9 (the posting trigger by line, the affiliates' left_on) and verifies", () => {
      f = freshLedger("cn-2021-base", backend);
      spend(f.ledger, "2026-10-01", 500);
      importBatch(f.ledger, "2026-10", 3);
      const head = f.ledger.head()!;
      f.ledger.close();
      // Back to what 008 left: 006's counting trigger, no left_on columns, schema_version 8.
      tamperWith(f, `${backend === "sqlite" ? m006.sqlite : m006.postgres}
        ALTER TABLE affiliates DROP COLUMN left_on; ALTER TABLE affiliate_versions DROP COLUMN left_on;
        UPDATE meta SET value = '8' WHERE key = 'schema_version';`, { dropTriggers: false });
      const l = Ledger.open(f.path);
      try {
        expect(l.meta.schemaVersion).toBe(9);
        expect(l.head()).toEqual(head);
        expect(l.verify().ok).toBe(true);
        spend(l, "2026-10-05", 700);
        expect(l.verify().ok).toBe(true);
        expect(l.db.prepare("SELECT COUNT(*) AS n FROM affiliates WHERE left_on IS NULL").get()).toEqual({ n: 0 });
      } finally {
        l.close();
      }
      f.ledger = Ledger.open(f.path);
    });
  });

  describe("posting entries", () => {
    it("books a balanced entry and reads it back with its postings", () => {
      f = freshLedger("cn-2021-base", backend);
      const seq = spend(f.ledger, "2026-10-20", 325050);
      const [e] = f.ledger.entries();
      expect(e!.seq).toBe(seq);
      expect(e!.postings).toEqual([
        { account: "50102", body: null, member: null, amount: 325050 },
        { account: "102", body: null, member: null, amount: -325050 },
      ]);
    });

    it("an unbalanced entry is a bug: it throws and nothing of its transaction remains", () => {
      f = freshLedger("cn-2021-base", backend);
      spend(f.ledger, "2026-10-01", 100);
      const before = { head: f.ledger.head(), batches: f.ledger.batches().length };
      const l = f.ledger;
      expect(() => l.transaction(() => {
        const batch = l.beginBatch({ kind: "record", createdAt: CREATED });
        l.postEntry({ batch, date: "2026-10-02", period: "2026-10", memo: "off by a fen", postings: [{ account: "50102", amount: 1000 }, { account: "102", amount: -999 }] });
      })).toThrow(/unbalanced/);
      expect({ head: l.head(), batches: l.batches().length }).toEqual(before);
    });

    it("unknown accounts, parent accounts and body mistakes are refused before writing", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      const attempt = (postings: { account: string; body?: string; amount: number }[]) => () => l.transaction(() => {
        const batch = l.beginBatch({ kind: "record", createdAt: CREATED });
        l.postEntry({ batch, date: "2026-10-02", period: "2026-10", memo: "x", postings });
      });
      expect(attempt([{ account: "999", amount: 5 }, { account: "102", amount: -5 }])).toThrow(/not a postable account/);
      expect(attempt([{ account: "501", amount: 5 }, { account: "102", amount: -5 }])).toThrow(/not a postable account/);
      expect(attempt([{ account: "211", amount: 5 }, { account: "102", amount: -5 }])).toThrow(/needs body/);
      expect(attempt([{ account: "102", body: "city", amount: 5 }, { account: "408", amount: -5 }])).toThrow(/takes no body/);
      expect(l.head()).toBeNull();
    });

    it("every write must happen inside a transaction", () => {
      f = freshLedger("cn-2021-base", backend);
      expect(() => f!.ledger.beginBatch({ kind: "record", createdAt: CREATED })).toThrow(/inside ledger.transaction/);
    });

    it("a batch must have an entry, and member lines must be followed by one, or the transaction is rolled back", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      expect(() => l.transaction(() => { l.beginBatch({ kind: "import", createdAt: CREATED }); })).toThrow(/no entries/);
      expect(() => l.transaction(() => {
        const b = l.beginBatch({ kind: "import", period: "2026-10", createdAt: CREATED });
        l.postEntry({ batch: b, date: "2026-10-28", period: "2026-10", memo: "dues", postings: [{ account: "13501", amount: 10 }, { account: "401", amount: -10 }] });
        l.appendMemberLines(b, [memberLine(1)]);
      })).toThrow(/after its last entry/);
      expect(l.batches()).toEqual([]);
      expect([...l.memberLines({ includeVoided: true })]).toEqual([]);
    });
  });

  describe("the database refuses edits even without the code", () => {
    it("UPDATE and DELETE on entries, postings, batches and member lines are refused by triggers", () => {
      f = freshLedger("cn-2021-base", backend);
      importBatch(f.ledger, "2026-10", 2);
      const db = f.ledger.db;
      for (const sql of [
        "UPDATE entries SET memo = 'x'", "DELETE FROM entries",
        "UPDATE postings SET amount = amount + 1", "DELETE FROM postings",
        "UPDATE batches SET file = 'other.csv'", "DELETE FROM batches",
        "UPDATE member_lines SET dues = 0", "DELETE FROM member_lines",
        ...(backend === "postgres" ? ["TRUNCATE postings", "TRUNCATE member_lines", "TRUNCATE entries CASCADE"] : []),
      ]) {
        expect(() => db.exec(sql), sql).toThrow(/LEDGER_APPEND_ONLY/);
      }
    });

    it.runIf(backend === "postgres")("INSERT … ON CONFLICT DO UPDATE cannot swap a batch or a member line either", () => {
      f = freshLedger("cn-2021-base", backend);
      importBatch(f.ledger, "2026-10", 2);
      const db = f.ledger.db;
      expect(() => db.exec("INSERT INTO batches(id, kind, file, created_at) VALUES (1, 'import', 'other.csv', 'x') ON CONFLICT (id) DO UPDATE SET file = EXCLUDED.file")).toThrow(/LEDGER_APPEND_ONLY/);
      expect(() => db.exec(`INSERT INTO member_lines(id, batch_id, period, member_id, source_line, name, department, status, is_member, exempt,
        dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base) SELECT id, batch_id, period, member_id, source_line, name, department,
        status, is_member, exempt, dues_base, truncated_base, rate_text, 0, deducted, difference, funds_base FROM member_lines WHERE id = 1
        ON CONFLICT (id) DO UPDATE SET dues = EXCLUDED.dues`)).toThrow(/LEDGER_APPEND_ONLY/);
      expect(f.ledger.verify().ok).toBe(true);
    });

    it.runIf(backend === "sqlite")("INSERT OR REPLACE cannot swap a batch or a member line either", () => {
      f = freshLedger("cn-2021-base", backend);
      importBatch(f.ledger, "2026-10", 2);
      const db = f.ledger.db;
      expect(() => db.exec("INSERT OR REPLACE INTO batches(id, kind, file, created_at) VALUES (1, 'import', 'other.csv', 'x')")).toThrow(/LEDGER_APPEND_ONLY/);
      expect(() => db.exec(`INSERT OR REPLACE INTO member_lines(id, batch_id, period, member_id, source_line, name, department, status, is_member, exempt,
        dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base) SELECT id, batch_id, period, member_id, source_line, name, department,
        status, is_member, exempt, dues_base, truncated_base, rate_text, 0, deducted, difference, funds_base FROM member_lines WHERE id = 1`)).toThrow(/LEDGER_APPEND_ONLY/);
      expect(f.ledger.verify().ok).toBe(true);
    });

    it("an unbalanced entry written with raw SQL cannot be followed by another entry", () => {
      f = freshLedger("cn-2021-base", backend);
      spend(f.ledger, "2026-10-01", 500);
      const db = f.ledger.db;
      const head = f.ledger.head()!;
      db.prepare("INSERT INTO batches(id, kind, created_at) VALUES (2, 'record', ?)").run(CREATED);
      db.prepare(`INSERT INTO entries(seq, date, period, kind, memo, batch, postings, debit_total, recorded_at, prev_hash, hash)
        VALUES (2, '2026-10-02', '2026-10', 'record', 'forged', 2, 2, 700, ?, ?, 'f00')`).run(CREATED, head.hash);
      db.prepare("INSERT INTO postings(entry, line, period, account, amount) VALUES (2, 1, '2026-10', '50102', 700)").run();
      db.prepare("INSERT INTO postings(entry, line, period, account, amount) VALUES (2, 2, '2026-10', '102', -600)").run();
      // A third posting beyond the two the entry declared is refused outright.
      expect(() => db.prepare("INSERT INTO postings(entry, line, period, account, amount) VALUES (2, 3, '2026-10', '102', -100)").run()).toThrow(/LEDGER_UNBALANCED/);
      // Nor a posting numbered outside 1..n or reusing a line (migration 009 checks the line, not a count).
      for (const line of [0, 3, 2]) {
        expect(() => db.prepare("INSERT INTO postings(entry, line, period, account, amount) VALUES (2, ?, '2026-10', '102', -100)").run(line), `line ${line}`).toThrow(/LEDGER_UNBALANCED/);
      }
      // And the next entry cannot be appended after an unbalanced one.
      expect(() => spend(f!.ledger, "2026-10-03", 1)).toThrow(/LEDGER_UNBALANCED/);
      expect(f.ledger.verify().breaks.map((b) => b.code)).toContain("VERIFY_UNBALANCED");
    });

    it("entries must extend the chain in order", () => {
      f = freshLedger("cn-2021-base", backend);
      spend(f.ledger, "2026-10-01", 500);
      expect(() => f!.ledger.db.prepare(`INSERT INTO entries(seq, date, period, kind, memo, batch, postings, debit_total, recorded_at, prev_hash, hash)
        VALUES (7, '2026-10-02', '2026-10', 'record', 'skip ahead', 1, 0, 0, 'x', 'y', 'z')`).run()).toThrow(/LEDGER_CHAIN_ORDER/);
    });
  });

  describe("closing months", () => {
    it("a closed month refuses entries (LEDGER_PERIOD_CLOSED, 73) in code and in SQLite; reopening allows them again", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      spend(l, "2026-10-05", 100);
      const close = l.closePeriod("2026-10", { date: "2026-11-03", createdAt: CREATED });
      expect(close.headSeq).toBe(1);
      expect(close.headHash).toBe(l.entries()[0]!.hash);
      expect(l.isClosed("2026-10")).toBe(true);

      const r = refusalOf(() => spend(l, "2026-10-30", 200));
      expect(r.kind).toBe("cannot-write");
      expect(r.problems[0]!.code).toBe("LEDGER_PERIOD_CLOSED");
      // An entry whose period is open but whose date falls in the closed month is refused too.
      expect(refusalOf(() => l.transaction(() => {
        const b = l.beginBatch({ kind: "record", createdAt: CREATED });
        l.postEntry({ batch: b, date: "2026-10-31", period: "2026-11", memo: "backdated", postings: [{ account: "50102", amount: 1 }, { account: "102", amount: -1 }] });
      })).problems[0]!.code).toBe("LEDGER_PERIOD_CLOSED");
      // Member lines of a closed month too.
      expect(refusalOf(() => importBatch(l, "2026-10", 1)).problems[0]!.code).toBe("LEDGER_PERIOD_CLOSED");
      // The trigger stands behind the code.
      expect(() => l.db.transaction(() => {
        l.db.prepare("INSERT INTO batches(id, kind, created_at) VALUES (3, 'record', ?)").run(CREATED);
        l.db.prepare(`INSERT INTO entries(seq, date, period, kind, memo, batch, postings, debit_total, recorded_at, prev_hash, hash)
          VALUES (3, '2026-10-30', '2026-10', 'record', 'raw', 3, 0, 0, 'x', ?, 'z')`).run(l.head()!.hash);
      })()).toThrow(/LEDGER_PERIOD_CLOSED/);

      expect(refusalOf(() => l.closePeriod("2026-10", { date: "2026-11-03", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_ALREADY_CLOSED");
      const reopen = l.reopenPeriod("2026-10", { reason: "late invoice", date: "2026-11-04", createdAt: CREATED });
      expect(reopen.reason).toBe("late invoice");
      expect(l.isClosed("2026-10")).toBe(false);
      expect(refusalOf(() => l.reopenPeriod("2026-10", { reason: "again", date: "2026-11-04", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_NOT_CLOSED");
      spend(l, "2026-10-30", 200);
      // Close and reopen are entries in the chain, with no postings.
      expect(l.entries({ kinds: ["close", "reopen"] }).map((e) => [e.kind, e.ref, e.postings.length, e.memo])).toEqual([
        ["close", "2026-10", 0, "close 2026-10"], ["reopen", "2026-10", 0, "late invoice"],
      ]);
      expect(l.verify().ok).toBe(true);
    });
  });

  describe("voiding a batch", () => {
    it("reverses every entry of the batch in its own period, hides its member lines, and is refused twice", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      const oct = importBatch(l, "2026-10", 4, 500);
      spend(l, "2026-10-20", 3000);
      const v = l.voidBatch(oct.batch, { reason: "wrong file", createdAt: CREATED });
      expect(v.entries).toHaveLength(1);
      const [rev] = l.entries({ batch: v.voidBatch });
      expect(rev!.reverses).toBe(oct.entry);
      expect(rev!.period).toBe("2026-10");
      // The month now holds only the spending: receivable, income and the city share net to zero.
      const byAccount = Object.fromEntries(l.balances({ from: "2026-10", to: "2026-10" }).map((b) => [b.account, b.balance]));
      expect(byAccount).toEqual({ "102": -3000, "13501": 0, "211": 0, "401": 0, "50102": 3000 });
      expect([...l.memberLines({ period: "2026-10" })]).toEqual([]);
      expect([...l.memberLines({ period: "2026-10", includeVoided: true })]).toHaveLength(4);
      expect(l.batch(oct.batch)).toMatchObject({ voided: true, voidedBy: v.voidBatch, voidReason: "wrong file" });

      expect(refusalOf(() => l.voidBatch(oct.batch, { reason: "again", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_ALREADY_VOIDED");
      expect(refusalOf(() => l.voidBatch(v.voidBatch, { reason: "undo the undo", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_CANNOT_VOID");
      expect(refusalOf(() => l.voidBatch(99, { reason: "x", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_UNKNOWN_BATCH");
      expect(l.verify().ok).toBe(true);
    });

    it("a batch in a closed month cannot be voided until the month is reopened", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      const oct = importBatch(l, "2026-10", 2);
      l.closePeriod("2026-10", { date: "2026-11-02", createdAt: CREATED });
      const head = l.head();
      expect(refusalOf(() => l.voidBatch(oct.batch, { reason: "x", createdAt: CREATED })).problems[0]!.code).toBe("LEDGER_PERIOD_CLOSED");
      expect(l.head()).toEqual(head);
      expect(l.batch(oct.batch)!.voided).toBe(false);
    });
  });

  describe("reading balances", () => {
    it("balances by account, body and period; a parent account includes its sub-accounts; as-of leaves later entries out", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      importBatch(l, "2026-10", 3, 1000);
      importBatch(l, "2026-11", 2, 700);
      spend(l, "2026-11-10", 1200);
      expect(l.balances({ account: "211", byBody: true, byPeriod: true })).toEqual([
        { account: "211", body: "city", period: "2026-10", debit: 0, credit: 1000, balance: -1000 },
        { account: "211", body: "city", period: "2026-11", debit: 0, credit: 700, balance: -700 },
      ]);
      expect(l.balances({ account: "501" })).toEqual([{ account: "50102", body: null, debit: 1200, credit: 0, balance: 1200 }]);
      expect(l.balances({ account: "211", asOf: "2026-10-31" }).map((b) => b.balance)).toEqual([-1000]);
    });

    it("the trial balance carries everything before the range as opening, and nets to zero", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      spend(l, "2026-09-10", 400);
      spend(l, "2026-10-10", 250);
      const rows = l.trialBalance({ from: "2026-10", to: "2026-10" });
      expect(rows.find((r) => r.account === "102")).toEqual({ account: "102", body: null, opening: -400, debit: 0, credit: 250, closing: -650 });
      expect(rows.reduce((t, r) => t + r.closing, 0)).toBe(0);
    });

    it("member lines come back exactly as written, with the batch they belong to", () => {
      f = freshLedger("cn-2021-base", backend);
      const { batch } = importBatch(f.ledger, "2026-10", 2);
      const [first] = [...f.ledger.memberLines({ period: "2026-10" })];
      expect(first).toEqual({ id: 1, batchId: batch, ...memberLine(0) });
    });
  });

  describe("nested transactions", () => {
    it("a nested step that fails after beginning a batch rolls back alone; the outer work commits", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      l.closePeriod("2026-09", { date: "2026-10-02", createdAt: CREATED });
      const seq = l.transaction(() => {
        const b = l.beginBatch({ kind: "import", period: "2026-10", createdAt: CREATED });
        l.appendMemberLines(b, [memberLine(9)]);
        // A nested step begins a batch of its own, then is refused (September is closed)...
        expect(() => l.transaction(() => {
          l.appendMemberLines(b, [memberLine(10)]); // rolled back with the savepoint, so not in the digest either
          const late = l.beginBatch({ kind: "record", createdAt: CREATED });
          l.postEntry({ batch: late, date: "2026-09-30", period: "2026-09", memo: "late", postings: [{ account: "50102", amount: 1 }, { account: "102", amount: -1 }] });
        })).toThrow(Refusal);
        // ...and the outer transaction still books its batch and commits.
        return l.postEntry({ batch: b, date: "2026-10-28", period: "2026-10", memo: "dues", postings: [{ account: "13501", amount: 3390 }, { account: "401", amount: -3390 }] });
      });
      expect(seq).toBe(2);
      expect(l.batches().map((b) => b.kind)).toEqual(["close", "import"]);
      expect([...l.memberLines({ period: "2026-10" })].map((x) => x.memberId)).toEqual(["E0009"]);
      expect(l.verify().ok).toBe(true);
    });

    it("a nested step that posted an entry and closed a month, then failed, leaves the head and the open months as they were (the write transaction's cache)", () => {
      f = freshLedger("cn-2021-base", backend);
      const l = f.ledger;
      spend(l, "2026-09-10", 100);
      const seq = l.transaction(() => {
        expect(l.head()!.seq).toBe(1);
        expect(() => l.transaction(() => {
          spend(l, "2026-10-05", 200); // entry 2, rolled back with the savepoint
          l.closePeriod("2026-10", { date: "2026-10-31", createdAt: CREATED });
          expect(l.head()!.seq).toBe(3);
          expect(l.isClosed("2026-10")).toBe(true);
          throw new Error("inner");
        })).toThrow("inner");
        expect(l.head()!.seq).toBe(1);
        expect(l.isClosed("2026-10")).toBe(false);
        return spend(l, "2026-10-06", 300);
      });
      expect(seq).toBe(2);
      expect(l.entries().map((e) => e.seq)).toEqual([1, 2]);
      expect(l.closedPeriods()).toEqual([]);
      expect(l.verify().ok).toBe(true);
      // Outside a write transaction nothing is cached: a close made now is seen at once.
      l.closePeriod("2026-10", { date: "2026-10-31", createdAt: CREATED });
      expect(l.isClosed("2026-10")).toBe(true);
      expect(l.head()!.seq).toBe(3);
    });
  });
});
