// Migration 006: books that run for years. Postings get a project tag (earmarked money,
// 专项, carried forward to 321 at year end), opening-balance postings may carry their own
// period (what was owed for 2024-12 when the books were taken over), and the year-end
// carry-forward and its reversal may be dated in a sealed month, as month closes are.
import { CLOSED, PG_CLOSED, pgRefuseInsert, type Migration } from "./types.js";

export const migration: Migration = {
  version: 6,
  name: "years",
  sql: `
ALTER TABLE postings ADD COLUMN project TEXT;
`,
  sqlite: `
-- As in 001, and: a posting of an opening entry (or of the void entry reversing one) may
-- name an earlier period than its entry (the month a balance was owed for), never a later one.
DROP TRIGGER postings_fit_entry;
CREATE TRIGGER postings_fit_entry BEFORE INSERT ON postings
WHEN (SELECT postings FROM entries WHERE seq = NEW.entry) IS NULL
  OR (SELECT COUNT(*) FROM postings WHERE entry = NEW.entry) >= (SELECT postings FROM entries WHERE seq = NEW.entry)
  OR (NEW.period <> (SELECT period FROM entries WHERE seq = NEW.entry)
      AND ((SELECT kind FROM entries WHERE seq = NEW.entry) NOT IN ('opening', 'void')
           OR NEW.period > (SELECT period FROM entries WHERE seq = NEW.entry)))
  OR NEW.entry <> (SELECT MAX(seq) FROM entries)
BEGIN SELECT RAISE(ABORT, 'LEDGER_UNBALANCED: postings belong to the newest entry, no more than it declares'); END;

-- The year-end carry-forward (year-close) and its reversal (year-reopen) are booked on the
-- last day of the financial year, whose months are all closed by then.
DROP TRIGGER entries_closed_period;
CREATE TRIGGER entries_closed_period BEFORE INSERT ON entries
WHEN NEW.kind NOT IN ('close', 'reopen', 'year-close', 'year-reopen') AND (${CLOSED("NEW.period")} OR ${CLOSED("substr(NEW.date, 1, 7)")})
BEGIN SELECT RAISE(ABORT, 'LEDGER_PERIOD_CLOSED: the period is closed'); END;

DROP TRIGGER batches_closed_period;
CREATE TRIGGER batches_closed_period BEFORE INSERT ON batches
WHEN NEW.period IS NOT NULL AND NEW.kind NOT IN ('close', 'reopen', 'void', 'year-close', 'year-reopen') AND ${CLOSED("NEW.period")}
BEGIN SELECT RAISE(ABORT, 'LEDGER_PERIOD_CLOSED: the period is closed'); END;
`,
  postgres: `
${pgRefuseInsert("postings_fit_entry", "postings", `e.postings IS NULL
    OR (SELECT COUNT(*) FROM postings WHERE entry = NEW.entry) >= e.postings
    OR (NEW.period <> e.period AND (e.kind NOT IN ('opening', 'void') OR NEW.period > e.period))
    OR NEW.entry <> (SELECT MAX(seq) FROM entries)`,
  "LEDGER_UNBALANCED: postings belong to the newest entry, no more than it declares",
  { declare: "e RECORD;", prelude: "SELECT postings, period, kind INTO e FROM entries WHERE seq = NEW.entry;" })}
${pgRefuseInsert("entries_closed_period", "entries",
  `NEW.kind NOT IN ('close', 'reopen', 'year-close', 'year-reopen') AND (${PG_CLOSED("NEW.period")} OR ${PG_CLOSED("substr(NEW.date, 1, 7)")})`,
  "LEDGER_PERIOD_CLOSED: the period is closed")}
${pgRefuseInsert("batches_closed_period", "batches",
  `NEW.period IS NOT NULL AND NEW.kind NOT IN ('close', 'reopen', 'void', 'year-close', 'year-reopen') AND ${PG_CLOSED("NEW.period")}`,
  "LEDGER_PERIOD_CLOSED: the period is closed")}
`,
};
