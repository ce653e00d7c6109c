// The bench's reference reads: csv-parse alone in its plainest fast form, one per process.
//   node dist/bench/reference.js FILE utf-8|gb18030-textdecoder|gb18030-iconv
// UTF-8: the file's bytes piped straight into parse() (no decoding stream; csv-parse
// decodes UTF-8 itself), rows as arrays. GB18030: the two cheapest correct decodes,
// measured against each other by the bench: TextDecoder("gb18030") on each chunk
// (streaming, so a character split across chunks is kept), or iconv-lite's decodeStream.
// Prints {"rows":N} when done; the parent times the process.
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { parse } from "csv-parse";

const [file, how] = process.argv.slice(2) as [string, string];
const parser = parse({ relax_column_count: true });
if (how === "utf-8") createReadStream(file).pipe(parser);
else if (how === "gb18030-textdecoder") {
  const dec = new TextDecoder("gb18030");
  const decode = new Transform({
    transform(chunk: Buffer, _e, cb) { cb(null, dec.decode(chunk, { stream: true })); },
    flush(cb) { cb(null, dec.decode()); },
  });
  createReadStream(file).pipe(decode).pipe(parser);
} else if (how === "gb18030-iconv") {
  const iconv = (await import("iconv-lite")).default;
  createReadStream(file).pipe(iconv.decodeStream("gb18030")).pipe(parser);
} else throw new Error(`unknown reference ${how}`);
let rows = 0;
for await (const _ of parser) rows++;
process.stdout.write(JSON.stringify({ rows }) + "\n");
