// `dues import bank`: reads a statement, matches its lines to the receipts and remittances
// the books expect (domain/bank-match.ts), and books the matched ones in one transaction,
// each as its own receive/remit batch. Unmatched lines are reported and left alone.
import type { Config } from "../domain/config.js";
import { matchStatement, type Booked, type Expected, type Outcome, type PartyNames } from "../domain/bank-match.js";
import type { Minor } from "../domain/money.js";
import { periodOf, type IsoDate, type Period } from "../domain/period.js";
import { hasErrors, problem, Refusal } from "../domain/problem.js";
import { reconcile } from "../domain/reconcile.js";
import { text } from "../domain/text.js";
import { readBankStatement, type BankLine } from "../import/bank-reader.js";
import type { Affiliate } from "../domain/federation.js";
import { AffiliateStore } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";
import { componentKey, componentsOf, readFlows } from "./reconcile.js";
import { bankStoreOf, postPayment, UPSTREAM, type BookedPayment } from "./receive.js";

export interface BankImportRequest {
  readonly path: string;
  /** The file name as the user typed it (for problems and the record). */
  readonly file: string;
  readonly source?: string;
  /** Match and book inside a transaction that is then rolled back: a preview by the same path. */
  readonly dryRun?: boolean;
}

export type LineResult =
  | { readonly line: BankLine; readonly status: "matched"; readonly booked: BookedPayment; readonly how: string }
  | { readonly line: BankLine; readonly status: "unmatched"; readonly reason: "no-candidate" | "ambiguous" | "closed"; readonly candidates: readonly string[] }
  | { readonly line: BankLine; readonly status: "skipped"; readonly reason: "zero" | "already-booked" };

export interface BankImportResult {
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly source: string;
  /** The statement's id in the ledger, or null when nothing matched and nothing was written. */
  readonly statement: number | null;
  readonly results: readonly LineResult[];
  readonly matched: number;
  readonly unmatched: number;
  readonly skipped: number;
  readonly dryRun: boolean;
}

// Thrown inside the transaction to roll a dry run back after it did everything else.
class DryRunDone extends Error {}

// Far enough ahead that every payment in the books counts when working out what is open.
const ALL_TIME: IsoDate = "9999-12-31";

/** What the books expect: every open (party, period) of both sides, with its components. */
export function expectations(ledger: Ledger, config: Config): { expected: Expected[]; booked: Booked[] } {
  const expected: Expected[] = [];
  const booked: Booked[] = [];
  // A federation also expects its affiliates' payments (132:AFFILIATE), due on federation.due_day.
  const sides = config.federation ? (["bodies", "employer", "affiliates"] as const) : (["bodies", "employer"] as const);
  for (const side of sides) {
    const flows = readFlows(ledger, config, side);
    const direction = side === "bodies" ? "remit" : "receive";
    const parts = componentsOf(flows.accruals);
    const r = reconcile(flows.accruals, flows.payments, { asOf: ALL_TIME, dueDay: side === "affiliates" ? config.federation!.dueDay : config.dueDay, lateFee: null });
    for (const row of r.rows) {
      if (row.outstanding <= 0) continue;
      expected.push({ direction, party: row.party, period: row.period, dueDate: row.dueDate, outstanding: row.outstanding, components: parts.get(componentKey(row.party, row.period)) ?? [] });
    }
    for (const p of flows.payments) if (p.amount > 0) booked.push({ direction, party: p.party, date: p.date, amount: p.amount, ref: p.ref ?? "" });
  }
  return { expected, booked };
}

export function partyNames(config: Config, affiliates: readonly Affiliate[] = []): PartyNames[] {
  // A receipt naming a body is a refund from it (upstream); a payment naming it, a remittance.
  const bodies = config.bodies.map((b) => ({ party: b.id, names: [b.id, b.name] }));
  // A federation's affiliate is named by its id, its union's name or its employer's name.
  const own = affiliates.map((a) => ({ party: a.id, names: [a.id, a.name, ...(a.employer ? [a.employer] : [])] }));
  return [...bodies, { party: UPSTREAM, names: config.bodies.flatMap((b) => [b.id, b.name]) }, ...own];
}

export async function importBank(ws: { config: Config; ledger: Ledger }, req: BankImportRequest, o: { createdAt: string }): Promise<BankImportResult> {
  const { config, ledger } = ws;
  const sourceName = req.source ?? (config.sources.bank ? "bank" : undefined);
  if (req.source && !config.sources[req.source]) {
    const known = Object.keys(config.sources);
    throw new Refusal("usage", [problem("BANK_UNKNOWN_SOURCE", text(`no source named ${req.source} in dues.yaml`, `dues.yaml 中没有名为 ${req.source} 的数据源`), {
      file: "--source", hint: text(`sources: ${known.join(", ") || "(none)"}; without --source the built-in bank column names are used`, `数据源：${known.join("、") || "（无）"}；不加 --source 时使用内置的对账单列名`),
    })]);
  }
  const read = await readBankStatement(req.path, sourceName ? config.sources[sourceName] : undefined, { digits: config.union.currency.digits, fileLabel: req.file, currency: config.union.currency.code });
  if (read.info.missing) throw new Refusal("missing", read.problems);
  if (hasErrors(read.problems)) throw new Refusal("data", read.problems);
  const bank = bankStoreOf(ledger);
  const earlier = bank.statementBySha(read.info.sha256);
  if (earlier) {
    throw new Refusal("data", [problem("BANK_STATEMENT_ALREADY_IMPORTED", text(`this statement was imported on ${earlier.importedAt.slice(0, 10)} as ${earlier.file} (same SHA-256)`, `该对账单已于 ${earlier.importedAt.slice(0, 10)} 以 ${earlier.file} 导入（SHA-256 相同）`), {
      file: req.file, hint: text("nothing was written; book any line it left unmatched with dues receive or dues remit", "未写入任何内容；未匹配的行请用 dues receive 或 dues remit 手工记账"),
    })]);
  }

  const { expected, booked } = expectations(ledger, config);
  const affiliates = config.federation ? new AffiliateStore(ledger.db).all() : [];
  const affiliateIds = new Set(affiliates.map((a) => a.id));
  const outcomes = matchStatement({
    lines: read.lines.map((l) => ({ line: l.line, date: l.date, amount: l.amount, ref: [l.ref, l.memo].filter(Boolean).join(" "), counterparty: l.counterparty })),
    expected, booked, names: partyNames(config, affiliates),
  });
  const byLine = new Map(read.lines.map((l) => [l.line, l]));
  const plan = outcomes.map((x) => ({ x, line: byLine.get(x.line.line)! }));

  const results: LineResult[] = [];
  let statement: number | null = null;
  const anyMatch = plan.some(({ x, line }) => x.kind === "matched" && !ledger.isClosed(periodOf(line.date)));
  const book = () => {
    const stored: { line: BankLine; entry: number | null; note: string | null }[] = [];
    for (const { x, line } of plan) {
      const r = resultOf(x, line, ledger, config, bank, o.createdAt, req.file, sourceName ?? "bank", affiliateIds);
      results.push(r);
      stored.push({ line, entry: r.status === "matched" ? r.booked.entry : null, note: r.status === "matched" ? r.how : r.reason });
    }
    if (anyMatch) {
      statement = bank.addStatement({
        sha256: read.info.sha256, file: req.file, source: sourceName ?? "bank", encoding: read.info.encoding || null, importedAt: o.createdAt,
        lines: stored.map((s) => ({ line: s.line.line, date: s.line.date, amount: s.line.amount, ref: [s.line.ref, s.line.memo].filter(Boolean).join(" "), counterparty: s.line.counterparty, entry: s.entry, note: s.note })),
      });
    }
  };
  // Nothing matched: nothing is written, so the statement can be read again once the
  // books hold what it pays (a payroll imported later, say).
  if (anyMatch) {
    try {
      ledger.transaction(() => {
        book();
        if (req.dryRun) throw new DryRunDone();
      });
    } catch (e) {
      if (!(e instanceof DryRunDone)) throw e;
      statement = null;
    }
  } else book();
  const count = (s: LineResult["status"]) => results.filter((r) => r.status === s).length;
  return { file: req.file, sha256: read.info.sha256, encoding: read.info.encoding, source: sourceName ?? "bank", statement, results, matched: count("matched"), unmatched: count("unmatched"), skipped: count("skipped"), dryRun: Boolean(req.dryRun) };
}

function resultOf(x: Outcome, line: BankLine, ledger: Ledger, config: Config, bank: ReturnType<typeof bankStoreOf>, createdAt: string, file: string, source: string, affiliateIds: ReadonlySet<string>): LineResult {
  if (x.kind === "unmatched") {
    if (x.reason === "zero" || x.reason === "already-booked") return { line, status: "skipped", reason: x.reason };
    return { line, status: "unmatched", reason: x.reason, candidates: x.candidates };
  }
  if (ledger.isClosed(periodOf(line.date))) return { line, status: "unmatched", reason: "closed", candidates: [`${x.party}${x.period ? " " + x.period : ""}`] };
  const ref = line.ref || line.memo || null;
  const affiliate = x.direction === "receive" && affiliateIds.has(x.party) && !config.bodies.some((b) => b.id === x.party);
  const draft = { direction: x.direction, party: x.party === UPSTREAM ? upstreamBody(config, line) : x.party, amount: x.amount as Minor, date: line.date, ref, settles: x.period as Period | null, ...(affiliate ? { affiliate: true } : {}) };
  const booked = postPayment(ledger, bank, config, draft, { createdAt, file, source: `bank:${source}`, memoExtra: `${file}:${line.line}` });
  return { line, status: "matched", booked, how: x.how };
}

// A refund under upstream collection is booked against 131 with the body that paid it,
// when the line names one; the receivable itself is one account either way.
function upstreamBody(config: Config, line: BankLine): string {
  const t = `${line.ref} ${line.memo} ${line.counterparty}`;
  return config.bodies.find((b) => t.includes(b.name) || t.includes(b.id))?.id ?? UPSTREAM;
}
