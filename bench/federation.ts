// Bench: a seeded county federation (issue 11): `affiliates` affiliates (default 5,000),
// 12 months of their remittance advices (one annual return each), and the tax
// office's collection list (one line per affiliate and month: 60,000), imported,
// reconciled and exported through bin/dues, each step its own timed process with peak RSS
// and load average. Goals: the whole under 60 s, every process under 300 MB.
//   node dist/bench/main.js federation [--affiliates N] [--keep] [--backend sqlite|pg]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { affiliatesCsv, sampleAdvice, writeTaxList } from "../src/sample/federation.js";
import { loadText, timed, type Run } from "./child.js";
import { database, pgServer, SKIPPED } from "./pg-server.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const BIN = join(ROOT, "bin", "dues");
const SEED = 11;

export interface StepResult extends Run {
  readonly step: string;
  readonly detail: string;
}

/** The federation's steps, in order (advices: false leaves out the annual returns); db: a
 *  PostgreSQL URL (an empty database) for the ledger, else SQLite's dues.db. */
export async function benchFederation(o: { affiliates?: number; keep?: boolean; advices?: boolean; db?: string } = {}): Promise<StepResult[]> {
  const count = o.affiliates ?? 5000;
  const at = o.db ? ["--db", o.db] : [];
  const dues = (dir: string, args: string[], ok: readonly number[] = [0]): Run & { stdout: string; status: number } =>
    timed([BIN, ...at, ...args], dir, join(dir, "..", "rss"), ok);
  const root = mkdtempSync(join(tmpdir(), "dues-bench-fed-"));
  const dir = join(root, "county");
  const out: StepResult[] = [];
  const step = (name: string, detail: string, r: Run) => {
    out.push({ step: name, detail, ...r });
    process.stderr.write(`  ${name}: ${r.seconds.toFixed(2)} s, peak ${r.peakMB} MB, load ${r.load.toFixed(2)} (${detail})\n`);
  };
  try {
    mkdirSync(dir, { recursive: true });
    const init = spawnSync(process.execPath, [BIN, ...at, "init", "--template", "cn-county", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    if (init.status !== 0) throw new Error(`dues init --template cn-county failed: ${init.stderr}`);
    writeFileSync(join(root, "affiliates.csv"), affiliatesCsv(SEED, count));
    const t0 = performance.now();
    const lines = await writeTaxList(join(root, "tax-list.csv"), { seed: SEED, count, first: "2026-01", months: 12 });
    const genSeconds = (performance.now() - t0) / 1000;
    process.stderr.write(`  generated ${count} affiliates and a ${lines}-line tax list (${(statSync(join(root, "tax-list.csv")).size / 1e6).toFixed(1)} MB GB18030) in ${genSeconds.toFixed(1)} s\n`);

    step("affiliates import", `${count} affiliates`, dues(dir, ["affiliates", "import", "../affiliates.csv", "--quiet"]));
    if (o.advices !== false) {
      // One annual return per affiliate (12 months each), as its `dues export return --year` writes it.
      const files: string[] = [];
      mkdirSync(join(root, "advices"));
      for (let i = 0; i < count; i++) {
        const f = join("..", "advices", `u${String(i).padStart(5, "0")}-2026.json`);
        writeFileSync(join(dir, f), sampleAdvice(SEED, i, 2026));
        files.push(f);
      }
      step("import advice", `${count} annual returns × 12 months`, dues(dir, ["import", "advice", ...files, "--quiet", "--json"]));
    }
    const imp = dues(dir, ["import", "tax-list", "../tax-list.csv", "--json", "--quiet"]);
    const j = JSON.parse(imp.stdout) as { lines: number; periods: unknown[]; totals: { collected: string } };
    step("import tax-list", `${j.lines} lines, ${j.periods.length} periods, ${j.totals.collected} collected`, imp);
    // reconcile exits 1 while anything is owed (the refunds are, until paid).
    const rec = dues(dir, ["reconcile", "--affiliates", "--json", "--as-of", "2027-01-31"], [0, 1, 64]);
    if (rec.status === 64) {
      // wt-fed's reconcile --affiliates not merged yet: the bodies' reconcile instead, said so.
      const bodies = dues(dir, ["reconcile", "--json", "--as-of", "2027-01-31"], [0, 1]);
      step("reconcile (bodies; --affiliates not available)", `${(JSON.parse(bodies.stdout) as { rows?: unknown[] }).rows?.length ?? 0} rows`, bodies);
    } else step("reconcile --affiliates", `${(JSON.parse(rec.stdout) as { rows?: unknown[] }).rows?.length ?? 0} rows`, rec);
    const exp = dues(dir, ["export", "audit", "--from", "2026-01", "--to", "2026-12", "-o", "../audit.xlsx", "--quiet"]);
    step("export audit", `${(statSync(join(root, "audit.xlsx")).size / 1e6).toFixed(1)} MB`, exp);
    const ver = dues(dir, ["verify", "--quiet"]);
    step("verify", "hash chain", ver);
    return out;
  } finally {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
    else process.stderr.write(`kept ${root}\n`);
  }
}

/** The same steps on SQLite and, when a server is found (bench/pg-server.ts), PostgreSQL. */
export async function benchFederationBoth(argv: readonly string[]): Promise<boolean> {
  const i = argv.indexOf("--affiliates");
  const n = i >= 0 ? Number(argv[i + 1]) : 5000;
  const keep = argv.includes("--keep");
  // --backend sqlite|pg: one backend only (a quick run); both by default.
  const b = argv.indexOf("--backend");
  const only = b >= 0 ? argv[b + 1] : undefined;
  if (only !== undefined && only !== "sqlite" && only !== "pg") throw new Error(`--backend takes sqlite or pg, not ${only}`);
  let lite: StepResult[] = [];
  if (only !== "pg") {
    process.stderr.write(`federation bench, SQLite (load ${loadText()})\n`);
    lite = await benchFederation({ affiliates: n, keep });
  }
  let pg: StepResult[] | undefined;
  const server = only === "sqlite" ? undefined : pgServer(argv);
  if (only === "sqlite") console.log("\n(PostgreSQL not run: --backend sqlite)");
  else if (!server) console.log(SKIPPED);
  else {
    try {
      const db = database(server.url);
      try {
        process.stderr.write(`federation bench, PostgreSQL (${server.how}; load ${loadText()})\n`);
        pg = await benchFederation({ affiliates: n, keep, db: db.url });
      } finally {
        db.drop();
      }
    } finally {
      server.stop();
    }
  }
  return printFederation(lite, n, pg);
}

export function printFederation(lite: readonly StepResult[], affiliates: number, pg?: readonly StepResult[]): boolean {
  const backends: [string, readonly StepResult[]][] = [...(lite.length ? [["SQLite", lite] as [string, readonly StepResult[]]] : []), ...(pg ? [["PostgreSQL", pg] as [string, readonly StepResult[]]] : [])];
  console.log(`\nfederation (bench/federation.ts): ${affiliates.toLocaleString("en-US")} affiliates × 12 months, ${backends.map((b) => b[0]).join(" and ")}; peak RSS is the dues client process`);
  console.log(`| step | ${backends.map(([b]) => `${b} s | ${b} peak MB | load`).join(" | ")} | what |`);
  console.log(`|---|${backends.map(() => "---|---|---|").join("")}---|`);
  backends[0]?.[1].forEach((s, k) => {
    const cells = backends.map(([, r]) => { const x = r[k]; return x ? `${x.seconds.toFixed(2)} | ${x.peakMB} | ${x.load.toFixed(2)}` : "– | – | –"; });
    console.log(`| ${s.step} | ${cells.join(" | ")} | ${s.detail} |`);
  });
  let ok = true;
  for (const [b, r] of backends) {
    const total = r.reduce((t, s) => t + s.seconds, 0);
    const peak = Math.max(...r.map((s) => s.peakMB));
    const met = total < 60 && peak < 300;
    if (b === "PostgreSQL" || !pg) ok = met;
    console.log(`${b}: total ${total.toFixed(1)} s (goal < 60 s), highest peak ${peak} MB (goal < 300 MB): ${met ? "goals met" : "NOT all goals met"}`);
  }
  if (!pg) console.log("*** the goal is on PostgreSQL, which was not measured in this run ***");
  console.log(`load average now ${loadText()}`);
  return ok && pg !== undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchFederationBoth(process.argv.slice(2));
}
