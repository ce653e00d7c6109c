// `dues members list|show ID|import ROSTER`: the member register the payroll import keeps, with each
// member's status history and dues by period. Rules and queries live in app/members.ts.
import type { Command } from "commander";
let listMembers!: typeof import("../../app/members.js").listMembers;
let showMember!: typeof import("../../app/members.js").showMember;
import { formatMinor } from "../../domain/money.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import { renderTable } from "../render/table.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";
import { resolve } from "node:path";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ listMembers, showMember } = await import("../../app/members.js"));
}

export function register(program: Command, run: Runner): void {
  const members = program
    .command("members")
    .description(h("Members, their status history and dues by period", "会员名册、状态变动和各期会费"))
    .addHelpText("after", examples([
      ["dues members", "every member with the latest period's dues", "全部会员及最近一期会费"],
      ["dues members show 100023", "one member's status history and dues by month", "单个会员的状态变动和逐月会费"],
      ["dues members import 会员名册.csv", "the roster, for membership: roster", "导入会员名册（membership: roster）"],
    ]));

  members
    .command("list", { isDefault: true })
    .description(h("Every member with the latest period's dues", "全部会员及最近一期会费"))
    .addHelpText("after", examples([
      ["dues members list", "a table: id, name, department, status, latest dues", "列表：工号、姓名、部门、状态、最近会费"],
      ["dues members list --json", "the same for a script", "同上，JSON 格式"],
    ]))
    .action(run(load, async (ctx: CommandContext) => {
      const ws = workspaceFor(ctx);
      try {
        const digits = ws.config.union.currency.digits;
        const rows = listMembers(ws.ledger);
        if (ctx.globals.json) {
          ctx.json({ members: rows.map((m) => ({ id: m.id, name: m.name, department: m.department, status: m.status, lastPeriod: m.lastPeriod, lastDues: m.lastDues === null ? null : formatMinor(m.lastDues, digits) })) });
          return 0;
        }
        if (rows.length === 0) {
          ctx.print(ctx.t({ en: "No members yet: import a payroll first (dues import payroll FILE --period YYYY-MM).", zh: "还没有会员：请先导入工资表（dues import payroll 文件 --period YYYY-MM）。" }));
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        ctx.print(renderTable(
          [{ header: zh ? "工号" : "Id", keep: true }, { header: zh ? "姓名" : "Name" }, { header: zh ? "部门" : "Department" }, { header: zh ? "状态" : "Status" }, { header: zh ? "最近一期" : "Last period", keep: true }, { header: zh ? "会费" : "Dues", align: "right", keep: true }],
          rows.map((m) => [m.id, m.name, m.department, m.status, m.lastPeriod ?? "", m.lastDues === null ? "" : formatMinor(m.lastDues, digits, { grouping: true })]),
          { style: ctx.out, maxWidth: ctx.terminalWidth },
        ));
        ctx.print(ctx.t({ en: `${rows.length} members.`, zh: `共 ${rows.length} 名会员。` }));
        return 0;
      } finally {
        ws.close();
      }
    }));

  members
    .command("import")
    .description(h("Import the membership roster (id, name, status, joined, left) for membership: roster", "导入会员名册（工号、姓名、状态、入会日期、离会日期），用于 membership: roster"))
    .argument("<roster>", h("the roster file (CSV or xlsx)", "名册文件（CSV 或 xlsx）"))
    .addHelpText("after", examples([["dues members import 会员名册.csv", "add or update every member on the roster", "新增或更新名册上的每位会员"]]))
    .action(run(load, async (ctx: CommandContext, file: string) => {
      const { importRoster } = await import("../../app/roster-import.js");
      const ws = workspaceFor(ctx);
      try {
        const r = await importRoster(ws.ledger, { path: resolve(ctx.cwd, file), fileLabel: file, now: ctx.now() });
        if (ctx.globals.json) {
          ctx.json({ file: r.file, sha256: r.sha256, encoding: r.encoding, members: r.members, left: r.left, updated: r.updated });
          return 0;
        }
        ctx.print(ctx.t({
          en: `Roster ${r.file} (${r.encoding}): ${r.members} members (${r.members - r.updated} new, ${r.updated} updated), ${r.left} with a date of leaving.`,
          zh: `名册 ${r.file}（${r.encoding}）：会员 ${r.members} 人（新增 ${r.members - r.updated}，更新 ${r.updated}），其中 ${r.left} 人有离会日期。`,
        }));
        if (ws.config.membership !== "roster") {
          ctx.note(ctx.t({ en: "Note: dues.yaml has membership: " + ws.config.membership + ", so payroll imports do not use the roster.", zh: "注意：dues.yaml 中 membership 为 " + ws.config.membership + "，导入工资表时不会使用名册。" }));
        }
        return 0;
      } finally {
        ws.close();
      }
    }));

  members
    .command("show")
    .description(h("One member: status history and dues for every imported period", "单个会员：状态变动和每期会费"))
    .argument("<id>", h("the member's employee id", "会员工号"))
    .addHelpText("after", examples([["dues members show 00123", "dues, deductions and differences by month", "按月查看会费、代扣额和差额"]]))
    .action(run(load, async (ctx: CommandContext, id: string) => {
      const ws = workspaceFor(ctx);
      try {
        const digits = ws.config.union.currency.digits;
        const d = showMember(ws.ledger, id);
        const m = (x: number) => formatMinor(x, digits);
        if (ctx.globals.json) {
          ctx.json({
            id: d.member.id, name: d.member.name, department: d.member.department, status: d.member.status,
            statuses: d.statuses.map((s) => ({ period: s.period, status: s.status, batch: s.batch })),
            periods: d.periods.map((p) => ({
              period: p.period, batch: p.batch, line: p.sourceLine, status: p.status, exempt: p.exempt, duesBase: m(p.duesBase),
              truncatedBase: m(p.truncatedBase), rate: p.rate, dues: m(p.dues), deducted: p.deducted === null ? null : m(p.deducted), difference: m(p.difference),
            })),
          });
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        ctx.print(ctx.out.bold(`${d.member.id} ${d.member.name}`) + `  ${d.member.department}  ${d.member.status}`);
        if (d.statuses.length) {
          ctx.print(ctx.t({ en: "Status history: ", zh: "状态变动：" }) + d.statuses.map((s) => `${s.period} ${s.status}`).join(" → "));
        }
        const g = (x: number) => formatMinor(x, digits, { grouping: true });
        ctx.print(renderTable(
          [{ header: zh ? "期间" : "Period", keep: true }, { header: zh ? "状态" : "Status" }, { header: zh ? "基数" : "Base", align: "right", keep: true }, { header: zh ? "计费基数" : "Counted", align: "right", keep: true }, { header: zh ? "会费" : "Dues", align: "right", keep: true }, { header: zh ? "代扣" : "Deducted", align: "right", keep: true }, { header: zh ? "差额" : "Difference", align: "right", keep: true }],
          d.periods.map((p) => [p.period, p.exempt ? (zh ? `${p.status}（免缴）` : `${p.status} (exempt)`) : p.status, g(p.duesBase), g(p.truncatedBase), g(p.dues), p.deducted === null ? "" : g(p.deducted), g(p.difference)]),
          { style: ctx.out, maxWidth: ctx.terminalWidth },
        ));
        return 0;
      } finally {
        ws.close();
      }
    }));
}
