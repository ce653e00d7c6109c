// `dues import expenses FILE [--dry-run]`: spending vouchers from a file, booked by
// app/import-expenses.ts as one batch (Dr spending = Cr bank, or the row's paid_from).
import { resolve } from "node:path";
import type { Command } from "commander";
let importExpenses!: typeof import("../../app/import-expenses.js").importExpenses;
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ importExpenses } = await import("../../app/import-expenses.js"));
}

export function registerImportExpenses(importCommand: Command, run: Runner): void {
  importCommand
    .command("expenses")
    .description(h("Import spending vouchers (date, account, amount, memo, ref, optional paid_from): one entry each, all or nothing", "导入支出明细（日期、科目编码、金额、摘要、凭证号，可选付款科目）：每行一笔分录，全部入账或全不入账"))
    .argument("<file>", h("the expenses file (CSV or xlsx)", "支出明细文件（CSV 或 xlsx）"))
    .option("--dry-run", h("check everything, write nothing", "只检查，不写入"))
    .addHelpText("after", examples([
      ["dues import expenses 支出明细-2026-03.csv", "book March's spending from the bank account", "把3月份的支出记入账本（贷记银行存款）"],
    ]))
    .action(run(load, async (ctx, file: string, opts: { dryRun?: boolean }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await importExpenses(ws, { path: resolve(ctx.cwd, file), fileLabel: file, now: ctx.now(), dryRun: Boolean(opts.dryRun) });
        if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
        const d = ws.config.union.currency.digits;
        if (ctx.globals.json) {
          ctx.json({ batch: r.batch, file: r.file, sha256: r.sha256, encoding: r.encoding, entries: r.entries, total: formatMinor(r.total, d),
            from: r.from, to: r.to, byAccount: r.byAccount.map((a) => ({ account: a.account, amount: formatMinor(a.amount, d) })), dryRun: r.dryRun,
            warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems });
          return 0;
        }
        const money = formatMinor(r.total, d, { grouping: true });
        ctx.print(r.dryRun
          ? ctx.t({ en: `Dry run: ${r.entries} vouchers, ${money} in total, ${r.from} to ${r.to}, would be booked. Nothing was written.`, zh: `试运行：将入账 ${r.entries} 笔支出，合计 ${money}，${r.from} 至 ${r.to}。未写入任何内容。` })
          : ctx.t({ en: `Booked ${r.entries} vouchers, ${money} in total, ${r.from} to ${r.to}, as batch ${r.batch}.`, zh: `已入账 ${r.entries} 笔支出，合计 ${money}，${r.from} 至 ${r.to}，批次 ${r.batch}。` }));
        const amounts = r.byAccount.map((a) => formatMinor(a.amount, d, { grouping: true }));
        const aw = Math.max(0, ...amounts.map((x) => x.length));
        const cw = Math.max(0, ...r.byAccount.map((a) => a.account.length));
        r.byAccount.forEach((a, i) => ctx.print(ctx.out.dim(`  ${a.account.padEnd(cw)}  ${amounts[i]!.padStart(aw)}`)));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
