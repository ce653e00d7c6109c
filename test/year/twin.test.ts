// Issue 10's proof that a ledger taken over mid-life runs as if its history had been
// imported: the same union built twice, once with 2024 imported month by month (and the
// year carried forward), once from an opening file as of 2025-01-01 that carries 2024's
// balances (December owed by the employer and to the bodies, members' arrears by month,
// earmarked money in 321); then the same 2025 on both. 2025's reconcile (bodies and
// employer), arrears, income statement, balance sheet and budget execution agree to the fen.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findArrears } from "../../src/app/arrears.js";
import { showBudget, budgetShowJson } from "../../src/app/budget-show.js";
import { importOpening } from "../../src/app/import-opening.js";
import { reconcileBooks } from "../../src/app/reconcile.js";
import { bankStoreOf } from "../../src/app/receive.js";
import { balanceReport, incomeReport, statementJson } from "../../src/app/statements.js";
import { closeYear } from "../../src/app/year-close.js";
import type { Workspace } from "../../src/app/workspace.js";
import { tempDir } from "../helpers/cli.js";
import { MEMBERS, NOW, TODAY, newUnion, run2024, run2025, stamp, yuan } from "./union.js";

/** The opening file a treasurer would type from the old books: here, read off ledger A at 2024-12-31. */
function openingCsv(a: Workspace): string {
  const rows: string[] = ["科目编码,上级工会,工号,所属期间,借方,贷方,摘要,项目"];
  const line = (account: string, amount: number, o: { body?: string; member?: string; period?: string; memo?: string; project?: string } = {}) => {
    if (amount === 0) return;
    rows.push([account, o.body ?? "", o.member ?? "", o.period ?? "", amount > 0 ? yuan(amount) : "", amount < 0 ? yuan(-amount) : "", o.memo ?? "", o.project ?? ""].join(","));
  };
  const asOf = "2024-12-31";
  const owed = new Set(["211", "13501", "13502"]);
  for (const b of a.ledger.balances({ asOf, byProject: true })) if (!owed.has(b.account)) line(b.account, b.balance, { project: b.project ?? undefined });
  const bodies = reconcileBooks(a, { to: "2024-12", asOf }, asOf).reconciliation.rows;
  for (const r of bodies) line("211", -r.outstanding, { body: r.party, period: r.period, memo: "尚欠上级" });
  const employer = reconcileBooks(a, { employer: true, to: "2024-12", asOf }, asOf).reconciliation.rows;
  for (const r of employer) line("13501", r.outstanding, { period: r.period, memo: "单位欠拨" });
  const short = new Map<string, number>();
  for (const l of a.ledger.memberLines({ to: "2024-12" })) {
    if (l.isMember && l.deducted !== null && l.deducted < l.dues) short.set(`${l.memberId},${l.period}`, (short.get(`${l.memberId},${l.period}`) ?? 0) + l.dues - l.deducted);
  }
  for (const [k, v] of short) { const [member, period] = k.split(","); line("13502", v, { member, period, memo: "会员欠缴" }); }
  // Each kind of line adds up to the ledger's own balance of that account.
  const total = (account: string) => a.ledger.balances({ asOf, account }).reduce((t, b) => t + b.balance, 0);
  expect(bodies.reduce((t, r) => t - r.outstanding, 0)).toBe(total("211"));
  expect(employer.reduce((t, r) => t + r.outstanding, 0)).toBe(total("13501"));
  expect([...short.values()].reduce((t, v) => t + v, 0)).toBe(total("13502"));
  return rows.join("\r\n") + "\r\n";
}

describe("a union taken over from an opening file runs 2025 exactly as one whose 2024 was imported", () => {
  const ta = tempDir("dues-twin-a-");
  const tb = tempDir("dues-twin-b-");
  let a: Workspace;
  let b: Workspace;
  const before: Record<string, unknown> = {};
  afterAll(() => { a?.close(); b?.close(); ta.cleanup(); tb.cleanup(); });

  beforeAll(async () => {
    a = newUnion(ta.dir);
    const owed2024 = await run2024(a, ta.dir);
    closeYear(a, "2024", stamp);
    b = newUnion(tb.dir);
    writeFileSync(join(tb.dir, "期初余额.csv"), openingCsv(a));
    const opened = await importOpening(b, { path: join(tb.dir, "期初余额.csv"), fileLabel: "期初余额.csv", asOf: "2025-01-01", now: NOW });
    expect(opened.warnings.map((w) => w.code).every((c) => c === "OPENING_NEW_MEMBER")).toBe(true);
    // What members 1 and 2 owe, as `dues receive --from member` reads it, is the same in both books.
    const owes = (ws: Workspace, m: string) => bankStoreOf(ws.ledger).memberArrearsBalance(m, "13502");
    expect(owes(b, MEMBERS[1]!)).toBe(owes(a, MEMBERS[1]!));
    const march = [...a.ledger.memberLines({ period: "2024-03", member: MEMBERS[2]! })].reduce((t, l) => t + l.dues - (l.deducted ?? l.dues), 0);
    expect(march).toBeGreaterThan(0);
    const owed = { ...owed2024, member1: owes(a, MEMBERS[1]!), member2: { period: "2024-03", amount: march } };
    for (const [ws, dir] of [[a, ta.dir], [b, tb.dir]] as const) {
      await run2025(ws, dir, owed, (p) => { if (p === "2025-02") before[`arrears ${dir}`] = findArrears(ws, { today: TODAY }).members; });
      before[dir] = budgetShowJson(showBudget(ws, { year: "2025", today: TODAY }), "zh-CN");
    }
  }, 240_000);

  it("the bodies' and the employer's reconciliation of 2025 agree row by row; the months carried from 2024 agree on what is outstanding", () => {
    for (const employer of [false, true]) {
      const ra = reconcileBooks(a, { employer, from: "2024-11", to: "2025-12", asOf: TODAY }, TODAY).reconciliation;
      const rb = reconcileBooks(b, { employer, from: "2024-11", to: "2025-12", asOf: TODAY }, TODAY).reconciliation;
      const of2025 = (r: typeof ra) => r.rows.filter((x) => x.period >= "2025-01");
      expect(of2025(rb)).toEqual(of2025(ra));
      expect(of2025(ra).length).toBeGreaterThanOrEqual(12);
      // The old books' months: B knows only what was left owing, so due and paid differ; what is outstanding, the late fee and the day it was settled do not.
      const old = (r: typeof ra) => r.rows.filter((x) => x.period < "2025-01" && x.due !== 0).map((x) => [x.party, x.period, x.outstanding, x.lateFee, x.settledOn, x.late]);
      expect(old(rb)).toEqual(old(ra).filter((x) => rb.rows.some((y) => y.party === x[0] && y.period === x[1])));
      expect(rb.totals.outstanding).toBe(ra.totals.outstanding);
      expect(rb.settled).toBe(ra.settled);
    }
    // June's employer shortfall and August's city shortfall are still open in both.
    const emp = reconcileBooks(b, { employer: true, asOf: TODAY }, TODAY).reconciliation.rows;
    expect(emp.find((r) => r.period === "2025-06")?.outstanding).toBe(100000);
    const city = reconcileBooks(b, { body: "city", asOf: TODAY }, TODAY).reconciliation.rows;
    expect(city.find((r) => r.period === "2025-08")?.status).toBe("partial");
    expect(city.find((r) => r.period === "2024-12")?.status).toBe("paid");
  });

  it("arrears agree to the fen: the member short since October 2024 is in arrears in both", () => {
    const xa = findArrears(a, { today: TODAY });
    const xb = findArrears(b, { today: TODAY });
    expect(xb).toEqual(xa);
    // After February's payroll: member 0 had run short October 2024 – February 2025, five months.
    expect(before[`arrears ${tb.dir}`]).toEqual(before[`arrears ${ta.dir}`]);
    const m0 = (before[`arrears ${tb.dir}`] as typeof xa.members).find((m) => m.member === MEMBERS[0]);
    expect(m0 && [m0.since, m0.through, m0.months]).toEqual(["2024-10", "2025-02", 5]);
  });

  it("2025's income statement, the balance sheet (year start and end) and budget execution agree to the fen", () => {
    const inc = (ws: Workspace) => statementJson(incomeReport(ws.ledger, ws.config, { year: "2025" }).statement, 2, "zh-CN", {});
    expect(inc(b)).toEqual(inc(a));
    for (const d of ["2025-01-01", "2025-06-30", "2025-12-31"]) {
      const bal = (ws: Workspace) => statementJson(balanceReport(ws.ledger, ws.config, d).statement, 2, "zh-CN", {});
      expect(bal(b), d).toEqual(bal(a));
    }
    expect(before[tb.dir]).toEqual(before[ta.dir]);
  });

  it("after `dues close 2025` on both, they still agree, and the year's budget execution is what it was", () => {
    const ca = closeYear(a, "2025", stamp);
    const cb = closeYear(b, "2025", stamp);
    expect(cb.postings).toEqual(ca.postings);
    expect([cb.surplus, cb.earmarked]).toEqual([ca.surplus, ca.earmarked]);
    const bal = (ws: Workspace) => statementJson(balanceReport(ws.ledger, ws.config, "2025-12-31").statement, 2, "zh-CN", {});
    expect(bal(b)).toEqual(bal(a));
    for (const [ws, dir] of [[a, ta.dir], [b, tb.dir]] as const) {
      expect(budgetShowJson(showBudget(ws, { year: "2025", today: TODAY }), "zh-CN")).toEqual(before[dir]);
      expect(ws.ledger.verify().ok).toBe(true);
    }
  });
});
