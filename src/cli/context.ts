// What every command gets: the global flags resolved, output streams with colour
// decided once, the language, and the clock. Commands print through this, never
// through console.*, so tests can capture everything.
import type { ChalkInstance } from "chalk";
import type { Lang, Text } from "../domain/text.js";
import { pick } from "../domain/text.js";
import { jsonPieces } from "./render/json-stream.js";
import { colourWanted, makeStyle } from "./render/style.js";

export interface Globals {
  db?: string;
  config?: string;
  json: boolean;
  lang?: Lang;
  color: boolean;
  quiet: boolean;
}

export interface Streams {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
}

export class CommandContext {
  /** Language for messages: --lang, else the configuration's locale once loaded, else en. */
  lang: Lang;
  readonly out: ChalkInstance;
  readonly err: ChalkInstance;

  constructor(
    readonly globals: Globals,
    readonly streams: Streams,
    readonly env: NodeJS.ProcessEnv,
    readonly cwd: string,
  ) {
    this.lang = globals.lang ?? langFromEnv(env) ?? "en";
    this.out = makeStyle(colourWanted(streams.stdout, !globals.color, env));
    this.err = makeStyle(colourWanted(streams.stderr, !globals.color, env));
  }

  /** Adopt the configuration's locale unless the user chose a language explicitly. */
  adoptLocale(locale: Lang): void {
    if (!this.globals.lang && !langFromEnv(this.env)) this.lang = locale;
  }

  t(t: Text): string {
    return pick(t, this.lang);
  }

  /** Human output on stdout; silent in --json mode (stdout then holds only JSON). */
  print(s: string): void {
    if (!this.globals.json) this.streams.stdout.write(s.endsWith("\n") ? s : s + "\n");
  }

  /** Human output made in pieces (a long table), written in chunks of about 64 KB and ended with a newline; silent in --json mode. */
  async printPieces(pieces: Iterable<string>): Promise<void> {
    if (!this.globals.json) await this.writePieces(pieces, (last) => (last.endsWith("\n") ? "" : "\n"));
  }

  /**
   * Writes pieces in chunks of about 64 KB, waiting for stdout to drain when it asks to: a
   * pipe read more slowly than it is written (a loaded machine, a pager) would otherwise
   * queue the whole output in memory (24 MB of queued text for 60,000 JSON rows).
   */
  private async writePieces(pieces: Iterable<string>, end: (last: string) => string): Promise<void> {
    const out = this.streams.stdout as Streams["stdout"] & { once?(event: "drain", f: () => void): unknown };
    let buf = "";
    for (const p of pieces) {
      buf += p;
      if (buf.length >= 65536) {
        const ok = out.write(buf);
        buf = "";
        if (ok === false && typeof out.once === "function") await new Promise<void>((r) => out.once!("drain", r));
      }
    }
    out.write(buf + end(buf));
  }

  /** A note on stderr, unless --quiet. */
  note(s: string): void {
    if (!this.globals.quiet) this.streams.stderr.write(s.endsWith("\n") ? s : s + "\n");
  }

  /** The machine result on stdout. */
  json(value: unknown): void {
    this.streams.stdout.write(JSON.stringify(value, null, 2) + "\n");
  }

  /** The machine result on stdout, written as it is made: arrays given as streamedArray() one item at a time (same bytes as json()). */
  async jsonStreamed(value: unknown): Promise<void> {
    await this.writePieces(jsonPieces(value), () => "\n");
  }

  get terminalWidth(): number {
    return Math.max(60, Math.min(this.streams.stdout.columns ?? 80, 120));
  }

  /**
   * Now, as an ISO timestamp. SOURCE_DATE_EPOCH (seconds) fixes it, so demo runs and
   * tests are reproducible; otherwise the wall clock, in UTC.
   */
  now(): string {
    const epoch = this.env.SOURCE_DATE_EPOCH;
    const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
    return new Date(ms).toISOString();
  }

  today(): string {
    return this.now().slice(0, 10);
  }
}

function langFromEnv(env: NodeJS.ProcessEnv): Lang | undefined {
  const v = env.DUES_LANG;
  return v === "zh-CN" || v === "en" ? v : undefined;
}
