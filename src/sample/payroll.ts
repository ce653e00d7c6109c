// Seeded synthetic payroll files for tests, the bench and `dues demo`: a stable workforce
// across months (hires, leavers, yearly raises), Chinese names and columns, the encodings
// and layouts of SPEC §4.1. No real person's data; the same seed gives the same bytes.
import { createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import type { Minor } from "../domain/money.js";
import { hash32, Prng } from "./prng.js";

export type SampleEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le";

export interface PayrollSampleOptions {
  /** Default 1. */
  readonly seed?: number;
  /** Headcount at month 0 (before hires and leavers). Default 100. */
  readonly employees?: number;
  /** Month index from 0: the workforce changes month by month (hires, leavers, raises). Default 0. */
  readonly month?: number;
  /** Shown in the title row, e.g. "2026-10". */
  readonly period?: string;
  /** Default utf-8; utf-16le is Excel's "Unicode text" (BOM, tab-separated by default). */
  readonly encoding?: SampleEncoding;
  /** Default "," (tab for utf-16le). */
  readonly delimiter?: "," | ";" | "\t" | "|";
  /** Default "." (write "," with a ";" delimiter for a European file). */
  readonly decimalMark?: "." | ",";
  /** Amounts with grouping marks ("6,789.45"), quoted where the delimiter needs it. */
  readonly grouping?: boolean;
  /** A title row above the header (某某公司2026年10月工资表), padded like Excel does. */
  readonly titleRow?: boolean;
  /** A 合计 row at the bottom. */
  readonly totalRow?: boolean;
  /** Line ending; default CRLF as Excel writes. */
  readonly newline?: "\r\n" | "\n";
  /** Members whose deducted dues deliberately differ from the rule, per thousand rows. Default 0. */
  readonly mismatchPermille?: number;
  /** Full-width digits in the amounts (as some hand-typed sheets have). */
  readonly fullWidthDigits?: boolean;
  /** Employee ids whose dues the employer did not deduct this month (long sick leave, an
   *  unpaid secondment): their 工会会费 is 0, so the member falls into arrears. */
  readonly notDeducted?: readonly string[];
}

export interface SamplePayrollRow {
  readonly seq: number;
  readonly employeeId: string;
  readonly name: string;
  readonly department: string;
  readonly member: boolean;
  readonly status: "在职" | "退休";
  readonly basic: Minor;
  readonly post: Minor;
  readonly performance: Minor;
  readonly allowance: Minor;
  readonly gross: Minor;
  /** What the employer deducted: the 0.5% rule on (基本+岗位) truncated to 10 yuan, unless `mismatch`. */
  readonly deducted: Minor;
  /** True when `deducted` deliberately differs from the rule. */
  readonly mismatch: boolean;
}

export const SAMPLE_HEADERS = ["序号", "工号", "姓名", "部门", "是否会员", "会员状态", "基本工资", "岗位工资", "绩效工资", "津贴", "应发工资", "工会会费"] as const;

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红飞鹏辉建国志文斌波宇浩凯俊峰晨晓欣怡佳雪琳婷慧颖梅玲燕萍鑫博"];
const DEPARTMENTS = ["财务部", "人力资源部", "生产一车间", "生产二车间", "质检部", "销售部", "采购部", "研发中心", "行政办公室", "仓储物流部", "安全环保部", "信息技术部"];

interface Person {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly member: boolean;
  readonly retired: boolean;
  readonly hireMonth: number;
  readonly leaveMonth: number;
  readonly basic0: Minor;
  readonly post0: Minor;
  readonly allowance: Minor;
}

function person(seed: number, index: number, initial: number): Person {
  const r = new Prng(hash32(seed, index, 0x5eed));
  const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(600) ? r.pick(GIVEN) : "");
  const hiresPerMonth = Math.max(1, Math.round(initial / 100));
  const hireMonth = index < initial ? -r.int(1, 240) : 1 + Math.floor((index - initial) / hiresPerMonth);
  // About 3% leave in a year: a quarter of the staff leave at some point in eight years.
  const leaveMonth = r.chance(250) ? Math.max(hireMonth + 1, r.int(1, 96)) : Number.MAX_SAFE_INTEGER;
  const retired = index < initial && r.chance(20);
  return {
    index,
    id: String(100000 + index + 1),
    name,
    department: r.pick(DEPARTMENTS),
    member: retired || r.chance(900),
    retired,
    hireMonth,
    leaveMonth,
    basic0: retired ? r.int(100000, 300000) : r.int(300000, 1200000),
    post0: retired ? 0 : r.int(50000, 500000),
    allowance: r.int(0, 3) === 0 ? 0 : r.int(20000, 150000),
  };
}

/** The wage after the yearly raises from month 1 to `month` (2–6% each anniversary of hire, truncated to the fen). */
function raised(seed: number, p: Person, amount: Minor, month: number): Minor {
  if (p.retired) return amount;
  let a = amount;
  // ROUNDING: a raise truncates to the fen (sample data only; no rule of the books).
  // Month 0's wages are the starting point; raises fall on later anniversaries of the hire month.
  const first = p.hireMonth + 12 * Math.max(1, Math.ceil((1 - p.hireMonth) / 12));
  for (let m = first; m <= month; m += 12) a = Math.floor((a * (1000 + 20 + (hash32(seed, p.index, m) % 41))) / 1000);
  return a;
}

/** The rows of month `month`'s payroll, in employee order. */
export function* generatePayroll(opts: PayrollSampleOptions = {}): Generator<SamplePayrollRow> {
  const seed = opts.seed ?? 1;
  const initial = opts.employees ?? 100;
  const month = opts.month ?? 0;
  const hiresPerMonth = Math.max(1, Math.round(initial / 100));
  const last = initial + Math.max(0, month) * hiresPerMonth;
  const mismatchPermille = opts.mismatchPermille ?? 0;
  let seq = 0;
  for (let i = 0; i < last; i++) {
    const p = person(seed, i, initial);
    if (p.hireMonth > month || p.leaveMonth <= month) continue;
    const basic = raised(seed, p, p.basic0, month);
    const post = raised(seed, p, p.post0, month);
    const m = new Prng(hash32(seed, i, month, 0xbeef));
    const performance = p.retired ? 0 : m.int(0, 600000);
    const gross = basic + post + performance + p.allowance;
    // ROUNDING: the 10-yuan rule (DOMAIN.md): base truncated to 1000 fen, then 0.5% is exact.
    const rule = p.member && !p.retired ? Math.floor((basic + post) / 1000) * 1000 / 200 : 0;
    const mismatch = p.member && !p.retired && m.chance(mismatchPermille);
    const skipped = opts.notDeducted?.includes(p.id) ?? false;
    const deducted = skipped ? 0 : mismatch ? (m.chance(500) ? 0 : rule + 500) : rule;
    seq++;
    yield {
      seq, employeeId: p.id, name: p.name, department: p.department, member: p.member,
      status: p.retired ? "退休" : "在职", basic, post, performance, allowance: p.allowance, gross, deducted, mismatch: mismatch || (skipped && rule > 0),
    };
  }
}

const FULL = "０１２３４５６７８９";

function amountText(m: Minor, o: PayrollSampleOptions): string {
  const neg = m < 0;
  const abs = Math.abs(m);
  let whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, "0");
  const mark = o.decimalMark ?? ".";
  if (o.grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, mark === "." ? "," : ".");
  let s = (neg ? "-" : "") + whole + mark + frac;
  if (o.fullWidthDigits) s = s.replace(/[0-9]/g, (d) => FULL[Number(d)]!);
  return s;
}

function field(s: string, delimiter: string): string {
  return s.includes(delimiter) || s.includes('"') || s.includes("\n") || s.includes("\r") ? `"${s.replace(/"/g, '""')}"` : s;
}

function delimiterOf(o: PayrollSampleOptions): string {
  return o.delimiter ?? (o.encoding === "utf-16le" ? "\t" : ",");
}

/** The file's text, line by line, before encoding (a generator, so 1M rows never sit in memory). */
export function* payrollLines(opts: PayrollSampleOptions = {}): Generator<string> {
  const d = delimiterOf(opts);
  const nl = opts.newline ?? "\r\n";
  if (opts.titleRow) {
    const when = opts.period ? `${opts.period.slice(0, 4)}年${Number(opts.period.slice(5, 7))}月` : `第${(opts.month ?? 0) + 1}月`;
    yield `示例公司${when}工资表` + d.repeat(SAMPLE_HEADERS.length - 1) + nl;
  }
  yield SAMPLE_HEADERS.join(d) + nl;
  const t = { basic: 0, post: 0, performance: 0, allowance: 0, gross: 0, deducted: 0 };
  for (const r of generatePayroll(opts)) {
    t.basic += r.basic; t.post += r.post; t.performance += r.performance; t.allowance += r.allowance; t.gross += r.gross; t.deducted += r.deducted;
    yield [
      String(r.seq), r.employeeId, r.name, r.department, r.member ? "是" : "否", r.status,
      ...[r.basic, r.post, r.performance, r.allowance, r.gross, r.deducted].map((a) => field(amountText(a, opts), d)),
    ].join(d) + nl;
  }
  if (opts.totalRow) {
    yield ["合计", "", "", "", "", "", ...[t.basic, t.post, t.performance, t.allowance, t.gross, t.deducted].map((a) => field(amountText(a, opts), d))].join(d) + nl;
  }
}

function encode(s: string, encoding: SampleEncoding): Buffer {
  if (encoding === "gb18030") return iconv.encode(s, "gb18030");
  if (encoding === "utf-16le") return Buffer.from(s, "utf16le");
  return Buffer.from(s, "utf8");
}

function bom(encoding: SampleEncoding): Buffer {
  if (encoding === "utf-8-bom") return Buffer.from([0xef, 0xbb, 0xbf]);
  if (encoding === "utf-16le") return Buffer.from([0xff, 0xfe]);
  return Buffer.alloc(0);
}

/** The whole file's text before encoding (small files). */
export function payrollText(opts: PayrollSampleOptions = {}): string {
  return [...payrollLines(opts)].join("");
}

/** The encoded file as bytes (small files; use writePayroll for large ones). */
export function payrollBuffer(opts: PayrollSampleOptions = {}): Buffer {
  const enc = opts.encoding ?? "utf-8";
  return Buffer.concat([bom(enc), encode(payrollText(opts), enc)]);
}

/** Writes the file in ~1 MB pieces, waiting for the disk, so memory stays flat for 1M rows. */
export async function writePayroll(path: string, opts: PayrollSampleOptions = {}): Promise<{ rows: number; bytes: number }> {
  const enc = opts.encoding ?? "utf-8";
  const out = createWriteStream(path);
  let bytes = 0;
  let rows = 0;
  const write = async (b: Buffer) => {
    bytes += b.length;
    if (!out.write(b)) await new Promise<void>((res) => out.once("drain", res));
  };
  const failed = new Promise<never>((_, rej) => out.once("error", rej));
  const work = (async () => {
    await write(bom(enc));
    let buf = "";
    for (const line of payrollLines(opts)) {
      rows++;
      buf += line;
      if (buf.length >= 1 << 19) {
        await write(encode(buf, enc));
        buf = "";
      }
    }
    if (buf) await write(encode(buf, enc));
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  })();
  await Promise.race([work, failed]);
  return { rows, bytes };
}
