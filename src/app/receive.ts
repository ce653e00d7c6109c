// `dues receive` and the booking shared with `dues remit` and `dues import bank`: one
// receipt or remittance as one entry in its own batch, with the month it settles and
// its reference kept for the audit trail. Validates everything before writing anything.
import { accountFor, federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { formatMinor, parseAmount, type Minor } from "../domain/money.js";
import { isDate, isPeriod, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { Posting } from "../domain/journal.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import { BankStore } from "../ledger/bank-store.js";
import type { Ledger } from "../ledger/ledger.js";

export type Direction = "receive" | "remit";

/** What the treasurer typed: amounts and dates as text, validated here. */
export interface PaymentRequest {
  readonly direction: Direction;
  /** "employer" or a body id (receive: a refund from a body that collects upstream). */
  readonly party: string;
  readonly amount: string;
  readonly date: string;
  readonly ref?: string;
  readonly period?: string;
  /** With party "member": the member's id (`--member`). */
  readonly member?: string;
}

/** A validated payment, ready to book. */
export interface PaymentDraft {
  readonly direction: Direction;
  readonly party: string;
  readonly amount: Minor;
  readonly date: IsoDate;
  readonly ref: string | null;
  readonly settles: Period | null;
  /** Party "member": who paid, and the part beyond their arrears, booked as a credit. */
  readonly member?: string | null;
  readonly credit?: Minor;
  /** A federation receiving from an affiliate (the party is its id): Cr 132:AFFILIATE. */
  readonly affiliate?: boolean;
}

export interface BookedPayment extends PaymentDraft {
  readonly batch: number;
  readonly entry: number;
  /** The accounting period of the entry: the month of its date. */
  readonly period: Period;
  readonly postings: readonly Posting[];
}

/** The party name as shown: the body's name from dues.yaml, or "employer". */
export const EMPLOYER = "employer";
export const UPSTREAM = "upstream";
/** `--from member --member ID`: a member paying their own arrears to the union. */
export const MEMBER = "member";

/** How checkPayment looks up a member (`--from member`): the register, and what they owe. */
export interface MemberLookup {
  member(id: string): { id: string; name: string } | undefined;
}

/** A federation's register (`dues receive --from AFFILIATE`): is this id an affiliate? */
export interface AffiliateLookup {
  has(id: string): boolean;
}

/** Checks a request against the configuration and the ledger; problems for every mistake. */
export function checkPayment(config: Config, ledger: Pick<Ledger, "isClosed">, req: PaymentRequest, today: IsoDate, members?: MemberLookup, affiliates?: AffiliateLookup): { value?: PaymentDraft; problems: Problem[]; closed?: Problem } {
  const problems: Problem[] = [];
  const flag = (name: string) => ({ file: `--${name}` });
  const digits = config.union.currency.digits;
  const bodyIds = config.bodies.map((b) => b.id);
  const partyFlag = req.direction === "receive" ? "from" : "to";

  if (req.direction === "remit" && !bodyIds.includes(req.party)) {
    problems.push(problem("PAYMENT_UNKNOWN_BODY", text(`${req.party} is not a body in dues.yaml`, `${req.party} 不是 dues.yaml 中的上级工会`), {
      ...flag(partyFlag), hint: text(`bodies: ${bodyIds.join(", ") || "(none)"}`, `上级工会：${bodyIds.join("、") || "（无）"}`),
    }));
  }
  let member: string | null = null;
  if (req.direction === "receive" && req.party === MEMBER) {
    const id = req.member?.trim() ?? "";
    if (!id) {
      problems.push(problem("PAYMENT_MEMBER_MISSING", text("--from member needs --member ID: whose arrears are paid", "--from member 须同时给出 --member 会员编号：是谁缴纳欠费"), {
        file: "--member", hint: text("e.g. dues receive --from member --member E104 --amount 112.50 --date 2026-04-05", "例如 dues receive --from member --member E104 --amount 112.50 --date 2026-04-05"),
      }));
    } else if (!members?.member(id)) {
      problems.push(problem("PAYMENT_UNKNOWN_MEMBER", text(`${id} is not a member in the ledger`, `${id} 不是账簿中的会员`), {
        file: "--member", hint: text("members come from payroll imports and rosters: dues members list", "会员来自工资表导入或名册：dues members list"),
      }));
    } else member = id;
  } else if (req.member !== undefined) {
    problems.push(problem("PAYMENT_MEMBER_NOT_EXPECTED", text(`--member is for --from member only, not ${req.direction === "remit" ? "dues remit" : `--from ${req.party}`}`, `--member 只用于 --from member，不能用于${req.direction === "remit" ? " dues remit" : ` --from ${req.party}`}`), {
      file: "--member", hint: text("a member paying their own arrears: dues receive --from member --member ID …", "会员本人补缴欠费：dues receive --from member --member 会员编号 …"),
    }));
  }
  const affiliate = req.direction === "receive" && config.federation !== undefined && !bodyIds.includes(req.party) && (affiliates?.has(req.party) ?? false);
  if (req.direction === "receive" && req.party !== EMPLOYER && req.party !== MEMBER && !affiliate) {
    if (!bodyIds.includes(req.party)) {
      problems.push(problem("PAYMENT_UNKNOWN_BODY", text(`${req.party} is neither "employer" nor a body in dues.yaml`, `${req.party} 既不是 employer（单位）也不是 dues.yaml 中的上级工会`), {
        ...flag(partyFlag), hint: config.federation
          ? text(`use --from employer, a body (${bodyIds.join(", ") || "none"}) or an affiliate id of the register (dues affiliates list)`, `请用 --from employer、上级工会（${bodyIds.join("、") || "无"}）或名册中的下级工会标识（dues affiliates list）`)
          : text(`use --from employer, or one of: ${bodyIds.join(", ") || "(none)"}`, `请用 --from employer，或以下之一：${bodyIds.join("、") || "（无）"}`),
      }));
    } else if (!config.schemes.some((s) => s.funds?.collection === "upstream")) {
      // Only under upstream collection does a higher body owe us a refund (131); money a
      // body gives otherwise is a subsidy (403), booked with `dues record`.
      problems.push(problem("PAYMENT_NOT_UPSTREAM", text(`no scheme collects funds upstream, so ${req.party} owes no refund`, `没有方案设为上级代收经费（collection: upstream），${req.party} 没有应返还的经费`), {
        ...flag(partyFlag), hint: text("a subsidy from a higher union is other income: dues record --date D --memo M 102=X 403=-X", "上级补助请用：dues record --date 日期 --memo 摘要 102=金额 403=-金额"),
      }));
    }
  }

  const parsed = parseAmount(req.amount, { digits, decimalMark: "." });
  let amount: Minor | undefined;
  if (!parsed.ok) {
    const why = parsed.reason === "too-precise" ? text(`more than ${digits} decimals`, `小数超过 ${digits} 位`) : text("not a number", "不是数字");
    problems.push(problem("PAYMENT_AMOUNT_UNREADABLE", text(`cannot read the amount "${req.amount}": ${why.en}`, `无法读取金额“${req.amount}”：${why.zh}`), {
      ...flag("amount"), hint: text("write it like 1234.50", "请写成 1234.50 这样的格式"),
    }));
  } else if (parsed.minor <= 0) {
    problems.push(problem("PAYMENT_AMOUNT_NOT_POSITIVE", text(`the amount must be more than zero, not ${req.amount}`, `金额必须大于零，而不是 ${req.amount}`), {
      ...flag("amount"), hint: text("to undo a receipt or remittance, void its batch: dues void BATCH --reason R", "要撤销一笔收款或上解，请作废其批次：dues void 批次号 --reason 原因"),
    }));
  } else amount = parsed.minor;

  let date: IsoDate | undefined;
  if (!isDate(req.date)) {
    problems.push(problem("PAYMENT_DATE_INVALID", text(`"${req.date}" is not a date (YYYY-MM-DD)`, `“${req.date}”不是日期（YYYY-MM-DD）`), { ...flag("date"), hint: text("e.g. --date 2026-11-15", "例如 --date 2026-11-15") }));
  } else if (req.date > today) {
    problems.push(problem("PAYMENT_DATE_IN_FUTURE", text(`${req.date} is after today (${today})`, `${req.date} 晚于今天（${today}）`), {
      ...flag("date"), hint: text("book money when it has moved; check the year", "款项到账后再记账；请检查年份"),
    }));
  } else date = req.date;

  let settles: Period | null = null;
  if (req.period !== undefined) {
    if (!isPeriod(req.period)) problems.push(problem("PAYMENT_PERIOD_INVALID", text(`"${req.period}" is not a month (YYYY-MM)`, `“${req.period}”不是月份（YYYY-MM）`), { ...flag("period"), hint: text("e.g. --period 2026-10", "例如 --period 2026-10") }));
    else settles = req.period;
  }
  const ref = req.ref?.trim() ? req.ref.trim() : null;
  if (problems.length || amount === undefined || date === undefined) return { problems };
  // Booked in the month of its date (docs/ledger.md): a closed month cannot take it.
  if (ledger.isClosed(periodOf(date))) {
    const closed = problem("PAYMENT_PERIOD_CLOSED", text(`${periodOf(date)} is closed; nothing can be booked on ${date}`, `${periodOf(date)} 已结账，不能在 ${date} 记账`), {
      ...flag("date"), hint: text(`reopen it first (dues reopen ${periodOf(date)} --reason R), or book on a date in an open month`, `请先反结账（dues reopen ${periodOf(date)} --reason 原因），或改用未结账月份的日期`),
    });
    return { problems: [closed], closed };
  }
  return { value: { direction: req.direction, party: req.party, amount, date, ref, settles, ...(member !== null ? { member } : {}), ...(affiliate ? { affiliate: true } : {}) }, problems };
}

/** The postings of a receipt or remittance, by role (never hard-coded codes). */
export function postingsFor(config: Config, d: Pick<PaymentDraft, "direction" | "party" | "amount" | "member" | "credit" | "affiliate">): Posting[] {
  const chart = config.union.chart;
  const bank = accountFor(chart, "bank");
  if (d.direction === "receive" && d.party === MEMBER) {
    // Dr bank = Cr member arrears (member) + Cr member credits (member) for any excess.
    const credit = d.credit ?? 0;
    const out: Posting[] = [{ account: bank, amount: d.amount }];
    if (d.amount - credit > 0) out.push({ account: accountFor(chart, "member-arrears"), member: d.member!, amount: -(d.amount - credit) });
    if (credit > 0) out.push({ account: accountFor(chart, "member-credits"), member: d.member!, amount: -credit });
    return out;
  }
  if (d.direction === "receive" && d.affiliate) {
    // A federation: an affiliate pays what its advice says it owes (132 应收下级经费:AFFILIATE).
    return [{ account: bank, amount: d.amount }, { account: federationAccountFor(chart, "affiliate-receivable")!, body: d.party, amount: -d.amount }];
  }
  if (d.direction === "remit") {
    return [{ account: accountFor(chart, "payable-upstream"), body: d.party, amount: d.amount }, { account: bank, amount: -d.amount }];
  }
  const from = d.party === EMPLOYER ? accountFor(chart, "employer-receivable") : accountFor(chart, "upstream-receivable");
  return [{ account: bank, amount: d.amount }, { account: from, amount: -d.amount }];
}

export function partyName(config: Config, party: string, lang: "en" | "zh-CN"): string {
  if (party === EMPLOYER) return lang === "zh-CN" ? "单位" : "employer";
  if (party === UPSTREAM) return lang === "zh-CN" ? "上级代收返还" : "upstream refunds";
  if (party === MEMBER) return lang === "zh-CN" ? "会员" : "member";
  return config.bodies.find((b) => b.id === party)?.name ?? party;
}

function memoOf(config: Config, d: PaymentDraft, extra?: string): string {
  const zh = config.union.locale === "zh-CN";
  const money = formatMinor(d.amount, config.union.currency.digits);
  const who = d.party === EMPLOYER ? (zh ? "单位" : "the employer") : d.party === MEMBER ? (zh ? `会员 ${d.member}` : `member ${d.member}`) : d.party;
  const head = d.direction === "remit"
    ? (zh ? `上解 ${who} ${money}` : `Remittance to ${who}, ${money}`)
    : (zh ? `收到 ${who} ${money}` : `Receipt from ${who}, ${money}`);
  const forP = d.settles ? (zh ? `，所属 ${d.settles}` : ` for ${d.settles}`) : "";
  const credit = d.credit ? (zh ? `，其中 ${formatMinor(d.credit, config.union.currency.digits)} 超过欠费，记为会员多缴` : `, of which ${formatMinor(d.credit, config.union.currency.digits)} beyond the arrears is the member's credit`) : "";
  return head + forP + credit + (extra ? (zh ? `；${extra}` : `; ${extra}`) : "");
}

/** Books one payment: a batch, its entry, and the settled month. Call inside ledger.transaction(). */
export function postPayment(ledger: Ledger, bank: BankStore, config: Config, d: PaymentDraft, o: { createdAt: string; memoExtra?: string; file?: string; source?: string }): BookedPayment {
  const period = periodOf(d.date);
  const postings = postingsFor(config, d);
  const memo = memoOf(config, d, o.memoExtra);
  const batch = ledger.beginBatch({ kind: d.direction, period, memo, createdAt: o.createdAt, file: o.file, source: o.source });
  const entry = ledger.postEntry({
    batch, date: d.date, period, memo, kind: d.direction, ref: d.ref ?? undefined,
    body: d.party === EMPLOYER || d.party === MEMBER ? undefined : d.party,
    postings: postings.map((p) => ({ account: p.account, body: p.body ?? undefined, member: p.member ?? undefined, amount: p.amount })),
  });
  if (d.settles) bank.settle(entry, d.settles);
  return { ...d, batch, entry, period, postings };
}

/** `dues receive` / `dues remit`: checks, then books in one transaction, or refuses. */
export function bookPayment(ws: { config: Config; ledger: Ledger }, req: PaymentRequest, o: { createdAt: string; today: IsoDate }): BookedPayment {
  const bank = bankStoreOf(ws.ledger);
  const checked = checkPayment(ws.config, ws.ledger, req, o.today, bank, affiliateLookup(ws));
  if (checked.closed) throw new Refusal("cannot-write", [checked.closed]);
  if (!checked.value) throw new Refusal("data", checked.problems);
  const value = checked.value;
  return ws.ledger.transaction(() => {
    let draft = value;
    if (draft.party === MEMBER && draft.member) {
      // Read inside the transaction: what the member owes now. Paying more is allowed
      // (an advance, or a round sum); the excess is owed back to them, a member credit.
      const owed = Math.max(0, bank.memberArrearsBalance(draft.member, accountFor(ws.config.union.chart, "member-arrears")));
      draft = { ...draft, credit: Math.max(0, draft.amount - owed) };
    }
    return postPayment(ws.ledger, bank, ws.config, draft, { createdAt: o.createdAt });
  });
}

/** The affiliates register as a lookup, for a federation (nothing otherwise). */
export function affiliateLookup(ws: { config: Config; ledger: Ledger }): AffiliateLookup | undefined {
  if (!ws.config.federation) return undefined;
  const ids = new Set(new AffiliateStore(ws.ledger.db).all().map((a) => a.id));
  return { has: (id) => ids.has(id) };
}

export function bankStoreOf(ledger: Ledger): BankStore {
  return new BankStore(ledger.db);
}
