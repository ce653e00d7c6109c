// The PostgreSQL server a bench runs against: --pg URL, else DUES_TEST_PG, else a throwaway
// cluster started here with scripts/pg-test-cluster.sh (when initdb is installed) and
// stopped by stop(). Without any, undefined, and the caller says so loudly. Plus a fresh
// database per run (created and dropped through the admin URL).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PgDb } from "../src/ledger/pg-db.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const SCRIPT = join(ROOT, "scripts", "pg-test-cluster.sh");

export interface PgServer {
  readonly url: string;
  /** How it was found: "--pg", "DUES_TEST_PG" or "throwaway cluster". */
  readonly how: string;
  stop(): void;
}

const hasInitdb = () => {
  try {
    if (readdirSync("/usr/lib/postgresql").some((v) => existsSync(join("/usr/lib/postgresql", v, "bin", "initdb")))) return true;
  } catch { /* not a Debian layout */ }
  try { execFileSync("sh", ["-c", "command -v initdb"], { stdio: "ignore" }); return true; } catch { return false; }
};

export function pgServer(argv: readonly string[]): PgServer | undefined {
  const i = argv.indexOf("--pg");
  if (i >= 0 && argv[i + 1]) return { url: argv[i + 1]!, how: "--pg", stop: () => {} };
  if (process.env.DUES_TEST_PG) return { url: process.env.DUES_TEST_PG, how: "DUES_TEST_PG", stop: () => {} };
  if (!hasInitdb()) return undefined;
  const out = execFileSync("bash", [SCRIPT, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const url = /DUES_TEST_PG='([^']+)'/.exec(out)?.[1];
  const dir = /DUES_TEST_PG_DIR='([^']+)'/.exec(out)?.[1];
  if (!url || !dir) throw new Error(`scripts/pg-test-cluster.sh start printed no DUES_TEST_PG: ${out}`);
  return { url, how: "throwaway cluster", stop: () => execFileSync("bash", [SCRIPT, "stop", dir], { stdio: "inherit" }) };
}

let made = 0;
/** A fresh database on the server, for one run. */
export function database(admin: string): { url: string; drop(): void } {
  const name = `dues_bench_${process.pid}_${++made}`;
  const a = new PgDb(admin);
  try { a.exec(`CREATE DATABASE ${name}`); } finally { a.close(); }
  const url = admin.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
  return { url, drop: () => { const b = new PgDb(admin); try { b.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { b.close(); } } };
}

export const SKIPPED = "\n*** PostgreSQL SKIPPED: no server (give --pg URL or DUES_TEST_PG, or install PostgreSQL so initdb exists for a throwaway cluster) ***";
