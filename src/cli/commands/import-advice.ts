// `dues import advice FILE...`: affiliates' remittance advices and annual returns (the JSON of
// their `dues export return`) booked on the federation's side, all files or none.
// Rules in src/app/import-advice.ts.
import type { Command } from "commander";
import { resolve } from "node:path";
import type { AdviceImportResult } from "../../app/import-advice.js";
let importAdvices!: typeof import("../../app/import-advice.js").importAdvices;
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ importAdvices } = await import("../../app/import-advice.js"));
}

export function registerImportAdvice(importCommand: Command, run: Runner): void {
  importCommand
    .command("advice")
    .description(h("Book affiliates' remittance advices (the JSON of their dues export return): what each owes this federation",
      "导入下级工会的回执（其 dues export return 生成的 JSON）：记录各下级应缴本会的款项"))
    .argument("<files...>", h("one or more advice files", "一个或多个回执文件"))
    .option("--dry-run", h("check and show what would be booked; write nothing", "只检查并显示将入账的内容，不写入"))
    .addHelpText("after", examples([
      ["dues import advice advices/*.json --dry-run", "check every advice, write nothing", "检查全部回执，不写入"],
      ["dues import advice acme-2026-01.json", "book one affiliate's month; a corrected advice replaces the months it changes", "入账一个下级的月度回执；更正的回执替换其改动的月份"],
    ]))
    .action(run(load, async (ctx: CommandContext, files: string[], opts: { dryRun?: boolean }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = importAdvices(ws, { files: files.map((f) => ({ path: resolve(ctx.cwd, f), file: f })), dryRun: opts.dryRun }, { createdAt: ctx.now() });
        const digits = ws.config.union.currency.digits;
        if (ctx.globals.json) ctx.json(toJson(r, digits));
        else ctx.print(render(ctx, r, digits));
        return 0;
      } finally {
        ws.close();
      }
    }));
}

function toJson(r: AdviceImportResult, digits: number): object {
  const m = (x: number) => formatMinor(x, digits);
  return {
    dryRun: r.dryRun,
    advices: r.advices.map((a) => ({
      file: a.file, sha256: a.sha256, affiliate: a.affiliate, kind: a.kind, from: a.from, to: a.to, collection: a.collection, batch: a.batch,
      months: a.months.map((x) => ({ period: x.period, expected: m(x.expected), booked: m(x.booked), status: x.status, before: x.before === null ? null : m(x.before) })),
    })),
  };
}

function render(ctx: CommandContext, r: AdviceImportResult, digits: number): string {
  const g = (x: number) => formatMinor(x, digits, { grouping: true });
  const out: string[] = [];
  for (const a of r.advices) {
    const booked = a.months.filter((x) => x.status !== "unchanged").reduce((t, x) => t + x.booked, 0);
    const replaced = a.months.filter((x) => x.status === "replaced").map((x) => x.period);
    const unchanged = a.months.filter((x) => x.status === "unchanged").length;
    const range = a.from === a.to ? a.from : `${a.from} … ${a.to}`;
    out.push(ctx.t({
      en: `${a.file}: ${a.affiliate} ${range} (${a.collection}), owes ${g(booked)}${a.batch !== null ? ` (batch ${a.batch})` : ""}` + (replaced.length ? `; corrects ${replaced.join(", ")} (the earlier figures reversed)` : "") + (unchanged ? `; ${unchanged} months unchanged` : "") + ".",
      zh: `${a.file}：${a.affiliate} ${range}（${a.collection}），应缴 ${g(booked)}${a.batch !== null ? `（批次 ${a.batch}）` : ""}` + (replaced.length ? `；更正 ${replaced.join("、")}（原数已冲回）` : "") + (unchanged ? `；${unchanged} 个月未变` : "") + "。",
    }));
  }
  if (r.dryRun) out.push(ctx.t({ en: "Dry run: nothing was written.", zh: "试运行：未写入任何内容。" }));
  return out.join("\n");
}
