// Migration 003: money in and out. Which month a receipt or remittance settles (when the
// treasurer said so), and the bank statements imported: their SHA-256 (a statement is
// read once) and which statement line became which entry. All append-only.
import { appendOnly, type Migration } from "./types.js";

export const migration: Migration = {
  version: 3,
  name: "bank",
  sql: `
-- A receipt or remittance entry is booked in the month of its date; the month it pays
-- for (--period, or the month a statement line was matched to) is recorded here.
CREATE TABLE settlements (
  entry  INTEGER PRIMARY KEY REFERENCES entries(seq),
  period TEXT NOT NULL
);

CREATE TABLE bank_statements (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  file        TEXT NOT NULL,
  source      TEXT NOT NULL,
  encoding    TEXT,
  lines       INTEGER NOT NULL,
  matched     INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);

-- Every line read from a statement; entry is NULL for lines left unmatched.
-- amount: minor units, positive = money into the account (credit column), negative = out.
CREATE TABLE bank_lines (
  id           INTEGER PRIMARY KEY,
  statement    INTEGER NOT NULL REFERENCES bank_statements(id),
  line         INTEGER NOT NULL,
  date         TEXT NOT NULL,
  amount       INTEGER NOT NULL,
  ref          TEXT NOT NULL DEFAULT '',
  counterparty TEXT NOT NULL DEFAULT '',
  entry        INTEGER REFERENCES entries(seq),
  note         TEXT,
  UNIQUE (statement, line)
);
CREATE INDEX bank_lines_entry ON bank_lines(entry);
CREATE INDEX bank_lines_key ON bank_lines(date, amount);

${appendOnly("settlements")}
${appendOnly("bank_statements")}
${appendOnly("bank_lines")}
`,
};
