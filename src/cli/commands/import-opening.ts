// `dues import opening FILE --as-of YYYY-MM-DD [--dry-run]`: the balances a union's old
// books closed with, booked as the new books' first entry (src/app/import-opening.ts).
import { resolve } from "node:path";
import type { Command } from "commander";
let checkOpeningArgs!: typeof import("../../app/import-opening.js").checkOpeningArgs;
let importOpening!: typeof import("../../app/import-opening.js").importOpening;
let openingOwed!: typeof import("../../app/import-opening.js").openingOwed;
import { formatMinor } from "../../domain/money.js";
import { examples, h } from "../help.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ checkOpeningArgs, importOpening, openingOwed } = await import("../../app/import-opening.js"));
}

export function registerImportOpening(importCommand: Command, run: Runner): void {
  importCommand
    .command("opening")
    .description(h("Take over a union's books: the old books' closing balances as the first entry, once, before anything else",
      "接账：把旧账的期末余额记为新账的第一笔分录（只此一次，且须在其他分录之前）"))
    .argument("<file>", h("the opening balances (CSV or xlsx): 科目编码, 上级工会, 工号, 所属期间, 借方, 贷方, 摘要", "期初余额文件（CSV 或 xlsx）：科目编码、上级工会、工号、所属期间、借方、贷方、摘要"))
    .requiredOption("--as-of <date>", h("the day the new books begin (the first of a month), e.g. 2025-01-01", "新账开始的日子（某月 1 日），例如 2025-01-01"))
    .option("--dry-run", h("check everything, write nothing", "只检查，不写入"))
    .addHelpText("after", examples([
      ["dues import opening 期初余额.csv --as-of 2025-01-01 --dry-run", "check the opening balances first", "先检查期初余额"],
      ["dues import opening 期初余额.csv --as-of 2025-01-01", "book them as the first entry", "记为新账第一笔分录"],
    ]))
    .action(run(load, async (ctx, file: string, opts: { asOf: string; dryRun?: boolean }) => {
      checkOpeningArgs(opts.asOf);
      const ws = workspaceFor(ctx);
      try {
        const r = await importOpening(ws, {
          path: resolve(ctx.cwd, file), fileLabel: file, asOf: opts.asOf, now: ctx.now(), dryRun: Boolean(opts.dryRun),
          createdBy: ctx.env.USER ?? ctx.env.USERNAME ?? null,
        });
        if (r.warnings.length && !ctx.globals.json) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
        const d = ws.config.union.currency.digits;
        const m = (x: number) => formatMinor(x, d);
        const owed = openingOwed(ws.config, r.postings);
        const line = (p: (typeof r.postings)[number]) => ({ account: p.account, body: p.body ?? null, member: p.member ?? null, period: p.period, amount: m(Math.abs(p.amount)), side: p.amount >= 0 ? "debit" : "credit" });
        if (ctx.globals.json) {
          ctx.json({
            batch: r.batch, entry: r.entry, hash: r.hash, asOf: r.asOf, period: r.period, file: r.file, sha256: r.sha256, encoding: r.encoding,
            lines: r.postings.length, debit: m(r.debit), credit: m(r.credit), newMembers: r.newMembers,
            owed: { bodies: owed.bodies.map(line), employer: owed.employer.map(line), members: owed.members.map(line) },
            dryRun: r.dryRun, warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems,
          });
          return 0;
        }
        const g = (x: number) => formatMinor(x, d, { grouping: true });
        ctx.print(r.dryRun
          ? ctx.t({ en: `Dry run: ${r.postings.length} opening balances as of ${r.asOf}, debits = credits = ${g(r.debit)}, would be booked. Nothing was written.`, zh: `试运行：将记入 ${r.asOf} 的期初余额 ${r.postings.length} 行，借方 = 贷方 = ${g(r.debit)}。未写入任何内容。` })
          : ctx.t({ en: `Booked ${r.postings.length} opening balances as of ${r.asOf} (debits = credits = ${g(r.debit)}) as batch ${r.batch}, entry #${r.entry}.`, zh: `已记入 ${r.asOf} 的期初余额 ${r.postings.length} 行（借方 = 贷方 = ${g(r.debit)}），批次 ${r.batch}，分录 #${r.entry}。` }));
        const owedLine = (en: string, zh: string, ps: typeof r.postings, sign: number) => {
          if (!ps.length) return;
          const total = ps.reduce((t, p) => t + sign * p.amount, 0);
          const months = [...new Set(ps.map((p) => p.period))].sort();
          ctx.print(ctx.out.dim(ctx.t({ en: `  ${en}: ${g(total)} (${months.join(", ")})`, zh: `  ${zh}：${g(total)}（${months.join("、")}）` })));
        };
        owedLine("still owed to higher bodies, in reconcile", "尚欠上级工会，见 dues reconcile", owed.bodies, -1);
        owedLine("still owed by the employer, in reconcile --employer", "单位尚欠，见 dues reconcile --employer", owed.employer, 1);
        owedLine(`members' arrears (${new Set(owed.members.map((p) => p.member)).size} members), in dues arrears`, `会员欠缴（${new Set(owed.members.map((p) => p.member)).size} 人），见 dues arrears`, owed.members, 1);
        if (r.newMembers.length) {
          ctx.print(ctx.out.dim(r.dryRun
            ? ctx.t({ en: `  ${r.newMembers.length} members would be registered: ${r.newMembers.join(", ")}`, zh: `  将新登记会员 ${r.newMembers.length} 人：${r.newMembers.join("、")}` })
            : ctx.t({ en: `  ${r.newMembers.length} members registered: ${r.newMembers.join(", ")}`, zh: `  新登记会员 ${r.newMembers.length} 人：${r.newMembers.join("、")}` })));
        }
        return 0;
      } finally {
        ws.close();
      }
    }));
}
