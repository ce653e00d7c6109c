// Shared test data for the federation tests: an affiliates register with valid credit codes.
// Valid 统一社会信用代码 (check characters computed per GB 32100-2015).
export const USCC = { acme: "91330100MA2B000018", beta: "91330100MA2B00002B", gamma: "91330100MA2B00003E" };

export const REGISTER = `工会标识,工会名称,单位名称,统一社会信用代码,代收模式,工资总额,联系人
acme,甲公司工会,甲公司,${USCC.acme},,1000000.00,张三 13800000000
beta,乙公司工会,乙公司,${USCC.beta},tax-full,500000.00,李四
gamma,丙公司工会,丙公司,${USCC.gamma},工会收缴,,王五
`;

