// PAYROLL_NEGATIVE_COMPONENT (issue 12): a base summed from several columns, one of them
// below zero while the sum is not, is imported with a warning naming the line, the column
// and the value, on stderr and in --json warnings; a column the source declares under
// allow_negative (a 扣款 adjustment) stays quiet. A negative sum stays an error.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, HEADER, makeUnion, type Union } from "./fixtures.js";

let u: Union | undefined;
afterEach(() => { u?.cleanup(); u = undefined; });

const FILE = [HEADER,
  "001,张三,生产部,是,在职,5000.00,1789.45,9000.00,33.90",
  "002,李四,生产部,是,在职,-100.00,\"1,000.00\",900.00,4.50", // 基本工资 −100.00 + 岗位工资 1,000.00 = 900.00
].join("\n") + "\n";

describe("a negative wage component", () => {
  it("is imported with PAYROLL_NEGATIVE_COMPONENT naming line, column and value (summary and --json)", () => {
    u = makeUnion({ "neg.csv": FILE });
    const r = u.run(["import", "payroll", "neg.csv", "--period", "2026-10"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/neg\.csv:3:\d+: warning\[PAYROLL_NEGATIVE_COMPONENT\][^\n]*基本工资[^\n]*-100\.00/);
    expect(r.stdout).toContain("1 warning (on stderr)");
    const lines = u.look((l) => [...l.memberLines({ period: "2026-10" })]);
    expect(lines.find((x) => x.memberId === "002")!.duesBase).toBe(90000);

    const j = JSON.parse(u.run(["import", "payroll", "neg.csv", "--period", "2026-10", "--replace", "--dry-run", "--json"]).stdout);
    const w = j.warnings.filter((p: { code: string }) => p.code === "PAYROLL_NEGATIVE_COMPONENT");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: "PAYROLL_NEGATIVE_COMPONENT", severity: "warning", file: "neg.csv", line: 3, column: 17 });
    expect(w[0].message).toBe("基本工资 is -100.00 in the dues base (基本工资 + 岗位工资 = 900.00); the sum is used");
  });

  it("is quiet for a column declared under sources.<name>.allow_negative", () => {
    const config = CONFIG.replace("      funds: [应发工资]\n", "      funds: [应发工资]\n    allow_negative: [基本工资]\n");
    u = makeUnion({ "dues.yaml": config, "neg.csv": FILE });
    const r = u.run(["import", "payroll", "neg.csv", "--period", "2026-10", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings.map((p: { code: string }) => p.code)).not.toContain("PAYROLL_NEGATIVE_COMPONENT");
  });

  it("allow_negative names base columns only (CONFIG_BASE_COLUMNS)", () => {
    const config = CONFIG.replace("      funds: [应发工资]\n", "      funds: [应发工资]\n    allow_negative: [扣款]\n");
    expect(() => makeUnion({ "dues.yaml": config })).toThrow(/CONFIG_BASE_COLUMNS[^\n]*allow_negative[^\n]*扣款/);
  });
});
