// `dues receive` and `dues remit`: money in from the employer (or a refund from a higher
// body under upstream collection) and remittances out to a body. One entry each; the
// rules live in src/app/receive.ts. Both commands share the printing below.
import type { Command } from "commander";
import { formatMinor } from "../../domain/money.js";
import type { BookedPayment } from "../../app/receive.js";
let bookPayment!: typeof import("../../app/receive.js").bookPayment;
let partyName!: typeof import("../../app/receive.js").partyName;
let overpaidBy!: typeof import("../../app/reconcile.js").overpaidBy;
import type { Config } from "../../domain/config.js";
import type { CommandContext } from "../context.js";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { workspaceFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
// Exported: `dues remit` prints through show(), which needs partyName.
export async function load(): Promise<void> {
  ({ bookPayment, partyName } = await import("../../app/receive.js"));
  ({ overpaidBy } = await import("../../app/reconcile.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("receive")
    .description(h("Record money received: the employer's check-off transfer and 2% funds, a refund from a higher body that collects upstream, or a member paying their own arrears",
      "记录收款：单位代扣会费和拨缴经费，上级代收后返还的经费，或会员本人补缴欠费"))
    .requiredOption("--from <who>", h("employer, member (with --member), a body id from dues.yaml, or (a federation) an affiliate id", "employer（单位）、member（会员，须加 --member）、dues.yaml 中的上级工会 id，或（总工会）下级工会标识"))
    .option("--member <id>", h("with --from member: the member's id (employee number)", "与 --from member 同用：会员编号（工号）"))
    .requiredOption("--amount <x>", h("the amount, e.g. 12345.60", "金额，例如 12345.60"))
    .requiredOption("--date <date>", h("the date the money arrived (YYYY-MM-DD)", "到账日期（YYYY-MM-DD）"))
    .option("--ref <ref>", h("receipt number or bank reference, kept for the audit", "收据号或银行流水号，供审查核对"))
    .option("--period <YYYY-MM>", h("the month it pays for; without it, the oldest month outstanding", "所属月份；不填则冲抵最早未清的月份"))
    .addHelpText("after", examples([
      ["dues receive --from employer --amount 225391.36 --date 2026-11-10 --ref 工会经费收入专用收据0012 --period 2026-10", "the employer's transfer for October", "收到单位10月份的拨缴经费和代扣会费"],
      ["dues receive --from county --amount 118518.52 --date 2026-11-20", "a refund from the county union, which collects the 2%", "县总工会代收后返还的经费"],
      ["dues receive --from member --member E104 --amount 112.50 --date 2026-04-05 --ref \"check 221\"", "a member pays their arrears (oldest short month first); any excess is their credit", "会员本人补缴欠费（先冲最早欠缴月份）；多缴部分记为会员多缴"],
      ["dues receive --from member --member E104 --amount 37.50 --date 2026-04-05 --period 2026-03", "a member pays March's shortfall", "会员补缴3月份欠费"],
    ]))
    .action(run(load, async (ctx, opts: { from: string; member?: string; amount: string; date: string; ref?: string; period?: string }) => {
      const ws = workspaceFor(ctx);
      try {
        const b = bookPayment(ws, { direction: "receive", party: opts.from, amount: opts.amount, date: opts.date, ref: opts.ref, period: opts.period, member: opts.member }, { createdAt: ctx.now(), today: ctx.today() });
        show(ctx, ws.config, b, overpaidBy(ws, b.party, ctx.today()));
        return 0;
      } finally {
        ws.close();
      }
    }));
}

export function show(ctx: CommandContext, config: Config, b: BookedPayment, overpaid = 0): void {
  const digits = config.union.currency.digits;
  if (ctx.globals.json) {
    ctx.json({
      batch: b.batch, entry: b.entry, kind: b.direction, party: b.party, amount: formatMinor(b.amount, digits),
      date: b.date, period: b.period, settles: b.settles, ref: b.ref,
      ...(b.member ? { member: b.member, credit: formatMinor(b.credit ?? 0, digits) } : {}),
      overpaid: formatMinor(overpaid, digits),
      postings: b.postings.map((p) => ({ account: p.account, body: p.body ?? null, ...(p.member ? { member: p.member } : {}), amount: formatMinor(p.amount, digits) })),
    });
    return;
  }
  const who = partyName(config, b.party, ctx.lang) + (b.member ? ` ${b.member}` : "");
  const money = `${config.union.currency.code} ${formatMinor(b.amount, digits, { grouping: true })}`;
  const forP = b.settles ? ctx.t({ en: ` for ${b.settles}`, zh: `，所属 ${b.settles}` }) : ctx.t({ en: ", oldest month first", zh: "，冲抵最早未清月份" });
  const ref = b.ref ? ctx.t({ en: `, ref ${b.ref}`, zh: `，单号 ${b.ref}` }) : "";
  ctx.print(b.direction === "receive"
    ? ctx.t({ en: `Received ${money} from ${who} on ${b.date}${forP}${ref}.`, zh: `已记收款：${b.date} 收到${who} ${money}${forP}${ref}。` })
    : ctx.t({ en: `Remitted ${money} to ${who} on ${b.date}${forP}${ref}.`, zh: `已记上解：${b.date} 上解${who} ${money}${forP}${ref}。` }));
  if (b.credit) {
    const c = `${config.union.currency.code} ${formatMinor(b.credit, digits, { grouping: true })}`;
    ctx.print(ctx.t({ en: `${c} of it is more than ${b.member} owed: booked as the member's credit (owed back, or set against later dues).`, zh: `其中 ${c} 超过 ${b.member} 的欠费：记为会员多缴（应退还或抵以后会费）。` }));
  }
  if (overpaid > 0) {
    const o = `${config.union.currency.code} ${formatMinor(overpaid, digits, { grouping: true })}`;
    ctx.note(ctx.err.yellow(ctx.t({
      en: `warning: ${who} is now overpaid by ${o}. If the amount was mistyped, \`dues void ${b.batch} --reason ...\` and book it again; \`dues reconcile\` shows each month.`,
      zh: `警告：${who}现已多缴 ${o}。如金额输错，请用 \`dues void ${b.batch} --reason ...\` 冲销后重新登记；\`dues reconcile\` 可查看各月明细。`,
    })));
  }
  // The entry as a treasurer writes it on a voucher: 借/贷, account, amount, aligned.
  const sides = b.postings.map((p) => (p.amount > 0 ? ctx.t({ en: "Dr", zh: "借" }) : ctx.t({ en: "Cr", zh: "贷" })));
  const accounts = b.postings.map((p) => `${p.account}${p.body ? ":" + p.body : ""}${p.member ? "@" + p.member : ""}`);
  const amounts = b.postings.map((p) => formatMinor(Math.abs(p.amount), digits, { grouping: true }));
  const wa = Math.max(...accounts.map((a) => a.length));
  const wm = Math.max(...amounts.map((a) => a.length));
  const lines = b.postings.map((_, i) => `  ${sides[i]} ${accounts[i]!.padEnd(wa)}  ${amounts[i]!.padStart(wm)}`);
  ctx.print(ctx.out.dim(`${ctx.t({ en: `batch ${b.batch}, entry #${b.entry}`, zh: `批次 ${b.batch}，凭证 #${b.entry}` })}\n${lines.join("\n")}`));
}
