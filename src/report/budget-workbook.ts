// The budget workbook (SPEC §6) as a model: cover with the approval block, budget
// execution (年初预算 / 调整 / 调整后 / 实际 / 差异 / 执行率 as live formulas with their
// values cached), actuals month by month, and next year's editable draft. No file format here.
import { type Approval, type BudgetKind, type DraftLine, type Execution, type ExecutionFigures, type ExecutionRow } from "../domain/budget.js";
import { formatMinor, type Minor } from "../domain/money.js";
import { text, type Lang, type Text } from "../domain/text.js";
import { cell, columnLetter, heading, total, type Cell, type Row, type Sheet, type TypedCell, type Workbook } from "./model.js";

export interface BudgetWorkbookInput {
  readonly union: string;
  readonly currency: string;
  readonly digits: number;
  readonly lang: Lang;
  readonly createdAt: string;
  readonly execution: Execution;
  readonly version: VersionInfo | null;
  /** Every version of the year, oldest first: the cover lists them as the audit trail. */
  readonly history: readonly (VersionInfo & { readonly sha256: string })[];
  /** Budget line notes (说明) by account. */
  readonly notes: ReadonlyMap<string, string>;
  /** Actual per account (leaves as booked) and month of the year: `${account}@${YYYY-MM}` → minor units. */
  readonly monthly: ReadonlyMap<string, Minor>;
  /** The financial year's twelve months, in order (financial_year_start). */
  readonly months: readonly string[];
  readonly draft: readonly DraftLine[];
}

export interface VersionInfo {
  readonly number: number;
  readonly kind: BudgetKind;
  readonly file: string;
  readonly importedAt: string;
  readonly approval: Approval | null;
}

export const SIGN_OFF_ROLES: readonly Text[] = [
  text("Union chair", "工会主席"),
  text("Chair of the funds audit committee", "经费审查委员会主任"),
  text("Head of finance", "财务负责人"),
  text("Prepared by", "制表"),
];

const OVER = text("▲ over budget", "▲超支");

const NO_HEADER: Text = { en: "", zh: "" };

export type Cached = Exclude<TypedCell, { kind: "formula" } | { kind: "label" }>;
/** A money cell (also usable as a formula's cached value). */
export const mc = (minor: Minor): Cached => ({ kind: "money", minor });

export function budgetWorkbook(b: BudgetWorkbookInput): Workbook {
  const y = b.execution.year;
  return {
    title: text(`Budget ${y}`, `${y} 年度工会经费预算`),
    digits: b.digits,
    lang: b.lang,
    created: b.createdAt,
    creator: "dues",
    sheets: [cover(b), execution(b), monthly(b), draft(b)],
  };
}

/** Row numbers of a table sheet: the preamble, then the header, then data from here. */
export const firstDataRow = (preamble: readonly Row[]) => preamble.length + 2;

function money(digits: number, m: Minor): string {
  return formatMinor(m, digits);
}

/**
 * A parent's cell as a live formula: its own part (the figure less its sub-accounts',
 * normally zero: the ledger books to leaves) plus the sub-accounts' cells.
 */
export function sumFormula(col: string, own: Minor, childRows: readonly number[], digits: number): string {
  const refs = childRows.map((r) => `${col}${r}`);
  if (own !== 0) refs.unshift(money(digits, own));
  return refs.join("+").replace(/\+-/g, "-") || "0";
}

function cover(b: BudgetWorkbookInput): Sheet {
  const e = b.execution;
  const v = b.version;
  const a = v?.approval ?? null;
  const blank = text("(not recorded: fill in by hand)", "（未登记，请手工填写）");
  const kv = (k: Text, val: Cell): Row => [cell.label(k), val];
  const rows: Row[] = [
    heading(cell.label(text(`${b.union}: budget ${e.year} and its execution`, `${b.union} ${e.year} 年度工会经费预算及执行情况`))),
    kv(text("Union", "工会名称"), b.union),
    kv(text("Fiscal year", "预算年度"), cell.integer(e.year)),
    kv(text("Actuals up to", "实际数截至"), cell.date(e.asOf)),
    kv(text("Currency", "币种"), b.currency),
    kv(text("Budget version", "预算版本"), v ? cell.label(text(`${v.number} (${v.kind === "adopted" ? "adopted" : "mid-year adjustment"})`, `第 ${v.number} 版（${v.kind === "adopted" ? "年初预算" : "年中调整"}）`)) : cell.label(text("no budget imported", "尚未导入预算"))),
    kv(text("Budget file", "预算文件"), v ? v.file : ""),
    kv(text("Generated on", "生成日期"), cell.date(b.createdAt.slice(0, 10))),
    [],
    heading(cell.label(text("Approval", "审批"))),
    kv(text("Approved by (committee session)", "审批会议（工会委员会）"), a ? a.by : cell.label(blank)),
    kv(text("Approved on", "审批日期"), a ? cell.date(a.date) : cell.label(blank)),
    kv(text("Reviewed by (经审会 session)", "经费审查委员会审查会议"), a?.review ? a.review : cell.label(blank)),
    kv(text("Reviewed on", "审查日期"), a?.reviewDate ? cell.date(a.reviewDate) : cell.label(blank)),
  ];
  if (b.history.length > 0) {
    rows.push([], heading(cell.label(text("Versions of the year (audit trail)", "本年度预算版本记录"))));
    for (const h of b.history) {
      const kind = h.kind === "adopted" ? text("adopted", "年初预算") : text("mid-year adjustment", "年中调整");
      const approved = h.approval
        ? text(`approved by ${h.approval.by} on ${h.approval.date}`, `${h.approval.date} 经${h.approval.by}审批`)
        : text("not approved", "未审批");
      rows.push(kv(
        text(`Version ${h.number} (${kind.en})`, `第 ${h.number} 版（${kind.zh}）`),
        cell.label(text(`${h.file}, imported ${h.importedAt.slice(0, 10)}, SHA-256 ${h.sha256.slice(0, 12)}…; ${approved.en}`, `${h.file}，${h.importedAt.slice(0, 10)} 导入，SHA-256 ${h.sha256.slice(0, 12)}…；${approved.zh}`)),
      ));
    }
  }
  return {
    name: text("Cover", "封面"),
    layout: "form",
    // A form shows no header row, so its columns have none.
    columns: [36, 44, 4, 8, 16].map((width) => ({ header: NO_HEADER, kind: "text" as const, width })),
    rows,
    signOff: { roles: SIGN_OFF_ROLES },
  };
}

function rateCell(f: ExecutionFigures, e: string, act: string, r: number): TypedCell {
  return ratioCell(f.rate, `${act}${r}`, `${e}${r}`);
}

/**
 * num ÷ den as a live percentage, "—" when den is zero. ROUNDING: ROUND(…, 4) is the
 * percentage to two places, half away from zero, the same rule as executionRate; the
 * cached value is that exact figure (hundredths of a percent).
 */
export function ratioCell(rate: bigint | null, num: string, den: string): TypedCell {
  return cell.formula(`IF(${den}=0,"—",ROUND(${num}/${den},4))`, rate === null ? { kind: "text", value: "—" } : { kind: "percent", value: { num: rate, den: 10000n } });
}

export function indent(r: { depth: number; name: Text }): Text {
  const pad = "\u3000".repeat(r.depth);
  return text(pad + r.name.en, pad + r.name.zh);
}

function childrenRows(rows: readonly { account: string; parent: string | null }[], start: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  rows.forEach((r, i) => { if (r.parent !== null) out.set(r.parent, [...(out.get(r.parent) ?? []), start + i]); });
  return out;
}

function execution(b: BudgetWorkbookInput): Sheet {
  const e = b.execution;
  const d = b.digits;
  const preamble: Row[] = [
    heading(cell.label(text(`Budget execution ${e.year}, actuals to ${e.asOf}`, `${e.year} 年度预算执行情况（实际数截至 ${e.asOf}）`))),
    [cell.label(text(`Union: ${b.union}    Unit: ${b.currency}`, `单位：${b.union}    金额单位：${b.currency === "CNY" ? "元" : b.currency}`))],
  ];
  const first = firstDataRow(preamble);
  const kids = childrenRows(e.rows, first);
  const rowOf = new Map(e.rows.map((r, i) => [r.account, first + i]));
  const childFigures = (r: ExecutionRow, pick: (x: ExecutionRow) => Minor) =>
    (kids.get(r.account) ?? []).reduce((t, row) => t + pick(e.rows[row - first]!), 0);
  const line = (r: ExecutionRow, n: number): Row => {
    const ch = kids.get(r.account) ?? [];
    const val = (col: string, f: (x: ExecutionRow) => Minor): Cell =>
      ch.length ? cell.formula(sumFormula(col, f(r) - childFigures(r, f), ch, d), mc(f(r))) : mc(f(r));
    return {
      cells: [
        r.account, cell.label(indent(r)),
        val("C", (x) => x.budget), val("D", (x) => x.adjustment),
        cell.formula(`C${n}+D${n}`, mc(r.adjusted)),
        val("F", (x) => x.actual),
        cell.formula(`E${n}-F${n}`, mc(r.variance)),
        rateCell(r, "E", "F", n),
        b.notes.get(r.account) ?? "",
        r.overBudget ? cell.label(OVER) : "",
        "",
      ],
      role: r.hasChildren ? "heading" : "data",
    };
  };
  const rows: Row[] = e.rows.map((r, i) => line(r, first + i));
  // Subtotals: the top-level rows of each class, as formulas over their cells.
  const totalRow = (label: Text, f: ExecutionFigures, cls: "income" | "spending", n: number): Row => {
    const tops = e.rows.filter((r) => r.parent === null && r.class === cls).map((r) => rowOf.get(r.account)!);
    const sum = (col: string, m: Minor) => cell.formula(tops.length ? tops.map((x) => `${col}${x}`).join("+") : "0", mc(m));
    return total(
      null, cell.label(label), sum("C", f.budget), sum("D", f.adjustment),
      cell.formula(`C${n}+D${n}`, mc(f.adjusted)), sum("F", f.actual),
      cell.formula(`E${n}-F${n}`, mc(f.variance)), rateCell(f, "E", "F", n), null,
      f.overBudget ? cell.label(OVER) : null,
    );
  };
  const nIncome = first + rows.length;
  rows.push(totalRow(text("Income total", "收入合计"), e.totals.income, "income", nIncome));
  rows.push(totalRow(text("Spending total", "支出合计"), e.totals.spending, "spending", nIncome + 1));
  const ti = e.totals.income;
  const ts = e.totals.spending;
  rows.push(total(
    null, cell.label(text("Income less spending", "收支差额")),
    cell.formula(`C${nIncome}-C${nIncome + 1}`, mc(ti.budget - ts.budget)),
    cell.formula(`D${nIncome}-D${nIncome + 1}`, mc(ti.adjustment - ts.adjustment)),
    cell.formula(`E${nIncome}-E${nIncome + 1}`, mc(ti.adjusted - ts.adjusted)),
    cell.formula(`F${nIncome}-F${nIncome + 1}`, mc(ti.actual - ts.actual)),
    null, null, null, null,
  ));
  return {
    name: text("Budget execution", "预算执行"),
    preamble,
    columns: [
      { header: text("Account", "科目编码"), kind: "text", width: 10 },
      { header: text("Name", "科目名称"), kind: "text", width: 30 },
      { header: text("Budget", "年初预算"), kind: "money", width: 16 },
      { header: text("Adjustment", "调整"), kind: "money", width: 14 },
      { header: text("Adjusted", "调整后"), kind: "money", width: 16 },
      { header: text("Actual", "实际"), kind: "money", width: 16 },
      { header: text("Variance", "差异"), kind: "money", width: 16 },
      { header: text("Rate", "执行率"), kind: "percent", width: 10 },
      { header: text("Note", "说明"), kind: "text", width: 24 },
      { header: text("Flag", "标记"), kind: "text", width: 12 },
      // Left blank for the treasurer: the 经审会 asks for every variance to be explained.
      { header: text("Variance explained", "差异说明"), kind: "text", width: 30 },
    ],
    rows,
    notes: [
      text("Adjusted = budget + adjustment; variance = adjusted − actual; rate = actual ÷ adjusted (— where nothing is budgeted).",
        "调整后 = 年初预算 + 调整；差异 = 调整后 − 实际；执行率 = 实际 ÷ 调整后（无预算的科目为“—”）。"),
      text("Actuals: spending accounts' net debits and income accounts' net credits booked in the year, dated up to the as-of date.",
        "实际数：本年度各支出科目借方净额、收入科目贷方净额，截至所列日期。"),
      text("▲ marks spending above its adjusted budget: the audit committee asks for the reason.", "▲ 表示支出超过调整后预算，经审会将要求说明原因。"),
    ],
  };
}

function monthly(b: BudgetWorkbookInput): Sheet {
  const e = b.execution;
  const d = b.digits;
  const months = b.months;
  const preamble: Row[] = [heading(cell.label(text(`Actuals by month ${e.year} (to ${e.asOf})`, `${e.year} 年度各月实际数（截至 ${e.asOf}）`)))];
  const first = firstDataRow(preamble);
  const kids = childrenRows(e.rows, first);
  // Each row's month figures: its own bookings plus its sub-accounts'.
  const figures = new Map<string, Minor[]>();
  const of = (r: ExecutionRow): Minor[] => {
    const done = figures.get(r.account);
    if (done) return done;
    const own = months.map((p) => b.monthly.get(`${r.account}@${p}`) ?? 0);
    const sums = [...own];
    for (const n of kids.get(r.account) ?? []) of(e.rows[n - first]!).forEach((v, i) => { sums[i]! += v; });
    figures.set(r.account, sums);
    return sums;
  };
  const rows: Row[] = e.rows.map((r, i) => {
    const n = first + i;
    const ch = kids.get(r.account) ?? [];
    const vals = of(r);
    const cells: Cell[] = [r.account, cell.label(indent(r))];
    vals.forEach((v, m) => {
      const col = columnLetter(2 + m);
      const own = v - ch.reduce((t, row) => t + of(e.rows[row - first]!)[m]!, 0);
      cells.push(ch.length ? cell.formula(sumFormula(col, own, ch, d), mc(v)) : mc(v));
    });
    cells.push(cell.formula(`SUM(C${n}:${columnLetter(13)}${n})`, mc(vals.reduce((t, v) => t + v, 0))));
    return { cells, role: r.hasChildren ? "heading" : "data" };
  });
  for (const cls of ["income", "spending"] as const) {
    const tops = e.rows.filter((r) => r.parent === null && r.class === cls);
    const cells: Cell[] = [null, cell.label(cls === "income" ? text("Income total", "收入合计") : text("Spending total", "支出合计"))];
    for (let m = 0; m <= 12; m++) {
      const col = columnLetter(2 + m);
      const v = tops.reduce((t, r) => t + (m < 12 ? of(r)[m]! : of(r).reduce((a, x) => a + x, 0)), 0);
      cells.push(cell.formula(tops.length ? tops.map((r) => `${col}${first + e.rows.indexOf(r)}`).join("+") : "0", mc(v)));
    }
    rows.push(total(...cells));
  }
  return {
    name: text("Actuals by month", "分月实际"),
    preamble,
    columns: [
      { header: text("Account", "科目编码"), kind: "text", width: 10 },
      { header: text("Name", "科目名称"), kind: "text", width: 28 },
      // The financial year's own months (a July–June year begins with Jul); the year shown where it changes.
      ...months.map((p, i) => {
        const m = Number(p.slice(5, 7)) - 1;
        const withYear = i === 0 || m === 0 ? (b.months[0]!.endsWith("-01") ? "" : `${p.slice(0, 4)} `) : "";
        return { header: text(`${withYear}${monthEn(m)}`, `${withYear ? `${p.slice(0, 4)}年` : ""}${m + 1}月`), kind: "money" as const, width: 13 };
      }),
      { header: text("Year", "全年"), kind: "money", width: 15 },
    ],
    rows,
  };
}

function monthEn(i: number): string {
  return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][i]!;
}

function draft(b: BudgetWorkbookInput): Sheet {
  const e = b.execution;
  const next = e.year + 1;
  const d = b.digits;
  const preamble: Row[] = [
    heading(cell.label(text(`Draft budget ${next} (seeded from ${e.year}; edit the proposals)`, `${next} 年度预算草案（据 ${e.year} 年预算与实际生成，可修改建议数）`))),
    [cell.label(text(`Union: ${b.union}`, `单位：${b.union}`))],
  ];
  const first = firstDataRow(preamble);
  const kids = childrenRows(b.draft, first);
  const rows: Row[] = b.draft.map((l, i) => {
    const n = first + i;
    const ch = kids.get(l.account) ?? [];
    // Leaves hold editable numbers; parents add up their sub-accounts live, so an edit flows up.
    const proposed: Cell = ch.length ? cell.formula(sumFormula("E", l.proposedOwn, ch, d), mc(l.proposed)) : mc(l.proposed);
    return {
      cells: [
        l.account, cell.label(indent(l)), mc(l.thisYearAdjusted), mc(l.thisYearActual), proposed,
        cell.formula(`E${n}-C${n}`, mc(l.proposed - l.thisYearAdjusted)), "",
      ],
      role: l.hasChildren ? "heading" : "data",
    };
  });
  for (const cls of ["income", "spending"] as const) {
    const tops = b.draft.map((l, i) => ({ l, n: first + i })).filter((x) => x.l.parent === null && x.l.class === cls);
    const n = first + rows.length;
    const sum = (col: string, m: Minor) => cell.formula(tops.length ? tops.map((x) => `${col}${x.n}`).join("+") : "0", mc(m));
    const pickSum = (f: (l: DraftLine) => Minor) => tops.reduce((t, x) => t + f(x.l), 0);
    rows.push(total(
      null, cell.label(cls === "income" ? text("Income total", "收入合计") : text("Spending total", "支出合计")),
      sum("C", pickSum((l) => l.thisYearAdjusted)), sum("D", pickSum((l) => l.thisYearActual)), sum("E", pickSum((l) => l.proposed)),
      cell.formula(`E${n}-C${n}`, mc(pickSum((l) => l.proposed) - pickSum((l) => l.thisYearAdjusted))), null,
    ));
  }
  return {
    name: text(`Draft ${next}`, `${next}预算草案`),
    preamble,
    columns: [
      { header: text("Account", "科目编码"), kind: "text", width: 10 },
      { header: text("Name", "科目名称"), kind: "text", width: 30 },
      { header: text(`${e.year} adjusted budget`, `${e.year}年调整后预算`), kind: "money", width: 18 },
      { header: text(`${e.year} actual (to ${e.asOf})`, `${e.year}年实际（截至${e.asOf}）`), kind: "money", width: 20 },
      { header: text(`${next} proposed`, `${next}年建议数`), kind: "money", width: 18 },
      { header: text("Change", "增减"), kind: "money", width: 16 },
      { header: text("Reason", "说明"), kind: "text", width: 30 },
    ],
    rows,
    notes: [
      text("Proposed: spending at the larger of this year's adjusted budget and its actual; income at this year's adjusted budget (its actual where nothing was budgeted). Edit the white cells; parents and totals follow.",
        "建议数：支出按本年调整后预算与实际数孰高；收入按本年调整后预算（无预算者按实际数）。修改明细科目的建议数，上级科目和合计自动更新。"),
    ],
    signOff: { roles: SIGN_OFF_ROLES },
  };
}
