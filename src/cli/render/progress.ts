// A progress bar for long commands (a large payroll import): cli-progress on stderr,
// and only when stderr is a terminal and neither --quiet nor --json was given, so
// pipes, logs and machine output never receive control characters.
import cliProgress from "cli-progress";
import type { CommandContext } from "../context.js";
import type { Text } from "../../domain/text.js";

export interface Progress {
  /** Sets how far along the work is, in the same unit as `total` (bytes for a file read). */
  update(done: number): void;
  stop(): void;
  /** True while a bar is on screen. */
  readonly active: boolean;
}

const SILENT: Progress = { update() {}, stop() {}, active: false };

/**
 * Starts a bar when it is wanted and the work is large enough to be worth one
 * (`minTotal`: below it the command finishes before a bar would help).
 */
export function startProgress(ctx: CommandContext, label: Text, total: number, minTotal = 4 * 1024 * 1024): Progress {
  const stderr = ctx.streams.stderr as NodeJS.WriteStream;
  if (!stderr.isTTY || ctx.globals.quiet || ctx.globals.json || total < minTotal) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr,
      format: `${ctx.t(label)} [{bar}] {percentage}% | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    get active() {
      return !stopped;
    },
    update(done: number) {
      if (!stopped) bar.update(Math.min(done, total));
    },
    stop() {
      if (!stopped) { stopped = true; bar.stop(); }
    },
  };
}
