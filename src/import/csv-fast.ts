// The common case of a CSV file, tokenized by papaparse (about 3.5x csv-parse's CPU per
// million rows, decoding included: docs/import.md "2026-12-07 night: the reader"), with
// csv-parse kept for everything else. Each decoded piece is checked before papaparse sees
// it for what papaparse would read differently from csv-parse with the import's options:
// another kind of line break than the file's first, white space after a quote (papaparse
// skips it after a closing quote), a record carried over 250,000 characters (csv-parse
// stops at 1,000,000 bytes); papaparse's own quote errors count too. At the first such
// piece the fast path stops for good and hands back the text not yet consumed, which
// starts at a record boundary: the caller gives it and the rest of the file to csv-parse,
// so every problem is csv-parse's as before. test/import/csv-fast.test.ts compares both
// paths over generated CSV (DUES_CSV_FAST=0 reads by csv-parse alone).
import Papa from "papaparse";

/** A record carried over longer than this (UTF-16 units) goes to csv-parse: 315k units stay under its 1,000,000 bytes. */
const MAX_CARRIED = 250_000;

export class FastCsv {
  private partial = "";
  private newline: "\r\n" | "\n" | "\r" | null = null;
  private readonly spaceAfterQuote: RegExp;
  /** True once a piece was handed back: the rest of the file is csv-parse's. */
  stopped = false;

  constructor(private readonly delimiter: string) {
    const d = delimiter.replace(/[\\\]^-]/g, "\\$&");
    this.spaceAfterQuote = new RegExp(`"[^\\S\\r\\n${d}]`);
  }

  /**
   * The complete records of the text so far (with the piece carried from before), or a
   * string: the text not consumed, for csv-parse, when something unusual is in it.
   * final: no text follows (call with "" at the end of the file).
   */
  write(s: string, final: boolean): string[][] | string {
    const carriedLong = this.partial.length > MAX_CARRIED;
    const whole = this.partial + s;
    this.partial = "";
    if (carriedLong) return this.stop(whole);
    // A CR at the end may be the first half of a CRLF: held back until the next piece.
    const held = !final && whole.endsWith("\r");
    const input = held ? whole.slice(0, -1) : whole;
    if (this.newline === null) {
      const i = input.search(/[\r\n]/);
      if (i === -1 && !final) { this.partial = whole; return []; }
      this.newline = i === -1 ? "\r\n" : input[i] === "\n" ? "\n" : input[i + 1] === "\n" ? "\r\n" : i + 1 === input.length && !final ? null : "\r";
      if (this.newline === null) { this.partial = whole; return []; }
    }
    if (!this.plain(input)) return this.stop(whole);
    const parser = () => new Papa.Parser({ delimiter: this.delimiter, newline: this.newline! });
    // Complete records first; the final piece (no line break after it) alone, since papaparse
    // gives a [""] record after a trailing line break in a final piece.
    const r = parser().parse(input, 0, true);
    if (r.errors.length > 0) return this.stop(whole);
    let rows = r.data as string[][];
    let rest = input.slice(r.meta.cursor);
    if (final && rest !== "") {
      const r2 = parser().parse(rest, 0, false);
      if (r2.errors.length > 0) return this.stop(whole);
      rows = rows.concat(r2.data as string[][]);
      rest = "";
    }
    this.partial = held ? rest + "\r" : rest;
    return rows;
  }

  private stop(text: string): string {
    this.stopped = true;
    return text;
  }

  /** Nothing in the text that papaparse reads differently from csv-parse (see the top). */
  private plain(input: string): boolean {
    const nl = this.newline;
    if (nl === "\r\n") {
      let lf = 0;
      for (let i = input.indexOf("\n"); i !== -1; i = input.indexOf("\n", i + 1)) {
        if (input.charCodeAt(i - 1) !== 13) return false;
        lf++;
      }
      let cr = 0;
      for (let i = input.indexOf("\r"); i !== -1; i = input.indexOf("\r", i + 1)) cr++;
      if (cr !== lf) return false;
    } else if (nl === "\n") {
      if (input.indexOf("\r") !== -1) return false;
    } else if (input.indexOf("\n") !== -1) return false;
    return input.indexOf('"') === -1 || !this.spaceAfterQuote.test(input);
  }
}
