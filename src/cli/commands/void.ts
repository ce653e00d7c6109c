// `dues void BATCH --reason TEXT`: reverse a whole batch in one transaction. Rules in
// src/app/void.ts and Ledger.voidBatch.
import type { Command } from "commander";
let voidBatchCommand!: typeof import("../../app/void.js").voidBatchCommand;
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ voidBatchCommand } = await import("../../app/void.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("void")
    .description(h("Reverse a whole batch (an import, a receipt, an entry) with a reason", "冲销整个批次（导入、收款或分录），须说明原因"))
    .argument("<batch>", h("the batch number (see `dues report journal`)", "批次号（见 `dues report journal`）"))
    .requiredOption("--reason <text>", h("why (kept in the books)", "原因（记入账中）"))
    .addHelpText("after", examples([["dues void 7 --reason \"wrong payroll file\"", "reverse batch 7", "冲销批次 7"]]))
    .action(run(load, async (ctx, batch: string, opts: { reason: string }) => {
      const lo = ledgerFor(ctx);
      try {
        const r = voidBatchCommand(lo.ledger, batch, opts.reason, { createdAt: ctx.now(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null });
        if (ctx.globals.json) {
          ctx.json({ batch: r.batch, voidBatch: r.voidBatch, entries: r.entries, reason: r.reason, kind: r.kind, period: r.period });
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const list = r.entries.map((e) => `#${e}`).join(", ");
        ctx.print(zh
          ? `批次 ${r.batch}（${ZH_KIND[r.kind] ?? r.kind}${r.period ? " " + r.period : ""}）已冲销：批次 ${r.voidBatch}，冲销分录 ${list}。原因：${r.reason}`
          : `Batch ${r.batch} (${r.kind}${r.period ? " " + r.period : ""}) is voided by batch ${r.voidBatch}: reversing entries ${list}. Reason: ${r.reason}`);
        return 0;
      } finally {
        lo.close();
      }
    }));
}

/** Batch kinds as a Chinese treasurer names them (unknown kinds are shown as stored). */
const ZH_KIND: Record<string, string> = {
  payroll: "工资表导入", receive: "收款", remit: "上解", record: "分录", expenses: "支出明细导入",
  expense: "支出", bank: "银行流水导入", void: "冲销", reopen: "重新打开", close: "结账",
};
