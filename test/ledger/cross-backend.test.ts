// The same books on both backends hash the same (issue 11: "a ledger copied between
// backends verifies the same"): the demo year built on SQLite and on PostgreSQL from the
// same inputs and clock has the same chain head, trial balance and reconciliation; and a
// SQLite ledger copied row for row onto the server verifies there with the same head.
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger } from "../../src/ledger/ledger.js";
import { PgDb } from "../../src/ledger/pg-db.js";
import { dues, tempDir } from "../helpers/cli.js";
import { freshPgDatabase, PG_SKIP_REASON, PG_URL } from "./backends.js";

describe.skipIf(!PG_URL)(`the same books on SQLite and PostgreSQL (${PG_URL ? "DUES_TEST_PG" : PG_SKIP_REASON})`, () => {
  let t: ReturnType<typeof tempDir>;
  let server: ReturnType<typeof freshPgDatabase>;
  beforeAll(() => {
    t = tempDir("dues-cross-");
    server = freshPgDatabase();
    expect(dues(["demo", "lite"], { cwd: t.dir }).code).toBe(0);
    expect(dues(["--db", server.url, "demo", "pg"], { cwd: t.dir }).code).toBe(0);
  }, 120_000);
  afterAll(() => { server?.drop(); t?.cleanup(); });

  it("the demo year built on each has the same chain head, trial balance, reconciliation and arrears", () => {
    const lite = (args: string[]) => dues(["--json", ...args], { cwd: join(t.dir, "lite") });
    const pg = (args: string[]) => dues(["--json", "--db", server.url, ...args], { cwd: join(t.dir, "pg") });
    for (const args of [["verify"], ["report", "trial", "--year", "2025"], ["reconcile"], ["arrears"], ["report", "journal", "--year", "2025"]]) {
      const a = lite(args);
      const b = pg(args);
      expect(b.code, args.join(" ")).toBe(a.code);
      expect(JSON.parse(b.stdout), args.join(" ")).toEqual(JSON.parse(a.stdout));
    }
    expect(JSON.parse(lite(["verify"]).stdout).ok).toBe(true);
  });

  it("the demo built on a server names the server, not dues.db, and its suggested commands carry --db", () => {
    const again = freshPgDatabase();
    try {
      const r = dues(["--lang", "en", "--db", again.url, "demo", "pg-again"], { cwd: t.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain("dues.db");
      expect(r.stdout).toContain("the ledger is on the server postgres://");
      expect(r.stdout).toMatch(/dues --db 'postgres:\/\/[^']+' verify/);
    } finally {
      again.drop();
    }
  }, 120_000);

  it("a SQLite ledger copied row for row onto the server verifies there the same", () => {
    const copy = freshPgDatabase();
    const src = new Database(join(t.dir, "lite", "dues.db"), { readonly: true });
    try {
      // The schema from dues itself, then every table's rows as they are, as a DBA would copy them.
      Ledger.create(copy.url, { chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: "x" }).close();
      const db = new PgDb(copy.url);
      try {
        db.exec("BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM meta;");
        const tables = src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[];
        for (const table of tables) {
          const rows = src.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
          const cols = src.prepare(`SELECT * FROM ${table} LIMIT 1`).columns().map((c) => c.name);
          for (let i = 0; i < rows.length; i += 200) {
            const chunk = rows.slice(i, i + 200);
            db.prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES ${chunk.map(() => `(${cols.map(() => "?").join(", ")})`).join(", ")}`).run(chunk.flat());
          }
        }
        for (const m of src.prepare("SELECT name, seq FROM sqlite_sequence").all() as { name: string; seq: number }[]) {
          db.prepare("INSERT INTO dues_sequence (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq").run(m.name, m.seq);
        }
        db.exec("COMMIT");
      } finally {
        db.close();
      }
      const a = Ledger.open(join(t.dir, "lite", "dues.db"), { readonly: true });
      const b = Ledger.open(copy.url, { readonly: true });
      try {
        const va = a.verify();
        const vb = b.verify();
        expect(vb).toEqual(va);
        expect(vb.ok).toBe(true);
        expect(b.trialBalance({})).toEqual(a.trialBalance({}));
      } finally {
        a.close();
        b.close();
      }
    } finally {
      src.close();
      copy.drop();
    }
  });
});
