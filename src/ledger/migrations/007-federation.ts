// Migration 007: a federation's books (issue 11). The affiliates register (the current row,
// updatable like `members`, and every version of it, append-only, so a re-import that
// changes a name or contact is recorded rather than overwritten), and the remittance
// advices imported from affiliates with their month lines (append-only). Portable SQL
// only: CREATE TABLE / INDEX and appendOnly() (TEAM.md), so the PostgreSQL port is mechanical.
import { appendOnly, type Migration } from "./types.js";

export const migration: Migration = {
  version: 7,
  name: "federation",
  sql: `
CREATE TABLE affiliate_imports (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  rows_read   INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);

-- One row per version of an affiliate; version 1 is the first import that named it.
CREATE TABLE affiliate_versions (
  id          INTEGER PRIMARY KEY,
  affiliate   TEXT NOT NULL,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  employer    TEXT NOT NULL,
  credit_code TEXT,
  collection  TEXT,
  receives    TEXT NOT NULL,
  funds_base  INTEGER,
  contact     TEXT NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES affiliate_imports(id),
  source_line INTEGER NOT NULL,
  UNIQUE (affiliate, version)
);
CREATE INDEX affiliate_versions_credit ON affiliate_versions(credit_code);

-- The register as it stands: the latest version of each affiliate (kept in step by the store).
CREATE TABLE affiliates (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  employer    TEXT NOT NULL,
  credit_code TEXT,
  collection  TEXT,
  receives    TEXT NOT NULL,
  funds_base  INTEGER,
  contact     TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX affiliates_credit ON affiliates(credit_code);

-- A remittance advice or annual return (docs/return-file.md) as imported: the batch that
-- booked it, the sender's chain head and configuration, and its SHA-256 (read once).
CREATE TABLE advices (
  id            INTEGER PRIMARY KEY,
  batch         INTEGER NOT NULL REFERENCES batches(id),
  affiliate     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  from_period   TEXT NOT NULL,
  to_period     TEXT NOT NULL,
  file          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  generated_at  TEXT NOT NULL,
  as_of         TEXT,
  head_seq      INTEGER,
  head_hash     TEXT,
  config_sha256 TEXT NOT NULL,
  imported_at   TEXT NOT NULL
);
CREATE INDEX advices_sha ON advices(sha256);
CREATE INDEX advices_affiliate ON advices(affiliate, from_period);

-- One line per month of an advice. expected: what the affiliate owes this federation for
-- the month (the shares that come here); booked: that amount was debited to 132 (0 when the
-- month's money comes another way, e.g. the tax authority). entry: the entry that booked it,
-- replaces: the earlier standing line this one corrects (reversed in the same batch).
CREATE TABLE advice_lines (
  id          INTEGER PRIMARY KEY,
  advice      INTEGER NOT NULL REFERENCES advices(id),
  affiliate   TEXT NOT NULL,
  period      TEXT NOT NULL,
  employees   INTEGER NOT NULL,
  members     INTEGER NOT NULL,
  dues        INTEGER NOT NULL,
  funds_base  INTEGER NOT NULL,
  funds       INTEGER NOT NULL,
  upward      INTEGER NOT NULL,
  expected    INTEGER NOT NULL,
  booked      INTEGER NOT NULL,
  collection  TEXT NOT NULL,
  entry       INTEGER REFERENCES entries(seq),
  replaces    INTEGER REFERENCES advice_lines(id)
);
CREATE INDEX advice_lines_key ON advice_lines(affiliate, period);
CREATE INDEX advice_lines_advice ON advice_lines(advice);

-- One line per line of an imported tax-authority collection list (税务代收, wt-tax): who it
-- was for (affiliate; NULL for 筹备金 from an employer without a union), the month, and how
-- it was split (refund to the affiliate via 212, the federation's own share, the higher
-- bodies' total via 211); entry: the period's entry of the list's batch.
CREATE TABLE tax_lines (
  id          INTEGER PRIMARY KEY,
  batch       INTEGER NOT NULL REFERENCES batches(id),
  entry       INTEGER NOT NULL REFERENCES entries(seq),
  source_line INTEGER NOT NULL,
  affiliate   TEXT,
  credit_code TEXT NOT NULL,
  employer    TEXT NOT NULL,
  period      TEXT NOT NULL,
  item        TEXT NOT NULL,
  collection  TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  refund      INTEGER NOT NULL,
  own_share   INTEGER NOT NULL,
  upward      INTEGER NOT NULL,
  paid_on     TEXT,
  ref         TEXT
);
CREATE INDEX tax_lines_affiliate ON tax_lines(affiliate, period);
CREATE INDEX tax_lines_batch ON tax_lines(batch);

${appendOnly("affiliate_imports")}
${appendOnly("affiliate_versions")}
${appendOnly("advices")}
${appendOnly("advice_lines")}
${appendOnly("tax_lines")}
`,
};
