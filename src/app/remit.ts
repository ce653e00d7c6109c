// `dues remit`: a remittance paid to a higher body (Dr 211:BODY = Cr bank). The checks
// and the booking are shared with `dues receive` (receive.ts); this names the use case.
import type { Config } from "../domain/config.js";
import type { IsoDate } from "../domain/period.js";
import type { Ledger } from "../ledger/ledger.js";
import { bookPayment, type BookedPayment } from "./receive.js";

export interface RemitRequest {
  readonly to: string;
  readonly amount: string;
  readonly date: string;
  readonly ref?: string;
  readonly period?: string;
}

export function bookRemittance(ws: { config: Config; ledger: Ledger }, req: RemitRequest, o: { createdAt: string; today: IsoDate }): BookedPayment {
  return bookPayment(ws, { direction: "remit", party: req.to, amount: req.amount, date: req.date, ref: req.ref, period: req.period }, o);
}
