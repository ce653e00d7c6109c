// Shared bits of the end-to-end scenarios: a fresh folder holding one scenario's
// dues.yaml and payroll files (copied from fixtures/scenarios/<name>/), and a runner
// bound to it. Nothing here computes an expected amount: those are worked by hand in
// each test file.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { dues, ROOT, tempDir, type RunResult } from "../helpers/cli.js";

/**
 * bin/dues, as test/helpers/cli.ts runs it; DUES_SCENARIO_BIN points at another build
 * (several people rebuild dist/ in one working tree, so a private `tsc --outDir` copy
 * keeps a run from reading a half-written dist/). Same environment as the helper.
 */
function runDues(args: string[], cwd: string): RunResult {
  const bin = process.env.DUES_SCENARIO_BIN;
  if (!bin) return dues(args, { cwd });
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, NO_COLOR: "1", TZ: "UTC", SOURCE_DATE_EPOCH: "1795000000" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const SCENARIOS = join(ROOT, "fixtures", "scenarios");

export interface Scenario {
  dir: string;
  run: (args: string[]) => RunResult;
  /** Runs with --json, expects exit `code` (0 unless told), returns the parsed stdout. */
  json: (args: string[], code?: number) => any;
  cleanup: () => void;
}

/** A temporary folder with the scenario's fixture files copied in (none when name is omitted). */
export function scenario(name?: string): Scenario {
  const t = tempDir(`dues-scenario-${name ?? "own"}-`);
  if (name) for (const f of readdirSync(join(SCENARIOS, name))) cpSync(join(SCENARIOS, name, f), join(t.dir, f));
  const run = (args: string[]) => runDues(args, t.dir);
  const json = (args: string[], code = 0) => {
    const r = run([...args, "--json"]);
    expect(r.code, `dues ${args.join(" ")}\n${r.stderr}`).toBe(code);
    return JSON.parse(r.stdout);
  };
  return { dir: t.dir, run, json, cleanup: t.cleanup };
}

/** Trial-balance rows as "account[:body]" → { debit, credit, closing }. */
export function trialByAccount(trial: { rows: { account: string; body: string | null; debit: string; credit: string; closing: string }[] }): Record<string, { debit: string; credit: string; closing: string }> {
  const out: Record<string, { debit: string; credit: string; closing: string }> = {};
  for (const r of trial.rows) out[r.body ? `${r.account}:${r.body}` : r.account] = { debit: r.debit, credit: r.credit, closing: r.closing };
  return out;
}

/** An entry's postings as "account[:body]" → amount (positive = debit). */
export function postingsOf(entry: { postings: { account: string; body: string | null; amount: string }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of entry.postings) out[p.body ? `${p.account}:${p.body}` : p.account] = p.amount;
  return out;
}
