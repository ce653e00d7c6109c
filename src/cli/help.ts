// Help texts in the user's language. The language is decided before commander builds
// the program (help is printed during parsing): --lang, else DUES_LANG, else the
// `locale:` of ./dues.yaml (or --config), else English.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Lang } from "../domain/text.js";

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

const ZH_HEADINGS: readonly [RegExp, string][] = [
  [/^Usage:/gm, "用法："],
  [/^Options:/gm, "选项："],
  [/^Commands:/gm, "命令："],
  [/^Arguments:/gm, "参数："],
  [/^Global Options:/gm, "全局选项："],
  [/display help for command/g, "显示命令帮助"],
  [/output the version number/g, "显示版本号"],
  [/\(choices: ([^)]*)\)/g, "（可选：$1）"],
  [/\(default: ([^)]*)\)/g, "（默认：$1）"],
];

/** Commander prints its own headings in English; translate them when help is Chinese. */
export function localiseHelp(s: string): string {
  if (helpLang !== "zh-CN") return s;
  return ZH_HEADINGS.reduce((acc, [re, zh]) => acc.replace(re, zh), s);
}
