// The bench's second input shape (issue 12): 7 columns, a quoted department that holds a
// comma, CJK names, read with `membership: all`. The rows are the sample generator's
// (same seed, same workforce month by month), so month 1 mostly repeats month 0.
import { createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import { generatePayroll } from "../src/sample/payroll.js";

export const NARROW_HEADERS = ["工号", "姓名", "部门", "基本工资", "岗位工资", "应发工资", "工会会费"] as const;
const SITES = ["北京", "上海", "广州", "成都"];

const yuan = (m: number) => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, "0")}`;

/** Writes month `month` of `employees` as the narrow shape, in UTF-8 or GB18030. */
export async function writeNarrowPayroll(path: string, o: { employees: number; month?: number; encoding: "utf-8" | "gb18030"; seed?: number }): Promise<void> {
  const out = createWriteStream(path);
  const enc = (s: string) => (o.encoding === "gb18030" ? iconv.encode(s, "gb18030") : Buffer.from(s, "utf8"));
  const write = async (s: string) => {
    if (!out.write(enc(s))) await new Promise<void>((r) => out.once("drain", r));
  };
  let buf = NARROW_HEADERS.join(",") + "\r\n";
  for (const r of generatePayroll({ seed: o.seed ?? 7, employees: o.employees, month: o.month ?? 0 })) {
    // The site follows the employee (not the row), so an unchanged member stays unchanged next month.
    // Every member pays under `membership: all`: the 10-yuan rule's 0.5% of (基本 + 岗位).
    const deducted = Math.floor((r.basic + r.post) / 1000) * 1000 / 200;
    buf += `${r.employeeId},${r.name},"${r.department},${SITES[Number(r.employeeId) % SITES.length]}",${yuan(r.basic)},${yuan(r.post)},${yuan(r.gross)},${yuan(deducted)}\r\n`;
    if (buf.length >= 1 << 19) { await write(buf); buf = ""; }
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}
