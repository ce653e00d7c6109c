// `dues export audit --from P --to P -o FILE.xlsx`: gathers what the audit committee
// reads from the ledger and the configuration, and streams it into the workbook. Reads
// only; the two long sheets (dues detail, journal) are live ledger queries, never held.
import { extname } from "node:path";
import { accountFor, chartOf, findAccount } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { LAPSE_RISK_MONTHS } from "../domain/arrears.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { addMonths, dueDateOf, financialYear, financialYearOf, isPeriod, lastDayOf, periodRange, type FinancialYear, type Period } from "../domain/period.js";
import { problem, Refusal, type Problem } from "../domain/problem.js";
import { applyRate } from "../domain/rounding.js";
import { schemeFor } from "../domain/scheme.js";
import type { ReconcileRow } from "../domain/reconcile.js";
import { balanceSheet, incomeStatement, type AccountAmount } from "../domain/statements.js";
import { text, type Lang } from "../domain/text.js";
import type { JournalLine, Ledger } from "../ledger/ledger.js";
import { OpeningStore } from "../ledger/opening-store.js";
import { YearStore } from "../ledger/year-store.js";
import { auditWorkbook, type AuditInput, type BatchInfo, type LapseRisk, type CashRow, type ChecklistRow, type ExceptionRow, type FundsRow, type RemittanceRow } from "../report/audit-workbook.js";
import { writeWorkbook, type WriteResult } from "../report/xlsx-writer.js";
import { memberArrearsOf } from "./arrears.js";
import { yearStartBalances } from "./financial-year.js";
import { movement } from "./statements.js";
import { scanExceptions, type ScanSummary } from "./audit-scan.js";
import { reconcileBooks } from "./reconcile.js";
import { EMPLOYER } from "./receive.js";
import { federationAudit } from "./federation-audit.js";

export interface ExportAuditOptions {
  readonly from: string;
  readonly to: string;
  readonly output: string;
  readonly lang: Lang;
  /** ISO timestamp (ctx.now(): SOURCE_DATE_EPOCH makes it reproducible). */
  readonly createdAt: string;
  /** Rows per sheet before continuing on "Name (2)" (tests lower it). */
  readonly maxRows?: number;
  readonly onProgress?: (rows: number) => void;
  /** The date the employer's payments are reconciled as of (default: createdAt's date,
   *  as `dues reconcile --employer` run that day). */
  readonly asOf?: string;
}

export interface ExportAuditResult extends WriteResult {
  readonly from: Period;
  readonly to: Period;
  readonly head: { seq: number; hash: string } | null;
  readonly exceptions: number;
  readonly lapseRisk: number;
}

/** Checks the flags before anything is read: periods in order, and an .xlsx target. */
export function checkExportArgs(from: string, to: string, output: string): void {
  const problems: Problem[] = [];
  for (const [flag, v] of [["--from", from], ["--to", to]] as const) {
    if (!isPeriod(v)) problems.push(problem("EXPORT_BAD_PERIOD", text(`${flag} ${v} is not a period (YYYY-MM)`, `${flag} ${v} 不是有效期间（YYYY-MM）`)));
  }
  if (!problems.length && from > to) problems.push(problem("EXPORT_RANGE_REVERSED", text(`--from ${from} is after --to ${to}`, `--from ${from} 晚于 --to ${to}`)));
  // Only .xlsx: a slip such as `-o dues.db` must never overwrite the ledger.
  if (extname(output).toLowerCase() !== ".xlsx") {
    problems.push(problem("EXPORT_NOT_XLSX", text(`-o ${output}: the workbook must be a .xlsx file`, `-o ${output}：工作簿必须是 .xlsx 文件`), { hint: text("Example: -o audit-2026.xlsx", "例如：-o audit-2026.xlsx") }));
  }
  if (problems.length) throw new Refusal("usage", problems);
}

export async function exportAudit(ledger: Ledger, config: Config, o: ExportAuditOptions): Promise<ExportAuditResult> {
  checkExportArgs(o.from, o.to, o.output);
  const input = gatherAudit(ledger, config, o);
  const result = await writeWorkbook(o.output, auditWorkbook(input), { maxRows: o.maxRows, onProgress: o.onProgress });
  return { ...result, from: o.from, to: o.to, head: input.head, exceptions: input.exceptionCount, lapseRisk: input.lapse.length };
}

const toAmounts = (rows: readonly { account: string; body: string | null; balance: Minor }[]): AccountAmount[] =>
  rows.map((r) => ({ account: r.account, body: r.body, amount: r.balance }));

export function gatherAudit(ledger: Ledger, config: Config, o: ExportAuditOptions): AuditInput {
  const { from, to } = o;
  const chart = ledger.meta.chart;
  const digits = ledger.meta.digits;
  const money = (m: Minor) => formatMinor(m, digits, { grouping: true });
  const head = ledger.head();
  const before = addMonths(from, -1);

  const allBatches = ledger.batches({ includeVoided: true });
  const fileOf = new Map(allBatches.map((b) => [b.id, b.file]));
  const batches: BatchInfo[] = allBatches
    // The opening belongs to the month the new books begin (its period is the old books' last month).
    .filter((b) => { const p = b.kind === "opening" && b.period ? addMonths(b.period, 1) : b.period ?? b.createdAt.slice(0, 7); return p >= from && p <= to; })
    .map((b) => ({ ...b }));

  // One pass over the member lines, starting six months early so lapse runs and the
  // month-on-month comparison see what came just before the range.
  // The exceptions are counted here and found again, row by row, when their sheet is written.
  const scanOptions = { from, to, digits, fileOf: (id: number) => fileOf.get(id) ?? null };
  const scanLines = () => ledger.memberLines({ from: addMonths(from, -6), to });
  // `people` (every member's latest name and department) is used here for the lapse list
  // and then dropped: no closure below refers to it, so it is not held while the sheets stream.
  const { people, ...scan } = drain(scanExceptions(scanLines(), scanOptions));
  const lapse = lapseRisk(ledger, config, to, people);

  // Statements: the range, and the balance sheet at its last day.
  const bodies = config.bodies;
  const income = incomeStatement(chart, [{ key: "range", label: text(`${from} – ${to}`, `${from} 至 ${to}`), balances: toAmounts(movement(ledger, from, to)) }], bodies);
  const asOf = lastDayOf(to);
  const fy = financialYear(financialYearOf(to, config.financialYearStart).year, config.financialYearStart);
  const balance = balanceSheet(chart, [
    { key: "yearStart", label: text("Start of year", "年初数"), balances: toAmounts(yearStartBalances(ledger, fy, asOf)) },
    { key: "end", label: text(`As of ${asOf}`, "期末数"), balances: toAmounts(ledger.balances({ asOf, byBody: true })) },
  ], bodies);

  // Cash check per bank and cash account, by accounting period.
  const cash: CashRow[] = (["bank", "cash"] as const).map((role) => {
    const code = accountFor(chart, role);
    const opening = sumBalance(ledger.balances({ to: before, account: code }));
    const range = ledger.balances({ from, to, account: code });
    const receipts = range.reduce((s, r) => s + r.debit, 0);
    const payments = range.reduce((s, r) => s + r.credit, 0);
    const closing = sumBalance(ledger.balances({ to, account: code }));
    return { account: code, name: findAccount(chart, code)!.name, opening, receipts, payments, closing };
  });

  // Funds per period: the payroll base from the member lines, the booked amounts from the ledger.
  const fundsIncome = accountFor(chart, "funds-income");
  const payable = accountFor(chart, "payable-upstream");
  const employer = accountFor(chart, "employer-receivable");
  const byPeriod = (account: string) => {
    const m = new Map<Period, { debit: Minor; credit: Minor; balance: Minor }>();
    for (const r of ledger.balances({ to, account, byPeriod: true })) {
      const cur = m.get(r.period!) ?? { debit: 0, credit: 0, balance: 0 };
      m.set(r.period!, { debit: cur.debit + r.debit, credit: cur.credit + r.credit, balance: cur.balance + r.balance });
    }
    return m;
  };
  const kept = byPeriod(fundsIncome);
  const owed = byPeriod(payable);
  const emp = byPeriod(employer);
  // What the employer paid for each month, as `dues reconcile --employer` allocates it
  // (a payment with --period settles that month, the rest oldest first), as of the
  // export date: due (13501 debits: dues deducted + funds), paid, settled on, late.
  const fundsAsOf = o.asOf ?? o.createdAt.slice(0, 10);
  const employerRows = new Map(reconcileBooks({ config, ledger }, { employer: true, from, to, asOf: fundsAsOf }, fundsAsOf).reconciliation.rows.filter((r) => r.party === EMPLOYER).map((r) => [r.period, r]));
  let employerBalance = [...emp.entries()].filter(([p]) => p < from).reduce((s, [, v]) => s + v.balance, 0);
  const funds: FundsRow[] = periodRange(from, to).map((p) => {
    const t = scan.periods.get(p);
    const scheme = schemeFor(config.schemes, p);
    const base = t?.fundsBase ?? 0;
    employerBalance += emp.get(p)?.balance ?? 0;
    // ROUNDING: the scheme's funds rule, on the period's total base (as the import does).
    const rule = scheme?.funds ?? null;
    const due = rule && t ? applyRate(base, rule.rate, rule.round) : null;
    return {
      period: p, employees: t?.employees ?? 0, fundsBase: base, rateText: rule?.rate.text ?? "",
      fundsDue: due, kept: -(kept.get(p)?.balance ?? 0), upward: owed.get(p)?.credit ?? 0,
      employerBalance, ...employerColumns(p, employerRows.get(p), config.dueDay),
    };
  });

  // Remittances per body and period: opening + accrued − paid = closing.
  const perBody = ledger.balances({ to, account: payable, byBody: true, byPeriod: true });
  const refs = new Map<string, Set<string>>();
  for (const e of ledger.entries({ from, to, kinds: ["remit"] })) {
    for (const p of e.postings) {
      if (p.account === payable && p.body && e.ref) {
        const k = `${p.body}|${e.period}`;
        (refs.get(k) ?? refs.set(k, new Set()).get(k)!).add(e.ref);
      }
    }
  }
  const bodyIds = [...bodies.map((b) => b.id), ...[...new Set(perBody.map((r) => r.body ?? ""))].filter((id) => id && !bodies.some((b) => b.id === id)).sort()];
  const remittances: RemittanceRow[] = [];
  for (const id of bodyIds) {
    const rows = perBody.filter((r) => r.body === id);
    if (!rows.length) continue;
    let opening = -rows.filter((r) => r.period! < from).reduce((s, r) => s + r.balance, 0);
    for (const p of periodRange(from, to)) {
      const inP = rows.filter((r) => r.period === p);
      const accrued = inP.reduce((s, r) => s + r.credit, 0);
      const paid = inP.reduce((s, r) => s + r.debit, 0);
      if (opening === 0 && accrued === 0 && paid === 0) continue;
      remittances.push({ body: id, bodyName: bodies.find((b) => b.id === id)?.name ?? id, period: p, dueDate: dueDateOf(p, config.dueDay), opening, accrued, paid, refs: [...(refs.get(`${id}|${p}`) ?? [])].join(", ") });
      opening += accrued - paid;
    }
  }

  // Ledger-level exceptions: voided batches, reopened months, entries after a close.
  const exceptions: ExceptionRow[] = [];
  const none = { member: null, name: null, line: null, amount: null } as const;
  for (const b of batches.filter((x) => x.voided)) {
    exceptions.push({ code: "AUDIT_BATCH_VOIDED", what: text(`Batch voided: ${b.voidReason ?? ""}`, `批次已作废：${b.voidReason ?? ""}`), period: b.period, batch: b.id, file: b.file, entry: null, ...none });
  }
  const closes = ledger.closes();
  for (const c of closes.filter((x) => x.action === "reopen" && x.period >= from && x.period <= to)) {
    exceptions.push({ code: "AUDIT_MONTH_REOPENED", what: text(`${c.period} was reopened on ${c.createdAt.slice(0, 10)}: ${c.reason ?? ""}`, `${c.period} 于 ${c.createdAt.slice(0, 10)} 重新打开：${c.reason ?? ""}`), period: c.period, batch: null, file: null, entry: c.entry, ...none });
    const firstClose = closes.find((x) => x.period === c.period && x.action === "close");
    if (!firstClose) continue;
    for (const e of ledger.entries({ from: c.period, to: c.period })) {
      if (e.seq > firstClose.entry && e.kind !== "close" && e.kind !== "reopen") {
        exceptions.push({ code: "AUDIT_ENTRY_AFTER_CLOSE", what: text(`Entry ${e.seq} (${e.memo}) was booked in ${c.period} after the month was first closed`, `凭证 ${e.seq}（${e.memo}）在 ${c.period} 首次结账之后记入`), period: c.period, batch: e.batch, file: fileOf.get(e.batch) ?? null, entry: e.seq, ...none });
      }
    }
  }
  for (const p of periodRange(from, to)) {
    if (!scan.periods.has(p)) exceptions.push({ code: "AUDIT_NO_PAYROLL", what: text(`No payroll imported for ${p}`, `${p} 未导入工资表`), period: p, batch: null, file: null, entry: null, ...none });
  }

  const totals = [...scan.periods.values()].reduce((a, t) => ({ dues: a.dues + t.dues, deducted: a.deducted + t.deducted, difference: a.difference + t.difference }), { dues: 0, deducted: 0, difference: 0 });
  const remitClosing = remittances.length ? bodyIds.reduce((s, id) => { const last = remittances.filter((r) => r.body === id).at(-1); return s + (last ? last.opening + last.accrued - last.paid : 0); }, 0) : 0;
  const cashDiff = cash.some((c) => c.opening + c.receipts - c.payments !== c.closing);
  const line = (zhLabel: string) => income.lines.find((l) => l.label.zh === zhLabel)?.amounts[0] ?? 0;
  const otherIncome = income.lines.filter((l) => l.role === "account" && l.level === 0 && l.code !== null && findAccount(chart, l.code)?.kind === "income" && l.code !== accountFor(chart, "dues-income") && l.code !== fundsIncome).reduce((s, l) => s + l.amounts[0]!, 0);
  const netLines = balance.lines.filter((l) => l.role === "account" && l.code !== null && findAccount(chart, l.code)?.kind === "net-assets");
  const fixed = balance.lines.filter((l) => l.role === "account" && l.code !== null && ["141", "162", "163", "1400", "1600", "1610"].includes(l.code));
  const unclosed = balance.lines.find((l) => l.label.en.startsWith("Income less spending"))?.amounts[1] ?? 0;
  const fundsDue = funds.reduce((s, f) => s + (f.fundsDue ?? 0), 0);
  const fundsKept = funds.reduce((s, f) => s + f.kept, 0);
  const fundsUp = funds.reduce((s, f) => s + f.upward, 0);
  const empDue = funds.reduce((s, f) => s + f.employerDue, 0);
  const empPaid = funds.reduce((s, f) => s + f.received, 0);
  const lateMonths = funds.filter((f) => f.late).map((f) => f.period);
  // Money still open (or overpaid) on a month that has fallen due.
  const pastDueOpen = funds.some((f) => f.status !== null && f.status !== "not-due" && f.outstanding !== 0);
  const count = (code: string) => (scan.counts.get(code) ?? 0) + exceptions.filter((e) => e.code === code).length;
  const checklist: ChecklistRow[] = [
    { item: text("Budget against actual by account, variances explained", "预算执行：按科目比较预算与实际，说明差异"), where: text("Budget workbook (dues export budget)", "预算工作簿（dues export budget）"), shows: text("Budget lines are not part of this workbook; the actuals by account are on Summary and the statement of income and spending.", "本工作簿不含预算数；各科目实际数见“汇总”和“收入支出表”。"), status: "elsewhere" },
    { item: text("Dues: members × base × rate, exemptions with reasons, six-month arrears", "会费：人数 × 基数 × 费率，免缴及原因，连续六个月欠缴"), where: text("Dues detail; Exempt and lapse risk", "会费明细；免缴与失会风险"), shows: text(`${scan.members} members, dues ${money(totals.dues)}, deducted ${money(totals.deducted)}, difference ${money(totals.difference)}; ${scan.exemptMembers} exempt; ${lapse.length} at lapse risk.`, `会员 ${scan.members} 人，应缴 ${money(totals.dues)}，代扣 ${money(totals.deducted)}，差额 ${money(totals.difference)}；免缴 ${scan.exemptMembers} 人；失会风险 ${lapse.length} 人。`), status: lapse.length || totals.difference !== 0 ? "attention" : "shown" },
    { item: text("Funds: payroll × 2% due, received, own share, upward shares, late months", "经费：工资总额 × 2% 应拨、已收、留成、上缴、逾期"), where: text("Funds", "拨缴经费"), shows: text(`Funds due ${money(fundsDue)}, kept ${money(fundsKept)}, owed upward ${money(fundsUp)}; employer owed ${money(empDue)} for the range, paid ${money(empPaid)}, outstanding ${money(empDue - empPaid)} as of ${fundsAsOf}; ${lateMonths.length} late month${lateMonths.length === 1 ? "" : "s"}${lateMonths.length ? ` (${lateMonths.join(", ")})` : ""}.`, `应拨缴 ${money(fundsDue)}，留成 ${money(fundsKept)}，应上缴 ${money(fundsUp)}；本期间单位应付 ${money(empDue)}，已付 ${money(empPaid)}，截至 ${fundsAsOf} 未付 ${money(empDue - empPaid)}；逾期 ${lateMonths.length} 个月${lateMonths.length ? `（${lateMonths.join("、")}）` : ""}。`), status: lateMonths.length || pastDueOpen ? "attention" : "shown" },
    { item: text("Upward remittances: opening + accrued − paid = closing, per body", "上缴经费：按上级工会 期初 + 应付 − 已付 = 期末"), where: text("Remittances", "上缴对账"), shows: text(`Owed upward at ${to}: ${money(remitClosing)}.`, `截至 ${to} 应付上级经费 ${money(remitClosing)}。`), status: remitClosing !== 0 ? "attention" : "shown" },
    { item: text("Other income (subsidies, other)", "其他收入（补助等）"), where: text("Summary; statement of income and spending", "汇总；收入支出表"), shows: text(`Income other than dues and funds: ${money(otherIncome)}.`, `会费和拨缴经费以外的收入：${money(otherIncome)}。`), status: "shown" },
    { item: text("Spending by account and sub-account", "按科目及明细科目的支出"), where: text("Summary; statement of income and spending; Journal", "汇总；收入支出表；日记账"), shows: text(`Total spending ${money(line("支出合计"))}.`, `支出合计 ${money(line("支出合计"))}。`), status: "shown" },
    { item: text("Cash and bank agree with statements", "库存现金、银行存款与对账单相符"), where: text("Summary (cash check)", "汇总（现金核对）"), shows: text(cashDiff ? "The cash check does not add up: see Summary." : `Opening + receipts − payments = closing for ${cash.map((c) => c.account).join(", ")}. Compare the closing balances with the bank statements.`, cashDiff ? "现金核对不平，见“汇总”。" : `${cash.map((c) => c.account).join("、")} 期初 + 收入 − 支出 = 期末。请将期末余额与银行对账单核对。`), status: cashDiff ? "attention" : "shown" },
    { item: text("Fixed assets and stock", "固定资产和库存物品"), where: text("Balance sheet", "资产负债表"), shows: text(fixed.map((l) => `${l.code} ${l.label.en} ${money(l.amounts[1]!)}`).join("; "), fixed.map((l) => `${l.code} ${l.label.zh} ${money(l.amounts[1]!)}`).join("；")), status: "shown" },
    carryForwardItem(ledger, config.projects, fy, to, netLines.map((l) => ({ code: l.code!, amount: l.amounts[1]! })), unclosed, money),
    { item: text("Sign-offs", "签字"), where: text("Cover; this sheet", "封面；本表"), shows: text("Signature and date lines for the union chair, the audit committee chair, the head of finance and the preparer.", "工会主席、经审会主任、财务负责人、制表人签字及日期。"), status: "shown" },
  ];
  if (count("AUDIT_ENTRY_AFTER_CLOSE") || count("AUDIT_MONTH_REOPENED")) {
    checklist.push({ item: text("Closed months", "已结账月份"), where: text("Exceptions", "异常事项"), shows: text(`${count("AUDIT_MONTH_REOPENED")} reopened, ${count("AUDIT_ENTRY_AFTER_CLOSE")} entries booked after a close.`, `重新打开 ${count("AUDIT_MONTH_REOPENED")} 次，结账后记账 ${count("AUDIT_ENTRY_AFTER_CLOSE")} 笔。`), status: "attention" });
  }

  // A federation: its affiliates and refunds sheets, and what they show in the checklist.
  // Its counts come from the pass that writes the Affiliates sheet, so the checklist is made when read.
  const federation = federationAudit({ config, ledger }, { from, to, asOf: fundsAsOf });
  const withFederation = (): ChecklistRow[] => {
    if (!federation) return checklist;
    const { owing, late, refundsOpen } = federation.summary();
    return [...checklist.slice(0, 4), {
      item: text("Affiliates: expected, received, late; refunds owed and paid", "基层工会：应收、已收、逾期；返还经费应付与已付"),
      where: text("Affiliates; Refunds", "基层工会对账；返还经费"),
      shows: text(`${owing} affiliate${owing === 1 ? "" : "s"} owing as of ${fundsAsOf}, ${late} late affiliate-months; refunds still owed at ${to}: ${money(refundsOpen)}.`, `截至 ${fundsAsOf} 欠缴的基层工会 ${owing} 个，逾期 ${late} 个（工会·月）；截至 ${to} 尚欠返还 ${money(refundsOpen)}。`),
      status: owing || late || refundsOpen ? "attention" : "shown",
    }, ...checklist.slice(4)];
  };

  const configsUsed = [...new Set(batches.map((b) => b.configSha256).filter((x): x is string => !!x))];
  const chartInfo = chartOf(chart);
  const isCny = ledger.meta.currency === "CNY";
  return {
    lang: o.lang, digits, currency: ledger.meta.currency,
    unit: isCny ? text("yuan", "元") : text(ledger.meta.currency, ledger.meta.currency),
    union: config.union.name, chart: chartInfo.name, from, to, createdAt: o.createdAt,
    head, configSha256: config.sha256, configsUsed,
    totals: { members: scan.members, exemptMembers: scan.exemptMembers, ...totals },
    income, balance, balanceAsOf: asOf, cash,
    // Streamed when the writer reaches the sheet: a live query, mapped row by row.
    duesDetail: (function* () {
      for (const l of ledger.memberLines({ from, to })) yield { ...l, batch: l.batchId };
    })(),
    exempt: scan.exempt, lapse, funds, fundsAsOf, remittances, batches,
    journal: (function* () {
      const named = (j: JournalLine) => ({ ...j, accountName: findAccount(chart, j.account)?.name ?? text(j.account, j.account) });
      // The opening entry belongs to the month before the takeover (its balances were owed
      // then) but is dated the takeover day: an audit of the range it is dated in starts with it.
      const opening = new OpeningStore(ledger.db).opening();
      if (opening && opening.period < from && opening.date >= `${from}-01` && opening.date <= lastDayOf(to)) {
        for (const j of ledger.iteratePostings({ entry: opening.seq })) yield named(j);
      }
      for (const j of ledger.iteratePostings({ from, to })) yield named(j);
    })(),
    exceptions: (function* () {
      yield* scanExceptions(scanLines(), scanOptions);
      yield* exceptions;
    })(),
    exceptionCount: [...scan.counts.values()].reduce((a, b) => a + b, 0) + exceptions.length,
    get checklist() { return withFederation(); },
    federation,
  };
}

/**
 * Checklist item 9 (年末结转, 321/322): the carry-forward entry of the financial year the
 * range ends in, by number and hash, when that year is closed; attention when the range
 * reaches the year's last month and income and spending are still not carried forward.
 */
function carryForwardItem(ledger: Ledger, projects: Config["projects"], fy: FinancialYear, to: Period, net: readonly { code: string; amount: Minor }[], unclosed: Minor, money: (m: Minor) => string): ChecklistRow {
  const item = text("Year-end carry-forward (321/322)", "年末结转（321/322）");
  const balances = { en: net.map((l) => `${l.code} ${money(l.amount)}`).join("; "), zh: net.map((l) => `${l.code} ${money(l.amount)}`).join("；") };
  const close = new YearStore(ledger.db).closed().get(String(fy.year));
  if (close && to >= fy.to) {
    const e = ledger.entries({ from: close.period, to: close.period, kinds: ["year-close"] }).find((x) => x.seq === close.seq);
    const moved = (e?.postings ?? []).filter((p) => findAccount(ledger.meta.chart, p.account)?.kind === "net-assets");
    const name = (p: { account: string; project?: string | null }, lang: "en" | "zh") => {
      const acc = findAccount(ledger.meta.chart, p.account)!;
      const project = p.project ? projects.find((x) => x.id === p.project)?.name ?? p.project : null;
      return `${p.account} ${lang === "zh" ? acc.name.zh : acc.name.en}${project ? (lang === "zh" ? `（${project}）` : ` (${project})`) : ""}`;
    };
    const parts = (lang: "en" | "zh") => moved.map((p) => `${name(p, lang)} ${money(-p.amount)}`);
    return {
      item,
      where: text(`Journal, entry #${close.seq}; balance sheet`, `日记账第 ${close.seq} 号分录；资产负债表`),
      shows: text(
        `Year ${fy.year} carried forward on ${close.date} by entry #${close.seq} (hash ${close.hash}): ${parts("en").join(", ") || "nothing to carry"}. At ${to}: ${balances.en}.`,
        `${fy.year} 年度已于 ${close.date} 结转，分录 #${close.seq}（哈希 ${close.hash}）：${parts("zh").join("，") || "无可结转"}。截至 ${to}：${balances.zh}。`),
      status: "shown",
    };
  }
  const yearEnd = to >= fy.to;
  return {
    item,
    where: text("Balance sheet", "资产负债表"),
    shows: text(
      `${balances.en}; not yet carried forward ${money(unclosed)}.${yearEnd ? ` Year ${fy.year} is not closed: dues close ${fy.year}.` : ""}`,
      `${balances.zh}；尚未结转 ${money(unclosed)}。${yearEnd ? `${fy.year} 年度尚未结转：dues close ${fy.year}。` : ""}`),
    status: yearEnd && unclosed !== 0 ? "attention" : "shown",
  };
}

/** The employer's side of a Funds row, from the reconciliation row of that month (none: nothing due or paid). */
function employerColumns(p: Period, r: ReconcileRow | undefined, dueDay: number): Pick<FundsRow, "employerDue" | "received" | "outstanding" | "status" | "dueDate" | "settledOn" | "late"> {
  if (!r) return { employerDue: 0, received: 0, outstanding: 0, status: null, dueDate: dueDateOf(p, dueDay), settledOn: null, late: false };
  return {
    employerDue: r.due, received: r.paid, outstanding: r.outstanding,
    // As `dues reconcile` words it: a month not yet due and not paid is "not due".
    status: r.notYetDue && r.status !== "paid" ? "not-due" : r.status,
    dueDate: r.dueDate, settledOn: r.settledOn, late: r.late,
  };
}

/** Lapse risk by `dues arrears`' own rule (ArrearsCounter, members' direct payments
 *  applied), over the imported months up to --to: the two never disagree. */
function lapseRisk(ledger: Ledger, config: Config, to: Period, people: ScanSummary["people"]): LapseRisk[] {
  return memberArrearsOf(ledger, config, { through: to, minMonths: LAPSE_RISK_MONTHS }).members
    .filter((m) => m.lapseRisk)
    .map((m) => ({ memberId: m.member, name: m.name || people.get(m.member)?.name || "", department: people.get(m.member)?.department ?? "", since: m.since, through: m.through, months: m.months, shortfall: m.shortfall }));
}

/** Runs a scan for its summary, discarding the exceptions it yields. */
function drain(gen: Generator<ExceptionRow, ScanSummary>): ScanSummary {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

function sumBalance(rows: readonly { balance: Minor }[]): Minor {
  return rows.reduce((s, r) => s + r.balance, 0);
}
