// `dues config check`: validates dues.yaml (exit 65 with every problem) and prints what
// it says: union, bodies, sources and the schemes with the one in force marked. The
// summary is built in src/app/config-check.ts; this file only lays it out.
import type { Command } from "commander";
import type { ConfigSummary, SplitSummary } from "../../app/config-check.js";
let checkConfig!: typeof import("../../app/config-check.js").checkConfig;
import { text } from "../../domain/text.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { formatProblems, problemsJson } from "../render/problems.js";
import { renderTable } from "../render/table.js";
import type { Runner } from "../run.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ checkConfig } = await import("../../app/config-check.js"));
}

export function register(program: Command, run: Runner): void {
  const config = program
    .command("config")
    .description(h("The configuration (dues.yaml)", "配置文件（dues.yaml）"))
    .addHelpText("after", examples([
      ["dues config check", "validate dues.yaml and show the schemes in force", "校验 dues.yaml 并显示现行费率方案"],
      ["dues --config other/dues.yaml config check", "check another folder's configuration", "检查另一个文件夹的配置"],
    ]));
  config
    .command("check")
    .description(h("Validate dues.yaml without touching the ledger and print the schemes in force", "校验 dues.yaml（不碰账本），并显示现行费率方案"))
    .addHelpText("after", examples([
      ["dues config check", "every problem as dues.yaml:LINE:COL, or a summary", "逐条列出 dues.yaml:行:列 的问题，或显示配置摘要"],
      ["dues config check --json", "the summary as JSON", "以 JSON 输出摘要"],
    ]))
    .action(run(load, async (ctx) => {
      const r = checkConfig({ config: ctx.globals.config, db: ctx.globals.db, cwd: ctx.cwd, env: ctx.env, today: ctx.today() });
      ctx.adoptLocale(r.config.union.locale);
      if (ctx.globals.json) {
        ctx.json({ valid: true, ...r.summary, warnings: (problemsJson(r.warnings, ctx.lang) as { problems: unknown[] }).problems });
        return 0;
      }
      if (r.warnings.length) ctx.note(formatProblems(r.warnings, ctx.lang, ctx.err));
      ctx.print(renderSummary(ctx, r.summary));
      return 0;
    }));
}

function splitLine(ctx: CommandContext, s: SplitSummary): string {
  if (!s.shares.length) return ctx.t(text("all retained", "全部留用本级"));
  const shares = s.shares.map((x) => `${x.name} (${x.to}) ${x.share}`).join(ctx.t(text(", ", "，")));
  const odd = s.remainder === "largest" ? text("largest remainder", "最大余数法") : s.remainder === "retained" ? text("retained", "本级") : text(s.remainder, s.remainder);
  return ctx.t(text(`to ${shares}; retained ${s.retained}; odd cent: ${odd.en}`, `上缴 ${shares}；本级留用 ${s.retained}；尾差归${odd.zh}`));
}

export function renderSummary(ctx: CommandContext, s: ConfigSummary): string {
  const t = (en: string, zh: string) => ctx.t(text(en, zh));
  // "Label: " in English, "标签：" in Chinese; list separators likewise.
  const label = (en: string, zh: string) => ctx.t(text(`${en}: `, `${zh}：`));
  const comma = t(", ", "，");
  const semi = t("; ", "；");
  const none = t("none", "无");
  const out: string[] = [];
  out.push(ctx.out.green.bold(t(`${s.file} is valid.`, `${s.file} 校验通过。`)) + ctx.out.dim(`  sha256 ${s.sha256.slice(0, 16)}…`));
  out.push("");
  out.push(`${label("Union", "工会")}${s.union.name}`);
  out.push(`${label("Currency", "币种")}${s.union.currency}${t(` (${s.union.digits} decimals)`, `（${s.union.digits} 位小数）`)}   ${label("Chart", "科目")}${s.union.chart}   ${label("Language", "语言")}${s.union.locale}`);
  out.push(`${label("Ledger", "账本")}${s.ledger.path} ${s.ledger.exists ? "" : ctx.out.yellow(t("(not created yet: run dues init)", "（尚未创建：请运行 dues init）"))}`.trimEnd());
  const lateFee = s.lateFee ? t(`${s.lateFee.perDay} a day${s.lateFee.cap ? ", at most the amount late" : ""}`, `每日 ${s.lateFee.perDay}${s.lateFee.cap ? "，不超过欠缴本金" : ""}`) : none;
  // The key's value as written in dues.yaml, with what it means in the reader's language.
  const membership = s.membership === "column" ? t("column (a member column in the payroll)", "column（按工资表的会员列）")
    : s.membership === "all" ? t("all (everyone in the file)", "all（文件中全部人员）")
    : s.membership === "roster" ? t("roster (the imported member roster)", "roster（按导入的会员名册）")
    : s.membership;
  out.push(`${label("Membership", "会员认定")}${membership}   ${label("Remittances due", "上解到期")}${t(`day ${s.dueDay} of the next month`, `次月 ${s.dueDay} 日`)}   ${label("Late fee", "滞纳金")}${lateFee}`);

  if (s.federation) {
    const f = s.federation;
    const fee = f.lateFee ? t(`${f.lateFee.perDay} a day${f.lateFee.cap ? ", at most the amount late" : ""}`, `每日 ${f.lateFee.perDay}${f.lateFee.cap ? "，不超过欠缴本金" : ""}`) : none;
    out.push(`${label("Federation", "总工会")}${t(`affiliates: ${f.collection}, keep ${f.affiliateShare} of ${f.fundsRate}; of what reaches us: ${f.split.map((x) => `${x.to} ${x.share}`).join(", ") || "all ours"} (odd cent: ${f.remainder}); due day ${f.dueDay}; late fee ${fee}`, `下级：${f.collection}，留用 ${f.fundsRate} 中的 ${f.affiliateShare}；本会收到部分：${f.split.map((x) => `${x.to} ${x.share}`).join("、") || "全部留本会"}（尾差：${f.remainder}）；次月 ${f.dueDay} 日到期；滞纳金 ${fee}`)}`);
  }
  const fy = s.financialYear.current;
  out.push(`${label("Financial year", "财务年度")}${t(`from month ${s.financialYear.start}; ${fy.year} is ${fy.from} – ${fy.to} (dues close ${fy.year}, --year ${fy.year})`, `自 ${s.financialYear.start} 月起；${fy.year} 年度为 ${fy.from} 至 ${fy.to}（dues close ${fy.year}、--year ${fy.year}）`)}`);
  if (s.projects.length) {
    out.push("", ctx.out.bold(t("Projects", "项目")));
    out.push(indent(renderTable([{ header: "id", keep: true }, { header: t("name", "名称") }, { header: t("earmarked (321 at year end)", "专项（年末结转 321）") }],
      s.projects.map((p) => [p.id, p.name, p.earmarked ? t("yes", "是") : t("no", "否")]), { style: ctx.out, maxWidth: ctx.terminalWidth - 2 })));
  }

  out.push("", ctx.out.bold(t("Bodies", "上级单位")));
  if (s.bodies.length) out.push(indent(renderTable([{ header: "id", keep: true }, { header: t("name", "名称") }], s.bodies.map((b) => [b.id, b.name]), { style: ctx.out, maxWidth: ctx.terminalWidth - 2 })));
  else out.push(`  ${none}`);

  out.push("", ctx.out.bold(t("Sources", "数据源")));
  for (const src of s.sources) {
    const delim = src.delimiter === "\t" ? "tab" : src.delimiter;
    out.push(`  ${ctx.out.bold(src.name)}${t(": ", "：")}${t("encoding", "编码")} ${src.encoding}${comma}${t("delimiter", "分隔符")} ${delim}${comma}${t("decimal mark", "小数点")} "${src.decimalMark}"${src.sheet ? `${comma}${t("sheet", "工作表")} ${src.sheet}` : ""}`);
    for (const [name, cols] of Object.entries(src.bases)) out.push(`    ${t("base", "基数")} ${name} = ${cols.join(" + ")}`);
    for (const [field, headers] of Object.entries(src.columns)) out.push(ctx.out.dim(`    ${field}: ${headers.join(" | ")}`));
  }

  out.push("", ctx.out.bold(t("Schemes", "费率方案")));
  for (const sc of s.schemes) {
    const range = sc.effectiveTo ? t(`${sc.effectiveFrom} to ${sc.effectiveTo}`, `${sc.effectiveFrom} 至 ${sc.effectiveTo}`) : t(`from ${sc.effectiveFrom}`, `${sc.effectiveFrom} 起`);
    const mark = sc.inForce ? ctx.out.green(t(" (in force today)", "（现行）")) : "";
    out.push(`  ${sc.inForce ? "●" : "○"} ${ctx.out.bold(range)}${mark}`);
    if (sc.document) out.push(`    ${label("Document", "依据")}${sc.document}`);
    const d = sc.dues;
    const method = d.method === "rate" ? t(`rate ${d.rate}`, `费率 ${d.rate}`)
      : d.method === "flat" ? t(`flat ${d.amount}`, `定额 ${d.amount}`)
      : t(`${d.bands!.length} bands`, `${d.bands!.length} 档`);
    const step = d.baseStep.replace(/[.0]/g, "") === "" ? "" : t(`, base cut down to a multiple of ${d.baseStep}`, `，基数取 ${d.baseStep} 的整数倍`);
    const limits = `${d.min !== null ? t(`, min ${d.min}`, `，下限 ${d.min}`) : ""}${d.max !== null ? t(`, max ${d.max}`, `，上限 ${d.max}`) : ""}`;
    const round = d.method === "rate" ? t(`, rounded to ${d.round.to} ${d.round.mode}`, `，舍入到 ${d.round.to}（${d.round.mode}）`) : "";
    out.push(`    ${label("Dues", "会费")}${t("base", "基数")} ${d.base}${step}${comma}${method}${round}${limits}`);
    // Each band as the treasurer's table reads it: "up to 2000.00: 1.30", last "above 35000.00: 22.50".
    d.bands?.forEach((b, i) => {
      const prev = i > 0 ? d.bands![i - 1]!.upTo : null;
      const range = b.upTo !== null ? t(`up to ${b.upTo}`, `至 ${b.upTo}`) : prev !== null ? t(`above ${prev}`, `超过 ${prev}`) : t("any base", "任何基数");
      out.push(ctx.out.dim(`      ${range}${t(": ", "：")}${b.amount}`));
    });
    out.push(`      ${label("exempt", "免缴")}${d.exempt.length ? d.exempt.join(comma) : none}${semi}${d.split.shares.length || !sc.perCapita.length ? splitLine(ctx, d.split) : t("no percentage shares; per-capita tax below", "无比例分成；人头费见下")}`);
    if (sc.funds) {
      const f = sc.funds;
      const coll = f.collection === "union" ? t("the union collects and remits the shares", "工会收齐后上缴") : t("a higher body collects and refunds our share", "上级或税务代收后返还本级部分");
      out.push(`    ${label("Funds", "经费")}${t("base", "基数")} ${f.base}${comma}${t("rate", "费率")} ${f.rate}${comma}${t(`rounded to ${f.round.to} ${f.round.mode}`, `舍入到 ${f.round.to}（${f.round.mode}）`)}${semi}${coll}`);
      out.push(`      ${splitLine(ctx, f.split)}`);
    }
    for (const p of sc.perCapita) {
      const count = p.count === "paying" ? t("each member assessed dues", "每名应缴会费的会员") : p.count === "all-members" ? t("each member, exempt ones too", "每名会员（含免缴者）") : t(`each member with status ${p.count}`, `状态为 ${p.count} 的每名会员`);
      out.push(`    ${label("Per-capita", "人头费")}${p.name} (${p.to}) ${p.amount} ${t("for", "×")} ${count}`);
    }
  }
  return out.join("\n");
}

function indent(s: string): string {
  return s.split("\n").map((l) => "  " + l).join("\n");
}
