// Small synthetic payrolls and a dues.yaml for the payroll import tests. Names and ids
// are made up; amounts are chosen so each rule (10-yuan step, exemption, non-member,
// short and excess check-off) shows in one row, and the expected books are worked out
// by hand in the tests, never by the code under test.
import { dues, tempDir, writeFiles } from "../helpers/cli.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { join } from "node:path";
import { freshPgDatabase, type BackendName } from "../ledger/backends.js";

export const CONFIG = `union:
  name: Test Union
  currency: CNY
  locale: en
  chart: cn-2021-base
bodies:
  - { id: county,   name: County Federation }
  - { id: city,     name: City Federation }
  - { id: province, name: Province Federation }
  - { id: acftu,    name: ACFTU }
sources:
  default:
    encoding: auto
    delimiter: auto
    decimal_mark: "."
    columns:
      employee_id: [工号]
      name: [姓名]
      member: [是否会员]
      status: [会员状态]
      deducted: [工会会费]
    bases:
      dues: [基本工资, 岗位工资]
      funds: [应发工资]
membership: column
due_day: 15
schemes:
  - effective_from: 2022-01-01
    document: test notice
    dues:
      base: dues
      base_step: 10
      rate: 0.5%
      round: { to: 0.01, mode: half-up }
      exempt: [retired, unemployed]
      split:
        - { to: city, share: 10% }
    funds:
      base: funds
      rate: 2%
      round: { to: 0.01, mode: half-up }
      split:
        - { to: county,   share: 15% }
        - { to: city,     share: 10% }
        - { to: province, share: 10% }
        - { to: acftu,    share: 5% }
      remainder: largest
      collection: union
    per_capita: []
`;

export const HEADER = "工号,姓名,部门,是否会员,会员状态,基本工资,岗位工资,应发工资,工会会费";

/** October: dues 63.90, deducted 59.90 (arrears 5.00 from 004, 1.00 owed back to 005), funds base 25,500.00. */
export const OCTOBER = [
  HEADER,
  "001,张三,生产部,是,在职,5000.00,1789.45,9000.00,33.90",
  "002,李四,生产部,是,退休,3000,0,3000,0",
  "003,王五,办公室,否,,4000,500,6000,0",
  "004,赵六,办公室,是,在职,4000,0,5000,15.00",
  "005,钱七,办公室,是,在职,2009.99,0,2500,11.00",
].join("\n") + "\n";

export interface Union {
  dir: string;
  /** The ledger: the file path, or the server URL. */
  db: string;
  cleanup: () => void;
  run: (args: string[], env?: Record<string, string>) => ReturnType<typeof dues>;
  /** Opens the ledger read-only for a look, closing it after. */
  look: <T>(fn: (l: Ledger) => T) => T;
}

/**
 * A union folder with dues.yaml and its ledger: dues.db beside it, or (backend postgres) a
 * database of its own on the test server, named in dues.yaml as `ledger: { url: … }`.
 */
export function makeUnion(files: Record<string, string | Buffer> = {}, backend: BackendName = "sqlite"): Union {
  const { dir, cleanup: removeDir } = tempDir("dues-import-");
  const server = backend === "postgres" ? freshPgDatabase() : undefined;
  const config = server ? `${CONFIG.trimEnd()}\nledger: { url: '${server.url}' }\n` : CONFIG;
  writeFiles(dir, { "dues.yaml": config, ...files });
  const init = dues(["init"], { cwd: dir });
  if (init.code !== 0) throw new Error(`dues init failed: ${init.stderr}`);
  const db = server?.url ?? join(dir, "dues.db");
  return {
    dir,
    db,
    cleanup: () => { server?.drop(); removeDir(); },
    run: (args, env) => dues(args, { cwd: dir, env }),
    look: (fn) => {
      const l = Ledger.open(db, { readonly: true });
      try { return fn(l); } finally { l.close(); }
    },
  };
}

/** A large payroll written row by row (for the kill and progress tests); every employee a member. */
export function bigPayroll(rows: number, seed = 1): string {
  const out: string[] = [HEADER];
  let x = seed;
  for (let i = 1; i <= rows; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const basic = 3000 + (x % 500000) / 100;
    out.push(`E${String(i).padStart(7, "0")},职工${i},部门${i % 37},是,在职,${basic.toFixed(2)},500.00,${(basic + 1500).toFixed(2)},`);
  }
  return out.join("\n") + "\n";
}
