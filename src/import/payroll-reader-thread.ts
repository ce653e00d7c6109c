// readPayroll in a worker thread: decoding, CSV parsing and checking every row run on the
// second core while the caller (the import) computes and writes SQLite on its own. Same
// interface as readPayroll; rows arrive in arrays of a few thousand, with a few arrays in
// flight at most, so memory stays flat however far ahead the reader could run.
// Small files, and runs from the TypeScript sources (tests), read in this thread instead.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { SourceConfig } from "../domain/config.js";
import { readPayroll, type PayrollRead, type PayrollReadOptions, type PayrollRow, type PayrollSummary } from "./payroll-reader.js";

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
  progress: boolean;
}

/**
 * A chunk of rows as columns: strings in arrays, numbers in typed arrays whose buffers are
 * transferred, not copied. Structured-cloning row objects cost about 0.75 s per million
 * rows to send and 1.1 s to receive (every property name of every object, and the nested
 * bases object, went over again); columns cost about 0.1 s and 0.2 s, rows rebuilt included.
 */
interface RowColumns {
  n: number;
  line: Int32Array;
  employeeId: string[];
  name: string[];
  department: (string | null)[];
  status: (string | null)[];
  /** -1: no member value (null), 0: false, 1: true. */
  member: Int8Array;
  /** NaN: null (no deducted column). Minor units are integers below 2^53: exact in a double. */
  deducted: Float64Array;
  baseNames: string[];
  /** Row-major: row i's bases at i * baseNames.length. */
  bases: Float64Array;
}

type Message =
  | { t: "rows"; rows: RowColumns }
  | { t: "progress"; done: number; total: number }
  | { t: "done"; summary: PayrollSummary }
  | { t: "error"; message: string; stack?: string };

const HERE = fileURLToPath(import.meta.url);

/** readPayroll, on a worker thread when the file is large enough and this is compiled code. */
export function readPayrollThreaded(path: string, source: SourceConfig, opts: PayrollReadOptions): PayrollRead {
  let size = 0;
  try { size = statSync(path).size; } catch { /* the reader reports it */ }
  if (!HERE.endsWith(".js") || size < THREAD_MIN_BYTES || process.env.DUES_READER_THREAD === "0") return readPayroll(path, source, opts);
  return inThread(path, source, opts);
}

function inThread(path: string, source: SourceConfig, opts: PayrollReadOptions): PayrollRead {
  const { onProgress, ...plain } = opts;
  const job: Job = { duesPayrollReader: true, path, source, opts: plain, progress: Boolean(onProgress) };
  let worker: Worker | null = null;
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let summary: PayrollSummary | null = null;
  let failure: Error | null = null;
  let started = false;
  const push = (m: Message) => { queue.push(m); const w = wake; wake = null; w?.(); };

  async function* batches(): AsyncGenerator<PayrollRow[]> {
    if (started) throw new Error("bug: a payroll's rows can be read only once");
    started = true;
    if (!existsSync(HERE)) throw new Error(`bug: ${HERE} is missing`);
    // A small young generation: the thread's garbage is short-lived rows, and the default
    // (tens of MB) would count against the import's 300 MB with nothing gained.
    worker = new Worker(HERE, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on("message", (m: Message) => {
      if (m.t === "progress") onProgress?.(m.done, m.total);
      else push(m);
    });
    worker.on("error", (e) => push({ t: "error", message: e.message, stack: e.stack }));
    worker.on("exit", (code) => { if (summary === null) push({ t: "error", message: `the payroll reader thread stopped (exit ${code})` }); });
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((r) => { wake = r; });
        const m = queue.shift()!;
        if (m.t === "rows") {
          worker.postMessage("more");
          yield unpack(m.rows);
        } else if (m.t === "done") {
          summary = m.summary;
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
    batches,
    async *rows() {
      for await (const b of batches()) yield* b;
    },
    async finish() {
      if (failure) throw failure;
      if (!summary) throw new Error("bug: finish() before the payroll's rows were read to the end");
      return summary;
    },
  };
}

/** The thread's side: read, send rows a few arrays ahead of the caller, then the summary. */
async function serve(job: Job): Promise<void> {
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
  let out: PayrollRow[] = [];
  const send = async () => {
    while (credits === 0) await new Promise<void>((r) => { wake = r; });
    credits--;
    const cols = pack(out);
    port.postMessage({ t: "rows", rows: cols } satisfies Message, [cols.line.buffer, cols.member.buffer, cols.deducted.buffer, cols.bases.buffer] as ArrayBuffer[]);
    out = [];
  };
  for await (const rows of reader.batches()) {
    for (const r of rows) out.push(r);
    if (out.length >= ROWS_PER_MESSAGE) await send();
  }
  if (out.length) await send();
  port.postMessage({ t: "done", summary: await reader.finish() } satisfies Message);
  port.close();
}

function pack(rows: PayrollRow[]): RowColumns {
  const n = rows.length;
  const baseNames = n > 0 ? Object.keys(rows[0]!.bases) : [];
  const k = baseNames.length;
  const c: RowColumns = {
    n, line: new Int32Array(n), employeeId: new Array<string>(n), name: new Array<string>(n), department: new Array<string | null>(n),
    status: new Array<string | null>(n), member: new Int8Array(n), deducted: new Float64Array(n), baseNames, bases: new Float64Array(n * k),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    c.line[i] = r.line;
    c.employeeId[i] = r.employeeId;
    c.name[i] = r.name;
    c.department[i] = r.department;
    c.status[i] = r.status;
    c.member[i] = r.member === null ? -1 : r.member ? 1 : 0;
    c.deducted[i] = r.deducted === null ? NaN : r.deducted;
    for (let b = 0; b < k; b++) c.bases[i * k + b] = r.bases[baseNames[b]!]!;
  }
  return c;
}

/** The rows as readPayroll yields them (bases keys in the same order). */
function unpack(c: RowColumns): PayrollRow[] {
  const out = new Array<PayrollRow>(c.n);
  const k = c.baseNames.length;
  for (let i = 0; i < c.n; i++) {
    const bases: Record<string, number> = {};
    for (let b = 0; b < k; b++) bases[c.baseNames[b]!] = c.bases[i * k + b]!;
    const m = c.member[i]!;
    const d = c.deducted[i]!;
    out[i] = {
      line: c.line[i]!, employeeId: c.employeeId[i]!, name: c.name[i]!, department: c.department[i]!,
      member: m === -1 ? null : m === 1, status: c.status[i]!, bases, deducted: Number.isNaN(d) ? null : d,
    };
  }
  return out;
}

if (!isMainThread && (workerData as Job | null)?.duesPayrollReader) {
  serve(workerData as Job).catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ t: "error", message: err.message, stack: err.stack } satisfies Message);
  });
}
