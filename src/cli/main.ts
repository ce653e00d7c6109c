// The entry point: commander with the global flags, every command registered from
// commands/index.ts, and the one catch that maps failures to SPEC §7 exit codes.
// Only exit 70 (a bug) ever shows a stack trace.
import { Command, CommanderError, Option } from "commander";
import { Refusal } from "../domain/problem.js";
import { CommandContext, type Streams } from "./context.js";
import { EXIT, exitCodeFor } from "./exit-codes.js";
import { registrations } from "./commands/index.js";
import { formatProblems, problemsJson } from "./render/problems.js";
import { makeRunner } from "./run.js";
import { commanderZh, decideHelpLang, h, examples, helpLanguage, helpLayout, localiseHelp } from "./help.js";
import { text } from "../domain/text.js";
import { problem } from "../domain/problem.js";
import { ledgerBusyRefusal } from "../app/workspace.js";

export interface MainOptions {
  streams?: Streams;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function buildProgram(run: ReturnType<typeof makeRunner>): Command {
  const program = new Command("dues")
    .description(h("Union dues, fund allocation, remittances and audit workbooks, in an append-only ledger.", "工会会费、经费拨缴与上解对账，记入只追加的复式账本，并生成经审和预算工作簿。"))
    // Only -V at program level: commander takes program options anywhere on the line, and
    // `dues budget import FILE --version adjusted` (SPEC §4.2) needs its own --version.
    // A leading `dues --version` still prints the version (main() maps it to -V).
    .version(VERSION, "-V", h("print the version (also: dues --version)", "显示版本号（也可用 dues --version）"))
    .option("--db <path>", h("the ledger file (default: DUES_DB, the ledger: key of dues.yaml, or dues.db beside it)", "账本文件（默认：DUES_DB、dues.yaml 的 ledger: 项，或 dues.yaml 旁的 dues.db）"))
    .option("--config <path>", h("the configuration file (default: ./dues.yaml)", "配置文件（默认：./dues.yaml）"))
    .option("--json", h("machine output on stdout, nothing else there", "在标准输出只输出 JSON"))
    .addOption(new Option("--lang <lang>", h("message language", "提示语言")).choices(["en", "zh-CN"]))
    .option("--no-color", h("no colour (also NO_COLOR)", "不使用颜色（也可设 NO_COLOR）"))
    .option("-q, --quiet", h("no notes or progress on stderr", "不在标准错误输出提示和进度"))
    .helpOption("-h, --help", h("show help", "显示帮助"))
    .addHelpText("after", examples([
      ["dues init", "write a commented dues.yaml and create the ledger", "生成带注释的 dues.yaml 并创建账本"],
      ["dues import payroll 工资表-2026-10.csv --period 2026-10", "import October's payroll", "导入 10 月工资表"],
      ["dues reconcile", "what each higher body is owed, paid, outstanding", "各上级工会应缴、已缴、未缴"],
      ["dues demo", "a whole sample year in ./dues-demo", "在 ./dues-demo 生成一整年示例账"],
    ]))
    .configureHelp({ sortSubcommands: true, ...helpLayout })
    // A short pointer, not the whole help: the error itself must stay on the screen.
    .showHelpAfterError(h("(add --help for usage and examples)", "（加 --help 查看用法和示例）"))
    .enablePositionalOptions(false);
  for (const register of registrations) register(program, run);
  return program;
}

export const VERSION = "0.1.0";

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const streams: Streams = opts.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  let exit: number = EXIT.ok;
  let ctx: CommandContext | undefined;
  decideHelpLang(argv, env, cwd);
  const run = makeRunner(streams, env, cwd, (c) => (exit = c), (c) => (ctx = c));
  const program = buildProgram(run);
  const applyOverrides = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => streams.stdout.write(localiseHelp(s)), writeErr: (s) => streams.stderr.write(localiseHelp(s)) });
    cmd.commands.forEach(applyOverrides);
  };
  applyOverrides(program);
  try {
    await program.parseAsync(argv[2] === "--version" ? [...argv.slice(0, 2), "-V", ...argv.slice(3)] : argv);
    return exit;
  } catch (e) {
    const c = ctx ?? new CommandContext({ json: argv.includes("--json"), color: !argv.includes("--no-color"), quiet: false, lang: langFromArgv(argv) ?? helpLanguage() }, streams, env, cwd);
    return reportFailure(e, c);
  }
}

function langFromArgv(argv: string[]): "en" | "zh-CN" | undefined {
  const i = argv.indexOf("--lang");
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--lang="))?.slice(7);
  return v === "zh-CN" || v === "en" ? v : undefined;
}

function reportFailure(e: unknown, ctx: CommandContext): number {
  if (e instanceof CommanderError) {
    // Help asked for and the version are exits with code 0. Help shown because no command
    // was given (`dues`, `dues report`) is a missing argument: usage, 64 (SPEC §7), like
    // everything else commander refuses.
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || (e.code === "commander.help" && e.exitCode === 0)) return EXIT.ok;
    if (ctx.globals.json) ctx.json(problemsJson([problem("USAGE", text(e.message.replace(/^error: /, ""), commanderZh(e.message).replace(/^错误：/, "")))], ctx.lang));
    return EXIT.usage;
  }
  if (e instanceof Refusal) {
    if (ctx.globals.json) ctx.json(problemsJson(e.problems, ctx.lang));
    else ctx.streams.stderr.write(formatProblems(e.problems, ctx.lang, ctx.err) + "\n");
    return exitCodeFor(e.kind);
  }
  // Another command held the ledger for the whole busy wait: a refusal, not a bug.
  const busy = ledgerBusyRefusal(e);
  if (busy) return reportFailure(busy, ctx);
  const err = e instanceof Error ? e : new Error(String(e));
  const msg = ctx.lang === "zh-CN"
    ? "内部错误：这是 dues 的缺陷，不是你的数据的问题。账本未被修改。请把下面的信息和所运行的命令一起报告给维护者（见 README 的“报告问题”）。"
    : "internal error: this is a bug in dues, not a problem with your data. The ledger was not changed. Please report it with the command you ran and the text below (README, 'Reporting a bug').";
  ctx.streams.stderr.write(`${ctx.err.red.bold(msg)}\n${err.stack ?? err.message}\n`);
  return EXIT.internal;
}
