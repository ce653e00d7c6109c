// End to end through bin/dues: record, report journal|trial, close/reopen, void, verify
// and backup, as a treasurer types them, asserting exit codes, output and the ledger's
// contents afterwards. Needs the compiled build (`npm test` builds first).
import Database from "better-sqlite3";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHART_IDS, chartOf, isPostable } from "../../src/domain/chart.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { dues, ROOT, tempDir } from "../helpers/cli.js";

let t: { dir: string; cleanup: () => void };
const run = (args: string[], env: Record<string, string> = {}) => dues(args, { cwd: t.dir, env });
const json = (args: string[]) => {
  const r = run([...args, "--json"]);
  let body: any;
  try {
    body = JSON.parse(r.stdout);
  } catch {
    throw new Error(`dues ${args.join(" ")} --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, body, stderr: r.stderr };
};
/** Runs a command that must succeed; shows its stderr when it does not. */
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.stderr + `(exit ${r.code})`).toBe(r.stderr + "(exit 0)");
  return r;
};
const problemCodes = (args: string[]) => {
  const r = json(args);
  return { code: r.code, codes: (r.body.problems as { code: string }[]).map((p) => p.code).sort() };
};
const look = <T>(fn: (l: Ledger) => T): T => {
  const l = Ledger.open(join(t.dir, "dues.db"));
  try {
    return fn(l);
  } finally {
    l.close();
  }
};

beforeEach(() => {
  t = tempDir("dues-ledger-cli-");
  // A ledger alone, as an auditor might receive it: no dues.yaml beside it.
  Ledger.create(join(t.dir, "dues.db"), { chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: "2026-11-01T00:00:00.000Z" }).close();
});
afterEach(() => t.cleanup());

describe("dues record", () => {
  it("books a balanced entry; the journal and trial balance show it with string amounts", () => {
    const r = json(["record", "--date", "2026-10-20", "--memo", "职工篮球赛", "--ref", "V-0012", "50102=3250.50", "102=-3250.50"]);
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ entry: 1, batch: 1, period: "2026-10", memo: "职工篮球赛", ref: "V-0012" });
    expect(r.body.postings.map((p: { account: string; amount: string }) => [p.account, p.amount])).toEqual([["50102", "3250.50"], ["102", "-3250.50"]]);

    const j = json(["report", "journal", "--period", "2026-10"]);
    expect(j.code).toBe(0);
    expect(j.body.entries).toHaveLength(1);
    expect(j.body.entries[0]).toMatchObject({ seq: 1, date: "2026-10-20", memo: "职工篮球赛", voided: false });
    expect(j.body.totals).toEqual({ debit: "3250.50", credit: "3250.50" });

    const tb = json(["report", "trial", "--year", "2026"]);
    expect(tb.code).toBe(0);
    expect(tb.body.balanced).toBe(true);
    expect(tb.body.rows.map((x: { account: string; closing: string }) => [x.account, x.closing])).toEqual([["102", "-3250.50"], ["50102", "3250.50"]]);

    const human = run(["report", "trial", "--period", "2026-10"]);
    expect(human.stdout).toContain("3,250.50 Dr");
    expect(human.stdout).toContain("3,250.50 Cr");
    expect(run(["report", "journal"]).stdout).toContain("职工篮球赛");
  });

  it("refuses an unbalanced entry (65) and writes nothing", () => {
    expect(problemCodes(["record", "--date", "2026-10-20", "--memo", "x", "50102=100.00", "102=-99.99"])).toEqual({ code: 65, codes: ["RECORD_UNBALANCED"] });
    expect(look((l) => [l.head(), l.batches().length])).toEqual([null, 0]);
  });

  it("reports every mistake at once: date, memo, account, amount, parent account, body", () => {
    const r = problemCodes(["record", "--date", "2026-02-30", "--memo", " ", "999=1", "501=2", "211=3", "102:city=4", "50102=1.234", "nonsense", "408=0"]);
    expect(r.code).toBe(65);
    expect(r.codes).toEqual([
      "LEDGER_BODY_NOT_ALLOWED", "LEDGER_BODY_REQUIRED", "LEDGER_NOT_A_LEAF", "LEDGER_UNKNOWN_ACCOUNT", "LEDGER_ZERO_POSTING",
      "RECORD_AMOUNT_UNREADABLE", "RECORD_BAD_DATE", "RECORD_BAD_POSTING", "RECORD_EMPTY_MEMO",
    ]);
    expect(problemCodes(["record", "--date", "2026-10-20", "--memo", "x", "50102=1"])).toEqual({ code: 65, codes: ["RECORD_TOO_FEW_POSTINGS"] });
  });

  it("LEDGER_UNKNOWN_ACCOUNT's hint lists postable leaves (50102, not 501), briefly, and docs/ledger.md lists them all", () => {
    const hintOf = (account: string) => (json(["record", "--date", "2026-10-20", "--memo", "x", `${account}=1`, "102=-1"]).body.problems as { code: string; hint: string }[])
      .find((p) => p.code === "LEDGER_UNKNOWN_ACCOUNT")!.hint;
    // No account starts with 9: the first ten postable accounts of the chart, and where to find the rest.
    expect(hintOf("999")).toBe("postable accounts: 101, 102, 131, 13501, 13502, 13509, 141, 162, 163, 182, … (34 more; docs/ledger.md lists all)");
    // Same first digit: the spending leaves, never the top-level 501.
    const five = hintOf("5999");
    expect(five).toMatch(/^postable accounts starting with 5: 50101, 50102, /);
    expect(five).not.toMatch(/\b501,/);
    const doc = readFileSync(join(ROOT, "docs", "ledger.md"), "utf8");
    for (const id of CHART_IDS) {
      const leaves = chartOf(id).accounts.filter((a) => isPostable(id, a.code)).map((a) => a.code).join(" ");
      expect(doc).toContain(`- ${id}: ${leaves}\n`);
    }
  });

  it("checks bodies against dues.yaml when there is one", () => {
    t.cleanup();
    t = tempDir("dues-ledger-cli-");
    ok(["init", "--template", "cn-base"]);
    expect(problemCodes(["record", "--date", "2026-10-20", "--memo", "x", "211:nowhere=100", "102=-100"])).toEqual({ code: 65, codes: ["LEDGER_UNKNOWN_BODY"] });
    ok(["record", "--date", "2026-10-20", "--memo", "remit to city", "211:city=100", "102=-100"]);
  });

  it("without a ledger: 66 with a hint to run dues init", () => {
    const r = run(["record", "--db", "elsewhere.db", "--date", "2026-10-20", "--memo", "x", "50102=1", "102=-1"]);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain("LEDGER_MISSING");
    expect(r.stderr).toContain("dues init");
    expect(existsSync(join(t.dir, "elsewhere.db"))).toBe(false);
  });
});

describe("dues close / reopen", () => {
  it("a closed month refuses entries with 73 until it is reopened with a reason", () => {
    ok(["record", "--date", "2026-10-05", "--memo", "a", "50102=10", "102=-10"]);
    const c = json(["close", "2026-10"]);
    expect(c.code).toBe(0);
    const head1 = look((l) => l.entries()[0]!.hash);
    expect(c.body).toMatchObject({ period: "2026-10", action: "close", head: { seq: 1, hash: head1 } });

    expect(problemCodes(["record", "--date", "2026-10-30", "--memo", "late", "50102=10", "102=-10"])).toEqual({ code: 73, codes: ["LEDGER_PERIOD_CLOSED"] });
    expect(problemCodes(["close", "2026-10"])).toEqual({ code: 65, codes: ["LEDGER_ALREADY_CLOSED"] });
    expect(problemCodes(["reopen", "2026-10", "--reason", "  "])).toEqual({ code: 64, codes: ["REOPEN_NO_REASON"] });
    expect(problemCodes(["reopen", "2026-09", "--reason", "x"])).toEqual({ code: 65, codes: ["LEDGER_NOT_CLOSED"] });
    const hints = (args: string[]) => (json(args).body.problems as { hint: string | null }[]).map((p) => p.hint);
    expect(hints(["reopen", "2026-09", "--reason", "x"])).toEqual(["2026-09 already takes entries. Closed months: 2026-10; reopen one with `dues reopen 2026-10 --reason TEXT`"]);
    expect(hints(["close", "2026-10"])).toEqual(["nothing to do; to change 2026-10, reopen it with a reason: `dues reopen 2026-10 --reason TEXT`"]);
    // The message no longer repeats what the summary line under it says.
    const late = run(["record", "--date", "2026-10-30", "--memo", "late", "50102=10", "102=-10"]);
    expect(late.stderr.match(/nothing was written/g)).toHaveLength(1);
    expect(late.stderr).toContain("error[LEDGER_PERIOD_CLOSED] 2026-10 is closed\n");

    ok(["reopen", "2026-10", "--reason", "late invoice"]);
    ok(["record", "--date", "2026-10-30", "--memo", "late", "50102=10", "102=-10"]);
    expect(look((l) => l.entries({ kinds: ["close", "reopen"] }).map((e) => [e.kind, e.memo]))).toEqual([["close", "close 2026-10"], ["reopen", "late invoice"]]);
  });

  it("reopening when no month is closed says so (LEDGER_NOT_CLOSED)", () => {
    const r = json(["reopen", "2026-09", "--reason", "x"]);
    expect(r.code).toBe(65);
    expect(r.body.problems[0]).toMatchObject({ code: "LEDGER_NOT_CLOSED", hint: "no month is closed, so there is nothing to reopen; 2026-09 already takes entries (`dues close YYYY-MM` seals a month)" });
  });

  it("refuses a malformed month (64) and a month that has not begun (65)", () => {
    expect(problemCodes(["close", "2026-13"])).toEqual({ code: 64, codes: ["CLOSE_BAD_PERIOD"] });
    expect(problemCodes(["close", "2031-01"])).toEqual({ code: 65, codes: ["CLOSE_FUTURE_PERIOD"] });
  });
});

describe("dues void", () => {
  it("reverses a batch once; the journal marks it voided and the month nets to zero", () => {
    ok(["record", "--date", "2026-10-05", "--memo", "subsidy", "102=5000", "403=-5000"]);
    const v = json(["void", "1", "--reason", "entered twice"]);
    expect(v.code).toBe(0);
    expect(v.body).toMatchObject({ batch: 1, voidBatch: 2, entries: [2], reason: "entered twice" });
    expect(problemCodes(["void", "1", "--reason", "again"])).toEqual({ code: 65, codes: ["LEDGER_ALREADY_VOIDED"] });
    expect(json(["void", "1", "--reason", "again"]).body.problems[0].hint).toBe("void batch 2 (\"entered twice\") already reverses it; nothing is left to void. See both with `dues report journal`, then record or import the correct entries");
    expect(problemCodes(["void", "one", "--reason", "x"])).toEqual({ code: 64, codes: ["VOID_BAD_BATCH"] });
    expect(problemCodes(["void", "1", "--reason", ""])).toEqual({ code: 64, codes: ["VOID_NO_REASON"] });

    const j = json(["report", "journal"]);
    expect(j.body.entries.map((e: { seq: number; kind: string; voided: boolean; reverses: number | null }) => [e.seq, e.kind, e.voided, e.reverses])).toEqual([[1, "record", true, null], [2, "void", false, 1]]);
    const tb = json(["report", "trial", "--period", "2026-10"]);
    expect(tb.body.rows.map((r: { account: string; closing: string }) => [r.account, r.closing])).toEqual([["102", "0.00"], ["403", "0.00"]]);
  });
});

describe("dues verify", () => {
  it("exit 0 on intact books; after a raw SQL edit behind the tool's back, exit 1 naming the first broken entry", () => {
    for (const [d, amt] of [["2026-10-05", "10"], ["2026-10-06", "20"], ["2026-10-07", "30"]] as const) {
      ok(["record", "--date", d, "--memo", `m${d}`, `50102=${amt}`, `102=-${amt}`]);
    }
    const intact = run(["verify"]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain("3 entries");

    const raw = new Database(join(t.dir, "dues.db"));
    for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
    raw.exec("UPDATE postings SET amount = amount * 10 WHERE entry = 2");
    raw.close();

    const bad = run(["verify"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("#2");
    const j = json(["verify"]);
    expect(j.code).toBe(1);
    expect(j.body.ok).toBe(false);
    expect(j.body.firstBroken).toBe(2);
    expect(run(["verify", "--lang", "zh-CN"]).stdout).toContain("第一个被破坏的分录：#2");
  });

  it("--head says whether a kept chain head is still in the chain", () => {
    ok(["record", "--date", "2026-10-05", "--memo", "a", "50102=10", "102=-10"]);
    const head = look((l) => l.head()!.hash);
    ok(["record", "--date", "2026-10-06", "--memo", "b", "50102=10", "102=-10"]);
    const found = json(["verify", "--head", head]);
    expect(found.code).toBe(0);
    expect(found.body.headCheck).toEqual({ hash: head, found: true, seq: 1, after: 1 });
    const missing = json(["verify", "--head", "0".repeat(64)]);
    expect(missing.code).toBe(1);
    expect(missing.body.headCheck.found).toBe(false);
  });
});

describe("dues backup", () => {
  it("writes a copy that verifies on its own, and never overwrites", () => {
    ok(["record", "--date", "2026-10-05", "--memo", "a", "50102=10", "102=-10"]);
    const b = json(["backup", "copy.db"]);
    expect(b.code).toBe(0);
    expect(b.body.head.seq).toBe(1);
    ok(["verify", "--db", "copy.db"]);
    expect(problemCodes(["backup", "copy.db"])).toEqual({ code: 73, codes: ["BACKUP_EXISTS"] });
    expect(problemCodes(["backup", "no/such/folder/copy.db"])).toEqual({ code: 73, codes: ["BACKUP_CANNOT_WRITE"] });
  });
});

describe("dues report flags", () => {
  it("refuses --period with --year, and malformed values (64)", () => {
    expect(problemCodes(["report", "journal", "--period", "2026-10", "--year", "2026"])).toEqual({ code: 64, codes: ["REPORT_PERIOD_AND_YEAR"] });
    expect(problemCodes(["report", "trial", "--period", "2026-1"])).toEqual({ code: 64, codes: ["REPORT_BAD_PERIOD"] });
    expect(problemCodes(["report", "trial", "--year", "26"])).toEqual({ code: 64, codes: ["REPORT_BAD_YEAR"] });
  });
});
