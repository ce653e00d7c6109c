// Reading dues.yaml from disk: a missing file is refused with `dues init` as the hint,
// text that is not UTF-8 is a problem with its line, a BOM is fine, and the hash is of
// the file's exact bytes (what every import records).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Refusal } from "../../src/domain/problem.js";
import { loadConfigFile, requireConfigFile } from "../../src/import/config-file.js";
import { tempDir } from "../helpers/cli.js";
import { BASE, edit } from "./fixtures.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function folder(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe("loadConfigFile", () => {
  it("refuses a missing file as 'missing' (exit 66) with CONFIG_MISSING_FILE and a hint to run dues init", () => {
    const dir = folder();
    let err: unknown;
    try { loadConfigFile(join(dir, "dues.yaml"), "dues.yaml"); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(Refusal);
    const r = err as Refusal;
    expect(r.kind).toBe("missing");
    expect(r.problems.map((p) => p.code)).toEqual(["CONFIG_MISSING_FILE"]);
    expect(r.problems[0]!.hint?.en).toContain("dues init");
  });

  it("reports a file saved in GBK as CONFIG_NOT_UTF8 on the line of the first bad byte", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    // "示例" in GBK is C A 3 … bytes that are not valid UTF-8; put it on line 2.
    const gbk = Buffer.concat([Buffer.from("union:\n  name: "), Buffer.from([0xca, 0xbe, 0xc0, 0xfd]), Buffer.from("\n")]);
    writeFileSync(path, gbk);
    const r = loadConfigFile(path, "dues.yaml");
    expect(r.value).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([["CONFIG_NOT_UTF8", 2]]);
  });

  it("accepts a UTF-8 BOM (Windows Notepad) and hashes the exact bytes of the file", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE, "utf8")]);
    writeFileSync(path, bytes);
    const r = loadConfigFile(path, "dues.yaml");
    expect(r.problems).toEqual([]);
    expect(r.value!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(r.value!.text).toBe(BASE);
  });

  it("reports CRLF files with the same lines and columns", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    writeFileSync(path, edit("due_day: 15", "due_day: 31").replace(/\n/g, "\r\n"));
    const r = loadConfigFile(path, "dues.yaml");
    const p = r.problems.find((x) => x.code === "CONFIG_DUE_DAY")!;
    expect([p.line, p.column, p.source]).toEqual([17, 10, "due_day: 31"]);
  });

  it("names problems by the path given, so the terminal shows dues.yaml:LINE:COL", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    writeFileSync(path, edit("currency: CNY", "currency: RMB"));
    expect(loadConfigFile(path, "dues.yaml").problems[0]!.file).toBe("dues.yaml");
  });

  it("requireConfigFile refuses with every problem as 'data' (exit 65) and passes warnings through", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    writeFileSync(path, edit("due_day: 15", "due_day: 0", edit("currency: CNY", "currency: RMB")));
    let err: unknown;
    try { requireConfigFile(path, "dues.yaml"); } catch (e) { err = e; }
    expect((err as Refusal).kind).toBe("data");
    expect((err as Refusal).problems.map((p) => p.code)).toEqual(["CONFIG_UNKNOWN_CURRENCY", "CONFIG_DUE_DAY"]);
    writeFileSync(path, edit("    document: test notice\n", ""));
    const ok = requireConfigFile(path, "dues.yaml");
    expect(ok.config.union.name).toBe("Test Union");
    expect(ok.warnings.map((p) => p.code)).toEqual(["CONFIG_NO_DOCUMENT"]);
  });

  it("follows YAML anchors and aliases", () => {
    const dir = folder();
    const path = join(dir, "dues.yaml");
    writeFileSync(path, edit("round: { to: 0.01, mode: half-up }", "round: &cent { to: 0.01, mode: half-up }", edit("      rate: 2%\n", "      rate: 2%\n      round: *cent\n")));
    const r = loadConfigFile(path, "dues.yaml");
    expect(r.problems).toEqual([]);
    expect(r.value!.schemes[0]!.funds!.round).toMatchObject({ step: 1, mode: "half-up" });
  });
});
