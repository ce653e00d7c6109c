// `dues import tax-list FILE [--date D] [--dry-run]`: a tax office's collection list booked
// by app/import-tax-list.ts: all of it or nothing; unmatched employers listed (exit 65).
import { resolve } from "node:path";
import type { Command } from "commander";
let importTaxList!: typeof import("../../app/import-tax-list.js").importTaxList;
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ importTaxList } = await import("../../app/import-tax-list.js"));
}

export function registerImportTaxList(importCommand: Command, run: Runner): void {
  importCommand
    .command("tax-list")
    .description(h("Import a tax office's collection list (税务代收): each line matched to an affiliate by credit code and split into its refund (212), the federation's share and each higher body's (211); all or nothing",
      "导入税务代收工会经费清单：按统一社会信用代码对应基层工会，分为返还（212）、本会留成和各上级份额（211）；全部入账或全不入账"))
    .argument("<file>", h("the list (CSV in GBK/UTF-8, or xlsx)", "代收清单（GBK/UTF-8 的 CSV，或 xlsx）"))
    .option("--date <date>", h("the day the tax office's transfer reached the bank (default: the latest 实缴日期 on the list)", "税务划款到账日期（默认取清单中最晚的实缴日期）"))
    .option("--dry-run", h("check everything, write nothing", "只检查，不写入"))
    .addHelpText("after", examples([
      ["dues import tax-list 税务代收-2026-10.csv --date 2026-11-20", "October's collection, received on 20 November", "10月份代收经费，11月20日到账"],
      ["dues import tax-list 税务代收-2026-10.xlsx --dry-run --json", "check a list and see how it splits, writing nothing", "只检查清单并查看分配结果，不写入"],
    ]))
    .action(run(load, async (ctx, file: string, opts: { date?: string; dryRun?: boolean }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await importTaxList(ws, { path: resolve(ctx.cwd, file), fileLabel: file, now: ctx.now(), today: ctx.today(), date: opts.date, dryRun: Boolean(opts.dryRun) });
        if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
        const d = ws.config.union.currency.digits;
        const m = (x: number) => formatMinor(x, d);
        if (ctx.globals.json) {
          ctx.json({
            batch: r.batch, file: r.file, sha256: r.sha256, encoding: r.encoding, date: r.date, lines: r.lines, affiliates: r.affiliates, preparatoryLines: r.preparatoryLines,
            periods: r.periods.map((p) => ({ period: p.period, entry: p.entry, lines: p.lines, amount: m(p.amount) })),
            totals: { collected: m(r.totals.collected), refunds: m(r.totals.refunds), own: m(r.totals.own), preparatory: m(r.totals.preparatory), bodies: r.totals.bodies.map((b) => ({ to: b.to, amount: m(b.amount) })) },
            dryRun: r.dryRun, warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems,
          });
          return 0;
        }
        const g = (x: number) => formatMinor(x, d, { grouping: true });
        const what = ctx.t({ en: `${r.lines} lines (${r.affiliates} affiliates, ${r.preparatoryLines} 筹备金), ${g(r.totals.collected)} collected, dated ${r.date}`, zh: `${r.lines} 行（基层工会 ${r.affiliates} 个，筹备金 ${r.preparatoryLines} 行），代收合计 ${g(r.totals.collected)}，记账日期 ${r.date}` });
        ctx.print(r.dryRun
          ? ctx.t({ en: `Dry run: ${what}, would be booked. Nothing was written.`, zh: `试运行：将入账 ${what}。未写入任何内容。` })
          : ctx.t({ en: `Booked ${what}, as batch ${r.batch}.`, zh: `已入账 ${what}，批次 ${r.batch}。` }));
        const rows: [string, number][] = [
          [ctx.t({ en: "refunds owed to affiliates (212)", zh: "应返还基层工会（212）" }), r.totals.refunds],
          [ctx.t({ en: "the federation's own share", zh: "本会留成" }), r.totals.own],
          ...r.totals.bodies.map((b): [string, number] => [ctx.t({ en: `owed to ${b.to} (211)`, zh: `应上缴 ${b.to}（211）` }), b.amount]),
          ...(r.totals.preparatory ? [[ctx.t({ en: "筹备金", zh: "筹备金" }), r.totals.preparatory] as [string, number]] : []),
        ];
        const wa = Math.max(...rows.map(([, a]) => g(a).length));
        for (const [label, a] of rows) ctx.print(ctx.out.dim(`  ${g(a).padStart(wa)}  ${label}`));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
