// The federation's views: `dues reconcile --affiliates` (per affiliate and month: expected,
// received, outstanding, days late, late fee, status) and `dues arrears --affiliates`
// (affiliates behind 3+ months). Rules in src/app/reconcile-affiliates.ts.
import type { AffiliateReconciliation, AffiliateRow } from "../../app/reconcile-affiliates.js";
import { formatMinor, type Minor } from "../../domain/money.js";
import type { PartyBehind } from "../../domain/reconcile.js";
import type { CommandContext } from "../context.js";
import { streamedArray } from "../render/json-stream.js";
import { renderTable, tableLines, type Cell, type Row } from "../render/table.js";

/**
 * Per row: the affiliate, its month, where the expected amount comes from, and the figures.
 * The rows are a streamedArray (ctx.jsonStreamed writes them one at a time).
 */
export function affiliatesJson(r: AffiliateReconciliation): object {
  const m = (x: number) => formatMinor(x, r.digits);
  const fees = r.totals.lateFee !== null;
  const row = (x: AffiliateRow) => ({
    affiliate: x.party, name: x.name, period: x.period, source: x.source, expected: m(x.due), received: m(x.paid), outstanding: m(x.outstanding),
    status: x.source === "none" ? "no-advice" : x.status, notYetDue: x.notYetDue, dueDate: x.dueDate, settledOn: x.settledOn, lateDays: x.lateDays,
    ...(fees ? { lateFee: m(x.lateFee ?? 0) } : {}), refs: x.refs,
  });
  return {
    side: "affiliates", from: r.from, to: r.to, asOf: r.asOf,
    rows: streamedArray((function* () { for (const x of r.rows) yield row(x); })()),
    totals: { expected: m(r.totals.due), received: m(r.totals.paid), outstanding: m(r.totals.outstanding), ...(fees ? { lateFee: m(r.totals.lateFee ?? 0) } : {}) },
    settled: r.settled,
    refunds: r.refunds.map((x) => ({ affiliate: x.affiliate, name: x.name, owed: m(x.owed), paid: m(x.paid), outstanding: m(x.outstanding), overdue: m(x.overdue) })),
  };
}

/** Refunds owed to affiliates from tax collections (212), one line each, when there are any. */
function renderRefunds(ctx: CommandContext, r: AffiliateReconciliation): string {
  if (r.refunds.length === 0) return "";
  const g = (x: Minor) => formatMinor(x, r.digits, { grouping: true });
  const sum = (f: (x: AffiliateReconciliation["refunds"][number]) => Minor) => r.refunds.reduce((t, x) => t + f(x), 0);
  const table = renderTable([
    { header: ctx.t({ en: "Refund to", zh: "返还对象" }) }, { header: ctx.t({ en: "Owed", zh: "应返还" }), align: "right", keep: true },
    { header: ctx.t({ en: "Paid", zh: "已返还" }), align: "right", keep: true }, { header: ctx.t({ en: "Outstanding", zh: "未返还" }), align: "right", keep: true },
    { header: ctx.t({ en: "Overdue", zh: "逾期未返还" }), align: "right", keep: true },
  ], r.refunds.map((x) => [`${x.affiliate} ${x.name}`, g(x.owed), g(x.paid), x.outstanding ? { text: g(x.outstanding), paint: ctx.out.yellow } : g(0), x.overdue ? { text: g(x.overdue), paint: ctx.out.red } : ""]),
  { style: ctx.out, maxWidth: Math.min(ctx.terminalWidth, 110), footer: [[ctx.t({ en: "Total", zh: "合计" }), g(sum((x) => x.owed)), g(sum((x) => x.paid)), g(sum((x) => x.outstanding)), g(sum((x) => x.overdue))]] });
  return `\n\n${ctx.out.bold(ctx.t({ en: "Refunds owed to affiliates (212, from tax collections; pay with dues refund --to)", zh: "应返还下级工会经费（212，税务代收；用 dues refund --to 支付）" }))}\n${table}`;
}

const WORDS: Record<string, { en: string; zh: string }> = {
  paid: { en: "paid", zh: "已清" }, partial: { en: "partial", zh: "部分" }, unpaid: { en: "unpaid", zh: "未缴" }, overpaid: { en: "overpaid", zh: "多缴" },
  "not-due": { en: "not due", zh: "未到期" }, "no-advice": { en: "no advice", zh: "未报回执" },
};

/**
 * The text of `dues reconcile --affiliates`, in pieces as it is made (ctx.printPieces
 * writes them in chunks): the table's rows are formatted twice, for the column widths and
 * then line by line, never held as cells or as one string (60,000 rows for 5,000 affiliates).
 */
export function* affiliatesText(ctx: CommandContext, r: AffiliateReconciliation, currency: string): IterableIterator<string> {
  const s = ctx.out;
  const g = (x: Minor) => formatMinor(x, r.digits, { grouping: true });
  const fees = r.totals.lateFee !== null;
  const head = `${s.bold(ctx.t({ en: "Affiliates: expected against received", zh: "下级工会缴款核对：应缴与已收" }))}  ${r.from ? `${r.from} – ${r.to}` : ""}  ${ctx.t({ en: "as of", zh: "截至" })} ${r.asOf}`;
  if (r.rows.length === 0) {
    yield `${head}\n${ctx.t({ en: "Nothing expected yet: import the affiliates' advices (dues import advice FILE...).", zh: "尚无应缴款项：请先导入下级回执（dues import advice 文件…）。" })}`;
    return;
  }
  const paint = (x: AffiliateRow) => (x.notYetDue && x.status !== "paid" ? (t: string) => s.dim(t) : x.status === "paid" && x.source !== "none" ? (t: string) => s.green(t) : x.status === "overpaid" ? (t: string) => s.magenta(t) : x.status === "partial" ? (t: string) => s.yellow(t) : (t: string) => s.red(t));
  function* rows(): IterableIterator<Row> {
    let last = "";
    for (const x of r.rows) {
      const p = paint(x);
      const word = x.notYetDue && x.status !== "paid" ? WORDS["not-due"]! : x.source === "none" ? WORDS["no-advice"]! : WORDS[x.status]!;
      const cells: (string | Cell)[] = [
        // The id its own column, never shortened: names may be cut to fit, ids tell affiliates apart.
        x.party === last ? "" : x.party, x.party === last ? "" : x.name, x.period, x.source === "estimate" ? `${g(x.due)}*` : g(x.due), g(x.paid),
        { text: g(x.outstanding), paint: p }, { text: ctx.t(word), paint: p }, x.lateDays ? String(x.lateDays) : "",
      ];
      if (fees) cells.push(x.lateFee ? g(x.lateFee) : "");
      yield cells;
      last = x.party;
    }
  }
  const table = tableLines([
    { header: ctx.t({ en: "Affiliate", zh: "下级工会" }), keep: true }, { header: ctx.t({ en: "Name", zh: "名称" }) }, { header: ctx.t({ en: "Month", zh: "月份" }), keep: true },
    { header: ctx.t({ en: "Expected", zh: "应缴" }), align: "right", keep: true }, { header: ctx.t({ en: "Received", zh: "已收" }), align: "right", keep: true },
    { header: ctx.t({ en: "Outstanding", zh: "未清" }), align: "right", keep: true }, { header: ctx.t({ en: "Status", zh: "状态" }), keep: true },
    { header: ctx.t({ en: "Days late", zh: "逾期天数" }), align: "right", keep: true },
    ...(fees ? [{ header: ctx.t({ en: "Late fee", zh: "滞纳金" }), align: "right" as const, keep: true }] : []),
  ], rows, { style: s, maxWidth: Math.min(ctx.terminalWidth, 110), footer: [[ctx.t({ en: "Total", zh: "合计" }), "", "", g(r.totals.due), g(r.totals.paid), g(r.totals.outstanding), "", "", ...(fees ? [g(r.totals.lateFee ?? 0)] : [])]] });
  const owed = r.rows.filter((x) => !x.notYetDue && x.outstanding > 0);
  const silent = r.rows.filter((x) => !x.notYetDue && x.source === "none");
  const refundsOverdue = r.refunds.reduce((t, x) => t + x.overdue, 0);
  const estimate = r.rows.some((x) => x.source === "estimate") ? "\n" + s.dim(ctx.t({ en: "* no advice yet: expected from the funds base in the register; no late fee until an advice gives the amount.", zh: "* 尚未报回执：按名册中的工资总额估算；收到回执、数额确定后才计滞纳金。" })) : "";
  const verdict = r.settled
    ? s.green.bold(ctx.t({ en: "Settled: every affiliate has paid what has fallen due.", zh: "已结清：各下级工会到期款项均已缴清。" }))
    : s.red.bold(ctx.t({
      en: `Not settled: ${[owed.length || !refundsOverdue ? `${currency} ${g(owed.reduce((t, x) => t + x.outstanding, 0))} overdue from ${new Set(owed.map((x) => x.party)).size} affiliates` : "", silent.length ? `${silent.length} months without an advice` : "", refundsOverdue ? `refunds of ${currency} ${g(refundsOverdue)} overdue to affiliates` : ""].filter(Boolean).join("; ")}.`,
      zh: `未结清：${[owed.length || !refundsOverdue ? `${new Set(owed.map((x) => x.party)).size} 个下级工会逾期未缴 ${currency} ${g(owed.reduce((t, x) => t + x.outstanding, 0))}` : "", silent.length ? `${silent.length} 个月次未报回执` : "", refundsOverdue ? `逾期未返还下级 ${currency} ${g(refundsOverdue)}` : ""].filter(Boolean).join("；")}。`,
    }));
  yield `${head}\n\n`;
  let first = true;
  for (const l of table) {
    yield first ? l : `\n${l}`;
    first = false;
  }
  yield `${renderRefunds(ctx, r)}\n\n${verdict}${estimate}`;
}

export function renderBehind(ctx: CommandContext, behind: readonly (PartyBehind & { name: string; lateFee: Minor | null })[], digits: number): string {
  if (behind.length === 0) return ctx.out.green(ctx.t({ en: "No affiliate is 3 or more months behind.", zh: "没有欠缴 3 个月以上的下级工会。" }));
  const g = (x: Minor) => formatMinor(x, digits, { grouping: true });
  const fees = behind.some((b) => b.lateFee !== null);
  return ctx.out.bold(ctx.t({ en: "Affiliates behind 3 or more months", zh: "欠缴 3 个月以上的下级工会" })) + "\n" + renderTable([
    { header: ctx.t({ en: "Affiliate", zh: "下级工会" }), keep: true }, { header: ctx.t({ en: "Name", zh: "名称" }) }, { header: ctx.t({ en: "Months", zh: "月数" }), align: "right", keep: true },
    { header: ctx.t({ en: "Since", zh: "最早" }), keep: true }, { header: ctx.t({ en: "Outstanding", zh: "未清" }), align: "right", keep: true },
    ...(fees ? [{ header: ctx.t({ en: "Late fee", zh: "滞纳金" }), align: "right" as const, keep: true }] : []),
  ], behind.map((b) => [b.party, b.name, String(b.months), b.oldest, g(b.outstanding), ...(fees ? [g(b.lateFee ?? 0)] : [])]), { style: ctx.out, maxWidth: ctx.terminalWidth });
}
