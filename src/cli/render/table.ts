// Terminal tables: columns sized by display width (CJK counts two), amounts
// right-aligned, a rule under the header and above totals. Fits 80 columns by
// truncating the widest text column first.
import type { ChalkInstance } from "chalk";
import { displayWidth, padEnd, padStart, truncate } from "./width.js";

export interface Column {
  readonly header: string;
  readonly align?: "left" | "right";
  /** Never truncate this column (ids, amounts). */
  readonly keep?: boolean;
}

export interface Cell {
  readonly text: string;
  /** Applied after padding so colour codes do not disturb alignment. */
  readonly paint?: (s: string) => string;
}

export type Row = readonly (string | Cell)[];

export interface TableOptions {
  readonly style: ChalkInstance;
  readonly maxWidth?: number;
  /** Rows printed after a rule, in bold: the total line. */
  readonly footer?: readonly Row[];
}

const GAP = "  ";

export function renderTable(columns: readonly Column[], rows: readonly Row[], opts: TableOptions): string {
  return [...tableLines(columns, () => rows, opts)].join("\n");
}

const cell = (c: string | Cell): Cell => (typeof c === "string" ? { text: c } : c);

/**
 * The table's lines (no newlines), made as they are read: `rows` is read twice, once for
 * the column widths and once for the lines, so a long table (reconcile --affiliates: one
 * row per affiliate and month) is never all its cells or one string at once.
 */
export function* tableLines(columns: readonly Column[], rows: () => Iterable<Row>, opts: TableOptions): IterableIterator<string> {
  const widths = columns.map((col) => displayWidth(col.header));
  for (const r of [rows(), opts.footer ?? []]) {
    for (const row of r) columns.forEach((_, i) => { const c = row[i]; const w = displayWidth(c === undefined ? "" : typeof c === "string" ? c : c.text); if (w > widths[i]!) widths[i] = w; });
  }
  const max = opts.maxWidth ?? 80;
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1);
  // Shrink the widest truncatable column until the table fits (never below 6 columns).
  while (total() > max) {
    let widest = -1;
    columns.forEach((c, i) => { if (!c.keep && widths[i]! > 6 && (widest < 0 || widths[i]! > widths[widest]!)) widest = i; });
    if (widest < 0) break;
    widths[widest] = widths[widest]! - 1;
  }
  const line = (r: readonly Cell[], bold = false) =>
    columns
      .map((col, i) => {
        const c = r[i] ?? { text: "" };
        const t = truncate(c.text, widths[i]!);
        const padded = col.align === "right" ? padStart(t, widths[i]!) : padEnd(t, widths[i]!);
        const painted = c.paint ? c.paint(padded) : padded;
        return bold ? opts.style.bold(painted) : painted;
      })
      .join(GAP)
      .trimEnd();
  const header = columns.map((c, i) => (c.align === "right" ? padStart(c.header, widths[i]!) : padEnd(c.header, widths[i]!))).join(GAP).trimEnd();
  const rule = "─".repeat(Math.min(max, total()));
  yield opts.style.bold(header);
  yield rule;
  for (const r of rows()) yield line(r.map(cell));
  if (opts.footer && opts.footer.length) {
    yield rule;
    for (const r of opts.footer) yield line(r.map(cell), true);
  }
}
