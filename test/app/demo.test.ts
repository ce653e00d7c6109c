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
    expect(readdirSync(join(dir, "payroll"))).toHaveLength(14);
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

  it("shows a union's life: taken over on 2025-01-01 from an opening file, 2025 carried forward, 2026 begun", () => {
    const dir = join(t.dir, "dues-demo");
    expect(existsSync(join(dir, "inputs", "期初余额-2025-01-01.csv"))).toBe(true);
    const j = JSON.parse(dues(["--json", "report", "journal"], { cwd: dir }).stdout) as { entries: { seq: number; kind: string; date: string; postings: { account: string; project?: string; amount: string }[] }[] };
    expect([j.entries[0]!.kind, j.entries[0]!.date]).toEqual(["opening", "2025-01-01"]);
    const close = j.entries.find((e) => e.kind === "year-close")!;
    expect(close.date).toBe("2025-12-31");
    expect(close.postings.find((p) => p.account === "321")).toMatchObject({ project: "hardship", amount: "-14000.00" });
    // December 2024, owed to the city at the takeover, was remitted in January; the employer paid its December.
    const city = JSON.parse(dues(["--json", "reconcile", "--body", "city", "--from", "2024-12", "--to", "2024-12"], { cwd: dir }).stdout).rows;
    expect(city).toEqual([expect.objectContaining({ period: "2024-12", due: "4791.83", status: "paid" })]);
    // The balance sheet at the year end has no line for income not carried forward; 2026 starts at zero.
    const bs = JSON.parse(dues(["--json", "report", "balance", "--as-of", "2025-12-31"], { cwd: dir }).stdout);
    expect(bs.balanced).toBe(true);
    expect(bs.lines.find((l: { code: string }) => l.code === "321").end).toBe("14000.00");
    expect(bs.lines.some((l: { role: string; code: string | null }) => l.role === "account" && l.code === null)).toBe(false);
    const inc = JSON.parse(dues(["--json", "report", "income", "--period", "2026-02"], { cwd: dir }).stdout);
    const jan = JSON.parse(dues(["--json", "report", "income", "--period", "2026-01"], { cwd: dir }).stdout);
    const dues401 = (x: { lines: { code: string; period: string; yearToDate: string }[] }) => x.lines.find((l) => l.code === "401")!;
    expect(Number(dues401(inc).yearToDate.replace(".", ""))).toBe(Number(dues401(inc).period.replace(".", "")) + Number(dues401(jan).period.replace(".", "")));
  });

  it("never builds over an existing folder: a second run goes to dues-demo-2; a named non-empty folder is refused", () => {
    expect(dues(["demo", "--json"], { cwd: t.dir }).code).toBe(0);
    expect(existsSync(join(t.dir, "dues-demo-2", "dues.db"))).toBe(true);
    const r = dues(["--lang", "en", "demo", "dues-demo"], { cwd: t.dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain("DEMO_FOLDER_NOT_EMPTY");
  });
});
