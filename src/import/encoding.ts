// Which encoding a file's bytes are in, and decoding them to text chunk by chunk.
// `auto` = BOM, else strict UTF-8 over the whole file, else GB18030 (SPEC §4.1).
// Knows iconv-lite and node:fs; knows nothing of CSV, headers or payroll.
import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/**
 * How the encoding was chosen: a BOM; the whole file is strict UTF-8; mostly UTF-8 with a
 * few bad bytes (they are reported with their line); GB18030 as the fallback; configured.
 */
export type EncodingHow = "bom" | "utf-8" | "mostly-utf-8" | "fallback" | "configured" | "xlsx";

/** What the first bytes say about a file, before any decoding. */
export type Sniffed =
  | { kind: "text"; encoding: string; how: EncodingHow; skip: number }
  | { kind: "xlsx" }
  | { kind: "old-excel" }
  | { kind: "empty" }
  | { kind: "unknown-encoding"; name: string }
  /** NUL bytes without a BOM: binary, or UTF-16 without its BOM. `line` is where it shows. */
  | { kind: "not-text"; line: number };

const ALIASES: Record<string, string> = {
  utf8: "utf-8", "utf-8": "utf-8", "utf-8-bom": "utf-8", "utf8bom": "utf-8",
  "utf-16le": "utf-16le", utf16le: "utf-16le", "utf-16": "utf-16le", ucs2: "utf-16le", "ucs-2": "utf-16le",
  "utf-16be": "utf-16be", utf16be: "utf-16be",
  gb18030: "gb18030", gbk: "gbk", gb2312: "gbk", cp936: "gbk",
  big5: "big5", "big5-hkscs": "big5hkscs", big5hkscs: "big5hkscs",
  "windows-1252": "windows-1252", cp1252: "windows-1252", latin1: "windows-1252", "iso-8859-1": "iso-8859-1",
};

/** The canonical name of a configured encoding, or null when iconv-lite does not know it. */
export function canonicalEncoding(name: string): string | null {
  const key = name.trim().toLowerCase();
  const alias = ALIASES[key];
  if (alias) return alias;
  return iconv.encodingExists(key) ? key : null;
}

function bomOf(head: Buffer): { encoding: string; skip: number } | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

const HEAD_BYTES = 64 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<{ head: Buffer; size: number }> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(bytes, size));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { head: buf.subarray(0, got), size };
  } finally {
    await fh.close();
  }
}

/** Decides how to read a file from its head (and, for `auto` without a BOM, a strict UTF-8 pass). */
export async function sniffFile(path: string, requested: string): Promise<Sniffed & { size: number }> {
  const { head, size } = await readHead(path);
  if (size === 0) return { kind: "empty", size };
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: "xlsx", size };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return { kind: "old-excel", size };
  const bom = bomOf(head);
  const req = requested.trim().toLowerCase();
  if (req !== "auto" && req !== "") {
    const enc = canonicalEncoding(req);
    if (!enc) return { kind: "unknown-encoding", name: requested, size };
    // A BOM that agrees with the configured encoding is skipped, not read as a character.
    const skip = bom && (bom.encoding === enc || (bom.encoding === "utf-8" && enc === "utf-8")) ? bom.skip : 0;
    return { kind: "text", encoding: enc, how: "configured", skip, size };
  }
  if (bom) return { kind: "text", encoding: bom.encoding, how: "bom", skip: bom.skip, size };
  const nul = head.indexOf(0);
  if (nul !== -1) return { kind: "not-text", line: lineOfByte(head, nul), size };
  if (await isWholeFileUtf8(path)) return { kind: "text", encoding: "utf-8", how: "utf-8", skip: 0, size };
  // A UTF-8 file with a stray bad byte (a pasted Latin-1 é) is still UTF-8: read as GB18030
  // every Chinese name would turn to nonsense without a word. GBK text read as UTF-8 is
  // nearly all replacement characters, so the two are far apart.
  if (mostlyUtf8(head)) return { kind: "text", encoding: "utf-8", how: "mostly-utf-8", skip: 0, size };
  return { kind: "text", encoding: "gb18030", how: "fallback", skip: 0, size };
}

function mostlyUtf8(head: Buffer): boolean {
  const s = new TextDecoder("utf-8").decode(head.subarray(0, head.length - incompleteUtf8Tail(head)));
  let nonAscii = 0;
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 127) nonAscii++;
  }
  return nonAscii >= 20 && bad * 20 < nonAscii;
}

function lineOfByte(buf: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Bytes at the end of `buf` that start a UTF-8 sequence the buffer does not finish (0–3). */
function incompleteUtf8Tail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Strict UTF-8 over the whole file, in chunks (a fast native check; stops at the first bad chunk). */
async function isWholeFileUtf8(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const tail = incompleteUtf8Tail(buf);
    if (!isUtf8(buf.subarray(0, buf.length - tail))) return false;
    carry = Buffer.from(buf.subarray(buf.length - tail));
  }
  return carry.length === 0;
}

/** A decoder from bytes to text that keeps state across chunk boundaries. */
export interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

export function makeDecoder(encoding: string): ChunkDecoder {
  if (encoding === "utf-8" || encoding === "utf-16le" || encoding === "utf-16be") {
    // Native decoders are the fastest; the BOM is skipped by the caller, never here.
    const d = new TextDecoder(encoding, { ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (b) => d.write(b), end: () => d.end() ?? "" };
}

/** Counts line breaks (CRLF, LF, lone CR) across chunks, to name the line of any position. */
export class LineCounter {
  /** Line breaks seen so far. */
  breaks = 0;
  private pendingCR = false;

  advance(s: string): void {
    this.breaks += this.breaksBefore(s, s.length);
    this.pendingCR = s.length > 0 ? s.charCodeAt(s.length - 1) === 13 : this.pendingCR;
  }

  /** 1-based line of position `at` in `s`, the chunk that follows what was advanced. */
  lineAt(s: string, at: number): number {
    return this.breaks + this.breaksBefore(s, at) + 1;
  }

  private breaksBefore(s: string, end: number): number {
    let n = 0;
    for (let i = s.indexOf("\n"); i !== -1 && i < end; i = s.indexOf("\n", i + 1)) n++;
    if (s.indexOf("\r") !== -1) {
      // A CR followed by LF is one break, already counted with the LF; a CR ending the
      // chunk counts now, and an LF opening the next chunk is then not counted again.
      for (let i = s.indexOf("\r"); i !== -1 && i < end; i = s.indexOf("\r", i + 1)) if (s.charCodeAt(i + 1) !== 10) n++;
    }
    // An LF at the start of this chunk after a CR that ended the previous chunk was counted already.
    if (this.pendingCR && s.charCodeAt(0) === 10 && end > 0) n--;
    return n;
  }
}

/**
 * The file's bytes in chunks, the next read already under way while the caller works on
 * the current one (a plain stream waits for each read after the parse, which doubles the
 * wall time on a busy machine).
 */
export async function* readChunks(path: string, chunkBytes: number, start = 0): AsyncGenerator<Buffer> {
  const fh = await open(path, "r");
  try {
    let pos = start;
    let pending = fh.read(Buffer.allocUnsafe(chunkBytes), 0, chunkBytes, pos);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      pos += bytesRead;
      pending = fh.read(Buffer.allocUnsafe(chunkBytes), 0, chunkBytes, pos);
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
