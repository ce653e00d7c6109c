// One case per refusal the payroll import and `dues members` can give that the main
// tests do not already show: each names its code, exit status, and writes nothing.
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, HEADER, OCTOBER, makeUnion, type Union } from "./fixtures.js";

let u: Union | undefined;
afterEach(() => { u?.cleanup(); u = undefined; });

const codesOf = (stdout: string) => JSON.parse(stdout).problems.map((p: { code: string }) => p.code);
const nothingWritten = (u: Union) => expect(u.look((l) => [l.head(), l.batches().length])).toEqual([null, 0]);

describe("payroll import refusals", () => {
  it("IMPORT_PERIOD_INVALID: a period that is not YYYY-MM is a usage error (64)", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-13", "--json"]);
    expect([r.code, codesOf(r.stdout)]).toEqual([64, ["IMPORT_PERIOD_INVALID"]]);
    nothingWritten(u);
  });

  it("IMPORT_UNKNOWN_SOURCE and IMPORT_NO_SCHEME are reported together (65)", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2020-01", "--source", "nope", "--json"]);
    expect(r.code).toBe(65);
    expect(codesOf(r.stdout)).toEqual(["IMPORT_UNKNOWN_SOURCE", "IMPORT_NO_SCHEME"]);
    nothingWritten(u);
  });

  it("IMPORT_BASE_NOT_IN_SOURCE: the scheme's funds base is not defined by the chosen source", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    writeFileSync(`${u.dir}/dues.yaml`, CONFIG.replace("membership: column", `  hr:
    encoding: auto
    delimiter: auto
    decimal_mark: "."
    columns: { employee_id: [工号], name: [姓名] }
    bases:
      dues: [基本工资]
membership: column`));
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--source", "hr", "--json"]);
    expect(r.code).toBe(65);
    expect(codesOf(r.stdout)).toEqual(["IMPORT_BASE_NOT_IN_SOURCE"]);
    nothingWritten(u);
  });

  it("IMPORT_NOTHING_TO_BOOK: a payroll of zeros is refused, not booked as an empty month", () => {
    u = makeUnion({ "zero.csv": [HEADER, "001,张三,生产部,是,在职,0,0,0,0"].join("\n") + "\n" });
    const r = u.run(["import", "payroll", "zero.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(65);
    expect(codesOf(r.stdout)).toContain("IMPORT_NOTHING_TO_BOOK");
    nothingWritten(u);
  });

  it("IMPORT_MEMBER_COLUMN_MISSING: membership: column and a file without the column is one problem, not one per row", () => {
    const noMember = ["工号,姓名,部门,会员状态,基本工资,岗位工资,应发工资,工会会费", "001,张三,生产部,在职,5000,0,5000,25", "002,李四,生产部,在职,5000,0,5000,25"].join("\n") + "\n";
    u = makeUnion({ "nm.csv": noMember });
    const r = u.run(["import", "payroll", "nm.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(65);
    expect(codesOf(r.stdout)).toEqual(["IMPORT_MEMBER_COLUMN_MISSING"]);
    nothingWritten(u);
  });

  it("a missing file is 66 and writes nothing", () => {
    u = makeUnion({});
    const r = u.run(["import", "payroll", "nowhere.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(66);
    nothingWritten(u);
  });
});

describe("payroll import sources", () => {
  it("uses the only source there is when dues.yaml has no `default` and --source is not given", () => {
    u = makeUnion({ "oct.csv": OCTOBER });
    writeFileSync(`${u.dir}/dues.yaml`, CONFIG.replace("sources:\n  default:", "sources:\n  sap:"));
    const r = u.run(["import", "payroll", "oct.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).source).toBe("sap");
  });
});

describe("members refusals", () => {
  it("MEMBERS_UNKNOWN: show for an id not in the register (65)", () => {
    u = makeUnion({});
    const r = u.run(["members", "show", "999", "--json"]);
    expect([r.code, codesOf(r.stdout)]).toEqual([65, ["MEMBERS_UNKNOWN"]]);
  });

  it("ROSTER_NO_MEMBERS: a roster with a header and no members (65)", () => {
    u = makeUnion({ "r.csv": "工号,姓名,入会日期\n" });
    const r = u.run(["members", "import", "r.csv", "--json"]);
    expect([r.code, codesOf(r.stdout)]).toEqual([65, ["ROSTER_NO_MEMBERS"]]);
  });
});
