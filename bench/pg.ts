// `npm run bench -- pg` (or `node dist/bench/main.js pg`): the two ledger backends side by
// side in one run (issue 11), against the server named by DUES_TEST_PG (or --pg URL; start
// one with scripts/pg-test-cluster.sh):
//   1. a payroll import of --rows (default 1,000,000) into a fresh ledger, SQLite then
//      PostgreSQL, interleaved --runs times (goal: PostgreSQL within 2x);
//   2. --clerks (default 8) processes booking batches at once against one ledger
//      (bench/pg-clerk.ts), on each backend: throughput, busy retries, longest wait;
//   3. the locking decision: the same clerks on the server once more, SERIALIZABLE with
//      retry and no lock (DUES_PG_LOCKING=serializable), to count the retries it costs;
//   4. a federation's clerks (bench/clerks.ts): --clerks processes at once importing their
//      affiliates' advices and receipts through bin/dues, on each backend, checked after.
// os.loadavg() is printed beside every figure (2 shared cores: figures are noisy).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ledger } from "../src/ledger/ledger.js";
import { database, pgServer, SKIPPED } from "./pg-server.js";
import { demoConfigYaml } from "../src/sample/demo-year.js";
import { writePayroll } from "../src/sample/payroll.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const BIN = join(ROOT, "bin", "dues");
const CLERK = join(HERE, "pg-clerk.js");
const PRELOAD = pathToFileURL(join(HERE, "rss-preload.js")).href;
const loadText = () => loadavg().map((l) => l.toFixed(2)).join(" ");

function union(root: string, name: string, url?: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dues.yaml"), demoConfigYaml() + (url ? `\nledger: { url: '${url}' }\n` : ""));
  const r = spawnSync(process.execPath, [BIN, "init", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`dues init failed: ${r.stderr}`);
  return dir;
}

function importOnce(file: string, dir: string, rss: string): { seconds: number; peakMB: number; load: string } {
  rmSync(rss, { force: true });
  const load = loadText();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", PRELOAD, BIN, "import", "payroll", file, "--period", "2026-09", "--json", "--quiet"], {
    cwd: dir, encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1", DUES_BENCH_RSS: rss },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 1000)}`);
  return { seconds, peakMB: Number(readFileSync(rss, "utf8")), load };
}

interface ClerkResult { batches: number; retries: number; maxWaitMs: number }

function clerks(n: number, args: (i: number) => string[]): Promise<{ seconds: number; results: ClerkResult[] }> {
  const t0 = performance.now();
  return Promise.all(Array.from({ length: n }, (_, i) => new Promise<ClerkResult>((res, rej) => {
    const child = spawn(process.execPath, [CLERK, ...args(i)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? res(JSON.parse(out) as ClerkResult) : rej(new Error(`clerk ${i} exited ${code}: ${err}`))));
  }))).then((results) => ({ seconds: (performance.now() - t0) / 1000, results }));
}

function clerkLine(label: string, r: { seconds: number; results: ClerkResult[] }, verified: string): string {
  const batches = r.results.reduce((t, x) => t + x.batches, 0);
  const retries = r.results.reduce((t, x) => t + x.retries, 0);
  const wait = Math.max(...r.results.map((x) => x.maxWaitMs));
  return `| ${label} | ${batches} | ${r.seconds.toFixed(1)} s | ${(batches / r.seconds).toFixed(1)} | ${retries} | ${wait.toFixed(0)} ms | ${verified} | ${loadText()} |`;
}

function verifyOf(db: string): string {
  const l = Ledger.open(db, { readonly: true });
  try {
    const v = l.verify();
    return `${v.ok ? "ok" : "BROKEN"}, ${v.entries} entries`;
  } finally {
    l.close();
  }
}

export async function benchPostgres(argv: string[], root: string): Promise<void> {
  const found = pgServer(argv);
  if (!found) {
    console.log(SKIPPED);
    return;
  }
  try {
    await benchOn(found.url, argv, root);
  } finally {
    found.stop();
  }
}

async function benchOn(admin: string, argv: string[], root: string): Promise<void> {
  const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const rows = Number(flag("--rows") ?? 1_000_000);
  const runs = Number(flag("--runs") ?? 1);
  const n = Number(flag("--clerks") ?? 8);
  const perClerk = Number(flag("--batches") ?? 20);
  const lines = Number(flag("--lines") ?? 500);

  if (!argv.includes("--no-import")) {
    const file = join(root, `payroll-${rows}.csv`);
    await writePayroll(file, { seed: 7, employees: rows, month: 0, encoding: "utf-8", titleRow: true, totalRow: true, period: "2026-09", mismatchPermille: 5 });
    console.log(`\npayroll import, ${rows.toLocaleString("en-US")} rows (wide, utf-8), first month into a fresh ledger; load average ${loadText()}`);
    console.log("| run | SQLite | peak MB | load | PostgreSQL | peak MB | load | PG / SQLite |");
    console.log("|---|---|---|---|---|---|---|---|");
    for (let i = 1; i <= runs; i++) {
      const lite = importOnce(file, union(root, `lite-${i}`), join(root, "rss"));
      const server = database(admin);
      try {
        const pg = importOnce(file, union(root, `pg-${i}`, server.url), join(root, "rss"));
        console.log(`| ${i} | ${lite.seconds.toFixed(1)} s | ${lite.peakMB} | ${lite.load} | ${pg.seconds.toFixed(1)} s | ${pg.peakMB} | ${pg.load} | ${(pg.seconds / lite.seconds).toFixed(2)}× |`);
      } finally {
        server.drop();
      }
    }
  }

  console.log(`\n${n} clerks at once, ${perClerk} batches each (${lines} member lines + one entry per batch), one ledger; load average ${loadText()}`);
  console.log("| backend / locking | batches | wall | batches/s | busy retries | longest wait | verify after | load |");
  console.log("|---|---|---|---|---|---|---|---|");
  const liteDir = join(root, "clerks-lite");
  mkdirSync(liteDir, { recursive: true });
  const litePath = join(liteDir, "dues.db");
  Ledger.create(litePath, { chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: "2026-11-01T00:00:00.000Z" }).close();
  const lite = await clerks(n, (i) => ["ledger", litePath, `C${i}`, String(perClerk), String(lines)]);
  console.log(clerkLine("SQLite (BEGIN IMMEDIATE, busy_timeout 10 s)", lite, verifyOf(litePath)));
  for (const mode of ["ledger", "serializable"] as const) {
    const server = database(admin);
    try {
      Ledger.create(server.url, { chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: "2026-11-01T00:00:00.000Z" }).close();
      const r = await clerks(n, (i) => [mode, server.url, `C${i}`, String(perClerk), String(lines)]);
      const label = mode === "ledger" ? "PostgreSQL, advisory lock (the choice)" : "PostgreSQL, SERIALIZABLE + retry, no lock";
      console.log(clerkLine(label, r, verifyOf(server.url)));
    } finally {
      server.drop();
    }
  }
  // 4. the same number of clerks as a federation's: advices and receipts through bin/dues (bench/clerks.ts).
  const { benchClerks } = await import("./clerks.js");
  await benchClerks(argv, { url: admin });
}
