// Migration 005: the membership roster (`dues members import ROSTER`, `membership: roster`).
// A register like `members`, not the books: a later roster updates a member's row.
// joined/left are ISO dates; a member counts for every month they were a member in.
import type { Migration } from "./types.js";

export const migration: Migration = {
  version: 5,
  name: "roster",
  sql: `
CREATE TABLE roster (
  member      TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL,
  joined      TEXT,
  left_on     TEXT,
  file        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  source_line INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) WITHOUT ROWID;
`,
};
