// The membership roster in the ledger file (migration 005): one row per member with
// joined and left dates, written by `dues members import` inside ledger.transaction(),
// read by the payroll import under `membership: roster`.
import type { SqlDb } from "./sql.js";
import type { IsoDate } from "../domain/period.js";

export interface RosterEntry {
  readonly member: string;
  readonly name: string;
  readonly status: string;
  readonly joined: IsoDate | null;
  readonly left: IsoDate | null;
  readonly sourceLine: number;
}

export class RosterStore {
  constructor(private readonly db: SqlDb) {}

  /** Adds or updates each member's roster row (call inside ledger.transaction()). */
  upsert(entries: Iterable<RosterEntry>, from: { file: string; sha256: string; importedAt: string }): number {
    if (!this.db.inTransaction) throw new Error("bug: RosterStore.upsert must run inside ledger.transaction()");
    const st = this.db.prepare(`INSERT INTO roster (member, name, status, joined, left_on, file, sha256, source_line, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (member) DO UPDATE SET name = excluded.name, status = excluded.status, joined = excluded.joined,
        left_on = excluded.left_on, file = excluded.file, sha256 = excluded.sha256, source_line = excluded.source_line,
        imported_at = excluded.imported_at`);
    let n = 0;
    for (const e of entries) {
      st.run(e.member, e.name, e.status, e.joined, e.left, from.file, from.sha256, e.sourceLine, from.importedAt);
      n++;
    }
    return n;
  }

  all(): RosterEntry[] {
    return this.db.prepare("SELECT member, name, status, joined, left_on AS left, source_line AS sourceLine FROM roster ORDER BY member").all() as RosterEntry[];
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM roster").get() as { n: number }).n;
  }
}
