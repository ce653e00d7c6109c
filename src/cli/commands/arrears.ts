// `dues arrears`: members behind on dues (3+ months in a row; 6+ is lapse risk under
// 章程 Art. 6) and the employer's past-due months. Exit 1 when anyone is behind.
import type { Command } from "commander";
import type { ArrearsResult } from "../../app/arrears.js";
let findArrears!: typeof import("../../app/arrears.js").findArrears;
let partyName!: typeof import("../../app/receive.js").partyName;
import type { Config } from "../../domain/config.js";
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { examples, h } from "../help.js";
import { renderTable, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ findArrears } = await import("../../app/arrears.js"));
  ({ partyName } = await import("../../app/receive.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("arrears")
    .description(h("Members short on dues for 3+ months in a row (6+: lapse risk) and employers behind", "连续3个月以上欠缴会费的会员（6个月以上：有自动退会风险）和拖欠经费的单位"))
    .option("--as-of <date>", h("for the employer: what had fallen due by this date (default: today)", "单位欠款按此日期计算（默认：今天）"))
    .option("--affiliates", h("a federation: affiliates 3 or more months behind", "总工会：欠缴 3 个月以上的下级工会"))
    .addHelpText("after", examples([
      ["dues arrears", "who is behind now", "当前欠缴情况"],
      ["dues arrears --affiliates", "a federation: affiliates behind 3+ months", "总工会：欠缴 3 个月以上的下级工会"],
      ["dues arrears --json", "the same, as JSON", "同上，JSON 输出"],
    ]))
    .action(run(load, async (ctx, opts: { asOf?: string; affiliates?: boolean }) => {
      const ws = workspaceFor(ctx);
      try {
        if (opts.affiliates) {
          const { affiliatesBehind } = await import("../../app/reconcile-affiliates.js");
          const { renderBehind } = await import("./reconcile-affiliates.js");
          const r = affiliatesBehind(ws, { today: ctx.today(), asOf: opts.asOf });
          const m = (x: number) => formatMinor(x, r.digits);
          if (ctx.globals.json) ctx.json({ asOf: r.asOf, affiliates: r.behind.map((b) => ({ affiliate: b.party, name: b.name, months: b.months, oldest: b.oldest, outstanding: m(b.outstanding), lateFee: b.lateFee === null ? null : m(b.lateFee) })) });
          else ctx.print(renderBehind(ctx, r.behind, r.digits));
          return r.behind.length ? EXIT.difference : EXIT.ok;
        }
        const r = findArrears(ws, { today: ctx.today(), asOf: opts.asOf });
        const digits = ws.config.union.currency.digits;
        if (ctx.globals.json) {
          ctx.json({
            asOf: r.asOf, through: r.through,
            members: r.members.map((m) => ({ ...m, shortfall: formatMinor(m.shortfall, digits) })),
            employers: r.employers.map((e) => ({ party: e.party, months: e.months, outstanding: formatMinor(e.outstanding, digits), oldest: e.oldest })),
          });
        } else ctx.print(render(ctx, ws.config, r));
        return r.members.length || r.employers.length ? EXIT.difference : EXIT.ok;
      } finally {
        ws.close();
      }
    }));
}

function render(ctx: CommandContext, config: Config, r: ArrearsResult): string {
  const s = ctx.out;
  const money = (x: number) => formatMinor(x, config.union.currency.digits, { grouping: true });
  const out: string[] = [];
  if (r.through === null) {
    out.push(ctx.t({ en: "No payroll imported yet, so no member arrears to show.", zh: "尚未导入工资表，没有会员欠缴数据。" }));
  } else if (r.members.length === 0) {
    out.push(s.green(ctx.t({ en: `No member short on dues for 3 months or more (through ${r.through}).`, zh: `截至 ${r.through}，没有连续3个月以上欠缴会费的会员。` })));
  } else {
    out.push(s.bold(ctx.t({ en: `Members short on dues, 3+ months in a row, through ${r.through}`, zh: `连续3个月以上欠缴会费的会员（截至 ${r.through}）` })), "");
    const rows: Row[] = r.members.map((m) => [
      m.member, m.name, `${m.since}–${m.through}`, String(m.months), money(m.shortfall),
      m.lapseRisk ? { text: ctx.t({ en: "lapse risk", zh: "退会风险" }), paint: (t) => s.red.bold(t) } : "",
    ]);
    out.push(renderTable([
      { header: ctx.t({ en: "Member", zh: "工号" }), keep: true },
      { header: ctx.t({ en: "Name", zh: "姓名" }) },
      { header: ctx.t({ en: "Months", zh: "期间" }), keep: true },
      { header: ctx.t({ en: "#", zh: "月数" }), align: "right", keep: true },
      { header: ctx.t({ en: "Short", zh: "欠缴" }), align: "right", keep: true },
      { header: ctx.t({ en: "Note", zh: "备注" }) },
    ], rows, { style: s, maxWidth: Math.min(ctx.terminalWidth, 100) }));
    const risk = r.members.filter((m) => m.lapseRisk).length;
    // The 中国工会章程 article is the rule only for Chinese unions; others get the plain words.
    const cn = config.union.chart !== "generic";
    out.push("", cn
      ? ctx.t({ en: `${r.members.length} member(s) behind; ${risk} for 6+ months (章程 Art. 6: may count as left).`, zh: `共 ${r.members.length} 名会员欠缴，其中 ${risk} 名满6个月（章程第六条：可视为自动退会）。` })
      : ctx.t({ en: `${r.members.length} member(s) behind; ${risk} for 6 months or more (lapse risk).`, zh: `共 ${r.members.length} 名会员欠缴，其中 ${risk} 名满6个月（有退会风险）。` }));
  }
  out.push("");
  if (r.employers.length === 0) out.push(s.green(ctx.t({ en: `The employer is not behind (as of ${r.asOf}).`, zh: `截至 ${r.asOf}，单位没有逾期未拨缴的经费。` })));
  for (const e of r.employers) {
    out.push(s.red(ctx.t({
      en: `${partyName(config, e.party, ctx.lang)}: ${config.union.currency.code} ${money(e.outstanding)} past due, ${e.months} month(s) since ${e.oldest} (as of ${r.asOf}).`,
      zh: `${partyName(config, e.party, ctx.lang)}：逾期未付 ${config.union.currency.code} ${money(e.outstanding)}，${e.months} 个月，最早 ${e.oldest}（截至 ${r.asOf}）。`,
    })));
  }
  if (r.employers.length) out.push(ctx.t({ en: "Details: dues reconcile --employer", zh: "明细：dues reconcile --employer" }));
  return out.join("\n");
}
