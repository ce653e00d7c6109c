// JSON text to its value plus where each value starts (1-based line and column by JSON path,
// `$.months[2].shares[0].amount`), so a problem in a remittance advice points at the place in
// the file. A strict RFC 8259 reader: a syntax error is reported with its line and column.

export interface JsonPos {
  readonly line: number;
  readonly column: number;
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown; readonly positions: ReadonlyMap<string, JsonPos> }
  | { readonly ok: false; readonly at: JsonPos; readonly message: string };

class JsonSyntax extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** The child path of an object key or array index. */
export function childPath(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function readJson(text: string): JsonRead {
  const positions = new Map<string, JsonPos>();
  // Line starts, for offset → line/column (column counted in UTF-16 units, 1-based).
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const posOf = (offset: number): JsonPos => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (what: string): never => {
    throw new JsonSyntax(i, i >= text.length ? `unexpected end of file, expected ${what}` : `unexpected ${JSON.stringify(text[i])}, expected ${what}`);
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === 92) i += 2;
      else if (c < 32) fail("a closing quote (a control character is not allowed in a string)");
      else i++;
    }
    return fail("a closing quote");
  };
  const value = (path: string): unknown => {
    ws();
    positions.set(path, posOf(i));
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") { i++; return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("a key in double quotes");
        const key = str();
        ws();
        if (text[i] !== ":") fail('":"');
        i++;
        out[key] = value(childPath(path, key));
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return out; }
        fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") { i++; return out; }
      for (;;) {
        out.push(value(childPath(path, out.length)));
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return out; }
        fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail("a value");
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  try {
    const v = value("$");
    ws();
    if (i < text.length) fail("the end of the file");
    return { ok: true, value: v, positions };
  } catch (e) {
    if (e instanceof JsonSyntax) return { ok: false, at: posOf(e.offset), message: e.message };
    throw e;
  }
}
