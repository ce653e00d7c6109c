// `dues import ...`: one parent command with a subcommand per kind of input file.
// Each kind lives in its own register function below; adding one (bank, expenses) is
// one line in SUBCOMMANDS. Business rules live in src/app/, never here.
import type { Command } from "commander";
import { h } from "../help.js";
import type { Runner } from "../run.js";
import { registerImportBank } from "./import-bank.js";
import { registerImportExpenses } from "./import-expenses.js";
import { registerImportPayroll } from "./import-payroll.js";

type RegisterSub = (importCommand: Command, run: Runner) => void;

// One line per kind of input file; keep sorted.
const SUBCOMMANDS: RegisterSub[] = [
  registerImportBank,
  registerImportExpenses,
  registerImportPayroll,
];

export function register(program: Command, run: Runner): void {
  const cmd = program
    .command("import")
    .description(h("Read an input file into the ledger: all of it or nothing", "把输入文件读入账本：要么全部入账，要么什么都不写"));
  for (const sub of SUBCOMMANDS) sub(cmd, run);
}
