// Problems are values: every stage returns them instead of throwing, so one run can
// report every mistake at once. Throw only for bugs; `Refusal` is the one exception,
// used to stop a command with problems that map to an exit code in cli/exit-codes.ts.
import { Text } from "./text.js";

export type Severity = "error" | "warning";

export interface Problem {
  /** Stable code, e.g. PAYROLL_AMOUNT_UNREADABLE. Tests assert codes, not wording. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: Text;
  readonly hint?: Text;
  /** Where: file name as the user gave it, 1-based line and column. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The text of the offending line, for the caret display. */
  readonly source?: string;
}

export function problem(
  code: string,
  message: Text,
  where: { file?: string; line?: number; column?: number; source?: string; hint?: Text; severity?: Severity } = {},
): Problem {
  const { severity = "error", ...rest } = where;
  return { code, severity, message, ...rest };
}

export function warning(code: string, message: Text, where: Omit<Parameters<typeof problem>[2], "severity"> = {}): Problem {
  return problem(code, message, { ...where, severity: "warning" });
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** The result of a stage: a value (when usable) and every problem found on the way. */
export interface Checked<T> {
  readonly value: T | undefined;
  readonly problems: readonly Problem[];
}

/**
 * Why a command stopped without changing anything. Kinds map to exit codes (SPEC §7):
 * usage 64, data 65, missing 66, cannot-write 73.
 */
export type RefusalKind = "usage" | "data" | "missing" | "cannot-write";

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => `${p.code}: ${p.message.en}`).join("; "));
    this.name = "Refusal";
  }
}
