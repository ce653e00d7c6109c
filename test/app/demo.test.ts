// `dues demo` as a newcomer runs it: a fresh folder with a whole year, both workbooks,
// and a folder where ordinary commands work (reconcile shows what is still owed).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

describe("dues demo", () => {
  const t = tempDir();
  afterAll(t.cleanup);

  it("builds a year in ./dues-demo and says what it made", () => {
    const r = dues(["--lang", "en", "demo"], { cwd: t.dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const dir = join(t.dir, "dues-demo");
    for (const f of ["dues.yaml", "dues.db", "audit-2025.xlsx", "budget-2025.xlsx"]) expect(existsSync(join(dir, f))).toBe(true);
    expect(readdirSync(join(dir, "payroll"))).toHaveLength(12);
    expect(r.stdout).toContain("audit-2025.xlsx");
    expect(r.stdout).toContain("Try next");
  });

  it("leaves an ordinary union folder: verify passes, reconcile shows the partial and unpaid remittances", () => {
    const dir = join(t.dir, "dues-demo");
    expect(dues(["verify"], { cwd: dir }).code).toBe(0);
    const rec = dues(["--json", "reconcile", "--from", "2025-01", "--to", "2025-12"], { cwd: dir });
    expect(rec.code).toBe(1);
    const rows = JSON.parse(rec.stdout).rows as { body: string; period: string; status: string }[];
    expect(rows.find((x) => x.body === "city" && x.period === "2025-08")?.status).toBe("partial");
    expect(rows.filter((x) => x.body === "acftu" && x.status === "unpaid").map((x) => x.period)).toEqual(["2025-10", "2025-11", "2025-12"]);
    expect(rows.filter((x) => x.body === "county").every((x) => x.status === "paid")).toBe(true);
  });

  it("never builds over an existing folder: a second run goes to dues-demo-2; a named non-empty folder is refused", () => {
    expect(dues(["demo", "--json"], { cwd: t.dir }).code).toBe(0);
    expect(existsSync(join(t.dir, "dues-demo-2", "dues.db"))).toBe(true);
    const r = dues(["--lang", "en", "demo", "dues-demo"], { cwd: t.dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain("DEMO_FOLDER_NOT_EMPTY");
  });
});
