// `dues close` and `dues reopen`: seal a month (the chain head at that moment is
// recorded) and reopen it with a reason that stays in the books as an entry.
import { isPeriod, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { CloseRow, Ledger } from "../ledger/ledger.js";

export type { CloseRow };

function checkPeriod(period: string, today: IsoDate): Period {
  if (!isPeriod(period)) {
    throw new Refusal("usage", [problem("CLOSE_BAD_PERIOD", text(`${period} is not a period`, `${period} 不是有效期间`), {
      hint: text("write the month as YYYY-MM, e.g. 2026-10", "月份格式为 YYYY-MM，例如 2026-10"),
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
  return ledger.reopenPeriod(p, { reason: reason.trim(), date: o.today, createdAt: o.createdAt, createdBy: o.createdBy ?? null });
}
