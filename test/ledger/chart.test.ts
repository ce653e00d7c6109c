// The charts of accounts: the 2021 工会会计制度 codes DOMAIN.md lists, the county extras,
// and roles that land on accounts of the right kind, so an import can never book an
// upward share as income or spending by a wrong code.
import { describe, expect, it } from "vitest";
import { accountFor, CHART_IDS, chartOf, childrenOf, findAccount, isPostable, normalBalance, ROLES, spendingAccounts, topLevelOf, type Role } from "../../src/domain/chart.js";

// From DOMAIN.md, typed by hand.
const CN_BASE_CODES = [
  "101", "102", "131", "135", "141", "162", "163", "182", "211", "215", "301", "321", "322", "401", "402", "403", "405", "408",
  "501", "50101", "50102", "50103", "50104", "50105", "50106", "503", "50301", "50302", "50303", "50304", "50305",
  "504", "50401", "50402", "50403", "50404", "50405", "50406", "505", "50501", "50502", "50503", "50504", "507", "510",
];
const COUNTY_EXTRA = ["212", "404", "406", "502", "506", "508"];

const ROLE_KIND: Record<Role, [kind: string, normal: string]> = {
  bank: ["asset", "debit"], cash: ["asset", "debit"], "employer-receivable": ["asset", "debit"], "upstream-receivable": ["asset", "debit"],
  "member-arrears": ["asset", "debit"], "payable-upstream": ["liability", "credit"], "member-credits": ["liability", "credit"],
  "dues-income": ["income", "credit"], "funds-income": ["income", "credit"], "other-income": ["income", "credit"],
  "subsidy-income": ["income", "credit"], "net-assets": ["net-assets", "credit"], "carried-forward": ["net-assets", "credit"],
};

describe("charts of accounts", () => {
  it("cn-2021-base has every account DOMAIN.md lists, and none of the county-level ones", () => {
    for (const code of CN_BASE_CODES) expect(findAccount("cn-2021-base", code), code).toBeDefined();
    for (const code of COUNTY_EXTRA) expect(findAccount("cn-2021-base", code), code).toBeUndefined();
    expect(findAccount("cn-2021-base", "211")!.name.zh).toBe("应付上级经费");
    expect(findAccount("cn-2021-base", "402")!.name.zh).toBe("拨缴经费收入");
  });

  it("cn-2021-county adds 212, 404, 406, 502, 506, 508 to the base chart", () => {
    for (const code of [...CN_BASE_CODES, ...COUNTY_EXTRA]) expect(findAccount("cn-2021-county", code), code).toBeDefined();
    expect(findAccount("cn-2021-county", "212")!.takesBody).toBe(true);
  });

  it.each(CHART_IDS)("%s: codes are unique, sub-accounts share their parent's kind, every name is bilingual", (id) => {
    const accounts = chartOf(id).accounts;
    expect(new Set(accounts.map((a) => a.code)).size).toBe(accounts.length);
    for (const a of accounts) {
      if (a.parent) expect(findAccount(id, a.parent)!.kind, a.code).toBe(a.kind);
      expect(a.name.en.length).toBeGreaterThan(0);
      expect(a.name.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(CHART_IDS)("%s: every role books to a postable account of the right kind and side", (id) => {
    for (const role of ROLES) {
      const code = accountFor(id, role);
      const acc = findAccount(id, code)!;
      expect(isPostable(id, code), `${role} → ${code}`).toBe(true);
      expect([acc.kind, acc.normal], `${role} → ${code}`).toEqual(ROLE_KIND[role]);
    }
    // Upward shares are owed per body; nothing else takes one.
    expect(findAccount(id, accountFor(id, "payable-upstream"))!.takesBody).toBe(true);
    expect(findAccount(id, accountFor(id, "bank"))!.takesBody).toBeFalsy();
  });

  it("CN roles: bank 102, payable 211, dues 401, funds 402; check-off arrears and credits under 135 and 215", () => {
    expect(accountFor("cn-2021-base", "bank")).toBe("102");
    expect(accountFor("cn-2021-base", "payable-upstream")).toBe("211");
    expect(accountFor("cn-2021-base", "dues-income")).toBe("401");
    expect(accountFor("cn-2021-base", "funds-income")).toBe("402");
    expect(accountFor("cn-2021-base", "upstream-receivable")).toBe("131");
    expect(topLevelOf("cn-2021-base", accountFor("cn-2021-base", "employer-receivable"))).toBe("135");
    expect(topLevelOf("cn-2021-base", accountFor("cn-2021-base", "member-arrears"))).toBe("135");
    expect(topLevelOf("cn-2021-base", accountFor("cn-2021-base", "member-credits"))).toBe("215");
    expect(accountFor("cn-2021-base", "member-arrears")).not.toBe(accountFor("cn-2021-base", "employer-receivable"));
  });

  it("spending accounts are the expense leaves: 50102 yes, 501 (a parent) no, 507 yes", () => {
    const codes = spendingAccounts("cn-2021-base").map((a) => a.code);
    expect(codes).toContain("50102");
    expect(codes).toContain("507");
    expect(codes).not.toContain("501");
    expect(childrenOf("cn-2021-base", "504").map((a) => a.code)).toEqual(["50401", "50402", "50403", "50404", "50405", "50406"]);
  });

  it("a credit-normal account shows a credit balance as positive", () => {
    expect(normalBalance(findAccount("cn-2021-base", "401")!, -500)).toBe(500);
    expect(normalBalance(findAccount("cn-2021-base", "102")!, -500)).toBe(-500);
  });
});

describe("federation roles (cn-2021-county and generic; none on cn-2021-base)", () => {
  it("county: 132 应收下级经费 and 212 应付下级经费 take an affiliate, own share to 402, 筹备金 held in 21503", async () => {
    const { federationAccountFor, FEDERATION_ROLES, isFederationChart } = await import("../../src/domain/chart.js");
    expect(federationAccountFor("cn-2021-county", "affiliate-receivable")).toBe("132");
    expect(findAccount("cn-2021-county", "132")).toMatchObject({ kind: "asset", normal: "debit", takesBody: true });
    expect(federationAccountFor("cn-2021-county", "affiliate-payable")).toBe("212");
    expect(federationAccountFor("cn-2021-county", "affiliate-income")).toBe("402");
    expect(topLevelOf("cn-2021-county", federationAccountFor("cn-2021-county", "preparatory-payable")!)).toBe("215");
    expect(findAccount("cn-2021-base", "132")).toBeUndefined();
    expect(isFederationChart("cn-2021-base")).toBe(false);
    expect(federationAccountFor("cn-2021-base", "affiliate-receivable")).toBeUndefined();
    for (const id of ["cn-2021-county", "generic"] as const) {
      expect(isFederationChart(id)).toBe(true);
      for (const role of FEDERATION_ROLES) expect(isPostable(id, federationAccountFor(id, role)!), `${id} ${role}`).toBe(true);
    }
    expect(federationAccountFor("generic", "affiliate-receivable")).toBe("1240");
    expect(federationAccountFor("generic", "affiliate-income")).toBe("4050");
  });
});
