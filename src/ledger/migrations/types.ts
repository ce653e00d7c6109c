// A schema migration: a number, a name, and the SQL that takes the ledger from the
// previous number to this one. SQL lives in .ts modules because tsc does not copy .sql.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** SQL for triggers that make a table append-only (UPDATE and DELETE refused). */
export function appendOnly(table: string): string {
  return `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: ${table} rows cannot be changed; post a reversing entry'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: ${table} rows cannot be deleted; post a reversing entry'); END;
`;
}

/** SQL: a period is closed when its latest close/reopen row is a close (the triggers of 001 and 006). */
export const CLOSED = (period: string): string =>
  `(SELECT action FROM closes WHERE period = ${period} ORDER BY id DESC LIMIT 1) = 'close'`;
