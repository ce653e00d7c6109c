// `dues backup FILE`: a consistent copy of the ledger through SQLite's online backup
// API, safe while another process writes; never overwrites FILE.
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { problem, Refusal } from "../domain/problem.js";
import { text } from "../domain/text.js";
import type { Ledger } from "../ledger/ledger.js";

export interface BackupOutcome {
  readonly file: string;
  readonly bytes: number;
  readonly head: { seq: number; hash: string } | null;
}

/** `file` is an absolute path. */
export async function backupLedger(ledger: Ledger, file: string): Promise<BackupOutcome> {
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Refusal("cannot-write", [problem("BACKUP_CANNOT_WRITE", text(`cannot write ${file}: the folder ${dir} does not exist`, `无法写入 ${file}：文件夹 ${dir} 不存在`), { file })]);
  }
  try {
    return await ledger.backupTo(file);
  } catch (e) {
    if (e instanceof Refusal) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (/^(EACCES|EPERM|EROFS|ENOSPC)$/.test(code) || /SQLITE_CANTOPEN|readonly|disk/i.test(String((e as Error).message))) {
      throw new Refusal("cannot-write", [problem("BACKUP_CANNOT_WRITE", text(`cannot write ${file}: ${(e as Error).message}`, `无法写入 ${file}：${(e as Error).message}`), { file })]);
    }
    throw e;
  }
}
