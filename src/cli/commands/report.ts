// `dues report journal|trial [--period P|--year Y]`: reports read from the ledger alone.
// Each subcommand is a small block below; `income` and `balance` (收入支出表, 资产负债表)
// are added here by the workbook module, one block each, using reportRange for the flags.
import type { Command } from "commander";
let journalJson!: typeof import("../../app/report-journal.js").journalJson;
let journalReport!: typeof import("../../app/report-journal.js").journalReport;
let financialYearStartOf!: typeof import("../../app/financial-year.js").financialYearStartOf;
let reportRange!: typeof import("../../app/report-range.js").reportRange;
let trialJson!: typeof import("../../app/report-trial.js").trialJson;
let trialReport!: typeof import("../../app/report-trial.js").trialReport;
import { formatMinor, type Minor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { renderTable, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";
import { registerFinal } from "./report-final.js";
import { registerStatements } from "./report-statements.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ journalJson, journalReport } = await import("../../app/report-journal.js"));
  ({ financialYearStartOf } = await import("../../app/financial-year.js"));
  ({ reportRange } = await import("../../app/report-range.js"));
  ({ trialJson, trialReport } = await import("../../app/report-trial.js"));
}

interface RangeFlags { period?: string; year?: string }

/** The report command, created once so other modules can add subcommands to it. */
export function reportCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === "report")
    ?? program.command("report").description(h("Reports: income statement, balance sheet, journal, trial balance", "报表：收入支出表、资产负债表、日记账、试算平衡表"))
      .addHelpText("after", examples([
        ["dues report income --period 2026-10", "收入支出表 (工会02表): the month and the year to date", "收入支出表（工会02表）：本月及本年累计"],
        ["dues report balance --as-of 2026-10-31", "资产负债表 (工会01表) at the end of October", "10月末的资产负债表（工会01表）"],
        ["dues report journal --period 2026-10", "every entry of the month with its postings", "本月全部分录及明细"],
        ["dues report trial --year 2026", "trial balance: the account codes in use", "试算平衡表：列出在用的科目编码"],
        ["dues report final --year 2025", "the year's final accounts (决算)", "年度决算"],
      ]));
}

function rangeOptions(cmd: Command): Command {
  return cmd
    .option("--period <YYYY-MM>", h("one month", "某个月"))
    .option("--year <YYYY>", h("a financial year (financial_year_start in dues.yaml; named by the year it ends in)", "某个财务年度（dues.yaml 的 financial_year_start；以结束所在年份命名）"));
}

export function register(program: Command, run: Runner): void {
  const report = reportCommand(program);
  registerStatements(report, run);
  registerFinal(report, run);

  rangeOptions(report.command("journal").description(h("Every entry with its postings", "全部分录及其明细")))
    .addHelpText("after", examples([
      ["dues report journal --period 2026-10", "October's entries", "10月份的分录"],
      ["dues report journal --year 2026 --json", "the year as JSON (amounts as strings)", "全年分录，JSON 输出（金额为字符串）"],
    ]))
    .action(run(load, async (ctx, opts: RangeFlags) => {
      const lo = ledgerFor(ctx);
      const range = reportRange(opts, financialYearStartOf(lo.ledger, lo.config));
      try {
        const r = journalReport(lo.ledger, range);
        if (ctx.globals.json) {
          ctx.json(journalJson(r, (t) => ctx.t(t)));
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const money = (x: Minor) => formatMinor(x, r.digits, { grouping: true });
        const rows: Row[] = [];
        for (const e of r.entries) {
          const memo = e.memo + (e.voided ? (zh ? "（已冲销）" : " (voided)") : "");
          rows.push([`#${e.seq}`, e.date, `${e.batch}`, { text: memo, paint: e.voided || e.kind === "void" ? ctx.out.dim : undefined }, "", ""]);
          for (const p of e.postings) {
            // An opening line's own period (所属期间) right after the account, where it is not cut off.
            const acct = `${p.account}${p.body ? ":" + p.body : ""}${p.member ? "@" + p.member : ""}${p.project ? "#" + p.project : ""}${p.period ? ` [${p.period}]` : ""} ${ctx.t(p.name)}`;
            rows.push(["", "", "", `  ${acct}`, p.amount > 0 ? money(p.amount) : "", p.amount < 0 ? money(-p.amount) : ""]);
          }
        }
        ctx.print(zh ? `日记账（${r.range.label === "all" ? "全部" : r.range.label}，${r.currency}）` : `Journal (${r.range.label}, ${r.currency})`);
        if (r.entries.length === 0) {
          ctx.print(zh ? "此期间没有分录。" : "No entries in this range.");
          return 0;
        }
        ctx.print(renderTable(
          [
            { header: zh ? "分录" : "Entry", keep: true }, { header: zh ? "日期" : "Date", keep: true }, { header: zh ? "批次" : "Batch", align: "right", keep: true },
            { header: zh ? "摘要 / 科目" : "Memo / account" }, { header: zh ? "借方" : "Debit", align: "right", keep: true },
            { header: zh ? "贷方" : "Credit", align: "right", keep: true },
          ],
          rows,
          { style: ctx.out, maxWidth: ctx.terminalWidth, footer: [["", "", "", zh ? "合计" : "Total", money(r.totals.debit), money(r.totals.credit)]] },
        ));
        return 0;
      } finally {
        lo.close();
      }
    }));

  rangeOptions(report.command("trial").description(h("Trial balance: opening, debits, credits, closing per account", "试算平衡表：各科目期初、借方、贷方、期末")))
    .addHelpText("after", examples([
      ["dues report trial --year 2026", "the year's trial balance", "年度试算平衡表"],
    ]))
    .action(run(load, async (ctx, opts: RangeFlags) => {
      const lo = ledgerFor(ctx);
      const range = reportRange(opts, financialYearStartOf(lo.ledger, lo.config));
      try {
        const r = trialReport(lo.ledger, range);
        if (ctx.globals.json) {
          ctx.json(trialJson(r, (t) => ctx.t(t)));
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const money = (x: Minor) => formatMinor(x, r.digits, { grouping: true });
        // Balances show their side: Dr/Cr (借/贷), never a bare minus sign.
        const side = (x: Minor) => (x === 0 ? money(0) : `${money(Math.abs(x))} ${x > 0 ? (zh ? "借" : "Dr") : (zh ? "贷" : "Cr")}`);
        ctx.print(zh ? `试算平衡表（${r.range.label === "all" ? "全部" : r.range.label}，${r.currency}）` : `Trial balance (${r.range.label}, ${r.currency})`);
        ctx.print(renderTable(
          [
            { header: zh ? "科目" : "Account", keep: true }, { header: zh ? "名称" : "Name" },
            { header: zh ? "期初" : "Opening", align: "right", keep: true }, { header: zh ? "借方" : "Debit", align: "right", keep: true },
            { header: zh ? "贷方" : "Credit", align: "right", keep: true }, { header: zh ? "期末" : "Closing", align: "right", keep: true },
          ],
          r.rows.map((x) => [x.account + (x.body ? ":" + x.body : ""), ctx.t(x.name), side(x.opening), money(x.debit), money(x.credit), side(x.closing)]),
          { style: ctx.out, maxWidth: ctx.terminalWidth, footer: [["", zh ? "合计" : "Total", side(r.totals.opening), money(r.totals.debit), money(r.totals.credit), side(r.totals.closing)]] },
        ));
        ctx.print(r.balanced
          ? ctx.out.green(zh ? "借贷相等：试算平衡。" : "Debits equal credits: the trial balance balances.")
          : ctx.out.red.bold(zh ? "借贷不等：请运行 `dues verify`。" : "Debits and credits differ: run `dues verify`."));
        return r.balanced ? 0 : 1;
      } finally {
        lo.close();
      }
    }));
}
