// readPayroll and each row's dues in a worker thread: decoding, CSV parsing, checking and
// computing every row run on the second core while the caller (the import) compares and
// writes SQLite on its own. Computed rows arrive in chunks of a few thousand, with a few
// chunks in flight at most, so memory stays flat however far ahead the reader could run.
// Small files, and runs from the TypeScript sources (tests), read in this thread instead.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { SourceConfig } from "../domain/config.js";
import { chunkTransfers, PayrollComputer, type ComputedChunk, type ComputedTotals, type ComputeSpec } from "./payroll-compute.js";
import { readPayroll, type PayrollReadOptions, type PayrollSummary } from "./payroll-reader.js";
import { setTraceOrigin, Stopwatch, trace, traceOrigin } from "./trace.js";

/** Below this size a thread's start-up (about 50 ms) costs more than it saves. */
const THREAD_MIN_BYTES = 4 << 20;
const ROWS_PER_MESSAGE = 4000;
const IN_FLIGHT = 4;
const PROGRESS_EVERY = 1 << 20;

interface Job {
  duesPayrollReader: true;
  path: string;
  source: SourceConfig;
  opts: Omit<PayrollReadOptions, "onProgress">;
  spec: ComputeSpec;
  progress: boolean;
  /** DUES_TRACE: the main thread's start (epoch ms), so that both threads' times line up. */
  origin: number;
}

/** What the whole read gives once its chunks are consumed. */
export interface ComputedSummary {
  readonly summary: PayrollSummary;
  readonly totals: ComputedTotals;
}

/**
 * The payroll's rows, each computed (dues, member line, canonical bytes) by PayrollComputer,
 * in chunks. Rows cross the thread boundary only as computed columns with transferred
 * buffers: structured-cloning row objects cost about 0.75 s per million rows to send and
 * 1.1 s to receive, and computing here takes the dues and the canonical text (about 1 s
 * per million) off the importing thread, which writes SQLite.
 */
export interface ComputedRead {
  /** Read once. */
  chunks(): AsyncIterable<ComputedChunk>;
  /** After chunks() ended: the reader's problems and info, and the totals. */
  finish(): Promise<ComputedSummary>;
}

type Message =
  | { t: "rows"; chunk: ComputedChunk }
  | { t: "progress"; done: number; total: number }
  | { t: "done"; summary: PayrollSummary; totals: ComputedTotals }
  | { t: "error"; message: string; stack?: string };

const HERE = fileURLToPath(import.meta.url);

/** readPayroll with each row computed, on a worker thread when the file is large enough and this is compiled code. */
export function readComputedPayroll(path: string, source: SourceConfig, opts: PayrollReadOptions, spec: ComputeSpec): ComputedRead {
  let size = 0;
  try { size = statSync(path).size; } catch { /* the reader reports it */ }
  if (!HERE.endsWith(".js") || size < THREAD_MIN_BYTES || process.env.DUES_READER_THREAD === "0") return here(path, source, opts, spec);
  return inThread(path, source, opts, spec);
}

/** The same in this thread (small files, tests from the TypeScript sources). */
function here(path: string, source: SourceConfig, opts: PayrollReadOptions, spec: ComputeSpec): ComputedRead {
  const reader = readPayroll(path, source, opts);
  const computer = new PayrollComputer(spec);
  return {
    async *chunks() {
      for await (const rows of reader.batches()) if (rows.length) yield computer.chunk(rows);
    },
    async finish() {
      return { summary: await reader.finish(), totals: computer.totals() };
    },
  };
}

function inThread(path: string, source: SourceConfig, opts: PayrollReadOptions, spec: ComputeSpec): ComputedRead {
  const { onProgress, ...plain } = opts;
  const job: Job = { duesPayrollReader: true, path, source, opts: plain, spec, progress: Boolean(onProgress), origin: traceOrigin() };
  let worker: Worker | null = null;
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let done: ComputedSummary | null = null;
  let failure: Error | null = null;
  let started = false;
  const push = (m: Message) => { queue.push(m); const w = wake; wake = null; w?.(); };

  async function* chunks(): AsyncGenerator<ComputedChunk> {
    if (started) throw new Error("bug: a payroll's rows can be read only once");
    started = true;
    if (!existsSync(HERE)) throw new Error(`bug: ${HERE} is missing`);
    // V8's default young generation: rows are computed as they are read, so their objects
    // die young. A 4 MB one (used until 2026-12) measured 0.5 s more of this thread's CPU
    // per million rows and 0.5 s more in the GC helper threads, at the same peak memory.
    worker = new Worker(HERE, { workerData: job });
    worker.on("message", (m: Message) => {
      if (m.t === "progress") onProgress?.(m.done, m.total);
      else push(m);
    });
    worker.on("error", (e) => push({ t: "error", message: e.message, stack: e.stack }));
    worker.on("exit", (code) => { if (done === null) push({ t: "error", message: `the payroll reader thread stopped (exit ${code})` }); });
    trace("reader thread created");
    const idle = new Stopwatch();
    let first = true;
    try {
      for (;;) {
        idle.start();
        while (queue.length === 0) await new Promise<void>((r) => { wake = r; });
        idle.stop();
        if (first) { first = false; trace("first chunk received"); }
        const m = queue.shift()!;
        if (m.t === "rows") {
          worker.postMessage("more");
          yield m.chunk;
        } else if (m.t === "done") {
          done = { summary: m.summary, totals: m.totals };
          trace("reader done received", `waited for chunks ${idle}`);
          return;
        } else if (m.t === "error") {
          failure = new Error(`payroll reader thread: ${m.message}`);
          if (m.stack) failure.stack = m.stack;
          throw failure;
        }
      }
    } finally {
      void worker.terminate();
    }
  }

  return {
    chunks,
    async finish() {
      if (failure) throw failure;
      if (!done) throw new Error("bug: finish() before the payroll's rows were read to the end");
      return done;
    },
  };
}

/** The thread's side: read and compute, send chunks a few ahead of the caller (back-pressure), then the totals. */
async function serve(job: Job): Promise<void> {
  setTraceOrigin(job.origin);
  trace("reader thread runs");
  const port = parentPort!;
  let credits = IN_FLIGHT;
  let wake: (() => void) | null = null;
  port.on("message", (m) => {
    if (m === "more") { credits++; const w = wake; wake = null; w?.(); }
  });
  let lastProgress = -PROGRESS_EVERY;
  const reader = readPayroll(job.path, job.source, {
    ...job.opts,
    onProgress: job.progress ? (done, total) => {
      if (done - lastProgress >= PROGRESS_EVERY || done >= total) { lastProgress = done; port.postMessage({ t: "progress", done, total } satisfies Message); }
    } : undefined,
  });
  // Each row is computed as it is read, so row objects die young; a chunk of ROWS_PER_MESSAGE goes over when full.
  const computer = new PayrollComputer(job.spec, ROWS_PER_MESSAGE);
  const blocked = new Stopwatch();
  let sent = 0;
  const send = async () => {
    blocked.start();
    while (credits === 0) await new Promise<void>((r) => { wake = r; });
    blocked.stop();
    credits--;
    const chunk = computer.take();
    if (sent++ === 0) trace("first chunk sent");
    if (chunk) port.postMessage({ t: "rows", chunk } satisfies Message, chunkTransfers(chunk));
  };
  for await (const rows of reader.batches()) {
    for (const r of rows) {
      computer.add(r);
      if (computer.full()) await send();
    }
  }
  await send();
  trace("reader read the file", `waited for credit ${blocked}`);
  port.postMessage({ t: "done", summary: await reader.finish(), totals: computer.totals() } satisfies Message);
  port.close();
}

if (!isMainThread && (workerData as Job | null)?.duesPayrollReader) {
  serve(workerData as Job).catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ t: "error", message: err.message, stack: err.stack } satisfies Message);
  });
}
