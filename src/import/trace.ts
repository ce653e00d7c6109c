// DUES_TRACE=1: a timeline of the payroll import on stderr, both threads on one clock
// (seconds since the process started), for finding where one thread waits on the other
// (docs/import.md, Performance). Costs nothing when the variable is unset.
import { isMainThread, threadId } from "node:worker_threads";

export const TRACING = Boolean(process.env.DUES_TRACE);

/** Epoch milliseconds now; performance.timeOrigin is per thread, their sum is not. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** The main thread's start, to which every thread's times are relative (set by traceOrigin in a worker). */
let origin = isMainThread ? performance.timeOrigin : 0;
export function traceOrigin(): number { return origin; }
export function setTraceOrigin(ms: number): void { origin = ms; }

const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** One line: what, when (s since start), this process's CPU, memory; extra text after. */
export function trace(what: string, extra = ""): void {
  if (!TRACING) return;
  const m = process.memoryUsage();
  process.stderr.write(`[trace ${isMainThread ? "main" : `thread ${threadId}`}] ${((epochMs() - origin) / 1000).toFixed(3)} s ${what}: cpu ${cpuSeconds().toFixed(2)} s (all threads), rss ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)} MB, max ${Math.round(process.resourceUsage().maxRSS / 1024)} MB${extra ? `; ${extra}` : ""}\n`);
}

/** Sums the time spent in one kind of step (waiting, inserting), reported once at the end. */
export class Stopwatch {
  total = 0;
  count = 0;
  private at = 0;
  start(): void { if (TRACING) this.at = performance.now(); }
  stop(): void { if (TRACING) { this.total += performance.now() - this.at; this.count++; } }
  toString(): string { return `${(this.total / 1000).toFixed(3)} s in ${this.count}`; }
}
