// `dues reconcile`: due, paid and outstanding per body (or for the employer) and period,
// as SPEC §4.3 JSON or a coloured table with a total line and a one-line verdict.
// Exit 1 while anything that has fallen due is outstanding or overpaid. Rules: app/, domain/.
import type { Command } from "commander";
import type { ReconcileResult } from "../../app/reconcile.js";
let reconcileBooks!: typeof import("../../app/reconcile.js").reconcileBooks;
let partyName!: typeof import("../../app/receive.js").partyName;
import type { Config } from "../../domain/config.js";
import { formatMinor } from "../../domain/money.js";
import type { ReconcileRow, Status } from "../../domain/reconcile.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { boundHeapGrowth } from "../heap.js";
import { examples, h } from "../help.js";
import { renderTable, type Cell, type Column, type Row } from "../render/table.js";
import { displayWidth } from "../render/width.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ reconcileBooks } = await import("../../app/reconcile.js"));
  ({ partyName } = await import("../../app/receive.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("reconcile")
    .description(h("Due, paid and outstanding per body and month (or, with --employer, what the employer owes against what was received)",
      "按上级工会和月份核对应上解、已上解和未清金额（--employer：单位应拨缴与已收到）"))
    .option("--from <YYYY-MM>", h("first month shown (default: the first with anything due)", "起始月份（默认：最早有应付款的月份）"))
    .option("--to <YYYY-MM>", h("last month shown (default: the last with anything due, up to the as-of date)", "截止月份（默认：截至核对日最晚有应付款的月份）"))
    .option("--body <id>", h("one body only", "只看一个上级工会"))
    .option("--employer", h("the employer's side: owed against received", "单位一侧：应拨缴与已收到"))
    .option("--as-of <date>", h("reconcile as on this date (default: today); later payments are left out", "按此日期核对（默认：今天）；之后的款项不计"))
    .option("--affiliates", h("a federation: what each affiliate owes here against what it paid, days late, late fee", "总工会：各下级工会应缴与已缴、逾期天数、滞纳金"))
    .option("--affiliate <id>", h("with --affiliates: one affiliate only", "与 --affiliates 同用：只看一个下级工会"))
    .addHelpText("after", examples([
      ["dues reconcile", "every body, every month", "所有上级工会、所有月份"],
      ["dues reconcile --affiliates --from 2026-01 --to 2026-06", "a federation: every affiliate, every month", "总工会：所有下级工会、所有月份"],
      ["dues reconcile --body county --from 2026-01 --to 2026-10 --json", "one body, as JSON", "单个上级工会，JSON 输出"],
      ["dues reconcile --employer --as-of 2026-11-15", "what the employer still owes on 15 November", "截至11月15日单位仍欠的经费"],
    ]))
    .action(run(load, async (ctx, opts: { from?: string; to?: string; body?: string; employer?: boolean; asOf?: string; affiliates?: boolean; affiliate?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        if (opts.affiliates || opts.affiliate !== undefined) {
          boundHeapGrowth();
          const { reconcileAffiliates } = await import("../../app/reconcile-affiliates.js");
          const { affiliatesJson, affiliatesText } = await import("./reconcile-affiliates.js");
          const r = reconcileAffiliates(ws, { from: opts.from, to: opts.to, affiliate: opts.affiliate, asOf: opts.asOf }, ctx.today());
          if (ctx.globals.json) await ctx.jsonStreamed(affiliatesJson(r));
          else await ctx.printPieces(affiliatesText(ctx, r, ws.config.union.currency.code));
          return r.settled ? EXIT.ok : EXIT.difference;
        }
        const result = reconcileBooks(ws, opts, ctx.today());
        if (ctx.globals.json) ctx.json(toJson(result));
        else ctx.print(renderReconciliation(ctx, ws.config, result));
        const later = result.reconciliation.later.length;
        if (later && !ctx.globals.json) {
          ctx.note(ctx.t({ en: `note: ${later} payment(s) dated after ${result.reconciliation.asOf} are not counted.`, zh: `注意：${later} 笔晚于 ${result.reconciliation.asOf} 的款项未计入。` }));
        }
        return result.reconciliation.settled ? EXIT.ok : EXIT.difference;
      } finally {
        ws.close();
      }
    }));
}

/** SPEC §4.3, plus notYetDue, dueDate, refs per row, and lateFee when a rule is configured. */
export function toJson(result: ReconcileResult): object {
  const r = result.reconciliation;
  const m = (x: number) => formatMinor(x, result.digits);
  const fees = r.totals.lateFee !== null;
  return {
    side: result.side,
    from: r.from, to: r.to, asOf: r.asOf,
    rows: r.rows.map((x) => ({
      body: x.party, period: x.period, due: m(x.due), paid: m(x.paid), outstanding: m(x.outstanding), status: x.status,
      notYetDue: x.notYetDue, dueDate: x.dueDate, ...(fees ? { lateFee: m(x.lateFee ?? 0) } : {}), refs: x.refs,
    })),
    totals: { due: m(r.totals.due), paid: m(r.totals.paid), outstanding: m(r.totals.outstanding), ...(fees ? { lateFee: m(r.totals.lateFee ?? 0) } : {}) },
    settled: r.settled,
  };
}

const STATUS_WORDS: Record<Status | "not-due", { en: string; zh: string }> = {
  paid: { en: "paid", zh: "已清" },
  partial: { en: "partial", zh: "部分" },
  unpaid: { en: "unpaid", zh: "未付" },
  overpaid: { en: "overpaid", zh: "多付" },
  "not-due": { en: "not due", zh: "未到期" },
};

export function renderReconciliation(ctx: CommandContext, config: Config, result: ReconcileResult): string {
  const r = result.reconciliation;
  const s = ctx.out;
  const money = (x: number) => formatMinor(x, result.digits, { grouping: true });
  const fees = r.totals.lateFee !== null;
  const employer = result.side === "employer";
  const title = employer
    ? ctx.t({ en: "Employer: owed against received", zh: "单位拨缴核对：应收与已收" })
    : ctx.t({ en: "Remittances to higher bodies", zh: "上解上级工会经费核对" });
  const range = r.from ? `${r.from} – ${r.to}` : ctx.t({ en: "no months", zh: "无月份" });
  const head = `${s.bold(title)}  ${range}  ${ctx.t({ en: "as of", zh: "截至" })} ${r.asOf}`;
  if (r.rows.length === 0 && result.body) {
    const name = partyName(config, result.body, ctx.lang);
    return `${head}\n${ctx.t({ en: `Nothing due to or paid to ${name} in this range.`, zh: `此期间对${name}没有应付或已付款项。` })}`;
  }
  if (r.rows.length === 0) {
    return `${head}\n${ctx.t(employer
      ? { en: "Nothing owed or received yet: import a payroll first (dues import payroll).", zh: "尚无应收或已收款项：请先导入工资表（dues import payroll）。" }
      : { en: "Nothing due to any body yet: import a payroll first (dues import payroll).", zh: "尚无应上解款项：请先导入工资表（dues import payroll）。" })}`;
  }
  const columns: Column[] = [
    { header: ctx.t(employer ? { en: "From", zh: "付款方" } : { en: "Body", zh: "上级工会" }) },
    { header: ctx.t({ en: "Month", zh: "月份" }), keep: true },
    // The employer's side is money coming in: 应收/已收, as the title says, not 应付/已付.
    { header: ctx.t(employer ? { en: "Due", zh: "应收" } : { en: "Due", zh: "应付" }), align: "right", keep: true },
    { header: ctx.t(employer ? { en: "Received", zh: "已收" } : { en: "Paid", zh: "已付" }), align: "right", keep: true },
    { header: ctx.t({ en: "Outstanding", zh: "未清" }), align: "right", keep: true },
    { header: ctx.t({ en: "Status", zh: "状态" }), keep: true },
    ...(fees ? [{ header: ctx.t({ en: "Late fee", zh: "滞纳金" }), align: "right" as const, keep: true }] : []),
  ];
  const paint = (row: ReconcileRow) => {
    if (row.notYetDue && row.status !== "paid") return (x: string) => s.dim(x);
    switch (row.status) {
      case "paid": return (x: string) => s.green(x);
      case "partial": return (x: string) => s.yellow(x);
      case "unpaid": return (x: string) => s.red(x);
      case "overpaid": return (x: string) => s.magenta(x);
    }
  };
  const rows: Row[] = [];
  let last = "";
  for (const row of r.rows) {
    const p = paint(row);
    const word = STATUS_WORDS[row.notYetDue && row.status !== "paid" ? "not-due" : row.status];
    const cells: (string | Cell)[] = [
      row.party === last ? "" : partyName(config, row.party, ctx.lang),
      row.period,
      money(row.due),
      money(row.paid),
      { text: money(row.outstanding), paint: p },
      { text: ctx.t(word), paint: p },
    ];
    // Fees are information (not booked), so they are not painted as alarms.
    if (fees) cells.push(row.lateFee ? money(row.lateFee) : "");
    rows.push(cells);
    last = row.party;
  }
  const footer: Row[] = [[
    ctx.t({ en: "Total", zh: "合计" }), "", money(r.totals.due), money(r.totals.paid), money(r.totals.outstanding), "",
    ...(fees ? [money(r.totals.lateFee ?? 0)] : []),
  ]];
  const width = Math.min(ctx.terminalWidth, 100);
  const table = renderTable(columns, rows, { style: s, maxWidth: width, footer });
  return `${head}\n\n${table}\n\n${verdict(ctx, config, result, width)}`;
}

/** One line a treasurer can read aloud: settled, or what is overdue and overpaid. Late
 *  fees are in the total line; months not yet due go on a second line. */
function verdict(ctx: CommandContext, config: Config, result: ReconcileResult, width: number): string {
  const r = result.reconciliation;
  const s = ctx.out;
  const money = (x: number) => `${config.union.currency.code} ${formatMinor(x, result.digits, { grouping: true })}`;
  const months = (n: number) => ctx.t({ en: `${n} month${n === 1 ? "" : "s"}`, zh: `${n} 个月` });
  const due = r.rows.filter((x) => !x.notYetDue);
  const owing = due.filter((x) => x.outstanding > 0);
  const over = due.filter((x) => x.outstanding < 0);
  const notDue = r.rows.filter((x) => x.notYetDue && x.outstanding > 0);
  const owed = owing.reduce((t, x) => t + x.outstanding, 0);
  const overBy = over.reduce((t, x) => t - x.outstanding, 0);
  // "16 months" over four bodies reads like sixteen calendar months: say both.
  const where = (rows: typeof due) => {
    const n = new Set(rows.map((x) => x.party)).size;
    if (n === 1) return months(rows.length);
    if (result.side === "employer") return ctx.t({ en: `employer and upstream, ${rows.length} months in all`, zh: `单位及上级代收，共 ${rows.length} 个月次` });
    return ctx.t({ en: `${n} bodies, ${rows.length} months in all`, zh: `${n} 个上级工会，共 ${rows.length} 个月次` });
  };
  const pending = notDue.length
    ? "\n" + s.dim(ctx.t({ en: `Not yet due: ${money(notDue.reduce((t, x) => t + x.outstanding, 0))} (${where(notDue)}).`, zh: `尚未到期：${money(notDue.reduce((t, x) => t + x.outstanding, 0))}（${where(notDue)}）。` }))
    : "";
  if (r.settled) return s.green.bold(ctx.t({ en: "Settled: nothing due is outstanding or overpaid.", zh: "已结清：到期款项无欠付、无多付。" })) + pending;
  const parts: string[] = [];
  if (owing.length) parts.push(ctx.t({ en: `${money(owed)} overdue (${where(owing)})`, zh: `逾期未付 ${money(owed)}（${where(owing)}）` }));
  if (over.length) parts.push(ctx.t({ en: `${money(overBy)} overpaid (${where(over)})`, zh: `多付 ${money(overBy)}（${where(over)}）` }));
  const label = ctx.t({ en: "Not settled: ", zh: "未结清：" });
  const end = ctx.t({ en: ".", zh: "。" });
  const one = label + parts.join(ctx.t({ en: "; ", zh: "；" })) + end;
  // One sentence; on a narrow terminal its second clause goes on the next line, indented.
  const text = displayWidth(one) <= width ? one : label + parts.join(ctx.t({ en: ";\n", zh: "；\n" }) + " ".repeat(displayWidth(label))) + end;
  return s.red.bold(text) + pending;
}
