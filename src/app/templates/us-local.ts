// The us-local template for `dues init`: a US local with percentage dues between a
// minimum and a maximum, per-capita tax to three parent bodies, and check-off. The
// per-capita figures are examples: each local copies its own from its constitution.
export const US_LOCAL = `# dues.yaml: the local's dues configuration (written by dues init --template us-local).
# Every command reads and checks this file; run "dues config check" after editing it.
# Amounts are plain decimals (12.00), rates carry their sign (1.5%).
# Every key is described in docs/configuration.md.

union:
  name: Example Local 123
  currency: USD
  locale: en                    # en | zh-CN: language of messages and reports
  chart: generic                # the generic English chart of accounts
  # id: local-123               # the id your International / council knows the local by (lower case, digits, - _ .): put in the annual return (dues export return)
  # credit_code: 12-3456789     # the local's EIN, shown on the final-accounts workbook and the return

# Parent bodies the local pays per-capita tax to. Ids are referred to below.
bodies:
  - { id: intl,      name: Example International Union }
  - { id: council,   name: Example District Council 9 }
  - { id: state_fed, name: Example State AFL-CIO }

# How input files are read. Pick one with --source NAME; "default" is the payroll.
sources:
  default:                      # the employer's check-off / payroll list
    encoding: auto              # auto: BOM, then UTF-8, then GB18030 (Chinese). A CSV saved by
                                # Excel on Windows is usually windows-1252: say so here, or
                                # accented names can come out garbled ("Read as gb18030").
    delimiter: auto             # auto, or "," ";" "\\t" (tab) "|"
    decimal_mark: "."
    columns:                    # headers accepted for each field (common English ones are built in)
      employee_id: [Employee ID, Emp ID]
      name: [Name, Employee Name]
      status: [Status]          # active / retired / leave / ...
      deducted: [Union Dues, Dues Deduction]   # what the employer actually deducted (check-off)
    bases:
      base_pay: [Base Pay]      # the dues base: base pay only, no overtime or premiums
  bank:                         # the local's bank statement (for "dues import bank")
    columns:
      date: [Date, Posting Date]
      amount: [Amount]
      debit: [Debit, Withdrawals]
      credit: [Credit, Deposits]
      ref: [Reference, Check Number]
      counterparty: [Description, Payee]

membership: all                 # all: everyone on the check-off list is a member
                                # (column: a member column; roster: "dues members import")

due_day: 15                     # per-capita for a month is due on the 15th of the next

schemes:
  - effective_from: 2025-01-01
    # Where the rates come from, for the trustees' audit. Cite the bylaw article and vote.
    document: Local 123 Bylaws Art. V, dues as amended by membership vote
    dues:
      base: base_pay
      rate: 1.5%                # 1.5% of base pay each month
      round: { to: 0.01, mode: half-up }   # to the cent, half up (half-even | down | up)
      min: 20.00                # no member pays less than this a month ...
      max: 60.00                # ... or more than this (the cap)
      exempt: [retired]         # statuses that pay nothing
      split: []                 # dues stay with the local; parent bodies get per-capita below
    # Per-capita tax: a flat amount per counted member per month, taken out of the dues
    # total before anything else. The figures below are EXAMPLES: copy yours from the
    # International's constitution and the council's and federation's current notices.
    per_capita:
      - { to: intl,      amount: 16.50, count: paying }        # members assessed dues this month
      - { to: council,   amount: 4.00,  count: paying }
      - { to: state_fed, amount: 1.10,  count: all-members }   # every member, exempt ones too
`;
