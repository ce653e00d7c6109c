// Migration 002: members. The register (updatable: it is not the books), the status
// history per period, and member_lines, the per-member subledger an import writes
// (append-only, covered by the hash chain through the batch's entries).
import { appendOnly, type Migration } from "./types.js";

export const migration: Migration = {
  version: 2,
  name: "members",
  sql: `
CREATE TABLE members (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT 'active',
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE member_status (
  id     INTEGER PRIMARY KEY,
  member TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  batch  INTEGER NOT NULL REFERENCES batches(id)
);
CREATE INDEX member_status_member ON member_status(member, period);

-- No foreign keys and no insert trigger here: this is the hot table (a million rows
-- per import). The batch id is checked once by the Ledger when lines are appended, and
-- closed months are checked in code and by the trigger on batches; a per-row
-- closed-month trigger measured about 1 s of CPU per million rows (20%).
CREATE TABLE member_lines (
  id             INTEGER PRIMARY KEY,
  batch_id       INTEGER NOT NULL,
  period         TEXT NOT NULL,
  member_id      TEXT NOT NULL,
  source_line    INTEGER NOT NULL,
  name           TEXT NOT NULL,
  department     TEXT NOT NULL,
  status         TEXT NOT NULL,
  is_member      INTEGER NOT NULL,
  exempt         INTEGER NOT NULL,
  exempt_reason  TEXT,
  dues_base      INTEGER NOT NULL,
  truncated_base INTEGER NOT NULL,
  rate_text      TEXT NOT NULL,
  dues           INTEGER NOT NULL,
  deducted       INTEGER,
  difference     INTEGER NOT NULL,
  funds_base     INTEGER NOT NULL
);
CREATE INDEX member_lines_batch ON member_lines(batch_id);
CREATE INDEX member_lines_period ON member_lines(period, batch_id);
CREATE INDEX member_lines_member ON member_lines(member_id, period);

${appendOnly("member_status")}
${appendOnly("member_lines")}
`,
};
