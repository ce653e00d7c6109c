// Migration 009: the posting trigger in constant time, and the date an affiliate left.
//
// postings_fit_entry (001, redefined in 006) counted the entry's postings so far for every
// posting inserted: quadratic in an entry's size (the tax list's entries have one posting
// per affiliate, thousands). It now checks the posting's line instead: a line from 1 to the
// number the entry declares, not already used. With UNIQUE (entry, line) of 001 that says
// the same — no more postings than declared, numbered 1..n — with one index probe per row;
// the existing-line probe keeps a reused line the trigger's own refusal (LEDGER_UNBALANCED)
// rather than the engine's unique-key error. That an entry has *all* its postings is checked,
// as before, when the next entry arrives (entries_previous_balanced) and by verify.
//
// affiliates.left_on / affiliate_versions.left_on: when an affiliate left the federation
// (YYYY-MM-DD or YYYY-MM as the register wrote it, nullable), the other end of 008's
// `joined`; nothing is expected of it for the months after (docs/federation.md). `left` is
// a reserved word on PostgreSQL, so the column is left_on, as the roster's (005).
import { pgRefuseInsert, type Migration } from "./types.js";

const MESSAGE = "LEDGER_UNBALANCED: postings belong to the newest entry, no more than it declares";

export const migration: Migration = {
  version: 9,
  name: "linear-postings",
  sql: `
ALTER TABLE affiliate_versions ADD COLUMN left_on TEXT;
ALTER TABLE affiliates ADD COLUMN left_on TEXT;
`,
  sqlite: `
DROP TRIGGER postings_fit_entry;
CREATE TRIGGER postings_fit_entry BEFORE INSERT ON postings
WHEN (SELECT postings FROM entries WHERE seq = NEW.entry) IS NULL
  OR NEW.line < 1 OR NEW.line > (SELECT postings FROM entries WHERE seq = NEW.entry)
  OR EXISTS (SELECT 1 FROM postings WHERE entry = NEW.entry AND line = NEW.line)
  OR (NEW.period <> (SELECT period FROM entries WHERE seq = NEW.entry)
      AND ((SELECT kind FROM entries WHERE seq = NEW.entry) NOT IN ('opening', 'void')
           OR NEW.period > (SELECT period FROM entries WHERE seq = NEW.entry)))
  OR NEW.entry <> (SELECT MAX(seq) FROM entries)
BEGIN SELECT RAISE(ABORT, '${MESSAGE}'); END;
`,
  postgres: `
${pgRefuseInsert("postings_fit_entry", "postings", `e.postings IS NULL
    OR NEW.line < 1 OR NEW.line > e.postings
    OR EXISTS (SELECT 1 FROM postings WHERE entry = NEW.entry AND line = NEW.line)
    OR (NEW.period <> e.period AND (e.kind NOT IN ('opening', 'void') OR NEW.period > e.period))
    OR NEW.entry <> (SELECT MAX(seq) FROM entries)`,
  MESSAGE,
  { declare: "e RECORD;", prelude: "SELECT postings, period, kind INTO e FROM entries WHERE seq = NEW.entry;" })}
`,
};
