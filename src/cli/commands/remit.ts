// `dues remit`: a remittance paid to a higher body (Dr 211:BODY = Cr bank). Rules in
// src/app/remit.ts; printing shared with `dues receive`.
import type { Command } from "commander";
let overpaidBy!: typeof import("../../app/reconcile.js").overpaidBy;
let bookRemittance!: typeof import("../../app/remit.js").bookRemittance;
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { load as loadReceive, show } from "./receive.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  await loadReceive();
  ({ overpaidBy } = await import("../../app/reconcile.js"));
  ({ bookRemittance } = await import("../../app/remit.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("remit")
    .description(h("Record a remittance paid to a higher body", "记录上解上级工会的经费"))
    .requiredOption("--to <body>", h("a body id from dues.yaml", "dues.yaml 中的上级工会 id"))
    .requiredOption("--amount <x>", h("the amount, e.g. 29629.63", "金额，例如 29629.63"))
    .requiredOption("--date <date>", h("the date the money left the bank (YYYY-MM-DD)", "付款日期（YYYY-MM-DD）"))
    .option("--ref <ref>", h("bank reference or the body's receipt number, kept for the audit", "银行流水号或上级收据号，供审查核对"))
    .option("--period <YYYY-MM>", h("the month it pays for; without it, the oldest month outstanding", "所属月份；不填则冲抵最早未清的月份"))
    .addHelpText("after", examples([
      ["dues remit --to county --amount 29629.63 --date 2026-11-14 --period 2026-10 --ref HX20261114001", "October's share to the county union", "上解县总工会10月份经费"],
      ["dues remit --to city --amount 60000 --date 2026-12-01", "a lump sum, applied to the oldest months first", "一次性上解，先冲抵最早的月份"],
    ]))
    .action(run(load, async (ctx, opts: { to: string; amount: string; date: string; ref?: string; period?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const b = bookRemittance(ws, { to: opts.to, amount: opts.amount, date: opts.date, ref: opts.ref, period: opts.period }, { createdAt: ctx.now(), today: ctx.today() });
        show(ctx, ws.config, b, overpaidBy(ws, b.party, ctx.today()));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
