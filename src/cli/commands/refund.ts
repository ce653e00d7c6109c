// `dues refund --to AFFILIATE [--amount X] [--date D]`: a federation pays an affiliate the
// refund owed from tax collections (Dr 212:AFFILIATE = Cr bank). Rules in app/refund.ts.
import type { Command } from "commander";
let bookRefund!: typeof import("../../app/refund.js").bookRefund;
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ bookRefund } = await import("../../app/refund.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("refund")
    .description(h("Pay an affiliate the refund owed from tax collections (返还, 212 应付下级经费); never more than is owed", "向基层工会支付税务代收应返还的经费（212 应付下级经费）；不得超过应返还金额"))
    .requiredOption("--to <affiliate>", h("the affiliate's id in the register", "登记册中的基层工会标识"))
    .option("--amount <x>", h("the amount; default everything owed", "金额；默认全部应返还金额"))
    .option("--date <date>", h("the date the money left the bank (YYYY-MM-DD); default today", "付款日期（YYYY-MM-DD）；默认今天"))
    .option("--ref <ref>", h("bank reference, kept for the audit", "银行流水号，供审查核对"))
    .option("--period <YYYY-MM>", h("the month it refunds; without it, the oldest month owed", "所属月份；不填则冲抵最早的月份"))
    .addHelpText("after", examples([
      ["dues refund --to jia-gonghui --date 2026-11-25 --ref HX20261125001", "pay everything owed to one affiliate", "向一个基层工会支付全部应返还经费"],
      ["dues refund --to jia-gonghui --amount 1185.19 --period 2026-10", "October's refund only", "只返还10月份的经费"],
    ]))
    .action(run(load, async (ctx, opts: { to: string; amount?: string; date?: string; ref?: string; period?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = bookRefund(ws, opts, { createdAt: ctx.now(), today: ctx.today() });
        const d = ws.config.union.currency.digits;
        if (ctx.globals.json) {
          ctx.json({ batch: r.batch, entry: r.entry, affiliate: r.affiliate, amount: formatMinor(r.amount, d), date: r.date, settles: r.settles, ref: r.ref, stillOwed: formatMinor(r.stillOwed, d) });
          return 0;
        }
        const money = `${ws.config.union.currency.code} ${formatMinor(r.amount, d, { grouping: true })}`;
        const left = formatMinor(r.stillOwed, d, { grouping: true });
        ctx.print(ctx.t({ en: `Refunded ${money} to ${r.affiliate} (${r.name}) on ${r.date}; still owed to it: ${left}.`, zh: `已返还 ${r.affiliate}（${r.name}）${money}，日期 ${r.date}；尚欠返还 ${left}。` }));
        ctx.print(ctx.out.dim(ctx.t({ en: `batch ${r.batch}, entry #${r.entry}`, zh: `批次 ${r.batch}，凭证 #${r.entry}` })));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
