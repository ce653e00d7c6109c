// Bank statements (CSV in any encoding, or .xlsx) to statement lines: date, signed
// amount (credit in, debit out; or one amount column with a 借/贷 flag), reference,
// memo and counterparty. Built on the generic table reader; every bad row is a problem.
import type { SourceConfig } from "../domain/config.js";
import type { Minor } from "../domain/money.js";
import { dayMonthOrder, isDayMonthForm, readDate } from "./dates.js";
import type { Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { readAmount } from "./amount.js";
import { findHeader, type FieldSpec } from "./header.js";
import { openTable, type TableInfo, type TableRow } from "./table.js";

export interface BankLine {
  /** Physical line (xlsx: row) of the record. */
  readonly line: number;
  readonly date: string;
  /** Minor units; positive = money into the account, negative = out. */
  readonly amount: Minor;
  readonly ref: string;
  readonly memo: string;
  readonly counterparty: string;
}

export interface BankRead {
  readonly lines: BankLine[];
  readonly problems: Problem[];
  readonly info: TableInfo & { headerLine: number | null };
}

// Header names banks print, zh and en; configured names come first (docs/reconciliation.md).
export const BANK_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  date: ["交易日期", "记账日期", "入账日期", "日期", "交易时间", "date", "transaction date", "posting date", "value date", "booking date"],
  credit: ["贷方发生额", "贷方金额", "收入金额", "收入", "贷方", "credit", "credit amount", "credits", "deposit", "deposits", "money in", "paid in"],
  debit: ["借方发生额", "借方金额", "支出金额", "支出", "借方", "debit", "debit amount", "debits", "withdrawal", "withdrawals", "money out", "paid out"],
  amount: ["交易金额", "发生额", "金额", "amount", "transaction amount"],
  direction: ["借贷标志", "借贷方向", "收支标志", "收支方向", "dr/cr", "direction", "credit/debit"],
  ref: ["交易流水号", "流水号", "凭证号", "参考号", "交易参考号", "reference", "ref", "transaction id"],
  memo: ["摘要", "附言", "用途", "备注", "description", "memo", "narrative", "details"],
  counterparty: ["对方户名", "对方账户名称", "对方单位", "对方名称", "收付款人", "交易对手", "counterparty", "payee", "payer", "beneficiary", "counterparty name"],
};

const FIELDS = ["date", "credit", "debit", "amount", "direction", "ref", "memo", "counterparty"] as const;

// 借贷标志 values: which way the money went, seen from our account.
const IN_WORDS = new Set(["贷", "贷方", "收", "收入", "入", "c", "cr", "credit", "in", "+"]);
const OUT_WORDS = new Set(["借", "借方", "支", "支出", "出", "付", "d", "dr", "debit", "out", "-"]);

// Total and balance lines banks append (合计, 本页合计, 期末余额…): skipped with a note.
const TOTAL_WORDS = /^(合\s*计|总\s*计|小\s*计|本页合计|累计|期初余额|期末余额|上日余额|total|subtotal|opening balance|closing balance|balance brought forward)/i;

export async function readBankStatement(path: string, source: SourceConfig | undefined, opts: { digits: number; fileLabel?: string; currency?: string }): Promise<BankRead> {
  const file = opts.fileLabel ?? path;
  const table = await openTable(path, { encoding: source?.encoding ?? "auto", delimiter: source?.delimiter ?? "auto", sheet: source?.sheet, fileLabel: file, area: "BANK" });
  const decimalMark = source?.decimalMark ?? ".";
  const specs: FieldSpec[] = FIELDS.map((key) => ({
    key,
    names: [...(source?.columns[key] ?? []), ...BANK_SYNONYMS[key]!],
    required: key === "date",
  }));
  const lines: BankLine[] = [];
  const head: TableRow[] = [];
  let header: ReturnType<typeof findHeader> | undefined;
  let headerLine: number | null = null;
  let problemsBeforeHeader = false;
  const rows: TableRow[] = [];
  for await (const row of table.rows()) {
    if (header === undefined) {
      if (row.cells.every((c) => c.trim() === "")) continue;
      head.push(row);
      const h = findHeader([row], specs);
      const hasMoney = h.columns.has("amount") || h.columns.has("credit") || h.columns.has("debit");
      if (h.found && hasMoney) {
        header = h;
        headerLine = row.line;
        if (h.ambiguous.length) {
          for (const a of h.ambiguous) {
            table.report({ code: "BANK_AMBIGUOUS_COLUMN", message: text(`two columns are named ${a.name}: which one is the ${a.key}?`, `有两列都叫“${a.name}”，无法确定哪一列是 ${a.key}`), line: row.line, field: a.indexes[1], hint: text(`rename one of them, or name the right one under sources.<name>.columns.${a.key}`, `请改掉其中一个列名，或在 sources.<名称>.columns.${a.key} 中指定`) });
          }
          problemsBeforeHeader = true;
        }
      } else if (head.length >= 30) break;
      continue;
    }
    rows.push(row);
  }
  if (!header && !table.info.missing && head.length > 0) {
    const best = findHeader(head, specs);
    table.report({
      code: "BANK_MISSING_COLUMN",
      message: text("no header row with a date column and an amount (or credit/debit) column", "找不到同时含有日期列和金额列（或贷方/借方列）的表头行"),
      line: best.row?.line ?? head[0]!.line,
      hint: text(
        `the statement's columns can be named in dues.yaml: sources: { bank: { columns: { date: [...], credit: [...], debit: [...] } } }; built in: date ${BANK_SYNONYMS.date!.slice(0, 3).join("/")}, credit ${BANK_SYNONYMS.credit!.slice(0, 2).join("/")}, debit ${BANK_SYNONYMS.debit!.slice(0, 2).join("/")}`,
        `可在 dues.yaml 中指定对账单列名：sources: { bank: { columns: { date: [...], credit: [...], debit: [...] } } }；内置列名：日期 ${BANK_SYNONYMS.date!.slice(0, 3).join("/")}，贷方 ${BANK_SYNONYMS.credit!.slice(0, 2).join("/")}，借方 ${BANK_SYNONYMS.debit!.slice(0, 2).join("/")}`,
      ),
    });
  }
  if (header && !problemsBeforeHeader) {
    const col = header.columns;
    const cell = (r: TableRow, k: string) => {
      const i = col.get(k);
      return i === undefined ? "" : (r.cells[i] ?? "").trim();
    };
    const order = dayMonthOrder(rows.map((r) => cell(r, "date")), opts.currency);
    let ambiguousReported = false;
    for (const r of rows) {
      if (r.cells.every((c) => c.trim() === "")) continue;
      const first = r.cells.find((c) => c.trim() !== "")?.trim() ?? "";
      if (TOTAL_WORDS.test(first) || TOTAL_WORDS.test(cell(r, "date"))) continue;
      const dateText = cell(r, "date");
      if (order === "ambiguous" && isDayMonthForm(dateText)) {
        if (!ambiguousReported) {
          table.report({ code: "BANK_DATE_AMBIGUOUS", message: text(`cannot tell whether "${dateText}" is day/month or month/day, and no date in the statement settles it`, `无法判断“${dateText}”是日/月还是月/日，对账单中也没有能区分的日期`), line: r.line, field: col.get("date"), hint: text("export the statement with dates as YYYY-MM-DD", "请导出日期格式为 YYYY-MM-DD 的对账单") });
          ambiguousReported = true;
        }
        continue;
      }
      const date = readDate(dateText, order === "ambiguous" ? undefined : order);
      let bad = false;
      if (!date) {
        table.report({ code: "BANK_DATE_UNREADABLE", message: text(`cannot read the date "${dateText}"`, `无法读取日期“${dateText}”`), line: r.line, field: col.get("date"), hint: text("dates like 2026-02-10, 2026/2/10, 20260210 or 2026年2月10日", "日期应写成 2026-02-10、2026/2/10、20260210 或 2026年2月10日") });
        bad = true;
      }
      const money = (k: "credit" | "debit" | "amount"): Minor | null | undefined => {
        if (!col.has(k)) return null;
        const t = cell(r, k);
        const v = readAmount(t, opts.digits, decimalMark);
        if (typeof v === "number") return v;
        table.report({ code: "BANK_AMOUNT_UNREADABLE", message: text(`cannot read the amount "${t}"`, `无法读取金额“${t}”`), line: r.line, field: col.get(k), hint: v === "too-precise" ? text(`more than ${opts.digits} decimals`, `小数超过 ${opts.digits} 位`) : text("write amounts like 1234.50", "金额应写成 1234.50 这样的格式") });
        return undefined;
      };
      const credit = money("credit");
      const debit = money("debit");
      const single = money("amount");
      if (credit === undefined || debit === undefined || single === undefined) continue;
      let amount: Minor;
      if (credit !== null || debit !== null) {
        // Separate columns: money in minus money out (a bank prints one of them per line).
        const c = credit ?? 0, d = debit ?? 0;
        if (c !== 0 && d !== 0) {
          table.report({ code: "BANK_BOTH_SIDES", message: text("this line has both a credit and a debit amount", "该行同时有贷方和借方金额"), line: r.line, field: col.get("debit"), hint: text("a statement line moves money one way; split it into two lines", "对账单每行只应有一个方向的金额；请拆成两行") });
          continue;
        }
        amount = c !== 0 ? Math.abs(c) : -Math.abs(d);
        if (amount === 0 && single !== null) amount = signed(single, cell(r, "direction"));
      } else {
        const dir = cell(r, "direction");
        if (col.has("direction") && directionOf(dir) === undefined && single !== 0) {
          table.report({ code: "BANK_DIRECTION_UNREADABLE", message: text(`cannot tell which way "${dir}" means`, `无法判断“${dir}”的收支方向`), line: r.line, field: col.get("direction"), hint: text("use 借/贷, 收/支, D/C or debit/credit", "请用 借/贷、收/支、D/C 或 debit/credit") });
          continue;
        }
        amount = signed(single ?? 0, dir);
      }
      if (bad) continue;
      lines.push({ line: r.line, date: date!, amount, ref: cell(r, "ref"), memo: cell(r, "memo"), counterparty: cell(r, "counterparty") });
    }
    if (lines.length === 0 && !table.sink.errorCount) {
      table.report({ code: "BANK_NO_LINES", message: text("the statement has a header but no lines", "对账单只有表头，没有交易行"), line: headerLine ?? 1, hint: text("check that this is the right file", "请确认文件是否正确") });
    }
  }
  const { info, problems } = await table.finish();
  return { lines, problems, info: { ...info, headerLine } };
}

function directionOf(s: string): "in" | "out" | undefined {
  const k = s.trim().toLowerCase();
  if (IN_WORDS.has(k)) return "in";
  if (OUT_WORDS.has(k)) return "out";
  return undefined;
}

/** One amount column: the 借/贷 flag decides the sign; without a flag the amount's own sign does. */
function signed(amount: Minor, dir: string): Minor {
  const d = directionOf(dir);
  if (d === "in") return Math.abs(amount);
  if (d === "out") return -Math.abs(amount);
  return amount;
}

