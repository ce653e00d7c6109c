// A federation's clerks at once (issue 11): four processes at a time, each importing its own
// affiliate's three month advices (`dues import advice FILE`, one per command) and booking
// the receipts (`dues receive --from AFFILIATE`), against one ledger on each backend. Every
// advice and every receipt is booked exactly once, `dues verify` passes, and reconcile
// --affiliates agrees with the files to the cent. The run is the bench's (bench/clerks.ts),
// small and not timed; it spawns the compiled CLI (npm run build first).
import { afterEach, describe, expect, it } from "vitest";
import { runClerks } from "../../bench/clerks.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";

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
  });
});
