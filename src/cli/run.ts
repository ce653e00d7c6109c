// Wraps a command's action: builds the context from the global flags and turns the
// outcome into an exit code. The single catch for every command lives in main.ts.
import type { Command } from "commander";
import { CommandContext, type Globals, type Streams } from "./context.js";
import { helpLanguage } from "./help.js";

export type Action = (ctx: CommandContext, ...args: any[]) => Promise<number | void> | number | void;

export interface Runner {
  /** Use as `.action(run(async (ctx, file, opts) => { ... }))`. */
  (action: Action): (...args: any[]) => Promise<void>;
  /**
   * The same, with `load` awaited first: it imports the command's use cases (src/app), so
   * that starting the CLI loads only commander and the command modules' descriptions and
   * options (`dues --version`: 97 modules instead of 201), and a command only what it uses.
   */
  (load: () => Promise<void>, action: Action): (...args: any[]) => Promise<void>;
}

export function makeRunner(streams: Streams, env: NodeJS.ProcessEnv, cwd: string, setExit: (code: number) => void, setCtx: (c: CommandContext) => void): Runner {
  return (first: Action | (() => Promise<void>), second?: Action) =>
    async (...args: any[]) => {
      const action = (second ?? first) as Action;
      const cmd = args[args.length - 1] as Command;
      const g = cmd.optsWithGlobals() as Globals & { lang?: string };
      const ctx = new CommandContext(
        { db: g.db, config: g.config, json: Boolean(g.json), lang: g.lang as Globals["lang"], color: g.color !== false, quiet: Boolean(g.quiet) },
        streams,
        env,
        cwd,
      );
      // Until the command loads dues.yaml, speak the language help was decided in (which read
      // the file's locale): "no ledger here" in Chinese for a Chinese union, not English.
      if (!g.lang) ctx.adoptLocale(helpLanguage());
      setCtx(ctx);
      if (second) await (first as () => Promise<void>)();
      const code = await action(ctx, ...args);
      setExit(typeof code === "number" ? code : 0);
    };
}
