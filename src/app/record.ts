// `dues record`: any other balanced entry (spending, subsidies, transfers), typed on the
// command line as ACCOUNT[:BODY][@MEMBER]=AMOUNT with positive = debit. Every mistake is
// reported at once; nothing is written unless the whole entry is right.
import { accountFor, findAccount, type ChartId } from "../domain/chart.js";
import { checkPostings, imbalance, type Posting } from "../domain/journal.js";
import { formatMinor, parseAmount } from "../domain/money.js";
import { isDate, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal, type Problem } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";
import type { Ledger } from "../ledger/ledger.js";

export interface RecordRequest {
  readonly date: string;
  readonly memo: string;
  /** As typed: "50102=3250.50", "102=-3250.50", "211:city=-100", "13502@E001=12.30", "50404#hardship=500". */
  readonly postings: readonly string[];
  readonly ref?: string;
  /** --project: tags every income and spending posting of the entry that has no tag of its own. */
  readonly project?: string;
}

export interface RecordedEntry {
  readonly batch: number;
  readonly entry: number;
  readonly hash: string;
  readonly date: IsoDate;
  readonly period: Period;
  readonly memo: string;
  readonly ref: string | null;
  readonly postings: readonly (Posting & { name: Text })[];
}

const POSTING = /^([0-9A-Za-z]+)(?::([^@#=\s]+))?(?:@([^#=\s]+))?(?:#([^=\s]+))?=(.*)$/;

/** Parses and checks the request against the ledger's chart (and the configured bodies, when known). */
export function checkRecord(req: RecordRequest, o: { chart: ChartId; digits: number; bodies?: readonly string[]; projects?: readonly string[] }): { postings: Posting[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isDate(req.date)) {
    problems.push(problem("RECORD_BAD_DATE", text(`${req.date} is not a date`, `${req.date} 不是有效日期`), {
      file: "--date", hint: text("write dates as YYYY-MM-DD, e.g. 2026-10-20", "日期格式为 YYYY-MM-DD，例如 2026-10-20"),
    }));
  }
  if (!req.memo.trim()) {
    problems.push(problem("RECORD_EMPTY_MEMO", text("the memo is empty; say what the entry is for", "摘要为空；请写明这笔分录的内容"), { file: "--memo" }));
  }
  const postings: Posting[] = [];
  const sources: string[] = [];
  for (const arg of req.postings) {
    const m = POSTING.exec(arg.trim());
    if (!m) {
      problems.push(problem("RECORD_BAD_POSTING", text(`cannot read the posting "${arg}"`, `无法读取记账项 "${arg}"`), {
        file: arg, hint: text("write ACCOUNT=AMOUNT, positive = debit, negative = credit: 50102=3250.50 102=-3250.50 (211:BODY for a body)", "格式为 科目=金额，正数为借方、负数为贷方：50102=3250.50 102=-3250.50（上级工会写 211:单位）"),
      }));
      continue;
    }
    const [, account, body, member, tag, amountText] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined, string];
    const amount = parseAmount(amountText, { digits: o.digits });
    if (!amount.ok) {
      problems.push(problem("RECORD_AMOUNT_UNREADABLE", text(
        amount.reason === "too-precise" ? `"${amountText}" has more decimals than the currency (${o.digits})` : `cannot read the amount "${amountText}"`,
        amount.reason === "too-precise" ? `"${amountText}" 的小数位多于币种允许的 ${o.digits} 位` : `无法读取金额 "${amountText}"`), {
        file: arg, column: arg.indexOf("=") + 2, source: arg,
        hint: text("amounts like 3250.50 or -3250.50", "金额写作 3250.50 或 -3250.50"),
      }));
      continue;
    }
    const kind = findAccount(o.chart, account)?.kind;
    // --project tags the entry's income and spending; #PROJECT on a posting tags that one.
    const project = tag ?? (req.project !== undefined && (kind === "income" || kind === "expense") ? req.project : undefined);
    if (project !== undefined) {
      if (kind !== undefined && kind !== "income" && kind !== "expense" && account !== accountFor(o.chart, "carried-forward")) {
        problems.push(problem("RECORD_PROJECT_NOT_ALLOWED", text(`a project on ${account}: only income, spending and money carried forward are held by project`, `${account} 不分项目：只有收入、支出和结转资金按项目记`), {
          file: arg, hint: text("tag the income or spending posting: 50404#hardship=500.00 102=-500.00", "请标记收入或支出科目：50404#hardship=500.00 102=-500.00"),
        }));
      } else if (!(o.projects ?? []).includes(project)) {
        problems.push(problem("RECORD_UNKNOWN_PROJECT", text(`project ${project} is not in dues.yaml`, `项目 ${project} 不在 dues.yaml 中`), {
          file: tag !== undefined ? arg : "--project",
          hint: text(`projects: ${(o.projects ?? []).join(", ") || "(none; add them under projects: in dues.yaml)"}`, `项目：${(o.projects ?? []).join("、") || "（无；请在 dues.yaml 的 projects: 下添加）"}`),
        }));
      }
    }
    postings.push({ account, body: body ?? null, member: member ?? null, project: project ?? null, amount: amount.minor });
    sources.push(arg);
  }
  if (req.project !== undefined && !postings.some((p) => p.project === req.project)) {
    problems.push(problem("RECORD_PROJECT_NOT_ALLOWED", text(`--project ${req.project}: the entry has no income or spending posting to tag`, `--project ${req.project}：分录中没有可标记的收入或支出科目`), {
      file: "--project", hint: text("a project tags income and spending; tag another account with ACCOUNT#PROJECT=AMOUNT", "项目用于标记收入和支出；其他科目请写 科目#项目=金额"),
    }));
  }
  problems.push(...checkPostings(o.chart, postings, { bodies: o.bodies, where: (i) => ({ file: sources[i] }) }));
  const readable = problems.every((p) => p.code !== "RECORD_BAD_POSTING" && p.code !== "RECORD_AMOUNT_UNREADABLE");
  if (readable && postings.length < 2) {
    problems.push(problem("RECORD_TOO_FEW_POSTINGS", text("an entry needs at least two postings", "一笔分录至少需要两个记账项"), {
      hint: text("e.g. dues record --date 2026-10-20 --memo \"篮球赛\" 50102=3250.50 102=-3250.50", "例如 dues record --date 2026-10-20 --memo \"篮球赛\" 50102=3250.50 102=-3250.50"),
    }));
  } else if (readable && imbalance(postings) !== 0) {
    const diff = formatMinor(imbalance(postings), o.digits);
    problems.push(problem("RECORD_UNBALANCED", text(`the postings do not balance: they sum to ${diff}`, `借贷不平：合计为 ${diff}`), {
      hint: text("debits (positive) must equal credits (negative)", "借方（正数）合计须等于贷方（负数）合计"),
    }));
  }
  return { postings, problems };
}

/** Checks, then books the entry in its own batch, in one transaction; or refuses (65, closed month 73). */
export function recordEntry(ledger: Ledger, req: RecordRequest, o: { createdAt: string; createdBy?: string | null; bodies?: readonly string[]; projects?: readonly string[] }): RecordedEntry {
  const { chart, digits } = ledger.meta;
  const { postings, problems } = checkRecord(req, { chart, digits, bodies: o.bodies, projects: o.projects });
  if (problems.some((p) => p.severity === "error")) throw new Refusal("data", problems);
  const period = periodOf(req.date);
  return ledger.transaction(() => {
    const batch = ledger.beginBatch({ kind: "record", period, memo: req.memo, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
    const entry = ledger.postEntry({ batch, date: req.date, period, memo: req.memo, kind: "record", ref: req.ref ?? null, postings });
    return {
      batch, entry, hash: ledger.head()!.hash, date: req.date, period, memo: req.memo, ref: req.ref ?? null,
      postings: postings.map((p) => ({ ...p, name: findAccount(chart, p.account)!.name })),
    };
  });
}

/** The JSON shape of a recorded entry: amounts as strings with the currency's digits. */
export function recordedJson(r: RecordedEntry, digits: number, pickName: (t: Text) => string): object {
  return {
    batch: r.batch, entry: r.entry, hash: r.hash, date: r.date, period: r.period, memo: r.memo, ref: r.ref,
    postings: r.postings.map((p) => ({ account: p.account, name: pickName(p.name), body: p.body ?? null, member: p.member ?? null, project: p.project ?? null, amount: formatMinor(p.amount, digits) })),
  };
}

