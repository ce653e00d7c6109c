// The final-accounts workbook (决算) as a model: cover with the 经审会's review space and the
// sign-off block, 收入支出决算表, 资产负债表, 结转结余变动表, 上解情况 and the notes. Parents,
// totals, variances and rates are live formulas with their values cached (as the budget
// workbook). No file format here, and no arithmetic beyond what the formulas show.
import { lastYearNotInLedger, type FinalFigures, type FinalRow, type FinalStatement, type FundBalanceRow, type RemittanceYearRow } from "../domain/final-accounts.js";
import { formatMinor, type Minor } from "../domain/money.js";
import type { Period } from "../domain/period.js";
import type { Statement } from "../domain/statements.js";
import { text, type Lang, type Text } from "../domain/text.js";
import { firstDataRow, indent, mc, ratioCell, SIGN_OFF_ROLES, sumFormula } from "./budget-workbook.js";
import { cell, heading, total, type Cell, type Row, type Sheet, type Workbook } from "./model.js";
import { statementSheet } from "./statement-sheet.js";

export interface FinalWorkbookInput {
  readonly union: { readonly name: string; readonly id: string | null; readonly creditCode: string | null };
  readonly year: number;
  readonly from: Period;
  readonly to: Period;
  readonly yearEnd: string;
  readonly asOf: string;
  readonly currency: string;
  readonly digits: number;
  readonly lang: Lang;
  readonly createdAt: string;
  /** The chart's name, for the cover and the notes' basis. */
  readonly chart: { readonly id: string; readonly name: Text };
  readonly statement: FinalStatement;
  readonly balance: Statement;
  readonly funds: { readonly rows: readonly FundBalanceRow[]; readonly unclosed: Minor; readonly total: Omit<FundBalanceRow, "account" | "name"> };
  readonly remittances: { readonly rows: readonly RemittanceYearRow[]; readonly total: Omit<RemittanceYearRow, "body" | "name"> };
  readonly budget: { readonly number: number; readonly kind: "adopted" | "adjusted"; readonly file: string; readonly approval: { readonly by: string; readonly date: string; readonly review: string | null; readonly reviewDate: string | null } | null } | null;
  readonly yearClosed: boolean;
  readonly closeEntries: readonly { readonly seq: number; readonly date: string; readonly kind: string }[];
  readonly opening: { readonly batch: number; readonly date: string | null; readonly file: string | null } | null;
  readonly openMonths: readonly Period[];
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly configSha256: string;
}

const NO_HEADER: Text = { en: "", zh: "" };
const UNKNOWN = text("(not given in dues.yaml)", "（dues.yaml 未填写）");

export function finalWorkbook(b: FinalWorkbookInput): Workbook {
  return {
    title: text(`Final accounts ${b.year}`, `${b.year} 年度工会经费收支决算`),
    digits: b.digits,
    lang: b.lang,
    created: b.createdAt,
    creator: "dues",
    sheets: [cover(b), incomeSheet(b), balance(b), funds(b), remittances(b), notes(b)],
  };
}

function unitOf(b: FinalWorkbookInput): Text {
  return b.currency === "CNY" ? text("yuan (CNY)", "元") : text(b.currency, b.currency);
}

function titleBlock(b: FinalWorkbookInput, title: Text): Row[] {
  const unit = unitOf(b);
  return [
    heading(cell.label(title)),
    [cell.label(text(`Union: ${b.union.name}    Year ${b.from} – ${b.to}    Unit: ${unit.en}`, `编制单位：${b.union.name}    年度：${b.from} 至 ${b.to}    金额单位：${unit.zh}`))],
  ];
}

function cover(b: FinalWorkbookInput): Sheet {
  const kv = (k: Text, v: Cell): Row => [cell.label(k), v];
  const v = b.budget;
  const a = v?.approval ?? null;
  const lastClose = b.closeEntries[b.closeEntries.length - 1];
  const rows: Row[] = [
    heading(cell.label(text(`${b.union.name}: final accounts of union funds, ${b.year}`, `${b.union.name} ${b.year} 年度工会经费收支决算`))),
    kv(text("Union", "工会名称"), b.union.name),
    kv(text("Unified social credit code / EIN", "统一社会信用代码"), b.union.creditCode ?? cell.label(UNKNOWN)),
    kv(text("Id at the higher union", "上级工会登记标识"), b.union.id ?? cell.label(UNKNOWN)),
    kv(text("Financial year", "决算年度"), `${b.from} – ${b.to}`),
    kv(text("Currency", "币种"), b.currency),
    kv(text("Chart of accounts", "会计科目"), cell.label(b.chart.name)),
    kv(text("Generated on", "编制日期"), cell.date(b.createdAt.slice(0, 10))),
    kv(text("Budget in force", "预算版本"), v ? cell.label(text(`version ${v.number} (${v.kind === "adopted" ? "adopted" : "mid-year adjustment"}), ${v.file}`, `第 ${v.number} 版（${v.kind === "adopted" ? "年初预算" : "年中调整"}），${v.file}`)) : cell.label(text("no budget imported", "未导入预算"))),
    kv(text("Budget approved by", "预算审批"), a ? cell.label(text(`${a.by}, ${a.date}`, `${a.by}，${a.date}`)) : cell.label(text("not recorded", "未登记"))),
    kv(text("Year-end close", "年终结转"), lastClose && b.yearClosed
      ? cell.label(text(`entry #${lastClose.seq} of ${lastClose.date}`, `${lastClose.date} 第 ${lastClose.seq} 号分录`))
      : cell.label(text("not closed yet: the surplus is shown as not carried forward", "尚未年终结转：收支差额列为“尚未结转”"))),
    kv(text("Ledger chain head", "账本链头"), b.head ? `#${b.head.seq} ${b.head.hash}` : cell.label(text("(empty ledger)", "（空账本）"))),
    kv(text("Configuration (SHA-256)", "配置文件（SHA-256）"), b.configSha256),
    kv(text("Check later", "事后核对"), b.head ? `dues verify --head ${b.head.hash}` : ""),
    [],
    heading(cell.label(text("Opinion of the funds audit committee (经费审查委员会审查意见)", "经费审查委员会审查意见"))),
  ];
  // Room to write the opinion by hand on the printed page.
  for (let i = 0; i < 6; i++) rows.push([cell.text("＿".repeat(40))]);
  rows.push([cell.label(text("Reviewed at (session) ____________________    on ____________", "审查会议＿＿＿＿＿＿＿＿＿＿＿＿　　审查日期＿＿＿＿年＿＿月＿＿日"))]);
  return {
    name: text("Cover", "封面"),
    layout: "form",
    columns: [34, 52, 4, 8, 16].map((width) => ({ header: NO_HEADER, kind: "text" as const, width })),
    rows,
    signOff: { roles: SIGN_OFF_ROLES },
  };
}

const INCOME_COLUMNS = [
  { header: text("Account", "科目编码"), kind: "text", width: 10 },
  { header: text("Name", "科目名称"), kind: "text", width: 28 },
  { header: text("Adopted budget", "年初预算数"), kind: "money", width: 17 },
  { header: text("Adjusted budget", "调整后预算数"), kind: "money", width: 17 },
  { header: text("Final", "决算数"), kind: "money", width: 15 },
  { header: text("Variance", "差异"), kind: "money", width: 15 },
  { header: text("Rate", "执行率"), kind: "percent", width: 10 },
  { header: text("Last year's final", "上年决算数"), kind: "money", width: 18 },
  { header: text("Change", "增减额"), kind: "money", width: 15 },
  { header: text("Change %", "增减率"), kind: "percent", width: 10 },
  // Left blank for the treasurer: the 经审会 asks for large variances to be explained.
  { header: text("Explanation", "说明"), kind: "text", width: 24 },
] as const;

function incomeSheet(b: FinalWorkbookInput): Sheet {
  const st = b.statement;
  const d = b.digits;
  const preamble = titleBlock(b, text(`Final accounts of income and spending ${b.year}`, `${b.year} 年度收入支出决算表`));
  const first = firstDataRow(preamble);
  // Layout, as the printed 决算表: 一、收入 … 收入合计, 二、支出 … 支出合计, 三、收支差额.
  const income = st.rows.filter((r) => r.class === "income");
  const spending = st.rows.filter((r) => r.class === "spending");
  const rowOf = new Map<string, number>();
  income.forEach((r, i) => rowOf.set(r.account, first + 1 + i));
  const nIncome = first + 1 + income.length;
  spending.forEach((r, i) => rowOf.set(r.account, nIncome + 2 + i));
  const nSpending = nIncome + 2 + spending.length;
  const nDiff = nSpending + 1;
  const kids = new Map<string, number[]>();
  for (const r of st.rows) if (r.parent !== null) kids.set(r.parent, [...(kids.get(r.parent) ?? []), rowOf.get(r.account)!]);
  const byRow = new Map(st.rows.map((r) => [rowOf.get(r.account)!, r]));
  const line = (r: FinalRow): Row => {
    const n = rowOf.get(r.account)!;
    const ch = kids.get(r.account) ?? [];
    const childSum = (f: (x: FinalRow) => Minor) => ch.reduce((t, row) => t + f(byRow.get(row)!), 0);
    const val = (col: string, f: (x: FinalRow) => Minor): Cell => (ch.length ? cell.formula(sumFormula(col, f(r) - childSum(f), ch, d), mc(f(r))) : mc(f(r)));
    return {
      cells: [
        r.account, cell.label(indent(r)),
        val("C", (x) => x.budget), val("D", (x) => x.adjusted), val("E", (x) => x.final),
        cell.formula(`D${n}-E${n}`, mc(r.variance)), ratioCell(r.rate, `E${n}`, `D${n}`),
        val("H", (x) => x.lastYear),
        cell.formula(`E${n}-H${n}`, mc(r.change)), ratioCell(r.changeRate, `I${n}`, `H${n}`),
        "",
      ],
      role: r.hasChildren ? "heading" : "data",
    };
  };
  const totalRow = (label: Text, f: FinalFigures, cls: "income" | "spending", n: number): Row => {
    const tops = st.rows.filter((r) => r.parent === null && r.class === cls).map((r) => rowOf.get(r.account)!);
    const sum = (col: string, m: Minor) => cell.formula(tops.length ? tops.map((x) => `${col}${x}`).join("+") : "0", mc(m));
    return total(
      null, cell.label(label), sum("C", f.budget), sum("D", f.adjusted), sum("E", f.final),
      cell.formula(`D${n}-E${n}`, mc(f.variance)), ratioCell(f.rate, `E${n}`, `D${n}`), sum("H", f.lastYear),
      cell.formula(`E${n}-H${n}`, mc(f.change)), ratioCell(f.changeRate, `I${n}`, `H${n}`), null,
    );
  };
  const s = st.surplus;
  const diff = (col: string, m: Minor) => cell.formula(`${col}${nIncome}-${col}${nSpending}`, mc(m));
  const rows: Row[] = [
    heading(null, cell.label(text("Income", "一、收入"))),
    ...income.map(line),
    totalRow(text("Total income", "收入合计"), st.income, "income", nIncome),
    heading(null, cell.label(text("Spending", "二、支出"))),
    ...spending.map(line),
    totalRow(text("Total spending", "支出合计"), st.spending, "spending", nSpending),
    total(
      null, cell.label(text("Income less spending", "三、收支差额")),
      diff("C", s.budget), diff("D", s.adjusted), diff("E", s.final), cell.formula(`D${nDiff}-E${nDiff}`, mc(s.variance)), null,
      diff("H", s.lastYear), cell.formula(`E${nDiff}-H${nDiff}`, mc(s.change)), null, null,
    ),
  ];
  return {
    name: text("Income and spending", "收入支出决算表"),
    preamble,
    columns: INCOME_COLUMNS,
    rows,
    notes: [
      text("Adjusted = adopted budget + mid-year adjustments; variance = adjusted − final; rate = final ÷ adjusted.",
        "调整后预算数 = 年初预算数 + 年中调整数；差异 = 调整后预算数 − 决算数；执行率 = 决算数 ÷ 调整后预算数。"),
      text("Change = final − last year's final; change % = change ÷ last year's final (— where the divisor is zero).",
        "增减额 = 决算数 − 上年决算数；增减率 = 增减额 ÷ 上年决算数（除数为零时为“—”）。"),
      text("Final: the year's income (net credits) and spending (net debits) by accounting period, as `dues report income --year` shows them;",
        "决算数为本年度各收入科目贷方净额、支出科目借方净额（按会计期间），与 `dues report income --year` 一致；"),
      text("the year-end carry-forward entry is neither income nor spending.", "年终结转分录不计入收入支出。"),
    ],
  };
}

function balance(b: FinalWorkbookInput): Sheet {
  const unit = unitOf(b);
  return statementSheet(b.balance, {
    union: b.union.name,
    range: text(`Start of year and ${b.yearEnd}`, `年初数与 ${b.yearEnd} 期末数`),
    unit,
  });
}

function funds(b: FinalWorkbookInput): Sheet {
  const preamble = titleBlock(b, text(`Changes in fund balances ${b.year}`, `${b.year} 年度结转结余变动表`));
  const first = firstDataRow(preamble);
  const rows: Row[] = [];
  const line = (code: string | null, name: Text, f: Omit<FundBalanceRow, "account" | "name">): Row => {
    const n = first + rows.length;
    return [code ?? "", cell.label(name), mc(f.opening), mc(f.surplus), mc(f.increase), mc(f.used), cell.formula(`C${n}+D${n}+E${n}-F${n}`, mc(f.closing))];
  };
  for (const r of b.funds.rows) rows.push(line(r.account, r.name, r));
  const showUnclosed = b.funds.unclosed !== 0 || !b.yearClosed;
  if (showUnclosed) {
    rows.push(line(null, text("Income less spending not yet carried forward", "本年收支差额（尚未结转）"), { opening: 0, surplus: b.funds.unclosed, increase: 0, used: 0, closing: b.funds.unclosed }));
  }
  const last = first + rows.length - 1;
  const t = b.funds.total;
  const sum = (col: string, m: Minor) => cell.formula(`SUM(${col}${first}:${col}${last})`, mc(m));
  const u = showUnclosed ? b.funds.unclosed : 0;
  rows.push(total(null, cell.label(text("Total", "合计")), sum("C", t.opening), sum("D", t.surplus + u), sum("E", t.increase), sum("F", t.used), sum("G", t.closing + u)));
  return {
    name: text("Fund balances", "结转结余变动表"),
    preamble,
    columns: [
      { header: text("Account", "科目编码"), kind: "text", width: 10 },
      { header: text("Item", "项目"), kind: "text", width: 30 },
      { header: text("Opening balance", "年初余额"), kind: "money", width: 16 },
      { header: text("Surplus carried in", "本年收支差额转入"), kind: "money", width: 18 },
      { header: text("Other increases", "其他增加"), kind: "money", width: 17 },
      { header: text("Used", "本年使用"), kind: "money", width: 15 },
      { header: text("Closing balance", "年末余额"), kind: "money", width: 16 },
    ],
    rows,
    notes: [
      text("Closing = opening + surplus carried in + other increases − used; it equals the balance sheet's line at the year's end.",
        "年末余额 = 年初余额 + 本年收支差额转入 + 其他增加 − 本年使用，与资产负债表期末数一致。"),
      b.yearClosed
        ? text("Surplus carried in: the year-end close entry (本年收支结转); earmarked money (专项) goes to the carried-forward account, the rest to the surplus account.",
          "本年收支差额转入为年终结转分录（本年收支结转）：专项资金转入工会资金结转，其余转入工会资金结余。")
        : text("The year has not been closed (`dues close YYYY`): income less spending is shown on its own line, as not yet carried forward.",
          "本年尚未年终结转（`dues close YYYY`）：收支差额单列为“尚未结转”。"),
    ],
  };
}

function remittances(b: FinalWorkbookInput): Sheet {
  const preamble = titleBlock(b, text(`Remittances to higher bodies ${b.year}`, `${b.year} 年度上解上级经费情况`));
  const first = firstDataRow(preamble);
  const rows: Row[] = b.remittances.rows.map((r, i) => {
    const n = first + i;
    return [r.body, r.name, mc(r.opening), mc(r.due), mc(r.paid), cell.formula(`C${n}+D${n}-E${n}`, mc(r.closing)), mc(r.outstanding), cell.integer(r.openMonths)];
  });
  const last = first + rows.length - 1;
  const t = b.remittances.total;
  const sum = (col: string, m: Minor) => (rows.length ? cell.formula(`SUM(${col}${first}:${col}${last})`, mc(m)) : mc(m));
  rows.push(total(null, cell.label(text("Total", "合计")), sum("C", t.opening), sum("D", t.due), sum("E", t.paid), sum("F", t.closing), sum("G", t.outstanding),
    rows.length ? cell.formula(`SUM(H${first}:H${last})`, { kind: "integer", value: t.openMonths }) : cell.integer(t.openMonths)));
  return {
    name: text("Remittances", "上解情况"),
    preamble,
    columns: [
      { header: text("Body", "编码"), kind: "text", width: 10 },
      { header: text("Higher body", "上级工会"), kind: "text", width: 22 },
      { header: text("Owed at start", "年初应付"), kind: "money", width: 16 },
      { header: text("Due", "本年应缴"), kind: "money", width: 16 },
      { header: text("Paid", "本年已缴"), kind: "money", width: 16 },
      { header: text("Owed at end", "年末应付"), kind: "money", width: 16 },
      { header: text(`Outstanding ${b.asOf}`, `截至 ${b.asOf} 仍未缴`), kind: "money", width: 24 },
      { header: text("Open months", "未结清月数"), kind: "integer", width: 14 },
    ],
    rows,
    notes: [
      text("Owed at end = owed at start + due − paid: the balance sheet's 211 line for the body.",
        "年末应付 = 年初应付 + 本年应缴 − 本年已缴，即资产负债表“应付上级经费”该单位的期末数。"),
      text("Due: the shares booked for the year's months; paid: remittances dated in the year.",
        "本年应缴为本年各月计提的上缴份额；本年已缴为本年内的上解款。"),
      text(`Outstanding: still owed for the months up to ${b.to} after the remittances dated up to ${b.asOf},`,
        `仍未缴：截至 ${b.asOf} 的上解款按 \`dues reconcile --to ${b.to} --as-of ${b.asOf}\` 的规则冲抵后，`),
      text(`allocated as \`dues reconcile --to ${b.to} --as-of ${b.asOf}\` does (a share remitted after the year's end is paid here).`,
        `${b.to} 及以前各月仍欠的金额（年度结束后上解的份额在此已计为已缴）。`),
    ],
  };
}

function notes(b: FinalWorkbookInput): Sheet {
  const m = (x: Minor) => formatMinor(x, b.digits, { grouping: true });
  const items: Text[] = [];
  const cn = b.chart.id.startsWith("cn-2021");
  items.push(cn
    ? text("Basis: the union accounting system (工会会计制度, 财会〔2021〕7号); the statements follow its forms 工会01表 and 工会02表.", "编制依据：《工会会计制度》（财会〔2021〕7号），资产负债表、收入支出表格式同工会01表、工会02表。")
    : text(`Basis: the ledger kept by dues under the ${b.chart.name.en}.`, `编制依据：dues 账本（${b.chart.name.zh}）。`));
  items.push(text(`Year: the accounting periods ${b.from} to ${b.to}; amounts in ${unitOf(b).en}, to the cent, as the ledger holds them.`, `决算期间：${b.from} 至 ${b.to} 各会计期间；金额单位：${unitOf(b).zh}，与账本一致，精确到分。`));
  const v = b.budget;
  items.push(v
    ? text(`Budget: version ${v.number} of the year (${v.kind === "adopted" ? "adopted" : "mid-year adjustment"}, ${v.file})${v.approval ? `, approved by ${v.approval.by} on ${v.approval.date}${v.approval.review ? `, reviewed by ${v.approval.review}${v.approval.reviewDate ? ` on ${v.approval.reviewDate}` : ""}` : ""}` : ", not approved"}. 年初预算数 is that version's adopted column; 调整后 adds its adjustments.`,
      `预算：本年度第 ${v.number} 版（${v.kind === "adopted" ? "年初预算" : "年中调整"}，${v.file}）${v.approval ? `，经${v.approval.by}于 ${v.approval.date} 审批${v.approval.review ? `，${v.approval.review}${v.approval.reviewDate ? `于 ${v.approval.reviewDate} ` : ""}审查` : ""}` : "，未登记审批"}。年初预算数取该版本的年初预算列，调整后预算数加上其调整数。`)
    : text("Budget: none was imported for the year; the budget columns are zero and every spending line shows as unbudgeted.", "预算：本年度未导入预算，预算各列为零。"));
  items.push(b.opening
    ? text(`Opening balances: the books were taken over from the old books by the opening batch #${b.opening.batch}${b.opening.date ? ` dated ${b.opening.date}` : ""}${b.opening.file ? ` (${b.opening.file})` : ""}; the start-of-year column includes it, and it is not the year's income or spending.`,
      `期初余额：账本自期初余额批次 #${b.opening.batch}${b.opening.date ? `（${b.opening.date}）` : ""}${b.opening.file ? `（${b.opening.file}）` : ""}承接原账；年初数包含期初余额，期初余额不计入本年收支。`)
    : text("Opening balances: none imported; the ledger holds the union's books from their first entry.", "期初余额：未导入期初余额，账本自第一笔分录起完整记录。"));
  const lastYear = lastYearNotInLedger(b);
  if (lastYear) items.push(lastYear);
  const lastClose = b.closeEntries[b.closeEntries.length - 1];
  items.push(b.yearClosed && lastClose
    ? text(`Year-end close: income and spending were carried forward by entry #${lastClose.seq} of ${lastClose.date}; the fund-balance table shows what it carried.`, `年终结转：已于 ${lastClose.date} 以第 ${lastClose.seq} 号分录结转本年收支，结转结余变动表列示其金额。`)
    : text(`Year-end close: not done yet (\`dues close ${b.year}\` once every month is closed); the surplus of ${m(b.funds.unclosed)} is shown as not yet carried forward.`, `年终结转：尚未进行（各月结账后运行 \`dues close ${b.year}\`）；收支差额 ${m(b.funds.unclosed)} 列为“尚未结转”。`));
  if (b.openMonths.length) items.push(text(`Months not closed: ${b.openMonths.join(", ")}. Their figures may still change.`, `尚未结账的月份：${b.openMonths.join("、")}，其数字仍可能变动。`));
  const over = b.statement.rows.filter((r) => r.class === "spending" && !r.hasChildren && r.final > r.adjusted);
  if (over.length) {
    items.push(text(`Spending above its adjusted budget (to be explained to the 经审会): ${over.map((r) => `${r.account} ${r.name.en} ${m(r.final - r.adjusted)}`).join("; ")}.`,
      `超过调整后预算的支出（须向经审会说明）：${over.map((r) => `${r.account} ${r.name.zh} 超 ${m(r.final - r.adjusted)}`).join("；")}。`));
  }
  items.push(text(`Remittances: owed to higher bodies at year end ${m(b.remittances.total.closing)}; still outstanding on ${b.asOf}: ${m(b.remittances.total.outstanding)}.`, `上解：年末应付上级经费 ${m(b.remittances.total.closing)}；截至 ${b.asOf} 仍未缴 ${m(b.remittances.total.outstanding)}。`));
  items.push(b.balance.check.ok
    ? text("Check: total assets equal total liabilities and net assets at both dates.", "核对：年初、期末资产总计均等于负债和净资产总计。")
    : text("Check: total assets do NOT equal total liabilities and net assets: run `dues verify` before presenting these accounts.", "核对：资产总计不等于负债和净资产总计，请先运行 `dues verify`。"));
  if (b.head) items.push(text(`Ledger: chain head #${b.head.seq} ${b.head.hash}. \`dues verify --head ${b.head.hash}\` shows later whether anything changed since these accounts were drawn up.`, `账本链头 #${b.head.seq} ${b.head.hash}。事后运行 \`dues verify --head ${b.head.hash}\` 可核对决算编制后账本是否被改动。`));
  const rows: Row[] = [
    heading(cell.label(text(`Notes to the final accounts ${b.year}`, `${b.year} 年度决算编制说明`))),
    ...items.map((t, i): Row => [cell.text(`${i + 1}.`), cell.label(t)]),
  ];
  return {
    name: text("Notes", "说明"),
    layout: "form",
    columns: [{ header: NO_HEADER, kind: "text", width: 4 }, { header: NO_HEADER, kind: "text", width: 100, wrap: true }],
    rows,
  };
}
