// `npm run bench`: the payroll import against csv-parse alone in its plainest fast form
// over the same bytes (issue 12), then the audit workbook bench (bench/audit.ts), then the
// federation bench (bench/federation.ts: affiliates, tax list, reconcile, export).
//   node dist/bench/main.js [import|federation] [--pg URL] [--quick] [--runs 3] [--only TEXT] [--keep] [--no-audit] [--audit-members N] [--no-federation] [--affiliates N]
//   node dist/bench/main.js pg [--pg URL] [--rows N] [--runs N] [--clerks N] [--batches N] [--lines N] [--no-import]
//     (SQLite and PostgreSQL side by side: bench/pg.ts; it ends with the clerks below)
//   node dist/bench/main.js clerks [--pg URL] [--clerks 8] [--affiliates 4] [--months 3] [--keep]
//     (a federation's clerks importing advices and receipts at once, both backends: bench/clerks.ts)
// `import` runs only the import cases; `--quick` (or DUES_BENCH_QUICK=1) reads 100k rows
// where the full bench reads 1M, for development. Every measurement is its own process,
// timed from here from spawn to exit (start-up and module loading included), with its
// peak RSS; the reference and the import are interleaved (reference, import, reference,
// import, ...) and the medians compared, with os.loadavg() beside every figure.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writePayroll } from "../src/sample/payroll.js";
import { demoConfigYaml } from "../src/sample/demo-year.js";
import { writeNarrowPayroll } from "./narrow-payroll.js";
import { loadText, timed, type Run } from "./child.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const BIN = join(ROOT, "bin", "dues");
const REFERENCE = join(HERE, "reference.js");

// The demo union's configuration, whose columns are the sample generator's. The narrow
// shape has no member or status column: it is read with `membership: all`, as the issue's.
const WIDE_CONFIG = demoConfigYaml();
const NARROW_CONFIG = WIDE_CONFIG.replace(/^membership: column$/m, "membership: all");
if (NARROW_CONFIG === WIDE_CONFIG) throw new Error("bug: the demo configuration no longer says membership: column");

type Shape = "wide" | "narrow";
type Encoding = "utf-8" | "gb18030";
interface Case {
  name: string;
  rows: number;
  shape: Shape;
  encoding: Encoding;
  /** 0: first month into a fresh ledger; 1: the second month, month 0 already booked. */
  month: 0 | 1;
  goal: number;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

function reference(file: string, how: string, root: string): Run {
  const r = timed([REFERENCE, file, how], root, join(root, "rss"));
  return r;
}

function importRun(file: string, dir: string, period: string, root: string): Run & { rows: number } {
  const r = timed([BIN, "import", "payroll", file, "--period", period, "--json", "--quiet"], dir, join(root, "rss"));
  return { ...r, rows: (JSON.parse(r.stdout) as { rows: number }).rows };
}

/** An independent plain read, written here apart from reference.ts: the two must agree within 10%. */
function independent(file: string, encoding: Encoding, root: string): Run {
  const code = encoding === "utf-8"
    ? `import { parse } from "csv-parse"; import fs from "node:fs"; let n = 0; for await (const _ of fs.createReadStream(${JSON.stringify(file)}).pipe(parse())) n++; console.log(n);`
    : `import { parse } from "csv-parse"; import iconv from "iconv-lite"; import fs from "node:fs"; let n = 0; for await (const _ of fs.createReadStream(${JSON.stringify(file)}).pipe(iconv.decodeStream("gb18030")).pipe(parse())) n++; console.log(n);`;
  // Run from the project root so that the bare imports resolve to its node_modules.
  return timed(["--input-type=module", "-e", code], ROOT, join(root, "rss"));
}

function freshUnion(root: string, name: string, config: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dues.yaml"), config);
  const r = spawnSync(process.execPath, [BIN, "init", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`dues init failed: ${r.stderr}`);
  return dir;
}

async function writeCase(file: string, c: Case, month: number): Promise<void> {
  if (existsSync(file)) return;
  if (c.shape === "narrow") await writeNarrowPayroll(file, { employees: c.rows, month, encoding: c.encoding });
  else await writePayroll(file, { seed: 7, employees: c.rows, month, encoding: c.encoding, titleRow: true, totalRow: true, period: month ? "2026-10" : "2026-09", mismatchPermille: 5 });
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

interface Result {
  c: Case;
  ref: Run[];
  imp: Run[];
  /** GB18030: the medians of the two decodes; the reference of each round is the faster. */
  decoders?: { textdecoder: number; iconv: number };
  indep: Run;
}

function cases(big: number, small: number, quick: boolean): Case[] {
  const out: Case[] = [];
  for (const shape of ["narrow", "wide"] as const) {
    for (const encoding of ["utf-8", "gb18030"] as const) out.push({ name: `first month, ${shape}, ${encoding}`, rows: big, shape, encoding, month: 0, goal: 1.5 });
  }
  out.push({ name: "second month, narrow, utf-8", rows: big, shape: "narrow", encoding: "utf-8", month: 1, goal: 1.7 });
  out.push({ name: "second month, wide, gb18030", rows: big, shape: "wide", encoding: "gb18030", month: 1, goal: 1.7 });
  if (!quick) out.push({ name: "first month, wide, utf-8", rows: small, shape: "wide", encoding: "utf-8", month: 0, goal: 2 });
  return out;
}

async function benchImport(argv: string[], root: string): Promise<Result[]> {
  const quick = argv.includes("--quick") || process.env.DUES_BENCH_QUICK === "1";
  const runs = Number(flag(argv, "--runs") ?? 3);
  const only = flag(argv, "--only");
  const big = quick ? 100_000 : 1_000_000;
  const list = cases(big, 100_000, quick).filter((c) => !only || `${c.rows} ${c.name}`.includes(only));
  const results: Result[] = [];
  for (const c of list) {
    const tag = `${c.rows}-${c.shape}-${c.encoding}`;
    const file = join(root, `payroll-${tag}-m${c.month}.csv`);
    await writeCase(file, c, c.month);
    const config = c.shape === "narrow" ? NARROW_CONFIG : WIDE_CONFIG;
    // The second month: month 0 booked once, its ledger copied afresh for every run.
    let base: string | null = null;
    if (c.month === 1) {
      const file0 = join(root, `payroll-${tag}-m0.csv`);
      await writeCase(file0, c, 0);
      base = freshUnion(root, `base-${tag}`, config);
      importRun(file0, base, "2026-09", root);
    }
    const r: Result = { c, ref: [], imp: [], indep: { seconds: 0, peakMB: 0, load: 0 } };
    const td: number[] = [];
    const ic: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (c.encoding === "utf-8") r.ref.push(reference(file, "utf-8", root));
      else {
        const a = reference(file, "gb18030-textdecoder", root);
        const b = reference(file, "gb18030-iconv", root);
        td.push(a.seconds);
        ic.push(b.seconds);
        r.ref.push(a.seconds <= b.seconds ? a : b);
      }
      const dir = join(root, `union-${tag}-m${c.month}`);
      if (base) { rmSync(dir, { recursive: true, force: true }); cpSync(base, dir, { recursive: true }); }
      else freshUnion(root, `union-${tag}-m${c.month}`, config);
      const m = importRun(file, dir, c.month ? "2026-10" : "2026-09", root);
      r.imp.push(m);
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`  ${c.rows} ${c.name}: run ${i + 1}: reference ${r.ref.at(-1)!.seconds.toFixed(2)} s, import ${m.seconds.toFixed(2)} s (${m.rows} rows), peak ${m.peakMB} MB, load ${loadText()}\n`);
    }
    if (td.length) r.decoders = { textdecoder: median(td), iconv: median(ic) };
    r.indep = independent(file, c.encoding, root);
    if (base) rmSync(base, { recursive: true, force: true });
    results.push(r);
  }
  return results;
}

const fmtRows = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

function printTable(results: Result[]): void {
  console.log(`\n| rows | case | csv-parse alone (median) | dues import payroll (median) | × | goal | import peak MB | reference peak MB | independent csv-parse (Δ) | load 1-min (min–max) |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|`);
  let ok = true;
  for (const r of results) {
    const ref = median(r.ref.map((x) => x.seconds));
    const imp = median(r.imp.map((x) => x.seconds));
    const ratio = imp / ref;
    const peak = Math.max(...r.imp.map((x) => x.peakMB));
    // The independent GB18030 read decodes with iconv-lite: compared with the reference's iconv-lite rounds.
    const delta = r.indep.seconds / (r.decoders ? r.decoders.iconv : ref) - 1;
    const loads = [...r.ref, ...r.imp, r.indep].map((x) => x.load);
    const pass = ratio <= r.c.goal && peak < 250 && Math.abs(delta) <= 0.1;
    ok &&= pass;
    console.log(`| ${fmtRows(r.c.rows)} | ${r.c.name} | ${ref.toFixed(2)} s | ${imp.toFixed(2)} s | ${ratio.toFixed(2)} | ≤ ${r.c.goal} | ${peak} | ${Math.max(...r.ref.map((x) => x.peakMB))} | ${r.indep.seconds.toFixed(2)} s (${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(0)}%) | ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} |`);
  }
  for (const r of results.filter((x) => x.decoders)) {
    console.log(`GB18030 decode, ${fmtRows(r.c.rows)} ${r.c.name}: TextDecoder ${r.decoders!.textdecoder.toFixed(2)} s, iconv-lite ${r.decoders!.iconv.toFixed(2)} s (medians; each round's reference is the faster)`);
  }
  console.log(`\nEach figure: ${results[0]?.imp.length ?? 0} interleaved runs, each process timed from spawn to exit. Goals: × at most the goal column, import peak < 250 MB, independent read within 10% of the reference.`);
  console.log(`${ok ? "all goals met" : "NOT all goals met"}; load average now ${loadText()} (a figure taken at a load near or over the core count is noise).`);
}

async function main(argv: string[]): Promise<void> {
  const keep = argv.includes("--keep");
  // The federation bench alone (bench/federation.ts): npm run bench:federation.
  if (argv[0] === "federation") return benchFederation(argv, keep);
  // Several clerks of one federation at once, SQLite and PostgreSQL (bench/clerks.ts).
  if (argv[0] === "clerks") {
    const mod = (await import(pathToFileURL(join(HERE, "clerks.js")).href)) as typeof import("./clerks.js");
    await mod.benchClerks(argv.slice(1));
    return;
  }
  const root = mkdtempSync(join(tmpdir(), "dues-bench-"));
  console.log(`dues bench (node ${process.version}, files in ${root}, load average ${loadText()})`);
  try {
    if (argv[0] === "pg") {
      // Both ledger backends side by side (bench/pg.ts).
      const mod = (await import(pathToFileURL(join(HERE, "pg.js")).href)) as { benchPostgres: (argv: string[], root: string) => Promise<void> };
      await mod.benchPostgres(argv.slice(1), root);
      return;
    }
    printTable(await benchImport(argv, root));
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
  if (argv[0] === "import" || argv.includes("--no-audit")) return;
  // The audit workbook bench (bench/audit.ts): builds a ledger and exports it.
  const mod = (await import(pathToFileURL(join(HERE, "audit.js")).href)) as { benchAudit: (o?: { members?: number; months?: number }) => Promise<Record<string, number>> };
  const members = Number(flag(argv, "--audit-members") ?? 100_000);
  const r = await mod.benchAudit({ members, months: 12 });
  console.log(`\naudit workbook (bench/audit.ts): ${(r.members ?? members).toLocaleString("en-US")} members × ${r.months} months: ledger built in ${r.buildSeconds?.toFixed(1)} s; ` +
    `export ${r.exportSeconds?.toFixed(1)} s, ${(r.rows ?? 0).toLocaleString("en-US")} rows (${(r.rowsPerSecond ?? 0).toLocaleString("en-US")} rows/s), peak ${r.peakRssMB} MB, ${r.fileMB} MB, ${r.sheets} sheets; load average ${loadText()}`);
  if (argv.includes("--no-federation")) return;
  await benchFederation(argv, keep);
}

async function benchFederation(argv: string[], keep: boolean): Promise<void> {
  const fed = (await import(pathToFileURL(join(HERE, "federation.js")).href)) as typeof import("./federation.js");
  // SQLite and PostgreSQL side by side (--pg URL, DUES_TEST_PG, or a throwaway cluster).
  await fed.benchFederationBoth(keep && !argv.includes("--keep") ? [...argv, "--keep"] : argv);
}

await main(process.argv.slice(2));
