// Bench: the audit workbook for a year of a large union. Builds a ledger of `members` ×
// 12 months of member lines through the Ledger API, then times `exportAudit` in a child
// process of its own (so its peak RSS is the export's alone) and prints rows/s and peak RSS.
//   node dist/bench/audit.js [members=100000] [months=12]
// The lead's `npm run bench` can call benchAudit() directly.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { exportAudit } from "../src/app/export-audit.js";
import { openWorkspace } from "../src/app/workspace.js";
import { Ledger, type MemberLine } from "../src/ledger/ledger.js";
import { makePeriod } from "../src/domain/period.js";

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(HERE), "../..");
const BIN = join(ROOT, "bin", "dues");

export interface AuditBenchResult {
  members: number;
  months: number;
  buildSeconds: number;
  exportSeconds: number;
  /** CPU time of the export process (user + system). */
  exportCpuSeconds: number;
  /** Data rows written to the workbook (dues detail and journal dominate). */
  rows: number;
  rowsPerSecond: number;
  peakRssMB: number;
  fileMB: number;
  sheets: number;
}

/**
 * Deterministic wages (no Math.random: the same ledger every run): each member's own
 * level, 3,000.00 – 18,000.00, with a small monthly wobble and a 3% raise in July, as a
 * real payroll moves. Few dues change by more than 20%, as in life.
 */
function wage(i: number, m: number): number {
  const level = 300_000 + (Math.abs(Math.imul(i + 1, 2654435761)) % 1_500_000);
  const wobble = Math.abs(Math.imul(i + 1, 40503) ^ Math.imul(m + 7, 69069)) % 20_000; // up to 200.00
  return Math.round(m >= 6 ? (level * 103) / 100 : level) + wobble;
}

/** Builds the ledger (`dues init` then the Ledger API): one payroll batch per month. */
export function buildBenchLedger(dir: string, members: number, months: number): void {
  const init = spawnSync(process.execPath, [BIN, "init", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (init.status !== 0) throw new Error(`dues init failed: ${init.stderr}`);
  const ledger = Ledger.open(join(dir, "dues.db"));
  try {
    for (let m = 0; m < months; m++) {
      const period = makePeriod(2026, m + 1);
      ledger.transaction(() => {
        const b = ledger.beginBatch({ kind: "payroll", period, source: "default", file: `payroll-${period}.csv`, rows: members, createdAt: `${period}-28T08:00:00.000Z` });
        let dues = 0;
        let funds = 0;
        function* lines(): Iterable<MemberLine> {
          for (let i = 0; i < members; i++) {
            const base = wage(i, m);
            const truncated = base - (base % 1000);
            const d = Math.round(truncated / 200); // 0.5%, exact on a 10-yuan step
            // One member in a thousand is short on check-off, so the exceptions sheet has rows.
            const deducted = i % 1000 === 7 ? 0 : d;
            dues += d;
            funds += base;
            yield {
              period, memberId: `E${String(i).padStart(6, "0")}`, sourceLine: i + 2, name: `会员${i}`, department: `部门${i % 40}`,
              status: "active", isMember: true, exempt: false, exemptReason: null, duesBase: base, truncatedBase: truncated,
              rateText: "0.5%", dues: d, deducted, difference: deducted - d, fundsBase: base,
            };
          }
        }
        ledger.appendMemberLines(b, lines());
        const f = Math.round(funds / 50);
        const up = Math.round((f * 2) / 5);
        ledger.postEntry({ batch: b, date: `${period}-28`, period, memo: `${period} dues`, postings: [{ account: "13501", amount: dues }, { account: "401", amount: -dues }] });
        ledger.postEntry({ batch: b, date: `${period}-28`, period, memo: `${period} funds`, postings: [{ account: "13501", amount: f }, { account: "402", amount: -(f - up) }, { account: "211", body: "city", amount: -up }] });
      });
    }
  } finally {
    ledger.close();
  }
}

/** Runs in the child: the export alone, reporting its own time and peak RSS as JSON. */
async function childExport(dir: string, months: number): Promise<void> {
  const ws = openWorkspace({ cwd: dir, env: {} });
  try {
    const started = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const r = await exportAudit(ws.ledger, ws.config, { from: "2026-01", to: makePeriod(2026, months), output: join(dir, "audit.xlsx"), lang: "zh-CN", createdAt: "2026-12-31T00:00:00.000Z" });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds as well as wall time: on a shared machine the wall clock measures the neighbours too.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(JSON.stringify({ seconds, cpuSeconds, rows: r.dataRows, sheets: r.sheets.length, bytes: r.bytes, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\n");
  } finally {
    ws.close();
  }
}

export async function benchAudit(o: { members?: number; months?: number; keep?: boolean } = {}): Promise<AuditBenchResult> {
  const members = o.members ?? 100_000;
  const months = o.months ?? 12;
  const dir = mkdtempSync(join(tmpdir(), "dues-bench-audit-"));
  try {
    const t0 = process.hrtime.bigint();
    buildBenchLedger(dir, members, months);
    const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const child = spawnSync(process.execPath, [HERE, "--child", dir, String(months)], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`export failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { seconds: number; cpuSeconds: number; rows: number; sheets: number; bytes: number; peakRssMB: number };
    return {
      members, months, buildSeconds, exportSeconds: r.seconds, exportCpuSeconds: r.cpuSeconds, rows: r.rows, rowsPerSecond: Math.round(r.rows / r.seconds),
      peakRssMB: r.peakRssMB, fileMB: Math.round((r.bytes / 1e6) * 10) / 10, sheets: r.sheets,
    };
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir} (${statSync(join(dir, "dues.db")).size} bytes of ledger)\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === HERE) {
  if (process.argv[2] === "--child") {
    await childExport(process.argv[3]!, Number(process.argv[4]));
  } else {
    const members = Number(process.argv[2] ?? 100_000);
    const months = Number(process.argv[3] ?? 12);
    const r = await benchAudit({ members, months, keep: process.argv.includes("--keep") });
    console.log(`audit workbook: ${r.members} members × ${r.months} months: built in ${r.buildSeconds.toFixed(1)} s; ` +
      `export ${r.rows} rows in ${r.exportSeconds.toFixed(1)} s (${r.exportCpuSeconds.toFixed(1)} s CPU) = ${r.rowsPerSecond} rows/s, peak RSS ${r.peakRssMB} MB, ${r.fileMB} MB, ${r.sheets} sheets`);
  }
}
