// `dues import bank FILE`: statement lines matched to expected receipts and remittances;
// matched lines are booked, unmatched ones listed and left alone (exit 1 while any are).
// Rules in src/app/import-bank.ts and src/domain/bank-match.ts.
import type { Command } from "commander";
import { resolve } from "node:path";
import type { BankImportResult, LineResult } from "../../app/import-bank.js";
let importBank!: typeof import("../../app/import-bank.js").importBank;
let partyName!: typeof import("../../app/receive.js").partyName;
import type { Config } from "../../domain/config.js";
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { examples, h } from "../help.js";
import { renderTable, type Cell, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ importBank } = await import("../../app/import-bank.js"));
  ({ partyName } = await import("../../app/receive.js"));
}

export function registerImportBank(importCommand: Command, run: Runner): void {
  importCommand
    .command("bank")
    .description(h("Match a bank statement's lines to expected receipts and remittances; book the matches, list the rest",
      "把银行对账单逐行与应收款和应上解款核对：匹配的入账，未匹配的列出"))
    .argument("<file>", h("the statement (CSV in any encoding, or .xlsx)", "对账单文件（任意编码的 CSV 或 .xlsx）"))
    .option("--dry-run", h("match and show what would be booked; write nothing", "只匹配并显示将入账的内容，不写入"))
    .option("--source <name>", h("the source in dues.yaml that names the statement's columns (default: bank, if defined)", "dues.yaml 中描述对账单列名的数据源（默认：bank，如有）"))
    .addHelpText("after", examples([
      ["dues import bank 对账单-2026-11.csv --dry-run", "see what would match, write nothing", "先看匹配结果，不写入"],
      ["dues import bank 对账单-2026-11.csv", "book what matches, list what does not", "匹配的入账，未匹配的列出"],
      ["dues import bank statement.xlsx --source bank --json", "the same, as JSON", "同上，JSON 输出"],
    ]))
    .action(run(load, async (ctx, file: string, opts: { source?: string; dryRun?: boolean }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await importBank(ws, { path: resolve(ctx.cwd, file), file, source: opts.source, dryRun: opts.dryRun }, { createdAt: ctx.now() });
        if (ctx.globals.json) ctx.json(toJson(r, ws.config.union.currency.digits));
        else ctx.print(render(ctx, ws.config, r));
        return r.unmatched > 0 ? EXIT.difference : EXIT.ok;
      } finally {
        ws.close();
      }
    }));
}

function toJson(r: BankImportResult, digits: number): object {
  return {
    statement: r.statement, file: r.file, sha256: r.sha256, encoding: r.encoding, source: r.source,
    matched: r.matched, unmatched: r.unmatched, skipped: r.skipped, dryRun: r.dryRun,
    lines: r.results.map((x) => ({
      line: x.line.line, date: x.line.date, amount: formatMinor(x.line.amount, digits), ref: x.line.ref, memo: x.line.memo, counterparty: x.line.counterparty,
      status: x.status,
      ...(x.status === "matched"
        ? { kind: x.booked.direction, party: x.booked.party, settles: x.booked.settles, how: x.how, batch: x.booked.batch, entry: x.booked.entry }
        : { reason: x.reason, ...(x.status === "unmatched" ? { candidates: x.candidates } : {}) }),
    })),
  };
}

const REASONS: Record<string, { en: string; zh: string }> = {
  "no-candidate": { en: "nothing expected fits", zh: "无对应应收/应付" },
  ambiguous: { en: "fits more than one", zh: "可对应多笔，未猜测" },
  closed: { en: "month closed", zh: "所在月份已结账" },
  zero: { en: "zero amount", zh: "金额为零" },
  "already-booked": { en: "already booked", zh: "已入账" },
};

function render(ctx: CommandContext, config: Config, r: BankImportResult): string {
  const s = ctx.out;
  const digits = config.union.currency.digits;
  const money = (x: number) => formatMinor(x, digits, { grouping: true });
  const what = (x: LineResult): Cell => {
    if (x.status === "matched") {
      const b = x.booked;
      const who = partyName(config, b.party, ctx.lang);
      // The sign of the amount says in or out; the result names who and which month.
      const when = b.settles ?? ctx.t({ en: "oldest", zh: "先冲最早" });
      return { text: `${who} ${when}`, paint: (t) => s.green(t) };
    }
    const why = ctx.t(REASONS[x.reason]!);
    const extra = x.status === "unmatched" && x.candidates.length ? `: ${x.candidates.join(", ")}` : "";
    return { text: why + extra, paint: (t) => (x.status === "unmatched" ? s.red(t) : s.dim(t)) };
  };
  const rows: Row[] = r.results.map((x) => [
    String(x.line.line), x.line.date, money(x.line.amount),
    [x.line.counterparty, x.line.ref, x.line.memo].filter(Boolean).join(" ") || "—",
    what(x),
  ]);
  const table = renderTable([
    { header: ctx.t({ en: "Line", zh: "行" }), align: "right", keep: true },
    { header: ctx.t({ en: "Date", zh: "日期" }), keep: true },
    { header: ctx.t({ en: "Amount", zh: "金额" }), align: "right", keep: true },
    { header: ctx.t({ en: "Counterparty / ref", zh: "对方 / 摘要" }) },
    { header: ctx.t({ en: "Result", zh: "结果" }) },
  ], rows, { style: s, maxWidth: Math.min(ctx.terminalWidth, 120) });
  const head = `${s.bold(r.file)}  ${ctx.t({ en: "encoding", zh: "编码" })} ${r.encoding}  SHA-256 ${r.sha256.slice(0, 12)}…`;
  const summary = r.dryRun
    ? ctx.t({ en: `Dry run: ${r.matched} line(s) would be booked, ${r.unmatched} left unmatched, ${r.skipped} skipped; nothing was written.`, zh: `试运行：将入账 ${r.matched} 行，未匹配 ${r.unmatched} 行，跳过 ${r.skipped} 行；未写入任何内容。` })
    : ctx.t({ en: `${r.matched} line(s) booked, ${r.unmatched} left unmatched, ${r.skipped} skipped.`, zh: `已入账 ${r.matched} 行，未匹配 ${r.unmatched} 行，跳过 ${r.skipped} 行。` });
  const next = r.unmatched
    ? "\n" + ctx.t({ en: "Unmatched lines were not booked: check them, then use dues receive / dues remit with --ref.", zh: "未匹配的行没有入账：请核实后用 dues receive / dues remit（带 --ref）手工记账。" })
    : "";
  const nothing = r.statement === null && r.results.length && !r.dryRun
    ? "\n" + ctx.t({ en: "Nothing matched, so nothing was written; the statement can be imported again later.", zh: "没有任何匹配，未写入任何内容；之后可再次导入该对账单。" })
    : "";
  return `${head}\n\n${table}\n\n${(r.unmatched ? s.yellow.bold(summary) : s.green.bold(summary))}${next}${nothing}`;
}
