// `dues close YYYY-MM` and `dues reopen YYYY-MM --reason TEXT`: seal a month, recording
// the chain head; reopening is itself an entry with its reason. Rules in src/app/close.ts.
import type { Command } from "commander";
import { closeMonth, reopenMonth, type CloseRow } from "../../app/close.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import type { CommandContext } from "../context.js";
import { ledgerFor } from "../workspace.js";

function show(ctx: CommandContext, c: CloseRow): void {
  if (ctx.globals.json) {
    ctx.json({ period: c.period, action: c.action, entry: c.entry, head: c.headSeq === null ? null : { seq: c.headSeq, hash: c.headHash }, reason: c.reason, at: c.createdAt });
    return;
  }
  const zh = ctx.lang === "zh-CN";
  const head = c.headSeq === null ? (zh ? "（空账）" : "(empty ledger)") : `#${c.headSeq} ${c.headHash}`;
  if (c.action === "close") {
    ctx.print(zh ? `${c.period} 已结账（分录 #${c.entry}）。结账时链头：${head}` : `${c.period} is closed (entry #${c.entry}). Chain head at closing: ${head}`);
    ctx.print(zh ? "请把链头记在纸面或审查工作簿上；日后可用 `dues verify --head 哈希` 核对。" : "Keep the chain head on paper or in the audit workbook; `dues verify --head HASH` checks it later.");
  } else {
    ctx.print(zh ? `${c.period} 已重新打开（分录 #${c.entry}），原因：${c.reason}` : `${c.period} is reopened (entry #${c.entry}); reason: ${c.reason}`);
  }
}

export function register(program: Command, run: Runner): void {
  program
    .command("close")
    .description(h("Seal a month: no entry can be added to it until it is reopened", "结账：封存该月，重新打开前不能再记账"))
    .argument("<period>", h("the month, YYYY-MM", "月份，YYYY-MM"))
    .addHelpText("after", examples([["dues close 2026-10", "seal October", "10月份结账"]]))
    .action(run(async (ctx, period: string) => {
      const lo = ledgerFor(ctx);
      try {
        show(ctx, closeMonth(lo.ledger, period, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }));
        return 0;
      } finally {
        lo.close();
      }
    }));

  program
    .command("reopen")
    .description(h("Reopen a closed month; the reopening and its reason are recorded", "重新打开已结账月份；重开及其原因记入账中"))
    .argument("<period>", h("the month, YYYY-MM", "月份，YYYY-MM"))
    .requiredOption("--reason <text>", h("why it is reopened (kept in the books)", "重新打开的原因（记入账中）"))
    .addHelpText("after", examples([["dues reopen 2026-10 --reason \"运动会发票迟到\"", "reopen October for a late invoice", "因发票迟到重新打开10月份"]]))
    .action(run(async (ctx, period: string, opts: { reason: string }) => {
      const lo = ledgerFor(ctx);
      try {
        show(ctx, reopenMonth(lo.ledger, period, opts.reason, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }));
        return 0;
      } finally {
        lo.close();
      }
    }));
}
