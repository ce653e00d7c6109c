// Finding a table's header row by its names, wherever it is (a title row such as
// 某某公司2026年10月工资表 may sit above it), and mapping fields to cell indexes.
// Generic: payroll, bank, budget and expense readers pass their own field specs.
import type { TableRow } from "./table.js";

export interface FieldSpec {
  /** The caller's name for the field: employee_id, base:基本工资, account … */
  readonly key: string;
  /** Accepted header names, in priority order (configured names first, then built-in). */
  readonly names: readonly string[];
  readonly required: boolean;
  /** Header names that must never be taken for this field (序号 is never an id). */
  readonly never?: readonly string[];
}

export interface HeaderResult {
  /** True when a row holds every required field. */
  readonly found: boolean;
  /** The header row, or the most likely candidate when not found (undefined: no rows at all). */
  readonly row: TableRow | undefined;
  /** Field key → 0-based cell index, for the fields present. */
  readonly columns: ReadonlyMap<string, number>;
  readonly missing: readonly FieldSpec[];
  /** Fields whose accepted name appears in more than one cell: the reader will not guess. */
  readonly ambiguous: ReadonlyArray<{ key: string; name: string; indexes: number[] }>;
  /** Index of the last non-empty header cell + 1: a data row shorter than this is cut. */
  readonly width: number;
}

const UNIT_SUFFIX = /[(\[【〔]([^()\[\]【】〔〕]{0,12})[)\]】〕]$/;
const IGNORED = /[\s\u3000\ufeff_\-.·:：*]/g;

/** Header text as compared: NFKC (full-width → half-width), lower case, no spaces or punctuation, no trailing unit like (元). */
export function normalizeHeader(s: string): string {
  let t = s.normalize("NFKC").toLowerCase().replace(IGNORED, "");
  // A unit or note in brackets at the end ("基本工资(元)", "Amount [USD]") is not part of the name.
  for (let i = 0; i < 2 && UNIT_SUFFIX.test(t); i++) {
    const stripped = t.replace(UNIT_SUFFIX, "");
    if (stripped === "") break;
    t = stripped;
  }
  return t;
}

/** Header names that are row numbers and never an id. */
export const ROW_NUMBER_NAMES: readonly string[] = ["序号", "序", "行号", "no", "#", "nr", "编号序号"];

function matchRow(row: TableRow, specs: readonly FieldSpec[]) {
  const byName = new Map<string, number[]>();
  row.cells.forEach((c, i) => {
    const n = normalizeHeader(c);
    if (n === "") return;
    const list = byName.get(n);
    if (list) list.push(i);
    else byName.set(n, [i]);
  });
  const columns = new Map<string, number>();
  const missing: FieldSpec[] = [];
  const ambiguous: { key: string; name: string; indexes: number[] }[] = [];
  const taken = new Set<number>();
  let matched = 0;
  for (const spec of specs) {
    const never = new Set((spec.never ?? []).map(normalizeHeader));
    let hit: number | undefined;
    for (const name of spec.names) {
      const n = normalizeHeader(name);
      if (n === "" || never.has(n)) continue;
      const idx = byName.get(n)?.filter((i) => !taken.has(i));
      if (!idx || idx.length === 0) continue;
      if (idx.length > 1) ambiguous.push({ key: spec.key, name: row.cells[idx[0]!]!.trim(), indexes: idx });
      hit = idx[0];
      break;
    }
    if (hit === undefined) {
      if (spec.required) missing.push(spec);
    } else {
      columns.set(spec.key, hit);
      // A base column may also be a field's column (rare); only fields are kept apart.
      if (!spec.key.startsWith("base:")) taken.add(hit);
      matched++;
    }
  }
  let width = 0;
  row.cells.forEach((c, i) => {
    if (c.trim() !== "") width = i + 1;
  });
  return { columns, missing, ambiguous, matched, width };
}

/**
 * The header among the given rows: the first that holds every required field; otherwise
 * the row matching the most fields (the one to quote in the "missing column" problem).
 */
export function findHeader(rows: readonly TableRow[], specs: readonly FieldSpec[]): HeaderResult {
  let best: (ReturnType<typeof matchRow> & { row: TableRow }) | undefined;
  for (const row of rows) {
    const m = matchRow(row, specs);
    if (m.missing.length === 0) return { found: true, row, ...m };
    // Ties go to the fuller row: a header has more cells than a title above it.
    if (!best || m.matched > best.matched || (m.matched === best.matched && m.width > best.width)) best = { ...m, row };
  }
  if (!best) return { found: false, row: undefined, columns: new Map(), missing: specs.filter((s) => s.required), ambiguous: [], width: 0 };
  return { found: false, ...best };
}

/** True when a row holds every required field (cheap test used while streaming). */
export function isHeaderRow(row: TableRow, specs: readonly FieldSpec[]): boolean {
  return matchRow(row, specs).missing.length === 0;
}
