// `dues close 2025` on a union taken over on 2025-01-01 (opening file with 2024-12 still
// owed, members in arrears, earmarked money in 321) after a year of payrolls, receipts,
// remittances and spending: what the carry-forward books, what the statements show after
// it, the next year at zero, the year reopened and closed again, checklist item 9, and
// verify covering the opening and closing entries (tampering named by entry).
import Database from "better-sqlite3";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetShowJson, showBudget } from "../../src/app/budget-show.js";
import { reopenMonth } from "../../src/app/close.js";
import { gatherAudit } from "../../src/app/export-audit.js";
import { importOpening } from "../../src/app/import-opening.js";
import { balanceReport, incomeReport, statementJson } from "../../src/app/statements.js";
import { closeYear, reopenYear } from "../../src/app/year-close.js";
import type { Workspace } from "../../src/app/workspace.js";
import { findAccount } from "../../src/domain/chart.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { tempDir } from "../helpers/cli.js";
import { MEMBERS, NOW, TODAY, newUnion, payroll, run2025, stamp } from "./union.js";

// The old books at 2024-12-31: bank 180,000.00, cash 500.00; December's 6,000.00 owed by
// the employer; December owed to the county (900.00) and the city (1,500.00); member 0
// short October–December (40.00 a month), member 1 November–December (30.00), member 2
// March (25.00); 5,000.00 of a hardship subsidy unspent (321); fixed assets 12,000.00 and
// their asset fund (301); the surplus (322) makes it balance.
const OPENING = [
  "科目编码,上级工会,工号,所属期间,借方,贷方,摘要,项目",
  "102,,,,180000.00,,银行存款,",
  "101,,,,500.00,,库存现金,",
  "13501,,,2024-12,6000.00,,单位欠拨12月,",
  "211,county,,2024-12,,900.00,欠县总12月,",
  "211,city,,2024-12,,1500.00,欠市总12月,",
  `13502,,${MEMBERS[0]},2024-10,40.00,,,`,
  `13502,,${MEMBERS[0]},2024-11,40.00,,,`,
  `13502,,${MEMBERS[0]},2024-12,40.00,,,`,
  `13502,,${MEMBERS[1]},2024-11,30.00,,,`,
  `13502,,${MEMBERS[1]},2024-12,30.00,,,`,
  `13502,,${MEMBERS[2]},2024-03,25.00,,,`,
  "162,,,,12000.00,,固定资产,",
  "301,,,,,12000.00,资产基金,",
  "321,,,,,5000.00,困难职工帮扶专项结转,hardship",
  "322,,,,,179305.00,结余,",
].join("\r\n") + "\r\n";

const netAssets = (ws: Workspace, asOf: string, account: string) => -ws.ledger.balances({ asOf, account }).reduce((t, b) => t + b.balance, 0);

describe("dues close 2025: the year-end carry-forward", () => {
  const t = tempDir("dues-close-year-");
  let ws: Workspace;
  let budgetBefore: unknown;
  let incomeBefore: unknown;
  let close: ReturnType<typeof closeYear>;
  afterAll(() => { ws?.close(); t.cleanup(); });

  beforeAll(async () => {
    ws = newUnion(t.dir);
    writeFileSync(join(t.dir, "opening.csv"), OPENING);
    await importOpening(ws, { path: join(t.dir, "opening.csv"), fileLabel: "opening.csv", asOf: "2025-01-01", now: NOW });
    await run2025(ws, t.dir, { employer2024: 600000, county2024: 90000, city2024: 150000, member1: 6000, member2: { period: "2024-03", amount: 2500 } });
    budgetBefore = budgetShowJson(showBudget(ws, { year: "2025", today: TODAY }), "en");
    incomeBefore = statementJson(incomeReport(ws.ledger, ws.config, { year: "2025" }).statement, 2, "en", {});
    close = closeYear(ws, "2025", stamp);
  }, 120_000);

  it("is one entry of kind year-close dated 2025-12-31 that leaves every income and spending account at zero", () => {
    const [e] = ws.ledger.entries({ kinds: ["year-close"] });
    expect([e!.seq, e!.kind, e!.date, e!.period, e!.ref]).toEqual([close.entry, "year-close", "2025-12-31", "2025-12", "2025"]);
    expect(ws.ledger.batch(e!.batch)!.kind).toBe("year-close");
    const open = ws.ledger.balances({ asOf: "2025-12-31", byProject: true }).filter((b) => ["income", "expense"].includes(findAccount("cn-2021-base", b.account)!.kind) && b.balance !== 0);
    expect(open).toEqual([]);
  });

  it("321 + 322 = the opening net assets + the year's surplus; the hardship money unspent goes to 321, the rest to 322", () => {
    const income = incomeReport(ws.ledger, ws.config, { year: "2025" }).statement;
    const surplus = income.lines.find((l) => l.role === "result")!.amounts[0]!;
    // Hardship in 2025: 30,000.00 subsidy − 12,000.00 − 9,000.00 spent = 9,000.00 unspent.
    expect(close.earmarked).toEqual([{ project: "hardship", name: "困难职工帮扶专项", amount: 900000 }]);
    expect(close.surplus).toBe(surplus - 900000);
    expect(netAssets(ws, "2025-12-31", "321")).toBe(500000 + 900000);
    expect(netAssets(ws, "2025-12-31", "322")).toBe(17930500 + surplus - 900000);
    expect(netAssets(ws, "2025-12-31", "321") + netAssets(ws, "2025-12-31", "322")).toBe(500000 + 17930500 + surplus);
    // 321 by project: the opening's 5,000.00 and the year's 9,000.00, both hardship.
    expect(ws.ledger.balances({ asOf: "2025-12-31", account: "321", byProject: true }).map((b) => [b.project, -b.balance])).toEqual([["hardship", 1400000]]);
  });

  it("the balance sheet balances with no line for income not carried forward; the year's income statement and budget execution are unchanged", () => {
    const bs = balanceReport(ws.ledger, ws.config, "2025-12-31").statement;
    expect(bs.check.ok).toBe(true);
    expect(bs.lines.some((l) => l.label.zh.includes("尚未结转"))).toBe(false);
    const start = bs.lines.find((l) => l.code === "322")!.amounts[0];
    expect(start).toBe(17930500);
    expect(statementJson(incomeReport(ws.ledger, ws.config, { year: "2025" }).statement, 2, "en", {})).toEqual(incomeBefore);
    expect(budgetShowJson(showBudget(ws, { year: "2025", today: TODAY }), "en")).toEqual(budgetBefore);
  });

  it("2026 starts at zero: the income statement of 2026 has nothing before its first import, then only January", async () => {
    const empty = incomeReport(ws.ledger, ws.config, { year: "2026" }).statement;
    expect(empty.lines.filter((l) => l.role !== "heading").every((l) => l.amounts.every((x) => x === 0))).toBe(true);
    const jan = await payroll(ws, t.dir, "2026-01");
    const st = incomeReport(ws.ledger, ws.config, { period: "2026-01" }).statement;
    const dues = st.lines.find((l) => l.code === "401")!;
    expect(dues.amounts).toEqual([jan.totals.dues, jan.totals.dues]);
    // The balance sheet of January 2026 starts from the carried-forward 322 and shows January as not yet carried.
    const bs = balanceReport(ws.ledger, ws.config, "2026-01-31").statement;
    expect(bs.lines.find((l) => l.code === "322")!.amounts).toEqual([netAssets(ws, "2025-12-31", "322"), netAssets(ws, "2025-12-31", "322")]);
    expect(bs.lines.find((l) => l.label.zh.includes("尚未结转"))!.amounts[0]).toBe(0);
    expect(bs.check.ok).toBe(true);
  });

  it("the audit workbook's checklist item 9 points at the carry-forward entry by number and hash", () => {
    const a = gatherAudit(ws.ledger, ws.config, { from: "2025-01", to: "2025-12", output: join(t.dir, "a.xlsx"), lang: "en", createdAt: NOW });
    const item = a.checklist[8]!;
    expect(item.item.en).toContain("321/322");
    expect(item.shows.en).toContain(`entry #${close.entry}`);
    expect(item.shows.en).toContain(close.hash);
    expect(item.status).toBe("shown");
    // The opening belongs to the range that begins with the takeover month, and its cash is the Summary's opening.
    expect(a.batches.filter((x) => ["opening", "year-close"].includes(x.kind)).map((x) => x.kind)).toEqual(["opening", "year-close"]);
    expect(a.cash.find((c) => c.account === "102")!.opening).toBe(18000000);
    // Its entry (period 2024-12, dated the takeover day) opens the journal, every line of it, balanced.
    const journal = [...a.journal];
    const openingSeq = ws.ledger.entries({ kinds: ["opening"] })[0]!.seq;
    const openingLines = journal.filter((j) => j.seq === openingSeq);
    expect(journal.slice(0, OPENING.trim().split("\r\n").length - 1).map((j) => j.seq)).toEqual(openingLines.map(() => openingSeq));
    expect(openingLines.map((j) => j.line)).toEqual(openingLines.map((_, i) => i + 1));
    expect(openingLines.reduce((t, j) => t + j.amount, 0)).toBe(0);
    expect(openingLines.find((j) => j.account === "102")).toMatchObject({ date: "2025-01-01", kind: "opening", amount: 18000000 });
  });

  it("a month of the closed year cannot be reopened; `dues reopen 2025` reverses the carry-forward, and the year closes again", () => {
    expect(() => reopenMonth(ws.ledger, "2025-11", "late invoice", stamp)).toThrow(/YEAR_CLOSED/);
    const r = reopenYear(ws, "2025", "经审会要求更正12月支出", stamp);
    const [e] = ws.ledger.entries({ kinds: ["year-reopen"] });
    expect([e!.seq, e!.reverses, e!.date, e!.memo]).toEqual([r.entry, close.entry, "2025-12-31", "经审会要求更正12月支出"]);
    expect(e!.postings.map((p) => p.amount)).toEqual(ws.ledger.entries({ kinds: ["year-close"] })[0]!.postings.map((p) => -p.amount));
    const bs = balanceReport(ws.ledger, ws.config, "2025-12-31").statement;
    expect(bs.lines.find((l) => l.label.zh.includes("尚未结转"))!.amounts[1]).toBe(close.surplus + 900000);
    reopenMonth(ws.ledger, "2025-12", "late invoice", stamp);
    expect(() => closeYear(ws, "2025", stamp)).toThrow(/YEAR_MONTHS_OPEN/);
  });

  it("verify covers the opening and the closing entries: a closing posting changed with raw SQL is named by its entry", () => {
    expect(ws.ledger.verify().ok).toBe(true);
    const raw = new Database(ws.dbPath);
    for (const tr of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${tr.name}`);
    // 322's carry-forward posting a hundred yuan larger, its counterpart (a spending line) likewise: still balanced.
    raw.prepare("UPDATE postings SET amount = amount - 10000 WHERE entry = ? AND account = '322'").run(close.entry);
    raw.prepare("UPDATE postings SET amount = amount + 10000 WHERE entry = ? AND line = 1").run(close.entry);
    // And an opening line moved to another month (what reconcile would then call due).
    const opening = (raw.prepare("SELECT seq FROM entries WHERE kind = 'opening'").get() as { seq: number }).seq;
    raw.prepare("UPDATE postings SET period = '2024-11' WHERE entry = ? AND account = '13501'").run(opening);
    raw.close();
    const l = Ledger.open(ws.dbPath, { readonly: true });
    const v = l.verify();
    l.close();
    expect(v.ok).toBe(false);
    const changed = v.breaks.filter((b) => b.code === "VERIFY_ENTRY_CHANGED").map((b) => b.seq);
    expect(changed).toContain(close.entry);
    expect(changed).toContain(opening);
    expect(v.firstBroken).toBe(opening);
  });
});
