// A fresh ledger in a temporary folder and small builders for batches, entries and
// member lines, so each test reads like the treasurer's month.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Ledger, type MemberLine } from "../../src/ledger/ledger.js";
import { tempDir } from "../helpers/cli.js";
import { freshPgDatabase, type BackendName } from "./backends.js";

export const CREATED = "2026-11-01T08:00:00.000Z";

export interface Fixture {
  backend: BackendName;
  /** A temporary folder (for files beside the ledger: backups, CSVs). */
  dir: string;
  /** The ledger file, or the PostgreSQL URL of the test's own database. */
  path: string;
  ledger: Ledger;
  cleanup(): void;
}

/** A new ledger on one backend: a file in a temporary folder, or a database of its own on the test server. */
export function freshLedger(chart: "cn-2021-base" | "cn-2021-county" | "generic" = "cn-2021-base", backend: BackendName = "sqlite"): Fixture {
  const { dir, cleanup } = tempDir("dues-ledger-");
  if (backend === "postgres") {
    const d = freshPgDatabase();
    const ledger = Ledger.create(d.url, { chart, currency: "CNY", digits: 2, createdAt: CREATED });
    return { backend, dir, path: d.url, ledger, cleanup: () => { ledger.close(); d.drop(); cleanup(); } };
  }
  const path = join(dir, "dues.db");
  const ledger = Ledger.create(path, { chart, currency: "CNY", digits: 2, createdAt: CREATED });
  return { backend, dir, path, ledger, cleanup: () => { ledger.close(); cleanup(); } };
}

/** psql from PATH or Debian's PostgreSQL folders. */
export function psqlPath(): string {
  for (const v of ["17", "16", "15", "14", "13"]) {
    const p = `/usr/lib/postgresql/${v}/bin/psql`;
    if (spawnSync("test", ["-x", p]).status === 0) return p;
  }
  return "psql";
}

/**
 * Behind the Ledger's back, as someone with the sqlite3 CLI or psql would: optionally drops
 * every trigger and turns off foreign keys, then runs the SQL.
 */
export function tamperWith(f: Pick<Fixture, "backend" | "path">, sql: string, o: { dropTriggers?: boolean } = {}): void {
  const drop = o.dropTriggers ?? true;
  if (f.backend === "sqlite") {
    const raw = new Database(f.path);
    raw.pragma("foreign_keys = OFF");
    if (drop) for (const t of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${t.name}`);
    raw.exec(sql);
    raw.close();
    return;
  }
  const script = `\\set ON_ERROR_STOP on
${drop ? `DO $$ DECLARE t RECORD; BEGIN
  FOR t IN SELECT tgname, tgrelid::regclass AS tbl FROM pg_trigger WHERE NOT tgisinternal LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tbl);
  END LOOP;
END $$;
-- foreign keys are system triggers: replica mode skips them, as foreign_keys = OFF does.
SET session_replication_role = replica;` : ""}
${sql}
`;
  const r = spawnSync(psqlPath(), ["-X", "-q", "-d", f.path, "-f", "-"], { input: script, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr || r.error}`);
}

export function memberLine(i: number, o: Partial<MemberLine> = {}): MemberLine {
  return {
    period: "2026-10", memberId: `E${String(i).padStart(4, "0")}`, sourceLine: i + 2, name: `会员${i}`, department: "生产部",
    status: "active", isMember: true, exempt: false, exemptReason: null, duesBase: 678945, truncatedBase: 678000,
    rateText: "0.5%", dues: 3390, deducted: 3390, difference: 0, fundsBase: 800000, ...o,
  };
}

/** Spending of `amount` fen from the bank on 50102, in its own batch. Returns the entry seq. */
export function spend(l: Ledger, date: string, amount: number, memo = "文体活动"): number {
  return l.transaction(() => {
    const batch = l.beginBatch({ kind: "record", period: date.slice(0, 7), memo, createdAt: CREATED });
    return l.postEntry({ batch, date, period: date.slice(0, 7), memo, kind: "record", postings: [{ account: "50102", amount }, { account: "102", amount: -amount }] });
  });
}

/** A payroll-like batch: member lines, then the dues entry (receivable = kept + city share). */
export function importBatch(l: Ledger, period: string, members: number, cityShare = 1000): { batch: number; entry: number } {
  return l.transaction(() => {
    const batch = l.beginBatch({ kind: "import", period, source: "default", file: "payroll.csv", sha256: "ab".repeat(32), rows: members, createdAt: CREATED });
    const lines = Array.from({ length: members }, (_, i) => memberLine(i, { period }));
    l.appendMemberLines(batch, lines);
    const total = lines.reduce((t, x) => t + x.dues, 0);
    const entry = l.postEntry({
      batch, date: `${period}-28`, period, memo: `${period} dues`, kind: "import",
      postings: [{ account: "13501", amount: total }, { account: "401", amount: -(total - cityShare) }, { account: "211", body: "city", amount: -cityShare }],
    });
    return { batch, entry };
  });
}
