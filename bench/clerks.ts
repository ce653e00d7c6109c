// Bench (issue 11): several clerks of one county federation at once. A seeded federation
// (src/sample/federation.ts) registers its affiliates once; then CLERKS processes at a time,
// clerk k importing the month advices of its own affiliates (one `dues import advice FILE`
// per command) and booking their receipts (`dues receive --from AFFILIATE`), one command
// after another, against one ledger: a SQLite file and, in the same run, a PostgreSQL
// database. Afterwards: every advice booked exactly once (a batch each, its SHA-256 the
// file's), every receipt once (its ref on exactly its month), `dues verify` passes, and
// `dues reconcile --affiliates` totals equal the sums of the files. Commands/s, what waited
// (a command's stderr saying the ledger is in use; a command failing busy is tried again
// and counted), the longest command, and os.loadavg().
//   node dist/bench/main.js clerks [--clerks 8] [--affiliates 4] [--months 3] [--pg URL]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ledger } from "../src/ledger/ledger.js";
import { formatMinor } from "../src/domain/money.js";
import { addMonths, type Period } from "../src/domain/period.js";
import { affiliatesCsv, sampleAdvice, sampleAffiliate } from "../src/sample/federation.js";
import { loadText } from "./child.js";

// dist/bench/clerks.js or bench/clerks.ts (under vitest): the project root is where package.json is.
const ROOT = ((d: string) => { while (!existsSync(join(d, "package.json"))) d = dirname(d); return d; })(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, "bin", "dues");
const SEED = 11;
const YEAR = 2026;

export interface ClerksOptions {
  readonly clerks: number;
  /** Affiliates per clerk (disjoint sets). */
  readonly affiliates: number;
  /** Months of advices per affiliate, from January. */
  readonly months: number;
  /** A PostgreSQL URL naming an empty database; else a SQLite dues.db. */
  readonly db?: string;
  readonly keep?: boolean;
}

export interface ClerksResult {
  readonly backend: "SQLite" | "PostgreSQL";
  readonly commands: number;
  readonly seconds: number;
  /** Commands that failed because the ledger stayed busy, and were run again. */
  readonly busyRetries: number;
  /** stderr lines of the clerks' commands saying the ledger is in use (a wait note). */
  readonly waitNotes: number;
  readonly longestMs: number;
  readonly medianMs: number;
  readonly loadBefore: string;
  readonly loadAfter: string;
  /** Every check that failed; empty when no batch was lost or booked twice and verify passed. */
  readonly problems: string[];
  readonly advices: number;
  readonly receipts: number;
  readonly expected: string;
  readonly received: string;
  readonly verify: string;
}

interface Task { readonly args: string[]; readonly kind: "advice" | "receipt" }

const minorOf = (s: string): number => {
  // Money in the files and the JSON: "-?digits.dd", exactly two decimals.
  if (!/^-?\d+\.\d\d$/.test(s)) throw new Error(`not an amount with two decimals: ${s}`);
  return Number(s.replace(".", ""));
};

/** Runs one command (async, so that the clerks overlap); the output and how long it took. */
function command(dir: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((res) => {
    const child = spawn(process.execPath, [BIN, ...args, "--lang", "en"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => res({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

const isBusy = (stderr: string) => /SQLITE_BUSY|database is locked|55P03|lock timeout|LEDGER_BUSY/i.test(stderr);
const WAIT_NOTE = /in use by another command|waiting \(\d+\)/i;

/** One federation, its register imported, then the clerks at once; the checks afterwards. */
export async function runClerks(o: ClerksOptions): Promise<ClerksResult> {
  const root = mkdtempSync(join(tmpdir(), "dues-clerks-"));
  const dir = join(root, "county");
  const at = o.db ? ["--db", o.db] : [];
  const problems: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    const sync = (args: string[], ok = [0]) => {
      const r = spawnSync(process.execPath, [BIN, ...at, ...args, "--lang", "en"], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1" } });
      if (!ok.includes(r.status ?? -1)) throw new Error(`dues ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
      return r;
    };
    sync(["init", "--template", "cn-county", "--quiet"]);
    const count = o.clerks * o.affiliates;
    // Every affiliate remits itself (union-collects), so each advice books what it owes here.
    writeFileSync(join(root, "affiliates.csv"), affiliatesCsv(SEED, count, { collection: "union-collects" }));
    sync(["affiliates", "import", "../affiliates.csv", "--quiet"]);

    // The files and the commands of each clerk: its affiliates' months, advice then receipt.
    mkdirSync(join(root, "advices"));
    const shaOf = new Map<string, string>();
    const due = new Map<string, number>();
    let expected = 0;
    const queues: Task[][] = Array.from({ length: o.clerks }, () => []);
    for (let k = 0; k < o.clerks; k++) {
      for (let j = 0; j < o.affiliates; j++) {
        const i = k * o.affiliates + j;
        const a = sampleAffiliate(SEED, i);
        for (let m = 1; m <= o.months; m++) {
          const period = `${YEAR}-${String(m).padStart(2, "0")}` as Period;
          const text = sampleAdvice(SEED, i, YEAR, { month: m });
          const file = join("..", "advices", `${a.id}-${period}.json`);
          writeFileSync(join(dir, file), text);
          shaOf.set(createHash("sha256").update(text).digest("hex"), `${a.id} ${period}`);
          // What comes here: the advice's shares not retained (the county's part of the funds).
          const owed = (JSON.parse(text) as { months: { shares: { to: string; amount: string }[] }[] }).months[0]!.shares
            .filter((s) => s.to !== "retained").reduce((t, s) => t + minorOf(s.amount), 0);
          due.set(`${a.id} ${period}`, owed);
          expected += owed;
          queues[k]!.push({ kind: "advice", args: [...at, "import", "advice", file, "--quiet"] });
          queues[k]!.push({ kind: "receipt", args: [...at, "receive", "--from", a.id, "--amount", formatMinor(owed, 2), "--date", `${addMonths(period, 1)}-10`, "--period", period, "--ref", `R-${a.id}-${period}`, "--quiet"] });
        }
      }
    }

    // The clerks at once: each runs its commands one after another.
    let busyRetries = 0, waitNotes = 0;
    const times: number[] = [];
    const loadBefore = loadText();
    const t0 = performance.now();
    await Promise.all(queues.map(async (queue, k) => {
      for (const task of queue) {
        for (let attempt = 1; ; attempt++) {
          const r = await command(dir, task.args);
          times.push(r.ms);
          waitNotes += r.stderr.split("\n").filter((l) => WAIT_NOTE.test(l)).length;
          if (r.code === 0) break;
          if (isBusy(r.stderr) && attempt < 10) { busyRetries++; continue; }
          problems.push(`clerk ${k}: dues ${task.args.join(" ")} exited ${r.code}: ${r.stderr.trim().split("\n").slice(0, 3).join(" / ")}`);
          break;
        }
      }
    }));
    const seconds = (performance.now() - t0) / 1000;
    const loadAfter = loadText();
    const commands = queues.reduce((t, q) => t + q.length, 0);

    // ---- the checks: nothing lost, nothing twice, the chain whole, the totals the files' sums.
    const last = `${YEAR}-${String(o.months).padStart(2, "0")}` as Period;
    const ledger = Ledger.open(o.db ?? join(dir, "dues.db"), { readonly: true });
    let advices = 0, receipts = 0, verify = "";
    try {
      const adv = ledger.batches({ kind: "advice" });
      advices = adv.length;
      const seen = new Map<string, number>();
      for (const b of adv) seen.set(b.sha256 ?? "", (seen.get(b.sha256 ?? "") ?? 0) + 1);
      for (const [sha, what] of shaOf) {
        const n = seen.get(sha) ?? 0;
        if (n !== 1) problems.push(`advice ${what}: booked ${n} times`);
      }
      for (const sha of seen.keys()) if (!shaOf.has(sha)) problems.push(`an advice batch of no file given (${sha.slice(0, 12)})`);
      receipts = ledger.batches({ kind: "receive" }).length;
      if (receipts !== shaOf.size) problems.push(`${receipts} receipt batches, ${shaOf.size} receipts given`);
      const v = ledger.verify();
      verify = `${v.ok ? "ok" : "BROKEN"}, ${v.entries} entries`;
      if (!v.ok) problems.push(`verify: ${JSON.stringify(v.breaks).slice(0, 500)}`);
    } finally {
      ledger.close();
    }
    const ver = sync(["verify"], [0, 1]);
    if (ver.status !== 0) problems.push(`dues verify exited ${ver.status}: ${ver.stdout.slice(0, 500)}`);
    const rec = sync(["reconcile", "--affiliates", "--from", `${YEAR}-01`, "--to", last, "--as-of", `${addMonths(last, 1)}-28`, "--json"], [0, 1]);
    const j = JSON.parse(rec.stdout) as { rows: { affiliate: string; period: string; source: string; expected: string; received: string; refs: string[] }[]; totals: { expected: string; received: string; outstanding: string } };
    const rows = new Map(j.rows.map((x) => [`${x.affiliate} ${x.period}`, x]));
    for (const [key, owed] of due) {
      const x = rows.get(key);
      const ref = `R-${key.replace(" ", "-")}`;
      if (!x) problems.push(`reconcile: no row for ${key}`);
      else if (x.source !== "advice" || minorOf(x.expected) !== owed || minorOf(x.received) !== owed || x.refs.length !== 1 || x.refs[0] !== ref) {
        problems.push(`reconcile ${key}: ${JSON.stringify(x)}, expected ${formatMinor(owed, 2)} received once as ${ref}`);
      }
    }
    if (j.rows.length !== due.size) problems.push(`reconcile: ${j.rows.length} rows, ${due.size} affiliate months`);
    if (minorOf(j.totals.expected) !== expected || minorOf(j.totals.received) !== expected || minorOf(j.totals.outstanding) !== 0) {
      problems.push(`reconcile totals ${JSON.stringify(j.totals)}, the files say ${formatMinor(expected, 2)} expected and received`);
    }
    if (rec.status !== 0) problems.push(`reconcile --affiliates exited ${rec.status} (something owed)`);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      backend: o.db ? "PostgreSQL" : "SQLite", commands, seconds, busyRetries, waitNotes,
      longestMs: sorted.at(-1) ?? 0, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, loadBefore, loadAfter, problems,
      advices, receipts, expected: j.totals.expected, received: j.totals.received, verify,
    };
  } finally {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
    else process.stderr.write(`kept ${root}\n`);
  }
}

export function clerksTable(opts: Pick<ClerksOptions, "clerks" | "affiliates" | "months">, results: readonly ClerksResult[]): string {
  const out = [
    `\n${opts.clerks} clerks of one federation at once (bench/clerks.ts): each ${opts.affiliates} affiliates × ${opts.months} month advices, one \`dues import advice FILE\` and one \`dues receive --from AFFILIATE\` per month, one process per command`,
    "| backend | commands | wall | commands/s | median / longest command | busy retries | wait notes | advices / receipts booked | reconcile expected = received | verify | checks | load before → after |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    out.push(`| ${r.backend} | ${r.commands} | ${r.seconds.toFixed(1)} s | ${(r.commands / r.seconds).toFixed(2)} | ${(r.medianMs / 1000).toFixed(2)} / ${(r.longestMs / 1000).toFixed(2)} s | ${r.busyRetries} | ${r.waitNotes} | ${r.advices} / ${r.receipts} | ${r.expected} = ${r.received} | ${r.verify} | ${r.problems.length ? `FAILED: ${r.problems.length}` : "none lost, none twice"} | ${r.loadBefore} → ${r.loadAfter} |`);
  }
  for (const r of results) for (const p of r.problems.slice(0, 20)) out.push(`  ${r.backend}: ${p}`);
  return out.join("\n");
}

/** `node dist/bench/main.js clerks`: SQLite, then the server (--pg URL, DUES_TEST_PG or a throwaway cluster). */
export async function benchClerks(argv: readonly string[], server?: { url: string }): Promise<boolean> {
  const flag = (name: string, d: number) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : d; };
  const opts = { clerks: flag("--clerks", 8), affiliates: flag("--affiliates", 4), months: flag("--months", 3), keep: argv.includes("--keep") };
  const { database, pgServer, SKIPPED } = await import("./pg-server.js");
  process.stderr.write(`clerks bench, SQLite (load ${loadText()})\n`);
  const results = [await runClerks(opts)];
  const found = server ? { url: server.url, how: "given", stop: () => {} } : pgServer(argv);
  if (found) {
    try {
      const db = database(found.url);
      try {
        process.stderr.write(`clerks bench, PostgreSQL (load ${loadText()})\n`);
        results.push(await runClerks({ ...opts, db: db.url }));
      } finally {
        db.drop();
      }
    } finally {
      found.stop();
    }
  }
  console.log(clerksTable(opts, results));
  if (!found) console.log(SKIPPED);
  console.log(`load average now ${loadText()}`);
  return found !== undefined && results.every((r) => r.problems.length === 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchClerks(process.argv.slice(2));
}
