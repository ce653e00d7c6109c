// Treasurers' processes writing at once (an import in one terminal, a receipt in another,
// several clerks against one server) must all succeed, each waiting for the one before
// (SQLite: WAL + busy_timeout; PostgreSQL: the ledger's advisory lock), with no batch lost
// or booked twice; a backup taken meanwhile must be a consistent ledger of its own. Both
// backends; runs the compiled build.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Ledger } from "../../src/ledger/ledger.js";
import { ROOT } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "./backends.js";
import { freshLedger, psqlPath, type Fixture } from "./fixtures.js";

// The bench's clerk (bench/pg-clerk.ts, compiled): COUNT batches of LINES member lines and
// an entry each, memo "LABEL i", retrying only when the ledger stayed busy.
const WRITER = join(ROOT, "dist", "bench", "pg-clerk.js");

let f: Fixture | undefined;
afterEach(() => { f?.cleanup(); f = undefined; });

function writer(db: string, label: string, count: number, lines: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [WRITER, "ledger", db, label, String(count), String(lines)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((res) => child.on("close", (code) => res({ code, stderr })));
}

eachBackend((backend) => {
  describe("concurrent writers", () => {
    it("four processes writing at once all succeed, no batch is lost or booked twice, and the chain stays whole", async () => {
      f = freshLedger("cn-2021-base", backend);
      f.ledger.close();
      const labels = ["A", "B", "C", "D"];
      const results = await Promise.all(labels.map((x) => writer(f!.path, x, 15, 2000)));
      for (const r of results) expect(r).toEqual({ code: 0, stderr: "" });
      const l = Ledger.open(f.path);
      try {
        for (const x of labels) {
          const mine = l.batches({ source: x });
          expect(mine).toHaveLength(15);
          // Each writer's batches once each, in its own order (memo "X i").
          expect(mine.map((b) => b.memo)).toEqual(Array.from({ length: 15 }, (_, i) => `${x} ${i}`));
        }
        const r = l.verify();
        expect(r.breaks).toEqual([]);
        expect(r.entries).toBe(60);
        expect(r.memberLines).toBe(120_000);
      } finally {
        l.close();
      }
    }, 180_000);

    it("a backup taken while another process writes is a consistent ledger that verifies", async () => {
      f = freshLedger("cn-2021-base", backend);
      const busy = writer(f.path, "W", 40, 3000);
      // Start copying once the writer is under way, so the two really overlap.
      while (f.ledger.head() === null) await new Promise((r) => setTimeout(r, 5));
      const copy = join(f.dir, backend === "sqlite" ? "copy.db" : "copy.pgdump");
      const r = await f.ledger.backupTo(copy);
      expect((await busy).code).toBe(0);
      // A pg_dump is restored into a database of its own, as an operator would.
      const restored = backend === "postgres" ? freshPgDatabase() : undefined;
      if (restored) {
        const pgRestore = psqlPath().replace(/psql$/, "pg_restore");
        const res = spawnSync(pgRestore, ["--no-owner", "-d", restored.url, copy], { encoding: "utf8" });
        expect(res.stderr).toBe("");
      }
      const l = Ledger.open(restored?.url ?? copy, { readonly: true });
      try {
        const v = l.verify();
        expect(v.breaks).toEqual([]);
        expect(v.head).toEqual(r.head);
        // The copy holds whole batches only: every batch has its entry and all its lines.
        expect(v.memberLines).toBe(v.entries * 3000);
        expect(v.entries).toBeGreaterThan(0);
      } finally {
        l.close();
        restored?.drop();
      }
    }, 120_000);
  });
});
