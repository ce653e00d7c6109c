// A statutory statement (收入支出表 / 资产负债表, domain/statements.ts) as a workbook sheet:
// title block, one row per line, and totals written as formulas over the rows above
// them, each with its computed value cached.
import type { Statement, StatementLine } from "../domain/statements.js";
import { text, type Text } from "../domain/text.js";
import { cell, columnLetter, lazyRows, type Cell, type Row, type Sheet, type TypedCell } from "./model.js";

export interface StatementSheetOptions {
  readonly union: string;
  /** What the columns cover, e.g. "2026-01 – 2026-10" or "as of 2026-10-31". */
  readonly range: Text;
  /** The currency's unit for the title block: 元 / yuan. */
  readonly unit: Text;
  readonly sheetName?: Text;
}

const FIRST_AMOUNT_COL = 2; // A: line, B: code, C…: amounts

/** Indents sub-accounts with full-width spaces, as the printed forms do. */
function indented(label: Text, level: number): Text {
  const pad = "\u3000".repeat(level);
  return text(pad + label.en, pad + label.zh);
}

export function statementSheet(st: Statement, o: StatementSheetOptions): Sheet {
  const preamble: Row[] = [
    [cell.label(st.title)],
    // The form number only on the cn-2021 charts (null on generic); the row stays, so the
    // layout (and every formula's row) is the same on every chart.
    [st.form === null ? null : cell.label(text(`Form ${st.form}`, st.form)), null, cell.text(o.union)],
    [cell.label(o.range), null, cell.label(text(`Unit: ${o.unit.en}`, `单位：${o.unit.zh}`))],
  ];
  const headerRow = preamble.length + 1;
  const rowOf = (i: number) => headerRow + 1 + i;
  const n = st.columns.length;

  // Which rows each total adds up: the top-level account lines since the last total
  // (or, for the result lines, the totals named below).
  const formulas = new Map<number, (col: string) => string>();
  const totals: number[] = [];
  let section: number[] = [];
  st.lines.forEach((l, i) => {
    if (l.role === "heading") section = [];
    else if (l.role === "account" && l.level === 0) section.push(i);
    else if (l.role === "total") {
      const rows = section.map(rowOf);
      formulas.set(i, (c) => (rows.length ? `SUM(${rows.map((r) => `${c}${r}`).join(",")})` : "0"));
      totals.push(i);
      section = [];
    }
  });
  const result = st.lines.findIndex((l) => l.role === "result");
  if (result >= 0 && st.kind === "income" && totals.length >= 2) {
    const [inc, spend] = [rowOf(totals[0]!), rowOf(totals[1]!)];
    formulas.set(result, (c) => `${c}${inc}-${c}${spend}`);
  }
  if (st.kind === "balance" && totals.length >= 3) {
    // 净资产合计 also adds the line for income and spending not yet carried forward.
    const netTotal = totals[2]!;
    const netRows = st.lines.map((l, i) => ({ l, i })).filter(({ l, i }) => i > totals[1]! && i < netTotal && l.role === "account" && l.level === 0).map(({ i }) => rowOf(i));
    formulas.set(netTotal, (c) => `SUM(${netRows.map((r) => `${c}${r}`).join(",")})`);
    if (result >= 0) formulas.set(result, (c) => `${c}${rowOf(totals[1]!)}+${c}${rowOf(netTotal)}`);
  }

  // Made as the writer reaches the sheet (a federation's statements have a line per affiliate).
  const rows = lazyRows(function* () {
    for (const [i, l] of st.lines.entries()) yield lineRow(l, i);
  });
  const lineRow = (l: StatementLine, i: number): Row => {
    const cells: Cell[] = [cell.label(indented(l.label, l.level)), l.role === "account" ? l.code : null];
    for (let k = 0; k < n; k++) {
      if (l.role === "heading") { cells.push(null); continue; }
      const value: TypedCell = cell.money(l.amounts[k]!);
      const f = formulas.get(i);
      cells.push(f ? cell.formula(f(columnLetter(FIRST_AMOUNT_COL + k)), value as Extract<TypedCell, { kind: "money" }>) : value);
    }
    return { cells, role: l.role === "heading" ? "heading" : l.role === "account" ? "data" : "total" };
  };

  return {
    name: o.sheetName ?? st.title,
    // The printed forms (工会01表, 工会02表) are portrait pages.
    orientation: "portrait",
    preamble,
    columns: [
      { header: text("Item", "项目"), kind: "text" },
      { header: text("Account", "科目编码"), kind: "text", width: 10 },
      ...st.columns.map((c) => ({ header: c.label, kind: "money" as const, width: 18 })),
    ],
    rows,
    notes: st.unknownAccounts.length
      ? [text(`Postings to accounts not in the chart: ${st.unknownAccounts.join(", ")}`, `科目表之外的科目有记账：${st.unknownAccounts.join("、")}`)]
      : undefined,
  };
}
