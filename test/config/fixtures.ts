// A small valid dues.yaml in the treasurer's own notation, and helpers that edit it
// and find where a piece of text sits (line and column computed from the text itself,
// never by the code under test).
import { parseConfigText } from "../../src/import/config-file.js";

export const BASE = `union:
  name: Test Union
  currency: CNY
  locale: en
  chart: cn-2021-base
bodies:
  - { id: city, name: City Federation }
  - { id: province, name: Province Federation }
sources:
  default:
    columns:
      employee_id: [工号]
      status: [状态]
    bases:
      dues: [基本工资, 岗位工资]
      funds: [应发工资]
due_day: 15
schemes:
  - effective_from: 2022-01-01
    document: test notice
    dues:
      base: dues
      base_step: 10
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired]
    funds:
      base: funds
      rate: 2%
      split:
        - { to: city, share: 25% }
        - { to: province, share: 15% }
`;

/** BASE with `from` replaced by `to`; throws when `from` is not there, so a case cannot silently test nothing. */
export function edit(from: string, to: string, yaml = BASE): string {
  if (!yaml.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return yaml.replace(from, to);
}

/** 1-based line and column of the first occurrence of `needle` (after the end of `after`, if given). */
export function locate(yaml: string, needle: string, after = ""): { line: number; column: number } {
  const found = after ? yaml.indexOf(after) : 0;
  if (found < 0) throw new Error(`no ${JSON.stringify(after)}`);
  const start = found + after.length;
  const at = yaml.indexOf(needle, start);
  if (at < 0) throw new Error(`no ${JSON.stringify(needle)}`);
  const before = yaml.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export function check(yaml: string) {
  return parseConfigText(yaml, "0".repeat(64), "dues.yaml");
}
