// `dues import advice` with more files than it reads ahead at once (16): the ledger is asked
// once per chunk for the advices with the files' SHA-256s and the standing lines of their
// affiliates. A file repeated in a later chunk, a file booked by an earlier run, and month
// advices whose figures are booked already are caught in every chunk as with one file.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { affiliatesCsv, sampleAdvice } from "../../src/sample/federation.js";
import { dues, tempDir } from "../helpers/cli.js";
import { eachBackend, freshPgDatabase } from "../ledger/backends.js";

const N = 70;
let t: { dir: string; cleanup: () => void };
let drop: (() => void) | undefined;
let at: string[] = [];
const run = (...args: string[]) => dues([...at, ...args, "--lang", "en"], { cwd: t.dir });
const codes = (stderr: string) => [...stderr.matchAll(/error\[(\w+)\]/g)].map((m) => m[1]);

eachBackend((backend) => {
  beforeEach(() => {
    t = tempDir("dues-fed-chunks-");
    const pg = backend === "postgres" ? freshPgDatabase() : undefined;
    drop = pg?.drop;
    at = pg ? ["--db", pg.url] : [];
    expect(run("init", "--template", "cn-county").code).toBe(0);
    writeFileSync(join(t.dir, "aff.csv"), affiliatesCsv(11, N));
    expect(run("affiliates", "import", "aff.csv").code).toBe(0);
  });
  afterEach(() => { t.cleanup(); drop?.(); drop = undefined; });

  describe("more advices than one chunk", () => {
    it("a file repeated in a later chunk, one booked before, and months already booked are refused in every chunk", () => {
      const year = Array.from({ length: N }, (_, i) => {
        const f = `y${String(i).padStart(3, "0")}.json`;
        writeFileSync(join(t.dir, f), sampleAdvice(11, i, 2026));
        return f;
      });
      writeFileSync(join(t.dir, "again.json"), sampleAdvice(11, 0, 2026));
      // The 71st file is the first again: in the second chunk, caught as the same file.
      const dup = run("import", "advice", ...year, "again.json");
      expect(dup.code).toBe(65);
      expect(codes(dup.stderr)).toEqual(["ADVICE_DUPLICATE"]);
      expect(dup.stderr).toContain("again.json: error[ADVICE_DUPLICATE] the same file as y000.json");

      expect(run("import", "advice", ...year, "--quiet").code).toBe(0);
      // March of every affiliate as a month advice (the year's figures: nothing new), and an
      // annual return booked by the run before, in the second chunk.
      const march = Array.from({ length: N }, (_, i) => {
        const f = `m${String(i).padStart(3, "0")}.json`;
        writeFileSync(join(t.dir, f), sampleAdvice(11, i, 2026, { month: 3 }));
        return f;
      });
      const r = run("import", "advice", ...march, "y066.json");
      expect(r.code).toBe(65);
      expect(codes(r.stderr)).toEqual(Array(N + 1).fill("ADVICE_DUPLICATE"));
      expect(r.stderr).toContain("m069.json: error[ADVICE_DUPLICATE] every month of this advice (2026-03 … 2026-03)");
      expect(r.stderr).toMatch(/y066\.json: error\[ADVICE_DUPLICATE\] this advice was imported on \d{4}-\d\d-\d\d as y066\.json/);
    });
  });
});
