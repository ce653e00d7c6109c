// The uk-branch template for `dues init`: banded monthly subscriptions in GBP, shaped
// like UNISON's 11 bands (£1.30 to £22.50 a month). The band figures between those ends
// are illustrative: a branch copies its union's current table.
export const UK_BRANCH = `# dues.yaml: the branch's subscription configuration (written by dues init --template uk-branch).
# Every command reads and checks this file; run "dues config check" after editing it.
# Amounts are plain decimals (22.50), rates carry their sign (80%).
# Every key is described in docs/configuration.md.

union:
  name: Example Branch          # shown on reports and the audit workbook's cover
  currency: GBP                 # ISO 4217; pence are the minor unit
  locale: en                    # en | zh-CN: language of messages and reports
  chart: generic                # the generic English chart of accounts
  # id: example-branch          # the id the region or national union knows the branch by (lower case, digits, - _ .): put in the annual return
  # credit_code: "TU/123"       # a registration number, if any, shown on the final-accounts workbook and the return

# Bodies that receive a share of subscriptions. Ids are referred to below.
bodies:
  - { id: national, name: National Office }

sources:
  default:                      # the employer's check-off list
    encoding: auto              # auto: BOM, then UTF-8, then GB18030 (Chinese). Excel CSV from
                                # Windows is often windows-1252: say so here, or accented
                                # names can come out garbled ("Read as gb18030").
    delimiter: auto             # auto, or "," ";" "\\t" (tab) "|"
    decimal_mark: "."
    columns:                    # headers accepted for each field (common English ones are built in)
      employee_id: [Payroll Number, Employee Number]
      name: [Name]
      status: [Status]
      deducted: [Subscription, Union Subs]     # what the employer deducted (check-off)
    bases:
      annual_pay: [Annual Salary]  # bands are chosen by annual pay

membership: all                 # everyone on the check-off list is a member

due_day: 15                     # what is owed upward for a month is due on the 15th of the next

schemes:
  - effective_from: 2025-01-01   # when a new table is adopted, add a scheme below; keep this one
    document: Subscription bands as adopted by national conference (replace with the rule and year)
    dues:
      base: annual_pay
      # Banded flat subscriptions: a member pays the amount of the first band whose
      # up_to (annual pay, inclusive) is not below their pay; the last band has no up_to.
      # ILLUSTRATIVE figures in the shape of UNISON's 11 bands: copy your union's table.
      bands:
        - { up_to: 2000.00,  amount: 1.30 }
        - { up_to: 5000.00,  amount: 2.75 }
        - { up_to: 8000.00,  amount: 4.30 }
        - { up_to: 11000.00, amount: 6.10 }
        - { up_to: 14000.00, amount: 7.85 }
        - { up_to: 17000.00, amount: 9.50 }
        - { up_to: 20000.00, amount: 11.00 }
        - { up_to: 25000.00, amount: 13.20 }
        - { up_to: 30000.00, amount: 15.65 }
        - { up_to: 35000.00, amount: 18.20 }
        - { amount: 22.50 }
      exempt: [retired, unemployed]
      # Subscriptions usually go to national office, which funds the branch. If your
      # employer pays the branch and the branch remits, list national's share here.
      # ILLUSTRATIVE: replace with your union's rule, or use [] if nothing is remitted.
      split:
        - { to: national, share: 80% }
      remainder: retained       # the odd penny stays with the branch
    # The political fund levy is separate and opt-in since 2018-03-01; it is not dues.
    per_capita: []
`;
