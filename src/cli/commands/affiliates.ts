// `dues affiliates import FILE | list | show ID`: a federation's register of affiliated unions
// and each one's history. Rules and queries live in app/affiliates.ts.
import type { Command } from "commander";
import { resolve } from "node:path";
import type { Affiliate } from "../../domain/federation.js";
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { renderTable } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

/** One affiliate as --json shows it (money as text with the currency's digits). */
export function affiliateJson(a: Affiliate, digits: number) {
  return {
    id: a.id, name: a.name, employer: a.employer, creditCode: a.creditCode, collection: a.collection, receives: a.receives,
    fundsBase: a.fundsBase === null ? null : formatMinor(a.fundsBase, digits), contact: a.contact, joined: a.joined, left: a.left,
  };
}

export function register(program: Command, run: Runner): void {
  const affiliates = program
    .command("affiliates")
    .description(h("A federation's affiliated unions: the register and its history", "总工会的下级工会名册及其变更记录"))
    .addHelpText("after", examples([
      ["dues affiliates import 下级工会名册.xlsx", "add or update the affiliates (all-or-nothing)", "新增或更新下级工会（全部成功或全部不写入）"],
      ["dues affiliates", "every affiliate: id, name, employer, credit code, collection model", "全部下级工会：标识、名称、单位、信用代码、代收模式"],
      ["dues affiliates show acme-union", "one affiliate and every version of its row", "单个下级工会及其每次变更"],
    ]));

  affiliates
    .command("list", { isDefault: true })
    .description(h("Every affiliate in the register", "名册中的全部下级工会"))
    .action(run(async (ctx: CommandContext) => {
      const { listAffiliates } = await import("../../app/affiliates.js");
      const ws = workspaceFor(ctx);
      try {
        const digits = ws.config.union.currency.digits;
        const rows = listAffiliates(ws);
        if (ctx.globals.json) {
          ctx.json({ affiliates: rows.map((a) => affiliateJson(a, digits)) });
          return 0;
        }
        if (rows.length === 0) {
          ctx.print(ctx.t({ en: "No affiliates yet: import the register first (dues affiliates import FILE).", zh: "还没有下级工会：请先导入名册（dues affiliates import 文件）。" }));
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const dflt = ws.config.federation!.collection;
        // The joined and left columns only once some affiliate has such a date: they take room from the names.
        const joined = rows.some((a) => a.joined !== null);
        const left = rows.some((a) => a.left !== null);
        ctx.print(renderTable(
          [{ header: zh ? "标识" : "Id", keep: true }, { header: zh ? "名称" : "Name" }, { header: zh ? "单位" : "Employer" }, { header: zh ? "信用代码" : "Credit code", keep: true }, { header: zh ? "代收模式" : "Collection", keep: true }, { header: zh ? "工资总额" : "Funds base", align: "right", keep: true }, ...(joined ? [{ header: zh ? "入会" : "Joined", keep: true }] : []), ...(left ? [{ header: zh ? "离会" : "Left", keep: true }] : [])],
          rows.map((a) => [a.id, a.name, a.employer, a.creditCode ?? "", a.collection ?? `(${dflt})`, a.fundsBase === null ? "" : formatMinor(a.fundsBase, digits, { grouping: true }), ...(joined ? [a.joined ?? ""] : []), ...(left ? [a.left ?? ""] : [])]),
          { style: ctx.out, maxWidth: ctx.terminalWidth },
        ));
        ctx.print(ctx.t({ en: `${rows.length} affiliates.`, zh: `共 ${rows.length} 个下级工会。` }));
        return 0;
      } finally {
        ws.close();
      }
    }));

  affiliates
    .command("import")
    .description(h("Import the affiliates register (CSV or xlsx, zh/en headers); a changed row adds a version", "导入下级工会名册（CSV 或 xlsx，中英文表头均可）；有变化的行记为新版本"))
    .argument("<file>", h("the register file", "名册文件"))
    .addHelpText("after", examples([["dues affiliates import affiliates.csv", "every bad row is listed with its line and column, and nothing is written", "有错的行逐条列出行号和列号，且不写入任何内容"]]))
    .action(run(async (ctx: CommandContext, file: string) => {
      const { importAffiliates } = await import("../../app/affiliates.js");
      const ws = workspaceFor(ctx);
      try {
        const r = await importAffiliates(ws, { path: resolve(ctx.cwd, file), fileLabel: file, now: ctx.now() });
        if (ctx.globals.json) {
          ctx.json({ file: r.file, sha256: r.sha256, encoding: r.encoding, affiliates: r.affiliates, added: r.added, changed: r.changed, unchanged: r.unchanged });
          return 0;
        }
        ctx.print(ctx.t({
          en: `Affiliates ${r.file} (${r.encoding}): ${r.affiliates} rows: ${r.added} new, ${r.changed} changed (a new version each), ${r.unchanged} unchanged.`,
          zh: `下级工会名册 ${r.file}（${r.encoding}）：共 ${r.affiliates} 行，新增 ${r.added}，变更 ${r.changed}（各记一个新版本），未变 ${r.unchanged}。`,
        }));
        return 0;
      } finally {
        ws.close();
      }
    }));

  affiliates
    .command("show")
    .description(h("One affiliate and the history of its register row", "单个下级工会及其名册变更记录"))
    .argument("<id>", h("the affiliate's id (its union.id)", "下级工会标识（其 union.id）"))
    .action(run(async (ctx: CommandContext, id: string) => {
      const { showAffiliate } = await import("../../app/affiliates.js");
      const ws = workspaceFor(ctx);
      try {
        const digits = ws.config.union.currency.digits;
        const d = showAffiliate(ws, id);
        if (ctx.globals.json) {
          ctx.json({
            ...affiliateJson(d.affiliate, digits), version: d.affiliate.version,
            history: d.history.map((v) => ({ version: v.version, ...affiliateJson(v, digits), file: v.file, line: v.sourceLine, importedAt: v.importedAt, changed: v.changed })),
          });
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const a = d.affiliate;
        const label = (en: string, cn: string) => ctx.out.dim(zh ? cn : en) + "  ";
        ctx.print(ctx.out.bold(`${a.id} ${a.name}`));
        ctx.print(label("Employer", "单位") + (a.employer || "—") + "   " + label("Credit code", "信用代码") + (a.creditCode ?? "—"));
        ctx.print(label("Collection", "代收模式") + (a.collection ?? `(${ws.config.federation!.collection})`) + "   " + label("Shares", "分成规则") + (a.receives === null ? "(federation.receives)" : a.receives === "all" ? "all" : a.receives.join(";"))
          + "   " + label("Funds base", "工资总额") + (a.fundsBase === null ? "—" : formatMinor(a.fundsBase, digits, { grouping: true })));
        ctx.print(label("Joined", "入会日期") + (a.joined ?? "—") + (a.left ? "   " + label("Left", "离会日期") + a.left : "") + (a.contact ? "   " + label("Contact", "联系人") + a.contact : ""));
        // One line per version: what changed can be long (a new name), so it is never cut to a column.
        ctx.print(ctx.out.bold(zh ? "变更记录" : "History"));
        for (const v of d.history) {
          const what = v.changed.length ? v.changed.map((f) => `${f}: ${fieldText(d.history[v.version - 2]!, f, digits)} → ${fieldText(v, f, digits)}`).join("; ") : (zh ? "首次登记" : "first registered");
          ctx.print(`  v${v.version}  ${v.importedAt.slice(0, 19).replace("T", " ")}  ${v.file}:${v.sourceLine}  ${what}`);
        }
        return 0;
      } finally {
        ws.close();
      }
    }));
}

function fieldText(a: Affiliate, field: string, digits: number): string {
  const v = (a as unknown as Record<string, unknown>)[field];
  if (v === null || v === undefined || v === "") return "—";
  if (field === "fundsBase") return formatMinor(v as number, digits, { grouping: true });
  return Array.isArray(v) ? v.join(";") : String(v);
}
