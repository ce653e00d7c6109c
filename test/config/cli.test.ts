// End to end through bin/dues (built dist/): init then config check, in English and
// Chinese; a broken dues.yaml gives exit 65 and `dues.yaml:LINE:COL: error[CODE]` lines.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";
import { BASE, edit, locate } from "./fixtures.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function folder(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

// Each case spawns bin/dues several times; on a shared 2-core machine that can exceed
// vitest's 5 s default, so allow more (this bounds a hang, it is not a timing assertion).
describe("dues init and dues config check (end to end)", { timeout: 60_000 }, () => {
  it("init writes dues.yaml and dues.db; config check summarises it in the template's locale (zh-CN)", () => {
    const dir = folder();
    const init = dues(["init"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(existsSync(join(dir, "dues.yaml"))).toBe(true);
    expect(existsSync(join(dir, "dues.db"))).toBe(true);
    expect(init.stdout).toContain("dues.yaml");
    expect(init.stdout).toContain("占位"); // told that the upward shares are placeholders
    const check = dues(["config", "check"], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain("校验通过");
    expect(check.stdout).toContain("2022-01-01");
    expect(check.stdout).toContain("0.5%");
    expect(check.stdout).toContain("本级留用 60%");
  });

  it("--lang en overrides the locale; the us-local template reads in English", () => {
    const dir = folder();
    expect(dues(["init", "--template", "us-local"], { cwd: dir }).code).toBe(0);
    const check = dues(["config", "check"], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("is valid");
    expect(check.stdout).toContain("1.5%");
    expect(check.stdout).toMatch(/min 20\.00, max 60\.00/);
    expect(check.stdout).toContain("in force today");
    const zh = dues(["config", "check", "--lang", "zh-CN"], { cwd: dir });
    expect(zh.stdout).toContain("校验通过");
    const en = dues(["--lang", "en", "init", "--config", "other.yaml", "--db", "other.db"], { cwd: dir });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Wrote other.yaml (template cn-base)");
  });

  it("config check --json prints the summary with amounts as strings and exact percentages", () => {
    const dir = folder();
    dues(["init", "--template", "uk-branch"], { cwd: dir });
    const r = dues(["config", "check", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.valid).toBe(true);
    expect(j.union).toEqual({ name: "Example Branch", currency: "GBP", digits: 2, locale: "en", chart: "generic" });
    expect(j.ledger).toEqual({ path: "dues.db", exists: true });
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    const dues0 = j.schemes[0].dues;
    expect(dues0.method).toBe("bands");
    expect(dues0.bands[0]).toEqual({ upTo: "2000.00", amount: "1.30" });
    expect(dues0.bands[10]).toEqual({ upTo: null, amount: "22.50" });
    expect(dues0.split).toEqual({ shares: [{ to: "national", name: "National Office", share: "80%" }], retained: "20%", remainder: "retained" });
  });

  it("init never overwrites: a second init exits 73 and leaves both files as they were", () => {
    const dir = folder();
    dues(["init"], { cwd: dir });
    const yaml = readFileSync(join(dir, "dues.yaml"));
    const db = readFileSync(join(dir, "dues.db"));
    const again = dues(["init", "--template", "us-local"], { cwd: dir });
    expect(again.code).toBe(73);
    expect(again.stderr).toContain("INIT_LEDGER_EXISTS");
    expect(readFileSync(join(dir, "dues.yaml")).equals(yaml)).toBe(true);
    expect(readFileSync(join(dir, "dues.db")).equals(db)).toBe(true);
  });

  it("init with an existing dues.yaml creates the ledger from it and keeps the file", () => {
    const dir = folder();
    writeFileSync(join(dir, "dues.yaml"), BASE);
    const r = dues(["init", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ config: "dues.yaml", wroteConfig: false, template: null, ledger: "dues.db", currency: "CNY", chart: "cn-2021-base" });
    expect(readFileSync(join(dir, "dues.yaml"), "utf8")).toBe(BASE);
  });

  it("a broken dues.yaml: exit 65, every problem as dues.yaml:LINE:COL: error[CODE], in English and Chinese", () => {
    const dir = folder();
    let yaml = edit("currency: CNY", "currency: RMB");
    yaml = edit("to: province,", "to: provnce,", yaml);
    yaml = edit("due_day: 15", "due_day: 31", yaml);
    writeFileSync(join(dir, "dues.yaml"), yaml);
    const expected = [
      ["CONFIG_UNKNOWN_CURRENCY", locate(yaml, "RMB")],
      ["CONFIG_DUE_DAY", locate(yaml, "31")],
      ["CONFIG_UNKNOWN_BODY", locate(yaml, "provnce")],
    ] as const;
    const en = dues(["config", "check"], { cwd: dir });
    expect(en.code).toBe(65);
    expect(en.stdout).toBe("");
    for (const [code, at] of expected) expect(en.stderr).toContain(`dues.yaml:${at.line}:${at.column}: error[${code}]`);
    const zh = dues(["config", "check", "--lang", "zh-CN"], { cwd: dir });
    expect(zh.code).toBe(65);
    for (const [code, at] of expected) expect(zh.stderr).toContain(`dues.yaml:${at.line}:${at.column}: 错误[${code}]`);
    const json = dues(["config", "check", "--json"], { cwd: dir });
    expect(json.code).toBe(65);
    expect(JSON.parse(json.stdout).problems.map((p: { code: string; line: number; column: number }) => [p.code, p.line, p.column]))
      .toEqual(expected.map(([code, at]) => [code, at.line, at.column]));
  });

  it("config check without dues.yaml exits 66 and points to dues init", () => {
    const dir = folder();
    const r = dues(["config", "check"], { cwd: dir });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain("CONFIG_MISSING_FILE");
    expect(r.stderr).toContain("dues init");
  });

  it("an unknown template is a usage error (64)", () => {
    const dir = folder();
    const r = dues(["init", "--template", "cn_base"], { cwd: dir });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("cn-base");
    expect(existsSync(join(dir, "dues.yaml"))).toBe(false);
  });
});
