// Synthetic federation data, seeded (never Math.random): an affiliates register and a tax
// office's collection list (GB18030 CSV, as the office's systems write it), for the bench
// and scenario tests. Credit codes are valid 统一社会信用代码 (check character computed).
import { createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import { formatMinor } from "../domain/money.js";
import { addMonths, type Period } from "../domain/period.js";
import { USCC_CHARS, usccCheckChar } from "../domain/uscc.js";
import { hash32 } from "./prng.js";

export interface SampleAffiliate {
  readonly id: string;
  readonly name: string;
  readonly employer: string;
  readonly creditCode: string;
  readonly collection: "tax-full" | "tax-upward";
  /** Monthly payroll (工资总额), minor units. */
  readonly fundsBase: number;
}

/** The i-th affiliate of a seeded federation: 4 in 5 tax-full, the rest tax-upward. */
export function sampleAffiliate(seed: number, i: number): SampleAffiliate {
  // A unique 9-character organisation code from i (base 31), after a fixed region prefix.
  let n = i, org = "";
  for (let k = 0; k < 9; k++) { org = USCC_CHARS[n % 31]! + org; n = Math.floor(n / 31); }
  const stem = `91330100${org}`;
  const base = 5_000_000 + (hash32(seed, i) % 500_000_000); // 50,000.00 – 5,050,000.00 a month
  return {
    id: `u${String(i).padStart(5, "0")}`, name: `第${i}基层工会`, employer: `示例单位${i}有限公司`,
    creditCode: stem + usccCheckChar(stem)!, collection: hash32(seed, i, 7) % 5 === 0 ? "tax-upward" : "tax-full", fundsBase: base,
  };
}

/** The register as `dues affiliates import` reads it (UTF-8 CSV); `collection` gives every affiliate that model. */
export function affiliatesCsv(seed: number, count: number, o: { collection?: "union-collects" } = {}): string {
  const lines = ["工会标识,工会名称,单位名称,统一社会信用代码,代收模式,工资总额,联系人"];
  for (let i = 0; i < count; i++) {
    const a = sampleAffiliate(seed, i);
    lines.push(`${a.id},${a.name},${a.employer},${a.creditCode},${o.collection ?? a.collection},${formatMinor(a.fundsBase, 2)},联系人${i}`);
  }
  return lines.join("\n") + "\n";
}

/** What the tax office collected from affiliate i for month m: 2% of a wobbling payroll, or the 40% of it (tax-upward). */
export function sampleCollection(seed: number, a: SampleAffiliate, i: number, m: number): number {
  const payroll = a.fundsBase + (hash32(seed, i, m) % 1_000_000) - 500_000;
  const funds = Math.round(payroll / 50); // ROUNDING: sample data only: 2% to the fen, half-up
  return a.collection === "tax-full" ? funds : Math.round((funds * 2) / 5);
}

/**
 * The tax office's list of `months` months from `first` for `count` affiliates (one line per
 * affiliate and month), GB18030 with a title row and 序号, written line by line.
 */
export async function writeTaxList(path: string, o: { seed: number; count: number; first: Period; months: number }): Promise<number> {
  const out = createWriteStream(path);
  const write = async (s: string) => { if (!out.write(iconv.encode(s, "gb18030"))) await new Promise<void>((res) => out.once("drain", res)); };
  await write("某县税务局代收工会经费明细\r\n序号,缴费单位名称,统一社会信用代码,所属期,代收金额,实缴日期,征收品目\r\n");
  let n = 0, buf = "";
  for (let m = 0; m < o.months; m++) {
    const period = addMonths(o.first, m);
    const paid = `${addMonths(period, 1)}-1${m % 10}`;
    for (let i = 0; i < o.count; i++) {
      const a = sampleAffiliate(o.seed, i);
      buf += `${++n},${a.employer},${a.creditCode},${period},${formatMinor(sampleCollection(o.seed, a, i, m), 2)},${paid},工会经费\r\n`;
      if (buf.length > 64_000) { await write(buf); buf = ""; }
    }
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return n;
}

/**
 * Affiliate i's annual return for `year` (docs/return-file.md, kind "year"), as its own
 * `dues export return --year` would write it: per month its payroll base and 2% funds,
 * kept 60% and 40% owed to the county (`county`), dues all kept; nothing remitted (the tax
 * office collects). Its funds are the month's payroll of sampleCollection. With `month`
 * (1–12), that month's remittance advice alone (kind "month").
 */
export function sampleAdvice(seed: number, i: number, year: number, o: { month?: number } = {}): string {
  const a = sampleAffiliate(seed, i);
  const m2 = (x: number) => formatMinor(x, 2);
  let dues = 0, funds = 0;
  // A month advice (kind "month", `dues export return --period`): that month's figures of the year return.
  const only = o.month;
  const months = Array.from({ length: only === undefined ? 12 : 1 }, (_, k) => {
    const m = only === undefined ? k : only - 1;
    const payroll = a.fundsBase + (hash32(seed, i, m) % 1_000_000) - 500_000;
    const f = Math.round(payroll / 50); // ROUNDING: sample data only, as sampleCollection
    const kept = Math.round((f * 3) / 5); // ROUNDING: sample data only
    const employees = 20 + (hash32(seed, i) % 400);
    const d = Math.round(payroll / 400); // ROUNDING: sample data only: dues on about a quarter of the payroll
    dues += d; funds += f;
    return {
      period: `${year}-${String(m + 1).padStart(2, "0")}`, employees, members: employees, paying: employees, exempt: 0,
      duesBase: m2(Math.round(payroll / 2)), dues: m2(d), fundsBase: m2(payroll), funds: m2(f), collection: "upstream",
      shares: [{ stream: "dues", to: "retained", amount: m2(d) }, { stream: "funds", to: "retained", amount: m2(kept) }, { stream: "funds", to: "county", amount: m2(f - kept) }],
    };
  });
  const period = only === undefined ? null : `${year}-${String(only).padStart(2, "0")}`;
  return JSON.stringify({
    format: "dues-return", version: 1, kind: period ? "month" : "year",
    union: { id: a.id, name: a.name, chart: "cn-2021-base", currency: "CNY", digits: 2, creditCode: a.creditCode, financialYearStart: 1 },
    from: period ?? `${year}-01`, to: period ?? `${year}-12`, year: period ? null : year, generatedAt: `${year + 1}-01-10T08:00:00.000Z`, asOf: `${year + 1}-01-10`,
    ledger: { head: null, configSha256: hash32(seed, i).toString(16).padStart(8, "0").repeat(8), configsUsed: [] },
    bodies: [{ id: "county", name: "示例县总工会" }], months, payments: [], remittances: [],
    totals: { dues: m2(dues), funds: m2(funds), due: "0.00", paid: "0.00", outstanding: "0.00" }, statements: null,
  }, null, 1);
}
