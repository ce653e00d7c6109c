// Budget versions, their lines and approvals in the ledger file (migration 004): the
// queries the Ledger class does not have. Writes happen inside ledger.transaction();
// the triggers refuse any change to a version once written, approved or superseded.
import type { SqlDb } from "./sql.js";
import type { Approval, BudgetKind, BudgetLine, BudgetVersion } from "../domain/budget.js";
import type { IsoDate } from "../domain/period.js";

export interface NewBudgetVersion {
  readonly year: number;
  readonly kind: BudgetKind;
  readonly file: string;
  readonly sha256: string;
  readonly lines: readonly (BudgetLine & { readonly sourceLine: number })[];
  readonly createdAt: string;
  readonly createdBy?: string;
}

export interface StoredBudgetVersion extends BudgetVersion {
  /** Row id, used to approve. */
  readonly id: number;
  readonly createdBy: string | null;
  readonly approvalRecordedAt: string | null;
  /** The source line of each account in the imported file. */
  readonly sourceLines: ReadonlyMap<string, number>;
}

interface VersionRow { id: number; year: number; version: number; kind: BudgetKind; file: string; sha256: string; lines: number; created_at: string; created_by: string | null }
interface LineRow { version_id: number; account: string; budget: number; adjustment: number; note: string; source_line: number }
interface ApprovalRow { version_id: number; approved_by: string; approved_on: string; review: string | null; review_date: string | null; created_at: string }

export class BudgetStore {
  constructor(private readonly db: SqlDb) {}

  /** Appends a new version for the year (numbered after the last); returns its number. */
  addVersion(v: NewBudgetVersion): { id: number; version: number } {
    const next = (this.db.prepare("SELECT COALESCE(MAX(version), 0) + 1 AS n FROM budget_versions WHERE year = ?").get(v.year) as { n: number }).n;
    const info = this.db
      .prepare("INSERT INTO budget_versions (year, version, kind, file, sha256, lines, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(v.year, next, v.kind, v.file, v.sha256, v.lines.length, v.createdAt, v.createdBy ?? null);
    const id = Number(info.lastInsertRowid);
    const ins = this.db.prepare("INSERT INTO budget_lines (version_id, position, source_line, account, budget, adjustment, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
    v.lines.forEach((l, i) => ins.run(id, i + 1, l.sourceLine, l.account, l.budget, l.adjustment, l.note));
    return { id, version: next };
  }

  approve(versionId: number, a: Approval & { readonly createdAt: string }): void {
    this.db
      .prepare("INSERT INTO budget_approvals (version_id, approved_by, approved_on, review, review_date, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(versionId, a.by, a.date, a.review, a.reviewDate, a.createdAt);
  }

  /** Every version of a year, oldest first, with lines and approval. */
  versions(year: number): StoredBudgetVersion[] {
    const rows = this.db.prepare("SELECT * FROM budget_versions WHERE year = ? ORDER BY version").all(year) as VersionRow[];
    return rows.map((r) => this.load(r));
  }

  /** The version in force: the newest of the year. */
  latest(year: number): StoredBudgetVersion | undefined {
    const r = this.db.prepare("SELECT * FROM budget_versions WHERE year = ? ORDER BY version DESC LIMIT 1").get(year) as VersionRow | undefined;
    return r ? this.load(r) : undefined;
  }

  /** The newest version of the year whose kind is "adopted" (the 年初预算 an adjustment adjusts). */
  latestAdopted(year: number): StoredBudgetVersion | undefined {
    const r = this.db.prepare("SELECT * FROM budget_versions WHERE year = ? AND kind = 'adopted' ORDER BY version DESC LIMIT 1").get(year) as VersionRow | undefined;
    return r ? this.load(r) : undefined;
  }

  /** A version of this year already imported from a file with this SHA-256, if any. */
  versionWithFile(year: number, sha256: string): StoredBudgetVersion | undefined {
    const r = this.db.prepare("SELECT * FROM budget_versions WHERE year = ? AND sha256 = ? ORDER BY version DESC LIMIT 1").get(year, sha256) as VersionRow | undefined;
    return r ? this.load(r) : undefined;
  }

  private load(r: VersionRow): StoredBudgetVersion {
    const lines = this.db.prepare("SELECT * FROM budget_lines WHERE version_id = ? ORDER BY position").all(r.id) as LineRow[];
    if (lines.length !== r.lines) {
      // The triggers and the single transaction make this impossible short of editing the file.
      throw new Error(`bug or damaged ledger: budget ${r.year} version ${r.version} declares ${r.lines} lines and has ${lines.length}`);
    }
    const a = this.db.prepare("SELECT * FROM budget_approvals WHERE version_id = ?").get(r.id) as ApprovalRow | undefined;
    return {
      id: r.id,
      year: r.year,
      version: r.version,
      kind: r.kind,
      file: r.file,
      sha256: r.sha256,
      importedAt: r.created_at,
      createdBy: r.created_by,
      lines: lines.map((l) => ({ account: l.account, budget: l.budget, adjustment: l.adjustment, note: l.note })),
      sourceLines: new Map(lines.map((l) => [l.account, l.source_line])),
      approval: a ? { by: a.approved_by, date: a.approved_on as IsoDate, review: a.review, reviewDate: a.review_date as IsoDate | null } : null,
      approvalRecordedAt: a?.created_at ?? null,
    };
  }
}
