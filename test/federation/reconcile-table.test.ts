// The terminal table of reconcile --affiliates (arrears --affiliates uses the same columns) on an 80-column screen: names
// may be shortened to fit, ids never (two affiliates whose ids shared a shortened prefix,
// u0000…, could not be told apart).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dues, tempDir, writeFiles } from "../helpers/cli.js";

let t: { dir: string; cleanup: () => void };
const run = (...args: string[]) => dues([...args, "--lang", "en"], { cwd: t.dir });
const LONG = "第一机械制造集团有限责任公司基层工会委员会";

beforeAll(() => {
  t = tempDir("dues-fed-table-");
  expect(run("init", "--template", "cn-county").code).toBe(0);
  writeFiles(t.dir, { "aff.csv": `工会标识,工会名称,代收模式,工资总额\nu00000,${LONG}甲,工会收缴,1000000.00\nu00001,${LONG}乙,工会收缴,800000.00\n` });
  expect(run("affiliates", "import", "aff.csv").code).toBe(0);
});
afterAll(() => t.cleanup());

describe("affiliates in the reconcile table", () => {
  it("every affiliate's id is shown whole, with the name beside it shortened to fit", () => {
    const r = run("reconcile", "--affiliates", "--from", "2026-01", "--to", "2026-03", "--as-of", "2026-09-15");
    expect(r.code).toBe(1);
    for (const id of ["u00000", "u00001"]) expect(r.stdout).toMatch(new RegExp(`^${id} `, "m"));
    expect(r.stdout).not.toContain("u0000…");
  });
});
