// `dues budget import|approve|show`: flags to the use cases in src/app/budget-*.ts and
// their results back to the treasurer (or JSON). Over-budget lines are red and carry a
// ▲ marker, so they still stand out under NO_COLOR or on paper. No rules here.
import { resolve } from "node:path";
import type { Command } from "commander";
let approveBudget!: typeof import("../../app/budget-approve.js").approveBudget;
let importBudget!: typeof import("../../app/budget-import.js").importBudget;
import type { BudgetShow } from "../../app/budget-show.js";
let budgetShowJson!: typeof import("../../app/budget-show.js").budgetShowJson;
let showBudget!: typeof import("../../app/budget-show.js").showBudget;
import { formatRate, type ExecutionFigures } from "../../domain/budget.js";
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { registerExportBudget } from "./export-budget.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import { renderTable, type Column, type Row } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ approveBudget } = await import("../../app/budget-approve.js"));
  ({ importBudget } = await import("../../app/budget-import.js"));
  ({ budgetShowJson, showBudget } = await import("../../app/budget-show.js"));
}

export function register(program: Command, run: Runner): void {
  // `dues export budget` lives beside `export audit` (export.ts's exportCommand).
  registerExportBudget(program, run);
  const budget = program
    .command("budget")
    .description(h("The year's budget by account, its versions and approval, and budget against actual", "按科目的年度预算、版本与审批，以及预算执行情况"))
    .addHelpText("after", examples([
      ["dues budget import 预算-2026.csv --year 2026", "the adopted budget, as the year's first version", "导入年初预算（该年度第 1 版）"],
      ["dues budget approve --year 2026 --by \"第三届第五次工会委员会\" --date 2026-01-10", "record the committee's approval", "登记工会委员会的审批"],
      ["dues budget show --year 2026", "budget against actual, by account", "按科目的预算执行情况"],
    ]));

  budget
    .command("import")
    .description(h("Import a budget file (CSV or xlsx) as the year's next version", "导入预算文件（CSV 或 xlsx），作为该年度的新版本"))
    .argument("<file>", h("the budget file: 科目编码/account, 年初预算/budget, optional 调整/adjustment, 说明/note, 科目名称/name", "预算文件：科目编码、年初预算，可选 调整、说明、科目名称"))
    .requiredOption("--year <YYYY>", h("the fiscal year", "预算年度"))
    .option("--version <kind>", h("adopted (年初预算) or adjusted (年中调整)", "adopted（年初预算）或 adjusted（年中调整）"), "adopted")
    .addHelpText("after", examples([
      ["dues budget import 2026预算.xlsx --year 2026", "the budget adopted at the start of the year", "导入年初预算"],
      ["dues budget import 2026调整.csv --year 2026 --version adjusted", "a mid-year adjustment: a new version", "导入年中调整预算（新版本）"],
    ]))
    .action(run(load, async (ctx, file: string, opts: { year: string; version: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = await importBudget(ws, { path: resolve(ctx.cwd, file), fileLabel: file, year: opts.year, kind: opts.version, now: ctx.now() });
        if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
        const d = ws.config.union.currency.digits;
        if (ctx.globals.json) {
          ctx.json({ year: r.year, version: r.version, kind: r.kind, file: r.file, sha256: r.sha256, encoding: r.encoding, lines: r.lines,
            income: formatMinor(r.income, d), spending: formatMinor(r.spending, d), supersedes: r.supersedes,
            warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems });
          return 0;
        }
        const kind = r.kind === "adopted" ? ctx.t({ en: "adopted", zh: "年初预算" }) : ctx.t({ en: "mid-year adjustment", zh: "年中调整" });
        ctx.print(ctx.t({
          en: `Imported the ${r.year} budget as version ${r.version} (${kind}${r.supersedes ? `, supersedes version ${r.supersedes}` : ""}): ${r.lines} lines, income ${formatMinor(r.income, d, { grouping: true })}, spending ${formatMinor(r.spending, d, { grouping: true })}.`,
          zh: `已导入 ${r.year} 年预算第 ${r.version} 版（${kind}${r.supersedes ? `，取代第 ${r.supersedes} 版` : ""}）：共 ${r.lines} 行，收入 ${formatMinor(r.income, d, { grouping: true })}，支出 ${formatMinor(r.spending, d, { grouping: true })}。`,
        }));
        ctx.print(ctx.out.dim(ctx.t({ en: `Approve it once the committee has: dues budget approve --year ${r.year} --by "…" --date YYYY-MM-DD`, zh: `经工会委员会审议通过后请登记审批：dues budget approve --year ${r.year} --by "…" --date 日期` })));
        return 0;
      } finally {
        ws.close();
      }
    }));

  budget
    .command("approve")
    .description(h("Record the committee's approval of the year's newest budget version; it is then frozen", "登记工会委员会对本年度最新预算版本的审批；审批后该版本不可更改"))
    .requiredOption("--year <YYYY>", h("the fiscal year", "预算年度"))
    .requiredOption("--by <session>", h("the meeting that approved it, e.g. 第三届第五次工会委员会", "审批会议，例如 第三届第五次工会委员会"))
    .requiredOption("--date <date>", h("the date of that meeting (YYYY-MM-DD)", "会议日期（YYYY-MM-DD）"))
    .option("--review <session>", h("the 经费审查委员会 session that reviewed it", "审查该预算的经费审查委员会会议"))
    .option("--review-date <date>", h("the date of the review", "审查日期"))
    .addHelpText("after", examples([
      ['dues budget approve --year 2026 --by "第三届第五次工会委员会" --date 2026-01-20 --review "第三届经审会第二次会议" --review-date 2026-01-18', "approval and review on record", "登记审批与审查"],
    ]))
    .action(run(load, async (ctx, opts: { year: string; by: string; date: string; review?: string; reviewDate?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const r = approveBudget(ws, { ...opts, now: ctx.now() });
        if (ctx.globals.json) { ctx.json(r); return 0; }
        const review = r.review ? ctx.t({ en: `; reviewed by ${r.review}${r.reviewDate ? ` on ${r.reviewDate}` : ""}`, zh: `；经${r.review}${r.reviewDate ? `（${r.reviewDate}）` : ""}审查` }) : "";
        ctx.print(ctx.t({
          en: `The ${r.year} budget version ${r.version} is approved by ${r.by} on ${r.date}${review}. It is frozen: a change is a new version.`,
          zh: `${r.year} 年预算第 ${r.version} 版已于 ${r.date} 经${r.by}审批${review}。该版本已冻结，如需调整请导入新版本。`,
        }));
        return 0;
      } finally {
        ws.close();
      }
    }));

  budget
    .command("show")
    .description(h("Budget against actual by account: 年初预算 / 调整 / 调整后 / 实际 / 差异 / 执行率", "按科目的预算执行情况：年初预算 / 调整 / 调整后 / 实际 / 差异 / 执行率"))
    .requiredOption("--year <YYYY>", h("the fiscal year", "预算年度"))
    .option("--as-of <date>", h("actuals dated up to this day (default: today, within the year)", "实际数截至该日（默认今天，限于该年度内）"))
    .addHelpText("after", examples([
      ["dues budget show --year 2026 --as-of 2026-10-31", "execution to the end of October", "截至10月底的预算执行情况"],
      ["dues budget show --year 2026 --json", "the same as JSON", "以 JSON 输出"],
    ]))
    .action(run(load, async (ctx, opts: { year: string; asOf?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const s = showBudget(ws, { year: opts.year, asOf: opts.asOf, today: ctx.today() });
        if (ctx.globals.json) { ctx.json(budgetShowJson(s, ctx.lang)); return 0; }
        printShow(ctx, s);
        return 0;
      } finally {
        ws.close();
      }
    }));
}

function printShow(ctx: CommandContext, s: BudgetShow): void {
  const e = s.execution;
  const v = s.version;
  const d = s.digits;
  const m = (x: number) => formatMinor(x, d, { grouping: true });
  const title = ctx.t({ en: `Budget ${e.year}: budget against actual to ${e.asOf}`, zh: `${e.year} 年预算执行情况（截至 ${e.asOf}）` });
  let about: string;
  if (!v) {
    about = ctx.out.yellow(ctx.t({ en: `No budget imported for ${e.year}: actuals only. dues budget import FILE --year ${e.year}`, zh: `${e.year} 年尚未导入预算，仅列实际数。导入：dues budget import 文件 --year ${e.year}` }));
  } else {
    const kind = v.kind === "adopted" ? ctx.t({ en: "adopted", zh: "年初预算" }) : ctx.t({ en: "mid-year adjustment", zh: "年中调整" });
    const approved = v.approval
      ? ctx.t({ en: `approved by ${v.approval.by} on ${v.approval.date}`, zh: `已于 ${v.approval.date} 经${v.approval.by}审批` })
      : ctx.out.yellow(ctx.t({ en: "not approved yet", zh: "尚未审批" }));
    // The approval on a line of its own: with a committee's full name the one line ran past 100 columns.
    about = ctx.t({ en: `Version ${v.version} of ${s.versions} (${kind}), ${v.file}\n`, zh: `第 ${v.version} 版（共 ${s.versions} 版，${kind}），${v.file}\n` }) + approved;
  }
  ctx.print(ctx.out.bold(title));
  ctx.print(about);
  const over = ctx.t({ en: "▲ over", zh: "▲超支" });
  // Without any adjustment, 年初预算 = 调整后: one budget column keeps the table in 80 columns.
  const adjusted = e.rows.some((r) => r.adjustment !== 0);
  const columns: Column[] = [
    { header: ctx.t({ en: "Account", zh: "科目编码" }), keep: true },
    { header: ctx.t({ en: "Name", zh: "科目名称" }) },
    ...(adjusted
      ? [
        { header: ctx.t({ en: "Budget", zh: "年初预算" }), align: "right" as const, keep: true },
        { header: ctx.t({ en: "Adjust", zh: "调整" }), align: "right" as const, keep: true },
        { header: ctx.t({ en: "Adjusted", zh: "调整后" }), align: "right" as const, keep: true },
      ]
      : [{ header: ctx.t({ en: "Budget", zh: "预算" }), align: "right" as const, keep: true }]),
    { header: ctx.t({ en: "Actual", zh: "实际" }), align: "right", keep: true },
    { header: ctx.t({ en: "Variance", zh: "差异" }), align: "right", keep: true },
    { header: ctx.t({ en: "Rate", zh: "执行率" }), align: "right", keep: true },
    { header: "", keep: true },
  ];
  const figures = (f: ExecutionFigures): Row => {
    const paint = f.overBudget ? (x: string) => ctx.out.red.bold(x) : undefined;
    const rate = formatRate(f.rate);
    return [
      ...(adjusted ? [m(f.budget), m(f.adjustment), m(f.adjusted)] : [m(f.adjusted)]),
      { text: m(f.actual), paint }, { text: m(f.variance), paint },
      { text: rate === null ? "—" : `${rate}%`, paint },
      { text: f.overBudget ? over : "", paint },
    ];
  };
  const rows = e.rows.map((r) => [r.account, "  ".repeat(r.depth) + ctx.t(r.name), ...figures(r)]);
  const footer = [
    ["", ctx.t({ en: "Income total", zh: "收入合计" }), ...figures(e.totals.income)],
    ["", ctx.t({ en: "Spending total", zh: "支出合计" }), ...figures(e.totals.spending)],
  ];
  // A terminal gets its width; a pipe or file has none, so names are not cut there.
  const maxWidth = ctx.streams.stdout.isTTY ? ctx.terminalWidth : 160;
  ctx.print(renderTable(columns, rows, { style: ctx.out, maxWidth, footer }));
  const overLines = e.rows.filter((r) => r.overBudget && !r.hasChildren);
  ctx.print(overLines.length === 0
    ? ctx.out.green(ctx.t({ en: "No spending line is over its budget.", zh: "没有支出科目超出预算。" }))
    : ctx.out.red(ctx.t({
      en: `${overLines.length} spending line${overLines.length === 1 ? " is" : "s are"} over budget (▲): ${overLines.map((r) => r.account).join(", ")}. The audit committee will ask why.`,
      zh: `${overLines.length} 个支出科目超出预算（▲）：${overLines.map((r) => r.account).join("、")}。经审会将要求说明原因。`,
    })));
}
