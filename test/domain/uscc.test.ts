// 统一社会信用代码 (GB 32100-2015): the check character, and what people do to codes when
// copying them (full width, lower case, spaces), and that every single typo is caught.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkUscc, normalizeUscc, USCC_CHARS, usccCheckChar, usccFault } from "../../src/domain/uscc.js";

const char = fc.constantFrom(...USCC_CHARS.split(""));
const stem = fc.array(char, { minLength: 17, maxLength: 17 }).map((a) => a.join(""));

describe("统一社会信用代码", () => {
  it("computes the check character of published codes (the standard's example, a listed company)", () => {
    expect(usccCheckChar("91350100M000100Y4")).toBe("3");
    expect(usccCheckChar("91440300708461136")).toBe("T");
    expect(checkUscc("91350100M000100Y43")).toEqual({ ok: true, code: "91350100M000100Y43" });
  });
  it("reads a code as people copy it: full-width, lower case, grouped with spaces or hyphens", () => {
    expect(normalizeUscc(" ９１３５０１００ｍ000100-y43 ")).toBe("91350100M000100Y43");
    expect(checkUscc("9135 0100 m000 100y 43")).toMatchObject({ ok: true, code: "91350100M000100Y43" });
  });
  it("says what is wrong: the length, a character never used, the check character it should have", () => {
    expect(checkUscc("91350100M000100Y4")).toEqual({ ok: false, reason: "length", length: 17 });
    expect(checkUscc("91350100M000100O43")).toEqual({ ok: false, reason: "charset", at: 16 });
    const bad = checkUscc("91350100M000100Y44");
    expect(bad).toEqual({ ok: false, reason: "check", expected: "3" });
    if (!bad.ok) expect(usccFault(bad).en).toContain("the last should be 3");
    if (!bad.ok) expect(usccFault(bad).zh).toContain("末位应为 3");
  });
  it("property: any stem with its check character passes", () => {
    fc.assert(fc.property(stem, (s) => checkUscc(s + usccCheckChar(s)!).ok));
  });
  it("property: changing any one character to another allowed one is caught (31 is prime, no weight is 0)", () => {
    fc.assert(fc.property(stem, fc.integer({ min: 0, max: 17 }), char, (s, at, c) => {
      const good = s + usccCheckChar(s)!;
      fc.pre(good[at] !== c);
      const typo = good.slice(0, at) + c + good.slice(at + 1);
      expect(checkUscc(typo).ok).toBe(false);
    }));
  });
  it("property: swapping two different neighbours among the first 17 is caught", () => {
    fc.assert(fc.property(stem, fc.integer({ min: 0, max: 15 }), (s, at) => {
      fc.pre(s[at] !== s[at + 1]);
      const good = s + usccCheckChar(s)!;
      const swapped = good.slice(0, at) + good[at + 1] + good[at] + good.slice(at + 2);
      expect(checkUscc(swapped).ok).toBe(false);
    }));
  });
});
