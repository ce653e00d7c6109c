// `dues export budget --year Y [--as-of D] -o FILE.xlsx`: the budget workbook, added
// beside `export audit` through export.ts's exportCommand. The work is in app/export-budget.ts.
import { resolve } from "node:path";
import type { Command } from "commander";
let exportBudget!: typeof import("../../app/export-budget.js").exportBudget;
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { exportCommand } from "./export.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ exportBudget } = await import("../../app/export-budget.js"));
}

export function registerExportBudget(program: Command, run: Runner): void {
  exportCommand(program).command("budget")
    .description(h("The budget workbook for a fiscal year: execution by account, actuals by month, next year's draft, approval block", "年度预算工作簿：分科目执行情况、分月实际、下年度预算草案、审批栏"))
    .requiredOption("--year <YYYY>", h("the fiscal year", "预算年度"))
    .option("--as-of <date>", h("actuals dated up to this day (default: today, within the year)", "实际数截至该日（默认今天，限于该年度内）"))
    .requiredOption("-o, --output <file.xlsx>", h("the workbook to write; an existing file is replaced once the new one is complete", "输出文件；已有同名文件会在新文件写完后被替换"))
    .addHelpText("after", examples([
      ["dues export budget --year 2026 -o budget-2026.xlsx", "the budget meeting's workbook", "预算会议用工作簿"],
    ]))
    .action(run(load, async (ctx, opts: { year: string; asOf?: string; output: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await exportBudget(ws, { year: opts.year, asOf: opts.asOf, output: resolve(ctx.cwd, opts.output), lang: ctx.lang, createdAt: ctx.now(), today: ctx.today() });
        const e = r.show.execution;
        const over = e.rows.filter((x) => x.overBudget && !x.hasChildren).length;
        if (ctx.globals.json) {
          ctx.json({ file: opts.output, year: e.year, asOf: e.asOf, version: r.show.version?.version ?? null, approved: Boolean(r.show.version?.approval), sheets: r.sheets, rows: e.rows.length, overBudget: over, bytes: r.bytes });
          return 0;
        }
        ctx.print(ctx.t({
          en: `Wrote ${opts.output}: budget ${e.year} to ${e.asOf}, ${e.rows.length} accounts, ${over} spending line${over === 1 ? "" : "s"} over budget, draft for ${e.year + 1}.`,
          zh: `已写入 ${opts.output}：${e.year} 年预算执行（截至 ${e.asOf}），${e.rows.length} 个科目，${over} 个支出科目超预算，另附 ${e.year + 1} 年预算草案。`,
        }));
        if (!r.show.version?.approval) ctx.print(ctx.out.yellow(ctx.t({ en: "The budget version is not approved yet: the approval block is left to fill in by hand.", zh: "该预算版本尚未登记审批：审批栏留待手工填写。" })));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
