// The import's spool: one compact line per payroll row, written while the file is read
// and read back inside the write transaction. It keeps memory flat whatever the file
// size (no row is held), and lets the batch be begun only once its row count is known.
import { closeSync, createWriteStream, mkdtempSync, openSync, readSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Minor } from "../domain/money.js";

/** [sourceLine, id, name, department, status, isMember, exempt, exemptReason, duesBase, truncatedBase, dues, deducted, difference, fundsBase] */
export type SpoolLine = [
  number, string, string, string, string, 0 | 1, 0 | 1, string | null,
  Minor, Minor, Minor, Minor | null, Minor, Minor,
];

export interface Spool {
  write(line: SpoolLine): void;
  needsDrain(): boolean;
  drain(): Promise<void>;
  end(): Promise<void>;
  /** Synchronous read-back (it runs inside a SQLite transaction, which is synchronous). */
  readBack(): IterableIterator<SpoolLine>;
  dispose(): void;
}

const FLUSH_CHARS = 1 << 20;

export function openSpool(): Spool {
  const dir = mkdtempSync(join(tmpdir(), "dues-import-"));
  const path = join(dir, "spool.ndjson");
  const out: WriteStream = createWriteStream(path);
  let pending: string[] = [];
  let pendingChars = 0;
  let blocked = false;
  const flush = () => {
    if (pending.length === 0) return;
    if (!out.write(pending.join(""))) blocked = true;
    pending = [];
    pendingChars = 0;
  };
  return {
    write(line) {
      const s = JSON.stringify(line) + "\n";
      pending.push(s);
      pendingChars += s.length;
      if (pendingChars >= FLUSH_CHARS) flush();
    },
    needsDrain: () => blocked,
    async drain() {
      if (blocked) { await once(out, "drain"); blocked = false; }
    },
    async end() {
      flush();
      out.end();
      await once(out, "finish");
    },
    *readBack() {
      const fd = openSync(path, "r");
      try {
        const buf = Buffer.allocUnsafe(4 << 20);
        let rest = "";
        for (;;) {
          const n = readSync(fd, buf, 0, buf.length, null);
          if (n === 0) break;
          // Cut at the last newline byte so a multi-byte character is never split.
          const last = buf.lastIndexOf(10, n - 1);
          if (last < 0) { rest += buf.toString("utf8", 0, n); continue; }
          const chunk = rest + buf.toString("utf8", 0, last + 1);
          rest = buf.toString("utf8", last + 1, n);
          let start = 0;
          for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", start)) {
            yield JSON.parse(chunk.slice(start, i)) as SpoolLine;
            start = i + 1;
          }
        }
        if (rest.trim()) yield JSON.parse(rest) as SpoolLine;
      } finally {
        closeSync(fd);
      }
    },
    dispose() {
      out.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
