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
import { text } from "../domain/text.js";
import { problem } from "../domain/problem.js";

export interface MainOptions {
  streams?: Streams;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function buildProgram(run: ReturnType<typeof makeRunner>): Command {
  const program = new Command("dues")
    .description("Union dues, fund allocation, remittances and audit workbooks, in an append-only ledger.\n工会会费、经费拨缴、上解对账与审查工作簿。")
    .version(VERSION, "-V, --version")
    .option("--db <path>", "the ledger file (default: from dues.yaml, DUES_DB, or ./dues.db)")
    .option("--config <path>", "the configuration file (default: ./dues.yaml)")
    .option("--json", "machine output on stdout, nothing else there")
    .addOption(new Option("--lang <lang>", "message language").choices(["en", "zh-CN"]))
    .option("--no-color", "no colour (also NO_COLOR)")
    .option("-q, --quiet", "no notes or progress on stderr")
    .showHelpAfterError()
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
  const run = makeRunner(streams, env, cwd, (c) => (exit = c), (c) => (ctx = c));
  const program = buildProgram(run);
  const applyOverrides = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => streams.stdout.write(s), writeErr: (s) => streams.stderr.write(s) });
    cmd.commands.forEach(applyOverrides);
  };
  applyOverrides(program);
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    const c = ctx ?? new CommandContext({ json: argv.includes("--json"), color: !argv.includes("--no-color"), quiet: false, lang: langFromArgv(argv) }, streams, env, cwd);
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
    // Help and version are exits with code 0; everything else commander refuses is usage.
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
    if (ctx.globals.json) ctx.json(problemsJson([problem("USAGE", text(e.message.replace(/^error: /, ""), e.message.replace(/^error: /, "")))], ctx.lang));
    return EXIT.usage;
  }
  if (e instanceof Refusal) {
    if (ctx.globals.json) ctx.json(problemsJson(e.problems, ctx.lang));
    else ctx.streams.stderr.write(formatProblems(e.problems, ctx.lang, ctx.err) + "\n");
    return exitCodeFor(e.kind);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const msg = ctx.lang === "zh-CN"
    ? "内部错误：这是 dues 的缺陷，不是你的数据的问题。账本未被修改。请把下面的信息和所运行的命令一起报告给维护者（见 README 的“报告问题”）。"
    : "internal error: this is a bug in dues, not a problem with your data. The ledger was not changed. Please report it with the command you ran and the text below (README, 'Reporting a bug').";
  ctx.streams.stderr.write(`${ctx.err.red.bold(msg)}\n${err.stack ?? err.message}\n`);
  return EXIT.internal;
}
