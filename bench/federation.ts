// Bench: a seeded county federation (issue 11): `affiliates` affiliates (default 5,000),
// 12 months of their remittance advices (one annual return each), and the tax
// office's collection list (one line per affiliate and month: 60,000), imported,
// reconciled and exported through bin/dues, each step its own timed process with peak RSS
// and load average. Goals: the whole under 60 s, every process under 300 MB.
//   node dist/bench/main.js federation [--affiliates N] [--keep]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { affiliatesCsv, sampleAdvice, writeTaxList } from "../src/sample/federation.js";
import { loadText, timed, type Run } from "./child.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const BIN = join(ROOT, "bin", "dues");
const SEED = 11;

export interface StepResult extends Run {
  readonly step: string;
  readonly detail: string;
}

function dues(dir: string, args: string[], ok: readonly number[] = [0]): Run & { stdout: string; status: number } {
  return timed([BIN, ...args], dir, join(dir, "..", "rss"), ok);
}

/** The federation's steps, in order (advices: false leaves out the annual returns). */
export async function benchFederation(o: { affiliates?: number; keep?: boolean; advices?: boolean } = {}): Promise<StepResult[]> {
  const count = o.affiliates ?? 5000;
  const root = mkdtempSync(join(tmpdir(), "dues-bench-fed-"));
  const dir = join(root, "county");
  const out: StepResult[] = [];
  const step = (name: string, detail: string, r: Run) => {
    out.push({ step: name, detail, ...r });
    process.stderr.write(`  ${name}: ${r.seconds.toFixed(2)} s, peak ${r.peakMB} MB, load ${r.load.toFixed(2)} (${detail})\n`);
  };
  try {
    mkdirSync(dir, { recursive: true });
    const init = spawnSync(process.execPath, [BIN, "init", "--template", "cn-county", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
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

export function printFederation(steps: readonly StepResult[], affiliates: number): boolean {
  console.log(`\nfederation (bench/federation.ts): ${affiliates.toLocaleString("en-US")} affiliates × 12 months, SQLite`);
  console.log("| step | seconds | peak RSS MB | load 1-min | what |");
  console.log("|---|---|---|---|---|");
  for (const s of steps) console.log(`| ${s.step} | ${s.seconds.toFixed(2)} | ${s.peakMB} | ${s.load.toFixed(2)} | ${s.detail} |`);
  const total = steps.reduce((t, s) => t + s.seconds, 0);
  const peak = Math.max(...steps.map((s) => s.peakMB));
  const ok = total < 60 && peak < 300;
  console.log(`total ${total.toFixed(1)} s (goal < 60 s), highest peak ${peak} MB (goal < 300 MB): ${ok ? "goals met" : "NOT all goals met"}; load average now ${loadText()}`);
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--affiliates");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 5000;
  printFederation(await benchFederation({ affiliates: n, keep: process.argv.includes("--keep") }), n);
}
