// `dues demo [DIR]`: a whole sample year in a fresh folder (src/app/demo.ts), then what
// it made and what to try next. Printing only here.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { delimiter, isAbsolute, join, relative, resolve } from "node:path";
let freshDemoDir!: typeof import("../../app/demo.js").freshDemoDir;
let runDemo!: typeof import("../../app/demo.js").runDemo;
import { isServerUrl, redactUrl } from "../../app/workspace.js";
import { formatMinor } from "../../domain/money.js";
import { text, type Text } from "../../domain/text.js";
import { examples, h } from "../help.js";
import { truncate } from "../render/width.js";
import type { Runner } from "../run.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ freshDemoDir, runDemo } = await import("../../app/demo.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("demo")
    .argument("[dir]", h("the folder to build it in (default: ./dues-demo, or dues-demo-2 ... if taken)", "生成到哪个文件夹（默认 ./dues-demo，已占用则 dues-demo-2……）"))
    .description(h("A union's life on bundled sample data, in a fresh folder: it takes over its books from an opening file, runs a whole year (payrolls, receipts, remittances, spending, budget, closes), carries the year forward, writes both workbooks and opens the next year",
      "用内置示例数据在新文件夹里演示工会的一年：用期初余额接账，跑完整一年（工资表导入、收款、上解、支出、预算、结账），年末结转，生成两个工作簿，并开始下一年度"))
    .addHelpText("after", examples([
      ["dues demo", "build ./dues-demo and say what to try next", "生成 ./dues-demo 并提示下一步"],
      ["dues --lang en demo /tmp/union", "the same, in English, into /tmp/union", "同上，英文界面，生成到 /tmp/union"],
    ]))
    .action(run(load, async (ctx, dirArg: string | undefined) => {
      const dir = dirArg ? resolve(ctx.cwd, dirArg) : freshDemoDir(ctx.cwd);
      const started = Date.now();
      const live = !ctx.globals.json && !ctx.globals.quiet && Boolean(ctx.streams.stderr.isTTY);
      const width = Math.max(20, ((ctx.streams.stderr as { columns?: number }).columns ?? 80) - 1);
      const r = await runDemo({
        dir,
        env: ctx.env,
        ...(ctx.globals.db && isServerUrl(ctx.globals.db) ? { serverUrl: ctx.globals.db } : {}),
        now: ctx.now(),
        // The sample union keeps its books in Chinese; --lang chooses the workbooks' language.
        lang: ctx.globals.lang ?? "zh-CN",
        // One status line, rewritten in place: seventy steps in two seconds are not worth a screenful.
        onStep: (what) => { if (live) ctx.streams.stderr.write("\r\x1b[K" + ctx.err.dim(truncate("… " + ctx.t(what), width))); },
      });
      if (live) ctx.streams.stderr.write("\r\x1b[K");
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const shown = friendly(ctx.cwd, r.dir);
      const m = (x: number) => formatMinor(x, r.digits, { grouping: true });
      const rel = (p: string) => relative(r.dir, p);
      if (ctx.globals.json) {
        ctx.json({
          dir: shown, year: r.year, employees: r.employees, payrolls: r.payrolls, imports: r.imports, receipts: r.receipts,
          remittances: r.remittances, expenses: r.expenses, closed: r.closed, audit: rel(r.audit), budget: rel(r.budget), final: rel(r.final), return: rel(r.return),
          opening: r.opening, yearClose: { ...r.yearClose, surplus: formatMinor(r.yearClose.surplus, r.digits), earmarked: formatMinor(r.yearClose.earmarked, r.digits) }, nextYear: r.nextYear,
          dues: formatMinor(r.dues, r.digits), funds: formatMinor(r.funds, r.digits), outstanding: formatMinor(r.outstanding, r.digits),
        });
        return 0;
      }
      // `cd` once, on its own line: a `cd X && ...` on every line works only for the first one run.
      const cd = shown === "." ? [] : [`  cd ${shown}`];
      // On a server the suggested commands name it (quoted for the shell, without a password):
      // the demo's dues.yaml stays the same text on both backends, so their chains hash the same.
      const server = ctx.globals.db && isServerUrl(ctx.globals.db) ? ctx.globals.db : undefined;
      const dues = duesCommand(ctx.env, r.dir) + (server ? ` --db '${redactUrl(server).replace(/'/g, "'\\''")}'` : "");
      const lines = [
        ctx.out.bold(ctx.t(text(`A ${r.employees}-employee union's ${r.year} in dues, from taking over its books to opening ${r.year + 1}, in ${shown}/ (${seconds} s):`, `已在 ${shown}/ 生成 ${r.employees} 人企业工会在 dues 中的 ${r.year} 年：从接账到开始 ${r.year + 1} 年度（${seconds} 秒）：`))),
        // On a server the ledger is not a file in the folder: name it (without a password).
        ...(server
          ? [ctx.t(text(`  dues.yaml                 the configuration; the ledger is on the server ${redactUrl(server)}`, `  dues.yaml                 配置；账本在服务器 ${redactUrl(server)}`))]
          : [ctx.t(text(`  dues.yaml, dues.db        the configuration and the ledger`, `  dues.yaml、dues.db        配置和账本`))]),
        ctx.t(text(`  ${r.opening.file}`, `  ${r.opening.file}`)),
        ctx.t(text(`                            the old books' balances it took over with (entry #${r.opening.entry}): December owed by the employer and to the city, two members in arrears`, `                            接账时旧账的期末余额（分录 #${r.opening.entry}）：单位欠拨 12 月款、欠市总工会 12 月经费、两名会员欠缴`)),
        ctx.t(text(`  payroll/                  ${r.imports + r.nextYear.length} monthly payroll files (GB18030, as Excel saves them), imported: ${r.year} and ${r.nextYear.join(", ")}`, `  payroll/                  ${r.imports + r.nextYear.length} 个月度工资表（GB18030，Excel 另存格式），均已导入：${r.year} 年及 ${r.nextYear.join("、")}`)),
        ctx.t(text(`  inputs/                   the budget (adopted, adjusted) and ${r.expenses} spending vouchers`, `  inputs/                   预算（年初、调整）和 ${r.expenses} 笔支出凭证`)),
        ctx.t(text(`  ${rel(r.audit).padEnd(26)}the audit committee's workbook`, `  ${rel(r.audit).padEnd(26)}经费审查委员会工作簿`)),
        ctx.t(text(`  ${rel(r.budget).padEnd(26)}the budget workbook (budget against actual, next year's draft)`, `  ${rel(r.budget).padEnd(26)}预算工作簿（预算执行、下年度草案）`)),
        ctx.t(text(`  ${rel(r.final).padEnd(26)}the final accounts (决算) for the members' assembly and the 经审会`, `  ${rel(r.final).padEnd(26)}年度决算工作簿（会员代表大会、经审会审查）`)),
        ctx.t(text(`  ${rel(r.return).padEnd(26)}the annual return for the higher union (docs/return-file.md)`, `  ${rel(r.return).padEnd(26)}报送上级工会的年度报告（JSON）`)),
        "",
        ctx.t(text(`Dues ${m(r.dues)}, funds ${m(r.funds)}; ${r.receipts} receipts, ${r.remittances} remittances; months ${r.closed[0]}…${r.closed[r.closed.length - 1]} closed.`,
          `会费 ${m(r.dues)}，经费 ${m(r.funds)}；收款 ${r.receipts} 笔，上解 ${r.remittances} 笔；${r.closed[0]}…${r.closed[r.closed.length - 1]} 已结账。`)),
        ctx.t(text(`${r.year} carried forward by entry #${r.yearClose.entry}: surplus ${m(r.yearClose.surplus)} to 322, ${m(r.yearClose.earmarked)} of the city's hardship subsidy unspent to 321. ${r.year + 1} opened with ${r.nextYear.join(" and ")}.`,
          `${r.year} 年度已结转（分录 #${r.yearClose.entry}）：结余 ${m(r.yearClose.surplus)} 转入 322，市总困难职工帮扶专项未用完的 ${m(r.yearClose.earmarked)} 转入 321。${r.year + 1} 年度已导入 ${r.nextYear.join("、")}。`)),
        ctx.t(text(`Still owed upward for ${r.year}: ${m(r.outstanding)} (part of August to the city; the ACFTU's fourth quarter).`,
          `${r.year} 年尚欠上级：${m(r.outstanding)}（8 月市总工会部分上解，全总第四季度未上解）。`)),
        "",
        ctx.out.bold(ctx.t(text("Try next:", "接下来试试："))),
        ...(dues === "dues" ? [] : [ctx.out.dim(ctx.t(text(`  (dues is not on your PATH: the commands use ${dues}; \`npm link\` in the repository puts it there)`, `  （dues 不在 PATH 中，以下命令用 ${dues}；在仓库里运行 \`npm link\` 即可直接用 dues）`)))]),
        ...cd,
        ...aligned([
          [`${dues} reconcile`, text("due, paid, outstanding per body and month", "各上级工会逐月应缴、已缴、未缴")],
          [`${dues} reconcile --employer`, text("what the employer owed and paid", "单位应拨与已拨")],
          [`${dues} report income --year ${r.year}`, text("the income and spending statement (收入支出表)", "收入支出表")],
          [`${dues} report balance --as-of ${r.year}-12-31`, text("the balance sheet after the carry-forward (资产负债表)", "结转后的资产负债表")],
          [`${dues} report income --period ${r.nextYear[r.nextYear.length - 1]}`, text(`${r.year + 1} so far: it started at zero`, `${r.year + 1} 年至今：从零开始`)],
          [`${dues} arrears`, text("members behind on dues, and the employer", "欠缴会费的会员及单位")],
          [`${dues} budget show --year ${r.year}`, text("budget against actual", "预算执行情况")],
          [`${dues} report final --year ${r.year}`, text("the year's final accounts (决算)", "年度决算")],
          [`${dues} members list`, text("members and their dues", "会员及会费")],
          [`${dues} verify`, text("check the hash chain and the books", "校验哈希链和账目")],
        ].map(([cmd, what]) => [cmd as string, ctx.t(what as Text)] as const)),
      ];
      ctx.print(lines.join("\n"));
      return 0;
    }));
}

/** A folder as the user will recognise it: relative when inside the working folder. */
function friendly(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? dir : rel;
}

/** How to run dues from inside the demo folder: `dues` when it is on PATH, else the path to bin/dues. */
function duesCommand(env: NodeJS.ProcessEnv, dir: string): string {
  const onPath = (env.PATH ?? "").split(delimiter).some((p) => p && existsSync(join(p, "dues")));
  if (onPath) return "dues";
  const bin = process.argv[1] ? resolve(process.argv[1]) : "dues";
  const rel = relative(dir, bin);
  return rel.startsWith("..") && rel.split("/").filter((x) => x === "..").length <= 3 ? rel : bin;
}

/** Commands with their comments lined up after the longest one. */
function aligned(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([c]) => c.length));
  return rows.map(([c, what]) => `  ${c.padEnd(width)}  # ${what}`);
}
