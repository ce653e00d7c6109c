// `npm run bench`: seeded synthetic payrolls (10k, 100k, 1M rows; GB18030 and UTF-8)
// imported into a fresh ledger each, beside csv-parse alone reading the same file.
// Every measurement runs in its own child process, so peak memory (maxRSS) is its own.
//   node dist/bench/main.js [--sizes 10000,100000,1000000] [--encodings gb18030,utf-8] [--keep]
//     [--no-audit] [--audit-members N]   (the audit workbook bench of bench/audit.ts, when present)
import { spawnSync } from "node:child_process";
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { main as duesMain } from "../src/cli/main.js";
import { writePayroll, type SampleEncoding } from "../src/sample/payroll.js";
import { demoConfigYaml } from "../src/sample/demo-year.js";

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(HERE), "../..");
const BIN = join(ROOT, "bin", "dues");

// The configuration the generated files are read with: the demo union's, whose columns
// are the sample generator's (SAMPLE_HEADERS of src/sample/payroll.ts).
const CONFIG = demoConfigYaml();

interface Measured {
  what: string;
  rows: number;
  seconds: number;
  peakRssMB: number;
}

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

// ---------------------------------------------------------------- child measurements

/** The reference: csv-parse alone, streaming, rows as arrays, decoded first (iconv for GB18030). */
async function childCsvParse(file: string, encoding: string): Promise<Measured> {
  const t0 = performance.now();
  const raw = createReadStream(file);
  const decoded = encoding === "gb18030" ? raw.pipe(iconv.decodeStream("gb18030")) : raw.setEncoding("utf8");
  let rows = 0;
  for await (const _ of decoded.pipe(parse({ relax_column_count: true, bom: true }))) rows++;
  return { what: "csv-parse alone", rows, seconds: (performance.now() - t0) / 1000, peakRssMB: peakRssMB() };
}

/** The whole command, in this process: `dues import payroll FILE --period 2026-10 --json`. */
async function childImport(file: string, dir: string): Promise<Measured> {
  let out = "";
  let err = "";
  const t0 = performance.now();
  const code = await duesMain(["node", "dues", "import", "payroll", file, "--period", "2026-10", "--json", "--quiet"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    streams: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`import failed (${code}): ${err}${out.slice(0, 2000)}`);
  const j = JSON.parse(out) as { rows: number };
  return { what: "dues import payroll", rows: j.rows, seconds, peakRssMB: peakRssMB() };
}

async function child(args: string[]): Promise<void> {
  const [what, file, arg] = args as [string, string, string];
  let m: Measured;
  if (what === "csv-parse") m = await childCsvParse(file, arg);
  else if (what === "import") m = await childImport(file, arg);
  else if (what === "read-payroll") {
    const mod = (await import(pathToFileURL(join(dirname(HERE), "read-payroll.js")).href)) as { benchReadPayroll(path: string): Promise<{ rows: number; seconds: number; peakRssMB: number }> };
    const r = await mod.benchReadPayroll(file);
    m = { what: "readPayroll alone", rows: r.rows, seconds: r.seconds, peakRssMB: r.peakRssMB };
  } else throw new Error(`unknown child measurement ${what}`);
  process.stdout.write(JSON.stringify(m) + "\n");
}

// ---------------------------------------------------------------- parent

function measure(args: string[]): Measured {
  const r = spawnSync(process.execPath, [HERE, "--child", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Measured;
}

function freshUnion(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dues.yaml"), CONFIG);
  const r = spawnSync(process.execPath, [BIN, "init", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`dues init failed: ${r.stderr}`);
  return dir;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - s.length));
const padL = (s: string, n: number) => " ".repeat(Math.max(0, n - s.length)) + s;

async function parent(argv: string[]): Promise<void> {
  const sizes = (flag(argv, "--sizes") ?? "10000,100000,1000000").split(",").map(Number);
  const encodings = (flag(argv, "--encodings") ?? "gb18030,utf-8").split(",") as SampleEncoding[];
  const keep = argv.includes("--keep");
  const root = mkdtempSync(join(tmpdir(), "dues-bench-"));
  const haveReader = existsSync(join(dirname(HERE), "read-payroll.js"));
  console.log(`dues bench: payroll import (node ${process.version}, files in ${root})`);
  console.log(`${pad("rows", 10)} ${pad("encoding", 9)} ${pad("what", 20)} ${padL("seconds", 8)} ${padL("rows/s", 10)} ${padL("peak MB", 8)} ${padL("× csv-parse", 11)}`);
  const results: { rows: number; encoding: string; m: Measured; ratio: number | null }[] = [];
  try {
    for (const rows of sizes) {
      for (const encoding of encodings) {
        const file = join(root, `payroll-${rows}-${encoding}.csv`);
        await writePayroll(file, { seed: 7, employees: rows, encoding, titleRow: true, totalRow: true, period: "2026-10", mismatchPermille: 5 });
        const ref = measure(["csv-parse", file, encoding]);
        const cases = [ref];
        if (haveReader) cases.push(measure(["read-payroll", file, encoding]));
        const dir = freshUnion(root, `union-${rows}-${encoding}`);
        cases.push(measure(["import", file, dir]));
        for (const m of cases) {
          const ratio = m === ref ? null : m.seconds / ref.seconds;
          results.push({ rows, encoding, m, ratio });
          console.log(`${pad(fmt(rows), 10)} ${pad(encoding, 9)} ${pad(m.what, 20)} ${padL(m.seconds.toFixed(2), 8)} ${padL(fmt(Math.round(m.rows / m.seconds)), 10)} ${padL(String(m.peakRssMB), 8)} ${padL(ratio === null ? "" : ratio.toFixed(2), 11)}`);
        }
        if (!keep) rmSync(file, { force: true }), rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
  const imports = results.filter((r) => r.m.what === "dues import payroll");
  const worstRatio = Math.max(...imports.filter((r) => r.rows >= 1_000_000).map((r) => r.ratio ?? 0), 0);
  const worstMem = Math.max(...imports.map((r) => r.m.peakRssMB));
  console.log(`\ngoals: 1M-row import ≤ 2.5 × csv-parse alone${worstRatio ? ` (measured ${worstRatio.toFixed(2)})` : " (no 1M case run)"}; peak memory < 300 MB (measured ${worstMem} MB)`);

  // The audit workbook bench (bench/audit.ts), when present: builds a ledger and exports it.
  const audit = join(dirname(HERE), "audit.js");
  if (existsSync(audit) && !argv.includes("--no-audit")) {
    const mod = (await import(pathToFileURL(audit).href)) as { benchAudit?: (o?: { members?: number; months?: number }) => Promise<Record<string, number>> };
    if (mod.benchAudit) {
      const members = Number(flag(argv, "--audit-members") ?? 100_000);
      const r = await mod.benchAudit({ members, months: 12 });
      console.log(`
audit workbook (bench/audit.ts): ${fmt(r.members ?? members)} members × ${r.months} months: ledger built in ${r.buildSeconds?.toFixed(1)} s; ` +
        `export ${r.exportSeconds?.toFixed(1)} s, ${fmt(r.rows ?? 0)} rows (${fmt(r.rowsPerSecond ?? 0)} rows/s), peak ${r.peakRssMB} MB, ${r.fileMB} MB, ${r.sheets} sheets`);
    }
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") await child(argv.slice(1));
else await parent(argv);
