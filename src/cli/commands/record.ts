// `dues record --date D --memo M ACCOUNT=AMOUNT ...`: any other balanced entry. Positive
// amounts are debits, negative credits. Rules in src/app/record.ts.
import type { Command } from "commander";
let recordEntry!: typeof import("../../app/record.js").recordEntry;
let recordedJson!: typeof import("../../app/record.js").recordedJson;
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { renderTable } from "../render/table.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ recordEntry, recordedJson } = await import("../../app/record.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("record")
    .description(h("Record any other balanced entry (spending, subsidies, transfers)", "录入其他借贷平衡的分录（支出、补助、转账等）"))
    .argument("<postings...>", h("ACCOUNT=AMOUNT, positive = debit, negative = credit; 211:BODY for a body", "科目=金额，正数借方、负数贷方；上级工会写 211:单位"))
    .requiredOption("--date <date>", h("the date of the entry (YYYY-MM-DD); its month is the period", "分录日期（YYYY-MM-DD），所在月份即会计期间"))
    .requiredOption("--memo <text>", h("what the entry is for", "摘要"))
    .option("--ref <ref>", h("voucher or invoice number", "凭证号或发票号"))
    .option("--project <id>", h("tag the entry's income and spending with a project of dues.yaml (earmarked money closes to 321)", "把分录的收入、支出标记为 dues.yaml 中的项目（专项资金年末结转到 321）"))
    .addHelpText("after", examples([
      ["dues record --date 2026-10-20 --memo \"职工篮球赛\" 50102=3250.50 102=-3250.50", "spending on a sports event, paid from the bank", "文体活动支出，银行付款"],
      ["dues record --date 2026-10-25 --memo \"上级补助\" 102=5000 403=-5000", "a subsidy from the higher union", "收到上级补助"],
      ["dues record --date 2026-03-02 --memo \"市总困难职工帮扶专项\" --project hardship 102=20000 403=-20000", "an earmarked subsidy (projects: in dues.yaml)", "收到专项补助（dues.yaml 的 projects:）"],
    ]))
    .action(run(load, async (ctx, postings: string[], opts: { date: string; memo: string; ref?: string; project?: string }) => {
      const lo = ledgerFor(ctx);
      try {
        const r = recordEntry(lo.ledger, { date: opts.date, memo: opts.memo, ref: opts.ref, postings, project: opts.project }, {
          createdAt: ctx.now(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null, bodies: lo.config?.bodies.map((b) => b.id),
          projects: lo.config?.projects.map((p) => p.id),
        });
        const digits = lo.ledger.meta.digits;
        if (ctx.globals.json) {
          ctx.json(recordedJson(r, digits, (t) => ctx.t(t)));
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        ctx.print(zh ? `已记账：分录 #${r.entry}（批次 ${r.batch}），${r.date}，${r.memo}` : `Recorded entry #${r.entry} (batch ${r.batch}), ${r.date}: ${r.memo}`);
        const money = (x: number) => formatMinor(x, digits, { grouping: true });
        ctx.print(renderTable(
          [{ header: zh ? "科目" : "Account", keep: true }, { header: zh ? "名称" : "Name" }, { header: zh ? "借方" : "Debit", align: "right", keep: true }, { header: zh ? "贷方" : "Credit", align: "right", keep: true }],
          r.postings.map((p) => [p.account + (p.body ? `:${p.body}` : "") + (p.member ? `@${p.member}` : "") + (p.project ? `#${p.project}` : ""), ctx.t(p.name), p.amount > 0 ? money(p.amount) : "", p.amount < 0 ? money(-p.amount) : ""]),
          { style: ctx.out, maxWidth: ctx.terminalWidth },
        ));
        return 0;
      } finally {
        lo.close();
      }
    }));
}
