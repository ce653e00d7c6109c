// Problems as a treasurer reads them: FILE:LINE:COL: error[CODE] message, the line
// with a caret under the column, then a hint. Or, with --json, one JSON document.
import type { ChalkInstance } from "chalk";
import type { Problem } from "../../domain/problem.js";
import { pick, type Lang } from "../../domain/text.js";
import { displayWidth } from "./width.js";

export function formatProblem(p: Problem, lang: Lang, style: ChalkInstance): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(":");
  const sev = p.severity === "error" ? style.red.bold(lang === "zh-CN" ? "错误" : "error") : style.yellow.bold(lang === "zh-CN" ? "警告" : "warning");
  const lines = [`${where ? style.bold(where) + ": " : ""}${sev}[${p.code}] ${pick(p.message, lang)}`];
  if (p.source !== undefined) {
    const src = p.source.replace(/\t/g, " ");
    lines.push(`  | ${src}`);
    if (p.column !== undefined && p.column >= 1) {
      const pad = displayWidth(src.slice(0, p.column - 1));
      lines.push(`  | ${" ".repeat(pad)}${style.red("^")}`);
    }
  }
  if (p.hint) lines.push(`  ${style.cyan(lang === "zh-CN" ? "提示" : "hint")}${lang === "zh-CN" ? "：" : ": "}${pick(p.hint, lang)}`);
  return lines.join("\n");
}

export function formatProblems(problems: readonly Problem[], lang: Lang, style: ChalkInstance): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const body = problems.map((p) => formatProblem(p, lang, style)).join("\n");
  if (errors === 0) return body;
  const summary = lang === "zh-CN"
    ? `共 ${errors} 个错误${warnings ? `、${warnings} 个警告` : ""}；未写入任何内容。`
    : `${errors} error${errors === 1 ? "" : "s"}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}; nothing was written.`;
  return `${body}\n${style.bold(summary)}`;
}

/** The SPEC §7 JSON shape: { problems: [ { code, message, file, line, column, hint } ] }. */
export function problemsJson(problems: readonly Problem[], lang: Lang): object {
  return {
    problems: problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      message: pick(p.message, lang),
      file: p.file ?? null,
      line: p.line ?? null,
      column: p.column ?? null,
      hint: p.hint ? pick(p.hint, lang) : null,
    })),
  };
}
