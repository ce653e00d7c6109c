// `dues export final --year Y [--as-of D] -o FILE.xlsx` (the 决算 workbook) and
// `dues export return --year Y | --period YYYY-MM -o FILE.json` (the annual return or one
// month's remittance advice for the higher union), added beside `export audit`.
import { resolve } from "node:path";
import type { Command } from "commander";
let exportFinal!: typeof import("../../app/export-final.js").exportFinal;
let exportReturn!: typeof import("../../app/export-return.js").exportReturn;
import { formatMinor } from "../../domain/money.js";
import { formatProblems } from "../render/problems.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { exportCommand } from "./export.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ exportFinal } = await import("../../app/export-final.js"));
  ({ exportReturn } = await import("../../app/export-return.js"));
}

export function registerExportFinal(program: Command, run: Runner): void {
  exportCommand(program).command("final")
    .description(h("The final-accounts workbook (决算) of a year: income and spending against budget, balance sheet, fund balances, remittances, notes, sign-off", "年度决算工作簿：收入支出决算表、资产负债表、结转结余变动表、上解情况、编制说明、签字栏"))
    .requiredOption("--year <YYYY>", h("the year", "决算年度"))
    .option("--as-of <YYYY-MM-DD>", h("remittances reconciled as of this day (default: today)", "上解对账截至该日（默认今天）"))
    .requiredOption("-o, --output <file.xlsx>", h("the workbook to write; an existing file is replaced once the new one is complete", "输出文件；已有同名文件会在新文件写完后被替换"))
    .addHelpText("after", examples([
      ["dues export final --year 2025 -o 决算-2025.xlsx", "the workbook for the members' assembly and the 经审会", "会员代表大会和经审会用的决算工作簿"],
    ]))
    .action(run(load, async (ctx, opts: { year: string; asOf?: string; output: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await exportFinal(ws, { year: opts.year, asOf: opts.asOf, output: resolve(ctx.cwd, opts.output), lang: ctx.lang, createdAt: ctx.now(), today: ctx.today() });
        const f = r.report;
        if (ctx.globals.json) {
          ctx.json({ file: opts.output, year: f.year, asOf: f.asOf, yearClosed: f.yearClosed, balanced: f.balance.check.ok, sheets: r.sheets, bytes: r.bytes, head: f.head });
          return 0;
        }
        const m = (x: number) => formatMinor(x, f.digits, { grouping: true });
        ctx.print(ctx.t({
          en: `Wrote ${opts.output}: final accounts ${f.year}, ${r.sheets.length} sheets; income ${m(f.statement.income.final)}, spending ${m(f.statement.spending.final)}, surplus ${m(f.statement.surplus.final)}.`,
          zh: `已写入 ${opts.output}：${f.year} 年度决算，${r.sheets.length} 个工作表；收入 ${m(f.statement.income.final)}，支出 ${m(f.statement.spending.final)}，收支差额 ${m(f.statement.surplus.final)}。`,
        }));
        if (!f.yearClosed) ctx.print(ctx.out.yellow(ctx.t({ en: `The year is not closed: the surplus is shown as not yet carried forward (\`dues close ${f.year}\`).`, zh: `本年尚未年终结转：收支差额列为“尚未结转”（\`dues close ${f.year}\`）。` })));
        if (f.head) ctx.print(ctx.out.dim(ctx.t({ en: `Chain head #${f.head.seq}: later, \`dues verify --head ${f.head.hash}\` confirms nothing changed since.`, zh: `链头 #${f.head.seq}：之后可用 \`dues verify --head ${f.head.hash}\` 确认账本未被改动。` })));
        return f.balance.check.ok ? 0 : 1;
      } finally {
        ws.close();
      }
    }));
}

export function registerExportReturn(program: Command, run: Runner): void {
  exportCommand(program).command("return")
    .description(h("The annual return (--year) or one month's remittance advice (--period) for the higher union, as JSON (docs/return-file.md)", "给上级工会的年度报告（--year）或某月上解通知（--period），JSON 格式（见 docs/return-file.md）"))
    .option("--year <YYYY>", h("the year: the annual return", "年度：年度报告"))
    .option("--period <YYYY-MM>", h("one month: its remittance advice", "某月：该月上解通知"))
    .option("--as-of <YYYY-MM-DD>", h("payments up to this day, reconciled as of it (default: today)", "计入截至该日的上解款并按该日对账（默认今天）"))
    .requiredOption("-o, --output <file.json>", h("the file to write; an existing file is replaced once the new one is complete", "输出文件；已有同名文件会在新文件写完后被替换"))
    .addHelpText("after", examples([
      ["dues export return --year 2025 -o return-2025.json", "the annual return for the county union", "报送县总工会的年度报告"],
      ["dues export return --period 2026-01 -o advice-2026-01.json", "January's remittance advice", "1 月份上解通知"],
    ]))
    .action(run(load, async (ctx, opts: { year?: string; period?: string; asOf?: string; output: string }) => {
      const output = resolve(ctx.cwd, opts.output);
      const ws = workspaceFor(ctx);
      try {
        const r = exportReturn(ws, { year: opts.year, period: opts.period, asOf: opts.asOf, output, lang: ctx.lang, now: ctx.now() });
        if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
        const d = r.document;
        if (ctx.globals.json) {
          ctx.json({ file: opts.output, kind: d.kind, from: d.from, to: d.to, months: d.months.length, payments: d.payments.length, head: d.ledger.head, bytes: r.bytes, totals: d.totals });
          return 0;
        }
        const what = d.kind === "year" ? ctx.t({ en: `annual return ${d.year}`, zh: `${d.year} 年度报告` }) : ctx.t({ en: `remittance advice ${d.from}`, zh: `${d.from} 上解通知` });
        ctx.print(ctx.t({
          en: `Wrote ${opts.output}: ${what}, ${d.months.length} month${d.months.length === 1 ? "" : "s"}, ${d.payments.length} payment${d.payments.length === 1 ? "" : "s"}; due ${d.totals.due}, paid ${d.totals.paid}, outstanding ${d.totals.outstanding} (as of ${d.asOf}).`,
          zh: `已写入 ${opts.output}：${what}，${d.months.length} 个月，上解款 ${d.payments.length} 笔；应缴 ${d.totals.due}，已缴 ${d.totals.paid}，未缴 ${d.totals.outstanding}（截至 ${d.asOf}）。`,
        }));
        if (d.ledger.head) ctx.print(ctx.out.dim(ctx.t({ en: `Chain head #${d.ledger.head.seq}: the higher union checks it with \`dues verify --head ${d.ledger.head.hash}\` on this ledger.`, zh: `链头 #${d.ledger.head.seq}：上级工会可在本账本上用 \`dues verify --head ${d.ledger.head.hash}\` 核对。` })));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
