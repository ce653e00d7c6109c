// `dues verify [--head HASH]`: exit 0 when the books are intact, 1 naming the first
// broken entry. Works with the .db file alone (an auditor need not have dues.yaml).
import type { Command } from "commander";
let checkHeadArg!: typeof import("../../app/verify.js").checkHeadArg;
let verifyJson!: typeof import("../../app/verify.js").verifyJson;
let verifyLedgerCommand!: typeof import("../../app/verify.js").verifyLedgerCommand;
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ checkHeadArg, verifyJson, verifyLedgerCommand } = await import("../../app/verify.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("verify")
    .description(h("Check the hash chain, balances, sealed months and database integrity", "校验哈希链、借贷平衡、已结账月份和数据库完整性"))
    .option("--head <hash>", h("also check that this chain head (e.g. from an audit workbook's cover) is in the chain", "同时核对该链头哈希（如审查工作簿封面所印）是否仍在链中"))
    .addHelpText("after", examples([
      ["dues verify", "exit 0 when intact, 1 when something was changed", "完好返回 0，被改动返回 1"],
      ["dues verify --head 3f2a9c…", "is the head printed on last year's audit workbook still in the books?", "去年审查工作簿上的链头是否仍在账中？"],
    ]))
    .action(run(load, async (ctx, opts: { head?: string }) => {
      checkHeadArg(opts.head);
      const lo = ledgerFor(ctx);
      try {
        const r = verifyLedgerCommand(lo.ledger, { head: opts.head });
        if (ctx.globals.json) {
          ctx.json(verifyJson(r, (t) => ctx.t(t)));
          return r.ok ? 0 : 1;
        }
        const zh = ctx.lang === "zh-CN";
        if (r.breaks.length === 0) {
          ctx.print(ctx.out.green(zh
            ? `账本完好：${r.entries} 笔分录，${r.postings} 条明细，${r.memberLines} 条会员明细。\n哈希链、借贷平衡、结账记录与数据库完整性均无误。`
            : `The ledger is intact: ${r.entries} entries, ${r.postings} postings, ${r.memberLines} member lines.\nChain, balances, closes and database integrity check out.`));
        } else {
          const first = r.firstBroken !== null ? (zh ? `第一个被破坏的分录：#${r.firstBroken}` : `first broken entry: #${r.firstBroken}`) : "";
          ctx.print(ctx.out.red.bold(zh ? `账本已被改动（${r.breaks.length} 处）。${first}` : `The ledger was tampered with or damaged (${r.breaks.length} finding${r.breaks.length === 1 ? "" : "s"}). ${first}`));
          for (const b of r.breaks) ctx.print(`  ${ctx.out.red(b.code)} ${ctx.t(b.message)}`);
        }
        if (r.head) ctx.print(zh ? `链头：#${r.head.seq} ${r.head.hash}` : `chain head: #${r.head.seq} ${r.head.hash}`);
        if (r.headCheck) {
          const hc = r.headCheck;
          if (hc.found) ctx.print(ctx.out.green(zh ? `${hc.hash.slice(0, 16)}… 在链中：分录 #${hc.seq}，其后有 ${hc.after} 笔分录。` : `${hc.hash.slice(0, 16)}… is in the chain: entry #${hc.seq}, followed by ${hc.after} entr${hc.after === 1 ? "y" : "ies"}.`));
          else ctx.print(ctx.out.red.bold(zh ? `${hc.hash.slice(0, 16)}… 不在链中：此后账本被改写，或不是同一本账。` : `${hc.hash.slice(0, 16)}… is NOT in the chain: the books were rewritten since, or this is another ledger.`));
        }
        return r.ok ? 0 : 1;
      } finally {
        lo.close();
      }
    }));
}
