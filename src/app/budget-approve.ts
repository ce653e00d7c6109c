// `dues budget approve --year Y --by SESSION --date D [--review SESSION --review-date D]`:
// records the committee's approval of the year's newest budget version, which freezes
// it (the ledger's triggers refuse any change); a later version can still supersede it.
import type { BudgetKind } from "../domain/budget.js";
import { isDate, type IsoDate } from "../domain/period.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { BudgetStore } from "../ledger/budget-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { parseYear } from "./budget-import.js";

export interface BudgetApproveRequest {
  readonly year: string;
  readonly by: string;
  readonly date: string;
  readonly review?: string;
  readonly reviewDate?: string;
  readonly now: string;
}

export interface BudgetApproveResult {
  readonly year: number;
  readonly version: number;
  readonly kind: BudgetKind;
  readonly by: string;
  readonly date: IsoDate;
  readonly review: string | null;
  readonly reviewDate: IsoDate | null;
}

export function approveBudget(ws: { ledger: Ledger }, req: BudgetApproveRequest): BudgetApproveResult {
  const year = parseYear(req.year);
  const usage: Problem[] = [];
  const by = req.by.trim();
  if (by === "") usage.push(problem("BUDGET_APPROVER_MISSING", text("--by is empty", "--by 为空"), { file: "--by", hint: text('name the meeting that approved it, e.g. --by "第三届第五次工会委员会"', '请写明审批的会议，例如 --by "第三届第五次工会委员会"') }));
  if (!isDate(req.date)) usage.push(problem("BUDGET_DATE_INVALID", text(`--date ${req.date} is not a date`, `--date ${req.date} 不是日期`), { file: "--date", hint: text("write dates as 2026-03-05", "日期请写成 2026-03-05") }));
  if (req.reviewDate !== undefined && !isDate(req.reviewDate)) usage.push(problem("BUDGET_DATE_INVALID", text(`--review-date ${req.reviewDate} is not a date`, `--review-date ${req.reviewDate} 不是日期`), { file: "--review-date", hint: text("write dates as 2026-03-05", "日期请写成 2026-03-05") }));
  if (req.reviewDate !== undefined && (req.review ?? "").trim() === "") usage.push(problem("BUDGET_REVIEW_MISSING", text("--review-date needs --review (the 经审会 session)", "给出 --review-date 时须同时给出 --review（经审会会议）"), { file: "--review" }));
  if (hasErrors(usage)) throw new Refusal("usage", usage);

  const store = new BudgetStore(ws.ledger.db);
  const v = store.latest(year);
  if (!v) {
    throw new Refusal("data", [problem("BUDGET_NO_VERSION", text(`there is no ${year} budget to approve`, `${year} 年没有可审批的预算`), { hint: text(`import it first: dues budget import FILE --year ${year}`, `请先导入：dues budget import 文件 --year ${year}`) })]);
  }
  if (v.approval) {
    throw new Refusal("data", [problem("BUDGET_ALREADY_APPROVED", text(`${year} budget version ${v.version} was already approved by ${v.approval.by} on ${v.approval.date}`, `${year} 年预算第 ${v.version} 版已于 ${v.approval.date} 经${v.approval.by}审批`), {
      hint: text("an approved version is frozen; a change is a new version (dues budget import --version adjusted), approved in its turn", "已审批的版本不可更改；如有调整，请导入新版本（--version adjusted）再审批"),
    })]);
  }
  const review = req.review?.trim() || null;
  const reviewDate = req.reviewDate ?? null;
  ws.ledger.transaction(() => store.approve(v.id, { by, date: req.date, review, reviewDate, createdAt: req.now }));
  return { year, version: v.version, kind: v.kind, by, date: req.date, review, reviewDate };
}
