// Helpers for the reader tests: a payroll source as dues.yaml would give it, and reading a
// file (bytes or text written to a temporary folder) to its rows, problems and info.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { SourceConfig } from "../../src/domain/config.js";
import type { Problem } from "../../src/domain/problem.js";
import { readPayroll, type PayrollInfo, type PayrollRow } from "../../src/import/payroll-reader.js";

export function source(over: Partial<SourceConfig> = {}): SourceConfig {
  return {
    name: "default",
    encoding: "auto",
    delimiter: "auto",
    decimalMark: ".",
    columns: {},
    bases: { dues: ["基本工资", "岗位工资"], funds: ["应发工资"] },
    ...over,
  };
}

const dir = mkdtempSync(join(tmpdir(), "dues-import-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Writes bytes (or UTF-8 text) to a fresh temporary file and returns its path. */
export function tempFile(content: Buffer | string, name = `f${++n}.csv`): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, content);
  return p;
}

export interface Read {
  rows: PayrollRow[];
  problems: Problem[];
  info: PayrollInfo;
  codes: string[];
  errors: Problem[];
}

export async function readPath(path: string, src: SourceConfig = source(), digits = 2): Promise<Read> {
  const r = readPayroll(path, src, { digits, fileLabel: "payroll.csv" });
  const rows: PayrollRow[] = [];
  for await (const row of r.rows()) rows.push(row);
  const { problems, info } = await r.finish();
  return { rows, problems, info, codes: problems.map((p) => p.code), errors: problems.filter((p) => p.severity === "error") };
}

export async function read(content: Buffer | string, src: SourceConfig = source(), digits = 2, name?: string): Promise<Read> {
  return readPath(tempFile(content, name), src, digits);
}

/** Money as the treasurer reads it: "6789.45" from 678945 minor units. */
export function yuan(m: number | null): string | null {
  if (m === null) return null;
  const s = String(Math.abs(m)).padStart(3, "0");
  return (m < 0 ? "-" : "") + s.slice(0, -2) + "." + s.slice(-2);
}

export const HEADER = "序号,工号,姓名,部门,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费";
