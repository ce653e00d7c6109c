// The cn-base template for `dues init`: a Chinese enterprise base union (基层工会),
// 0.5% dues and the 2% employer allocation, commented in Chinese. Upward shares are
// placeholders on purpose: each province sets them, and no rate is built in (DOMAIN.md).
export const CN_BASE = `# dues.yaml —— 工会会费与经费配置（由 dues init --template cn-base 生成）
# Configuration for a Chinese base union. 每条命令都会读取并校验本文件；
# 修改后运行 dues config check 检查（有错会逐条列出行号和列号）。
# 金额一律写成普通小数（如 12.00），比率写百分号（如 0.5%、2%）。
# 各键的完整说明见 docs/configuration.md。

union:
  name: 示例公司工会            # 工会全称，出现在报表和审查工作簿封面上
  currency: CNY                 # 币种（ISO 4217）；人民币分为最小单位
  locale: zh-CN                 # 提示与报表语言：zh-CN 或 en
  chart: cn-2021-base           # 会计科目：工会会计制度（财会〔2021〕7号）基层工会科目
                                # 县级及以上工会用 cn-2021-county
  # id: shili-gonghui           # 上级工会登记本工会所用的标识（小写字母、数字、- _ .），写入报送上级的年度报告（dues export return）
  # credit_code: 81330100MA2XXXXXX3   # 统一社会信用代码（18 位，校验位会核对），显示在决算封面和年度报告上

# 接收上缴经费的上级工会。id 用英文字母（下文按 id 引用），name 写全称。
bodies:
  - { id: county,   name: 某县总工会 }
  - { id: city,     name: 某市总工会 }
  - { id: province, name: 某省总工会 }
  - { id: acftu,    name: 中华全国总工会 }

# 工资表怎么读。每套工资系统一个数据源；导入时用 --source 名称 选择，默认 default。
sources:
  default:
    encoding: auto              # auto：自动识别（UTF-8 / GB18030 / UTF-16）；也可写 gb18030、big5 等
    delimiter: auto             # auto，或 "," ";" "\\t"（制表符）"|"
    decimal_mark: "."
    columns:                    # 各字段可接受的列名（常见中英文列名已内置，这里可以补充）
      employee_id: [工号]
      name: [姓名]
      member: [是否会员]        # membership: column 时按此列判断是否会员
      status: [会员状态]        # 在职 / 退休 / 失业 / 休假 …
      deducted: [工会会费]      # 单位实际代扣的会费，用于核对代扣差异
    bases:                      # 计算基数 = 下列各列之和（写工资表里的列名）
      dues: [基本工资, 岗位工资]  # 会费基数：企业会员按基本工资等计缴，奖金、津贴、补贴不计
      funds: [应发工资]           # 拨缴经费基数：全部职工工资总额（含奖金、津贴、加班费）

membership: column              # column：按"是否会员"列 | all：表中人人都是会员 | roster：按会员名册

due_day: 15                     # 每月应缴款在次月几日到期（1–28）；上海、北京规定为 15 日

# 滞纳金（可选）。北京：每日 5‰；重庆：滞纳金不超过欠缴本金。需要时去掉下一行的 #：
# late_fee: { per_day: 0.5%, cap: principal }

# ledger: dues.db               # 账本文件（可选）；默认在本文件旁边的 dues.db

# 费率方案按生效日期排列（从早到晚）。某月使用该月 1 日已生效的最新方案。
# 费率调整时不要改旧方案，而是在下面追加一个新方案，旧月份的账才能复核。
schemes:
  - effective_from: 2022-01-01
    # 费率依据的文件（会写入审查工作簿）。请改成本单位实际依据的文件名称和文号。
    document: 中国工会章程第八条；工会法第四十三条；（待填）本省总工会关于工会经费分成比例的通知
    dues:                       # 会员会费，逐人计算
      base: dues                # 用上面 bases 里的 dues 基数
      base_step: 10             # 工资尾数不足十元的不计缴会费：6789.45 → 6780
      rate: 0.5%                # 会费为基数的 0.5%：6780 × 0.5% = 33.90
      round: { to: 0.01, mode: half-up }   # 舍入到分，四舍五入（half-up | half-even | down | up）
      min: 0                    # 每人每月会费下限（可选）
      max: ~                    # 上限（~ 表示不设）
      exempt: [retired, unemployed]   # 离退休、失业会员保留会籍，免缴会费（章程第八条）
      split: []                 # 会费全部留用本级（全总规定会费归基层工会）
    funds:                      # 单位拨缴的工会经费（工会法第四十三条：全部职工工资总额的 2%）
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }   # 按当月工资总额合计计算后舍入到分
      # ！！！以下上缴比例只是占位示例，不是任何省份的规定！！！
      # 通行做法是基层留用 60%、上缴 40%（浙江："基层工会留用60%、上缴上级工会40%"），
      # 但 40% 在县、市、省总工会和全总之间怎么分，由各省规定。
      # 请按本省总工会的通知逐项改写，并把通知名称写进上面的 document。
      split:
        - { to: county,   share: 10% }    # 占位
        - { to: city,     share: 10% }    # 占位
        - { to: province, share: 15% }    # 占位
        - { to: acftu,    share: 5% }     # 占位；合计上缴 40%，本级留用 60%
      remainder: largest        # 分不尽的 1 分钱给谁：largest（最大余数法）| retained（本级）| 某上级 id
      collection: union         # union：工会收齐后上缴 | upstream：税务或上级代收后返还本级部分
    per_capita: []              # 按人头定额上缴（中国一般不用）
`;
