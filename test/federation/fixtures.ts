// Shared test data for the federation tests: an affiliates register with valid credit codes.
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
