// What a careful treasurer fears: the machine dies mid-import, or two imports start at
// once. A killed import must leave the ledger exactly as before (one transaction: SQLite's,
// or the server's, which rolls back when the connection drops), and two imports of
// different months must both land, one after the other. On both backends.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PgDb } from "../../src/ledger/pg-db.js";
import { BIN } from "../helpers/cli.js";
import { eachBackend } from "../ledger/backends.js";
import { bigPayroll, makeUnion, OCTOBER, type Union } from "./fixtures.js";

let u: Union | undefined;
afterEach(() => { u?.cleanup(); u = undefined; });

function start(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1", TZ: "UTC" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) => child.on("close", (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}

const walSize = (dir: string) => (existsSync(join(dir, "dues.db-wal")) ? statSync(join(dir, "dues.db-wal")).size : 0);

/** How far the uncommitted import has written: the WAL, or the member_lines heap on the server. */
function written(u: Union, backend: string): { size: () => number; close: () => void } {
  if (backend === "sqlite") return { size: () => walSize(u.dir), close: () => {} };
  const db = new PgDb(u.db);
  return { size: () => db.prepare("SELECT pg_total_relation_size('member_lines') AS n").pluck().get() as number, close: () => db.close() };
}

eachBackend((backend) => {
describe("import payroll: all or nothing", () => {
  it("a process killed while writing leaves the ledger as it was; verify passes; the import can be run again", async () => {
    u = makeUnion({ "oct.csv": OCTOBER, "big.csv": bigPayroll(150_000) }, backend);
    expect(u.run(["import", "payroll", "oct.csv", "--period", "2026-10"]).code).toBe(0);
    const before = u.look((l) => ({ head: l.head(), batches: l.batches().length, lines: [...l.memberLines({})].length }));
    const progress = written(u, backend);
    const size = progress.size;
    const initial = size();

    const { child, done } = start(u.dir, ["import", "payroll", "big.csv", "--period", "2026-11"]);
    // Kill once the write transaction is under way: the WAL (or the table) grows as it writes.
    let killed = false;
    while (!killed) {
      if (child.exitCode !== null) break;
      if (size() > initial + 2 * 1024 * 1024) { child.kill("SIGKILL"); killed = true; break; }
      await new Promise((r) => setTimeout(r, 10));
    }
    const r = await done;
    progress.close();
    expect(killed).toBe(true);
    expect(r.signal).toBe("SIGKILL");

    const after = u.look((l) => ({ head: l.head(), batches: l.batches().length, lines: [...l.memberLines({})].length }));
    expect(after).toEqual(before);
    const verify = u.run(["verify", "--json"]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const again = u.run(["import", "payroll", "big.csv", "--period", "2026-11", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).employees).toBe(150_000);
    expect(u.run(["verify"]).code).toBe(0);
  });

  it("two imports of different periods started at the same moment both succeed", async () => {
    u = makeUnion({ "a.csv": bigPayroll(20_000, 7), "b.csv": bigPayroll(20_000, 8) }, backend);
    const a = start(u.dir, ["import", "payroll", "a.csv", "--period", "2026-10", "--json"]);
    const b = start(u.dir, ["import", "payroll", "b.csv", "--period", "2026-11", "--json"]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    // One waits for the other's write lock within SQLite's wait (no "waiting" note); if
    // November goes second it compares against October and may warn about dues changes.
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(ra.stderr + rb.stderr).not.toMatch(/IMPORT_LEDGER_BUSY|waiting|等待|error/);
    const batches = u.look((l) => l.batches({ kind: "payroll" }).map((x) => x.period).sort());
    expect(batches).toEqual(["2026-10", "2026-11"]);
    expect(u.look((l) => l.verify().ok)).toBe(true);
  });
});

describe("import payroll: a ledger held by another command", () => {
  it("IMPORT_LEDGER_BUSY: gives up with 73 and writes nothing when the ledger stays locked", async () => {
    u = makeUnion({ "oct.csv": OCTOBER }, backend);
    const { Ledger } = await import("../../src/ledger/ledger.js");
    const { dues } = await import("../helpers/cli.js");
    const holder = Ledger.open(u.db);
    let r: ReturnType<typeof dues> | undefined;
    // The write lock is held for the whole run of the child (one attempt of SQLite's 10 s wait).
    holder.transaction(() => {
      r = dues(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"], { cwd: u!.dir, env: { DUES_BUSY_ATTEMPTS: "1" } });
    });
    holder.close();
    expect(r!.code).toBe(73);
    expect(JSON.parse(r!.stdout).problems[0].code).toBe("IMPORT_LEDGER_BUSY");
    expect(u.look((l) => l.batches().length)).toBe(0);
  });
});
});

describe("import payroll: a file large enough to be read on a worker thread (over 4 MB)", () => {
  it("brings the reader's problems back, writes nothing on an error, and books the corrected file", () => {
    const good = bigPayroll(100_000, 11);
    const lines = good.split("\n");
    lines[50_000] = lines[50_000]!.replace(/,是,在职,[0-9.]+,/, ",是,在职,12x.00,");
    u = makeUnion({ "bad.csv": lines.join("\n"), "good.csv": good });
    expect(statSync(join(u.dir, "bad.csv")).size).toBeGreaterThan(4 << 20);
    const bad = u.run(["import", "payroll", "bad.csv", "--period", "2026-10", "--json"]);
    expect(bad.code).toBe(65);
    expect(JSON.parse(bad.stdout).problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([["PAYROLL_AMOUNT_UNREADABLE", 50_001]]);
    expect(u.look((l) => l.batches().length)).toBe(0);
    const dry = u.run(["import", "payroll", "good.csv", "--period", "2026-10", "--json", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ batch: null, rows: 100_000, dryRun: true });
    expect(u.look((l) => l.batches().length)).toBe(0);
    const ok = u.run(["import", "payroll", "good.csv", "--period", "2026-10", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ batch: 1, rows: 100_000 });
    expect(u.look((l) => l.verify().memberLines)).toBe(100_000);
  });
});
