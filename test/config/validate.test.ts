// One case (or more) per CONFIG_ problem code: the broken dues.yaml, the code it must
// produce, and where (line and column found in the text). Wording is free to change.
import { describe, expect, it } from "vitest";
import { CONFIG_CODES } from "../../src/domain/config.js";
import { BASE, check, edit, locate } from "./fixtures.js";

interface Case {
  name: string;
  yaml: string;
  code: string;
  /** The text the problem must point at: its first occurrence (after `after`). */
  at: string;
  after?: string;
  severity?: "error" | "warning";
  /** A word the hint must offer (did-you-mean). */
  suggests?: string;
}

const SECOND_SCHEME = `  - effective_from: 2024-07-01
    document: second notice
    dues:
      base: dues
      rate: 0.6%
`;

const cases: Case[] = [
  { name: "misspelt key, with a suggestion", yaml: edit("base_step: 10", "bse_step: 10"), code: "CONFIG_UNKNOWN_KEY", at: "bse_step", suggests: "base_step" },
  { name: "camelCase key", yaml: edit("effective_from:", "effectiveFrom:"), code: "CONFIG_UNKNOWN_KEY", at: "effectiveFrom", suggests: "effective_from" },
  { name: "unknown top-level key", yaml: BASE + "treasurer: Wang\n", code: "CONFIG_UNKNOWN_KEY", at: "treasurer" },
  { name: "missing required key points at its parent", yaml: edit("  chart: cn-2021-base\n", ""), code: "CONFIG_MISSING_KEY", at: "union:" },
  { name: "funds without a rate", yaml: edit("      rate: 2%\n", ""), code: "CONFIG_MISSING_KEY", at: "funds:", after: "exempt: [retired]\n" },
  { name: "bodies not a list", yaml: edit("bodies:\n  - { id: city, name: City Federation }\n  - { id: province, name: Province Federation }\n", "bodies: city\n"), code: "CONFIG_WRONG_TYPE", at: "city" },
  { name: "unknown chart", yaml: edit("chart: cn-2021-base", "chart: cn-2021-bse"), code: "CONFIG_UNKNOWN_VALUE", at: "cn-2021-bse", suggests: "cn-2021-base" },
  { name: "unknown locale", yaml: edit("locale: en", "locale: fr"), code: "CONFIG_UNKNOWN_VALUE", at: "fr" },
  { name: "unknown membership", yaml: edit("due_day: 15", "membership: everyone\ndue_day: 15"), code: "CONFIG_UNKNOWN_VALUE", at: "everyone" },
  { name: "unknown rounding mode", yaml: edit("mode: half-up", "mode: half_upp"), code: "CONFIG_UNKNOWN_VALUE", at: "half_upp", suggests: "half-up" },
  { name: "unknown collection", yaml: edit("      base: funds\n", "      base: funds\n      collection: tax\n"), code: "CONFIG_UNKNOWN_VALUE", at: "tax" },
  { name: "unknown encoding", yaml: edit("    columns:", "    encoding: gb18031\n    columns:"), code: "CONFIG_UNKNOWN_VALUE", at: "gb18031", suggests: "gb18030" },
  { name: "unknown delimiter", yaml: edit("    columns:", '    delimiter: ":"\n    columns:'), code: "CONFIG_UNKNOWN_VALUE", at: '":"' },
  { name: "unknown per-capita count", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n    per_capita:\n      - { to: city, amount: 1.00, count: payers }\n"), code: "CONFIG_UNKNOWN_VALUE", at: "payers" },
  { name: "RMB is not an ISO code; the hint names CNY", yaml: edit("currency: CNY", "currency: RMB"), code: "CONFIG_UNKNOWN_CURRENCY", at: "RMB", suggests: "CNY" },
  { name: "unknown currency", yaml: edit("currency: CNY", "currency: XYZ"), code: "CONFIG_UNKNOWN_CURRENCY", at: "XYZ" },
  { name: "lower-case currency", yaml: edit("currency: CNY", "currency: cny"), code: "CONFIG_UNKNOWN_CURRENCY", at: "cny", suggests: "CNY" },
  { name: "body id with a space", yaml: edit("id: city,", 'id: "city fed",').replace("to: city,", 'to: "city fed",'), code: "CONFIG_BAD_ID", at: '"city fed"' },
  { name: "reserved body id", yaml: edit("id: city,", "id: retained,"), code: "CONFIG_BAD_ID", at: "retained" },
  { name: "duplicate body id", yaml: edit("id: province,", "id: city,"), code: "CONFIG_DUPLICATE_BODY", at: "city", after: "Federation }\n  - {" },
  { name: "split to an unknown body", yaml: edit("to: province,", "to: provnce,"), code: "CONFIG_UNKNOWN_BODY", at: "provnce", suggests: "province" },
  { name: "per-capita to an unknown body", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n    per_capita:\n      - { to: intl, amount: 6.30 }\n"), code: "CONFIG_UNKNOWN_BODY", at: "intl" },
  { name: "remainder to a body outside the split", yaml: edit("        - { to: province, share: 15% }\n", "        - { to: province, share: 15% }\n      remainder: county\n"), code: "CONFIG_UNKNOWN_BODY", at: "county" },
  { name: "same body twice in a split", yaml: edit("to: province, share: 15%", "to: city, share: 15%"), code: "CONFIG_DUPLICATE_SHARE", at: "city", after: "share: 25% }\n" },
  { name: "shares over 100%", yaml: edit("share: 25%", "share: 90%"), code: "CONFIG_SHARE_OVER_100", at: "- { to: city" },
  { name: "rate in words", yaml: edit("rate: 2%", "rate: two percent"), code: "CONFIG_RATE_UNREADABLE", at: "two percent" },
  { name: "bare rate above one is ambiguous", yaml: edit("rate: 2%", "rate: 2"), code: "CONFIG_RATE_UNREADABLE", at: "2", after: "base: funds\n      rate: " },
  { name: "share unreadable", yaml: edit("share: 15%", "share: 15 pct"), code: "CONFIG_RATE_UNREADABLE", at: "15 pct" },
  { name: "rate over 100%", yaml: edit("rate: 0.5%", "rate: 150%"), code: "CONFIG_RATE_OVER_100", at: "150%" },
  { name: "rate without a sign", yaml: edit("rate: 0.5%", "rate: 0.005"), code: "CONFIG_RATE_WITHOUT_SIGN", at: "0.005", severity: "warning" },
  { name: "amount in words", yaml: edit("base_step: 10", "base_step: ten"), code: "CONFIG_AMOUNT_UNREADABLE", at: "ten" },
  { name: "amount finer than a fen", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n      min: 0.005\n"), code: "CONFIG_AMOUNT_UNREADABLE", at: "0.005" },
  { name: "amount in float exponent notation", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n      max: 1e3\n"), code: "CONFIG_AMOUNT_UNREADABLE", at: "1e3" },
  { name: "negative minimum", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n      min: -5.00\n"), code: "CONFIG_NEGATIVE", at: "-5.00" },
  { name: "negative share", yaml: edit("share: 15%", "share: -15%"), code: "CONFIG_NEGATIVE", at: "-15%" },
  { name: "rounding step finer than the minor unit", yaml: edit("to: 0.01,", "to: 0.001,"), code: "CONFIG_ROUNDING_STEP", at: "0.001" },
  { name: "rounding step of zero", yaml: edit("to: 0.01,", "to: 0,"), code: "CONFIG_ROUNDING_STEP", at: "0,", after: "round: { to: " },
  { name: "min above max", yaml: edit("      exempt: [retired]\n", "      exempt: [retired]\n      min: 50.00\n      max: 20.00\n"), code: "CONFIG_MIN_OVER_MAX", at: "50.00" },
  { name: "both rate and amount", yaml: edit("      rate: 0.5%\n", "      rate: 0.5%\n      amount: 12.00\n"), code: "CONFIG_DUES_METHOD", at: "amount:" },
  { name: "neither rate, amount nor bands", yaml: edit("      rate: 0.5%\n", ""), code: "CONFIG_DUES_METHOD", at: "base: dues" },
  { name: "last band with up_to", yaml: edit("      rate: 0.5%\n", "      bands:\n        - { up_to: 2000, amount: 5.00 }\n        - { up_to: 9000, amount: 9.00 }\n"), code: "CONFIG_BANDS", at: "9000" },
  { name: "bands not increasing", yaml: edit("      rate: 0.5%\n", "      bands:\n        - { up_to: 2000, amount: 5.00 }\n        - { up_to: 1500, amount: 7.00 }\n        - { amount: 9.00 }\n"), code: "CONFIG_BANDS", at: "1500" },
  { name: "middle band without up_to", yaml: edit("      rate: 0.5%\n", "      bands:\n        - { amount: 5.00 }\n        - { amount: 9.00 }\n"), code: "CONFIG_BANDS", at: "amount: 5.00" },
  { name: "impossible date", yaml: edit("2022-01-01", "2022-02-30"), code: "CONFIG_BAD_DATE", at: "2022-02-30" },
  { name: "two schemes from the same day", yaml: BASE + SECOND_SCHEME.replace("2024-07-01", "2022-01-01"), code: "CONFIG_SCHEME_DATES", at: "2022-01-01", after: "share: 15% }\n" },
  { name: "schemes out of order", yaml: BASE + SECOND_SCHEME.replace("2024-07-01", "2021-07-01"), code: "CONFIG_SCHEME_DATES", at: "2021-07-01" },
  { name: "no scheme", yaml: BASE.slice(0, BASE.indexOf("schemes:")) + "schemes: []\n", code: "CONFIG_NO_SCHEME", at: "[]" },
  { name: "scheme without a document", yaml: edit("    document: test notice\n", ""), code: "CONFIG_NO_DOCUMENT", at: "2022-01-01", severity: "warning" },
  { name: "dues base not defined", yaml: edit("base: dues", "base: wages"), code: "CONFIG_UNKNOWN_BASE", at: "wages" },
  { name: "funds base misspelt", yaml: edit("base: funds", "base: fund"), code: "CONFIG_UNKNOWN_BASE", at: "fund", after: "funds:\n      base: ", suggests: "funds" },
  { name: "a payroll source without a base the scheme uses", yaml: edit("due_day: 15", "  other:\n    bases:\n      dues: [Base Pay]\ndue_day: 15"), code: "CONFIG_BASE_MISSING_IN_SOURCE", at: "funds", after: "funds:\n      base: ", severity: "warning" },
  { name: "empty base", yaml: edit("funds: [应发工资]", "funds: []"), code: "CONFIG_BASE_COLUMNS", at: "[]" },
  { name: "column twice in a base", yaml: edit("[基本工资, 岗位工资]", "[基本工资, 基本工资]"), code: "CONFIG_BASE_COLUMNS", at: "基本工资", after: "[基本工资, " },
  { name: "id column in a base", yaml: edit("[基本工资, 岗位工资]", "[基本工资, 工号]"), code: "CONFIG_BASE_COLUMNS", at: "工号", after: "dues: [" },
  { name: "due day 31", yaml: edit("due_day: 15", "due_day: 31"), code: "CONFIG_DUE_DAY", at: "31" },
  { name: "due day in words", yaml: edit("due_day: 15", "due_day: fifteen"), code: "CONFIG_DUE_DAY", at: "fifteen" },
  { name: "late fee as a bare rate", yaml: edit("due_day: 15", "due_day: 15\nlate_fee: 0.5%"), code: "CONFIG_LATE_FEE", at: "0.5%", after: "late_fee" },
  { name: "late fee cap unknown", yaml: edit("due_day: 15", "due_day: 15\nlate_fee: { per_day: 0.5%, cap: interest }"), code: "CONFIG_LATE_FEE", at: "interest" },
  { name: "union id in capitals with a space", yaml: edit("  chart: cn-2021-base\n", "  chart: cn-2021-base\n  id: Acme Union\n"), code: "CONFIG_UNION_ID", at: "Acme Union", suggests: "acme-union" },
  { name: "credit code with a mistyped character (check character fails)", yaml: edit("  chart: cn-2021-base\n", "  chart: cn-2021-base\n  credit_code: 81330100MA2XXXXXX4\n"), code: "CONFIG_CREDIT_CODE", at: "81330100MA2XXXXXX4" },
  { name: "credit code one character short", yaml: edit("  chart: cn-2021-base\n", "  chart: cn-2021-base\n  credit_code: 81330100MA2XXXXXX\n"), code: "CONFIG_CREDIT_CODE", at: "81330100MA2XXXXXX" },
  { name: "credit code with an O, which a 统一社会信用代码 never uses", yaml: edit("  chart: cn-2021-base\n", "  chart: cn-2021-base\n  credit_code: 81330100MA2OXXXXX3\n"), code: "CONFIG_CREDIT_CODE", at: "81330100MA2OXXXXX3" },
  { name: "duplicate key", yaml: edit("due_day: 15", "due_day: 15\ndue_day: 20"), code: "CONFIG_DUPLICATE_KEY", at: "due_day: 20" },
  { name: "financial year starting in month 13", yaml: edit("due_day: 15", "due_day: 15\nfinancial_year_start: 13"), code: "CONFIG_FINANCIAL_YEAR_START", at: "13", after: "financial_year_start" },
  { name: "financial year start as a word", yaml: edit("due_day: 15", "due_day: 15\nfinancial_year_start: July"), code: "CONFIG_FINANCIAL_YEAR_START", at: "July" },
  { name: "project listed twice", yaml: edit("due_day: 15", "due_day: 15\nprojects:\n  - { id: hardship, name: 困难职工帮扶 }\n  - { id: hardship, name: 又一个 }"), code: "CONFIG_DUPLICATE_PROJECT", at: "hardship", after: "困难职工帮扶 }" },
  { name: "project earmarked neither true nor false", yaml: edit("due_day: 15", "due_day: 15\nprojects:\n  - { id: hardship, name: 困难职工帮扶, earmarked: yes }"), code: "CONFIG_UNKNOWN_VALUE", at: "yes" },
  { name: "project id with a space", yaml: edit("due_day: 15", "due_day: 15\nprojects:\n  - { id: hard ship, name: 困难职工帮扶 }"), code: "CONFIG_BAD_ID", at: "hard ship" },
  { name: "a federation on a base union's chart", yaml: edit("due_day: 15", "due_day: 15\nfederation:\n  collection: union-collects"), code: "CONFIG_FEDERATION_CHART", at: "collection" },
  { name: "unclosed bracket", yaml: edit("exempt: [retired]", "exempt: [retired"), code: "CONFIG_YAML_SYNTAX", at: "" , after: "exempt: [retired" },
  { name: "empty file", yaml: "", code: "CONFIG_EMPTY", at: "" },
  { name: "comments only", yaml: "# nothing yet\n", code: "CONFIG_EMPTY", at: "#" },
];

describe("validateConfig: one case per problem code", () => {
  for (const c of cases) {
    it(`${c.code}: ${c.name}`, () => {
      const r = check(c.yaml);
      const found = r.problems.filter((p) => p.code === c.code);
      expect(found.map((p) => p.code), JSON.stringify(r.problems.map((p) => [p.code, p.line, p.column, p.message.en]))).toContain(c.code);
      const p = found[0]!;
      expect(p.severity).toBe(c.severity ?? "error");
      expect(p.file).toBe("dues.yaml");
      if (c.code !== "CONFIG_YAML_SYNTAX") {
        expect({ line: p.line, column: p.column }).toEqual(locate(c.yaml, c.at, c.after));
      } else {
        expect(p.line).toBeGreaterThanOrEqual(locate(c.yaml, "exempt").line);
      }
      if (c.suggests) expect(p.hint?.en).toContain(`\`${c.suggests}\``);
      // An error means no Config; warnings alone leave a usable one.
      if ((c.severity ?? "error") === "error") expect(r.value).toBeUndefined();
      else expect(r.value).toBeDefined();
    });
  }

  it("every CONFIG_ code a dues.yaml can cause has a case here (file-level ones are in loader.test.ts)", () => {
    const covered = new Set(cases.map((c) => c.code));
    const fileLevel = ["CONFIG_MISSING_FILE", "CONFIG_NOT_UTF8"];
    expect(CONFIG_CODES.filter((code) => !covered.has(code) && !fileLevel.includes(code))).toEqual([]);
  });

  it("every problem carries a line, a column, a caret line and a hint in both languages", () => {
    for (const c of cases) {
      for (const p of check(c.yaml).problems) {
        expect(p.line, `${c.name}: ${p.code}`).toBeGreaterThanOrEqual(1);
        expect(p.column, `${c.name}: ${p.code}`).toBeGreaterThanOrEqual(1);
        expect(p.hint?.en, `${c.name}: ${p.code} has no hint`).toBeTruthy();
        expect(p.hint?.zh, `${c.name}: ${p.code} has no zh hint`).toBeTruthy();
        expect(p.message.zh).not.toBe("");
      }
    }
  });
});

describe("validateConfig: union.id and union.credit_code", () => {
  it("are optional, and kept as written when right (a credit code in lower case is read in capitals)", () => {
    expect(check(BASE).value?.union.id).toBeUndefined();
    const c = check(edit("  chart: cn-2021-base\n", "  chart: cn-2021-base\n  id: acme-union.no_3\n  credit_code: 81330100ma2xxxxxx3\n")).value!;
    expect(c.union.id).toBe("acme-union.no_3");
    expect(c.union.creditCode).toBe("81330100MA2XXXXXX3");
  });
  it("a union on the generic chart gives an EIN (written with or without its hyphen) or another registration number", () => {
    const generic = (code: string) => check(edit("  chart: cn-2021-base\n", `  chart: generic\n  credit_code: "${code}"\n`));
    expect(generic("123456789").value?.union.creditCode).toBe("12-3456789");
    expect(generic("12-3456789").value?.union.creditCode).toBe("12-3456789");
    expect(generic("TU/123 CO").value?.union.creditCode).toBe("TU/123 CO");
    expect(generic("#1").problems.map((p) => p.code)).toEqual(["CONFIG_CREDIT_CODE"]);
  });
});

describe("validateConfig: every problem at once", () => {
  it("reports mistakes in different sections in one run, in file order", () => {
    let yaml = edit("currency: CNY", "currency: RMB");
    yaml = edit("to: province,", "to: provnce,", yaml);
    yaml = edit("due_day: 15", "due_day: 40", yaml);
    yaml = edit("base_step: 10", "base_step: ten", yaml);
    const codes = check(yaml).problems.map((p) => p.code);
    expect(codes).toEqual(["CONFIG_UNKNOWN_CURRENCY", "CONFIG_DUE_DAY", "CONFIG_AMOUNT_UNREADABLE", "CONFIG_UNKNOWN_BODY"]);
  });

  it("a bad body id is reported once, not again at every place that names it", () => {
    const yaml = edit("id: city,", 'id: "city fed",').replace("to: city,", 'to: "city fed",');
    expect(check(yaml).problems.map((p) => p.code)).toEqual(["CONFIG_BAD_ID"]);
  });

  it("a share over 100% is reported even when the split also names an unknown body", () => {
    const yaml = edit("share: 25%", "share: 90%", edit("to: province,", "to: provnce,"));
    const codes = check(yaml).problems.map((p) => p.code);
    expect(codes).toContain("CONFIG_SHARE_OVER_100");
    expect(codes).toContain("CONFIG_UNKNOWN_BODY");
  });
});

describe("validateConfig: the values a valid file gives", () => {
  it("the base file is valid and reads amounts and rates exactly", () => {
    const r = check(BASE);
    expect(r.problems).toEqual([]);
    const s = r.value!.schemes[0]!;
    expect(s.dues.baseStep).toBe(1000); // 10 yuan in fen
    expect(s.dues.method).toMatchObject({ kind: "rate", rate: { num: 1n, den: 200n } });
    expect(s.dues.round).toMatchObject({ step: 1, mode: "half-up" });
    expect(s.funds!.split.map((x) => [x.to, x.share.num, x.share.den])).toEqual([["city", 1n, 4n], ["province", 3n, 20n]]);
    expect(s.funds!.remainder).toEqual({ kind: "largest" });
    expect(s.funds!.collection).toBe("union");
    expect(r.value!.dueDay).toBe(15);
    expect(r.value!.membership).toBe("column");
    expect(r.value!.lateFee).toBeNull();
  });

  it("amounts come from the source text, never a float: 0.29, 1.10 and 9999999999999.99 stay exact", () => {
    const yaml = edit("      exempt: [retired]\n", "      exempt: [retired]\n      min: 0.29\n      max: 9999999999999.99\n    per_capita:\n      - { to: city, amount: 1.10 }\n      - { to: province, amount: 0.07, count: [active, leave] }\n");
    const r = check(yaml);
    expect(r.problems).toEqual([]);
    const s = r.value!.schemes[0]!;
    expect(s.dues.min).toBe(29);
    expect(s.dues.max).toBe(999999999999999);
    expect(s.perCapita).toEqual([
      { to: "city", amount: 110, count: { kind: "paying" } },
      { to: "province", amount: 7, count: { kind: "statuses", statuses: ["active", "leave"] } },
    ]);
  });

  it("a zero-digit currency reads whole amounts and refuses fractions", () => {
    const jpy = edit("currency: CNY", "currency: JPY", edit("to: 0.01,", "to: 1,"));
    const ok = check(edit("base_step: 10", "base_step: 1000", jpy));
    expect(ok.problems).toEqual([]);
    expect(ok.value!.schemes[0]!.dues.baseStep).toBe(1000);
    const bad = check(edit("base_step: 10", "base_step: 10.50", jpy));
    expect(bad.problems.map((p) => p.code)).toEqual(["CONFIG_AMOUNT_UNREADABLE"]);
  });

  it("schemes keep their order and dates; several are allowed when dated apart", () => {
    const r = check(BASE + SECOND_SCHEME);
    expect(r.problems).toEqual([]);
    expect(r.value!.schemes.map((s) => s.effectiveFrom)).toEqual(["2022-01-01", "2024-07-01"]);
    expect(r.value!.schemes[1]!.funds).toBeNull();
  });

  it("any source and any field names under columns, a sheet, a ledger path and a late fee", () => {
    const yaml = edit("due_day: 15", [
      "  bank:",
      "    sheet: 流水",
      "    delimiter: \"\\t\"",
      "    decimal_mark: \",\"",
      "    columns:",
      "      date: [交易日期]",
      "      amount: 金额",
      "      counterparty: [对方户名]",
      "ledger: books/union.db",
      "due_day: 15",
      "late_fee: { per_day: 5‰, cap: principal }",
    ].join("\n"));
    const r = check(yaml);
    expect(r.problems).toEqual([]);
    expect(r.value!.sources.bank).toEqual({ name: "bank", encoding: "auto", delimiter: "\t", decimalMark: ",", sheet: "流水", columns: { date: ["交易日期"], amount: ["金额"], counterparty: ["对方户名"] }, bases: {} });
    expect(r.value!.ledgerPath).toBe("books/union.db");
    expect(r.value!.lateFee).toEqual({ perDay: expect.objectContaining({ num: 1n, den: 200n }), cap: "principal" });
  });

  it("remainder may name a body that has a share; upstream collection is kept", () => {
    const r = check(edit("        - { to: province, share: 15% }\n", "        - { to: province, share: 15% }\n      remainder: city\n      collection: upstream\n"));
    expect(r.problems).toEqual([]);
    expect(r.value!.schemes[0]!.funds!.remainder).toEqual({ kind: "body", body: "city" });
    expect(r.value!.schemes[0]!.funds!.collection).toBe("upstream");
  });

  it("keeps the exact text and hash it was given", () => {
    const r = check(BASE);
    expect(r.value!.text).toBe(BASE);
    expect(r.value!.sha256).toBe("0".repeat(64));
  });
});

describe("validateConfig: amounts are exact for any value a treasurer can write", () => {
  it("a per-capita amount written with two decimals is read as exactly that many fen", async () => {
    const fc = await import("fast-check");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (fen) => {
        const digits = String(fen).padStart(3, "0"); // string slicing: no division, no float
        const written = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
        const yaml = edit("      exempt: [retired]\n", `      exempt: [retired]\n    per_capita:\n      - { to: city, amount: ${written} }\n`);
        const r = check(yaml);
        return r.problems.length === 0 && r.value!.schemes[0]!.perCapita[0]!.amount === fen;
      }),
      { numRuns: 300 },
    );
  });
});
