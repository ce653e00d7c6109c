// `dues init [--template cn-base|us-local|uk-branch]`: writes a commented dues.yaml and
// creates the ledger (src/app/init.ts); never overwrites either. Printing only here.
import type { Command } from "commander";
let initWorkspace!: typeof import("../../app/init.js").initWorkspace;
let shownPath!: typeof import("../../app/init.js").shownPath;
import { TEMPLATE_IDS } from "../../app/templates/index.js";
import { text } from "../../domain/text.js";
import { examples, h } from "../help.js";
import { formatProblems } from "../render/problems.js";
import type { Runner } from "../run.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ initWorkspace, shownPath } = await import("../../app/init.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("init")
    .description(h("Write a commented dues.yaml from a template and create the ledger; never overwrites. With a dues.yaml already here, creates the ledger from it",
      "按模板生成带注释的 dues.yaml 并创建账本；从不覆盖。已有 dues.yaml 时按它创建账本"))
    .option("--template <name>", h(`the starting configuration: ${TEMPLATE_IDS.join(" | ")} (default cn-base)`, `初始配置模板：${TEMPLATE_IDS.join(" | ")}（默认 cn-base）`))
    .addHelpText("after", examples([
      ["dues init", "a Chinese base union: 0.5% dues, 2% funds (edit the upward shares!)", "中国基层工会：0.5% 会费、2% 经费（务必改写上缴比例）"],
      ["dues init --template us-local", "a US local: percentage dues with min and max, per-capita tax", "美国地方工会：按比例会费（有上下限）、人头税"],
      ["dues init --template uk-branch", "a UK branch: banded subscriptions in GBP", "英国分会：按档会费（英镑）"],
    ]))
    .action(run(load, async (ctx, opts: { template?: string }) => {
      const r = initWorkspace({ config: ctx.globals.config, db: ctx.globals.db, cwd: ctx.cwd, env: ctx.env, template: opts.template, now: ctx.now() });
      ctx.adoptLocale(r.config.union.locale);
      const configShown = shownPath(r.configPath, ctx.cwd);
      const dbShown = shownPath(r.dbPath, ctx.cwd);
      const { union } = r.config;
      if (ctx.globals.json) {
        ctx.json({
          config: configShown, wroteConfig: r.wroteConfig, template: r.template ?? null, ledger: dbShown,
          union: union.name, chart: union.chart, currency: union.currency.code, digits: union.currency.digits, locale: union.locale,
          warnings: r.warnings.map((p) => ({ code: p.code, message: ctx.t(p.message) })),
        });
        return 0;
      }
      if (r.warnings.length) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
      const lines: string[] = [];
      lines.push(r.wroteConfig
        ? ctx.t(text(`Wrote ${configShown} (template ${r.template}).`, `已写入 ${configShown}（模板 ${r.template}）。`))
        : ctx.t(text(`Using the existing ${configShown} (valid).`, `使用已有的 ${configShown}（校验通过）。`)));
      lines.push(ctx.t(text(`Created the ledger ${dbShown} for ${union.name}: chart ${union.chart}, currency ${union.currency.code}.`, `已为${union.name}创建账本 ${dbShown}：科目 ${union.chart}，币种 ${union.currency.code}。`)));
      lines.push("");
      lines.push(ctx.out.bold(ctx.t(text("Next:", "下一步："))));
      if (r.template === "cn-base") {
        lines.push(ctx.t(text(`  1. Edit ${configShown}: the union's name, the payroll column names, and above all\n     the upward shares of the 2% funds, which are PLACEHOLDERS:`, `  1. 编辑 ${configShown}：工会名称、工资表列名，尤其是 2% 经费的上缴比例——`)));
        lines.push(ctx.t(text("     take them from your province's notice and cite it under `document:`.", "     模板中的比例只是占位示例，请按本省总工会的通知填写，并把通知写进 `document:`。")));
      } else if (r.template === "us-local") {
        // Two lines in English: one would run past an 80-column terminal.
        lines.push(ctx.t(text(`  1. Edit ${configShown}: the dues rate, minimum and maximum, and the per-capita amounts\n     (the template's are examples).`, `  1. 编辑 ${configShown}：会费比例、上下限和人头税金额（模板中的数字只是示例）。`)));
      } else if (r.template === "uk-branch") {
        lines.push(ctx.t(text(`  1. Edit ${configShown}: copy your union's current subscription bands and its rule\n     for national's share (the template's are illustrative).`, `  1. 编辑 ${configShown}：按本工会现行会费档次和上缴规则改写（模板中的数字仅为示意）。`)));
      } else if (r.config.federation) {
        lines.push(ctx.t(text(`  1. Edit ${configShown}: the federation's bodies and the split of what reaches it, which are\n     PLACEHOLDERS (take them from your notice), and the collection model.`, `  1. 编辑 ${configShown}：上级工会及本会所收经费的分成比例（模板中只是占位示例，请按通知填写）和收缴方式。`)));
      } else {
        lines.push(ctx.t(text(`  1. Keep ${configShown} up to date when rates change: add a scheme, never rewrite an old one.`, `  1. 费率调整时在 ${configShown} 中追加新方案，不要改写旧方案。`)));
      }
      lines.push(ctx.t(text("  2. dues config check                      (shows what the file says, and every mistake)", "  2. dues config check                      （显示配置内容，并列出所有错误）")));
      if (r.config.federation) {
        // A federation's month: its register, then what comes in from affiliates and the tax office.
        lines.push(ctx.t(text("  3. dues affiliates import REGISTER.csv     (the affiliated unions, their credit codes and models)", "  3. dues affiliates import 下级工会名册.csv （下级工会、统一社会信用代码与收缴方式）")));
        lines.push(ctx.t(text("  4. dues import advice FILE.json...  /  dues import tax-list LIST.csv", "  4. dues import advice 回执.json…  /  dues import tax-list 税务代收明细.csv")));
        lines.push(ctx.t(text("  5. dues reconcile --affiliates              (expected against received, per affiliate)", "  5. dues reconcile --affiliates              （逐个核对下级工会应缴与已收）")));
      } else {
        lines.push(ctx.t(text("  3. dues import payroll FILE --period YYYY-MM --dry-run", "  3. dues import payroll 工资表文件 --period YYYY-MM --dry-run")));
      }
      ctx.print(lines.join("\n"));
      return 0;
    }));
}
