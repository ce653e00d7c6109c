// The us-council template for `dues init`: a US district council (or an International)
// that receives per-capita tax from its locals and passes a part on to its parent body.
// The figures are examples: each council copies its own from its constitution.
export const US_COUNCIL = `# dues.yaml: the council's configuration (written by dues init --template us-council).
# Every command reads and checks this file; run "dues config check" after editing it.
# Amounts are plain decimals (12.00), rates carry their sign (25%).
# Every key is described in docs/configuration.md; affiliates and advices in docs/federation.md.

union:
  name: Example District Council 9
  currency: USD
  locale: en                    # en | zh-CN: language of messages and reports
  chart: generic                # the generic chart: 1240 per-capita receivable, 4050 per-capita income
  # id: council-9               # the id the International knows the council by
  # credit_code: 12-3456789     # the council's EIN

# The parent body the council passes per-capita on to (2110 payable, "dues remit --to intl").
bodies:
  - { id: intl, name: Example International Union }

sources:
  default:                      # the council's own staff payroll (its staff are members too)
    encoding: auto
    delimiter: auto
    decimal_mark: "."
    columns:
      employee_id: [Employee ID, Emp ID]
      name: [Name, Employee Name]
      status: [Status]
    bases:
      base_pay: [Base Pay]
  bank:                         # the council's bank statement: locals' per-capita checks are
    columns:                    # matched by their reference (local id or name) and amount
      date: [Date, Posting Date]
      amount: [Amount]
      debit: [Debit, Withdrawals]
      credit: [Credit, Deposits]
      ref: [Reference, Check Number, Memo]
      counterparty: [Description, Payee]

membership: all

due_day: 15                     # what the council owes the International for a month: due the 15th of the next

# The locals (affiliates): "dues affiliates import", their monthly returns "dues import advice",
# "dues reconcile --affiliates", "dues arrears --affiliates" (locals behind 3+ months).
federation:
  collection: union-collects    # each local collects its dues and pays the per-capita itself
  # Which of a local's per-capita lines come here: the id the locals' dues.yaml give this council.
  receives: [council]
  # What the council passes on, as a share of the per-capita it receives (EXAMPLE figure:
  # copy yours from the constitution); the rest is the council's income (4050).
  split:
    - { to: intl, share: 10% }
  remainder: largest
  due_day: 15                   # a local's per-capita for a month is due the 15th of the next
  # late_fee: { per_day: 0.05%, cap: principal }   # if the constitution charges interest on late per-capita

schemes:
  - effective_from: 2025-01-01
    # Where the rates come from, for the trustees' audit.
    document: District Council 9 Bylaws Art. IV, staff dues
    dues:
      base: base_pay
      rate: 1.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired]
      split: []
    per_capita: []
`;
