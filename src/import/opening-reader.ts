// An opening-balance file (`dues import opening`) to opening rows: account, body, member,
// period, debit, credit, memo and project, found by header names (zh and en); every
// unreadable amount or period reported at once. Chart checks are domain/opening.ts's.
import type { OpeningRow } from "../domain/opening.js";
import { parseAmount, type Minor } from "../domain/money.js";
import { isPeriod, makePeriod, type Period } from "../domain/period.js";
import { problem, type Checked, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { normaliseAccountCode, type AmountOptions } from "./budget-reader.js";
import { cellOf, columnOf, locateColumns, type FieldSpec, type TextTable } from "./table-rows.js";

export const OPENING_FIELDS: readonly FieldSpec[] = [
  { field: "account", names: ["科目编码", "科目代码", "科目", "account", "account code"], required: true, label: text("account", "科目编码") },
  { field: "body", names: ["上级工会", "单位", "body"], required: false, label: text("body", "上级工会") },
  { field: "member", names: ["工号", "会员", "会员工号", "member", "employee id"], required: false, label: text("member", "工号") },
  { field: "name", names: ["姓名", "name"], required: false, label: text("name", "姓名") },
  { field: "period", names: ["所属期间", "期间", "所属月份", "period"], required: false, label: text("period", "所属期间") },
  { field: "debit", names: ["借方", "借方金额", "借方余额", "期初借方", "debit"], required: true, label: text("debit", "借方") },
  { field: "credit", names: ["贷方", "贷方金额", "贷方余额", "期初贷方", "credit"], required: true, label: text("credit", "贷方") },
  { field: "memo", names: ["摘要", "说明", "备注", "memo"], required: false, label: text("memo", "摘要") },
  { field: "project", names: ["项目", "专项", "project"], required: false, label: text("project", "项目") },
];

const TOTAL_ROW = /^(合计|总计|小计|total)$/i;

/**
 * 2024-12, 2024/12, 2024.12, 202412, 2024年12月: a month as people write it; undefined if not
 * one. A spreadsheet turns a typed "2024-12" into the date 2024-12-01: the first of a month
 * is read as that month.
 */
export function readPeriod(raw: string): Period | undefined {
  const s = raw.normalize("NFKC").trim().replace(/^(\d{4}-\d{2})-01(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/, "$1");
  const m = /^(\d{4})\s*(?:[-/.]|年)?\s*(\d{1,2})\s*月?$/.exec(s);
  if (!m) return undefined;
  const p = makePeriod(Number(m[1]), Number(m[2]));
  return isPeriod(p) ? p : undefined;
}

export function mapOpeningTable(table: TextTable, opts: AmountOptions): Checked<OpeningRow[]> {
  const loc = locateColumns(table, OPENING_FIELDS, "OPENING");
  if (!loc.value) return { value: undefined, problems: loc.problems };
  const located = loc.value;
  const problems: Problem[] = [];
  const out: OpeningRow[] = [];
  for (const r of located.data) {
    const where = (field: string) => ({ file: table.file, line: r.line, column: columnOf(r, located, field), source: r.source });
    const account = normaliseAccountCode(cellOf(r, located, "account"));
    const rawDebit = cellOf(r, located, "debit");
    const rawCredit = cellOf(r, located, "credit");
    if (TOTAL_ROW.test(account) || TOTAL_ROW.test(cellOf(r, located, "memo"))) continue;
    let ok = true;
    if (account === "") {
      ok = false;
      problems.push(problem("OPENING_ACCOUNT_MISSING", text("the account code is missing", "缺少科目编码"), {
        ...where("account"), hint: text("write the account of each balance, e.g. 102", "请填写每笔余额的科目编码，例如 102"),
      }));
    }
    const amount = (raw: string, field: string): Minor | null | undefined => {
      if (raw === "") return null;
      const p = parseAmount(raw, opts);
      if (p.ok && p.minor >= 0) return p.minor;
      ok = false;
      problems.push(p.ok
        ? problem("OPENING_AMOUNT_NEGATIVE", text(`"${raw}" is negative`, `“${raw}”是负数`), {
          ...where(field), hint: text("write a credit balance in the credit column, a debit balance in the debit column", "贷方余额写在贷方列，借方余额写在借方列"),
        })
        : problem("OPENING_AMOUNT_UNREADABLE", text(`"${raw}" is not an amount with at most ${opts.digits} decimals`, `“${raw}”不是最多 ${opts.digits} 位小数的金额`), {
          ...where(field), hint: text("write amounts like 12345.60", "金额请写成 12345.60 的形式"),
        }));
      return undefined;
    };
    const debit = amount(rawDebit, "debit");
    const credit = amount(rawCredit, "credit");
    if (debit !== undefined && credit !== undefined) {
      if ((debit ?? 0) !== 0 && (credit ?? 0) !== 0) {
        ok = false;
        problems.push(problem("OPENING_BOTH_SIDES", text("the row has a debit and a credit; a balance is on one side", "此行借方、贷方都有金额；余额只在一方"), {
          ...where("credit"), hint: text("write the net balance on its side, or split it into two rows", "请写净余额于其所在一方，或拆成两行"),
        }));
      } else if ((debit ?? 0) === 0 && (credit ?? 0) === 0) {
        ok = false;
        problems.push(problem("OPENING_AMOUNT_MISSING", text("the row has no amount", "此行没有金额"), {
          ...where("debit"), hint: text("give the balance in the debit or the credit column, or delete the row", "请在借方或贷方列填写余额，或删去此行"),
        }));
      }
    }
    const rawPeriod = cellOf(r, located, "period");
    const period = rawPeriod === "" ? null : readPeriod(rawPeriod);
    if (period === undefined) {
      ok = false;
      problems.push(problem("OPENING_PERIOD_UNREADABLE", text(`"${rawPeriod}" is not a month`, `“${rawPeriod}”不是月份`), {
        ...where("period"), hint: text("write the month a balance is owed for as 2024-12", "所属期间请写成 2024-12"),
      }));
    }
    if (!ok || period === undefined || debit === undefined || credit === undefined) continue;
    const member = cellOf(r, located, "member");
    const body = cellOf(r, located, "body");
    const project = cellOf(r, located, "project");
    out.push({
      line: r.line,
      source: r.source,
      columns: {
        account: columnOf(r, located, "account"), body: columnOf(r, located, "body"), member: columnOf(r, located, "member"),
        period: columnOf(r, located, "period"), debit: columnOf(r, located, "debit"), credit: columnOf(r, located, "credit"), project: columnOf(r, located, "project"),
      },
      account,
      body: body === "" ? null : body,
      member: member === "" ? null : member,
      name: cellOf(r, located, "name"),
      period,
      amount: (debit ?? 0) - (credit ?? 0),
      memo: cellOf(r, located, "memo"),
      project: project === "" ? null : project,
    });
  }
  if (out.length === 0 && problems.length === 0) {
    problems.push(problem("OPENING_NO_LINES", text("the file has a header but no balances", "文件只有表头，没有余额行"), {
      file: table.file, line: located.headerLine, hint: text("add one row per opening balance under the header", "请在表头下每笔期初余额填写一行"),
    }));
  }
  return { value: out, problems };
}
