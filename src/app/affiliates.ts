// `dues affiliates import FILE | list | show ID`: a federation's register of affiliated
// unions (id, name, employer and its 统一社会信用代码 / EIN, collection model, expected
// share rule, funds base, contact). Every row is checked and every problem reported at
// once; a file with any error writes nothing. A re-import that changes a field adds a
// version (the history), never overwrites one. Decisions: docs/federation.md.
import { isFederationChart } from "../domain/chart.js";
import type { Config } from "../domain/config.js";
import { AFFILIATE_ID, affiliateChanged, COLLECTION_MODELS, readCreditCode, type Affiliate, type AffiliateVersion, type CollectionModel } from "../domain/federation.js";
import type { Minor } from "../domain/money.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { readAmount } from "../import/amount.js";
import { readDate } from "../import/dates.js";
import { readPeriod } from "../import/opening-reader.js";
import { readTableFile } from "../import/table-file.js";
import { cellOf, columnOf, locateColumns, type FieldSpec } from "../import/table-rows.js";
import { AffiliateStore, type AffiliateInput } from "../ledger/affiliate-store.js";
import type { Ledger } from "../ledger/ledger.js";

export const AFFILIATE_FIELDS: readonly FieldSpec[] = [
  { field: "id", names: ["工会标识", "标识", "下级工会标识", "工会编号", "编号", "id", "affiliate id", "affiliate", "union id", "local id"], required: true, label: text("affiliate id", "工会标识") },
  { field: "name", names: ["工会名称", "基层工会名称", "名称", "name", "union name", "local name", "affiliate name"], required: true, label: text("name", "工会名称") },
  { field: "employer", names: ["单位名称", "用人单位", "所在单位", "employer", "employer name"], required: false, label: text("employer", "单位名称") },
  { field: "creditCode", names: ["统一社会信用代码", "信用代码", "单位统一社会信用代码", "credit code", "uscc", "ein", "employer ein", "registration number"], required: false, label: text("credit code", "统一社会信用代码") },
  { field: "collection", names: ["代收模式", "收缴方式", "经费收缴方式", "collection", "collection model"], required: false, label: text("collection model", "代收模式") },
  { field: "receives", names: ["分成规则", "上缴份额", "应缴份额", "receives", "expected shares", "share rule"], required: false, label: text("expected shares", "分成规则") },
  { field: "fundsBase", names: ["工资总额", "月工资总额", "职工工资总额", "funds base", "payroll", "monthly payroll"], required: false, label: text("funds base", "工资总额") },
  { field: "contact", names: ["联系人", "联系方式", "联系电话", "contact"], required: false, label: text("contact", "联系人") },
  { field: "joined", names: ["入会日期", "建会日期", "加入日期", "入会时间", "建会时间", "入会年月", "joined", "date joined", "joined on", "affiliated since", "member since"], required: false, label: text("joined", "入会日期") },
  { field: "left", names: ["离会日期", "退会日期", "撤会日期", "撤销日期", "注销日期", "脱离日期", "left", "date left", "left on", "disaffiliated", "disaffiliated on"], required: false, label: text("left", "离会日期") },
];

/** Words a register may use for the collection models, in either language. */
const COLLECTION_WORDS: Record<string, CollectionModel> = {
  "union-collects": "union-collects", union: "union-collects", "工会收缴": "union-collects", "自收": "union-collects", "工会自收": "union-collects",
  "tax-full": "tax-full", "税务全额代收": "tax-full", "全额代收": "tax-full", "税务代收": "tax-full",
  "tax-upward": "tax-upward", "税务代收上缴部分": "tax-upward", "代收上缴": "tax-upward",
};

export interface AffiliateImportResult {
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly affiliates: number;
  readonly added: number;
  /** Known affiliates whose row changed: a new version each. */
  readonly changed: number;
  readonly unchanged: number;
}

/** A federation's commands need `federation:` in dues.yaml and a chart that has 132/212. */
export function requireFederation(config: Config, command: string): NonNullable<Config["federation"]> {
  if (config.federation && isFederationChart(config.union.chart)) return config.federation;
  throw new Refusal("usage", [problem("AFFILIATES_NOT_A_FEDERATION", text(`${command} is for a federation, and dues.yaml has no federation: section`, `${command} 用于总工会（联合会），而 dues.yaml 中没有 federation: 配置`), {
    hint: text("a county federation starts from `dues init --template cn-county`, a council from `--template us-council` (docs/federation.md)", "县总工会可用 `dues init --template cn-county` 生成配置，美国 council 用 `--template us-council`（见 docs/federation.md）"),
  })]);
}

export async function importAffiliates(ws: { config: Config; ledger: Ledger }, req: { path: string; fileLabel: string; now: string }): Promise<AffiliateImportResult> {
  requireFederation(ws.config, "dues affiliates import");
  const file = req.fileLabel;
  const digits = ws.config.union.currency.digits;
  const uscc = ws.config.union.chart.startsWith("cn-2021");
  const read = await readTableFile(req.path, { fileLabel: file, area: "AFFILIATES" });
  const mine: Problem[] = [];
  const rows: AffiliateInput[] = [];
  const store = new AffiliateStore(ws.ledger.db);
  const located = locateColumns(read.table, AFFILIATE_FIELDS, "AFFILIATES");
  mine.push(...located.problems);
  if (located.value) {
    const loc = located.value;
    const seenId = new Map<string, number>();
    const seenCode = new Map<string, { id: string; line: number }>();
    for (const r of loc.data) {
      const cell = (f: string) => cellOf(r, loc, f).trim();
      const id = cell("id");
      const name = cell("name");
      if (r.cells.every((c) => c.trim() === "")) continue;
      const at = (field: string) => ({ file, line: r.line, column: columnOf(r, loc, field), source: r.source });
      let ok = true;
      const err = (code: string, field: string, en: string, zh: string, hint: ReturnType<typeof text>) => {
        mine.push(problem(code, text(en, zh), { ...at(field), hint }));
        ok = false;
      };
      if (id === "") {
        err("AFFILIATES_MISSING_ID", "id", `${name || "this row"} has no affiliate id`, `${name || "该行"}没有工会标识`, text("every affiliate needs the id its own dues.yaml has as union.id (what its advices carry)", "每个下级工会都要填写标识，与其 dues.yaml 中的 union.id 一致（回执中带有该标识）"));
      } else if (!AFFILIATE_ID.test(id)) {
        const lower = id.toLowerCase().replace(/\s+/g, "-");
        err("AFFILIATES_BAD_ID", "id", `\`${id}\` is not a usable affiliate id`, `\`${id}\` 不能用作工会标识`, AFFILIATE_ID.test(lower)
          ? text(`write it as the affiliate's union.id spells it, e.g. \`${lower}\``, `请照下级 union.id 的写法，例如 \`${lower}\``)
          : text("lower-case letters, digits, -, _ and . (up to 64), as the affiliate's union.id", "只用小写字母、数字、-、_ 和 .（不超过 64 个），与下级的 union.id 一致"));
      } else {
        const first = seenId.get(id);
        if (first !== undefined) err("AFFILIATES_DUPLICATE_ID", "id", `affiliate ${id} is listed twice (first on line ${first})`, `工会标识 ${id} 出现两次（首次在第 ${first} 行）`, text("keep one row per affiliate", "每个下级工会只保留一行"));
        else seenId.set(id, r.line);
      }
      if (name === "") err("AFFILIATES_MISSING_NAME", "name", `affiliate ${id || "on this row"} has no name`, `工会标识 ${id || "（本行）"} 没有名称`, text("write the union's full name", "请填写工会全称"));
      let creditCode: string | null = null;
      const rawCode = cell("creditCode");
      if (rawCode !== "") {
        const c = readCreditCode(rawCode, uscc);
        if (!c.ok) err("AFFILIATES_CREDIT_CODE", "creditCode", `the credit code \`${rawCode}\` of ${id} ${c.why.en}`, `${id} 的统一社会信用代码 \`${rawCode}\` ${c.why.zh}`, c.hint);
        else {
          creditCode = c.code;
          const other = seenCode.get(c.code);
          if (other) err("AFFILIATES_DUPLICATE_CREDIT_CODE", "creditCode", `${id} has the same credit code as ${other.id} (line ${other.line})`, `${id} 与 ${other.id}（第 ${other.line} 行）的统一社会信用代码相同`, text("a tax collection list is matched by credit code, so each employer's code can belong to one affiliate only", "税务代收清单按信用代码匹配，每个单位的代码只能属于一个下级工会"));
          else seenCode.set(c.code, { id, line: r.line });
        }
      }
      let collection: CollectionModel | null = null;
      const rawCollection = cell("collection");
      if (rawCollection !== "") {
        collection = COLLECTION_WORDS[rawCollection.toLowerCase()] ?? null;
        if (collection === null) err("AFFILIATES_COLLECTION", "collection", `\`${rawCollection}\` is not a collection model`, `\`${rawCollection}\` 不是代收模式`, text(`use ${COLLECTION_MODELS.join(", ")}, or leave it empty for federation.collection`, `可选 ${COLLECTION_MODELS.join("、")}，留空则用 federation.collection`));
      }
      let receives: Affiliate["receives"] = null;
      const rawReceives = cell("receives");
      if (rawReceives !== "") {
        const ids = rawReceives.split(/[;；,，\s]+/).filter(Boolean);
        if (ids.length === 1 && ids[0]!.toLowerCase() === "all") receives = "all";
        else if (ids.every((x) => /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u.test(x))) receives = ids;
        else err("AFFILIATES_RECEIVES", "receives", `\`${rawReceives}\` is not a share rule`, `\`${rawReceives}\` 不是分成规则`, text("all (every upward share of its advices), or the body ids its dues.yaml gives this federation, separated by ; (e.g. county;city)", "all（其回执中全部上缴份额），或其 dues.yaml 中本会的标识，用 ; 分隔（例如 county;city）"));
      }
      let fundsBase: Minor | null = null;
      const rawBase = cell("fundsBase");
      if (rawBase !== "") {
        const v = readAmount(rawBase, digits, ".");
        if (typeof v !== "number" || v < 0) err("AFFILIATES_FUNDS_BASE", "fundsBase", `cannot read the funds base \`${rawBase}\` of ${id}`, `无法读取 ${id} 的工资总额 \`${rawBase}\``, text("the monthly 工资总额 as a plain amount, e.g. 1250000.00 (used for the expected amount until an advice comes)", "月工资总额，写成普通金额，例如 1250000.00（在收到回执前用于估算应缴额）"));
        else fundsBase = v;
      }
      let joined: string | null = null;
      const rawJoined = cell("joined");
      if (rawJoined !== "") {
        joined = readJoined(rawJoined) ?? null;
        if (joined === null) err("AFFILIATES_JOINED", "joined", `cannot read the date ${id} joined, \`${rawJoined}\``, `无法读取 ${id} 的入会日期 \`${rawJoined}\``, text("a day (2024-03-15, 2024年3月15日) or a month (2024-03, 2024年3月); nothing is expected of the affiliate before that month", "写成日期（2024-03-15、2024年3月15日）或月份（2024-03、2024年3月）；该月之前不计应缴"));
      }
      let left: string | null = null;
      const rawLeft = cell("left");
      if (rawLeft !== "") {
        left = readJoined(rawLeft) ?? null;
        if (left === null) err("AFFILIATES_LEFT", "left", `cannot read the date ${id} left, \`${rawLeft}\``, `无法读取 ${id} 的离会日期 \`${rawLeft}\``, text("a day (2026-06-30, 2026年6月30日) or a month (2026-06, 2026年6月); that month is still expected, nothing after it", "写成日期（2026-06-30、2026年6月30日）或月份（2026-06、2026年6月）；该月仍计应缴，之后不计"));
        else if (joined !== null && leftBeforeJoined(joined, left)) err("AFFILIATES_LEFT_BEFORE_JOINED", "left", `${id} left (${left}) before it joined (${joined})`, `${id} 的离会日期（${left}）早于入会日期（${joined}）`, text("check both dates; an affiliate that left and came back keeps its last joined date and no left date", "请核对两个日期；离会后又重新加入的，填最近的入会日期，离会日期留空"));
      }
      if (!ok) continue;
      rows.push({ id, name, employer: cell("employer"), creditCode, collection, receives, fundsBase, contact: cell("contact"), joined, left, sourceLine: r.line });
    }
    // A credit code already held by another affiliate in the register (not re-listed here with a new code).
    const inFile = new Set(rows.map((a) => a.id));
    for (const other of store.all()) {
      if (inFile.has(other.id) || !other.creditCode) continue;
      const mineToo = seenCode.get(other.creditCode);
      if (mineToo) mine.push(problem("AFFILIATES_DUPLICATE_CREDIT_CODE", text(`${mineToo.id} has the credit code of ${other.id}, already in the register`, `${mineToo.id} 的统一社会信用代码与名册中已有的 ${other.id} 相同`), {
        file, line: mineToo.line, column: located.value.columns.has("creditCode") ? located.value.columns.get("creditCode")! + 1 : undefined,
        hint: text(`each employer's code belongs to one affiliate; see dues affiliates show ${other.id}`, `每个单位的代码只能属于一个下级工会；请查看 dues affiliates show ${other.id}`),
      }));
    }
    if (rows.length === 0 && mine.length === 0) {
      mine.push(problem("AFFILIATES_NO_ROWS", text("the file has a header but no affiliates", "文件只有表头，没有下级工会"), { file, line: loc.headerLine, hint: text("add one row per affiliated union under the header", "请在表头下每个下级工会填写一行") }));
    }
  }
  const problems = await read.finish(mine);
  if (read.info.missing) throw new Refusal("missing", problems);
  if (hasErrors(problems)) throw new Refusal("data", problems);

  const before = new Map(store.all().map((a) => [a.id, a]));
  const changed = new Set<string>();
  let added = 0;
  for (const a of rows) {
    const old = before.get(a.id);
    if (!old) { changed.add(a.id); added++; }
    else if (affiliateChanged(old, a).length) changed.add(a.id);
  }
  ws.ledger.transaction(() => {
    store.record(rows, changed, { file, sha256: read.info.sha256, importedAt: req.now, added });
  });
  return { file, sha256: read.info.sha256, encoding: read.info.encoding, affiliates: rows.length, added, changed: changed.size - added, unchanged: rows.length - changed.size };
}

/**
 * When an affiliate joined (or left), as a register writes it: a day (2024-03-15, 2024/3/15,
 * 2024年3月15日) → YYYY-MM-DD, or a month (2024-03, 2024年3月, 202403) → YYYY-MM. A
 * spreadsheet's date cell reads as its day. undefined when it is neither.
 */
export function readJoined(raw: string): string | undefined {
  return readDate(raw) ?? readPeriod(raw);
}

/** A left date earlier than the joined one: by month, or by day when both are days (a month and a day of that month agree). */
function leftBeforeJoined(joined: string, left: string): boolean {
  if (left.slice(0, 7) !== joined.slice(0, 7)) return left.slice(0, 7) < joined.slice(0, 7);
  return left.length === 10 && joined.length === 10 && left < joined;
}

export function listAffiliates(ws: { config: Config; ledger: Ledger }): Affiliate[] {
  requireFederation(ws.config, "dues affiliates list");
  return new AffiliateStore(ws.ledger.db).all();
}

export interface AffiliateDetail {
  readonly affiliate: Affiliate & { version: number };
  /** Every version, oldest first, with the fields that changed from the one before. */
  readonly history: readonly (AffiliateVersion & { changed: readonly string[] })[];
}

export function showAffiliate(ws: { config: Config; ledger: Ledger }, id: string): AffiliateDetail {
  requireFederation(ws.config, "dues affiliates show");
  const store = new AffiliateStore(ws.ledger.db);
  const a = store.get(id);
  if (!a) throw unknownAffiliate(store, id, "dues affiliates show");
  const versions = store.history(id);
  return { affiliate: a, history: versions.map((v, i) => ({ ...v, changed: i === 0 ? [] : affiliateChanged(versions[i - 1]!, v) })) };
}

/** AFFILIATES_UNKNOWN: an id the register does not hold, with the nearest ids as a hint. */
export function unknownAffiliate(store: AffiliateStore, id: string, where: string): Refusal {
  const ids = store.all().map((a) => a.id);
  const near = ids.filter((x) => x.includes(id) || id.includes(x)).slice(0, 5);
  return new Refusal("usage", [problem("AFFILIATES_UNKNOWN", text(`${id} is not in the affiliates register`, `${id} 不在下级工会名册中`), {
    file: where,
    hint: near.length ? text(`did you mean ${near.join(", ")}?`, `是不是 ${near.join("、")}？`) : text(`${ids.length} affiliates are registered: dues affiliates list`, `名册中共有 ${ids.length} 个下级工会：dues affiliates list`),
  })]);
}
