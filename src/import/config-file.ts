// Reads dues.yaml from disk: strict UTF-8 (a BOM is allowed), YAML parsed with the
// `yaml` library into the position-annotated tree of domain/config-tree.ts, keeping the
// SOURCE TEXT of every scalar, then validated by domain/config.ts. No rules live here.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from "yaml";
import type { MapEntry, Node, Pos } from "../domain/config-tree.js";
import { validateConfig, type Config } from "../domain/config.js";
import { Refusal, problem, type Checked, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";

/** The name problems carry: relative to the working folder when inside it ("dues.yaml"). */
function displayName(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads and validates a configuration file. A missing or unreadable file is refused
 * (kind "missing", exit 66, hint `dues init`); everything else comes back as problems,
 * all at once, each with file, line and column. `shownAs` overrides the file name shown.
 */
export function loadConfigFile(path: string, shownAs?: string): Checked<Config> {
  const file = shownAs ?? displayName(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const missing = code === "ENOENT";
    throw new Refusal("missing", [
      problem(
        "CONFIG_MISSING_FILE",
        missing ? text(`${file} not found`, `找不到 ${file}`) : text(`${file} cannot be read (${code ?? "error"})`, `无法读取 ${file}（${code ?? "错误"}）`),
        { file, hint: missing ? text("run `dues init` to write one, or name it with --config PATH", "运行 `dues init` 生成配置文件，或用 --config PATH 指定") : text("check the file's permissions", "请检查文件权限") },
      ),
    ]);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let fileText: string;
  try {
    fileText = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { value: undefined, problems: [notUtf8(bytes, file)] };
  }
  return parseConfigText(fileText, sha256, file);
}

// The yaml library's messages are English; the common ones in Chinese, by its error code.
const YAML_ERRORS_ZH: Record<string, string> = {
  TAB_AS_INDENT: "不能用制表符（Tab）缩进，请用空格",
  MISSING_CHAR: "引号或括号没有配对",
  BAD_INDENT: "缩进不正确",
  BLOCK_AS_IMPLICIT_KEY: "键的写法不正确（检查冒号和缩进）",
  MULTILINE_IMPLICIT_KEY: "键不能跨行（检查冒号后是否有空格）",
  UNEXPECTED_TOKEN: "出现了意外的字符",
  MULTIPLE_DOCS: "文件中有多个 YAML 文档（---）",
  BAD_SCALAR_START: "值的开头字符不合法（如 @ 或 `，请加引号）",
};

/** Parses and validates configuration text (already decoded); for tests and `init`. */
export function parseConfigText(fileText: string, sha256: string, file: string): Checked<Config> {
  const lc = new LineCounter();
  const doc = parseDocument(fileText, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const lines = fileText.split(/\r?\n/);
  const at = (offset: number): Pos => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntax: Problem[] = doc.errors.map((e) => {
    const pos = at(e.pos[0]);
    const msg = e.message.split("\n")[0]!;
    const zh = YAML_ERRORS_ZH[e.code] ?? msg;
    return problem("CONFIG_YAML_SYNTAX", text(`YAML syntax: ${msg}`, `YAML 语法错误：${zh}`), {
      file, line: pos.line, column: pos.column, source: lines[pos.line - 1],
      hint: text("check indentation (spaces, not tabs) and that quotes and brackets are closed", "请检查缩进（用空格，不用制表符）以及引号、括号是否成对"),
    });
  });
  if (syntax.length) return { value: undefined, problems: syntax };
  const extra: Problem[] = [];
  const tree = doc.contents ? toTree(doc.contents as YNode, doc, fileText, at, (pos, key) => {
    extra.push(problem("CONFIG_DUPLICATE_KEY", text(`key \`${key}\` appears twice in the same mapping; the first one is used`, `同一映射中键 \`${key}\` 出现两次；只采用第一个`), {
      file, line: pos.line, column: pos.column, source: lines[pos.line - 1],
      hint: text("delete or merge the second one", "请删除或合并第二个"),
    }));
  }) : undefined;
  const checked = validateConfig(tree, fileText, sha256, file);
  if (!extra.length) return checked;
  return { value: undefined, problems: [...extra, ...checked.problems] };
}

function toTree(node: YNode, doc: Document, src: string, at: (offset: number) => Pos, duplicate: (pos: Pos, key: string) => void, depth = 0): Node {
  if (depth > 64) throw new Error("bug: configuration nested too deeply");
  if (isAlias(node)) {
    // An alias (*name) stands for its anchor's node; positions point at the alias.
    const target = node.resolve(doc);
    const pos = at(node.range?.[0] ?? 0);
    if (!target) return { kind: "scalar", text: "", isNull: true, quoted: false, ...pos };
    return { ...toTree(target as YNode, doc, src, at, duplicate, depth + 1), ...pos };
  }
  const pos = at(node.range?.[0] ?? 0);
  if (isMap(node)) {
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      const keyText = k && isScalar(k) ? scalarText(k, src) : k ? src.slice(k.range?.[0] ?? 0, k.range?.[1] ?? 0) : "";
      const keyPos = at(k?.range?.[0] ?? node.range?.[0] ?? 0);
      const v = pair.value as YNode | null;
      const value: Node = v ? toTree(v, doc, src, at, duplicate, depth + 1) : { kind: "scalar", text: "", isNull: true, quoted: false, ...keyPos };
      if (seen.has(keyText)) { duplicate(keyPos, keyText); continue; }
      seen.add(keyText);
      entries.push({ key: keyText, keyPos, value });
    }
    return { kind: "map", entries, ...(entries[0] ? entries[0].keyPos : pos) };
  }
  if (isSeq(node)) {
    return { kind: "seq", items: node.items.map((i) => toTree(i as YNode, doc, src, at, duplicate, depth + 1)), ...pos };
  }
  if (isScalar(node)) {
    const quoted = node.type !== undefined && node.type !== "PLAIN";
    return { kind: "scalar", text: scalarText(node, src), isNull: node.value === null, quoted, ...pos };
  }
  return { kind: "scalar", text: "", isNull: true, quoted: false, ...pos };
}

/**
 * A scalar's text: for strings the parsed value (quotes and folding resolved), for
 * anything else (numbers, booleans, dates) the exact source slice, never the JS value,
 * so 12.00 stays "12.00" and no float ever holds an amount.
 */
function scalarText(node: import("yaml").Scalar, src: string): string {
  if (typeof node.value === "string") return node.value;
  const r = node.range;
  return r ? src.slice(r[0], r[1]) : String(node.value);
}

function notUtf8(bytes: Buffer, file: string): Problem {
  // Point at the line of the first byte sequence that is not UTF-8 (decoded as U+FFFD).
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const at = lenient.indexOf("\uFFFD");
  const line = at < 0 ? 1 : lenient.slice(0, at).split("\n").length;
  return problem("CONFIG_NOT_UTF8", text(`${file} is not UTF-8 text`, `${file} 不是 UTF-8 编码的文本`), {
    file, line,
    hint: text("save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)", "请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）"),
  });
}

/** Loads, validates and refuses with every problem (65) when there is any error. */
export function requireConfigFile(path: string, shownAs?: string): { config: Config; warnings: readonly Problem[] } {
  const checked = loadConfigFile(path, shownAs);
  if (!checked.value || checked.problems.some((p) => p.severity === "error")) throw new Refusal("data", checked.problems);
  return { config: checked.value, warnings: checked.problems };
}
