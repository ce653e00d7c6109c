// `dues import ...`: one parent command with a subcommand per kind of input file.
// Each kind lives in its own register function below; adding one (bank, expenses) is
// one line in SUBCOMMANDS. Business rules live in src/app/, never here.
import type { Command } from "commander";
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { registerImportAdvice } from "./import-advice.js";
import { registerImportBank } from "./import-bank.js";
import { registerImportExpenses } from "./import-expenses.js";
import { registerImportOpening } from "./import-opening.js";
import { registerImportPayroll } from "./import-payroll.js";
import { registerImportTaxList } from "./import-tax-list.js";

type RegisterSub = (importCommand: Command, run: Runner) => void;

// One line per kind of input file; keep sorted.
const SUBCOMMANDS: RegisterSub[] = [
  registerImportAdvice,
  registerImportBank,
  registerImportExpenses,
  registerImportOpening,
  registerImportPayroll,
  registerImportTaxList,
];

export function register(program: Command, run: Runner): void {
  const cmd = program
    .command("import")
    .description(h("Read an input file into the ledger: all of it or nothing", "把输入文件读入账本：要么全部入账，要么什么都不写"))
    .addHelpText("after", examples([
      ["dues import payroll 工资表-2026-10.csv --period 2026-10 --dry-run", "preview a month's payroll: dues, funds, shares", "预览当月工资表：会费、经费、分成"],
      ["dues import advice advices/*.json", "a federation: book affiliates' remittance advices", "总工会：导入下级工会的回执"],
      ["dues import bank 银行流水-2026-11.csv", "match a bank statement to expected receipts and remittances", "把银行流水与应收应付匹配"],
      ["dues import expenses 支出明细-2026-11.csv", "book a month's spending vouchers", "登记当月支出凭证"],
      ["dues import opening 期初余额.csv --as-of 2025-01-01", "take over a union's books: the old books' closing balances", "接账：导入旧账期末余额"],
      ["dues import tax-list 税务代收-2026-10.csv --date 2026-11-20", "a federation: the tax office's collection list, split into refunds and shares", "总工会：税务代收清单，分为返还和各级份额"],
    ]));
  for (const sub of SUBCOMMANDS) sub(cmd, run);
}
