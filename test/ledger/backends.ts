// The two ledger backends the invariant tests run on (issue 11 item 4): SQLite always,
// PostgreSQL when DUES_TEST_PG names a server (.ci/run starts a throwaway cluster). Without
// it the PostgreSQL cases are SKIPPED LOUDLY: a visible skipped test and a warning, never a pass.
import { describe, it } from "vitest";
import { PgDb } from "../../src/ledger/pg-db.js";

export const PG_URL = process.env.DUES_TEST_PG;
export const PG_SKIP_REASON = "DUES_TEST_PG is unset: PostgreSQL cases SKIPPED (eval \"$(scripts/pg-test-cluster.sh start)\")";
if (!PG_URL) console.warn(`\n*** ${PG_SKIP_REASON} ***\n`);

export type BackendName = "sqlite" | "postgres";
export const BACKENDS: { backend: BackendName; skip: boolean }[] = [
  { backend: "sqlite", skip: false },
  { backend: "postgres", skip: !PG_URL },
];

/**
 * The same tests once per backend (describe.each, not copies). Without a server the
 * PostgreSQL block holds one visibly skipped test that says why.
 */
export function eachBackend(fn: (backend: BackendName) => void): void {
  describe.each(BACKENDS)("on $backend", ({ backend, skip }) => {
    if (skip) {
      it.skip(`PostgreSQL: ${PG_SKIP_REASON}`, () => {});
      return;
    }
    fn(backend);
  });
}

let made = 0;

/** The test server's URL with another database name. */
export function pgUrlFor(db: string): string {
  // Not new URL(): a socket URL (postgres://dues@/db?host=/tmp/x) has no host part.
  return PG_URL!.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${db}`);
}

/** A new, empty database on the test server, dropped by the returned cleanup. */
export function freshPgDatabase(): { url: string; name: string; drop(): void } {
  const name = `dues_t_${process.pid}_${Date.now().toString(36)}_${++made}`;
  const admin = new PgDb(PG_URL!);
  try {
    admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  return {
    url: pgUrlFor(name),
    name,
    drop() {
      const a = new PgDb(PG_URL!);
      try {
        a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        a.close();
      }
    },
  };
}
