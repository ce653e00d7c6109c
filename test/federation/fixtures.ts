// Shared test data for the federation tests: affiliates registers with valid credit codes.
import { usccCheckChar } from "../../src/domain/uscc.js";

// Valid 统一社会信用代码 (check characters computed per GB 32100-2015).
export const USCC = { acme: "91330100MA2B000018", beta: "91330100MA2B00002B", gamma: "91330100MA2B00003E" };

export const REGISTER = `工会标识,工会名称,单位名称,统一社会信用代码,代收模式,工资总额,联系人
acme,甲公司工会,甲公司,${USCC.acme},,1000000.00,张三 13800000000
beta,乙公司工会,乙公司,${USCC.beta},tax-full,500000.00,李四
gamma,丙公司工会,丙公司,${USCC.gamma},工会收缴,,王五
`;


/** A base union's dues.yaml whose only higher body is the county, 40% of the 2% funds going there. */
export const baseUnionYaml = (name: string, id: string): string => `union:
  name: ${name}
  currency: CNY
  locale: zh-CN
  chart: cn-2021-base
  id: ${id}
bodies:
  - { id: county, name: 示例县总工会 }
sources:
  default:
    columns:
      employee_id: [工号]
      name: [姓名]
    bases:
      dues: [基本工资]
      funds: [应发工资]
membership: all
due_day: 15
late_fee: { per_day: 5‰, cap: principal }
schemes:
  - effective_from: 2022-01-01
    document: 测试
    dues:
      base: dues
      base_step: 10
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split:
        - { to: county, share: 40% }
      collection: union
`;

/** A credit code from its first 17 characters and the check character GB 32100-2015 computes. */
export const withCheckChar = (stem: string): string => stem + usccCheckChar(stem)!;

/**
 * Three affiliates, one under each collection model, as the county scenarios register them:
 * jia tax-full, yi tax-upward, bing union-collects (it remits itself: its payroll below,
 * 5,000.00 + 7,500.00 = 12,500.00 funds base; its bank payment of 100.00 for 2026-10).
 */
export const THREE = (() => {
  const A = withCheckChar("91330100MA2AAAAA1"), B = withCheckChar("91330100MA2BBBBB2"), C = withCheckChar("91330100MA2CCCCC3");
  return {
    A, B, C,
    REGISTER: `工会标识,工会名称,单位名称,统一社会信用代码,代收模式,联系人
jia,甲公司工会,甲公司,${A},tax-full,张三
yi,乙公司工会,乙公司,${B},tax-upward,李四
bing,丙公司工会,丙公司,${C},union-collects,王五
`,
    STATEMENT: `交易日期,贷方金额,借方金额,附言,对方户名
2026-11-10,100.00,,bing 2026-10 工会经费,丙公司工会
`,
    PAYROLL: "工号,姓名,基本工资,应发工资\nC1,某甲,3000.00,5000.00\nC2,某乙,4000.00,7500.00\n",
  };
})();
