// `dues init`: writes a commented dues.yaml from a template (never over an existing
// file) and creates the ledger from the configuration. Either both are made or nothing
// is left behind: a config written by this run is removed again if the ledger fails.
import { accessSync, constants, existsSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, relative, isAbsolute } from "node:path";
import { didYouMean, type Config } from "../domain/config.js";
import { Refusal, hasErrors, problem, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { loadConfigFile, parseConfigText } from "../import/config-file.js";
import { isServerUrl, Ledger, redactUrl } from "../ledger/ledger.js";
import { TEMPLATES, TEMPLATE_IDS, isTemplateId, type TemplateId } from "./templates/index.js";
import { resolveConfigPath, resolveDbPath, type PathOptions } from "./workspace.js";

export interface InitOptions extends PathOptions {
  /** --template as typed; undefined means cn-base for a new file. */
  template?: string;
  /** The creation time recorded in the ledger (ISO, from the command's clock). */
  now: string;
}

export interface InitResult {
  configPath: string;
  /** True when this run wrote dues.yaml; false when an existing one was used. */
  wroteConfig: boolean;
  /** The template written, when wroteConfig. */
  template?: TemplateId;
  dbPath: string;
  config: Config;
  /** Warnings from validating the configuration, and notes such as an ignored --template. */
  warnings: readonly Problem[];
}

/** A path as the user will recognise it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  if (isServerUrl(path)) return redactUrl(path);
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function checkWritableFolder(path: string, cwd: string): void {
  const dir = dirname(path);
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
    accessSync(dir, constants.W_OK);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new Refusal("cannot-write", [problem("INIT_FOLDER_NOT_WRITABLE", text(`cannot write in ${shownPath(dir, cwd)}: the folder is missing or read-only`, `无法在 ${shownPath(dir, cwd)} 中写入：文件夹不存在或只读`), {
      file: shownPath(path, cwd),
      hint: text("create the folder first, or choose another with --config / --db", "请先创建该文件夹，或用 --config / --db 另选位置"),
    })]);
  }
}

/** The `ledger:` lines a new dues.yaml gets for a server: the URL without its password. */
export function serverLedgerYaml(url: string): string {
  return `\n# The ledger on a PostgreSQL server (dues init --db). The password comes from PGPASSWORD or\n# ~/.pgpass, never from this file. 账本在 PostgreSQL 服务器上；密码用 PGPASSWORD 或 ~/.pgpass 提供。\nledger: { url: ${JSON.stringify(redactUrl(url))} }\n`;
}

export function initWorkspace(o: InitOptions): InitResult {
  if (o.template !== undefined && !isTemplateId(o.template)) {
    const guess = didYouMean(o.template, TEMPLATE_IDS);
    throw new Refusal("usage", [problem("INIT_UNKNOWN_TEMPLATE", text(`no template named \`${o.template}\``, `没有名为 \`${o.template}\` 的模板`), {
      hint: guess ? text(`did you mean \`${guess}\`? (${TEMPLATE_IDS.join(" | ")})`, `是不是 \`${guess}\`？（${TEMPLATE_IDS.join(" | ")}）`) : text(`templates: ${TEMPLATE_IDS.join(", ")}`, `可用模板：${TEMPLATE_IDS.join("、")}`),
    })]);
  }
  const configPath = resolveConfigPath(o);
  const configShown = shownPath(configPath, o.cwd);
  const warnings: Problem[] = [];
  let config: Config;
  let newText: string | undefined;
  let template: TemplateId | undefined;

  if (existsSync(configPath)) {
    // An existing dues.yaml is the treasurer's work: validate it and build the ledger from it.
    const checked = loadConfigFile(configPath, configShown);
    if (hasErrors(checked.problems) || !checked.value) throw new Refusal("data", checked.problems);
    config = checked.value;
    warnings.push(...checked.problems);
    if (o.template !== undefined) {
      warnings.push(problem("INIT_CONFIG_KEPT", text(`${configShown} already exists, so --template ${o.template} was not used; the ledger is created from the existing file`, `${configShown} 已存在，未使用 --template ${o.template}；账本按现有文件创建`), {
        severity: "warning",
        file: configShown,
        hint: text("to start from a template, run dues init in an empty folder or with --config NEW.yaml", "如需从模板开始，请在空文件夹中运行 dues init，或用 --config 新文件.yaml"),
      }));
    }
  } else {
    template = (o.template ?? "cn-base") as TemplateId;
    newText = TEMPLATES[template];
    const checked = parseConfigText(newText, createHash("sha256").update(newText, "utf8").digest("hex"), configShown);
    if (!checked.value || checked.problems.length) throw new Error(`bug: template ${template} does not validate: ${checked.problems.map((p) => p.code).join(", ")}`);
    config = checked.value;
    // The config's folder is checked by writing the file itself (below, after the ledger checks).
  }

  const dbPath = resolveDbPath(o, config);
  const dbShown = shownPath(dbPath, o.cwd);
  // On a server, Ledger.create refuses a database that holds a ledger (or anything else).
  if (!isServerUrl(dbPath) && existsSync(dbPath)) {
    throw new Refusal("cannot-write", [problem("INIT_LEDGER_EXISTS", text(`a ledger already exists at ${dbShown}; dues init never overwrites one`, `${dbShown} 处已有账本；dues init 不会覆盖账本`), {
      file: dbShown,
      hint: newText !== undefined
        ? text(`nothing was written. To keep using it, write ${configShown} by hand (or copy one); to start afresh, choose another --db`, `未写入任何内容。若要继续使用该账本，请手工编写（或复制）${configShown}；若要重新开始，请用 --db 另选位置`)
        : text("this folder is already set up: run dues config check, or choose another --db for a new ledger", "此文件夹已初始化：可运行 dues config check；如需新账本，请用 --db 另选位置"),
    })]);
  }
  if (!isServerUrl(dbPath)) checkWritableFolder(dbPath, o.cwd);
  // A new dues.yaml for a ledger on a server names it, so later commands find the server
  // without --db; never with a password (PGPASSWORD or ~/.pgpass, docs/postgres.md).
  if (newText !== undefined && isServerUrl(dbPath)) newText += serverLedgerYaml(dbPath);

  if (newText !== undefined) {
    // "wx": fail rather than overwrite, even if a file appeared since the check above.
    try {
      writeFileSync(configPath, newText, { encoding: "utf8", flag: "wx" });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "error";
      const why = code === "ENOENT" ? text("its folder does not exist", "所在文件夹不存在")
        : code === "EEXIST" ? text("it appeared while dues init was running", "它在 dues init 运行期间出现了")
        : code === "EACCES" || code === "EPERM" || code === "EROFS" ? text("the folder is read-only", "文件夹只读")
        : text(code, code);
      throw new Refusal("cannot-write", [problem("INIT_CONFIG_NOT_WRITTEN", text(`cannot write ${configShown}: ${why.en}`, `无法写入 ${configShown}：${why.zh}`), {
        file: configShown,
        hint: text("nothing was written; create the folder or choose another with --config", "未写入任何内容；请先创建文件夹，或用 --config 另选位置"),
      })]);
    }
  }
  try {
    const ledger = Ledger.create(dbPath, { chart: config.union.chart, currency: config.union.currency.code, digits: config.union.currency.digits, createdAt: o.now });
    ledger.close();
  } catch (e) {
    if (newText !== undefined) unlinkSync(configPath); // nothing half-done: no config without its ledger
    throw e;
  }
  return { configPath, wroteConfig: newText !== undefined, ...(template ? { template } : {}), dbPath, config, warnings };
}
