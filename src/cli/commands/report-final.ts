// `dues report final --year Y [--as-of D]`: the year's final accounts (决算) in the
// terminal or as JSON. Called from report.ts; the figures come from app/final-accounts.ts.
import type { Command } from "commander";
import type { FinalReport } from "../../app/final-accounts.js";
let finalJson!: typeof import("../../app/final-accounts.js").finalJson;
let finalReport!: typeof import("../../app/final-accounts.js").finalReport;
import { formatRate } from "../../domain/budget.js";
import { lastYearNotInLedger } from "../../domain/final-accounts.js";
import { formatMinor, type Minor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { renderTable, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ finalJson, finalReport } = await import("../../app/final-accounts.js"));
}

export function registerFinal(report: Command, run: Runner): void {
  report.command("final")
    .description(h("Final accounts (决算) of a year: income and spending against budget and last year, balance sheet, fund balances (321/322), remittances", "年度决算：收支对比预算和上年、资产负债表、结转结余（321/322）、上解情况"))
    .requiredOption("--year <YYYY>", h("the year", "决算年度"))
    .option("--as-of <YYYY-MM-DD>", h("remittances reconciled as of this day (default: today)", "上解对账截至该日（默认今天）"))
    .addHelpText("after", examples([
      ["dues report final --year 2025", "the 2025 final accounts", "2025 年度决算"],
      ["dues report final --year 2025 --json", "the same as JSON (amounts as strings)", "同上，JSON 输出（金额为字符串）"],
      ["dues export final --year 2025 -o 决算-2025.xlsx", "the workbook for the members' assembly and the 经审会", "会员代表大会和经审会用的决算工作簿"],
    ]))
    .action(run(load, async (ctx, opts: { year: string; asOf?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = finalReport(ws, { year: opts.year, asOf: opts.asOf, today: ctx.today() });
        if (ctx.globals.json) ctx.json(finalJson(r, ctx.lang));
        else show(ctx, r);
        return r.balance.check.ok && r.income.statement.check.ok ? 0 : 1;
      } finally {
        ws.close();
      }
    }));
}

function show(ctx: CommandContext, r: FinalReport): void {
  const zh = ctx.lang === "zh-CN";
  const m = (x: Minor) => formatMinor(x, r.digits, { grouping: true });
  const pct = (x: bigint | null) => (x === null ? "—" : `${formatRate(x)}%`);
  const t = (en: string, z: string) => (zh ? z : en);
  const unit = r.currency === "CNY" && zh ? "元" : r.currency;
  ctx.print(ctx.out.bold(t(`Final accounts ${r.year}`, `${r.year} 年度工会经费收支决算`)) + `  ${r.union.name}  ${r.from}…${r.to}  ${t("unit: ", "单位：")}${unit}`);

  // 1. 收入支出决算表
  ctx.print("");
  ctx.print(ctx.out.bold(t("Income and spending against budget", "一、收入支出决算表")));
  const st = r.statement;
  const rows: Row[] = st.rows
    .filter((x) => x.depth === 0 || x.budget !== 0 || x.adjusted !== 0 || x.final !== 0 || x.lastYear !== 0)
    .map((x) => [
      "  ".repeat(x.depth) + ctx.t(x.name), x.account, m(x.adjusted), m(x.final),
      { text: pct(x.rate), paint: x.class === "spending" && x.final > x.adjusted ? ctx.out.red : undefined }, m(x.lastYear),
      { text: m(x.change), paint: x.change < 0 ? ctx.out.red : undefined },
    ]);
  const totalRow = (label: string, f: typeof st.income): Row => [label, "", m(f.adjusted), m(f.final), pct(f.rate), m(f.lastYear), m(f.change)];
  ctx.print(renderTable(
    [
      { header: t("Account", "科目") }, { header: t("Code", "编码"), keep: true },
      { header: t("Adjusted budget", "调整后预算"), align: "right", keep: true }, { header: t("Final", "决算数"), align: "right", keep: true },
      { header: t("Rate", "执行率"), align: "right", keep: true }, { header: t("Last year", "上年决算"), align: "right", keep: true },
      { header: t("Change", "增减"), align: "right", keep: true },
    ],
    rows,
    { style: ctx.out, maxWidth: ctx.terminalWidth, footer: [totalRow(t("Total income", "收入合计"), st.income), totalRow(t("Total spending", "支出合计"), st.spending), totalRow(t("Surplus", "收支差额"), st.surplus)] },
  ));
  if (!r.budget) ctx.print(ctx.out.yellow(t(`No budget was imported for ${r.year}: budget columns are zero.`, `${r.year} 年没有导入预算：预算列为零。`)));

  // 2. 资产负债表 (the totals; the full form is in the workbook and `report balance`)
  ctx.print("");
  ctx.print(ctx.out.bold(t(`Balance sheet at ${r.yearEnd} (summary)`, `二、资产负债表（${r.yearEnd}，摘要）`)));
  const b = r.balance;
  ctx.print(renderTable(
    [{ header: t("Item", "项目") }, { header: t("Start of year", "年初数"), align: "right", keep: true }, { header: t("End of year", "年末数"), align: "right", keep: true }],
    b.lines.filter((l) => l.role === "total" || l.role === "result" || (l.role === "account" && l.code === null && l.amounts.some((x) => x !== 0)))
      .map((l) => [ctx.t(l.label), m(l.amounts[0]!), m(l.amounts[1]!)]),
    { style: ctx.out, maxWidth: ctx.terminalWidth },
  ));

  // 3. 结转结余变动表
  ctx.print("");
  ctx.print(ctx.out.bold(t("Fund balances carried forward", "三、结转结余变动表")));
  const f = r.funds;
  const fundRows: Row[] = f.rows.map((x) => [`${x.account} ${ctx.t(x.name)}`, m(x.opening), m(x.surplus), m(x.increase), m(x.used), m(x.closing)]);
  if (f.unclosed !== 0 || !r.yearClosed) fundRows.push([t("Surplus not yet carried forward", "本年收支差额（尚未结转）"), m(0), m(f.unclosed), m(0), m(0), m(f.unclosed)]);
  ctx.print(renderTable(
    [
      { header: t("Account", "科目") }, { header: t("Opening", "年初余额"), align: "right", keep: true }, { header: t("Surplus in", "本年结转"), align: "right", keep: true },
      { header: t("Other in", "其他增加"), align: "right", keep: true }, { header: t("Used", "本年使用"), align: "right", keep: true }, { header: t("Closing", "年末余额"), align: "right", keep: true },
    ],
    fundRows,
    { style: ctx.out, maxWidth: ctx.terminalWidth, footer: [[t("Total", "合计"), m(f.total.opening), m(f.total.surplus + f.unclosed), m(f.total.increase), m(f.total.used), m(f.total.closing + f.unclosed)]] },
  ));

  // 4. 上解情况
  ctx.print("");
  ctx.print(ctx.out.bold(t(`Remittances to higher bodies (outstanding as of ${r.asOf})`, `四、上解情况（未缴截至 ${r.asOf}）`)));
  const rem = r.remittances;
  ctx.print(renderTable(
    [
      { header: t("Body", "上级工会") }, { header: t("Owed at start", "年初应付"), align: "right", keep: true }, { header: t("Due", "本年应缴"), align: "right", keep: true },
      { header: t("Paid", "本年已缴"), align: "right", keep: true }, { header: t("Owed at end", "年末应付"), align: "right", keep: true },
      { header: t("Outstanding", "仍未缴"), align: "right", keep: true },
    ],
    rem.rows.map((x) => [x.name, m(x.opening), m(x.due), m(x.paid), m(x.closing), { text: m(x.outstanding), paint: x.outstanding > 0 ? ctx.out.red : x.outstanding < 0 ? ctx.out.magenta : ctx.out.green }]),
    { style: ctx.out, maxWidth: ctx.terminalWidth, footer: [[t("Total", "合计"), m(rem.total.opening), m(rem.total.due), m(rem.total.paid), m(rem.total.closing), m(rem.total.outstanding)]] },
  ));

  // Verdict: what an auditor asks first.
  ctx.print("");
  const notes: string[] = [];
  const lastYear = lastYearNotInLedger(r);
  if (lastYear) notes.push(ctx.out.yellow(ctx.t(lastYear)));
  if (r.openMonths.length) notes.push(ctx.out.yellow(t(`Months not closed: ${r.openMonths.join(", ")} (figures may still change).`, `尚未结账的月份：${r.openMonths.join("、")}（数字仍可能变动）。`)));
  notes.push(r.yearClosed
    ? ctx.out.green(t(`The year is closed (carry-forward entry #${r.closeEntries[r.closeEntries.length - 1]!.seq}).`, `本年已年终结转（结转分录 #${r.closeEntries[r.closeEntries.length - 1]!.seq}）。`))
    : ctx.out.yellow(t(`The year is not closed yet: income less spending (${m(f.unclosed)}) has not been carried forward into the fund balances.`, `本年尚未年终结转：收支差额 ${m(f.unclosed)} 尚未转入结转结余。`)));
  notes.push(b.check.ok && r.income.statement.check.ok
    ? ctx.out.green(t("Total assets = total liabilities and net assets: agrees.", "资产总计 = 负债和净资产总计：相符。"))
    : ctx.out.red.bold(t("The statements do NOT agree; run `dues verify`.", "报表不平衡，请运行 `dues verify`。")));
  ctx.print(notes.join("\n"));
}
