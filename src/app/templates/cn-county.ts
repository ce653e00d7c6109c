// The cn-county template for `dues init`: a county federation (县总工会) with affiliated base
// unions, chart cn-2021-county (132 应收下级经费, 212 应付下级经费). The shares are placeholders
// on purpose: each province sets them, and no rate is built in (DOMAIN.md).
export const CN_COUNTY = `# dues.yaml —— 县总工会经费配置（由 dues init --template cn-county 生成）
# Configuration for a Chinese county federation of trade unions. 每条命令都会读取并校验本文件；
# 修改后运行 dues config check 检查（有错会逐条列出行号和列号）。
# 金额一律写成普通小数（如 12.00），比率写百分号（如 2%、5‰）。
# 各键的完整说明见 docs/configuration.md；下级工会、回执和代收模式见 docs/federation.md。

union:
  name: 示例县总工会             # 本会全称，出现在报表和审查工作簿封面上
  currency: CNY
  locale: zh-CN                 # 提示与报表语言：zh-CN 或 en
  chart: cn-2021-county         # 工会会计制度（财会〔2021〕7号）县级以上工会科目：132 应收下级经费、212 应付下级经费
  # id: shili-xian-zonggonghui  # 上级工会登记本会所用的标识（小写字母、数字、- _ .）
  # credit_code: 81330100MA2XXXXXX3   # 本会的统一社会信用代码（18 位，校验位会核对）

# 本会的上级工会：本会收到的上缴经费中属于它们的部分记入 211 应付上级经费，用 dues remit --to 上解。
bodies:
  - { id: city,     name: 某市总工会 }
  - { id: province, name: 某省总工会 }
  - { id: acftu,    name: 中华全国总工会 }

# 文件怎么读。default 是本会机关的工资表（本会干部职工也是会员）；bank 是银行对账单。
sources:
  default:
    encoding: auto              # auto：自动识别（UTF-8 / GB18030 / UTF-16）
    delimiter: auto
    decimal_mark: "."
    columns:
      employee_id: [工号]
      name: [姓名]
      status: [会员状态]
    bases:
      dues: [基本工资, 岗位工资]  # 会费基数
      funds: [应发工资]           # 工资总额
  bank:                         # 银行对账单（dues import bank）：下级工会的汇款按附言中的标识、单位名称和金额匹配
    columns:
      date: [交易日期, 日期]
      amount: [金额]
      debit: [借方金额, 支出]
      credit: [贷方金额, 收入]
      ref: [附言, 摘要, 用途]
      counterparty: [对方户名, 对方名称]

membership: all                 # 本会机关工资表上人人都是会员

due_day: 15                     # 本会向上级上解：次月 15 日到期

# 下级工会（基层工会）的经费。下级名册用 dues affiliates import 导入，回执用 dues import advice 导入，
# 对账用 dues reconcile --affiliates，欠缴三个月以上的用 dues arrears --affiliates 列出。
federation:
  # 代收模式（名册中某下级未写时用这里的默认值）：
  #   union-collects：基层工会自行收缴 2%，留用本级部分，把上缴部分（如 40%）汇给本会，并报送回执（dues export return）
  #   tax-full：税务部门代收全部 2%，本会按比例返还基层工会（记入 212 应付下级经费）
  #   tax-upward：税务部门只代收上缴部分，基层留用部分不经本会
  collection: union-collects
  funds_rate: 2%                # 工会法第四十三条：全部职工工资总额的 2%
  # ！！！以下比例只是占位示例，不是任何省份的规定！！！请按本省总工会的通知改写。
  affiliate_share: 60%          # 基层工会留用 2% 中的 60%（tax-full 时由本会返还）
  # 本会收到的上缴部分（2% 的 40%）在本会与上级之间怎么分：按收到金额的比例；剩余部分为本会收入（402 拨缴经费收入）。
  # 占位示例：县 10%、市 10%、省 15%、全总 5%（各占 2% 的比例）→ 占上缴部分的 25%、25%、37.5%、12.5%。
  split:
    - { to: city,     share: 25% }     # 占位
    - { to: province, share: 37.5% }   # 占位
    - { to: acftu,    share: 12.5% }   # 占位；本会留 25%
  remainder: largest            # 分不尽的 1 分钱：largest（最大余数法）| retained（本会）| 某上级 id
  receives: all                 # 下级回执中哪些份额汇给本会：all（全部上缴份额）或下级 dues.yaml 中本会的 id，如 [county]
  due_day: 15                   # 下级应于次月 15 日前缴清（上海工会条例第四十一条、北京实施办法第五十五条）
  late_fee: { per_day: 5‰, cap: principal }   # 滞纳金每日 5‰（北京），不超过欠缴本金（重庆）
  preparatory: income           # 未建会单位缴纳的筹备金：income（本会收入 402）| held（代管，记 21503，建会后转交）

# 本会机关干部职工的会费（本会自己也是会员的工会）。
schemes:
  - effective_from: 2022-01-01
    document: 中国工会章程第八条；工会法第四十三条；（待填）本省总工会关于工会经费分成比例的通知
    dues:
      base: dues
      base_step: 10             # 工资尾数不足十元的不计缴会费
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired, unemployed]
      split: []
    per_capita: []
`;
