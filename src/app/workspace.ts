// Where a union's files are and how a command opens them: the configuration
// (--config, else ./dues.yaml) and the ledger (--db, else DUES_DB, else the config's
// `ledger:` key relative to the config's folder, else dues.db beside dues.yaml). Any of
// them may be a postgres:// URL instead of a path: the ledger is then on a server.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Config } from "../domain/config.js";
import { Refusal, hasErrors, problem, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { loadConfigFile } from "../import/config-file.js";
import { isLedgerBusy, isServerUrl, Ledger, redactUrl } from "../ledger/ledger.js";

export { isServerUrl, redactUrl };

/**
 * LEDGER_BUSY (73) for a command whose write waited the ledger's whole busy wait (SQLite's
 * busy timeout, the server's lock_timeout: 10 s) behind another command; undefined for any
 * other failure. The transaction was rolled back: nothing was written.
 */
export function ledgerBusyRefusal(e: unknown): Refusal | undefined {
  if (!isLedgerBusy(e)) return undefined;
  return new Refusal("cannot-write", [problem("LEDGER_BUSY", text("another command held the ledger for more than 10 s; nothing was written", "账本被其他命令占用超过 10 秒，未写入任何内容"), {
    hint: text("run the command again once the other one (a long import?) has finished", "请等其他命令（例如较大的导入）结束后重新运行本命令"),
  })]);
}

export interface PathOptions {
  /** --config as the user typed it. */
  config?: string;
  /** --db as the user typed it. */
  db?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function resolveConfigPath(o: PathOptions): string {
  return resolve(o.cwd, o.config ?? "dues.yaml");
}

export function resolveDbPath(o: PathOptions, config?: Pick<Config, "ledgerPath">): string {
  const named = o.db || o.env.DUES_DB;
  if (named) return isServerUrl(named) ? named : resolve(o.cwd, named);
  const configDir = dirname(resolveConfigPath(o));
  if (config?.ledgerPath && isServerUrl(config.ledgerPath)) return config.ledgerPath;
  if (config?.ledgerPath) return isAbsolute(config.ledgerPath) ? config.ledgerPath : resolve(configDir, config.ledgerPath);
  return resolve(configDir, "dues.db");
}

export interface LoadedConfig {
  config: Config;
  configPath: string;
  /** Warning-level problems from validation, for the command to show. */
  warnings: readonly Problem[];
}

/** Loads and validates dues.yaml; refuses (65, or 66 when missing) with every problem. */
export function loadWorkspaceConfig(o: PathOptions): LoadedConfig {
  const configPath = resolveConfigPath(o);
  const checked = loadConfigFile(configPath);
  if (hasErrors(checked.problems) || !checked.value) throw new Refusal("data", checked.problems);
  return { config: checked.value, configPath, warnings: checked.problems };
}

export interface Workspace extends LoadedConfig {
  ledger: Ledger;
  dbPath: string;
  close(): void;
}

/** The configuration and the ledger, both required (most commands). */
export function openWorkspace(o: PathOptions): Workspace {
  const loaded = loadWorkspaceConfig(o);
  const dbPath = resolveDbPath(o, loaded.config);
  const ledger = Ledger.open(dbPath);
  const mismatch = ledgerMismatch(loaded.config, ledger, loaded.configPath);
  if (mismatch.length) {
    ledger.close();
    throw new Refusal("data", mismatch);
  }
  return { ...loaded, ledger, dbPath, close: () => ledger.close() };
}

export interface LedgerOnly {
  ledger: Ledger;
  dbPath: string;
  /** The configuration when one was found and valid; verify and backup work without it. */
  config?: Config;
  close(): void;
}

/**
 * The ledger alone, for commands an auditor may run with just the .db file (verify,
 * report journal/trial, backup). The configuration is read only to find the ledger,
 * and only when neither --db nor DUES_DB names it.
 */
export function openLedgerOnly(o: PathOptions): LedgerOnly {
  let config: Config | undefined;
  if (!o.db && !o.env.DUES_DB && existsSync(resolveConfigPath(o))) config = loadWorkspaceConfig(o).config;
  const dbPath = resolveDbPath(o, config);
  const ledger = Ledger.open(dbPath);
  return { ledger, dbPath, config, close: () => ledger.close() };
}

/**
 * The ledger keeps the chart and currency it was created with; a dues.yaml edited to name
 * another would book amounts in the wrong accounts or the wrong minor units.
 */
function ledgerMismatch(config: Config, ledger: Ledger, configPath: string): Problem[] {
  const out: Problem[] = [];
  const m = ledger.meta;
  if (m.chart !== config.union.chart) {
    out.push(problem("WORKSPACE_CHART_MISMATCH", text(`dues.yaml names the chart ${config.union.chart}, but the ledger was created with ${m.chart}`, `dues.yaml 指定的科目表为 ${config.union.chart}，但账本按 ${m.chart} 创建`), {
      file: configPath,
      hint: text(`set union.chart back to ${m.chart}; a ledger never changes its chart`, `请把 union.chart 改回 ${m.chart}；账本创建后不能更换科目表`),
    }));
  }
  if (m.currency !== config.union.currency.code) {
    out.push(problem("WORKSPACE_CURRENCY_MISMATCH", text(`dues.yaml names the currency ${config.union.currency.code}, but the ledger keeps ${m.currency}`, `dues.yaml 指定的币种为 ${config.union.currency.code}，但账本使用 ${m.currency}`), {
      file: configPath,
      hint: text(`set union.currency back to ${m.currency}; start a new ledger (dues init --db NEW.db) for another currency`, `请把 union.currency 改回 ${m.currency}；换币种请新建账本（dues init --db 新账本.db）`),
    }));
  }
  return out;
}
