// A federation's clerks at once (issue 11): four processes at a time, each importing its own
// affiliate's three month advices (`dues import advice FILE`, one per command) and booking
// the receipts (`dues receive --from AFFILIATE`), against one ledger on each backend. Every
// advice and every receipt is booked exactly once, `dues verify` passes, and reconcile
// --affiliates agrees with the files to the cent. The run is the bench's (bench/clerks.ts),
// small and not timed; it spawns the compiled CLI (npm run build first). And a command that
// waits out the ledger's 10 s behind another writer is a refusal (LEDGER_BUSY, 73), not a bug.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runClerks } from "../../bench/clerks.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";
import { REGISTER } from "./fixtures.js";

let drop: (() => void) | undefined;
afterEach(() => { drop?.(); drop = undefined; });

eachBackend((backend) => {
  describe("clerks at once", () => {
    it("4 processes × 3 advices and 3 receipts each: none lost, none twice, verify passes, reconcile agrees", async () => {
      const pg = backend === "postgres" ? freshPgDatabase() : undefined;
      drop = pg?.drop;
      const r = await runClerks({ clerks: 4, affiliates: 1, months: 3, db: pg?.url });
      expect(r.problems).toEqual([]);
      expect(r.commands).toBe(24);
      expect([r.advices, r.receipts]).toEqual([12, 12]);
      expect(r.verify).toBe("ok, 24 entries");
      expect(r.received).toBe(r.expected);
    }, 240_000);

    it("LEDGER_BUSY: a receipt that waits out the 10 s behind another writer is refused (73), nothing written", () => {
      const pg = backend === "postgres" ? freshPgDatabase() : undefined;
      drop = pg?.drop;
      const t = tempDir("dues-fed-busy-");
      try {
        const at = pg ? ["--db", pg.url] : [];
        const run = (...args: string[]) => dues([...at, ...args, "--lang", "en"], { cwd: t.dir });
        expect(run("init", "--template", "cn-county", "--quiet").code).toBe(0);
        writeFiles(t.dir, { "aff.csv": REGISTER });
        expect(run("affiliates", "import", "aff.csv", "--quiet").code).toBe(0);
        const holder = Ledger.open(pg?.url ?? join(t.dir, "dues.db"));
        let r: ReturnType<typeof run> | undefined;
        try {
          holder.transaction(() => { r = run("receive", "--from", "acme", "--amount", "100", "--date", "2026-02-10", "--json"); });
        } finally {
          holder.close();
        }
        expect(r!.code).toBe(73);
        expect(JSON.parse(r!.stdout).problems.map((p: { code: string }) => p.code)).toEqual(["LEDGER_BUSY"]);
        expect(run("receive", "--from", "acme", "--amount", "100", "--date", "2026-02-10", "--quiet").code).toBe(0);
        const l = Ledger.open(pg?.url ?? join(t.dir, "dues.db"), { readonly: true });
        try { expect(l.batches({ kind: "receive" })).toHaveLength(1); } finally { l.close(); }
      } finally {
        t.cleanup();
      }
    }, 120_000);
  });
});
