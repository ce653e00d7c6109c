// Every problem code the product can emit has at least one test that names it, and
// every bilingual text really carries both languages. Both are scanned from the source
// with the TypeScript parser, so a new code or message without a test or translation fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
const PROBLEM_FUNCS = new Set(["problem", "warning", "pending", "report", "issue", "err", "warn"]);

interface Found { codes: Map<string, string>; texts: { file: string; line: number; en: string; zh: string }[] }

function scan(): Found {
  const codes = new Map<string, string>();
  const texts: Found["texts"] = [];
  for (const file of files(join(ROOT, "src"), ".ts")) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const rel = relative(ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        const first = node.arguments[0];
        if (PROBLEM_FUNCS.has(name) && first && ts.isStringLiteralLike(first) && CODE.test(first.text)) codes.set(first.text, rel);
        if (name === "text" && node.arguments.length === 2) {
          const [en, zh] = node.arguments as unknown as [ts.Expression, ts.Expression];
          const lit = (e: ts.Expression) => (ts.isStringLiteralLike(e) ? e.text : ts.isTemplateExpression(e) ? e.getText() : undefined);
          const e = lit(en), z = lit(zh);
          if (e !== undefined && z !== undefined) {
            texts.push({ file: rel, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, en: e, zh: z });
          }
        }
      }
      // `code: "SOME_CODE"` in object literals (problems built by hand or through tables of codes).
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === "code" && ts.isStringLiteralLike(node.initializer) && CODE.test(node.initializer.text)) {
        codes.set(node.initializer.text, rel);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, texts };
}

describe("problem codes and translations", () => {
  const found = scan();
  const tests = files(join(ROOT, "test"), ".ts").map((f) => readFileSync(f, "utf8")).join("\n");

  it("finds the codes (the scan itself works)", () => {
    expect(found.codes.size).toBeGreaterThan(0);
  });

  it("every problem code is named by at least one test", () => {
    const untested = [...found.codes.entries()].filter(([code]) => !tests.includes(code)).map(([code, file]) => `${code} (${file})`);
    expect(untested).toEqual([]);
  });

  it("every bilingual text has a Chinese side that is not empty and not just the English copied", () => {
    const bad = found.texts.filter((t) => t.zh.trim() === "" || (t.zh === t.en && /[a-z]{3,}\s+[a-z]{3,}/i.test(t.en))).map((t) => `${t.file}:${t.line}: ${t.en}`);
    expect(bad).toEqual([]);
  });

  it("every Chinese side contains Chinese (or is a bare symbol, number or code)", () => {
    const bad = found.texts.filter((t) => /[a-z]{3,}\s+[a-z]{3,}/i.test(t.en) && !/[\u3400-\u9fff]/.test(t.zh)).map((t) => `${t.file}:${t.line}: ${t.zh}`);
    expect(bad).toEqual([]);
  });
});
