// The tokenizer comparison of docs/import.md "2026-12-07 night: the reader (wt-tok)".
// Not part of the build: it needs the candidates, installed outside the project, e.g.
//   mkdir /tmp/tokbench && cd /tmp/tokbench && npm i udsv papaparse csv-parser csv-parse@7.0.3 && cp .../bench/tokenizers.mjs .
//   node tokenizers.mjs LIB FILE utf-8|gb18030   -> one JSON line: rows, cells, a length checksum,
//   the process's CPU (cpuProc), this thread's CPU from /proc (cpuThread), wall, os.loadavg().
// LIB: csv-parse (the import's options), csv-parse-default, udsv, papaparse, csv-parser,
// hand-str / hand-bytes (a minimal strict tokenizer, for scale), decode-only.
// The file is read in 64 KB chunks as the import reads it; strings are decoded with a
// streaming TextDecoder (included in the figure); csv-parse and csv-parser take bytes.
import { openSync, readSync, closeSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const [lib, file, enc] = process.argv.slice(2);
const CH = 64 * 1024;
function* chunks() {
  const fd = openSync(file, "r");
  for (;;) { const b = Buffer.allocUnsafe(CH); const n = readSync(fd, b, 0, CH, null); if (n === 0) break; yield n < CH ? b.subarray(0, n) : b; }
  closeSync(fd);
}
function threadTicks() { const s = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8"); const f = s.slice(s.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) * 10; }
let rows = 0, cells = 0, chk = 0;
const take = (r) => { rows++; cells += r.length; for (let i = 0; i < r.length; i++) chk += r[i].length; };
const strs = () => { const d = new TextDecoder(enc === "utf-8" ? "utf-8" : "gb18030"); return { w: (b) => d.decode(b, { stream: true }), e: () => d.decode() }; };
// warm nothing: load modules first
const { Parser } = await import("csv-parse");
const udsv = await import("udsv");
const Papa = require("papaparse");
const csvParser = require("csv-parser");
const t0 = threadTicks(); const c0 = process.cpuUsage(); const w0 = performance.now();
if (lib === "csv-parse" || lib === "csv-parse-default") {
  const opts = lib === "csv-parse" ? { delimiter: ",", record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: true, relax_quotes: true, skip_empty_lines: false, skip_records_with_error: true, max_record_size: 1_000_000 } : { relax_column_count: true };
  const p = new Parser(opts);
  p.push = function (r) { if (r !== null) take(r); return true; };
  const d = enc === "utf-8" ? null : strs();
  for (const b of chunks()) p.write(d ? d.w(b) : b);
  await new Promise((res) => { p.once("finish", res); p.end(); });
} else if (lib === "udsv") {
  const d = strs();
  let parser = null;
  const cb = (row) => { take(row); return true; };
  for (const b of chunks()) {
    const s = d.w(b);
    if (!parser) { const schema = udsv.inferSchema(s, { col: ",", row: "\r\n", encl: '"' }); schema.skip = 0; parser = udsv.initParser(schema); }
    parser.chunk(s, parser.stringArrs, cb);
  }
  parser.end();
} else if (lib === "papaparse") {
  const d = strs();
  const p = new Papa.Parser({ delimiter: ",", newline: "\r\n" });
  let partial = "", base = 0;
  for (const b of chunks()) {
    const input = partial + d.w(b);
    const r = p.parse(input, base, true);
    for (const row of r.data) take(row);
    const cur = r.meta.cursor - base; partial = input.substring(cur); base += cur;
  }
  const r = p.parse(partial, base, false); for (const row of r.data) take(row);
} else if (lib === "csv-parser") {
  const p = csvParser({ headers: false });
  p.on("data", (o) => { const a = Object.values(o); take(a); });
  for (const b of chunks()) p.write(b);
  await new Promise((res) => { p.on("end", res); p.end(); p.resume(); });
} else if (lib === "hand-str") {
  // hand-written RFC 4180 over decoded string: indexOf for quotes, charCode scan otherwise
  const d = strs(); let rest = "";
  const run = (s, final) => {
    let pos = 0, start = 0; const n = s.length; let row = [];
    outer: while (pos < n) {
      let c = s.charCodeAt(pos);
      if (c === 34) {
        let q = pos + 1, v = ""; 
        for (;;) { const e = s.indexOf('"', q); if (e === -1 || e + 1 >= n && !final) break outer; if (s.charCodeAt(e + 1) === 34) { v += s.slice(q, e + 1); q = e + 2; continue; } v += s.slice(q, e); pos = e + 1; break; }
        row.push(v); c = s.charCodeAt(pos);
        if (c === 44) { pos++; continue; }
        if (c === 13 && s.charCodeAt(pos + 1) === 10) { pos += 2; take(row); row = []; start = pos; continue; }
        if (pos >= n) break;
        throw new Error("anomaly");
      }
      let e = pos;
      while (e < n) { c = s.charCodeAt(e); if (c === 44 || c === 13 || c === 10 || c === 34) break; e++; }
      if (e >= n) break;
      if (c === 34) throw new Error("anomaly");
      row.push(s.slice(pos, e));
      if (c === 44) { pos = e + 1; continue; }
      if (c === 13 && s.charCodeAt(e + 1) === 10) { pos = e + 2; } else if (c === 13 && e + 1 >= n) break; else pos = e + 1;
      take(row); row = []; start = pos;
    }
    return s.slice(start);
  };
  for (const b of chunks()) rest = run(rest + d.w(b), false);
  rest = run(rest + d.e() + "\r\n", true);
} else if (lib === "hand-bytes") {
  // hand-written over bytes (UTF-8 only): fields decoded by buf.utf8Slice
  if (enc !== "utf-8") throw new Error("utf-8 only");
  let carry = null;
  const run = (b, final) => {
    let pos = 0, start = 0; const n = b.length; let row = [];
    outer: while (pos < n) {
      let c = b[pos];
      if (c === 34) {
        let q = pos + 1, v = "";
        for (;;) { const e = b.indexOf(34, q); if (e === -1 || e + 1 >= n && !final) break outer; if (b[e + 1] === 34) { v += b.utf8Slice(q, e + 1); q = e + 2; continue; } v += b.utf8Slice(q, e); pos = e + 1; break; }
        row.push(v); c = b[pos];
        if (c === 44) { pos++; continue; }
        if (c === 13 && b[pos + 1] === 10) { pos += 2; take(row); row = []; start = pos; continue; }
        if (pos >= n) break;
        throw new Error("anomaly");
      }
      let e = pos;
      while (e < n) { c = b[e]; if (c === 44 || c === 13 || c === 10 || c === 34) break; e++; }
      if (e >= n) break;
      if (c === 34) throw new Error("anomaly");
      row.push(b.utf8Slice(pos, e));
      if (c === 44) { pos = e + 1; continue; }
      if (c === 13 && b[e + 1] === 10) { pos = e + 2; } else if (c === 13 && e + 1 >= n) break; else pos = e + 1;
      take(row); row = []; start = pos;
    }
    return b.subarray(start);
  };
  for (const b of chunks()) carry = run(carry && carry.length ? Buffer.concat([carry, b]) : b, false);
  if (carry && carry.length) run(Buffer.concat([carry, Buffer.from("\r\n")]), true);
} else if (lib === "decode-only") {
  const d = strs(); for (const b of chunks()) chk += d.w(b).length; d.e();
} else throw new Error(lib);
const cpu = process.cpuUsage(c0); const t1 = threadTicks();
console.log(JSON.stringify({ lib, file: file.split("/").pop(), rows, cells, chk, cpuProc: +((cpu.user + cpu.system) / 1e6).toFixed(2), cpuThread: +((t1 - t0) / 1000).toFixed(2), wall: +((performance.now() - w0) / 1000).toFixed(2), load: (await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" ") }));
