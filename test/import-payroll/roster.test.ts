// membership: roster: the roster decides who is a member for each month (joined by the
// month's last day, not left before its first), and a bad roster changes nothing.
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, makeUnion, type Union } from "./fixtures.js";

let u: Union | undefined;
afterEach(() => { u?.cleanup(); u = undefined; });

const ROSTER_CONFIG = CONFIG.replace("membership: column", "membership: roster");
// No member column: the roster says who is a member.
const PAYROLL = ["工号,姓名,部门,会员状态,基本工资,岗位工资,应发工资,工会会费",
  "001,张三,生产部,,4000,0,5000,20.00",
  "002,李四,生产部,,4000,0,5000,20.00",
  "003,王五,办公室,,4000,0,5000,0",
  "004,赵六,办公室,,4000,0,5000,0",
].join("\n") + "\n";
const ROSTER = ["工号,姓名,会员状态,入会日期,离会日期",
  "001,张三,,2020-01-01,",
  "002,李四,,2026/10/31,", // joined on October's last day: a member for October
  "003,王五,退休,2019-05-01,", // retired: a member, exempt
  "004,赵六,,2018-01-01,2026-09-30", // left before October
].join("\n") + "\n";

describe("membership: roster", () => {
  it("counts the roster's members for the month, with the roster's status where the payroll has none", () => {
    u = makeUnion({ "roster.csv": ROSTER, "oct.csv": PAYROLL });
    writeFileSync(`${u.dir}/dues.yaml`, ROSTER_CONFIG);
    const refused = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(refused.code).toBe(65);
    expect(JSON.parse(refused.stdout).problems[0].code).toBe("IMPORT_ROSTER_EMPTY");

    const r = u.run(["members", "import", "roster.csv", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ members: 4, left: 1, updated: 0 });

    const j = JSON.parse(u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]).stdout);
    // Members 001, 002, 003 (exempt); 004 left in September. Dues 20.00 + 20.00.
    expect([j.members, j.exempt, j.totals.dues]).toEqual([3, 1, "40.00"]);
    const lines = u.look((l) => [...l.memberLines({ period: "2026-10" })].map((x) => [x.memberId, x.isMember, x.status, x.dues]));
    expect(lines).toEqual([["001", true, "active", 2000], ["002", true, "active", 2000], ["003", true, "退休", 0], ["004", false, "active", 0]]);

    // September: 002 had not joined yet; 004 was still a member (left on its last day).
    const sep = JSON.parse(u.run(["import", "payroll", "oct.csv", "--period", "2026-09", "--json"]).stdout);
    expect([sep.members, sep.totals.dues]).toEqual([3, "40.00"]);
    const sepLines = u.look((l) => [...l.memberLines({ period: "2026-09" })].filter((x) => x.isMember).map((x) => x.memberId));
    expect(sepLines).toEqual(["001", "003", "004"]);
  });

  it("refuses a roster with bad rows, every problem at once, and keeps nothing of it", () => {
    u = makeUnion({ "bad.csv": ["工号,姓名,入会日期,离会日期", "001,张三,2026-13-01,", "001,重复,,", ",无号,,", "002,李四,2026-05-01,2026-04-01"].join("\n") + "\n" });
    const r = u.run(["members", "import", "bad.csv", "--json"]);
    expect(r.code).toBe(65);
    const codes = JSON.parse(r.stdout).problems.map((p: { code: string; line: number }) => `${p.code}@${p.line}`);
    expect(codes.sort()).toEqual(["ROSTER_DATE_UNREADABLE@2", "ROSTER_DUPLICATE_ID@3", "ROSTER_LEFT_BEFORE_JOINED@5", "ROSTER_MISSING_ID@4"]);
    expect(u.look((l) => l.members().length)).toBe(0);
  });
});
