// A payroll file that changes while it is being read (an export still being written, a
// colleague saving over it) is refused: the batch would otherwise record the SHA-256 of
// bytes that were never the ones booked.
import { createHash } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPayroll } from "../../src/app/import-payroll.js";
import { Refusal } from "../../src/domain/problem.js";
import { parseConfigText } from "../../src/import/config-file.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { tempDir } from "../helpers/cli.js";
import { CONFIG, bigPayroll } from "./fixtures.js";

describe("a payroll file that changes during the import", () => {
  const t = tempDir();
  afterAll(t.cleanup);

  it("is refused with IMPORT_FILE_CHANGED and nothing is written", async () => {
    const config = parseConfigText(CONFIG, createHash("sha256").update(CONFIG).digest("hex"), "dues.yaml").value!;
    const ledger = Ledger.create(join(t.dir, "dues.db"), { chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: "2026-11-01T00:00:00.000Z" });
    const path = join(t.dir, "payroll.csv");
    // Large enough to be read in several chunks (the reader reports progress between them),
    // small enough to be read on the main thread.
    writeFileSync(path, bigPayroll(20_000));
    let touched = false;
    const attempt = importPayroll(config, ledger, {
      path, period: "2026-10", now: "2026-11-01T00:00:00.000Z",
      // The reader reports progress while it reads: the moment to change the file under it.
      onProgress: () => {
        if (!touched) {
          touched = true;
          appendFileSync(path, "999999,孙八,办公室,是,在职,3000,0,3000,15.00\n");
        }
      },
    });
    const err = await attempt.then(() => undefined, (e: unknown) => e);
    expect(touched).toBe(true);
    expect(err).toBeInstanceOf(Refusal);
    expect((err as Refusal).problems.map((p) => p.code)).toContain("IMPORT_FILE_CHANGED");
    expect(ledger.head()).toBeNull();
    expect(ledger.batches({ includeVoided: true })).toEqual([]);
    ledger.close();
  });
});
