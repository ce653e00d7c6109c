// `dues close YYYY-MM` / `dues reopen YYYY-MM --reason TEXT`: seal a month, recording the
// chain head; reopening is itself an entry with its reason. `dues close YYYY` / `dues
// reopen YYYY --reason TEXT`: the year-end carry-forward and its reversal. Rules in
// src/app/close.ts and src/app/year-close.ts.
import type { Command } from "commander";
import type { CloseRow } from "../../app/close.js";
let closeMonth!: typeof import("../../app/close.js").closeMonth;
let reopenMonth!: typeof import("../../app/close.js").reopenMonth;
import type { YearCloseResult } from "../../app/year-close.js";
let closeYear!: typeof import("../../app/year-close.js").closeYear;
let isYearArg!: typeof import("../../app/year-close.js").isYearArg;
let reopenYear!: typeof import("../../app/year-close.js").reopenYear;
import { findAccount } from "../../domain/chart.js";
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import type { Runner } from "../run.js";
import type { CommandContext } from "../context.js";
import { ledgerFor, workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ closeMonth, reopenMonth } = await import("../../app/close.js"));
  ({ closeYear, isYearArg, reopenYear } = await import("../../app/year-close.js"));
}

function show(ctx: CommandContext, c: CloseRow): void {
  if (ctx.globals.json) {
    ctx.json({ period: c.period, action: c.action, entry: c.entry, head: c.headSeq === null ? null : { seq: c.headSeq, hash: c.headHash }, reason: c.reason, at: c.createdAt });
    return;
  }
  const zh = ctx.lang === "zh-CN";
  const head = c.headSeq === null ? (zh ? "（空账）" : "(empty ledger)") : `#${c.headSeq} ${c.headHash}`;
  if (c.action === "close") {
    ctx.print(zh ? `${c.period} 已结账（分录 #${c.entry}）。结账时链头：${head}` : `${c.period} is closed (entry #${c.entry}). Chain head at closing: ${head}`);
    ctx.print(zh ? "请把链头记在纸面或审查工作簿上；日后可用 `dues verify --head 哈希` 核对。" : "Keep the chain head on paper or in the audit workbook; `dues verify --head HASH` checks it later.");
  } else {
    ctx.print(zh ? `${c.period} 已重新打开（分录 #${c.entry}），原因：${c.reason}` : `${c.period} is reopened (entry #${c.entry}); reason: ${c.reason}`);
  }
}

function showYear(ctx: CommandContext, r: YearCloseResult, digits: number, chart: Parameters<typeof findAccount>[0]): void {
  const m = (x: number) => formatMinor(x, digits);
  if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
  if (ctx.globals.json) {
    ctx.json({
      year: r.year, action: r.action, from: r.from, to: r.to, date: r.date, batch: r.batch, entry: r.entry, hash: r.hash,
      head: r.headBefore, surplus: m(r.surplus), earmarked: r.earmarked.map((e) => ({ project: e.project, name: e.name, amount: m(e.amount) })),
      postings: r.postings.map((p) => ({ account: p.account, project: p.project ?? null, amount: m(p.amount) })),
      reason: r.reason, warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems,
    });
    return;
  }
  const g = (x: number) => formatMinor(x, digits, { grouping: true });
  const zh = ctx.lang === "zh-CN";
  const name = (code: string) => { const a = findAccount(chart, code); return a ? ctx.t(a.name) : code; };
  const net = r.postings.filter((p) => findAccount(chart, p.account)?.kind === "net-assets");
  const closing = r.postings.length - net.length;
  if (r.action === "year-close") {
    ctx.print(zh
      ? `${r.year} 年度（${r.from} 至 ${r.to}）收支已结转：分录 #${r.entry}，记于 ${r.date}，结平 ${closing} 个收支科目。`
      : `${r.year} (${r.from} – ${r.to}) is carried forward: entry #${r.entry} dated ${r.date}, ${closing} income and spending accounts closed to zero.`);
  } else {
    ctx.print(zh
      ? `${r.year} 年度结转已冲回（分录 #${r.entry}），原因：${r.reason}`
      : `The carry-forward of ${r.year} is reversed (entry #${r.entry}); reason: ${r.reason}`);
  }
  for (const p of net) {
    const e = p.project ? r.earmarked.find((x) => x.project === p.project) : undefined;
    const named = e && e.name !== p.project ? (zh ? `（${e.name}）` : ` (${e.name})`) : "";
    const who = p.project ? ` #${p.project}${named}` : "";
    ctx.print(ctx.out.dim(`  ${p.account} ${name(p.account)}${who}  ${p.amount < 0 ? (zh ? "贷" : "Cr") : (zh ? "借" : "Dr")} ${g(Math.abs(p.amount))}`));
  }
  if (r.action === "year-close") {
    ctx.print(zh ? `链头：#${r.entry} ${r.hash}` : `Chain head: #${r.entry} ${r.hash}`);
    ctx.print(zh ? "本年收入支出表仍列示全年收支；下一年度收支从零开始。改动本年须先 `dues reopen " + r.year + " --reason 原因`。"
      : `The year's statement of income and spending still shows the year; the next year starts at zero. To change ${r.year}, \`dues reopen ${r.year} --reason TEXT\` first.`);
  }
}

export function register(program: Command, run: Runner): void {
  program
    .command("close")
    .description(h("Seal a month (YYYY-MM): no entry can be added until it is reopened; or carry a financial year forward (YYYY) once its months are closed",
      "结账（YYYY-MM）：封存该月，重新打开前不能再记账；或年末结转（YYYY）：各月结账后把本年收支结转到 321/322"))
    .argument("<period>", h("the month, YYYY-MM, or the financial year, YYYY", "月份 YYYY-MM，或年度 YYYY"))
    .addHelpText("after", examples([
      ["dues close 2026-10", "seal October", "10月份结账"],
      ["dues close 2026", "year-end carry-forward of 2026 (every month closed first)", "2026 年度收支结转（须先各月结账）"],
    ]))
    .action(run(load, async (ctx, period: string) => {
      if (isYearArg(period)) {
        const ws = workspaceFor(ctx);
        try {
          showYear(ctx, closeYear(ws, period, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }), ws.config.union.currency.digits, ws.config.union.chart);
          return 0;
        } finally {
          ws.close();
        }
      }
      const lo = ledgerFor(ctx);
      try {
        show(ctx, closeMonth(lo.ledger, period, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }));
        return 0;
      } finally {
        lo.close();
      }
    }));

  program
    .command("reopen")
    .description(h("Reopen a closed month, or reverse a year's carry-forward; the reopening and its reason are recorded", "重新打开已结账月份，或冲回年度结转；重开及其原因记入账中"))
    .argument("<period>", h("the month, YYYY-MM, or the financial year, YYYY", "月份 YYYY-MM，或年度 YYYY"))
    .requiredOption("--reason <text>", h("why it is reopened (kept in the books)", "重新打开的原因（记入账中）"))
    .addHelpText("after", examples([
      ["dues reopen 2026-10 --reason \"运动会发票迟到\"", "reopen October for a late invoice", "因发票迟到重新打开10月份"],
      ["dues reopen 2026 --reason \"经审会要求更正12月支出\"", "reverse the 2026 carry-forward", "冲回 2026 年度结转"],
    ]))
    .action(run(load, async (ctx, period: string, opts: { reason: string }) => {
      if (isYearArg(period)) {
        const ws = workspaceFor(ctx);
        try {
          showYear(ctx, reopenYear(ws, period, opts.reason, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }), ws.config.union.currency.digits, ws.config.union.chart);
          return 0;
        } finally {
          ws.close();
        }
      }
      const lo = ledgerFor(ctx);
      try {
        show(ctx, reopenMonth(lo.ledger, period, opts.reason, { createdAt: ctx.now(), today: ctx.today(), createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null }));
        return 0;
      } finally {
        lo.close();
      }
    }));
}
