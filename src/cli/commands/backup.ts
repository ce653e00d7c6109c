// `dues backup FILE`: a consistent copy of the ledger while it is in use (SQLite online
// backup API). Never overwrites FILE. Rules in src/app/backup.ts.
import type { Command } from "commander";
import { resolve } from "node:path";
let backupLedger!: typeof import("../../app/backup.js").backupLedger;
import { examples, h } from "../help.js";
import type { Runner } from "../run.js";
import { ledgerFor } from "../workspace.js";

// The use cases, imported when a command of this file runs (run.ts), not at start-up.
async function load(): Promise<void> {
  ({ backupLedger } = await import("../../app/backup.js"));
}

export function register(program: Command, run: Runner): void {
  program
    .command("backup")
    .description(h("Write a consistent copy of the ledger, even while it is in use", "备份账本（使用中也能得到一致的副本）"))
    .argument("<file>", h("the copy to write; never overwritten", "备份文件；不会覆盖已有文件"))
    .addHelpText("after", examples([["dues backup backups/dues-2026-10.db", "a copy before closing October", "10月结账前备份"]]))
    .action(run(load, async (ctx, file: string) => {
      const lo = ledgerFor(ctx);
      try {
        const r = await backupLedger(lo.ledger, resolve(ctx.cwd, file));
        if (ctx.globals.json) {
          ctx.json({ file: r.file, bytes: r.bytes, head: r.head });
          return 0;
        }
        const zh = ctx.lang === "zh-CN";
        const head = r.head ? `#${r.head.seq} ${r.head.hash}` : zh ? "（空账）" : "(empty ledger)";
        ctx.print(zh ? `已备份到 ${r.file}（${r.bytes} 字节），链头 ${head}` : `Backed up to ${r.file} (${r.bytes} bytes), chain head ${head}`);
        return 0;
      } finally {
        lo.close();
      }
    }));
}
