// The typed configuration (SPEC §3) that every command reads. The validation that
// turns a parsed dues.yaml into this (every problem at once, with line and column)
// also lives here; reading the file and YAML parsing live in import/config-file.ts.
import type { Currency } from "./money.js";
import type { Rate, Scheme } from "./scheme.js";
import type { Lang } from "./text.js";
import { currencyOf, formatMinor, knownCurrencyCodes, parseAmount, type Minor } from "./money.js";
import { isChartId, CHART_IDS } from "./chart.js";
import { isDate } from "./period.js";
import { problem, warning, type Checked, type Problem } from "./problem.js";
import { parseRate, ratesExceedOne, sumRates } from "./rate.js";
import { isRoundMode, parseRounding } from "./rounding.js";
import type { Band, DuesMethod, DuesRule, FundsRule, PerCapitaCount, PerCapitaRule, Remainder, Rounding, Share } from "./scheme.js";
import { text, type Text } from "./text.js";
import type { MapNode, Node, Pos, SeqNode } from "./config-tree.js";
import { COLLECTION_MODELS, readCreditCode, type FederationConfig, type PreparatoryTreatment } from "./federation.js";

export { usccCheckChar } from "./federation.js";

export type ChartId = "cn-2021-base" | "cn-2021-county" | "generic";

export interface Body {
  readonly id: string;
  readonly name: string;
}

/** How one kind of input file is read: payroll (default), a bank statement, ... */
export interface SourceConfig {
  readonly name: string;
  /** auto | utf-8 | gb18030 | big5 | utf-16le | utf-16be | windows-1252 ... */
  readonly encoding: string;
  /** auto or the delimiter character. */
  readonly delimiter: string;
  readonly decimalMark: "." | ",";
  /** For xlsx inputs: the sheet to read (default: the first). */
  readonly sheet?: string;
  /** Field name → header names accepted (built-in zh/en synonyms are added by the reader). */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** Base name → the columns summed to make it. */
  readonly bases: Readonly<Record<string, readonly string[]>>;
  /** Base columns that may be negative without a warning (a 扣款 adjustment column). */
  readonly allowNegative?: readonly string[];
}

/** A project money can be tagged with (`#ID` on a posting); earmarked money (专项) is
 *  carried forward to 321 at year end instead of 322 (docs/ledger.md). */
export interface Project {
  readonly id: string;
  readonly name: string;
  readonly earmarked: boolean;
}

export interface LateFee {
  /** Per day, e.g. 0.5% (5‰, Beijing). */
  readonly perDay: Rate;
  /** principal: never more than the amount late (Chongqing); null: no cap. */
  readonly cap: "principal" | null;
}

export interface Config {
  readonly union: {
    readonly name: string;
    readonly currency: Currency;
    readonly locale: Lang;
    readonly chart: ChartId;
    /** The id a higher union knows this union by (its affiliate register), for the return file. */
    readonly id?: string;
    /** 统一社会信用代码 (18 characters, check digit verified) or a US EIN (12-3456789) or another registration number. */
    readonly creditCode?: string;
  };
  readonly bodies: readonly Body[];
  readonly sources: Readonly<Record<string, SourceConfig>>;
  readonly membership: "column" | "all" | "roster";
  /** Remittances for a month are due on this day of the next month. */
  readonly dueDay: number;
  readonly lateFee: LateFee | null;
  /** The month the financial year begins (1–12, default 1); `--year Y` names the year it ends in. */
  readonly financialYearStart: number;
  /** Projects money can be tagged with; earmarked ones close to 321 at year end. */
  readonly projects: readonly Project[];
  /** Sorted by effectiveFrom, oldest first. */
  readonly schemes: readonly Scheme[];
  /** `federation:`: this union keeps a federation's books (affiliates, advices); absent for a base union. */
  readonly federation?: FederationConfig;
  /** The ledger path named in the file, if any (relative to the file's folder). */
  readonly ledgerPath?: string;
  /** The exact text of the file and its SHA-256 (hex), recorded with every import. */
  readonly text: string;
  readonly sha256: string;
}

// ---------------------------------------------------------------------------------
// Validation: the position-annotated tree (config-tree.ts) → Config, with every problem
// found in one pass. Codes are stable (tests assert them); docs/configuration.md lists
// each with the rule behind it.
// ---------------------------------------------------------------------------------

/** Every problem code validateConfig (and the file loader) can report. */
export const CONFIG_CODES = [
  "CONFIG_MISSING_FILE",
  "CONFIG_NOT_UTF8",
  "CONFIG_YAML_SYNTAX",
  "CONFIG_DUPLICATE_KEY",
  "CONFIG_EMPTY",
  "CONFIG_UNKNOWN_KEY",
  "CONFIG_MISSING_KEY",
  "CONFIG_WRONG_TYPE",
  "CONFIG_UNKNOWN_VALUE",
  "CONFIG_UNKNOWN_CURRENCY",
  "CONFIG_BAD_ID",
  "CONFIG_DUPLICATE_BODY",
  "CONFIG_UNKNOWN_BODY",
  "CONFIG_DUPLICATE_SHARE",
  "CONFIG_SHARE_OVER_100",
  "CONFIG_RATE_UNREADABLE",
  "CONFIG_RATE_OVER_100",
  "CONFIG_RATE_WITHOUT_SIGN",
  "CONFIG_AMOUNT_UNREADABLE",
  "CONFIG_NEGATIVE",
  "CONFIG_ROUNDING_STEP",
  "CONFIG_MIN_OVER_MAX",
  "CONFIG_DUES_METHOD",
  "CONFIG_BANDS",
  "CONFIG_BAD_DATE",
  "CONFIG_SCHEME_DATES",
  "CONFIG_NO_SCHEME",
  "CONFIG_NO_DOCUMENT",
  "CONFIG_UNKNOWN_BASE",
  "CONFIG_BASE_MISSING_IN_SOURCE",
  "CONFIG_BASE_COLUMNS",
  "CONFIG_DUE_DAY",
  "CONFIG_LATE_FEE",
  "CONFIG_UNION_ID",
  "CONFIG_CREDIT_CODE",
  "CONFIG_FINANCIAL_YEAR_START",
  "CONFIG_DUPLICATE_PROJECT",
  "CONFIG_FEDERATION_CHART",
] as const;
export type ConfigCode = (typeof CONFIG_CODES)[number];

export const LOCALES = ["zh-CN", "en"] as const;
export const MEMBERSHIPS = ["column", "all", "roster"] as const;
export const ENCODINGS = [
  "auto", "utf-8", "utf8", "gb18030", "gbk", "gb2312", "big5", "big5-hkscs", "utf-16le", "utf-16be", "utf-16",
  "windows-1252", "cp1252", "latin1", "iso-8859-1", "iso-8859-15", "windows-1250", "windows-1251", "shift_jis", "euc-jp", "euc-kr",
] as const;
/** Words that cannot be body ids: they already mean something where bodies are named. */
export const RESERVED_IDS = ["retained", "largest", "employer"] as const;
/** Fields whose headers identify a person; summing them into a base is always a mistake. */
const IDENTITY_FIELDS = ["employee_id", "name", "member", "status", "deducted"];

const ID = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

type Spec = { readonly required: readonly string[]; readonly optional: readonly string[] };

/** Edit distance, for did-you-mean hints on keys and values. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest allowed word, if one is close enough to be a likely typo. */
export function didYouMean(word: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = norm(a) === norm(word) ? 0 : distance(word.toLowerCase(), a.toLowerCase());
    if (d < bestD) { bestD = d; best = a; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

class Checker {
  readonly problems: Problem[] = [];
  private readonly lines: string[];
  /** Where each value's key is, so "missing key" points at `dues:` rather than its first child. */
  private readonly keyOf = new WeakMap<Node, Pos>();
  digits = 2;
  /** False when the currency is unknown: amounts are then read with 2 digits only to find other problems. */
  digitsKnown = true;

  constructor(text: string, readonly file: string) {
    this.lines = text.split(/\r?\n/);
  }

  private where(pos: Pos, hint?: Text) {
    return { file: this.file, line: pos.line, column: pos.column, source: this.lines[pos.line - 1], hint };
  }

  error(code: ConfigCode, pos: Pos, message: Text, hint?: Text): void {
    this.problems.push(problem(code, message, this.where(pos, hint)));
  }

  warn(code: ConfigCode, pos: Pos, message: Text, hint?: Text): void {
    this.problems.push(warning(code, message, this.where(pos, hint)));
  }

  wrongType(node: Node, path: string, expected: Text): void {
    const got = node.kind === "map" ? text("a mapping", "映射") : node.kind === "seq" ? text("a list", "列表") : node.isNull ? text("nothing", "空值") : text(`"${node.text}"`, `"${node.text}"`);
    this.error("CONFIG_WRONG_TYPE", node, text(`${path} should be ${expected.en}, found ${got.en}`, `${path} 应为${expected.zh}，实际是${got.zh}`), text("docs/configuration.md shows the shape of every key; `dues init` writes a commented example", "各键的格式见 docs/configuration.md；`dues init` 可生成带注释的示例"));
  }

  map(node: Node | undefined, path: string): MapNode | undefined {
    if (!node) return undefined;
    if (node.kind === "map") return node;
    this.wrongType(node, path, text("a mapping of keys (key: value)", "键值映射（键: 值）"));
    return undefined;
  }

  seq(node: Node | undefined, path: string): SeqNode | undefined {
    if (!node) return undefined;
    if (node.kind === "seq") return node;
    if (node.kind === "scalar" && node.isNull) return { kind: "seq", items: [], line: node.line, column: node.column };
    this.wrongType(node, path, text("a list", "列表"));
    return undefined;
  }

  /** The map's entries by key, reporting unknown keys (with did-you-mean) and missing required ones. */
  fields(map: MapNode, path: string, spec: Spec, owner: Pos = this.keyOf.get(map) ?? map): Record<string, Node> {
    const allowed = [...spec.required, ...spec.optional];
    const out: Record<string, Node> = {};
    for (const e of map.entries) {
      this.keyOf.set(e.value, e.keyPos);
      if (!allowed.includes(e.key)) {
        const guess = didYouMean(e.key, allowed);
        const where = path ? `${path}` : "the top level";
        const whereZh = path ? `${path} 中` : "顶层";
        // `{ up_to: 1,500.00, amount: 8.00 }`: inside { } a comma starts a new key, so the
        // thousands group "500.00" arrives as a key. Say so instead of listing the keys.
        const thousands = /^\d{3}(?:\.\d*)?$/.test(e.key);
        this.error(
          "CONFIG_UNKNOWN_KEY",
          e.keyPos,
          text(`unknown key \`${e.key}\` in ${where}`, `${whereZh}有未知的键 \`${e.key}\``),
          thousands
            ? text(
                `inside { } a comma starts a new key: write the amount without a thousands separator (1500.00) or quote it ("1,500.00")`,
                `在 { } 中逗号会开始一个新键：金额不要写千位分隔符（1500.00），或加引号（"1,500.00"）`,
              )
            : guess
              ? text(`did you mean \`${guess}\`?`, `是不是 \`${guess}\`？`)
              : text(`keys allowed here: ${allowed.join(", ")}`, `此处允许的键：${allowed.join("、")}`),
        );
        continue;
      }
      if (!(e.key in out)) out[e.key] = e.value;
    }
    for (const k of spec.required) {
      if (!(k in out)) {
        const full = path ? `${path}.${k}` : k;
        this.error("CONFIG_MISSING_KEY", owner, text(`\`${full}\` is required`, `缺少必填项 \`${full}\``), text("see docs/configuration.md for this key", "各键的说明见 docs/configuration.md"));
      }
    }
    return out;
  }

  /** A non-empty string scalar. */
  str(node: Node | undefined, path: string): string | undefined {
    if (!node) return undefined;
    if (node.kind !== "scalar" || node.isNull || node.text.trim() === "") {
      this.wrongType(node, path, text("a text value", "文本"));
      return undefined;
    }
    return node.text.trim();
  }

  /** One of a fixed list of words, with did-you-mean. */
  oneOf<T extends string>(node: Node | undefined, path: string, allowed: readonly T[], code: ConfigCode = "CONFIG_UNKNOWN_VALUE"): T | undefined {
    const s = this.str(node, path);
    if (s === undefined) return undefined;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    const guess = didYouMean(s, allowed);
    this.error(
      code,
      node!,
      text(`${path}: \`${s}\` is not one of ${allowed.join(" | ")}`, `${path}：\`${s}\` 不是 ${allowed.join(" | ")} 之一`),
      guess ? text(`did you mean \`${guess}\`?`, `是不是 \`${guess}\`？`) : text(`use one of: ${allowed.join(", ")}`, `可选：${allowed.join("、")}`),
    );
    return undefined;
  }

  /** A list of non-empty strings; a single string is accepted as a list of one. */
  strings(node: Node | undefined, path: string): string[] | undefined {
    if (!node) return undefined;
    if (node.kind === "scalar" && !node.isNull) {
      const s = this.str(node, path);
      return s === undefined ? undefined : [s];
    }
    const seq = this.seq(node, path);
    if (!seq) return undefined;
    const out: string[] = [];
    seq.items.forEach((item, i) => {
      const s = this.str(item, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /**
   * An amount in minor units, read from the source text (12.00, "1,234.50", 0), never
   * from a JS number. null when `~` and nullable; undefined after a problem.
   */
  amount(node: Node | undefined, path: string, opts: { nullable?: boolean } = {}): Minor | null | undefined {
    if (!node) return undefined;
    if (node.kind === "scalar" && node.isNull && opts.nullable) return null;
    if (node.kind !== "scalar" || node.isNull) {
      this.wrongType(node, path, text("an amount such as 12.00", "金额，例如 12.00"));
      return undefined;
    }
    const raw = node.text.trim();
    const r = parseAmount(raw, { digits: this.digits, decimalMark: "." });
    if (!r.ok) {
      if (r.reason === "too-precise" && !this.digitsKnown) return undefined; // reported as an unknown currency
      const why = r.reason === "too-precise"
        ? text(`it has more decimals than the currency's ${this.digits}`, `小数位多于币种的 ${this.digits} 位`)
        : r.reason === "too-large" ? text("it is too large", "数额过大") : text("it is not a number", "不是数字");
      this.error("CONFIG_AMOUNT_UNREADABLE", node, text(`${path}: cannot read \`${raw}\` as an amount: ${why.en}`, `${path}：无法把 \`${raw}\` 读作金额：${why.zh}`), text("write a plain amount such as 12.00 (no float exponents, no more decimals than the currency has)", "请写成普通金额，例如 12.00（不要用科学计数法，小数位不超过币种的位数）"));
      return undefined;
    }
    if (r.minor < 0) {
      this.error("CONFIG_NEGATIVE", node, text(`${path}: \`${raw}\` is negative`, `${path}：\`${raw}\` 是负数`), text("amounts in dues.yaml are never negative", "dues.yaml 中的金额不能为负"));
      return undefined;
    }
    return r.minor;
  }

  /** An exact rate ("0.5%", "5‰", "0.005"), from the source text. */
  rate(node: Node | undefined, path: string, opts: { max100?: boolean; signWarning?: boolean } = {}) {
    if (!node) return undefined;
    if (node.kind !== "scalar" || node.isNull) {
      this.wrongType(node, path, text("a rate such as 0.5%", "比率，例如 0.5%"));
      return undefined;
    }
    const raw = node.text.trim();
    if (raw.startsWith("-") && parseRate(raw.slice(1))) {
      this.error("CONFIG_NEGATIVE", node, text(`${path}: \`${raw}\` is negative`, `${path}：\`${raw}\` 是负数`), text("rates and shares are never negative", "比率和分成比例不能为负"));
      return undefined;
    }
    const rate = parseRate(raw);
    if (!rate) {
      this.error("CONFIG_RATE_UNREADABLE", node, text(`${path}: cannot read \`${raw}\` as a rate`, `${path}：无法把 \`${raw}\` 读作比率`), text("write a percentage such as 0.5% or 2% (or 5‰); a plain number above 1 is ambiguous", "请写成百分比，例如 0.5% 或 2%（或 5‰）；大于 1 的纯数字含义不明"));
      return undefined;
    }
    if (opts.max100 && rate.num > rate.den) {
      this.error("CONFIG_RATE_OVER_100", node, text(`${path}: \`${raw}\` is more than 100%`, `${path}：\`${raw}\` 超过 100%`), text("a rate of pay above 100% is surely a typo: check the % sign", "超过 100% 的费率必是笔误：请检查百分号"));
      return undefined;
    }
    if (opts.signWarning && !/[%‰‱％]\s*$/.test(raw)) {
      this.warn("CONFIG_RATE_WITHOUT_SIGN", node, text(`${path}: \`${raw}\` has no % sign and is read as ${exactPercent(rate)}`, `${path}：\`${raw}\` 没有百分号，按 ${exactPercent(rate)} 读取`), text("write the rate with its sign (e.g. 0.5%) so nobody has to guess", "请带上百分号书写（如 0.5%），免得他人猜测"));
    }
    return rate;
  }
}

/** A rate as an exact percentage: 1/200 → "0.5%", 3/5 → "60%"; a fraction when no short decimal is exact. */
export function exactPercent(r: { num: bigint; den: bigint }): string {
  // Exact when the percentage has at most 6 decimals; otherwise shown as a fraction.
  for (let places = 0; places <= 6; places++) {
    const scaled = r.num * 100n * 10n ** BigInt(places);
    if (scaled % r.den === 0n) {
      const s = (scaled / r.den).toString().padStart(places + 1, "0");
      return (places ? s.slice(0, -places) + "." + s.slice(-places) : s) + "%";
    }
  }
  return `${r.num}/${r.den}`;
}

const TOP: Spec = { required: ["union", "sources", "schemes"], optional: ["bodies", "membership", "due_day", "late_fee", "ledger", "financial_year_start", "projects", "federation"] };
const UNION: Spec = { required: ["name", "currency", "chart"], optional: ["locale", "id", "credit_code"] };
const BODY: Spec = { required: ["id", "name"], optional: [] };
const SOURCE: Spec = { required: [], optional: ["encoding", "delimiter", "decimal_mark", "sheet", "columns", "bases", "allow_negative"] };
const SCHEME: Spec = { required: ["effective_from", "dues"], optional: ["document", "funds", "per_capita"] };
const DUES: Spec = { required: ["base"], optional: ["base_step", "rate", "amount", "bands", "round", "min", "max", "exempt", "split", "remainder"] };
const FUNDS: Spec = { required: ["base", "rate"], optional: ["round", "split", "remainder", "collection"] };
const ROUND: Spec = { required: ["to", "mode"], optional: [] };
const SHARE: Spec = { required: ["to", "share"], optional: [] };
const BAND: Spec = { required: ["amount"], optional: ["up_to"] };
const PER_CAPITA: Spec = { required: ["to", "amount"], optional: ["count"] };
const PROJECT: Spec = { required: ["id", "name"], optional: ["earmarked"] };
const LATE_FEE: Spec = { required: ["per_day"], optional: ["cap"] };
const FEDERATION: Spec = { required: [], optional: ["collection", "funds_rate", "affiliate_share", "split", "remainder", "receives", "due_day", "late_fee", "preparatory"] };

/** union.id: lower-case letters, digits, "-", "_" and "."; what a higher union's register knows us by. */
const UNION_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function unionIdOf(c: Checker, node: Node): string | null {
  const id = c.str(node, "union.id");
  if (id === undefined) return null;
  if (UNION_ID.test(id)) return id;
  const lower = id.toLowerCase().replace(/\s+/g, "-");
  c.error("CONFIG_UNION_ID", node, text(`union.id: \`${id}\` is not a usable id`, `union.id：\`${id}\` 不能用作工会标识`),
    UNION_ID.test(lower)
      ? text(`write it in lower case without spaces, e.g. \`${lower}\``, `请用小写字母且不含空格，例如 \`${lower}\``)
      : text("use lower-case letters, digits, -, _ and . (up to 64), as the higher union's register spells it, e.g. acme-union", "只用小写字母、数字、-、_ 和 .（不超过 64 个），与上级工会登记的一致，例如 acme-union"));
  return null;
}

/**
 * union.credit_code: on the cn-2021 charts a 统一社会信用代码 whose check character is
 * right (a typo in one character is caught); elsewhere an EIN (12-3456789) or any other
 * registration number (domain/federation.ts readCreditCode, shared with the affiliates register).
 */
function creditCodeOf(c: Checker, node: Node, chart: string | undefined): string | null {
  const raw = c.str(node, "union.credit_code");
  if (raw === undefined) return null;
  const r = readCreditCode(raw, chart?.startsWith("cn-2021") ?? false);
  if (r.ok) return r.code;
  c.error("CONFIG_CREDIT_CODE", node, text(`union.credit_code: \`${raw}\` ${r.why.en}`, `union.credit_code：\`${raw}\` ${r.why.zh}`), r.hint);
  return null;
}

const DELIMITERS: Record<string, string> = { auto: "auto", ",": ",", ";": ";", "\t": "\t", "\\t": "\t", tab: "\t", "|": "|" };

/**
 * Turns the parsed dues.yaml into a Config, or reports every problem at once. Pure:
 * `text` is the file's exact text (kept in the Config and used for caret lines),
 * `sha256` its hash, `fileName` the name problems carry ("dues.yaml").
 */
export function validateConfig(tree: Node | undefined, fileText: string, sha256: string, fileName: string): Checked<Config> {
  const c = new Checker(fileText, fileName);
  if (!tree || (tree.kind === "scalar" && tree.isNull)) {
    c.error("CONFIG_EMPTY", { line: 1, column: 1 }, text(`${fileName} is empty`, `${fileName} 是空的`), text("run `dues init` for a commented example", "运行 `dues init` 生成带注释的示例"));
    return { value: undefined, problems: c.problems };
  }
  const top = c.map(tree, fileName);
  if (!top) return { value: undefined, problems: c.problems };
  const f = c.fields(top, "", TOP);

  // union first: its currency decides how every amount below is read.
  let union: Config["union"] | undefined;
  let chartSeen: string | undefined;
  const u = c.map(f.union, "union");
  if (u) {
    const uf = c.fields(u, "union", UNION);
    const name = c.str(uf.name, "union.name");
    let currency = undefined as Config["union"]["currency"] | undefined;
    const code = c.str(uf.currency, "union.currency");
    if (code !== undefined) {
      currency = currencyOf(code);
      if (!currency) {
        const upper = code.toUpperCase();
        // Names people write for a currency that are not its ISO code: RMB is CNY, not RUB.
        const alias: Record<string, string> = { RMB: "CNY", YUAN: "CNY", "人民币": "CNY", NTD: "TWD", STG: "GBP", "US$": "USD" };
        const guess = currencyOf(upper) ? upper : alias[upper] ?? knownCurrencyCodes().find((k) => distance(upper, k) === 1);
        c.error("CONFIG_UNKNOWN_CURRENCY", uf.currency!, text(`union.currency: \`${code}\` is not a known ISO 4217 currency code`, `union.currency：\`${code}\` 不是已知的 ISO 4217 币种代码`), guess ? text(`did you mean \`${guess}\`?`, `是不是 \`${guess}\`？`) : text("e.g. CNY, USD, GBP, EUR, HKD", "例如 CNY、USD、GBP、EUR、HKD"));
      }
    }
    if (currency) c.digits = currency.digits;
    else c.digitsKnown = false;
    const locale = uf.locale ? c.oneOf(uf.locale, "union.locale", LOCALES) : "en";
    const chart = c.oneOf(uf.chart, "union.chart", CHART_IDS);
    chartSeen = chart;
    const unionId = uf.id ? unionIdOf(c, uf.id) : undefined;
    const creditCode = uf.credit_code ? creditCodeOf(c, uf.credit_code, chart) : undefined;
    if (name !== undefined && currency && locale && chart && isChartId(chart) && unionId !== null && creditCode !== null) {
      union = { name, currency, locale, chart, ...(unionId ? { id: unionId } : {}), ...(creditCode ? { creditCode } : {}) };
    }
  } else if (!f.union) {
    c.digitsKnown = false;
  }

  // bodies
  const bodies: Body[] = [];
  const bodyIds = new Set<string>();
  const bs = c.seq(f.bodies, "bodies");
  bs?.items.forEach((item, i) => {
    const path = `bodies[${i}]`;
    const m = c.map(item, path);
    if (!m) return;
    const bf = c.fields(m, path, BODY);
    const id = c.str(bf.id, `${path}.id`);
    const name = c.str(bf.name, `${path}.name`);
    if (id === undefined) return;
    if (!ID.test(id) || (RESERVED_IDS as readonly string[]).includes(id)) {
      bodyIds.add(id); // still a known name, so references to it are not reported a second time
      c.error("CONFIG_BAD_ID", bf.id!, text(`${path}.id: \`${id}\` cannot be a body id`, `${path}.id：\`${id}\` 不能用作上级单位的标识`), text(`use letters, digits, - and _ (no spaces or colons), and not ${RESERVED_IDS.join(", ")}`, `只用字母、数字、- 和 _（不要空格或冒号），且不能是 ${RESERVED_IDS.join("、")}`));
      return;
    }
    if (bodyIds.has(id)) {
      c.error("CONFIG_DUPLICATE_BODY", bf.id!, text(`body id \`${id}\` is listed twice`, `上级单位标识 \`${id}\` 重复`), text("each body needs its own id: shares and remittances are kept by id", "每个单位须有唯一标识：分成与上解按标识记账"));
      return;
    }
    bodyIds.add(id);
    if (name !== undefined) bodies.push({ id, name });
  });
  const bodyRef = (node: Node | undefined, path: string): string | undefined => {
    const id = c.str(node, path);
    if (id === undefined) return undefined;
    if (bodyIds.has(id)) return id;
    const guess = didYouMean(id, [...bodyIds]);
    c.error("CONFIG_UNKNOWN_BODY", node!, text(`${path}: \`${id}\` is not a body listed under \`bodies\``, `${path}：\`${id}\` 不在 \`bodies\` 列出的单位中`), guess ? text(`did you mean \`${guess}\`?`, `是不是 \`${guess}\`？`) : text(`add it to \`bodies\` (id and name) first${bodyIds.size ? `; known: ${[...bodyIds].join(", ")}` : ""}`, `请先在 \`bodies\` 中添加（id 和 name）${bodyIds.size ? `；已有：${[...bodyIds].join("、")}` : ""}`));
    return undefined;
  };

  // sources
  const sources: Record<string, SourceConfig> = {};
  const baseOwners = new Map<string, string[]>(); // base name → sources defining it
  const payrollSources: string[] = []; // sources that define bases at all
  const sm = c.map(f.sources, "sources");
  for (const e of sm?.entries ?? []) {
    const path = `sources.${e.key}`;
    if (!ID.test(e.key)) {
      c.error("CONFIG_BAD_ID", e.keyPos, text(`\`${e.key}\` cannot be a source name`, `\`${e.key}\` 不能用作数据源名称`), text("use letters, digits, - and _", "只用字母、数字、- 和 _"));
      continue;
    }
    const m = e.value.kind === "scalar" && e.value.isNull ? { kind: "map" as const, entries: [], line: e.value.line, column: e.value.column } : c.map(e.value, path);
    if (!m) continue;
    const sf = c.fields(m, path, SOURCE, e.keyPos);
    const encodingRaw = sf.encoding ? c.str(sf.encoding, `${path}.encoding`) : "auto";
    let encoding: string | undefined = encodingRaw?.toLowerCase();
    if (encodingRaw !== undefined && !(ENCODINGS as readonly string[]).includes(encoding!)) {
      const guess = didYouMean(encoding!, ENCODINGS);
      c.error("CONFIG_UNKNOWN_VALUE", sf.encoding!, text(`${path}.encoding: \`${encodingRaw}\` is not an encoding dues reads`, `${path}.encoding：不支持编码 \`${encodingRaw}\``), text(guess ? `did you mean \`${guess}\`?` : `use one of: ${ENCODINGS.join(", ")}`, guess ? `是不是 \`${guess}\`？` : `可选：${ENCODINGS.join("、")}`));
      encoding = undefined;
    }
    let delimiter: string | undefined = "auto";
    if (sf.delimiter) {
      const node = sf.delimiter;
      const raw = node.kind === "scalar" && !node.isNull ? node.text : undefined;
      delimiter = raw !== undefined ? DELIMITERS[raw] ?? DELIMITERS[raw.trim().toLowerCase()] : undefined;
      if (delimiter === undefined) {
        c.error("CONFIG_UNKNOWN_VALUE", node, text(`${path}.delimiter: \`${raw ?? ""}\` is not a delimiter dues reads`, `${path}.delimiter：不支持分隔符 \`${raw ?? ""}\``), text('use auto, ",", ";", "\\t" (tab) or "|", in quotes', '可选 auto、","、";"、"\\t"（制表符）或 "|"，请加引号'));
      }
    }
    const decimalMark = sf.decimal_mark ? c.oneOf(sf.decimal_mark, `${path}.decimal_mark`, [".", ","] as const) : ".";
    const sheet = sf.sheet ? c.str(sf.sheet, `${path}.sheet`) : undefined;
    const columns: Record<string, string[]> = {};
    const cm = c.map(sf.columns, `${path}.columns`);
    for (const ce of cm?.entries ?? []) {
      const names = c.strings(ce.value, `${path}.columns.${ce.key}`);
      if (names) columns[ce.key] = names;
    }
    const identityHeaders = new Map<string, string>();
    for (const field of IDENTITY_FIELDS) for (const h of columns[field] ?? []) identityHeaders.set(h, field);
    const bases: Record<string, string[]> = {};
    const bm = c.map(sf.bases, `${path}.bases`);
    if (bm) payrollSources.push(e.key);
    for (const be of bm?.entries ?? []) {
      const bpath = `${path}.bases.${be.key}`;
      const seq = be.value.kind === "seq" ? be.value : undefined;
      const names = c.strings(be.value, bpath);
      if (!names) continue;
      let ok = true;
      if (names.length === 0) {
        c.error("CONFIG_BASE_COLUMNS", be.value, text(`${bpath} lists no columns`, `${bpath} 没有列出任何列`), text("list the payroll headers summed into this base, e.g. [基本工资, 岗位工资]", "请列出相加构成该基数的工资表列名，例如 [基本工资, 岗位工资]"));
        ok = false;
      }
      const seen = new Set<string>();
      names.forEach((h, i) => {
        const pos = seq?.items[i] ?? be.value;
        if (seen.has(h)) {
          c.error("CONFIG_BASE_COLUMNS", pos, text(`${bpath}: column \`${h}\` is listed twice, so it would be counted twice`, `${bpath}：列 \`${h}\` 重复，会被重复计入`), text("list each column once", "每列只列一次"));
          ok = false;
        }
        seen.add(h);
        const field = identityHeaders.get(h);
        if (field) {
          c.error("CONFIG_BASE_COLUMNS", pos, text(`${bpath}: \`${h}\` is the ${field} column, not a wage column`, `${bpath}：\`${h}\` 是 ${field} 列，不是工资列`), text("a base sums wage columns by their headers in the payroll file", "基数由工资表中的工资列按列名相加"));
          ok = false;
        } else if (h in columns && !names.some((n) => columns[h]!.includes(n))) {
          c.error("CONFIG_BASE_COLUMNS", pos, text(`${bpath}: \`${h}\` is a field name under columns; a base names payroll headers`, `${bpath}：\`${h}\` 是 columns 下的字段名；基数应写工资表的列名`), text(`write the header(s) instead: ${columns[h]!.join(", ")}`, `请改写列名：${columns[h]!.join("、")}`));
          ok = false;
        }
      });
      if (ok) {
        bases[be.key] = names;
        baseOwners.set(be.key, [...(baseOwners.get(be.key) ?? []), e.key]);
      }
    }
    // Base columns declared negative adjustments: each must be a column of one of the bases.
    let allowNegative: string[] | undefined;
    if (sf.allow_negative) {
      const anPath = `${path}.allow_negative`;
      const names = c.strings(sf.allow_negative, anPath);
      const inBases = new Set(Object.values(bases).flat());
      const seq = sf.allow_negative.kind === "seq" ? sf.allow_negative : undefined;
      names?.forEach((h, i) => {
        if (inBases.has(h)) return;
        c.error("CONFIG_BASE_COLUMNS", seq?.items[i] ?? sf.allow_negative!, text(`${anPath}: \`${h}\` is not a column of any base of this source`, `${anPath}：\`${h}\` 不是本数据源任何基数中的列`), text("allow_negative lists base columns (from sources.<name>.bases) that may be below zero", "allow_negative 只列出可以为负数的基数列（来自 sources.<名称>.bases）"));
      });
      if (names) allowNegative = names.filter((h) => inBases.has(h));
    }
    if (encoding !== undefined && delimiter !== undefined && decimalMark !== undefined && (sf.sheet === undefined || sheet !== undefined)) {
      sources[e.key] = { name: e.key, encoding, delimiter, decimalMark, ...(sheet !== undefined ? { sheet } : {}), columns, bases, ...(allowNegative ? { allowNegative } : {}) };
    }
  }
  const baseRef = (node: Node | undefined, path: string): string | undefined => {
    const b = c.str(node, path);
    if (b === undefined) return undefined;
    if (baseOwners.has(b)) {
      for (const s of payrollSources) {
        if (!baseOwners.get(b)!.includes(s)) c.warn("CONFIG_BASE_MISSING_IN_SOURCE", node!, text(`${path}: base \`${b}\` is not defined in source \`${s}\`, so payroll files read with --source ${s} cannot be imported`, `${path}：数据源 \`${s}\` 未定义基数 \`${b}\`，用 --source ${s} 读取的工资表无法导入`), text(`add \`${b}\` under sources.${s}.bases`, `请在 sources.${s}.bases 下添加 \`${b}\``));
      }
      return b;
    }
    const known = [...baseOwners.keys()];
    const guess = didYouMean(b, known);
    c.error("CONFIG_UNKNOWN_BASE", node!, text(`${path}: no source defines a base named \`${b}\``, `${path}：没有数据源定义名为 \`${b}\` 的基数`), guess ? text(`did you mean \`${guess}\`?`, `是不是 \`${guess}\`？`) : text(`define it under sources.<name>.bases${known.length ? `; defined: ${known.join(", ")}` : ""}`, `请在 sources.<名称>.bases 下定义${known.length ? `；已定义：${known.join("、")}` : ""}`));
    return undefined;
  };

  // membership, due_day, late_fee, ledger
  const membership = f.membership ? c.oneOf(f.membership, "membership", MEMBERSHIPS) : "column";
  const dueDay = f.due_day ? dueDayOf(c, f.due_day, "due_day") : 15;
  const lateFee = lateFeeOf(c, f.late_fee, "late_fee");
  const ledgerPath = f.ledger ? c.str(f.ledger, "ledger") : undefined;
  let financialYearStart: number | undefined = 1;
  if (f.financial_year_start) {
    const n = f.financial_year_start;
    const raw = n.kind === "scalar" && !n.isNull ? n.text.trim() : "";
    financialYearStart = /^\d{1,2}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 12 ? Number(raw) : undefined;
    if (financialYearStart === undefined) c.error("CONFIG_FINANCIAL_YEAR_START", n, text(`financial_year_start: \`${raw}\` is not a month from 1 to 12`, `financial_year_start：\`${raw}\` 不是 1 到 12 之间的月份`), text("the month the financial year begins: 1 for January (a calendar year), 7 for a July–June year", "财务年度开始的月份：1 表示 1 月（自然年），7 表示 7 月至次年 6 月"));
  }
  const projects: Project[] = [];
  let projectsOk = true;
  const ps = c.seq(f.projects, "projects");
  if (f.projects && !ps) projectsOk = false;
  ps?.items.forEach((item, i) => {
    const path = `projects[${i}]`;
    const m = c.map(item, path);
    if (!m) { projectsOk = false; return; }
    const pf = c.fields(m, path, PROJECT);
    const id = c.str(pf.id, `${path}.id`);
    const name = c.str(pf.name, `${path}.name`);
    let earmarked: boolean | undefined = true;
    if (pf.earmarked) {
      const raw = pf.earmarked.kind === "scalar" && !pf.earmarked.isNull ? pf.earmarked.text.trim() : "";
      earmarked = raw === "true" ? true : raw === "false" ? false : undefined;
      if (earmarked === undefined) c.error("CONFIG_UNKNOWN_VALUE", pf.earmarked, text(`${path}.earmarked: \`${raw}\` is not true or false`, `${path}.earmarked：\`${raw}\` 不是 true 或 false`), text("true: money of this project is earmarked (专项) and carried forward to 321 at year end; false: a tag only", "true：该项目资金为专项资金，年末结转到 321；false：仅作标记"));
    }
    if (id !== undefined && !ID.test(id)) {
      c.error("CONFIG_BAD_ID", pf.id!, text(`${path}.id: \`${id}\` cannot be a project id`, `${path}.id：\`${id}\` 不能用作项目标识`), text("use letters, digits, - and _ (no spaces, colons or #): it is typed as 50404#ID=500.00", "只用字母、数字、- 和 _（不要空格、冒号或 #）：记账时写作 50404#标识=500.00"));
      projectsOk = false;
      return;
    }
    if (id !== undefined && projects.some((p) => p.id === id)) {
      c.error("CONFIG_DUPLICATE_PROJECT", pf.id!, text(`project id \`${id}\` is listed twice`, `项目标识 \`${id}\` 重复`), text("each project needs its own id: postings are tagged by id", "每个项目须有唯一标识：记账按标识标记"));
      projectsOk = false;
      return;
    }
    if (id === undefined || name === undefined || earmarked === undefined) { projectsOk = false; return; }
    projects.push({ id, name, earmarked });
  });

  // schemes
  const schemes: Scheme[] = [];
  let schemesOk = true;
  const ss = c.seq(f.schemes, "schemes");
  if (ss && ss.items.length === 0) {
    c.error("CONFIG_NO_SCHEME", ss, text("schemes lists no scheme: nothing says how dues are computed", "schemes 为空：没有规定如何计算会费"), text("add a scheme with effective_from and dues (see `dues init`)", "请添加含 effective_from 和 dues 的方案（参见 `dues init`）"));
    schemesOk = false;
  }
  let lastDate: { date: string; pos: Pos } | undefined;
  ss?.items.forEach((item, i) => {
    const path = `schemes[${i}]`;
    const m = c.map(item, path);
    if (!m) { schemesOk = false; return; }
    const sf = c.fields(m, path, SCHEME);
    let from: string | undefined;
    if (sf.effective_from) {
      const raw = sf.effective_from.kind === "scalar" ? sf.effective_from.text.trim() : "";
      if (isDate(raw)) from = raw;
      else c.error("CONFIG_BAD_DATE", sf.effective_from, text(`${path}.effective_from: \`${raw}\` is not a date YYYY-MM-DD`, `${path}.effective_from：\`${raw}\` 不是 YYYY-MM-DD 格式的日期`), text("e.g. 2022-01-01", "例如 2022-01-01"));
    }
    if (from !== undefined) {
      if (lastDate && from === lastDate.date) {
        c.error("CONFIG_SCHEME_DATES", sf.effective_from!, text(`${path}.effective_from: another scheme already starts on ${from} (line ${lastDate.pos.line})`, `${path}.effective_from：第 ${lastDate.pos.line} 行的方案也从 ${from} 起施行`), text("two schemes in force from the same day cannot both apply: merge them or change a date", "同日生效的两个方案不能同时适用：请合并或改日期"));
      } else if (lastDate && from < lastDate.date) {
        c.error("CONFIG_SCHEME_DATES", sf.effective_from!, text(`${path}.effective_from: ${from} is earlier than the scheme above it (${lastDate.date}, line ${lastDate.pos.line})`, `${path}.effective_from：${from} 早于上一个方案（${lastDate.date}，第 ${lastDate.pos.line} 行）`), text("list schemes oldest first, so the file reads as a history", "请按生效日期从早到晚排列方案，便于按历史阅读"));
      }
      if (!lastDate || from > lastDate.date) lastDate = { date: from, pos: sf.effective_from! };
    }
    let document = "";
    if (sf.document) document = c.str(sf.document, `${path}.document`) ?? "";
    else c.warn("CONFIG_NO_DOCUMENT", sf.effective_from ?? m, text(`${path} does not say which document its rates come from`, `${path} 未注明费率依据的文件`), text("add `document:` (e.g. the notice's title and number) so auditors can check the rates", "请添加 `document:`（如通知的标题与文号），便于审查核对费率"));

    const dues = validateDues(c, sf.dues, `${path}.dues`, bodyRef, baseRef);
    let funds: FundsRule | null | undefined = null;
    if (sf.funds && !(sf.funds.kind === "scalar" && sf.funds.isNull)) funds = validateFunds(c, sf.funds, `${path}.funds`, bodyRef, baseRef);
    const perCapita: PerCapitaRule[] = [];
    let pcOk = true;
    const pcs = c.seq(sf.per_capita, `${path}.per_capita`);
    pcs?.items.forEach((pi, j) => {
      const ppath = `${path}.per_capita[${j}]`;
      const pm = c.map(pi, ppath);
      if (!pm) { pcOk = false; return; }
      const pf = c.fields(pm, ppath, PER_CAPITA);
      const to = bodyRef(pf.to, `${ppath}.to`);
      const amount = c.amount(pf.amount, `${ppath}.amount`);
      let count: PerCapitaCount | undefined = { kind: "paying" };
      if (pf.count) {
        const n = pf.count;
        if (n.kind === "seq") {
          const statuses = c.strings(n, `${ppath}.count`);
          count = statuses && statuses.length ? { kind: "statuses", statuses } : undefined;
          if (statuses && !statuses.length) c.error("CONFIG_UNKNOWN_VALUE", n, text(`${ppath}.count lists no statuses`, `${ppath}.count 未列出任何会员状态`), text("use paying, all-members or a list of statuses such as [active, leave]", "可用 paying、all-members 或状态列表，如 [active, leave]"));
        } else {
          const v = c.oneOf(n, `${ppath}.count`, ["paying", "all-members"] as const);
          count = v === undefined ? undefined : { kind: v };
        }
      }
      if (to !== undefined && typeof amount === "number" && count) perCapita.push({ to, amount, count });
      else pcOk = false;
    });
    if (!pcs && sf.per_capita) pcOk = false;
    if (from !== undefined && dues && funds !== undefined && pcOk && (sf.document === undefined || document !== "")) {
      schemes.push({ effectiveFrom: from, document, dues, funds, perCapita });
    } else schemesOk = false;
  });

  const federation = f.federation && !(f.federation.kind === "scalar" && f.federation.isNull) ? validateFederation(c, f.federation, chartSeen, bodyRef, dueDay) : null;

  // Reported in file order, so the list reads top to bottom like dues.yaml itself.
  const problems = [...c.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (problems.some((p) => p.severity === "error") || !union || !schemesOk || !ss || !membership || dueDay === undefined || lateFee === undefined || financialYearStart === undefined || !projectsOk || federation === undefined || (f.ledger && ledgerPath === undefined) || !sm) {
    return { value: undefined, problems };
  }
  schemes.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const config: Config = {
    union,
    bodies,
    sources,
    membership,
    dueDay,
    lateFee,
    financialYearStart,
    projects,
    schemes,
    ...(federation ? { federation } : {}),
    ...(ledgerPath !== undefined ? { ledgerPath } : {}),
    text: fileText,
    sha256,
  };
  return { value: config, problems };
}

type Ref = (node: Node | undefined, path: string) => string | undefined;

/** A day every month has (1..28): remittances for a month fall due on it the month after. */
function dueDayOf(c: Checker, n: Node, path: string): number | undefined {
  const raw = n.kind === "scalar" && !n.isNull ? n.text.trim() : "";
  const day = /^\d{1,2}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 28 ? Number(raw) : undefined;
  if (day === undefined) c.error("CONFIG_DUE_DAY", n, text(`${path}: \`${raw}\` is not a day from 1 to 28`, `${path}：\`${raw}\` 不是 1 到 28 之间的日子`), text("a day every month has (1..28); remittances fall due on it the month after", "须是每个月都有的日子（1–28）；上解款在次月该日到期"));
  return day;
}

/** `{ per_day: 0.5%, cap: principal }`, or null when absent or `~`; undefined after a problem. */
function lateFeeOf(c: Checker, node: Node | undefined, path: string): LateFee | null | undefined {
  if (!node || (node.kind === "scalar" && node.isNull)) return null;
  if (node.kind !== "map") {
    c.error("CONFIG_LATE_FEE", node, text(`${path} should look like { per_day: 0.05%, cap: principal }`, `${path} 的格式应为 { per_day: 0.05%, cap: principal }`), text("per_day is a rate per day late; cap is principal (never more than the amount late) or none", "per_day 为每日比率；cap 为 principal（不超过欠款本金）或 none"));
    return undefined;
  }
  const lf = c.fields(node, path, LATE_FEE);
  const perDay = c.rate(lf.per_day, `${path}.per_day`, { max100: true });
  let cap: "principal" | null | undefined = null;
  if (lf.cap && !(lf.cap.kind === "scalar" && lf.cap.isNull)) {
    const v = c.str(lf.cap, `${path}.cap`);
    cap = v === "principal" ? "principal" : v === "none" ? null : undefined;
    if (v !== undefined && cap === undefined) c.error("CONFIG_LATE_FEE", lf.cap, text(`${path}.cap: \`${v}\` is not principal or none`, `${path}.cap：\`${v}\` 不是 principal 或 none`), text("principal: the fee never exceeds the amount late (Chongqing); none: no cap", "principal：滞纳金不超过欠缴本金（重庆）；none：不设上限"));
  }
  return perDay && cap !== undefined ? { perDay, cap } : undefined;
}

/**
 * `federation:`: the collection model, the affiliate's share, the split of what reaches
 * the federation among itself and its higher bodies (shares of the upward amount, at
 * most 100%), due day and late fee for affiliates. Only on a chart a federation keeps.
 */
function validateFederation(c: Checker, node: Node, chart: string | undefined, bodyRef: Ref, topDueDay: number | undefined): FederationConfig | undefined {
  const m = c.map(node, "federation");
  if (!m) return undefined;
  const f = c.fields(m, "federation", FEDERATION);
  let ok = true;
  if (chart === "cn-2021-base") {
    c.error("CONFIG_FEDERATION_CHART", m, text("federation: needs the chart of a union that has affiliates, not cn-2021-base", "federation: 需要有下级工会的科目表，不能用 cn-2021-base"), text("a county federation uses chart: cn-2021-county (132 应收下级经费, 212 应付下级经费); a council or International uses generic", "县级及以上总工会请用 chart: cn-2021-county（132 应收下级经费、212 应付下级经费）；美国的 council 或 International 用 generic"));
    ok = false;
  }
  const collection = f.collection ? c.oneOf(f.collection, "federation.collection", COLLECTION_MODELS) : "union-collects";
  const fundsRate = f.funds_rate ? c.rate(f.funds_rate, "federation.funds_rate", { max100: true, signWarning: true }) : parseRate("2%")!;
  const affiliateShare = f.affiliate_share ? c.rate(f.affiliate_share, "federation.affiliate_share", { max100: true, signWarning: true }) : parseRate("0%")!;
  const split = validateSplit(c, f.split, "federation.split", bodyRef);
  const remainder = validateRemainder(c, f.remainder, "federation.remainder", split, bodyRef);
  let receives: "all" | string[] | undefined = "all";
  if (f.receives) {
    const n = f.receives;
    if (n.kind === "scalar" && !n.isNull && n.text.trim() === "all") receives = "all";
    else {
      const ids = c.strings(n, "federation.receives");
      receives = ids && ids.length ? ids : undefined;
      if (ids && !ids.length) c.error("CONFIG_UNKNOWN_VALUE", n, text("federation.receives lists no body ids", "federation.receives 没有列出任何单位标识"), text("all (every upward share of an advice), or the ids affiliates' dues.yaml give this federation, e.g. [county]", "all（下级报表中全部上缴份额），或下级 dues.yaml 中本会的标识，例如 [county]"));
    }
  }
  const dueDay = f.due_day ? dueDayOf(c, f.due_day, "federation.due_day") : topDueDay ?? 15;
  const lateFee = lateFeeOf(c, f.late_fee, "federation.late_fee");
  const preparatory = f.preparatory ? c.oneOf<PreparatoryTreatment>(f.preparatory, "federation.preparatory", ["income", "held"]) : "income";
  if (!ok || !collection || !fundsRate || !affiliateShare || !split || !remainder || !receives || dueDay === undefined || lateFee === undefined || !preparatory) return undefined;
  return { collection, fundsRate, affiliateShare, split, remainder, receives, dueDay, lateFee, preparatory };
}

function validateRound(c: Checker, node: Node | undefined, path: string): Rounding | undefined {
  if (!node) return parseRounding(formatMinor(1, c.digits), "half-up", c.digits);
  const m = c.map(node, path);
  if (!m) return undefined;
  const rf = c.fields(m, path, ROUND);
  const to = rf.to && rf.to.kind === "scalar" && !rf.to.isNull ? rf.to.text.trim() : undefined;
  const mode = c.str(rf.mode, `${path}.mode`);
  let ok = true;
  if (mode !== undefined && !isRoundMode(mode)) {
    const modes = ["half-up", "half-even", "down", "up"];
    const guess = didYouMean(mode, modes);
    c.error("CONFIG_UNKNOWN_VALUE", rf.mode!, text(`${path}.mode: \`${mode}\` is not a rounding mode`, `${path}.mode：\`${mode}\` 不是舍入方式`), text(guess ? `did you mean \`${guess}\`? (half-up | half-even | down | up)` : "use half-up, half-even, down or up", guess ? `是不是 \`${guess}\`？（half-up | half-even | down | up）` : "可选 half-up、half-even、down、up"));
    ok = false;
  }
  if (rf.to && (to === undefined || !parseRounding(to, "half-up", c.digits))) {
    if (c.digitsKnown || to === undefined || !parseRounding(to, "half-up", 6)) {
      c.error("CONFIG_ROUNDING_STEP", rf.to, text(`${path}.to: \`${to ?? ""}\` is not a whole number of the currency's minor units`, `${path}.to：\`${to ?? ""}\` 不是币种最小单位的整数倍`), text(`use a positive step such as ${formatMinor(1, c.digits)}, ${formatMinor(5, c.digits)}, ${formatMinor(10, c.digits)} or 1`, `请用正的舍入单位，例如 ${formatMinor(1, c.digits)}、${formatMinor(5, c.digits)}、${formatMinor(10, c.digits)} 或 1`));
    }
    ok = false;
  }
  if (!ok || to === undefined || mode === undefined) return undefined;
  return parseRounding(to, mode, c.digits);
}

function validateSplit(c: Checker, node: Node | undefined, path: string, bodyRef: Ref): Share[] | undefined {
  if (!node) return [];
  const seq = c.seq(node, path);
  if (!seq) return undefined;
  const shares: Share[] = [];
  let ok = true;
  const seen = new Set<string>();
  const readable: Rate[] = [];
  seq.items.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const m = c.map(item, p);
    if (!m) { ok = false; return; }
    const sf = c.fields(m, p, SHARE);
    const to = bodyRef(sf.to, `${p}.to`);
    const share = c.rate(sf.share, `${p}.share`);
    if (to !== undefined && seen.has(to)) {
      c.error("CONFIG_DUPLICATE_SHARE", sf.to!, text(`${p}: \`${to}\` already has a share in this split`, `${p}：\`${to}\` 在此分成中已有份额`), text("give each body one share (add the percentages together)", "每个单位只列一次（把比例相加）"));
      ok = false;
      return;
    }
    if (to !== undefined) seen.add(to);
    if (share) readable.push(share);
    if (to !== undefined && share) shares.push({ to, share });
    else ok = false;
  });
  // Summed over every readable share, even one naming an unknown body, so both mistakes show at once.
  if (ratesExceedOne(readable)) {
    const total = sumRates(readable);
    c.error("CONFIG_SHARE_OVER_100", seq, text(`${path}: the shares add up to ${exactPercent(total)}, more than 100%`, `${path}：各份额合计 ${exactPercent(total)}，超过 100%`), text("shares are fractions of one stream's total; what is not shared is retained", "份额是同一笔款项总额的比例；未分出的部分由本级留用"));
    ok = false;
  }
  return ok ? shares : undefined;
}

function validateRemainder(c: Checker, node: Node | undefined, path: string, split: readonly Share[] | undefined, bodyRef: Ref): Remainder | undefined {
  if (!node) return { kind: "largest" };
  const v = c.str(node, path);
  if (v === undefined) return undefined;
  if (v === "largest" || v === "retained") return { kind: v };
  const body = bodyRef(node, path);
  if (body === undefined) return undefined;
  if (split && !split.some((s) => s.to === body)) {
    c.error("CONFIG_UNKNOWN_BODY", node, text(`${path}: \`${body}\` has no share in this split, so it cannot take the odd cent`, `${path}：\`${body}\` 在此分成中没有份额，不能承担尾差`), text("use largest, retained, or a body listed in the split", "请用 largest、retained 或分成中列出的单位"));
    return undefined;
  }
  return { kind: "body", body };
}

function validateDues(c: Checker, node: Node | undefined, path: string, bodyRef: Ref, baseRef: Ref): DuesRule | undefined {
  const m = c.map(node, path);
  if (!m) return undefined;
  const f = c.fields(m, path, DUES);
  let ok = true;
  const base = baseRef(f.base, `${path}.base`);
  const baseStep = f.base_step ? c.amount(f.base_step, `${path}.base_step`) : 0;
  const given = (["rate", "amount", "bands"] as const).filter((k) => f[k] !== undefined);
  let method: DuesMethod | undefined;
  if (given.length !== 1) {
    c.error("CONFIG_DUES_METHOD", given.length ? m.entries.find((e) => e.key === given[1])!.keyPos : m, text(given.length ? `${path} gives ${given.join(" and ")}: use only one` : `${path} says neither rate, amount nor bands`, given.length ? `${path} 同时写了 ${given.join(" 和 ")}：只能用一种` : `${path} 未写 rate、amount 或 bands`), text("rate: 0.5% (a percentage of the base), amount: 12.00 (flat), or bands: [...] (banded by base)", "rate: 0.5%（按基数比例）、amount: 12.00（定额）或 bands: [...]（按基数分档）"));
    ok = false;
  } else if (given[0] === "rate") {
    const rate = c.rate(f.rate, `${path}.rate`, { max100: true, signWarning: true });
    if (rate) method = { kind: "rate", rate };
  } else if (given[0] === "amount") {
    const amount = c.amount(f.amount, `${path}.amount`);
    if (typeof amount === "number") method = { kind: "flat", amount };
  } else {
    const bands = validateBands(c, f.bands!, `${path}.bands`);
    if (bands) method = { kind: "bands", bands };
  }
  const round = validateRound(c, f.round, `${path}.round`);
  const min = f.min ? c.amount(f.min, `${path}.min`, { nullable: true }) : null;
  const max = f.max ? c.amount(f.max, `${path}.max`, { nullable: true }) : null;
  if (typeof min === "number" && typeof max === "number" && min > max) {
    c.error("CONFIG_MIN_OVER_MAX", f.min!, text(`${path}: min ${formatMinor(min, c.digits)} is above max ${formatMinor(max, c.digits)}`, `${path}：下限 ${formatMinor(min, c.digits)} 高于上限 ${formatMinor(max, c.digits)}`), text("min is the least a member pays a period, max the most; swap them or fix one", "min 是每期最少应缴额，max 是最多应缴额；请对调或改正其一"));
    ok = false;
  }
  const exempt = f.exempt ? c.strings(f.exempt, `${path}.exempt`) : [];
  const split = validateSplit(c, f.split, `${path}.split`, bodyRef);
  const remainder = validateRemainder(c, f.remainder, `${path}.remainder`, split, bodyRef);
  if (!ok || base === undefined || baseStep == null || !method || !round || min === undefined || max === undefined || !exempt || !split || !remainder) return undefined;
  return { base, baseStep, method, round, min, max, exempt, split, remainder };
}

function validateBands(c: Checker, node: Node, path: string): Band[] | undefined {
  const seq = c.seq(node, path);
  if (!seq) return undefined;
  if (seq.items.length === 0) {
    c.error("CONFIG_BANDS", seq, text(`${path} lists no bands`, `${path} 没有任何档次`), text("e.g. [{ up_to: 2000, amount: 5.00 }, { amount: 10.00 }]", "例如 [{ up_to: 2000, amount: 5.00 }, { amount: 10.00 }]"));
    return undefined;
  }
  const bands: Band[] = [];
  let ok = true;
  let prev: Minor | undefined;
  seq.items.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const m = c.map(item, p);
    if (!m) { ok = false; return; }
    const bf = c.fields(m, p, BAND);
    const last = i === seq.items.length - 1;
    const amount = c.amount(bf.amount, `${p}.amount`);
    let upTo: Minor | null | undefined = null;
    if (bf.up_to && !(bf.up_to.kind === "scalar" && bf.up_to.isNull)) {
      upTo = c.amount(bf.up_to, `${p}.up_to`);
      if (last && typeof upTo === "number") {
        c.error("CONFIG_BANDS", bf.up_to, text(`${p}: the last band has an up_to, so bases above ${formatMinor(upTo, c.digits)} fit no band`, `${p}：最后一档写了 up_to，高于 ${formatMinor(upTo, c.digits)} 的基数将无档可归`), text("leave up_to off the last band", "最后一档不写 up_to"));
        upTo = undefined;
      } else if (typeof upTo === "number" && prev !== undefined && upTo <= prev) {
        c.error("CONFIG_BANDS", bf.up_to, text(`${p}: up_to ${formatMinor(upTo, c.digits)} is not above the band before (${formatMinor(prev, c.digits)})`, `${p}：up_to ${formatMinor(upTo, c.digits)} 不高于上一档（${formatMinor(prev, c.digits)}）`), text("list bands from the lowest base up", "按基数从低到高排列各档"));
        upTo = undefined;
      }
      if (typeof upTo === "number") prev = upTo;
    } else if (!last) {
      c.error("CONFIG_BANDS", m, text(`${p}: only the last band may leave out up_to`, `${p}：只有最后一档可以不写 up_to`), text("give every band but the last its upper bound", "除最后一档外，每档都要写上限 up_to"));
      upTo = undefined;
    }
    if (typeof amount === "number" && upTo !== undefined) bands.push({ upTo, amount });
    else ok = false;
  });
  return ok ? bands : undefined;
}

function validateFunds(c: Checker, node: Node, path: string, bodyRef: Ref, baseRef: Ref): FundsRule | undefined {
  const m = c.map(node, path);
  if (!m) return undefined;
  const f = c.fields(m, path, FUNDS);
  const base = baseRef(f.base, `${path}.base`);
  const rate = c.rate(f.rate, `${path}.rate`, { max100: true, signWarning: true });
  const round = validateRound(c, f.round, `${path}.round`);
  const split = validateSplit(c, f.split, `${path}.split`, bodyRef);
  const remainder = validateRemainder(c, f.remainder, `${path}.remainder`, split, bodyRef);
  const collection = f.collection ? c.oneOf(f.collection, `${path}.collection`, ["union", "upstream"] as const) : "union";
  if (base === undefined || !rate || !round || !split || !remainder || !collection) return undefined;
  return { base, rate, round, split, remainder, collection };
}
