// `dues import payroll FILE --period YYYY-MM [--source NAME] [--dry-run] [--replace]`:
// flags to the use case in app/import-payroll.ts, and the summary back to the treasurer
// (or the SPEC §4.1 JSON). No rules here.
import type { Command } from "commander";
import type { ImportPayrollResult } from "../../app/import-payroll.js";
import { formatMinor } from "../../domain/money.js";
import { text } from "../../domain/text.js";
import type { CommandContext } from "../context.js";
import { startProgress } from "../render/progress.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import { renderTable } from "../render/table.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { resolve } from "node:path";
import { statSync } from "node:fs";

export function registerImportPayroll(importCommand: Command, run: Runner): void {
  importCommand
    .command("payroll")
    .description(h("Import a month's payroll: dues, funds and shares, booked as one batch", "导入月度工资表：计算会费、经费及上解份额，作为一个批次入账"))
    .argument("<file>", h("the payroll file (CSV, TSV or xlsx)", "工资表文件（CSV、TSV 或 xlsx）"))
    .requiredOption("--period <YYYY-MM>", h("the month the payroll is for", "工资所属月份"))
    .option("--source <name>", h("which `sources` entry of dues.yaml reads it (default: default, or the only one)", "使用 dues.yaml 中哪个数据源（默认 default，或唯一的那个）"))
    .option("--dry-run", h("compute and check everything, write nothing", "只计算和检查，不写入"))
    .option("--replace", h("void the period's earlier import from this source and book this file instead", "冲销本期同一数据源的原批次并改用此文件"))
    .addHelpText("after", examples([
      ["dues import payroll 工资表-2026-10.csv --period 2026-10", "book October's payroll", "导入10月工资表并入账"],
      ["dues import payroll payroll.csv --period 2026-10 --dry-run", "check the file and see the totals; nothing is written", "检查文件并查看合计，不写入"],
      ["dues import payroll fixed.csv --period 2026-10 --replace --json", "replace October's import with a corrected file", "用更正后的文件替换10月的导入"],
    ]))
    .action(run(async (ctx: CommandContext, file: string, opts: { period: string; source?: string; dryRun?: boolean; replace?: boolean }) => {
      // Loaded on use: the reader and its libraries are not needed by other commands.
      const { importPayroll, importPayrollJson } = await import("../../app/import-payroll.js");
      const ws = workspaceFor(ctx);
      const path = resolve(ctx.cwd, file);
      let size = 0;
      try { size = statSync(path).size; } catch { /* the reader reports it */ }
      const progress = startProgress(ctx, text("Reading payroll", "读取工资表"), size);
      try {
        const result = await importPayroll(ws.config, ws.ledger, {
          path, fileLabel: file, period: opts.period, source: opts.source, dryRun: Boolean(opts.dryRun), replace: Boolean(opts.replace),
          now: ctx.now(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null,
          onProgress: (done) => progress.update(done),
          busyAttempts: /^\d+$/.test(ctx.env.DUES_BUSY_ATTEMPTS ?? "") ? Math.max(1, Number(ctx.env.DUES_BUSY_ATTEMPTS)) : undefined,
          onWaiting: (attempt) => ctx.note(ctx.t(text(`The ledger is in use by another command; waiting (${attempt})…`, `账本正被其他命令使用，等待中（${attempt}）……`))),
          onWriting: (rows) => {
            // Called once every line is written: only the batch header and the commit remain.
            if (progress.active) {
              progress.stop();
              ctx.note(ctx.t(text(`Read and wrote ${rows} lines; sealing the batch…`, `已读取并写入 ${rows} 行，正在完成入账……`)));
            }
          },
        });
        progress.stop();
        if (result.warnings.length) ctx.note(formatProblems(result.warnings, ctx.lang, ctx.err));
        // --json: the warnings too, each with its line (SPEC §7 problem shape), after the SPEC §4.1 fields.
        if (ctx.globals.json) ctx.json({ ...importPayrollJson(result), warnings: (problemsJson(result.warnings, ctx.lang) as { problems: object[] }).problems });
        else ctx.print(renderSummary(ctx, result));
        return 0;
      } finally {
        progress.stop();
        ws.close();
      }
    }));
}

function renderSummary(ctx: CommandContext, r: ImportPayrollResult): string {
  const m = (x: number) => formatMinor(x, r.digits, { grouping: true });
  const zh = ctx.lang === "zh-CN";
  const delim = r.delimiter === "\t" ? "tab" : r.delimiter;
  const lines: string[] = [];
  const head = r.dryRun
    ? ctx.t(text(`Dry run: ${r.file} for ${r.period} checked; nothing was written.`, `试运行：已检查 ${r.file}（${r.period}），未写入任何内容。`))
    : ctx.t(text(`Imported ${r.file} for ${r.period} as batch ${r.batch}.`, `已导入 ${r.file}（${r.period}），批次 ${r.batch}。`));
  lines.push(ctx.out.bold(head));
  if (r.voided.length) lines.push(ctx.t(text(`Replaced batch ${r.voided.join(", ")} (voided by reversing entries).`, `已替换批次 ${r.voided.join("、")}（以冲销分录作废）。`)));
  lines.push(ctx.t(text(
    `Read as ${r.encoding}, delimiter "${delim}"; SHA-256 ${r.sha256.slice(0, 16)}…; source ${r.source}; scheme from ${r.scheme.effectiveFrom}.`,
    `编码 ${r.encoding}，分隔符“${delim}”；SHA-256 ${r.sha256.slice(0, 16)}…；数据源 ${r.source}；方案自 ${r.scheme.effectiveFrom} 起生效。`,
  )));
  lines.push(ctx.t(text(
    `${r.employees} employees, ${r.members} members (${r.exempt} exempt, ${r.paying} paying).`,
    `职工 ${r.employees} 人，会员 ${r.members} 人（免缴 ${r.exempt} 人，缴费 ${r.paying} 人）。`,
  )));
  lines.push("");
  // A scheme without a funds stream (a US local, a UK branch) shows no funds lines.
  const totals: [string, string][] = [
    ...(r.fundsStream ? [[zh ? "经费基数（工资总额）" : "Funds base (payroll total)", m(r.totals.fundsBase)] as [string, string]] : []),
    [zh ? "会费基数" : "Dues base", m(r.totals.duesBase)],
    [zh ? "会费" : "Dues", m(r.totals.dues)],
    ...(r.fundsStream ? [[zh ? "拨缴经费" : "Allocated funds", m(r.totals.funds)] as [string, string]] : []),
  ];
  if (r.totals.deducted !== null) totals.push([zh ? "单位代扣会费" : "Dues deducted by the employer", m(r.totals.deducted)]);
  lines.push(renderTable([{ header: zh ? "合计" : "Totals" }, { header: zh ? "金额" : "Amount", align: "right", keep: true }], totals, { style: ctx.out, maxWidth: ctx.terminalWidth }));
  if (r.shares.length) {
    lines.push("");
    const streamName = (s: string) => (s === "funds" ? (zh ? "经费" : "funds") : s === "per-capita" ? (zh ? "人头费" : "per-capita") : (zh ? "会费" : "dues"));
    lines.push(renderTable(
      [{ header: zh ? "款项" : "Stream" }, { header: zh ? "归属" : "To" }, { header: zh ? "金额" : "Amount", align: "right", keep: true }],
      r.shares.map((s) => [streamName(s.stream), s.to === "retained" ? (zh ? `本级留用（${s.name}）` : `retained (${s.name})`) : `${s.name} (${s.to})`, m(s.amount)]),
      { style: ctx.out, maxWidth: ctx.terminalWidth },
    ));
    if (r.collection === "upstream") lines.push(ctx.t(text("Funds are collected upstream: only the kept share is booked (receivable from the higher body).", "经费由上级或税务代收：只记本级留用部分（应收上级经费）。")));
  }
  if (r.checkoff.mapped) {
    lines.push("");
    lines.push(r.checkoff.mismatches === 0
      ? ctx.t(text("Check-off: what the employer deducted matches every member's dues.", "代扣核对：单位代扣额与每位会员应缴会费一致。"))
      : ctx.t(text(
        `Check-off: ${r.checkoff.mismatches} ${r.checkoff.mismatches === 1 ? "mismatch" : "mismatches"}; members short ${m(r.checkoff.arrears)} (arrears), over ${m(r.checkoff.credits)} (owed back).`,
        `代扣核对：${r.checkoff.mismatches} 处不符；少扣 ${m(r.checkoff.arrears)}（会员欠缴），多扣 ${m(r.checkoff.credits)}（应退会员）。`,
      )));
  }
  const w = r.warnings.length;
  if (w) lines.push("", ctx.t(text(`${w} warning${w === 1 ? "" : "s"} (on stderr).`, `${w} 条警告（见标准错误输出）。`)));
  return lines.join("\n");
}
