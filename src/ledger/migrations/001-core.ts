// Migration 001: the books. Meta, configurations, batches, entries and postings with
// their hash chain columns, voids and closes; triggers that keep them append-only,
// balanced, chained in order, and out of closed periods (docs/ledger.md), written for
// SQLite and for PostgreSQL (plpgsql), with PostgreSQL's high-water marks (docs/postgres.md).
import { appendOnly, CLOSED, PG_CLOSED, pgRefuseInsert, type Migration } from "./types.js";

export const migration: Migration = {
  version: 1,
  name: "core",
  sql: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE configs (
  sha256 TEXT PRIMARY KEY,
  text   TEXT NOT NULL
) WITHOUT ROWID;

-- AUTOINCREMENT keeps a high-water mark in sqlite_sequence: removing the newest
-- entries or batches leaves it higher than what remains, and verify notices.
CREATE TABLE batches (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  kind          TEXT NOT NULL,
  period        TEXT,
  source        TEXT,
  file          TEXT,
  sha256        TEXT,
  encoding      TEXT,
  rows          INTEGER,
  config_sha256 TEXT REFERENCES configs(sha256),
  memo          TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT
);
CREATE INDEX batches_period ON batches(period, source);
CREATE INDEX batches_sha ON batches(sha256);

CREATE TABLE entries (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  date         TEXT NOT NULL,
  period       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  memo         TEXT NOT NULL,
  batch        INTEGER NOT NULL REFERENCES batches(id),
  ref          TEXT,
  body         TEXT,
  reverses     INTEGER REFERENCES entries(seq),
  postings     INTEGER NOT NULL,
  debit_total  INTEGER NOT NULL,
  lines_count  INTEGER,
  lines_digest TEXT,
  recorded_at  TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
);
CREATE INDEX entries_period ON entries(period);
CREATE INDEX entries_batch ON entries(batch);
CREATE INDEX entries_date ON entries(date);

CREATE TABLE postings (
  id      INTEGER PRIMARY KEY,
  entry   INTEGER NOT NULL REFERENCES entries(seq),
  line    INTEGER NOT NULL,
  period  TEXT NOT NULL,
  account TEXT NOT NULL,
  body    TEXT,
  member  TEXT,
  amount  INTEGER NOT NULL,
  UNIQUE (entry, line)
);
CREATE INDEX postings_account ON postings(account, period);
CREATE INDEX postings_period ON postings(period, account);

CREATE TABLE batch_voids (
  batch      INTEGER PRIMARY KEY REFERENCES batches(id),
  void_batch INTEGER NOT NULL UNIQUE REFERENCES batches(id),
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE closes (
  id         INTEGER PRIMARY KEY,
  period     TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
  entry      INTEGER NOT NULL UNIQUE REFERENCES entries(seq),
  head_seq   INTEGER,
  head_hash  TEXT,
  reason     TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX closes_period ON closes(period, id);

${appendOnly("configs")}
${appendOnly("batches")}
${appendOnly("entries")}
${appendOnly("postings")}
${appendOnly("batch_voids")}
${appendOnly("closes")}
`,
  sqlite: `
-- Chain order and the previous entry's balance, checked as each entry arrives.
CREATE TRIGGER entries_in_order BEFORE INSERT ON entries
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM entries)
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM entries ORDER BY seq DESC LIMIT 1), NEW.prev_hash)
BEGIN SELECT RAISE(ABORT, 'LEDGER_CHAIN_ORDER: entries are appended in sequence, each linked to the previous hash'); END;

CREATE TRIGGER entries_previous_balanced BEFORE INSERT ON entries
WHEN EXISTS (
  SELECT 1 FROM entries e
  WHERE e.seq = (SELECT MAX(seq) FROM entries)
    AND (e.postings IS NOT (SELECT COUNT(*) FROM postings WHERE entry = e.seq)
      OR (SELECT COALESCE(SUM(amount), 0) FROM postings WHERE entry = e.seq) <> 0
      OR e.debit_total IS NOT (SELECT COALESCE(SUM(amount), 0) FROM postings WHERE entry = e.seq AND amount > 0)))
BEGIN SELECT RAISE(ABORT, 'LEDGER_UNBALANCED: the previous entry does not balance or lacks postings'); END;

CREATE TRIGGER entries_closed_period BEFORE INSERT ON entries
WHEN NEW.kind NOT IN ('close', 'reopen') AND (${CLOSED("NEW.period")} OR ${CLOSED("substr(NEW.date, 1, 7)")})
BEGIN SELECT RAISE(ABORT, 'LEDGER_PERIOD_CLOSED: the period is closed'); END;

CREATE TRIGGER postings_fit_entry BEFORE INSERT ON postings
WHEN (SELECT postings FROM entries WHERE seq = NEW.entry) IS NULL
  OR (SELECT COUNT(*) FROM postings WHERE entry = NEW.entry) >= (SELECT postings FROM entries WHERE seq = NEW.entry)
  OR NEW.period IS NOT (SELECT period FROM entries WHERE seq = NEW.entry)
  OR NEW.entry <> (SELECT MAX(seq) FROM entries)
BEGIN SELECT RAISE(ABORT, 'LEDGER_UNBALANCED: postings belong to the newest entry, no more than it declares'); END;

CREATE TRIGGER batches_closed_period BEFORE INSERT ON batches
WHEN NEW.period IS NOT NULL AND NEW.kind NOT IN ('close', 'reopen', 'void') AND ${CLOSED("NEW.period")}
BEGIN SELECT RAISE(ABORT, 'LEDGER_PERIOD_CLOSED: the period is closed'); END;
`,
  postgres: `
-- High-water marks, as SQLite's sqlite_sequence keeps for AUTOINCREMENT tables: inside the
-- transaction (a rolled-back batch leaves no mark), never lowered by a later insert, so
-- removing the newest entries or batches leaves them higher than what remains.
CREATE TABLE dues_sequence (
  name TEXT PRIMARY KEY,
  seq  BIGINT NOT NULL
);
CREATE FUNCTION dues_high_water() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dues_sequence(name, seq) VALUES (TG_TABLE_NAME, (to_jsonb(NEW) ->> TG_ARGV[0])::bigint)
  ON CONFLICT (name) DO UPDATE SET seq = GREATEST(dues_sequence.seq, EXCLUDED.seq);
  RETURN NULL;
END $$;
CREATE TRIGGER batches_high_water AFTER INSERT ON batches FOR EACH ROW EXECUTE FUNCTION dues_high_water('id');
CREATE TRIGGER entries_high_water AFTER INSERT ON entries FOR EACH ROW EXECUTE FUNCTION dues_high_water('seq');

CREATE FUNCTION dues_closed(p TEXT) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT action FROM closes WHERE period = p ORDER BY id DESC LIMIT 1) = 'close', false)
$$;

-- Chain order and the previous entry's balance, checked as each entry arrives.
${pgRefuseInsert("entries_in_order", "entries",
  "NEW.seq IS DISTINCT FROM COALESCE(last_seq, 0) + 1 OR NEW.prev_hash IS DISTINCT FROM COALESCE(last_hash, NEW.prev_hash)",
  "LEDGER_CHAIN_ORDER: entries are appended in sequence, each linked to the previous hash",
  { declare: "last_seq BIGINT; last_hash TEXT;", prelude: "SELECT seq, hash INTO last_seq, last_hash FROM entries ORDER BY seq DESC LIMIT 1;" })}
${pgRefuseInsert("entries_previous_balanced", "entries", `EXISTS (
    SELECT 1 FROM entries e
    WHERE e.seq = (SELECT MAX(seq) FROM entries)
      AND (e.postings IS DISTINCT FROM (SELECT COUNT(*) FROM postings WHERE entry = e.seq)
        OR (SELECT COALESCE(SUM(amount), 0) FROM postings WHERE entry = e.seq) <> 0
        OR e.debit_total IS DISTINCT FROM (SELECT COALESCE(SUM(amount), 0) FROM postings WHERE entry = e.seq AND amount > 0)))`,
  "LEDGER_UNBALANCED: the previous entry does not balance or lacks postings")}
${pgRefuseInsert("entries_closed_period", "entries",
  `NEW.kind NOT IN ('close', 'reopen') AND (${PG_CLOSED("NEW.period")} OR ${PG_CLOSED("substr(NEW.date, 1, 7)")})`,
  "LEDGER_PERIOD_CLOSED: the period is closed")}
${pgRefuseInsert("postings_fit_entry", "postings", `e.postings IS NULL
    OR (SELECT COUNT(*) FROM postings WHERE entry = NEW.entry) >= e.postings
    OR NEW.period IS DISTINCT FROM e.period
    OR NEW.entry <> (SELECT MAX(seq) FROM entries)`,
  "LEDGER_UNBALANCED: postings belong to the newest entry, no more than it declares",
  { declare: "e RECORD;", prelude: "SELECT postings, period INTO e FROM entries WHERE seq = NEW.entry;" })}
${pgRefuseInsert("batches_closed_period", "batches",
  `NEW.period IS NOT NULL AND NEW.kind NOT IN ('close', 'reopen', 'void') AND ${PG_CLOSED("NEW.period")}`,
  "LEDGER_PERIOD_CLOSED: the period is closed")}
`,
};
