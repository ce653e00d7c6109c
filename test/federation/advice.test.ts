// `dues import advice`: a real advice written by a base union's `dues export return`, then
// broken one way at a time: every problem names the file, the line and column of the value
// and its JSON path; exit 65 and nothing written. One case per ADVICE_ code.
import Database from "better-sqlite3";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson } from "../../src/import/json-positions.js";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { REGISTER } from "./fixtures.js";

const BASE = `union:
  name: 甲公司工会
  currency: CNY
  locale: en
  chart: cn-2021-base
  id: acme
bodies:
  - { id: county, name: County }
sources:
  default:
    columns: { employee_id: [工号], name: [姓名] }
    bases: { dues: [基本工资], funds: [应发工资] }
membership: all
schemes:
  - effective_from: 2022-01-01
    document: test
    dues: { base: dues, base_step: 10, rate: 0.5%, round: { to: 0.01, mode: half-up } }
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split: [{ to: county, share: 40% }]
`;

let b: { dir: string; cleanup: () => void };
let f: { dir: string; cleanup: () => void };
let good: any;
let goodText: string;
const fed = (...args: string[]) => dues([...args, "--lang", "en"], { cwd: f.dir });

beforeAll(() => {
  b = tempDir("dues-advice-base-");
  writeFiles(b.dir, { "dues.yaml": BASE, "p1.csv": "工号,姓名,基本工资,应发工资\nE1,甲,5000.00,8000.00\nE2,乙,6789.45,9000.00\nE3,丙,3000.00,4000.00\n" });
  expect(dues(["init"], { cwd: b.dir }).code).toBe(0);
  expect(dues(["import", "payroll", "p1.csv", "--period", "2026-01"], { cwd: b.dir }).code).toBe(0);
  expect(dues(["export", "return", "--period", "2026-01", "--as-of", "2026-03-01", "-o", "a.json"], { cwd: b.dir }).code).toBe(0);
  goodText = readFileSync(join(b.dir, "a.json"), "utf8");
  good = JSON.parse(goodText);
  f = tempDir("dues-advice-fed-");
  expect(dues(["init", "--template", "cn-county"], { cwd: f.dir }).code).toBe(0);
  writeFiles(f.dir, { "aff.csv": REGISTER, "good.json": goodText });
  expect(fed("affiliates", "import", "aff.csv").code).toBe(0);
});
afterAll(() => {
  b.cleanup();
  f.cleanup();
});

/** Writes the advice changed by `edit` and imports it: the problems as "line:column CODE". */
function broken(name: string, edit: (d: any) => void | string): { code: number; found: string[]; stderr: string } {
  const d = structuredClone(good);
  const out = edit(d);
  writeFileSync(join(f.dir, name), typeof out === "string" ? out : JSON.stringify(d, null, 2) + "\n");
  const r = fed("import", "advice", name);
  const found = [...r.stderr.matchAll(new RegExp(`^${name.replace(".", "\\.")}(?::(\\d+):(\\d+))?: error\\[(\\w+)\\]`, "gm"))].map((m) => (m[1] ? `${m[1]}:${m[2]} ${m[3]}` : m[3]!));
  return { code: r.code, found, stderr: r.stderr };
}

/** 1-based line and column of `needle` in the pretty-printed advice, found from the text itself. */
function where(d: any, needle: string, nth = 0): string {
  const textOf = JSON.stringify(d, null, 2);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = textOf.indexOf(needle, at + 1);
  const before = textOf.slice(0, at).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

function ledgerCount(table: string): number {
  const db = new Database(join(f.dir, "dues.db"), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("dues import advice: every mistake at once, where it is", () => {
  it("the shares not adding up, and the totals not adding up, each at its JSON path", () => {
    let d: any;
    const r = broken("sum.json", (x) => {
      x.months[0].funds = "420.01";
      d = x;
    });
    expect(r.code).toBe(65);
    expect(r.found).toEqual([`${where(d, '"420.01"')} ADVICE_ARITHMETIC`, `${where(d, '"420.00"', 0)} ADVICE_ARITHMETIC`].sort());
    expect(r.stderr).toContain("$.months[0].funds: the file says 420.01, but the funds shares add up to 420.00");
    expect(r.stderr).toContain("$.totals.funds");
    expect(ledgerCount("advices")).toBe(0);
  });

  it("schema version, format, JSON syntax", () => {
    const v2 = { ...good, version: 2 };
    const [line, col] = where(v2, '"version": 2').split(":").map(Number);
    expect(broken("v2.json", (x) => { x.version = 2; }).found).toEqual([`${line}:${col! + '"version": '.length} ADVICE_VERSION`]);
    expect(broken("fmt.json", (x) => { x.format = "something"; }).found[0]).toMatch(/ADVICE_NOT_A_RETURN$/);
    const syntax = broken("syntax.json", () => goodText.replace('"kind": "month",', '"kind": "month",,'));
    expect(syntax.found).toEqual([`${goodText.split("\n").findIndex((l) => l.includes('"kind"')) + 1}:19 ADVICE_NOT_JSON`]);
  });

  it("shape, amounts, periods and months, all reported together", () => {
    const r = broken("shape.json", (x) => {
      x.months[0].employees = -1;
      x.months[0].dues = "73.9";
      x.months[0].period = "2026-13";
      delete x.generatedAt;
    });
    expect(r.code).toBe(65);
    expect(r.found.map((s) => s.split(" ")[1])).toEqual(expect.arrayContaining(["ADVICE_SHAPE", "ADVICE_AMOUNT", "ADVICE_PERIOD"]));
    expect(r.stderr).toContain("$.generatedAt is missing");
    expect(r.stderr).toContain("$.months[0].dues");
    const m = broken("months.json", (x) => { x.kind = "year"; x.year = 2026; x.to = "2026-02"; x.statements = null; });
    expect(m.found.map((s) => s.split(" ")[1])).toEqual(["ADVICE_MONTHS"]);
  });

  it("another currency; an advice without union.id; an affiliate not in the register", () => {
    expect(broken("usd.json", (x) => { x.union.currency = "USD"; }).found.map((s) => s.split(" ")[1])).toEqual(["ADVICE_CURRENCY"]);
    expect(broken("noid.json", (x) => { x.union.id = null; }).found.map((s) => s.split(" ")[1])).toEqual(["ADVICE_NO_UNION_ID"]);
    const u = broken("unknown.json", (x) => { x.union.id = "zeta"; });
    expect(u.found.map((s) => s.split(" ")[1])).toEqual(["ADVICE_UNKNOWN_AFFILIATE"]);
    expect(u.stderr).toContain("dues affiliates import");
  });

  it("a missing file is exit 66 and nothing of the other files is written", () => {
    const r = fed("import", "advice", "good.json", "nowhere.json");
    expect(r.code).toBe(66);
    expect(r.stderr).toContain("ADVICE_FILE_MISSING");
    expect(ledgerCount("advices")).toBe(0);
  });

  it("the same file twice in one command, or two files for the same month, is refused", () => {
    writeFiles(f.dir, { "copy.json": goodText, "other.json": goodText.replace('"generatedAt": "', '"generatedAt": "X') });
    expect(fed("import", "advice", "good.json", "copy.json").stderr).toContain("ADVICE_DUPLICATE");
    const o = broken("over.json", (x) => { x.generatedAt = "2026-01-01T00:00:00Z"; });
    expect(o.code).toBe(0); // alone it is fine (and booked) ...
    const again = fed("import", "advice", "over.json");
    expect(again.stderr).toContain("ADVICE_DUPLICATE"); // ... and refused the second time
    writeFiles(f.dir, { "o1.json": JSON.stringify({ ...good, generatedAt: "2026-02-01T00:00:00Z", months: [{ ...good.months[0], fundsBase: "1.00" }] }, null, 2), "o2.json": JSON.stringify({ ...good, generatedAt: "2026-02-02T00:00:00Z", months: [{ ...good.months[0], fundsBase: "2.00" }] }, null, 2) });
    const both = fed("import", "advice", "o1.json", "o2.json");
    expect(both.code).toBe(65);
    expect(both.stderr).toContain("ADVICE_OVERLAP");
  });

  it("a month the federation has closed cannot take a correction", () => {
    expect(fed("close", "2026-01").code).toBe(0);
    const r = broken("closed.json", (x) => { x.generatedAt = "2026-01-05T00:00:00Z"; x.months[0].fundsBase = "21000.01"; });
    expect(r.found.map((s) => s.split(" ")[1])).toEqual(["ADVICE_PERIOD_CLOSED"]);
    expect(fed("reopen", "2026-01", "--reason", "test").code).toBe(0);
  });

  it("--dry-run books nothing", () => {
    const before = ledgerCount("advices");
    const r = broken("dry.json", (x) => { x.generatedAt = "2026-01-09T00:00:00Z"; x.months[0].fundsBase = "21000.02"; });
    expect(r.code).toBe(0);
    const n = ledgerCount("advices");
    expect(n).toBe(before + 1);
    writeFileSync(join(f.dir, "dry2.json"), JSON.stringify({ ...good, generatedAt: "2026-01-10T00:00:00Z", months: [{ ...good.months[0], fundsBase: "21000.03" }] }, null, 2));
    const d = JSON.parse(fed("import", "advice", "dry2.json", "--dry-run", "--json").stdout);
    expect(d.dryRun).toBe(true);
    expect(d.advices[0].months[0].status).toBe("replaced");
    expect(ledgerCount("advices")).toBe(n);
  });
});

describe("readJson: positions by JSON path", () => {
  it("gives the line and column of every value and of a syntax error", () => {
    const r = readJson('{\n  "a": [1, {"b": "x"}],\n  "c d": null\n}');
    if (!r.ok) throw new Error("should read");
    expect(r.positions.get("$.a[1].b")).toEqual({ line: 2, column: 18 });
    expect(r.positions.get('$["c d"]')).toEqual({ line: 3, column: 10 });
    const bad = readJson('{\n  "a": tru\n}');
    expect(bad).toMatchObject({ ok: false, at: { line: 2, column: 8 } });
  });
});
