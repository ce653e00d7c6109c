// One bench measurement: a child process timed from spawn to exit (start-up included),
// with its peak RSS written by the preload (rss-preload.ts) and the 1-minute load average.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PRELOAD = pathToFileURL(join(HERE, "rss-preload.js")).href;

export interface Run {
  seconds: number;
  peakMB: number;
  load: number;
}

export const loadText = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/** Runs node with `args` in `cwd`; throws unless the exit status is one of `ok` (default 0). */
export function timed(args: string[], cwd: string, rssFile: string, ok: readonly number[] = [0]): Run & { stdout: string; status: number } {
  rmSync(rssFile, { force: true });
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", PRELOAD, ...args], {
    cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", DUES_BENCH_RSS: rssFile },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (!ok.includes(r.status ?? -1)) throw new Error(`bench child ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
  return { seconds, peakMB: Number(readFileSync(rssFile, "utf8")), load, stdout: r.stdout, status: r.status ?? -1 };
}
