// Migration 008: when an affiliate joined the federation (issue 11), on the register row and
// on every version of it. Nullable: registers imported before, and rows that do not say,
// have none. The value is YYYY-MM-DD (a day) or YYYY-MM (a month), as the register wrote
// it; reconcile --affiliates expects nothing of an affiliate before that month
// (docs/federation.md, "The affiliates register"). Portable ALTER TABLE ADD COLUMN only: the
// append-only triggers of affiliate_versions (007) refuse UPDATE and DELETE, not DDL.
import type { Migration } from "./types.js";

export const migration: Migration = {
  version: 8,
  name: "affiliate-joined",
  sql: `
ALTER TABLE affiliate_versions ADD COLUMN joined TEXT;
ALTER TABLE affiliates ADD COLUMN joined TEXT;
`,
};
