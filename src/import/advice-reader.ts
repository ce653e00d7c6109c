// A remittance advice / annual return file (`dues-return` v1, docs/return-file.md) to the
// domain's Advice: JSON read with positions, every field's type and shape checked, money
// read as exact minor units with the sender's digits. Every problem at once, each with the
// file, the line and column of the value and its JSON path. Knows no ledger.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Advice, AdviceMonth, AdviceRemittance, AdviceShare, AdviceStream } from "../domain/advice.js";
import { parseAmount, type Minor } from "../domain/money.js";
import { addMonths, isDate, isPeriod, type Period } from "../domain/period.js";
import { problem, type Problem } from "../domain/problem.js";
import { text, type Text } from "../domain/text.js";
import { childPath, readJson, type JsonPos } from "./json-positions.js";

export interface AdviceFile {
  readonly file: string;
  readonly sha256: string;
  /** Undefined when the file could not be read as an advice at all. */
  readonly advice?: Advice;
  /** Where a JSON path sits in the file (for problems the app finds later). */
  readonly at: (path: string) => { file: string; line?: number; column?: number; source?: string };
  readonly problems: Problem[];
  readonly missing: boolean;
}

/** An object whose fields were each checked to be defined. */
type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

const MONEY = /^-?(0|[1-9]\d*)(\.\d{1,4})?$/;
const STREAMS: readonly AdviceStream[] = ["dues", "funds", "per-capita"];

export function readAdviceFile(path: string, file: string, expect: { currency: string; digits: number }): AdviceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      file, sha256: "", at: () => ({ file }), missing: true,
      problems: [problem("ADVICE_FILE_MISSING", code === "ENOENT" ? text(`${file} not found`, `找不到 ${file}`) : text(`${file} cannot be read (${code ?? "error"})`, `无法读取 ${file}（${code ?? "错误"}）`), {
        file, hint: text("give the path of the JSON file the affiliate sent (written by its `dues export return`)", "请给出下级工会报送的 JSON 文件路径（由其 `dues export return` 生成）"),
      })],
    };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const textOf = bytes.toString("utf8");
  const lines = textOf.split(/\r?\n/);
  const problems: Problem[] = [];
  const parsed = readJson(textOf);
  if (!parsed.ok) {
    problems.push(problem("ADVICE_NOT_JSON", text(`${file} is not JSON: ${parsed.message}`, `${file} 不是 JSON：${parsed.message}`), {
      file, line: parsed.at.line, column: parsed.at.column, source: lines[parsed.at.line - 1],
      hint: text("an advice is the JSON file written by `dues export return --period` or `--year`; send it unchanged", "回执是 `dues export return --period` 或 `--year` 生成的 JSON 文件；请原样报送"),
    }));
    return { file, sha256, at: () => ({ file }), problems, missing: false };
  }
  const positions = parsed.positions;
  const at = (p: string) => {
    const pos: JsonPos | undefined = positions.get(p);
    return pos ? { file, line: pos.line, column: pos.column, source: lines[pos.line - 1] } : { file };
  };
  const err = (code: string, p: string, message: Text, hint: Text) => {
    problems.push(problem(code, text(`${p}: ${message.en}`, `${p}：${message.zh}`), { ...at(p), hint }));
  };
  const root = parsed.value;
  const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const top = obj(root);
  if (!top || top.format !== "dues-return") {
    err("ADVICE_NOT_A_RETURN", top ? "$.format" : "$", text(`not a dues return (format should be "dues-return")`, `不是 dues 回执（format 应为 "dues-return"）`), text("an advice is the JSON file written by `dues export return`", "回执是 `dues export return` 生成的 JSON 文件"));
    return { file, sha256, at, problems, missing: false };
  }
  if (top.version !== 1) {
    err("ADVICE_VERSION", "$.version", text(`version ${JSON.stringify(top.version)} is not one this dues reads (1)`, `版本 ${JSON.stringify(top.version)} 不是本程序能读取的版本（1）`), text("ask the affiliate to export with a dues that writes version 1, or update dues here", "请下级用写出版本 1 的 dues 导出，或升级本会的 dues"));
    return { file, sha256, at, problems, missing: false };
  }
  const shapeHint = text("docs/return-file.md lists every field; the file may have been edited by hand", "各字段见 docs/return-file.md；文件可能被手工改动过");
  const field = <T>(o: Record<string, unknown>, base: string, key: string, check: (v: unknown) => v is T, what: Text): T | undefined => {
    const p = childPath(base, key);
    const v = o[key];
    if (check(v)) return v;
    if (!(key in o)) problems.push(problem("ADVICE_SHAPE", text(`${p} is missing`, `缺少 ${p}`), { ...at(base), hint: shapeHint }));
    else err("ADVICE_SHAPE", p, text(`should be ${what.en}`, `应为${what.zh}`), shapeHint);
    return undefined;
  };
  const isStr = (v: unknown): v is string => typeof v === "string";
  const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";
  const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  const isArr = (v: unknown): v is unknown[] => Array.isArray(v);
  const isObj = (v: unknown): v is Record<string, unknown> => obj(v) !== undefined;
  const T_STR = text("a text", "文本"), T_COUNT = text("a whole number ≥ 0", "非负整数"), T_LIST = text("a list", "列表"), T_OBJ = text("an object", "对象");

  const digits = expect.digits;
  const money = (o: Record<string, unknown>, base: string, key: string): Minor | undefined => {
    const raw = field(o, base, key, isStr, text("an amount as text, e.g. \"168.00\"", "文本形式的金额，例如 \"168.00\""));
    if (raw === undefined) return undefined;
    const p = childPath(base, key);
    const decimals = raw.includes(".") ? raw.length - raw.indexOf(".") - 1 : 0;
    const r = MONEY.test(raw) ? parseAmount(raw, { digits, decimalMark: "." }) : undefined;
    if (!r || !r.ok || decimals !== digits) {
      err("ADVICE_AMOUNT", p, text(`"${raw}" is not an amount with ${digits} decimals`, `"${raw}" 不是 ${digits} 位小数的金额`), text(`money in an advice is text with exactly the currency's ${digits} decimals`, `回执中的金额为文本，小数位与币种一致（${digits} 位）`));
      return undefined;
    }
    return r.minor;
  };
  const period = (o: Record<string, unknown>, base: string, key: string): Period | undefined => {
    const raw = field(o, base, key, isStr, text("a month YYYY-MM", "月份 YYYY-MM"));
    if (raw === undefined) return undefined;
    if (isPeriod(raw)) return raw;
    err("ADVICE_PERIOD", childPath(base, key), text(`"${raw}" is not a month YYYY-MM`, `"${raw}" 不是 YYYY-MM 格式的月份`), shapeHint);
    return undefined;
  };

  const kind = field(top, "$", "kind", (v): v is "month" | "year" => v === "month" || v === "year", text(`"month" or "year"`, `"month" 或 "year"`));
  const union = field(top, "$", "union", isObj, T_OBJ);
  const unionId = union ? field(union, "$.union", "id", isStrOrNull, T_STR) : undefined;
  const unionName = union ? field(union, "$.union", "name", isStr, T_STR) : undefined;
  const creditCode = union ? field(union, "$.union", "creditCode", isStrOrNull, T_STR) : undefined;
  const currency = union ? field(union, "$.union", "currency", isStr, T_STR) : undefined;
  if (currency !== undefined && currency !== expect.currency) {
    err("ADVICE_CURRENCY", "$.union.currency", text(`the advice is in ${currency}, these books in ${expect.currency}`, `回执币种为 ${currency}，本会账本为 ${expect.currency}`), text("an affiliate's advice must be in the federation's currency", "下级回执的币种须与本会一致"));
  }
  if (union && union.digits !== undefined && union.digits !== digits) {
    err("ADVICE_CURRENCY", "$.union.digits", text(`the advice's amounts have ${String(union.digits)} decimals, these books ${digits}`, `回执金额为 ${String(union.digits)} 位小数，本会账本为 ${digits} 位`), text("an affiliate's advice must be in the federation's currency", "下级回执的币种须与本会一致"));
  }
  const from = period(top, "$", "from");
  const to = period(top, "$", "to");
  const year = field(top, "$", "year", (v): v is number | null => v === null || (typeof v === "number" && Number.isSafeInteger(v)), text("a year or null", "年份或 null"));
  const generatedAt = field(top, "$", "generatedAt", isStr, T_STR);
  const asOf = top.asOf === undefined ? null : field(top, "$", "asOf", (v): v is string => typeof v === "string" && isDate(v), text("a date YYYY-MM-DD", "日期 YYYY-MM-DD"));
  const ledger = field(top, "$", "ledger", isObj, T_OBJ);
  const configSha256 = ledger ? field(ledger, "$.ledger", "configSha256", (v): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v), text("a SHA-256 in hex", "十六进制 SHA-256")) : undefined;
  let head: Advice["head"] | undefined = null;
  if (ledger && ledger.head !== null) {
    const h = field(ledger, "$.ledger", "head", isObj, T_OBJ);
    const seq = h ? field(h, "$.ledger.head", "seq", isCount, T_COUNT) : undefined;
    const hash = h ? field(h, "$.ledger.head", "hash", (v): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v), text("a SHA-256 in hex", "十六进制 SHA-256")) : undefined;
    head = seq !== undefined && hash !== undefined ? { seq, hash } : undefined;
  }

  const months: AdviceMonth[] = [];
  let monthsOk = true;
  const ms = field(top, "$", "months", isArr, T_LIST);
  ms?.forEach((raw, i) => {
    const p = childPath("$.months", i);
    const m = obj(raw);
    if (!m) { err("ADVICE_SHAPE", p, text("should be an object", "应为对象"), shapeHint); monthsOk = false; return; }
    const shares: AdviceShare[] = [];
    let sharesOk = true;
    const ss = field(m, p, "shares", isArr, T_LIST);
    ss?.forEach((sr, j) => {
      const sp = childPath(`${p}.shares`, j);
      const s = obj(sr);
      if (!s) { err("ADVICE_SHAPE", sp, text("should be an object", "应为对象"), shapeHint); sharesOk = false; return; }
      const stream = field(s, sp, "stream", (v): v is AdviceStream => STREAMS.includes(v as AdviceStream), text(`one of ${STREAMS.join(", ")}`, `${STREAMS.join("、")} 之一`));
      const shareTo = field(s, sp, "to", (v): v is string => typeof v === "string" && v.length > 0, T_STR);
      const amount = money(s, sp, "amount");
      if (stream !== undefined && shareTo !== undefined && amount !== undefined) shares.push({ stream, to: shareTo, amount, path: sp });
      else sharesOk = false;
    });
    const v = {
      period: period(m, p, "period"), employees: field(m, p, "employees", isCount, T_COUNT), members: field(m, p, "members", isCount, T_COUNT),
      paying: field(m, p, "paying", isCount, T_COUNT), exempt: field(m, p, "exempt", isCount, T_COUNT),
      duesBase: money(m, p, "duesBase"), dues: money(m, p, "dues"), fundsBase: money(m, p, "fundsBase"), funds: money(m, p, "funds"),
      collection: field(m, p, "collection", (x): x is "union" | "upstream" => x === "union" || x === "upstream", text(`"union" or "upstream"`, `"union" 或 "upstream"`)),
    };
    if (Object.values(v).some((x) => x === undefined) || !ss || !sharesOk) { monthsOk = false; return; }
    months.push({ ...(v as Defined<typeof v>), shares, path: p });
  });

  const remittances: AdviceRemittance[] = [];
  let remOk = true;
  const rs = field(top, "$", "remittances", isArr, T_LIST);
  rs?.forEach((raw, i) => {
    const p = childPath("$.remittances", i);
    const r = obj(raw);
    if (!r) { err("ADVICE_SHAPE", p, text("should be an object", "应为对象"), shapeHint); remOk = false; return; }
    const v = { body: field(r, p, "body", isStr, T_STR), period: period(r, p, "period"), due: money(r, p, "due"), paid: money(r, p, "paid"), outstanding: money(r, p, "outstanding"), status: field(r, p, "status", isStr, T_STR) };
    if (Object.values(v).some((x) => x === undefined)) { remOk = false; return; }
    remittances.push({ ...(v as Defined<typeof v>), path: p });
  });

  let totals: Advice["totals"] | undefined = null;
  if (top.totals !== undefined) {
    const t = field(top, "$", "totals", isObj, T_OBJ);
    const v = t ? { dues: money(t, "$.totals", "dues"), funds: money(t, "$.totals", "funds"), due: money(t, "$.totals", "due"), paid: money(t, "$.totals", "paid"), outstanding: money(t, "$.totals", "outstanding") } : undefined;
    totals = v && Object.values(v).every((x) => x !== undefined) ? (v as Defined<typeof v>) : undefined;
  }

  // The months run from `from` to `to`, one each, in order: a missing or repeated month would
  // make the federation count an affiliate's month twice or not at all.
  if (from !== undefined && to !== undefined && monthsOk && ms) {
    if (from > to) err("ADVICE_PERIOD", "$.to", text(`${to} is before from (${from})`, `${to} 早于 from（${from}）`), shapeHint);
    else if (kind === "month" && from !== to) err("ADVICE_PERIOD", "$.to", text(`a month's advice covers one month, not ${from} … ${to}`, `月度回执只含一个月，而不是 ${from} … ${to}`), shapeHint);
    else {
      let expectP = from;
      let inOrder = true;
      for (const m of months) {
        if (m.period !== expectP) {
          err("ADVICE_MONTHS", `${m.path}.period`, text(`expected ${expectP} here: months run from ${from} to ${to}, one each, in order`, `此处应为 ${expectP}：各月应从 ${from} 到 ${to} 逐月排列`), shapeHint);
          inOrder = false;
          break;
        }
        expectP = addMonths(expectP, 1);
      }
      if (inOrder && expectP <= to) err("ADVICE_MONTHS", "$.months", text(`the months stop before ${expectP}, though the advice covers ${from} … ${to}`, `各月止于 ${expectP} 之前，而回执覆盖 ${from} … ${to}`), shapeHint);
    }
  }

  const ok = kind !== undefined && union && unionId !== undefined && unionName !== undefined && creditCode !== undefined && currency !== undefined && from !== undefined
    && to !== undefined && year !== undefined && generatedAt !== undefined && asOf !== undefined && configSha256 !== undefined && head !== undefined && monthsOk && remOk && totals !== undefined && ms && rs;
  const advice: Advice | undefined = ok
    ? { kind: kind!, unionId: unionId!, unionName: unionName!, creditCode: creditCode!, currency: currency!, from: from!, to: to!, year: year!, generatedAt: generatedAt!, asOf, head: head!, configSha256: configSha256!, months, remittances, totals: totals! }
    : undefined;
  return { file, sha256, advice, at, problems, missing: false };
}
