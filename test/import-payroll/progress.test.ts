// The progress bar goes to stderr only when it is a terminal and neither --quiet nor
// --json was given: pipes, logs and machine output never receive control characters.
import { describe, expect, it } from "vitest";
import { CommandContext } from "../../src/cli/context.js";
import { startProgress } from "../../src/cli/render/progress.js";
import { text } from "../../src/domain/text.js";

function ctxWith(o: { tty: boolean; quiet?: boolean; json?: boolean }) {
  const written: string[] = [];
  const stderr = { isTTY: o.tty, columns: 80, write: (s: string) => { written.push(s); return true; }, cursorTo() { return true; }, clearLine() { return true; }, moveCursor() { return true; } };
  const stdout = { write: () => true };
  const ctx = new CommandContext({ json: Boolean(o.json), quiet: Boolean(o.quiet), color: false }, { stdout, stderr }, { NO_COLOR: "1" }, "/");
  return { ctx, written };
}

const BIG = 64 * 1024 * 1024;

describe("progress bar", () => {
  it("draws on a terminal for a large file and clears when stopped", () => {
    const { ctx, written } = ctxWith({ tty: true });
    const p = startProgress(ctx, text("Reading payroll", "读取工资表"), BIG);
    expect(p.active).toBe(true);
    p.update(BIG / 2);
    p.stop();
    expect(p.active).toBe(false);
    expect(written.join("")).toContain("Reading payroll");
  });

  for (const [why, o] of [["not a terminal", { tty: false }], ["--quiet", { tty: true, quiet: true }], ["--json", { tty: true, json: true }]] as const) {
    it(`stays silent when stderr is ${why}`, () => {
      const { ctx, written } = ctxWith(o);
      const p = startProgress(ctx, text("Reading payroll", "读取工资表"), BIG);
      p.update(BIG);
      p.stop();
      expect(p.active).toBe(false);
      expect(written).toEqual([]);
    });
  }

  it("stays silent for a small file, which is read before a bar would help", () => {
    const { ctx, written } = ctxWith({ tty: true });
    startProgress(ctx, text("Reading payroll", "读取工资表"), 1024).stop();
    expect(written).toEqual([]);
  });
});
