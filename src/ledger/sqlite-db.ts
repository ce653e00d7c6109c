// The SQLite backend of SqlDb (sql.ts): better-sqlite3, opened with the pragmas every
// ledger connection needs. Its Database satisfies SqlDb as it is (every store built with
// ledger.db checks that at compile time). Knows nothing of the books; ledger.ts does.
import Database from "better-sqlite3";

/** Opens a ledger file with WAL, a 10 s busy wait, foreign keys and recursive triggers. */
export function openSqlite(path: string, mustExist: boolean, readonly: boolean): Database.Database {
  const db = new Database(path, { fileMustExist: mustExist, readonly });
  // A second writer waits (up to 10 s) for the first instead of failing with SQLITE_BUSY.
  db.pragma("busy_timeout = 10000");
  if (!readonly) db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // Without this, INSERT OR REPLACE deletes the old row without firing delete triggers,
  // which would let a replaced batch or member line slip past the append-only rule.
  db.pragma("recursive_triggers = ON");
  return db;
}
