// The workbook model: sheets, typed columns and rows of typed cells, with bilingual
// labels. It knows no file format (xlsx-writer.ts turns it into a file) and holds no
// float money: money cells are integer minor units, ratios are exact bigint fractions.
import type { Minor } from "../domain/money.js";
import type { Text } from "../domain/text.js";
import type { Lang } from "../domain/text.js";

/** An exact ratio num/den (0.5% is 1/200). Shown as a percentage. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

export type ColumnKind = "text" | "money" | "integer" | "percent" | "date";

export type TypedCell =
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "label"; readonly value: Text }
  | { readonly kind: "money"; readonly minor: Minor }
  | { readonly kind: "integer"; readonly value: number }
  | { readonly kind: "percent"; readonly value: Fraction }
  | { readonly kind: "date"; readonly iso: string }
  /**
   * A formula in A1 notation (no leading "="), with the value it computes, so a reader
   * that never recalculates (a viewer, a script) still sees the right figure.
   */
  | { readonly kind: "formula"; readonly formula: string; readonly cached: Exclude<TypedCell, { kind: "formula" } | { kind: "label" }> };

/**
 * A cell as a row carries it. Plain values are read by the column's kind: a string in a
 * text column is always text (never a formula, whatever it starts with); a string in a
 * date column is an ISO date; a number in a money column is minor units, in an integer
 * column a count. A TypedCell says its own kind (mixed sheets such as the cover).
 */
export type Cell = null | undefined | string | number | TypedCell;

export type RowRole = "data" | "heading" | "total" | "note";

export interface RowObject {
  readonly cells: readonly Cell[];
  readonly role: RowRole;
}

export type Row = readonly Cell[] | RowObject;

export interface Column {
  readonly header: Text;
  readonly kind: ColumnKind;
  /** Width in characters; when absent the writer fits it to the header and the rows it can see. */
  readonly width?: number;
  /** Horizontal alignment; by default text and dates sit left, numbers right. */
  readonly align?: "left" | "center" | "right";
  /** Wrap long text inside the column's width (explanations), instead of spilling over. */
  readonly wrap?: boolean;
}

/** Sums placed in a total row after the last data row (across continuation sheets too). */
export interface Totals {
  readonly label: Text;
  /** Column indexes summed (money or integer columns). */
  readonly columns: readonly number[];
}

export interface SignOff {
  /** Roles that sign, e.g. 工会主席, 经审会主任, 财务负责人, 制表. Each gets a signature and a date. */
  readonly roles: readonly Text[];
}

export interface Sheet {
  /** At most 31 characters in either language, none of : \ / ? * [ ] (Excel's rules). */
  readonly name: Text;
  /** Rows above the header (title, union, period, unit). Not repeated on continuation sheets. */
  readonly preamble?: readonly Row[];
  readonly columns: readonly Column[];
  /**
   * The body. An array is held in memory; an iterable or async iterable is streamed row by
   * row and never collected, which is how the big sheets (dues detail, journal) are written.
   */
  readonly rows: readonly Row[] | Iterable<Row> | AsyncIterable<Row>;
  /** A table has a frozen, filtered header row; a form (the cover) has neither. */
  readonly layout?: "table" | "form";
  /** Printed page orientation; tables default to landscape, forms to portrait. */
  readonly orientation?: "portrait" | "landscape";
  readonly totals?: Totals;
  /** Lines printed after the body (explanations), as text. */
  readonly notes?: readonly Text[];
  readonly signOff?: SignOff;
}

export interface Workbook {
  readonly title: Text;
  /** Minor digits of the currency: money cells are minor / 10^digits. */
  readonly digits: number;
  readonly lang: Lang;
  /** Sheets are produced one at a time, so a sheet's rows can be a live ledger query. */
  readonly sheets: readonly Sheet[] | Iterable<Sheet>;
  /** Written into the file's properties; ISO timestamp (from ctx.now(), so reproducible). */
  readonly created: string;
  readonly creator?: string;
}

/**
 * Rows made when the writer reaches their sheet, and again each time they are read: a
 * workbook's sheets are all modelled before the first is written, so rows built eagerly
 * (the statements' thousands of per-affiliate lines) would be held through the whole export.
 */
export function lazyRows(make: () => Iterable<Row>): Iterable<Row> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

export function isRowObject(r: Row): r is RowObject {
  return !Array.isArray(r);
}

export function rowCells(r: Row): readonly Cell[] {
  return isRowObject(r) ? r.cells : (r as readonly Cell[]);
}

export function rowRole(r: Row): RowRole {
  return isRowObject(r) ? r.role : "data";
}

// Small constructors, so sheet builders read like the table they describe.
export const cell = {
  text: (value: string): TypedCell => ({ kind: "text", value }),
  label: (value: Text): TypedCell => ({ kind: "label", value }),
  money: (minor: Minor): TypedCell => ({ kind: "money", minor }),
  integer: (value: number): TypedCell => ({ kind: "integer", value }),
  percent: (num: bigint, den: bigint): TypedCell => ({ kind: "percent", value: { num, den } }),
  date: (iso: string): TypedCell => ({ kind: "date", iso }),
  formula: (formula: string, cached: Exclude<TypedCell, { kind: "formula" } | { kind: "label" }>): TypedCell => ({ kind: "formula", formula, cached }),
};

export function heading(...cells: Cell[]): RowObject {
  return { cells, role: "heading" };
}

export function total(...cells: Cell[]): RowObject {
  return { cells, role: "total" };
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A national id number (身份证号) masked for a workbook: DOMAIN.md says never echo it in
 * full. Only the last four characters stay (enough to match a paper record); the region
 * code and the birth date, which identify a person, are hidden. The length is kept.
 */
export function maskNationalId(id: string): string {
  const s = id.trim();
  if (s.length <= 4) return "*".repeat(s.length);
  return "*".repeat(s.length - 4) + s.slice(-4);
}

/** Display width of text as a spreadsheet shows it: CJK and full-width characters count two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/**
 * Exact decimal text of a fraction with `places` decimals, rounded half away from zero.
 * ROUNDING: display only (percent cells); the fraction itself stays exact in the model.
 */
export function fractionToDecimal(f: Fraction, places: number): string {
  if (f.den === 0n) throw new Error("bug: fraction with zero denominator");
  const neg = (f.num < 0n) !== (f.den < 0n) && f.num !== 0n;
  const num = f.num < 0n ? -f.num : f.num;
  const den = f.den < 0n ? -f.den : f.den;
  const scale = 10n ** BigInt(places);
  let q = (num * scale) / den;
  const r = (num * scale) % den;
  if (r * 2n >= den) q += 1n;
  const s = q.toString().padStart(places + 1, "0");
  const whole = places === 0 ? s : s.slice(0, s.length - places);
  const frac = places === 0 ? "" : "." + s.slice(s.length - places);
  return (neg && q !== 0n ? "-" : "") + whole + frac;
}
