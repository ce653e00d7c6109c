// Two treasurers' processes writing at once (an import in one terminal, a receipt in
// another) must both succeed, one waiting for the other (WAL + busy_timeout), and a
// backup taken meanwhile must be a consistent ledger of its own. Runs the compiled build.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Ledger } from "../../src/ledger/ledger.js";
import { ROOT } from "../helpers/cli.js";
import { freshLedger, type Fixture } from "./fixtures.js";

const WRITER = join(ROOT, "test", "ledger", "writer.mjs");

let f: Fixture | undefined;
afterEach(() => { f?.cleanup(); f = undefined; });

function writer(db: string, label: string, count: number, lines: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [WRITER, db, label, String(count), String(lines)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((res) => child.on("close", (code) => res({ code, stderr })));
}

describe("concurrent writers", () => {
  it("two processes writing at once both succeed, and the chain stays whole", async () => {
    f = freshLedger();
    f.ledger.close();
    const [a, b] = await Promise.all([writer(f.path, "A", 30, 3000), writer(f.path, "B", 30, 3000)]);
    expect(a).toEqual({ code: 0, stderr: "" });
    expect(b).toEqual({ code: 0, stderr: "" });
    const l = Ledger.open(f.path);
    try {
      expect(l.batches({ source: "A" })).toHaveLength(30);
      expect(l.batches({ source: "B" })).toHaveLength(30);
      const r = l.verify();
      expect(r.breaks).toEqual([]);
      expect(r.entries).toBe(60);
      expect(r.memberLines).toBe(180_000);
    } finally {
      l.close();
    }
  }, 120_000);

  it("a backup taken while another process writes is a consistent ledger that verifies", async () => {
    f = freshLedger();
    const busy = writer(f.path, "W", 40, 3000);
    // Start copying once the writer is under way, so the two really overlap.
    while (f.ledger.head() === null) await new Promise((r) => setTimeout(r, 5));
    const copy = join(f.dir, "copy.db");
    const r = await f.ledger.backupTo(copy);
    expect((await busy).code).toBe(0);
    const l = Ledger.open(copy, { readonly: true });
    try {
      const v = l.verify();
      expect(v.breaks).toEqual([]);
      expect(v.head).toEqual(r.head);
      // The copy holds whole batches only: every batch has its entry and all its lines.
      expect(v.memberLines).toBe(v.entries * 3000);
      expect(v.entries).toBeGreaterThan(0);
    } finally {
      l.close();
    }
  }, 120_000);
});
