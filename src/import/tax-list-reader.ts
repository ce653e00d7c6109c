// A tax authority's collection list (税务代收工会经费清单: CSV in GBK/GB18030/UTF-8, or xlsx)
// to lines: employer, 统一社会信用代码, period, amount collected, optional date, item and
// ticket number, found by header names (zh and en). Every bad cell at once; no matching.
import { parseAmount, type Minor } from "../domain/money.js";
import { periodOf, type Period } from "../domain/period.js";
import { problem, warning, type Checked, type Problem } from "../domain/problem.js";
import type { TaxItem, TaxListLine } from "../domain/tax-collection.js";
import { text } from "../domain/text.js";
import { checkUscc, usccFault } from "../domain/uscc.js";
import type { AmountOptions } from "./budget-reader.js";
import { readDate } from "./dates.js";
import { readPeriod } from "./opening-reader.js";
import { cellOf, columnOf, locateColumns, type FieldSpec, type TextTable } from "./table-rows.js";

export const TAX_LIST_FIELDS: readonly FieldSpec[] = [
  { field: "employer", names: ["缴费单位名称", "缴费单位", "缴费人名称", "纳税人名称", "单位名称", "employer", "employer name", "payer"], required: true, label: text("employer", "缴费单位名称") },
  { field: "creditCode", names: ["统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "credit code", "uscc", "taxpayer id"], required: true, label: text("credit code", "统一社会信用代码") },
  { field: "period", names: ["所属期", "费款所属期", "税款所属期", "所属期间", "所属期起", "period"], required: true, label: text("period", "所属期") },
  { field: "amount", names: ["代收金额", "实缴金额", "缴费金额", "实缴费额", "入库金额", "金额", "amount collected", "collected", "amount"], required: true, label: text("amount collected", "代收金额") },
  { field: "date", names: ["实缴日期", "缴款日期", "入库日期", "缴费日期", "date", "paid on"], required: false, label: text("date", "实缴日期") },
  { field: "item", names: ["征收品目", "征收项目", "品目", "费种", "item"], required: false, label: text("item", "征收品目") },
  { field: "ref", names: ["电子税票号码", "税票号码", "票证号码", "凭证号", "ref", "reference"], required: false, label: text("ref", "票证号码") },
];

const TOTAL_ROW = /^(合计|总计|小计|本页合计|total|subtotal|grand total)$/i;
const PREPARATORY = /筹备金|preparatory/i;
const FUNDS = /^(工会经费|经费|拨缴经费|union funds?|funds)$/i;

/**
 * A line's period: a month (2026-10, 2026年10月, 202610, 2026/10), a date in it (a
 * spreadsheet's 2026-10-01), or a 所属期起止 range inside one month (2026-10-01至2026-10-31).
 * "span" when the range covers several months (quarterly collection): we do not split it.
 */
export function readTaxPeriod(raw: string): Period | "span" | undefined {
  const s = raw.normalize("NFKC").trim();
  const month = readPeriod(s);
  if (month) return month;
  const parts = s.split(/\s*(?:至|到|~|～|—|--|\s-\s|\/\/)\s*/);
  if (parts.length === 2) {
    const a = readDate(parts[0]!), b = readDate(parts[1]!);
    if (!a || !b || a > b) return undefined;
    return periodOf(a) === periodOf(b) ? periodOf(a) : "span";
  }
  const d = readDate(s);
  return d ? periodOf(d) : undefined;
}

export function mapTaxListTable(table: TextTable, opts: AmountOptions): Checked<TaxListLine[]> {
  const loc = locateColumns(table, TAX_LIST_FIELDS, "TAX_LIST");
  if (!loc.value) return { value: undefined, problems: loc.problems };
  const located = loc.value;
  const problems: Problem[] = [];
  const out: TaxListLine[] = [];
  const seen = new Map<string, number>();
  for (const r of located.data) {
    const where = (field: string) => ({ file: table.file, line: r.line, column: columnOf(r, located, field), source: r.source });
    const employer = cellOf(r, located, "employer");
    const rawCode = cellOf(r, located, "creditCode");
    const rawPeriod = cellOf(r, located, "period");
    const rawAmount = cellOf(r, located, "amount");
    if (TOTAL_ROW.test(employer.replace(/\s/g, "")) || TOTAL_ROW.test(rawCode.replace(/\s/g, "")) || (rawCode === "" && employer === "" && rawAmount !== "")) continue;
    let ok = true;
    const bad = (code: string, field: string, en: string, zh: string, hintEn: string, hintZh: string) => {
      ok = false;
      problems.push(problem(code, text(en, zh), { ...where(field), hint: text(hintEn, hintZh) }));
    };

    let creditCode = "";
    if (rawCode === "") {
      bad("TAX_LIST_CREDIT_CODE_MISSING", "creditCode", `the 统一社会信用代码 of ${employer || "this employer"} is missing`, `${employer || "此单位"}缺少统一社会信用代码`,
        "lines are matched to affiliates by credit code only, never by name: ask the tax office for the list with codes", "清单按统一社会信用代码与基层工会对应，不按名称猜测：请向税务机关索取带代码的清单");
    } else {
      const c = checkUscc(rawCode);
      if (c.ok) creditCode = c.code;
      else {
        const fault = usccFault(c);
        bad("TAX_LIST_CREDIT_CODE_INVALID", "creditCode", `the credit code "${rawCode}" ${fault.en}`, `统一社会信用代码“${rawCode}”${fault.zh}`,
          "compare it with the employer's 营业执照 or the tax office's own record; a list with a wrong code cannot be matched", "请与单位营业执照或税务机关的记录核对；代码有误的行无法对应到基层工会");
      }
    }

    const period = readTaxPeriod(rawPeriod);
    if (period === "span") {
      bad("TAX_LIST_PERIOD_SPAN", "period", `the period "${rawPeriod}" covers more than one month`, `所属期“${rawPeriod}”跨越多个月份`,
        "ask the tax office for the list by month (quarterly collection is not split by guess), or split the line into one per month", "请向税务机关索取按月的清单（按季征收的金额不按猜测拆分），或将此行拆为每月一行");
    } else if (!period) {
      bad("TAX_LIST_PERIOD_UNREADABLE", "period", rawPeriod === "" ? "the period is missing" : `"${rawPeriod}" is not a month`, rawPeriod === "" ? "缺少所属期" : `“${rawPeriod}”不是月份`,
        "write the period as 2026-10 (or 2026年10月, or 2026-10-01至2026-10-31)", "所属期请写成 2026-10（或 2026年10月、2026-10-01至2026-10-31）");
    }

    let amount: Minor = 0;
    const p = parseAmount(rawAmount, opts);
    if (!p.ok) {
      bad("TAX_LIST_AMOUNT_UNREADABLE", "amount", rawAmount === "" ? "the amount collected is missing" : `"${rawAmount}" is not an amount with at most ${opts.digits} decimals`, rawAmount === "" ? "缺少代收金额" : `“${rawAmount}”不是最多 ${opts.digits} 位小数的金额`,
        "write amounts like 1975.31 or 1,975.31", "金额请写成 1975.31 或 1,975.31 的形式");
    } else if (p.minor < 0) {
      bad("TAX_LIST_AMOUNT_NEGATIVE", "amount", `the amount collected "${rawAmount}" is negative`, `代收金额“${rawAmount}”为负数`,
        "a refund by the tax office (退库) is not a collection: leave it out of the list and book it with dues record", "税务机关的退库不是代收：请从清单中去掉此行，另用 dues record 记账");
    } else amount = p.minor;

    const rawDate = cellOf(r, located, "date");
    const date = rawDate === "" ? null : readDate(rawDate) ?? null;
    if (rawDate !== "" && !date) {
      bad("TAX_LIST_DATE_UNREADABLE", "date", `"${rawDate}" is not a date`, `“${rawDate}”不是日期`, "write dates as 2026-11-10", "日期请写成 2026-11-10");
    }

    const rawItem = cellOf(r, located, "item");
    let item: TaxItem = "funds";
    if (PREPARATORY.test(rawItem)) item = "preparatory";
    else if (rawItem !== "" && !FUNDS.test(rawItem.replace(/\s/g, ""))) {
      bad("TAX_LIST_ITEM_UNKNOWN", "item", `"${rawItem}" is neither 工会经费 nor 工会筹备金`, `“${rawItem}”既不是工会经费，也不是工会筹备金`,
        "keep only the union's items in the list (工会经费 for employers with a union, 工会筹备金 for those without)", "清单中只保留工会的品目（已建会单位为工会经费，未建会单位为工会筹备金）");
    }

    if (!ok || typeof period !== "string") continue;
    if (amount === 0) {
      problems.push(warning("TAX_LIST_AMOUNT_ZERO", text(`nothing was collected from ${employer} for ${period}; the line is skipped`, `${employer} ${period} 代收金额为零，此行跳过`), {
        ...where("amount"), hint: text("a zero line books nothing; an employer that should have paid shows in dues reconcile --affiliates", "金额为零的行不记账；应缴未缴的单位见 dues reconcile --affiliates"),
      }));
      continue;
    }
    const key = `${creditCode} ${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem("TAX_LIST_DUPLICATE_LINE", text(`${employer} (${creditCode}) for ${period} is already on line ${first}`, `${employer}（${creditCode}）${period} 已在第 ${first} 行出现`), {
        ...where("creditCode"),
        hint: text("one line per employer and month: if the tax office collected twice, ask it for the corrected list; if they are two payments, add them up", "每个单位每月一行：如系重复，请向税务机关索取更正后的清单；如是两笔缴款，请合并为一行"),
      }));
      continue;
    }
    seen.set(key, r.line);
    out.push({
      line: r.line,
      source: r.source,
      columns: { employer: columnOf(r, located, "employer"), creditCode: columnOf(r, located, "creditCode"), period: columnOf(r, located, "period"), amount: columnOf(r, located, "amount"), item: columnOf(r, located, "item") },
      employer, creditCode, period, amount, date, item, ref: cellOf(r, located, "ref"),
    });
  }
  if (out.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(problem("TAX_LIST_NO_LINES", text("the file has a header but no collection lines", "文件只有表头，没有代收明细"), {
      file: table.file, line: located.headerLine, hint: text("check that this is the tax office's collection list, with one row per employer and month", "请确认这是税务机关的代收清单，每个单位每月一行"),
    }));
  }
  return { value: out, problems };
}
