// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z);
// the last is a check character over the first 17, weights 3^i mod 31, modulo 31. Pure.
// Used for the union's own code (dues.yaml) and for employers on tax-authority lists.
import { text, type Text } from "./text.js";

export const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character a 17-character 统一社会信用代码 stem should end with, or null when a character is not allowed. */
export function usccCheckChar(stem: string): string | null {
  if (stem.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(stem[i] ?? "");
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

export type UsccCheck =
  | { readonly ok: true; readonly code: string }
  /** length: not 18 characters; charset: a character the code never uses; check: the last character does not fit the other 17. */
  | { readonly ok: false; readonly reason: "length"; readonly length: number }
  | { readonly ok: false; readonly reason: "charset"; readonly at: number }
  | { readonly ok: false; readonly reason: "check"; readonly expected: string };

/**
 * A code as people copy it (full-width forms, lower case, spaces or hyphens between groups)
 * in the form it is compared and stored: NFKC, upper case, without spaces and hyphens.
 */
export function normalizeUscc(raw: string): string {
  return raw.normalize("NFKC").toUpperCase().replace(/[\s\-\u3000]/g, "");
}

/** Checks a 统一社会信用代码 after normalizeUscc: its length, its characters and its check character. */
export function checkUscc(raw: string): UsccCheck {
  const code = normalizeUscc(raw);
  const length = [...code].length;
  if (length !== 18) return { ok: false, reason: "length", length };
  for (let i = 0; i < 18; i++) if (!USCC_CHARS.includes(code[i]!)) return { ok: false, reason: "charset", at: i + 1 };
  const expected = usccCheckChar(code.slice(0, 17))!;
  return expected === code[17] ? { ok: true, code } : { ok: false, reason: "check", expected };
}

/** What is wrong with a code that failed checkUscc, as a phrase after the code ("`…` has 17 characters …"). */
export function usccFault(c: Exclude<UsccCheck, { ok: true }>): Text {
  switch (c.reason) {
    case "length": return text(`has ${c.length} characters; a 统一社会信用代码 has 18`, `共 ${c.length} 位，统一社会信用代码应为 18 位`);
    case "charset": return text(`has a character a 统一社会信用代码 never uses (I, O, S, V, Z or a symbol) at position ${c.at}`, `第 ${c.at} 位是统一社会信用代码不用的字符（I、O、S、V、Z 或符号）`);
    case "check": return text(`fails its check character (the last should be ${c.expected} for these 17): a character is mistyped`, `校验位不符（按前 17 位，末位应为 ${c.expected}）：有字符抄错了`);
  }
}
