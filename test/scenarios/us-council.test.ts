// Scenario: a US district council receiving per-capita tax from a local (fixtures/scenarios/
// us-local, given a union.id), both kept with `dues`. The local imports January, exports
// its advice and pays the council; the council imports the advice (only the lines the
// local owes `council`: federation.receives), passes 10% on to the International, and its
// reconcile --affiliates agrees with the local's own reconcile for the council.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/app/templates/index.js";
import { writeFiles } from "../helpers/cli.js";
import { scenario, trialByAccount, type Scenario } from "./helpers.js";

describe("a US council and one of its locals", () => {
  let local: Scenario;
  let council: Scenario;
  let imp: any;

  beforeAll(() => {
    local = scenario("us-local");
    const yaml = readFileSync(join(local.dir, "dues.yaml"), "utf8").replace("chart: generic }", "chart: generic, id: local-512 }");
    writeFileSync(join(local.dir, "dues.yaml"), yaml);
    expect(local.run(["init"]).code).toBe(0);
    imp = local.json(["import", "payroll", "payroll-2026-01.csv", "--period", "2026-01"]);
    local.json(["remit", "--to", "council", "--amount", imp.shares.find((s: any) => s.to === "council").amount, "--date", "2026-02-12", "--period", "2026-01", "--ref", "ck 1001"]);
    expect(local.run(["export", "return", "--period", "2026-01", "--as-of", "2026-03-01", "-o", "advice.json"]).code).toBe(0);
    council = scenario();
    writeFiles(council.dir, {
      "dues.yaml": TEMPLATES["us-council"],
      "locals.csv": "Local ID,Local Name,Employer,EIN\nlocal-512,Example Local 512,City Hospital,12-3456789\n",
      "advice.json": readFileSync(join(local.dir, "advice.json")),
    });
    expect(council.run(["init"]).code).toBe(0);
    council.json(["affiliates", "import", "locals.csv"]);
  });
  afterAll(() => {
    local?.cleanup();
    council?.cleanup();
  });

  it("books only the council's per-capita: Dr 1240 = Cr 4050 (90%) + Cr 2110:intl (10%)", () => {
    const owed = imp.shares.find((s: any) => s.to === "council").amount; // 4.00 × paying members
    const r = council.json(["import", "advice", "advice.json"]);
    expect(r.advices[0].months[0]).toMatchObject({ period: "2026-01", expected: owed, booked: owed, status: "new" });
    const t = trialByAccount(council.json(["report", "trial"]));
    expect(t["1240:local-512"]!.debit).toBe(owed);
    const cents = Number(owed.replace(".", ""));
    // ROUNDING (test side, integers): 10% of a whole number of dollars is exact to the cent.
    expect(Number(t["2110:intl"]!.credit.replace(".", ""))).toBe(cents / 10);
    expect(Number(t["4050"]!.credit.replace(".", ""))).toBe(cents - cents / 10);
  });

  it("the local's check is received and the council's reconcile agrees with the local's own for the council", () => {
    const owed = imp.shares.find((s: any) => s.to === "council").amount;
    council.json(["receive", "--from", "local-512", "--amount", owed, "--date", "2026-02-12", "--ref", "ck 1001"]);
    const ours = council.json(["reconcile", "--affiliates", "--as-of", "2026-03-01"]);
    const theirs = local.json(["reconcile", "--body", "council", "--as-of", "2026-03-01"]);
    // February has ended and no advice has come: the council sees it (not yet due on 03-01).
    expect(ours.rows.at(-1)).toMatchObject({ period: "2026-02", source: "none", status: "no-advice", notYetDue: true });
    expect(ours.rows.filter((r: any) => r.source !== "none").map((r: any) => [r.period, r.expected, r.received, r.outstanding, r.status])).toEqual(theirs.rows.map((r: any) => [r.period, r.due, r.paid, r.outstanding, r.status]));
    expect(ours.settled).toBe(true);
    // A US local's own reports are unchanged by the federation accounts of the generic chart.
    const income = local.json(["report", "income", "--period", "2026-01"]);
    expect(income.lines.map((l: any) => l.code)).not.toContain("4050");
    expect(council.json(["report", "income", "--period", "2026-01"]).lines.map((l: any) => l.code)).toContain("4050");
  });
});
