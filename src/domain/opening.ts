// Opening balances (`dues import opening`): the balances a union's old books closed with,
// one row each, checked against the chart and the configuration and turned into the
// postings of one opening entry. Pure: no ledger here; the app knows who is registered.
import { accountFor, findAccount, type ChartId } from "./chart.js";
import type { Project } from "./config.js";
import { checkPostings, imbalance, type Posting } from "./journal.js";
import { formatMinor, type Minor } from "./money.js";
import { addMonths, isDate, periodOf, type IsoDate, type Period } from "./period.js";
import { problem, type Checked, type Problem } from "./problem.js";
import { text } from "./text.js";

export interface OpeningRow {
  readonly line: number;
  readonly source?: string;
  readonly columns: {
    readonly account?: number; readonly body?: number; readonly member?: number; readonly period?: number;
    readonly debit?: number; readonly credit?: number; readonly project?: number;
  };
  readonly account: string;
  readonly body: string | null;
  readonly member: string | null;
  /** The member's name when the file has a 姓名 column (used for members not yet registered). */
  readonly name: string;
  readonly period: Period | null;
  /** Debit − credit, minor units. */
  readonly amount: Minor;
  readonly memo: string;
  readonly project: string | null;
}

export interface OpeningPosting extends Posting {
  readonly line: number;
  /** The period the balance is owed for, on the lines that carry one; else the opening's. */
  readonly period: Period;
  readonly memo: string;
}

export interface OpeningPlan {
  /** The entry's period: the month before --as-of (the old books' last month). */
  readonly period: Period;
  readonly postings: readonly OpeningPosting[];
  readonly debit: Minor;
  readonly credit: Minor;
}

/** The first day of a month: the takeover date, when the new books begin. */
export function isOpeningDate(d: string): boolean {
  return isDate(d) && d.endsWith("-01");
}

/**
 * Checks every row and builds the opening entry. Rules (docs/ledger.md, "Opening balances"):
 * postable accounts of the chart, no income or spending (those belong in 322 by the
 * takeover), bodies that dues.yaml lists; what is owed to a body (211), by the employer
 * (13501), by a higher union (131) and by a member (13502) carries the month it is owed
 * for, before the takeover month, and nothing else does; member arrears and credits name
 * the member; a project tag only on 321 (earmarked money carried forward); debits equal
 * credits. Members not yet registered are the app's concern (a warning, then registered).
 */
export function checkOpening(rows: readonly OpeningRow[], o: { chart: ChartId; bodies: readonly string[]; projects: readonly Project[]; asOf: IsoDate; file: string; digits: number }): Checked<OpeningPlan> {
  const problems: Problem[] = [];
  const postings: OpeningPosting[] = [];
  const role = (r: Parameters<typeof accountFor>[1]) => accountFor(o.chart, r);
  const needsPeriod = new Set([role("payable-upstream"), role("employer-receivable"), role("upstream-receivable"), role("member-arrears")]);
  const memberAccounts = new Set([role("member-arrears"), role("member-credits")]);
  const carried = role("carried-forward");
  const entryPeriod = addMonths(periodOf(o.asOf), -1);
  for (const r of rows) {
    const at = (column?: number) => ({ file: o.file, line: r.line, column, source: r.source });
    const before = problems.length;
    const posting: Posting = { account: r.account, body: r.body, member: r.member, amount: r.amount };
    const BODY_CODES = ["LEDGER_BODY_REQUIRED", "LEDGER_BODY_NOT_ALLOWED", "LEDGER_UNKNOWN_BODY"];
    for (const p of checkPostings(o.chart, [posting], { bodies: o.bodies, where: () => at(r.columns.account) })) {
      problems.push(BODY_CODES.includes(p.code) && r.columns.body !== undefined && r.body ? { ...p, column: r.columns.body } : p);
    }
    const acc = findAccount(o.chart, r.account);
    if (acc && (acc.kind === "income" || acc.kind === "expense")) {
      problems.push(problem("OPENING_NOT_BALANCE_ACCOUNT", text(`account ${r.account} is ${acc.kind === "income" ? "income" : "spending"}; an opening holds balances only`, `科目 ${r.account} 是${acc.kind === "income" ? "收入" : "支出"}科目；期初只记余额`), {
        ...at(r.columns.account),
        hint: text(`take over at the start of the financial year, or carry the year's income and spending so far into ${role("net-assets")} in the old books first`, `请在财务年度开始时接账，或先在旧账中把本年已发生的收支结转到 ${role("net-assets")}`),
      }));
    }
    if (acc && needsPeriod.has(r.account) && r.period === null) {
      problems.push(problem("OPENING_PERIOD_REQUIRED", text(`a balance on ${r.account} needs the month it is owed for (所属期间)`, `${r.account} 的余额须写明所属期间`), {
        ...at(r.columns.period ?? r.columns.account),
        hint: text("reconcile and arrears follow each month: write one row per month still owed, e.g. 2024-12", "对账和欠缴按月计算：每个尚欠的月份写一行，例如 2024-12"),
      }));
    } else if (acc && !needsPeriod.has(r.account) && r.period !== null) {
      problems.push(problem("OPENING_PERIOD_NOT_ALLOWED", text(`a balance on ${r.account} has no month of its own`, `${r.account} 的余额不分所属期间`), {
        ...at(r.columns.period),
        hint: text(`only what is owed carries a month (${[...needsPeriod].join(", ")}); leave the period empty here`, `只有应收应付款项写所属期间（${[...needsPeriod].join("、")}）；此行请留空`),
      }));
    }
    if (r.period !== null && r.period > entryPeriod) {
      problems.push(problem("OPENING_PERIOD_NOT_BEFORE", text(`${r.period} is not before the takeover on ${o.asOf}`, `${r.period} 不早于接账日 ${o.asOf}`), {
        ...at(r.columns.period),
        hint: text(`an opening balance is owed for a month of the old books, ${entryPeriod} or earlier; later months come in through the new books (payroll imports)`, `期初余额所属期间应为旧账的月份（${entryPeriod} 或更早）；之后的月份由新账（工资表导入）记账`),
      }));
    }
    if (acc && r.account === role("member-arrears") && !r.member) {
      problems.push(problem("OPENING_MEMBER_REQUIRED", text(`member arrears on ${r.account} need the member (工号)`, `${r.account} 会员欠缴须写明工号`), {
        ...at(r.columns.member ?? r.columns.account), hint: text("one row per member and month owed; `dues arrears` and `dues receive --from member` follow them", "每位会员每个欠缴月份一行；`dues arrears` 和 `dues receive --from member` 据此计算"),
      }));
    } else if (acc && r.member && !memberAccounts.has(r.account)) {
      problems.push(problem("OPENING_MEMBER_NOT_ALLOWED", text(`account ${r.account} has no member subledger`, `科目 ${r.account} 不设会员明细`), {
        ...at(r.columns.member), hint: text(`only member arrears (${role("member-arrears")}) and member credits (${role("member-credits")}) name a member`, `只有会员欠缴（${role("member-arrears")}）和会员多缴（${role("member-credits")}）写工号`),
      }));
    }
    if (acc && r.member && memberAccounts.has(r.account) && (r.account === role("member-arrears") ? r.amount < 0 : r.amount > 0)) {
      problems.push(problem("OPENING_WRONG_SIDE", text(`a member's ${r.account === role("member-arrears") ? "arrears are a debit" : "credit is a credit"} on ${r.account}`, `${r.account} 的会员${r.account === role("member-arrears") ? "欠缴应记借方" : "多缴应记贷方"}`), {
        ...at(r.columns[r.amount < 0 ? "credit" : "debit"]),
        hint: text(`a member owed money back is a credit on ${role("member-credits")}; a member behind is a debit on ${role("member-arrears")}`, `会员多缴（应退）记 ${role("member-credits")} 贷方；会员欠缴记 ${role("member-arrears")} 借方`),
      }));
    }
    if (r.project !== null) {
      if (acc && r.account !== carried) {
        problems.push(problem("OPENING_PROJECT_NOT_ALLOWED", text(`a project on ${r.account}: only money carried forward (${carried}) is held by project`, `${r.account} 不分项目：只有结转资金（${carried}）按项目记`), {
          ...at(r.columns.project), hint: text("leave the project empty on this row", "此行项目请留空"),
        }));
      } else if (!o.projects.some((p) => p.id === r.project)) {
        problems.push(problem("OPENING_UNKNOWN_PROJECT", text(`project ${r.project} is not in dues.yaml`, `项目 ${r.project} 不在 dues.yaml 中`), {
          ...at(r.columns.project), hint: text(`projects: ${o.projects.map((p) => p.id).join(", ") || "(none; add them under projects: in dues.yaml)"}`, `项目：${o.projects.map((p) => p.id).join("、") || "（无；请在 dues.yaml 的 projects: 下添加）"}`),
        }));
      }
    }
    if (problems.length > before) continue;
    postings.push({ line: r.line, account: r.account, body: r.body, member: r.member, project: r.project, period: r.period ?? entryPeriod, amount: r.amount, memo: r.memo });
  }
  const errors = problems.some((p) => p.severity === "error");
  const debit = postings.reduce((t, p) => t + Math.max(0, p.amount), 0);
  const credit = postings.reduce((t, p) => t + Math.max(0, -p.amount), 0);
  if (!errors && imbalance(postings) !== 0) {
    problems.push(problem("OPENING_UNBALANCED", text(
      `the opening does not balance: debits ${formatMinor(debit, o.digits)}, credits ${formatMinor(credit, o.digits)} (difference ${formatMinor(debit - credit, o.digits)})`,
      `期初余额借贷不平：借方 ${formatMinor(debit, o.digits)}，贷方 ${formatMinor(credit, o.digits)}（差额 ${formatMinor(debit - credit, o.digits)}）`), {
      file: o.file,
      hint: text(`check each balance against the old books' trial balance; their net assets (${role("net-assets")}${o.chart === "generic" ? "" : ", 321, 301"}) make it balance`, `请逐项与旧账科目余额表核对；净资产（${role("net-assets")}${o.chart === "generic" ? "" : "、321、301"}）应使借贷相等`),
    }));
  }
  return { value: { period: entryPeriod, postings, debit, credit }, problems };
}
