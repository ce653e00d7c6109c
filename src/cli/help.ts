// Help texts in the user's language. The language is decided before commander builds
// the program (help is printed during parsing): --lang, else DUES_LANG, else the
// `locale:` of ./dues.yaml (or --config), else English.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Lang } from "../domain/text.js";
import { displayWidth } from "./render/width.js";

let helpLang: Lang = "en";

export function decideHelpLang(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Lang {
  const i = argv.indexOf("--lang");
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--lang="))?.slice(7);
  if (flag === "zh-CN" || flag === "en") return (helpLang = flag);
  if (env.DUES_LANG === "zh-CN" || env.DUES_LANG === "en") return (helpLang = env.DUES_LANG);
  const c = argv.indexOf("--config");
  const configPath = resolve(cwd, c >= 0 && argv[c + 1] ? argv[c + 1]! : "dues.yaml");
  try {
    if (existsSync(configPath) && /^\s*locale:\s*["']?zh-CN/m.test(readFileSync(configPath, "utf8"))) return (helpLang = "zh-CN");
  } catch {
    // An unreadable configuration is reported by the command itself; help stays English.
  }
  return (helpLang = "en");
}

/** A help string in the decided language: `h("Import a payroll file", "导入工资表")`. */
export function h(en: string, zh: string): string {
  return helpLang === "zh-CN" ? zh : en;
}

/** An "Examples:" block for `.addHelpText("after", examples(...))`. */
export function examples(lines: readonly (readonly [command: string, en: string, zh: string])[]): string {
  const title = h("Examples:", "示例：");
  return `\n${title}\n` + lines.map(([cmd, en, zh]) => `  $ ${cmd}\n      ${h(en, zh)}`).join("\n") + "\n";
}

/** The language decided for help (and, until a configuration is loaded, for messages). */
export function helpLanguage(): Lang {
  return helpLang;
}

const ZH_HEADINGS: readonly [RegExp, string][] = [
  // Commander's own usage errors (printed through the same output as help).
  [/^error: unknown command '([^']*)'/gm, "错误：没有 $1 这个命令"],
  [/^error: unknown option '([^']*)'/gm, "错误：不认识的选项 $1"],
  [/^error: missing required argument '([^']*)'/gm, "错误：缺少参数 $1"],
  [/^error: required option '([^']*)' not specified/gm, "错误：必须给出选项 $1"],
  [/^error: option '([^']*)' argument missing/gm, "错误：选项 $1 后面缺少取值"],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are ([^\n]*)\./gm, "错误：选项 $1 的取值 $2 无效，可选：$3。"],
  [/^error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\./gm, "错误：$1 的参数太多：应为 $2 个，实际 $3 个。"],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./gm, "错误：参数太多：应为 $1 个，实际 $2 个。"],
  [/^\(Did you mean one of ([^?]*)\?\)/gm, "（是否想用以下之一：$1？）"],
  [/^\(Did you mean ([^?]*)\?\)/gm, "（是否想用 $1？）"],
  [/^error: /gm, "错误："],
  [/^Usage:/gm, "用法："],
  [/^Options:/gm, "选项："],
  [/^Commands:/gm, "命令："],
  [/^Arguments:/gm, "参数："],
  [/^Global Options:/gm, "全局选项："],
  [/display help for command/g, "显示命令帮助"],
  [/output the version number/g, "显示版本号"],
  [/\((default|choices):\s+/g, "($1: "], // commander may have wrapped the line after the colon
  [/ ?\(choices: ([^)]*)\)/g, "（可选：$1）"],
  [/ ?\(default: ([^)]*)\)/g, "（默认：$1）"],
];

/** Commander's English headings and usage errors in Chinese, whatever the decided language. */
export function commanderZh(s: string): string {
  return ZH_HEADINGS.reduce((acc, [re, zh]) => acc.replace(re, zh), s);
}

/** Commander prints its own headings in English; translate them when help is Chinese. */
export function localiseHelp(s: string): string {
  return helpLang === "zh-CN" ? commanderZh(s) : s;
}

// A Chinese character takes two terminal columns and Chinese has no spaces to break at:
// commander counts characters and breaks only at spaces, so Chinese descriptions ran past
// the terminal's edge. Measure with display width and allow a break before any CJK character.
const CHUNK = /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+)/g;
const NO_LINE_START = /^[，。；：、）」』！？\uff09\uff0c\uff1b\uff1a]/;

function boxWrap(str: string, width: number): string {
  if (width < 40) return str;
  return str.split(/\r\n|\n/).map((line) => {
    const chunks = line.match(CHUNK);
    if (!chunks) return "";
    const out: string[] = [];
    let cur = chunks.shift()!;
    let w = displayWidth(cur);
    for (const chunk of chunks) {
      const cw = displayWidth(chunk);
      if (w + cw <= width) {
        cur += chunk;
        w += cw;
        continue;
      }
      // Closing punctuation never starts a line (the character before it goes down too);
      // an opening bracket never ends one.
      const chars = [...cur];
      const carried = NO_LINE_START.test(chunk.trimStart()) && chars.length > 1 && /[^\x00-\x7f]/.test(chars[chars.length - 1]!) ? 1
        : /[（「『]$/.test(cur) && chars.length > 1 ? 1 : 0;
      out.push(chars.slice(0, chars.length - carried).join(""));
      cur = chars.slice(chars.length - carried).join("") + chunk.trimStart();
      w = displayWidth(cur);
    }
    out.push(cur);
    return out.join("\n");
  }).join("\n");
}

/** For `configureHelp(...)`: commander's help laid out by display width. */
export const helpLayout = {
  displayWidth: (s: string) => displayWidth(s.replace(/\x1b\[[0-9;]*m/g, "")),
  boxWrap,
};
