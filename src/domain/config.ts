// The typed configuration (SPEC §3) that every command reads. The validation that
// turns a parsed dues.yaml into this (every problem at once, with line and column)
// also lives here; reading the file and YAML parsing live in import/config-file.ts.
import type { Currency } from "./money.js";
import type { Rate, Scheme } from "./scheme.js";
import type { Lang } from "./text.js";

export type ChartId = "cn-2021-base" | "cn-2021-county" | "generic";

export interface Body {
  readonly id: string;
  readonly name: string;
}

/** How one kind of input file is read: payroll (default), a bank statement, ... */
export interface SourceConfig {
  readonly name: string;
  /** auto | utf-8 | gb18030 | big5 | utf-16le | utf-16be | windows-1252 ... */
  readonly encoding: string;
  /** auto or the delimiter character. */
  readonly delimiter: string;
  readonly decimalMark: "." | ",";
  /** For xlsx inputs: the sheet to read (default: the first). */
  readonly sheet?: string;
  /** Field name → header names accepted (built-in zh/en synonyms are added by the reader). */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** Base name → the columns summed to make it. */
  readonly bases: Readonly<Record<string, readonly string[]>>;
}

export interface LateFee {
  /** Per day, e.g. 0.5% (5‰, Beijing). */
  readonly perDay: Rate;
  /** principal: never more than the amount late (Chongqing); null: no cap. */
  readonly cap: "principal" | null;
}

export interface Config {
  readonly union: {
    readonly name: string;
    readonly currency: Currency;
    readonly locale: Lang;
    readonly chart: ChartId;
  };
  readonly bodies: readonly Body[];
  readonly sources: Readonly<Record<string, SourceConfig>>;
  readonly membership: "column" | "all" | "roster";
  /** Remittances for a month are due on this day of the next month. */
  readonly dueDay: number;
  readonly lateFee: LateFee | null;
  /** Sorted by effectiveFrom, oldest first. */
  readonly schemes: readonly Scheme[];
  /** The ledger path named in the file, if any (relative to the file's folder). */
  readonly ledgerPath?: string;
  /** The exact text of the file and its SHA-256 (hex), recorded with every import. */
  readonly text: string;
  readonly sha256: string;
}
