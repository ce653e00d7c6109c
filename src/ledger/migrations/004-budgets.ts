// Migration 004: budgets. A year's budget is a sequence of versions (adopted, then
// mid-year adjustments), each a set of lines by account; an approval freezes a version.
// Everything is append-only: a version can be superseded by a newer one, never changed.
import { pgRefuseChanges, pgRefuseInsert, type Migration } from "./types.js";

const TABLES = ["budget_versions", "budget_lines", "budget_approvals"];

// Like types.ts's appendOnly, with the budget's own wording: the remedy is a new version.
function frozen(table: string): string {
  return `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'BUDGET_FROZEN: ${table} rows cannot be changed; import a new budget version'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'BUDGET_FROZEN: ${table} rows cannot be deleted; import a new budget version'); END;
`;
}

export const migration: Migration = {
  version: 4,
  name: "budgets",
  sql: `
CREATE TABLE budget_versions (
  id         INTEGER PRIMARY KEY,
  year       INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('adopted', 'adjusted')),
  file       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  -- How many lines the version has: a version is written whole in one transaction,
  -- and the store checks the count on reading, so a truncated version is noticed.
  lines      INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  UNIQUE (year, version)
);

CREATE TABLE budget_lines (
  version_id  INTEGER NOT NULL REFERENCES budget_versions(id),
  position    INTEGER NOT NULL,
  source_line INTEGER NOT NULL,
  account     TEXT NOT NULL,
  budget      INTEGER NOT NULL CHECK (budget >= 0),
  adjustment  INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, account),
  CHECK (budget + adjustment >= 0)
);

CREATE TABLE budget_approvals (
  version_id  INTEGER PRIMARY KEY REFERENCES budget_versions(id),
  approved_by TEXT NOT NULL,
  approved_on TEXT NOT NULL,
  review      TEXT,
  review_date TEXT,
  created_at  TEXT NOT NULL
);
`,
  sqlite: `
-- Versions are numbered 1, 2, 3 ... per year, in order.
CREATE TRIGGER budget_versions_in_order BEFORE INSERT ON budget_versions
WHEN NEW.version IS NOT (SELECT COALESCE(MAX(version), 0) + 1 FROM budget_versions WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'BUDGET_VERSION_ORDER: budget versions are numbered in sequence per year'); END;

-- Lines go only into the newest version of its year, and never into an approved one.
CREATE TRIGGER budget_lines_frozen BEFORE INSERT ON budget_lines
WHEN EXISTS (SELECT 1 FROM budget_approvals WHERE version_id = NEW.version_id)
  OR (SELECT COUNT(*) FROM budget_lines WHERE version_id = NEW.version_id)
     >= (SELECT lines FROM budget_versions WHERE id = NEW.version_id)
  OR EXISTS (SELECT 1 FROM budget_versions v, budget_versions w
             WHERE v.id = NEW.version_id AND w.year = v.year AND w.version > v.version)
BEGIN SELECT RAISE(ABORT, 'BUDGET_FROZEN: an approved or superseded budget version cannot be changed'); END;

-- Only the newest version of a year can be approved, and only once it is complete.
CREATE TRIGGER budget_approvals_latest BEFORE INSERT ON budget_approvals
WHEN EXISTS (SELECT 1 FROM budget_versions v, budget_versions w
             WHERE v.id = NEW.version_id AND w.year = v.year AND w.version > v.version)
  OR (SELECT COUNT(*) FROM budget_lines WHERE version_id = NEW.version_id)
     IS NOT (SELECT lines FROM budget_versions WHERE id = NEW.version_id)
BEGIN SELECT RAISE(ABORT, 'BUDGET_FROZEN: only the newest complete budget version of a year can be approved'); END;

${TABLES.map(frozen).join("")}
`,
  postgres: `
${pgRefuseInsert("budget_versions_in_order", "budget_versions",
  "NEW.version IS DISTINCT FROM (SELECT COALESCE(MAX(version), 0) + 1 FROM budget_versions WHERE year = NEW.year)",
  "BUDGET_VERSION_ORDER: budget versions are numbered in sequence per year")}
${pgRefuseInsert("budget_lines_frozen", "budget_lines", `EXISTS (SELECT 1 FROM budget_approvals WHERE version_id = NEW.version_id)
    OR (SELECT COUNT(*) FROM budget_lines WHERE version_id = NEW.version_id)
       >= (SELECT lines FROM budget_versions WHERE id = NEW.version_id)
    OR EXISTS (SELECT 1 FROM budget_versions v, budget_versions w
               WHERE v.id = NEW.version_id AND w.year = v.year AND w.version > v.version)`,
  "BUDGET_FROZEN: an approved or superseded budget version cannot be changed")}
${pgRefuseInsert("budget_approvals_latest", "budget_approvals", `EXISTS (SELECT 1 FROM budget_versions v, budget_versions w
             WHERE v.id = NEW.version_id AND w.year = v.year AND w.version > v.version)
    OR (SELECT COUNT(*) FROM budget_lines WHERE version_id = NEW.version_id)
       IS DISTINCT FROM (SELECT lines FROM budget_versions WHERE id = NEW.version_id)`,
  "BUDGET_FROZEN: only the newest complete budget version of a year can be approved")}
${pgRefuseChanges(TABLES, "budget_frozen", "BUDGET_FROZEN", "import a new budget version")}`,
};
