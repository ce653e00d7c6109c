// End-to-end helpers: run the real bin/dues (compiled by `npm test`'s build step) in a
// temporary folder, and read back exit code, stdout and stderr.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = join(ROOT, "bin", "dues");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function dues(args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string } ): RunResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: opts.cwd, NO_COLOR: "1", TZ: "UTC", SOURCE_DATE_EPOCH: "1795000000", ...opts.env },
    input: opts.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder; call the returned cleanup in afterEach/afterAll. */
export function tempDir(prefix = "dues-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}
