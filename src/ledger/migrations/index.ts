// Every migration, in order. Adding one: a new NNN-name.ts module and one line here
// (003 is reserved for bank statements, 004 for budgets; docs/ledger.md).
import type { Migration } from "./types.js";
import { migration as m001 } from "./001-core.js";
import { migration as m002 } from "./002-members.js";
import { migration as m003 } from "./003-bank.js";
import { migration as m004 } from "./004-budgets.js";
import { migration as m005 } from "./005-roster.js";

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005];
