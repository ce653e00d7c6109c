// Members behind on dues: the current run of short months, three to report, six for
// lapse risk (章程 Art. 6); exempt members and gaps in the payroll never count.
import { describe, expect, it } from "vitest";
import { ArrearsCounter, memberArrears, type MemberDuesLine } from "../../src/domain/arrears.js";

const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
const line = (member: string, period: string, assessed: number, deducted: number): MemberDuesLine => ({ member, name: `name-${member}`, period, assessed, deducted });
const history = (member: string, deducted: (i: number) => number, assessed = 3390) => months.map((p, i) => line(member, p, assessed, deducted(i)));

describe("member arrears", () => {
  it("reports members short in each of the last three or more months, with the total short", () => {
    const lines = [
      ...history("A001", (i) => (i >= 4 ? 0 : 3390)), // nothing deducted May–Jul
      ...history("A002", (i) => (i >= 5 ? 1000 : 3390)), // short Jun–Jul only: two months
      ...history("A003", () => 3390),
    ];
    const r = memberArrears(lines);
    expect(r).toEqual([{ member: "A001", name: "name-A001", since: "2026-05", through: "2026-07", months: 3, shortfall: 3 * 3390, lapseRisk: false }]);
  });

  it("flags six or more consecutive months as lapse risk", () => {
    const r = memberArrears([...history("B001", (i) => (i >= 1 ? 0 : 3390)), ...history("B002", (i) => (i >= 2 ? 100 : 3390))]);
    expect(r.map((x) => [x.member, x.months, x.lapseRisk])).toEqual([["B001", 6, true], ["B002", 5, false]]);
    expect(r[1]!.shortfall).toBe(5 * (3390 - 100));
  });

  it("does not count a run that was paid up before the latest month", () => {
    const r = memberArrears(history("C001", (i) => (i >= 1 && i <= 5 ? 0 : 3390)));
    expect(r).toEqual([]);
  });

  it("never reports exempt members (assessed nothing) or over-deducted months", () => {
    const r = memberArrears([...history("D001", () => 0, 0), ...history("D002", () => 4000)]);
    expect(r).toEqual([]);
  });

  it("breaks the run at a month the member was not on the payroll", () => {
    const lines = history("E001", () => 0).filter((l) => l.period !== "2026-04");
    lines.push(line("E002", "2026-04", 1, 1)); // April was imported, with other members
    expect(memberArrears(lines).map((x) => [x.member, x.months, x.since])).toEqual([["E001", 3, "2026-05"]]);
  });

  it("fed only the short months, still ends a run at a declared month in which nobody was short", () => {
    const c = new ArrearsCounter();
    for (const p of ["2026-01", "2026-02", "2026-03"]) c.add(line("F001", p, 3390, 0));
    c.period("2026-04"); // imported, F001 paid in full
    for (const p of ["2026-05", "2026-06"]) c.add(line("F001", p, 3390, 0));
    expect(c.result()).toEqual([]);
    expect(c.latest).toBe("2026-06");
    const d = new ArrearsCounter();
    for (const p of ["2026-01", "2026-02", "2026-03", "2026-04"]) d.add(line("F001", p, 3390, 0));
    expect(d.result().map((x) => [x.member, x.months, x.shortfall])).toEqual([["F001", 4, 4 * 3390]]);
  });

  it("counts a member with no wage who paid nothing, but not an exempt member or one with a wage", () => {
    const noWage = months.map((p) => ({ ...line("G001", p, 0, 0), noWage: true }));
    const r = memberArrears([...noWage, ...history("G002", () => 0, 0)]);
    expect(r.map((x) => [x.member, x.months, x.shortfall, x.lapseRisk])).toEqual([["G001", 7, 0, true]]);
    // A month with a wage (and nothing owed under the rule) ends the run.
    const broken = noWage.map((l) => (l.period === "2026-05" ? { ...l, noWage: false } : l));
    expect(memberArrears(broken)).toEqual([]);
  });
});

// `dues receive --from member`: what a member paid directly settles their short months,
// a month named with --period first, then oldest first (docs/reconciliation.md).
describe("member arrears after direct payments", () => {
  const shortAll = (member: string) => history(member, () => 0);
  const pick = (r: ReturnType<typeof memberArrears>) => r.map((x) => [x.member, x.since, x.months, x.shortfall, x.lapseRisk]);

  it("settles the oldest short months first; the run left is what is still owed", () => {
    const r = memberArrears([...shortAll("H001"), ...shortAll("H002")], 3, [{ member: "H001", amount: 3 * 3390 }]);
    // H001: Jan–Mar paid, Apr–Jul still short (4 months, no lapse risk); H002 untouched.
    expect(pick(r)).toEqual([["H002", "2026-01", 7, 7 * 3390, true], ["H001", "2026-04", 4, 4 * 3390, false]]);
  });

  it("leaves a partly paid month short, with what is left of it", () => {
    const r = memberArrears(shortAll("H003"), 1, [{ member: "H003", amount: 6 * 3390 + 100 }, { member: "H003", amount: 0 }]);
    expect(pick(r)).toEqual([["H003", "2026-07", 1, 3290, false]]);
  });

  it("lists nobody once everything is paid, however it was paid in parts", () => {
    const pays = [{ member: "H004", amount: 10000 }, { member: "H004", amount: 7 * 3390 - 10000 }];
    expect(memberArrears(shortAll("H004"), 1, pays)).toEqual([]);
    expect(memberArrears(shortAll("H004"), 1, [{ member: "H004", amount: 99999 }])).toEqual([]);
  });

  it("pays a month named with --period first, and the rest oldest first", () => {
    // April named: the run is broken there; May–Jul remain (3 months).
    expect(pick(memberArrears(shortAll("H005"), 3, [{ member: "H005", amount: 3390, settles: "2026-04" }]))).toEqual([["H005", "2026-05", 3, 3 * 3390, false]]);
    // January named with twice its shortfall: the excess settles February.
    expect(pick(memberArrears(shortAll("H006"), 3, [{ member: "H006", amount: 2 * 3390, settles: "2026-01" }]))).toEqual([["H006", "2026-03", 5, 5 * 3390, false]]);
    // A month named that was not short: the money goes oldest first.
    const lines = history("H007", (i) => (i === 0 ? 3390 : 0));
    expect(pick(memberArrears(lines, 3, [{ member: "H007", amount: 3390, settles: "2026-01" }]))).toEqual([["H007", "2026-03", 5, 5 * 3390, false]]);
  });

  it("takes a hand-booked reversal (negative) off what was paid", () => {
    const r = memberArrears(shortAll("H008"), 3, [{ member: "H008", amount: 3 * 3390 }, { member: "H008", amount: -3 * 3390 }]);
    expect(pick(r)).toEqual([["H008", "2026-01", 7, 7 * 3390, true]]);
  });

  it("streaming: a no-wage month owes no amount, so a payment does not settle it; gaps still break runs", () => {
    const c = new ArrearsCounter([{ member: "H009", amount: 2 * 3390 }]);
    c.add(line("H009", "2026-01", 3390, 0));
    c.add({ ...line("H009", "2026-02", 0, 0), noWage: true });
    c.add(line("H009", "2026-03", 3390, 0));
    c.add(line("H009", "2026-04", 3390, 0));
    c.add(line("H009", "2026-05", 3390, 0));
    // Jan and Mar paid (oldest short months with money owed); Feb (no wage) stays unpaid,
    // but Mar paid ends that run: Apr–May remain, 2 months.
    expect(c.result(1).map((x) => [x.since, x.months, x.shortfall])).toEqual([["2026-04", 2, 2 * 3390]]);
  });
});
