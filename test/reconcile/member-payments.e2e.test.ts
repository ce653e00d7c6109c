// `dues receive --from member --member ID`: a member paying their own arrears, on a
// cn-2021 chart (13502 会员欠缴会费, 21501 会员多缴会费), through bin/dues: the entry, the
// excess as a member credit, what dues arrears shows after, a void, and every refusal.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dues, tempDir } from "../helpers/cli.js";

// Dues base 6,000.00 → 30.00 a month. B002 has nothing deducted Jan–Apr: 4 months,
// 120.00 owed. A001 is always right.
const PERIODS = ["2026-01", "2026-02", "2026-03", "2026-04"];

describe("a member pays their own arrears", () => {
  const t = tempDir("dues-member-pay-");
  const run = (args: string[]) => dues(args, { cwd: t.dir });
  const json = (args: string[], code = 0) => {
    const r = run([...args, "--json"]);
    expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(code);
    return JSON.parse(r.stdout);
  };

  beforeAll(() => {
    expect(run(["init"]).code).toBe(0);
    for (const p of PERIODS) {
      writeFileSync(join(t.dir, `${p}.csv`), ["工号,姓名,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费", "A001,会员甲,是,在职,6000.00,0,8000.00,30.00", "B002,会员乙,是,在职,6000.00,0,8000.00,0.00"].join("\n") + "\n");
      expect(run(["import", "payroll", `${p}.csv`, "--period", p]).code).toBe(0);
    }
  }, 60_000);
  afterAll(() => t.cleanup());

  it("refuses a missing, unknown or misplaced member id, every problem at once, and writes nothing", () => {
    const before = run(["report", "trial", "--json"]).stdout;
    const cases: [string[], string[]][] = [
      [["receive", "--from", "member", "--amount", "0", "--date", "2026-05-03"], ["PAYMENT_MEMBER_MISSING", "PAYMENT_AMOUNT_NOT_POSITIVE"]],
      [["receive", "--from", "member", "--member", "Z999", "--amount", "30.00", "--date", "2026-05-03"], ["PAYMENT_UNKNOWN_MEMBER"]],
      [["receive", "--from", "employer", "--member", "B002", "--amount", "30.00", "--date", "2026-05-03"], ["PAYMENT_MEMBER_NOT_EXPECTED"]],
    ];
    for (const [args, codes] of cases) {
      const r = run([...args, "--json"]);
      expect(r.code, args.join(" ")).toBe(65);
      expect(JSON.parse(r.stdout).problems.map((p: any) => p.code)).toEqual(codes);
    }
    const zh = run(["receive", "--from", "member", "--member", "Z999", "--amount", "30.00", "--date", "2026-05-03", "--lang", "zh-CN"]);
    expect(zh.stderr).toMatch(/错误\[PAYMENT_UNKNOWN_MEMBER\] Z999 不是账簿中的会员/);
    expect(run(["report", "trial", "--json"]).stdout).toBe(before);
  });

  it("books Dr 102 = Cr 13502 with the member, and dues arrears no longer lists a member paid up", () => {
    expect(json(["arrears"], 1).members.map((m: any) => [m.member, m.months, m.shortfall])).toEqual([["B002", 4, "120.00"]]);
    const r = json(["receive", "--from", "member", "--member", "B002", "--amount", "60.00", "--date", "2026-05-03", "--ref", "收据0101"]);
    expect(r).toMatchObject({ party: "member", member: "B002", amount: "60.00", credit: "0.00", ref: "收据0101" });
    expect(r.postings).toEqual([{ account: "102", body: null, amount: "60.00" }, { account: "13502", body: null, member: "B002", amount: "-60.00" }]);
    // Jan and Feb settled (oldest first): Mar–Apr left, 2 months, below the 3 reported.
    // (exit 1 still: the employer has not paid.)
    expect(json(["arrears"], 1).members).toEqual([]);
    const human = run(["receive", "--from", "member", "--member", "B002", "--amount", "80.00", "--date", "2026-05-04", "--lang", "zh-CN"]);
    expect(human.code, human.stderr).toBe(0);
    // 60.00 still owed; 20.00 beyond it is the member's credit (21501).
    expect(human.stdout).toMatch(/13502@B002\s+60\.00/);
    expect(human.stdout).toMatch(/21501@B002\s+20\.00/);
    expect(human.stdout).toMatch(/记为会员多缴/);
  });

  it("lists the member again when the payments are voided", () => {
    const batches = json(["report", "journal"]).entries.filter((e: any) => e.kind === "receive").map((e: any) => e.batch);
    expect(batches).toHaveLength(2);
    for (const b of batches) expect(run(["void", String(b), "--reason", "check bounced"]).code).toBe(0);
    expect(json(["arrears"], 1).members.map((m: any) => [m.member, m.months, m.shortfall])).toEqual([["B002", 4, "120.00"]]);
    expect(run(["verify"]).code).toBe(0);
  });
});
