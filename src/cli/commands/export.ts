// `dues export audit` (and, from the budget module, `dues export budget`): workbooks for
// the audit committee and the budget meeting. The work is in app/export-audit.ts; this
// file reads the flags, shows progress on stderr, and prints what was written.
import { resolve } from "node:path";
import type { Command } from "commander";
let checkExportArgs!: typeof import("../../app/export-audit.js").checkExportArgs;
let exportAudit!: typeof import("../../app/export-audit.js").exportAudit;
import { boundHeapGrowth } from "../heap.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { registerExportFinal, registerExportReturn } from "./export-final.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ checkExportArgs, exportAudit } = await import("../../app/export-audit.js"));
}

/** The export command, created once so `export budget` can be added beside `audit`. */
export function exportCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === "export")
    ?? program.command("export").description(h("Workbooks (.xlsx) for the audit committee and the budget meeting", "导出工作簿（.xlsx）：经费审查、预算"))
      .addHelpText("after", examples([
        ["dues export audit --from 2026-01 --to 2026-12 -o 经审-2026.xlsx", "the audit committee's workbook for the year", "全年经费审查工作簿"],
        ["dues export budget --year 2026 -o 预算执行-2026.xlsx", "the budget meeting's workbook", "预算会议用工作簿"],
        ["dues export final --year 2025 -o 决算-2025.xlsx", "the year's final accounts (决算)", "年度决算工作簿"],
        ["dues export return --year 2025 -o return-2025.json", "the annual return for the higher union", "报送上级工会的年度报告"],
      ]));
}

export function register(program: Command, run: Runner): void {
  registerExportFinal(program, run);
  registerExportReturn(program, run);
  exportCommand(program).command("audit")
    .description(h("The audit committee's workbook for a range of months", "经费审查委员会工作簿（若干月份）"))
    .requiredOption("--from <YYYY-MM>", h("first month", "起始月份"))
    .requiredOption("--to <YYYY-MM>", h("last month", "截止月份"))
    .requiredOption("-o, --output <file.xlsx>", h("the workbook to write; an existing file is replaced once the new one is complete", "输出文件；已有同名文件会在新文件写完后被替换"))
    .addHelpText("after", examples([
      ["dues export audit --from 2026-01 --to 2026-12 -o audit-2026.xlsx", "the year's audit workbook", "全年经费审查工作簿"],
    ]))
    .action(run(load, async (ctx, opts: { from: string; to: string; output: string }) => {
      const output = resolve(ctx.cwd, opts.output);
      checkExportArgs(opts.from, opts.to, output); // before opening anything
      const ws = workspaceFor(ctx);
      try {
        const started = Date.now();
        boundHeapGrowth();
        const progress = !ctx.globals.quiet && !ctx.globals.json && (ctx.streams.stderr as { isTTY?: boolean }).isTTY;
        const r = await exportAudit(ws.ledger, ws.config, {
          from: opts.from, to: opts.to, output, lang: ctx.lang, createdAt: ctx.now(),
          onProgress: progress ? (n) => ctx.streams.stderr.write(`\r${ctx.t({ en: "rows written", zh: "已写入行数" })}: ${n}`) : undefined,
        });
        if (progress) ctx.streams.stderr.write("\r\x1b[K");
        if (ctx.globals.json) {
          ctx.json({ file: opts.output, from: r.from, to: r.to, head: r.head, sheets: r.sheets, dataRows: r.dataRows, bytes: r.bytes, exceptions: r.exceptions, lapseRisk: r.lapseRisk });
          return 0;
        }
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        ctx.print(ctx.t({
          en: `Wrote ${opts.output}: ${r.sheets.length} sheets, ${r.dataRows} rows, ${r.exceptions} exceptions, ${r.lapseRisk} at lapse risk (${secs} s).`,
          zh: `已写入 ${opts.output}：${r.sheets.length} 个工作表，${r.dataRows} 行，异常 ${r.exceptions} 项，失会风险 ${r.lapseRisk} 人（${secs} 秒）。`,
        }));
        if (r.head) ctx.print(ctx.out.dim(ctx.t({ en: `Chain head #${r.head.seq}: later, \`dues verify --head ${r.head.hash}\` confirms nothing changed since.`, zh: `链头 #${r.head.seq}：之后可用 \`dues verify --head ${r.head.hash}\` 确认账本未被改动。` })));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
