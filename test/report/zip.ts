// A second, independent xlsx reader for tests: reads the zip's central directory with
// node:zlib and picks cells out of the sheet XML, so the checks do not rely on exceljs
// reading back what exceljs wrote.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

export function unzip(path: string): Map<string, string> {
  const buf = readFileSync(path);
  // End of central directory: signature 0x06054b50, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error("not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const lName = buf.readUInt16LE(local + 26);
    const lExtra = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lName + lExtra, local + 30 + lName + lExtra + compSize);
    out.set(name.replace(/^\//, ""), (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export interface RawCell {
  ref: string;
  type: string | undefined;
  style: number;
  value: string | undefined;
  formula: string | undefined;
  text: string | undefined;
}

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export function sheetCells(xml: string): Map<string, RawCell> {
  const out = new Map<string, RawCell>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[2]!;
    const body = m[3] ?? "";
    const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
    const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const f = /<f>([\s\S]*?)<\/f>/.exec(body)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const t = [...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((x) => decode(x[1]!)).join("");
    out.set(m[1]!, { ref: m[1]!, type, style, value: v === undefined ? undefined : decode(v), formula: f === undefined ? undefined : decode(f), text: type === "inlineStr" ? t : type === "str" && v !== undefined ? decode(v) : undefined });
  }
  return out;
}

/** Style index → number format code, from styles.xml (built-in ids for the few we meet). */
export function numberFormats(stylesXml: string): string[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)) custom.set(Number(m[1]), decode(m[2]!));
  const builtin: Record<number, string> = { 0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "mm-dd-yy", 49: "@" };
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => custom.get(Number(m[1])) ?? builtin[Number(m[1])] ?? `#${m[1]}`);
}

/** Sheet names in workbook order with their part paths. */
export function sheetsOf(files: Map<string, string>): { name: string; path: string }[] {
  const wb = files.get("xl/workbook.xml")!;
  const rels = files.get("xl/_rels/workbook.xml.rels")!;
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)) target.set(m[1]!, m[2]!);
  for (const m of rels.matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g)) target.set(m[2]!, m[1]!);
  return [...wb.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)].map((m) => ({ name: decode(m[1]!), path: "xl/" + target.get(m[2]!)!.replace(/^\/?xl\//, "") }));
}
