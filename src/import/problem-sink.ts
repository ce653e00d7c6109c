// Collects the problems of one file read: counts every one, stores a capped number, and
// turns "field 7 of the record at line 12" into a character column and the line's text
// at the end (one extra read, only when there are such problems), so the hot path stays cheap.
import { problem, type Problem, type Severity } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";

export interface PendingProblem {
  readonly code: string;
  readonly message: Text;
  readonly hint?: Text;
  readonly severity?: Severity;
  /** Physical line where the record starts (1-based). */
  readonly line?: number;
  /** 0-based index of the cell; resolved to a 1-based character column at the end. */
  readonly field?: number;
  /** A column already known (xlsx: the cell's column number). */
  readonly column?: number;
  /** Physical lines the record spans beyond its first (quoted newlines). */
  readonly span?: number;
  /** The line's text when the caller has it (no re-read needed for problems without a field). */
  readonly source?: string;
}

/** Gives the text of the requested physical lines (those it can find). */
export type LineSource = (lines: ReadonlySet<number>) => Promise<Map<number, string>>;

export class ProblemSink {
  private readonly stored: PendingProblem[] = [];
  private extraErrors = 0;
  private extraWarnings = 0;
  private errors = 0;

  constructor(
    readonly file: string,
    readonly area: string,
    readonly max = 1000,
  ) {}

  add(p: PendingProblem): void {
    if ((p.severity ?? "error") === "error") this.errors++;
    if (this.stored.length < this.max) this.stored.push(p);
    else if ((p.severity ?? "error") === "error") this.extraErrors++;
    else this.extraWarnings++;
  }

  /** A table-level code: the area prefix plus the name, e.g. PAYROLL_NOT_TEXT. */
  code(name: string): string {
    return `${this.area}_${name}`;
  }

  get errorCount(): number {
    return this.errors;
  }

  get count(): number {
    return this.stored.length + this.extraErrors + this.extraWarnings;
  }

  /** The problems as values, in file order, with columns and source text where a line source can give them. */
  async finalize(delimiter: string, lines?: LineSource): Promise<Problem[]> {
    const wanted = new Set<number>();
    for (const p of this.stored) {
      if (p.line !== undefined && p.column === undefined && !(p.source !== undefined && p.field === undefined)) {
        for (let l = p.line; l <= p.line + Math.min(p.span ?? 0, 50); l++) wanted.add(l);
      }
    }
    const texts = lines && wanted.size > 0 ? await lines(wanted) : new Map<number, string>();
    const out = this.stored.map((p, i) => ({ p: this.resolve(p, delimiter, texts), i }));
    // File order; problems without a line (file-level) first; stable otherwise.
    out.sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i);
    const result = out.map((x) => x.p);
    const extra = this.extraErrors + this.extraWarnings;
    if (extra > 0) {
      result.push(
        problem(
          this.code("MORE_PROBLEMS"),
          text(
            `…and ${extra} more problems (${this.extraErrors} errors, ${this.extraWarnings} warnings) not listed; fix these first`,
            `……另有 ${extra} 个问题未列出（错误 ${this.extraErrors} 个，警告 ${this.extraWarnings} 个）；请先修正以上问题`,
          ),
          { file: this.file, severity: this.extraErrors > 0 ? "error" : "warning" },
        ),
      );
    }
    return result;
  }

  private resolve(p: PendingProblem, delimiter: string, texts: Map<number, string>): Problem {
    let line = p.line;
    let column = p.column;
    let source: string | undefined = p.source;
    // Without a delimiter (xlsx) a cell's index is its column number.
    if (column === undefined && p.field !== undefined && delimiter === "") column = p.field + 1;
    if (line !== undefined && column === undefined && !(p.source !== undefined && p.field === undefined)) {
      const first = texts.get(line);
      if (first !== undefined) {
        if (p.field !== undefined && delimiter !== "") {
          const recordLines = [first];
          for (let l = line + 1; l <= line + Math.min(p.span ?? 0, 50) && texts.has(l); l++) recordLines.push(texts.get(l)!);
          const at = locateField(recordLines, p.field, delimiter);
          line += at.lineOffset;
          column = at.column;
          source = recordLines[at.lineOffset];
        } else {
          source = first;
        }
      }
    } else if (line !== undefined && source === undefined) {
      source = texts.get(line);
    }
    return problem(p.code, p.message, { file: this.file, line, column, source, hint: p.hint, severity: p.severity ?? "error" });
  }
}

/**
 * Where field `field` (0-based) starts in a record's physical lines, quote-aware: the line
 * offset and the 1-based column in code points. A field past the last one points just
 * after the end of the record (where the missing cells should have been).
 */
export function locateField(recordLines: readonly string[], field: number, delimiter: string): { lineOffset: number; column: number } {
  let idx = 0;
  let inQuotes = false;
  let atFieldStart = true;
  for (let li = 0; li < recordLines.length; li++) {
    const chars = Array.from(recordLines[li]!);
    for (let c = 0; c < chars.length; c++) {
      if (atFieldStart && idx === field) return { lineOffset: li, column: c + 1 };
      const ch = chars[c]!;
      if (atFieldStart && ch === '"') {
        inQuotes = true;
        atFieldStart = false;
        continue;
      }
      atFieldStart = false;
      if (inQuotes) {
        if (ch === '"') {
          if (chars[c + 1] === '"') c++;
          else inQuotes = false;
        }
      } else if (ch === delimiter) {
        idx++;
        atFieldStart = true;
      }
    }
    // Outside quotes the record ends with its line: the field is here or missing.
    if (!inQuotes) return { lineOffset: li, column: chars.length + 1 };
  }
  const li = Math.max(0, recordLines.length - 1);
  return { lineOffset: li, column: Array.from(recordLines[li] ?? "").length + 1 };
}
