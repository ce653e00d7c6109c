// `dues close` and `dues reopen`: seal a month (the chain head at that moment is
// recorded) and reopen it with a reason that stays in the books as an entry.
import { isPeriod, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { CloseRow, Ledger } from "../ledger/ledger.js";
import { closedYearOf } from "./year-close.js";

export type { CloseRow };

function checkPeriod(period: string, today: IsoDate): Period {
  if (!isPeriod(period)) {
    throw new Refusal("usage", [problem("CLOSE_BAD_PERIOD", text(`${period} is not a month or a year`, `${period} 不是有效的月份或年度`), {
      hint: text("a month as YYYY-MM (e.g. 2026-10), or a financial year as YYYY for the year-end carry-forward", "月份格式为 YYYY-MM（例如 2026-10）；年末结转请写年度 YYYY"),
    })]);
  }
  return period;
}

/** Closes a month. Refused for a month that has not begun (nothing to seal yet) or is closed already. */
export function closeMonth(ledger: Ledger, period: string, o: { createdAt: string; today: IsoDate; createdBy?: string | null }): CloseRow {
  const p = checkPeriod(period, o.today);
  if (p > periodOf(o.today)) {
    throw new Refusal("data", [problem("CLOSE_FUTURE_PERIOD", text(`${p} has not begun yet (today is ${o.today})`, `${p} 尚未开始（今天是 ${o.today}）`), {
      hint: text("close a month after its last entry is in", "请在该月分录全部录入后再结账"),
    })]);
  }
  return ledger.closePeriod(p, { date: o.today, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
}

export function reopenMonth(ledger: Ledger, period: string, reason: string, o: { createdAt: string; today: IsoDate; createdBy?: string | null }): CloseRow {
  const p = checkPeriod(period, o.today);
  if (!reason.trim()) {
    throw new Refusal("usage", [problem("REOPEN_NO_REASON", text("reopening a closed month needs a reason", "重新打开已结账月份须说明原因"), {
      file: "--reason", hint: text("e.g. --reason \"late invoice from the sports day\"", "例如 --reason \"运动会发票迟到\""),
    })]);
  }
  // A month of a year already carried forward stays sealed: changing it would leave the
  // year-end carry-forward wrong. The year is reopened first.
  const year = closedYearOf(ledger, p);
  if (year && ledger.isClosed(p)) {
    throw new Refusal("data", [problem("YEAR_CLOSED", text(`${p} belongs to ${year.year}, which was carried forward (entry #${year.seq})`, `${p} 属于已结转的 ${year.year} 年度（分录 #${year.seq}）`), {
      hint: text(`reopen the year first: \`dues reopen ${year.year} --reason TEXT\`, then the month; close both again afterwards`, `请先重新打开年度：\`dues reopen ${year.year} --reason 原因\`，再打开该月；改完后重新结账和结转`),
    })]);
  }
  return ledger.reopenPeriod(p, { reason: reason.trim(), date: o.today, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
}
