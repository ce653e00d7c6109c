// A payment that leaves the employer or a body overpaid is still booked (overpaying is
// legal), but the treasurer is told at once, with the way to undo a mistyped amount.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

describe("receive and remit warn when they leave a party overpaid", () => {
  const t = tempDir();
  const dir = join(t.dir, "union");
  beforeAll(() => {
    expect(dues(["demo", dir, "--json"], { cwd: t.dir }).code).toBe(0);
  });
  afterAll(t.cleanup);

  it("remitting more than the county is owed for December warns and reports the overpaid amount", () => {
    const before = JSON.parse(dues(["--json", "reconcile", "--body", "county"], { cwd: dir }).stdout);
    expect(before.totals.outstanding).toBe("0.00");
    const r = dues(["--lang", "en", "remit", "--to", "county", "--amount", "1000.00", "--date", "2026-02-01", "--period", "2025-12"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("overpaid by CNY 1,000.00");
    expect(r.stderr).toContain("dues void");
    const j = dues(["--json", "remit", "--to", "county", "--amount", "0.50", "--date", "2026-02-01", "--period", "2025-12"], { cwd: dir });
    expect(JSON.parse(j.stdout).overpaid).toBe("1000.50");
  });

  it("a payment that settles what is owed says nothing of overpayment", () => {
    const rows = JSON.parse(dues(["--json", "reconcile", "--body", "city"], { cwd: dir }).stdout).rows as { period: string; outstanding: string }[];
    const aug = rows.find((x) => x.period === "2025-08")!;
    const r = dues(["--json", "remit", "--to", "city", "--amount", aug.outstanding, "--date", "2026-02-01", "--period", "2025-08"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overpaid).toBe("0.00");
    expect(r.stderr).toBe("");
  });
});
