// Every migration, in order. Adding one: a new NNN-name.ts module and one line here
// (006 is opening balances and year ends, 007 the federation, 008 the affiliates' joined date, 009 the posting trigger in constant time and the affiliates' left date; docs/ledger.md, docs/federation.md).
import type { Migration } from "./types.js";
import { migration as m001 } from "./001-core.js";
import { migration as m002 } from "./002-members.js";
import { migration as m003 } from "./003-bank.js";
import { migration as m004 } from "./004-budgets.js";
import { migration as m005 } from "./005-roster.js";
import { migration as m006 } from "./006-years.js";
import { migration as m007 } from "./007-federation.js";
import { migration as m008 } from "./008-affiliate-joined.js";
import { migration as m009 } from "./009-linear-postings.js";

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009];
