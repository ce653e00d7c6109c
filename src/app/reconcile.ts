// `dues reconcile`: reads what each body is owed (credits to 211:BODY) and what was
// remitted (debits), or what the employer owes (debits to its receivable) and what was
// received, and hands them to domain/reconcile.ts. Also the flows bank import and arrears use.
import { accountFor, federationAccountFor } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import type { Minor } from "../domain/money.js";
import { isDate, isPeriod, periodOf, type IsoDate, type Period } from "../domain/period.js";
import { problem, Refusal, type Problem } from "../domain/problem.js";
import { reconcile, type Accrual, type Payment, type Reconciliation } from "../domain/reconcile.js";
import { text } from "../domain/text.js";
import type { FlowPosting } from "../ledger/bank-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { bankStoreOf, EMPLOYER, UPSTREAM } from "./receive.js";

export type Side = "bodies" | "employer" | "affiliates";

/** Accruals and payments of one side, with each accrual posting kept apart (components). */
export interface Flows {
  readonly accruals: Accrual[];
  readonly payments: (Payment & { readonly entry: number })[];
}

/**
 * Reads the flows of one side from the ledger, voided batches left out.
 * bodies: 211:BODY credits are accruals of BODY for the posting's period; debits are
 * remittances. employer: employer-receivable debits are what the employer owes for the
 * period, credits are receipts; the upstream receivable (131, refunds a higher body owes
 * when it collects the 2%) is a second party, "upstream", read the same way.
 */
export function readFlows(ledger: Ledger, config: Config, side: Side): Flows {
  const chart = config.union.chart;
  const accruals: Accrual[] = [];
  const payments: (Payment & { entry: number })[] = [];
  const bank = bankStoreOf(ledger);
  if (side === "bodies") {
    for (const f of bank.flows([accountFor(chart, "payable-upstream")])) {
      const party = f.body ?? "";
      if (f.amount < 0) accruals.push({ party, period: f.period, amount: -f.amount });
      else payments.push({ party, amount: f.amount, date: f.date, period: f.settles, ref: f.ref, entry: f.entry });
    }
  } else if (side === "affiliates") {
    // A federation: 132:AFFILIATE debits are what an advice booked for the month, credits
    // what the affiliate paid. Zero postings (an advice that booked nothing) are no accrual.
    const receivable = federationAccountFor(chart, "affiliate-receivable");
    return receivableFlows(receivable ? bank.flows([receivable]) : []);
  } else {
    const employer = accountFor(chart, "employer-receivable");
    const upstream = accountFor(chart, "upstream-receivable");
    for (const f of bank.flows([employer, upstream])) {
      const party = f.account === employer ? EMPLOYER : UPSTREAM;
      if (f.amount > 0) accruals.push({ party, period: f.period, amount: f.amount });
      else payments.push({ party, amount: -f.amount, date: f.date, period: f.settles, ref: f.ref, entry: f.entry });
    }
  }
  return { accruals, payments };
}

/**
 * A federation's 132:AFFILIATE postings as flows: debits are what an advice booked for the
 * month, credits what the affiliate paid. Zero postings (an advice that booked nothing) are
 * no accrual.
 */
export function receivableFlows(postings: Iterable<FlowPosting>): Flows {
  const accruals: Accrual[] = [];
  const payments: (Payment & { entry: number })[] = [];
  for (const f of postings) {
    const party = f.body ?? "";
    if (f.amount > 0 || (f.amount < 0 && f.kind === "advice")) accruals.push({ party, period: f.period, amount: f.amount });
    else if (f.amount < 0) payments.push({ party, amount: -f.amount, date: f.date, period: f.settles, ref: f.ref, entry: f.entry });
  }
  return { accruals, payments };
}

export interface ReconcileRequest {
  readonly from?: string;
  readonly to?: string;
  readonly body?: string;
  readonly employer?: boolean;
  readonly asOf?: string;
}

export interface ReconcileResult {
  readonly side: Side;
  /** The one body asked for with --body, if any. */
  readonly body?: string;
  readonly reconciliation: Reconciliation;
  readonly digits: number;
}

export function checkRequest(config: Config, req: ReconcileRequest): Problem[] {
  const problems: Problem[] = [];
  for (const [flag, v] of [["from", req.from], ["to", req.to]] as const) {
    if (v !== undefined && !isPeriod(v)) problems.push(problem("RECONCILE_PERIOD_INVALID", text(`--${flag} "${v}" is not a month (YYYY-MM)`, `--${flag}“${v}”不是月份（YYYY-MM）`), { file: `--${flag}`, hint: text("e.g. --from 2026-01 --to 2026-10", "例如 --from 2026-01 --to 2026-10") }));
  }
  if (req.from && req.to && isPeriod(req.from) && isPeriod(req.to) && req.from > req.to) {
    problems.push(problem("RECONCILE_RANGE_EMPTY", text(`--from ${req.from} is after --to ${req.to}`, `--from ${req.from} 晚于 --to ${req.to}`), { file: "--from", hint: text("swap them", "请交换两者") }));
  }
  if (req.asOf !== undefined && !isDate(req.asOf)) problems.push(problem("RECONCILE_DATE_INVALID", text(`--as-of "${req.asOf}" is not a date (YYYY-MM-DD)`, `--as-of“${req.asOf}”不是日期（YYYY-MM-DD）`), { file: "--as-of", hint: text("e.g. --as-of 2026-11-15", "例如 --as-of 2026-11-15") }));
  if (req.body !== undefined) {
    const ids = config.bodies.map((b) => b.id);
    if (req.employer) problems.push(problem("RECONCILE_BODY_WITH_EMPLOYER", text("--body and --employer cannot be used together", "--body 与 --employer 不能同时使用"), { file: "--body", hint: text("the employer side has no bodies; drop one of the two", "单位一侧不分上级工会；请去掉其中一个") }));
    else if (!ids.includes(req.body)) problems.push(problem("RECONCILE_UNKNOWN_BODY", text(`${req.body} is not a body in dues.yaml`, `${req.body} 不是 dues.yaml 中的上级工会`), { file: "--body", hint: text(`bodies: ${ids.join(", ") || "(none)"}`, `上级工会：${ids.join("、") || "（无）"}`) }));
  }
  return problems;
}

export function reconcileBooks(ws: { config: Config; ledger: Ledger }, req: ReconcileRequest, today: IsoDate): ReconcileResult {
  const problems = checkRequest(ws.config, req);
  if (problems.length) throw new Refusal("usage", problems);
  const side: Side = req.employer ? "employer" : "bodies";
  const flows = readFlows(ws.ledger, ws.config, side);
  const asOf = req.asOf ?? today;
  // Without --to, months that begin after the as-of date are not shown: as of 1 April,
  // May's accrual (booked later) is not yet part of the picture.
  const r = reconcile(flows.accruals, flows.payments, {
    asOf,
    dueDay: ws.config.dueDay,
    lateFee: ws.config.lateFee,
    from: req.from,
    to: req.to,
    until: periodOf(asOf),
    order: side === "bodies" ? ws.config.bodies.map((b) => b.id) : [EMPLOYER, UPSTREAM],
    only: req.body ? [req.body] : undefined,
  });
  return { side, body: req.body, reconciliation: r, digits: ws.config.union.currency.digits };
}

/** Per (party, period): the accrual postings that make up what is due (for bank matching). */
export function componentsOf(accruals: readonly Accrual[]): Map<string, Minor[]> {
  const m = new Map<string, Minor[]>();
  for (const a of accruals) {
    if (a.amount <= 0) continue;
    const k = `${a.party}\u0000${a.period}`;
    const l = m.get(k);
    if (l) l.push(a.amount);
    else m.set(k, [a.amount]);
  }
  return m;
}

export function componentKey(party: string, period: Period): string {
  return `${party}\u0000${period}`;
}

/**
 * What a party stands overpaid by after a payment: the sum of the overpaid rows for the
 * employer or one body. A treasurer who types the wrong amount should hear at once, not
 * at the next reconciliation (the payment is still booked: overpaying is legal).
 */
export function overpaidBy(ws: { config: Config; ledger: Ledger }, party: string, today: IsoDate): Minor {
  if (party !== EMPLOYER && !ws.config.bodies.some((b) => b.id === party)) return 0;
  const r = reconcileBooks(ws, party === EMPLOYER ? { employer: true } : { body: party }, today);
  return r.reconciliation.rows.filter((row) => row.status === "overpaid").reduce((t, row) => t - row.outstanding, 0);
}
