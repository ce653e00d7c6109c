// A newcomer's first mistakes (issue 7): each answered in the union's language, with the
// command that fixes it, and never with an alarm that is not true.
import { afterAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

describe("a newcomer's first mistakes", () => {
  const t = tempDir("dues-newcomer-");
  afterAll(t.cleanup);

  it("a Chinese union's dues.yaml makes the errors before the ledger opens Chinese too", () => {
    expect(dues(["init"], { cwd: t.dir }).code).toBe(0); // cn-base: locale zh-CN
    const r = dues(["reconcile", "--db", "elsewhere.db"], { cwd: t.dir });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain("LEDGER_MISSING");
    expect(r.stderr).toContain("提示：");
    expect(r.stderr).toContain("dues init");
    expect(r.stderr).not.toContain("hint:");
    // --lang still wins over the file.
    expect(dues(["--lang", "en", "reconcile", "--db", "elsewhere.db"], { cwd: t.dir }).stderr).toContain("hint:");
  });

  it("commander's usage errors are Chinese under zh-CN and end with a pointer to --help, not the whole help", () => {
    const r = dues(["--lang", "zh-CN", "close"], { cwd: t.dir });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("错误：缺少参数 period");
    expect(r.stderr).toContain("--help");
    expect(r.stderr).not.toContain("error:");
    expect(r.stderr).not.toContain("用法：");
    const typo = dues(["--lang", "zh-CN", "recnocile"], { cwd: t.dir });
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain("（是否想用 reconcile？）");
    const en = dues(["--lang", "en", "reconcile", "--dry-run"], { cwd: t.dir });
    expect(en.code).toBe(64);
    expect(en.stderr).toContain("error: unknown option '--dry-run'");
    const json = dues(["--lang", "zh-CN", "--json", "close"], { cwd: t.dir });
    expect(JSON.parse(json.stdout).problems[0].message).toBe("缺少参数 period");
  });

  it("no command at all shows the help on stderr and exits 64 (a missing argument); asking for help exits 0", () => {
    for (const args of [[], ["report"]]) {
      const r = dues(["--lang", "en", ...args], { cwd: t.dir });
      expect(r.code, args.join(" ")).toBe(64);
      expect(r.stderr).toContain("Usage: dues");
      expect(r.stdout).toBe("");
    }
    for (const args of [["help"], ["help", "report"], ["--help"], ["report", "--help"], ["--version"]]) {
      expect(dues(args, { cwd: t.dir }).code, args.join(" ")).toBe(0);
    }
  });

  it("verify --head with something that is not a hash is a usage error (VERIFY_HEAD_FORMAT), not 'the books were rewritten'", () => {
    for (const head of ["abc", "e8fa7b8e", "e8fa7b8e8e44f58c…"]) {
      const r = dues(["--lang", "en", "verify", "--head", head], { cwd: t.dir });
      expect(r.code, head).toBe(64);
      expect(r.stderr).toContain("VERIFY_HEAD_FORMAT");
      expect(r.stdout).not.toContain("NOT in the chain");
    }
    const head = JSON.parse(dues(["--json", "verify"], { cwd: t.dir }).stdout).head;
    if (head) expect(dues(["verify", "--head", head.hash.slice(0, 12)], { cwd: t.dir }).code).toBe(0);
  });
});
