// `dues report income` (收入支出表, 工会02表) and `dues report balance` (资产负债表, 工会01表):
// the statutory statements in the terminal or as JSON. Called from report.ts; the
// arithmetic is in domain/statements.ts, the ledger queries in app/statements.ts.
import type { Command } from "commander";
let balanceReport!: typeof import("../../app/statements.js").balanceReport;
let incomeReport!: typeof import("../../app/statements.js").incomeReport;
let statementJson!: typeof import("../../app/statements.js").statementJson;
import { formatMinor } from "../../domain/money.js";
import type { Statement } from "../../domain/statements.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { renderTable, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ balanceReport, incomeReport, statementJson } = await import("../../app/statements.js"));
}

export function registerStatements(report: Command, run: Runner): void {
  report.command("income")
    .description(h("Statement of income and spending (收入支出表, form 工会02表 on the cn-2021 charts): income and spending by account", "收入支出表（工会02表）：按科目列示收入和支出"))
    .option("--period <YYYY-MM>", h("one month, beside the year to date", "某个月，并列本年累计"))
    .option("--year <YYYY>", h("a financial year (financial_year_start in dues.yaml; named by the year it ends in)", "某个财务年度（dues.yaml 的 financial_year_start；以结束所在年份命名）"))
    .addHelpText("after", examples([
      ["dues report income --period 2026-10", "October and the year to date", "10月份及本年累计"],
      ["dues report income --year 2026 --json", "the year as JSON (amounts as strings)", "全年，JSON 输出（金额为字符串）"],
    ]))
    .action(run(load, async (ctx, opts: { period?: string; year?: string }) => {
      const lo = ledgerFor(ctx);
      try {
        const r = incomeReport(lo.ledger, lo.config, opts);
        const range = r.from === r.to ? r.from : opts.year !== undefined && r.from.endsWith("-01") ? opts.year : `${r.from} – ${r.to}`;
        if (ctx.globals.json) {
          ctx.json(statementJson(r.statement, lo.ledger.meta.digits, ctx.lang, { from: r.from, to: r.to, ...(r.yearFrom ? { yearFrom: r.yearFrom } : {}), currency: lo.ledger.meta.currency }));
        } else {
          show(ctx, r.statement, lo.config?.union.name ?? "", range, lo.ledger.meta.digits, lo.ledger.meta.currency);
        }
        return r.statement.check.ok ? 0 : 1;
      } finally {
        lo.close();
      }
    }));

  report.command("balance")
    .description(h("Balance sheet (资产负债表, form 工会01表 on the cn-2021 charts): assets, liabilities and net assets as of a date", "资产负债表（工会01表）：某日的资产、负债和净资产"))
    .option("--as-of <YYYY-MM-DD>", h("the date (default: today)", "截止日期（默认今天）"))
    .addHelpText("after", examples([
      ["dues report balance --as-of 2026-10-31", "the balance sheet at the end of October", "10月末的资产负债表"],
    ]))
    .action(run(load, async (ctx, opts: { asOf?: string }) => {
      const lo = ledgerFor(ctx);
      try {
        const r = balanceReport(lo.ledger, lo.config, opts.asOf ?? ctx.today());
        if (ctx.globals.json) {
          ctx.json(statementJson(r.statement, lo.ledger.meta.digits, ctx.lang, { asOf: r.asOf, yearStart: r.yearStart, currency: lo.ledger.meta.currency }));
        } else {
          show(ctx, r.statement, lo.config?.union.name ?? "", r.asOf, lo.ledger.meta.digits, lo.ledger.meta.currency);
        }
        return r.statement.check.ok ? 0 : 1;
      } finally {
        lo.close();
      }
    }));
}

function show(ctx: CommandContext, st: Statement, union: string, range: string, digits: number, currency: string): void {
  const zh = ctx.lang === "zh-CN";
  const money = (x: number) => formatMinor(x, digits, { grouping: true });
  const form = st.form === null ? "" : zh ? `（${st.form}）` : ` (${st.form})`;
  ctx.print(ctx.out.bold(`${ctx.t(st.title)}${form}`) + `  ${union}  ${range}  ${zh ? "单位：" : "unit: "}${currency}`);
  const rows: Row[] = [];
  const footer: Row[] = [];
  for (const l of st.lines) {
    const label = "  ".repeat(l.level) + ctx.t(l.label);
    if (l.role === "heading") { rows.push([{ text: label, paint: ctx.out.bold }, "", ...st.columns.map(() => "")]); continue; }
    // Zero sub-account lines are left out on screen; the workbook keeps the full form.
    if (l.role === "account" && l.level > 0 && l.amounts.every((x) => x === 0)) continue;
    const cells: Row = [label, l.code ?? "", ...l.amounts.map((x) => ({ text: money(x), paint: x < 0 ? ctx.out.red : undefined }))];
    if (l.role === "result") footer.push(cells);
    else rows.push(l.role === "total" ? cells.map((c) => (typeof c === "string" ? { text: c, paint: ctx.out.bold } : { ...c, paint: ctx.out.bold })) : cells);
  }
  ctx.print(renderTable(
    [{ header: zh ? "项目" : "Item" }, { header: zh ? "科目" : "Account", keep: true }, ...st.columns.map((c) => ({ header: ctx.t(c.label), align: "right" as const, keep: true }))],
    rows,
    { style: ctx.out, maxWidth: ctx.terminalWidth, footer },
  ));
  if (st.unknownAccounts.length) ctx.print(ctx.out.red(zh ? `科目表之外的科目有记账：${st.unknownAccounts.join("、")}` : `Postings to accounts not in the chart: ${st.unknownAccounts.join(", ")}`));
  ctx.print(st.check.ok ? ctx.out.green(ctx.t(st.check.label) + (zh ? "：相符。" : ": agrees.")) : ctx.out.red.bold(ctx.t(st.check.label) + (zh ? "：不符，请运行 `dues verify`。" : ": does NOT agree; run `dues verify`.")));
}
