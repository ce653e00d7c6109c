// A ledger keeps the chart and currency it was created with: a dues.yaml edited to name
// another is refused before anything is read or written.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

describe("workspace: dues.yaml must match its ledger", () => {
  const t = tempDir();
  afterAll(t.cleanup);

  it("refuses a changed currency or chart with exit 65 and both codes", () => {
    expect(dues(["init"], { cwd: t.dir }).code).toBe(0);
    const path = join(t.dir, "dues.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/currency: CNY/, "currency: HKD").replace(/chart: cn-2021-base/, "chart: cn-2021-county"));
    const r = dues(["--lang", "en", "reconcile"], { cwd: t.dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("WORKSPACE_CURRENCY_MISMATCH");
    expect(r.stderr).toContain("WORKSPACE_CHART_MISMATCH");
  });
});
