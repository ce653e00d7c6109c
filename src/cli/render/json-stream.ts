// JSON written as it is made: the same bytes as JSON.stringify(value, null, 2), but an
// array given as streamedArray(items) is serialised one item at a time, so a long result
// (reconcile --affiliates: one row per affiliate and month) is never one object tree and
// one string at once. Only plain objects may hold a streamed array (at any depth).

const STREAMED = Symbol("streamed array");

export interface StreamedArray {
  readonly [STREAMED]: Iterable<unknown>;
}

/** An array whose items are serialised as they come (each item by JSON.stringify). */
export function streamedArray(items: Iterable<unknown>): StreamedArray {
  return { [STREAMED]: items };
}

const isStreamed = (v: unknown): v is StreamedArray => typeof v === "object" && v !== null && STREAMED in v;

/** Whether a value holds a streamed array anywhere (only such objects are walked here). */
function holdsStream(v: unknown): boolean {
  if (isStreamed(v)) return true;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return Object.values(v).some(holdsStream);
}

/** The text of `value` at nesting `indent`, in pieces. */
export function* jsonPieces(value: unknown, indent = ""): IterableIterator<string> {
  const inner = indent + "  ";
  if (isStreamed(value)) {
    let n = 0;
    for (const item of value[STREAMED]) {
      yield n++ === 0 ? "[\n" : ",\n";
      yield inner;
      yield* jsonPieces(item, inner);
    }
    yield n === 0 ? "[]" : `\n${indent}]`;
    return;
  }
  if (!holdsStream(value)) {
    yield (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${indent}`);
    return;
  }
  // A plain object holding a streamed array: its keys as JSON.stringify writes them
  // (undefined, functions and symbols left out).
  const entries = Object.entries(value as object).filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol");
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonPieces(v, inner);
  }
  yield `\n${indent}}`;
}

/** Writes `value` and a newline through `write`, in chunks of about 64 KB. */
export function writeJson(write: (s: string) => void, value: unknown): void {
  let buf = "";
  for (const piece of jsonPieces(value)) {
    buf += piece;
    if (buf.length >= 65536) {
      write(buf);
      buf = "";
    }
  }
  write(buf + "\n");
}
