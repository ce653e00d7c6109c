// `dues members import ROSTER`: the membership roster (CSV or xlsx: id, name, status,
// joined, left) for `membership: roster`. Every row is checked and every problem
// reported at once; a roster with any error changes nothing. Decisions: docs/import.md.
import { lastDayOf, type IsoDate, type Period } from "../domain/period.js";
import { hasErrors, problem, Refusal, type Problem } from "../domain/problem.js";
import { text } from "../domain/text.js";
import { readTableFile } from "../import/table-file.js";
import { cellOf, columnOf, locateColumns, type FieldSpec } from "../import/table-rows.js";
import { dayMonthOrder, readDate } from "../import/dates.js";
import type { Ledger } from "../ledger/ledger.js";
import { RosterStore, type RosterEntry } from "../ledger/roster-store.js";

export const ROSTER_FIELDS: readonly FieldSpec[] = [
  { field: "id", names: ["工号", "会员编号", "会员号", "员工号", "职工号", "人员编号", "id", "member id", "employee id", "member no"], required: true, label: text("member id", "工号") },
  { field: "name", names: ["姓名", "name", "member name"], required: true, label: text("name", "姓名") },
  { field: "department", names: ["部门", "department", "dept"], required: false, label: text("department", "部门") },
  { field: "status", names: ["会员状态", "状态", "status", "member status"], required: false, label: text("status", "会员状态") },
  { field: "joined", names: ["入会日期", "入会时间", "joined", "join date", "date joined"], required: false, label: text("joined", "入会日期") },
  { field: "left", names: ["离会日期", "退会日期", "离会时间", "left", "left on", "date left"], required: false, label: text("left", "离会日期") },
];

export interface RosterImportResult {
  readonly file: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly members: number;
  /** Of them, with a left date. */
  readonly left: number;
  /** Already in the roster before (updated rather than added). */
  readonly updated: number;
}

/** Was the member a member in the period? Joined by its last day, and not left before its first. */
export function rosterMemberIn(e: Pick<RosterEntry, "joined" | "left">, period: Period): boolean {
  if (e.joined !== null && e.joined > lastDayOf(period)) return false;
  if (e.left !== null && e.left < `${period}-01`) return false;
  return true;
}

export async function importRoster(ledger: Ledger, req: { path: string; fileLabel: string; now: string }): Promise<RosterImportResult> {
  const file = req.fileLabel;
  const read = await readTableFile(req.path, { fileLabel: file, area: "ROSTER" });
  const mine: Problem[] = [];
  const entries: RosterEntry[] = [];
  const departments = new Map<string, string>();
  const located = locateColumns(read.table, ROSTER_FIELDS, "ROSTER");
  mine.push(...located.problems);
  if (located.value) {
    const loc = located.value;
    const seen = new Map<string, number>();
    const rawDates = loc.data.flatMap((r) => [cellOf(r, loc, "joined"), cellOf(r, loc, "left")]);
    const found = dayMonthOrder(rawDates, ledger.meta.currency);
    const order = found === "ambiguous" ? undefined : found;
    for (const r of loc.data) {
      const id = cellOf(r, loc, "id").trim();
      const name = cellOf(r, loc, "name").trim();
      if (id === "" && name === "") continue;
      const at = (field: string) => ({ file, line: r.line, column: columnOf(r, loc, field), source: r.source });
      if (id === "") {
        mine.push(problem("ROSTER_MISSING_ID", text(`${name} has no member id`, `${name} 没有工号`), { ...at("id"), hint: text("every member needs the id the payroll uses", "每位会员都要填写与工资表一致的工号") }));
        continue;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        mine.push(problem("ROSTER_DUPLICATE_ID", text(`member ${id} is listed twice (first on line ${first})`, `工号 ${id} 出现两次（首次在第 ${first} 行）`), { ...at("id"), hint: text("keep one row per member", "每位会员只保留一行") }));
        continue;
      }
      seen.set(id, r.line);
      const date = (field: "joined" | "left"): IsoDate | null | false => {
        const raw = cellOf(r, loc, field).trim();
        if (raw === "") return null;
        // ISO and 年月日 always; 01/15/2020 only in the order the roster proves or its currency implies.
        const d = readDate(raw, order);
        if (d) return d;
        mine.push(problem("ROSTER_DATE_UNREADABLE", text(`cannot read the ${field} date "${raw}"`, `无法读取${field === "joined" ? "入会" : "离会"}日期“${raw}”`), { ...at(field), hint: text("write dates like 2026-03-01 (day/month dates are read when the roster or the currency shows their order)", "日期请写成 2026-03-01 的形式（日/月格式的日期需能从名册或币种判断顺序）") }));
        return false;
      };
      const joined = date("joined");
      const left = date("left");
      if (joined === false || left === false) continue;
      if (joined && left && left < joined) {
        mine.push(problem("ROSTER_LEFT_BEFORE_JOINED", text(`member ${id} left (${left}) before joining (${joined})`, `工号 ${id} 的离会日期（${left}）早于入会日期（${joined}）`), { ...at("left"), hint: text("check both dates", "请核对两个日期") }));
        continue;
      }
      const written = cellOf(r, loc, "status").trim();
      // A member with a left date and no status written has left; otherwise the status as written.
      const status = written !== "" ? written : left ? "left" : "active";
      entries.push({ member: id, name, status, joined, left, sourceLine: r.line });
      departments.set(id, cellOf(r, loc, "department").trim());
    }
    if (entries.length === 0 && mine.length === 0) {
      mine.push(problem("ROSTER_NO_MEMBERS", text("the roster has a header but no members", "名册只有表头，没有会员"), { file, line: loc.headerLine, hint: text("add one row per member under the header", "请在表头下每位会员填写一行") }));
    }
  }
  const problems = await read.finish(mine);
  if (read.info.missing) throw new Refusal("missing", problems);
  if (hasErrors(problems)) throw new Refusal("data", problems);

  const store = new RosterStore(ledger.db);
  const before = new Set(store.all().map((e) => e.member));
  const register = new Map(ledger.members().map((m) => [m.id, m]));
  ledger.transaction(() => {
    store.upsert(entries, { file, sha256: read.info.sha256, importedAt: req.now });
    // The register follows the roster; a department the roster leaves blank keeps the payroll's.
    ledger.upsertMembers(entries.map((e) => ({
      id: e.member, name: e.name, status: e.status, updatedAt: req.now,
      department: departments.get(e.member) || register.get(e.member)?.department || "",
    })));
  });
  return {
    file, sha256: read.info.sha256, encoding: read.info.encoding, members: entries.length,
    left: entries.filter((e) => e.left !== null).length, updated: entries.filter((e) => before.has(e.member)).length,
  };
}

/** The roster as the payroll import needs it: id → joined/left/status. */
export function loadRoster(ledger: Ledger): Map<string, RosterEntry> {
  return new Map(new RosterStore(ledger.db).all().map((e) => [e.member, e]));
}
