// `dues init` as a use case: writes dues.yaml and the ledger together, never overwrites
// either, builds the ledger from an existing dues.yaml, and leaves nothing behind when
// it refuses.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { initWorkspace, serverLedgerYaml } from "../../src/app/init.js";
import { parseConfigText } from "../../src/import/config-file.js";
import { TEMPLATES } from "../../src/app/templates/index.js";
import { Refusal } from "../../src/domain/problem.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { dues, tempDir } from "../helpers/cli.js";
import { BASE, edit } from "./fixtures.js";

const NOW = "2026-11-22T08:00:00.000Z";
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function folder(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

function refusal(f: () => unknown): Refusal {
  try { f(); } catch (e) { if (e instanceof Refusal) return e; throw e; }
  throw new Error("expected a refusal");
}

function meta(path: string) {
  const l = Ledger.open(path);
  try { return l.meta; } finally { l.close(); }
}

describe("initWorkspace", () => {
  it("in an empty folder writes the cn-base template and a CNY ledger on the cn-2021-base chart", () => {
    const dir = folder();
    const r = initWorkspace({ cwd: dir, env: {}, now: NOW });
    expect(r.wroteConfig).toBe(true);
    expect(r.template).toBe("cn-base");
    expect(readFileSync(join(dir, "dues.yaml"), "utf8")).toBe(TEMPLATES["cn-base"]);
    expect(meta(join(dir, "dues.db"))).toMatchObject({ chart: "cn-2021-base", currency: "CNY", digits: 2, createdAt: NOW });
  });

  it("--template us-local gives a USD ledger on the generic chart", () => {
    const dir = folder();
    initWorkspace({ cwd: dir, env: {}, now: NOW, template: "us-local" });
    expect(readFileSync(join(dir, "dues.yaml"), "utf8")).toBe(TEMPLATES["us-local"]);
    expect(meta(join(dir, "dues.db"))).toMatchObject({ chart: "generic", currency: "USD" });
  });

  it("with a dues.yaml already there, keeps it byte for byte and builds the ledger from it", () => {
    const dir = folder();
    const mine = edit("currency: CNY", "currency: HKD");
    writeFileSync(join(dir, "dues.yaml"), mine);
    const r = initWorkspace({ cwd: dir, env: {}, now: NOW });
    expect(r.wroteConfig).toBe(false);
    expect(readFileSync(join(dir, "dues.yaml"), "utf8")).toBe(mine);
    expect(meta(join(dir, "dues.db"))).toMatchObject({ chart: "cn-2021-base", currency: "HKD" });
  });

  it("an explicit --template does not replace an existing dues.yaml; it says so in a warning", () => {
    const dir = folder();
    writeFileSync(join(dir, "dues.yaml"), BASE);
    const r = initWorkspace({ cwd: dir, env: {}, now: NOW, template: "uk-branch" });
    expect(readFileSync(join(dir, "dues.yaml"), "utf8")).toBe(BASE);
    expect(r.warnings.map((p) => p.code)).toEqual(["INIT_CONFIG_KEPT"]);
    expect(meta(join(dir, "dues.db")).currency).toBe("CNY");
  });

  it("an existing ledger is refused (cannot-write, exit 73) and no dues.yaml is written", () => {
    const dir = folder();
    initWorkspace({ cwd: dir, env: {}, now: NOW, config: "first.yaml" });
    const before = readFileSync(join(dir, "dues.db"));
    const r = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW }));
    expect(r.kind).toBe("cannot-write");
    expect(r.problems.map((p) => p.code)).toEqual(["INIT_LEDGER_EXISTS"]);
    expect(existsSync(join(dir, "dues.yaml"))).toBe(false);
    expect(readFileSync(join(dir, "dues.db")).equals(before)).toBe(true);
  });

  it("running init twice refuses the second time and changes nothing", () => {
    const dir = folder();
    initWorkspace({ cwd: dir, env: {}, now: NOW });
    const yaml = readFileSync(join(dir, "dues.yaml"));
    const db = readFileSync(join(dir, "dues.db"));
    expect(refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW, template: "us-local" })).kind).toBe("cannot-write");
    expect(readFileSync(join(dir, "dues.yaml")).equals(yaml)).toBe(true);
    expect(readFileSync(join(dir, "dues.db")).equals(db)).toBe(true);
  });

  it("an invalid existing dues.yaml is refused with its problems (data, exit 65) and no ledger is made", () => {
    const dir = folder();
    writeFileSync(join(dir, "dues.yaml"), edit("due_day: 15", "due_day: 45"));
    const r = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW }));
    expect(r.kind).toBe("data");
    expect(r.problems.map((p) => p.code)).toEqual(["CONFIG_DUE_DAY"]);
    expect(existsSync(join(dir, "dues.db"))).toBe(false);
  });

  it("an unknown template is a usage error with a suggestion, and writes nothing", () => {
    const dir = folder();
    const r = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW, template: "us_local" }));
    expect(r.kind).toBe("usage");
    expect(r.problems[0]!.code).toBe("INIT_UNKNOWN_TEMPLATE");
    expect(r.problems[0]!.hint?.en).toContain("us-local");
    expect(existsSync(join(dir, "dues.yaml"))).toBe(false);
  });

  it("puts the ledger where --db, DUES_DB or the config's ledger: key says", () => {
    const dir = folder();
    initWorkspace({ cwd: dir, env: {}, now: NOW, config: "a.yaml", db: "books-a.db" });
    expect(existsSync(join(dir, "books-a.db"))).toBe(true);
    initWorkspace({ cwd: dir, env: { DUES_DB: join(dir, "books-b.db") }, now: NOW, config: "b.yaml" });
    expect(existsSync(join(dir, "books-b.db"))).toBe(true);
    mkdirSync(join(dir, "union"));
    writeFileSync(join(dir, "union", "dues.yaml"), BASE + "ledger: ledger/books.db\n");
    mkdirSync(join(dir, "union", "ledger"));
    const r = initWorkspace({ cwd: dir, env: {}, now: NOW, config: "union/dues.yaml" });
    expect(r.dbPath).toBe(join(dir, "union", "ledger", "books.db"));
    expect(existsSync(r.dbPath)).toBe(true);
  });

  it("a missing folder for the ledger is refused before anything is written", () => {
    const dir = folder();
    const r = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW, config: "nowhere/dues.yaml" }));
    expect(r.kind).toBe("cannot-write");
    expect(r.problems[0]!.code).toBe("INIT_FOLDER_NOT_WRITABLE");
    const r2 = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW, db: "nowhere/dues.db" }));
    expect(r2.problems[0]!.code).toBe("INIT_FOLDER_NOT_WRITABLE");
    expect(existsSync(join(dir, "dues.yaml"))).toBe(false);
  });

  it("a dues.yaml that cannot be written is refused and no ledger is created", () => {
    const dir = folder();
    const r = refusal(() => initWorkspace({ cwd: dir, env: {}, now: NOW, config: "nowhere/dues.yaml", db: "dues.db" }));
    expect(r.kind).toBe("cannot-write");
    expect(r.problems[0]!.code).toBe("INIT_CONFIG_NOT_WRITTEN");
    expect(existsSync(join(dir, "dues.db"))).toBe(false);
  });
});

describe("dues init for a federation, and for a ledger on a server", () => {
  it("a new dues.yaml for a server ledger names the URL in ledger: { url } without its password, and it validates", () => {
    const url = "postgres://clerk:s3cret@db.example:5432/dues_county";
    const added = serverLedgerYaml(url);
    expect(added).not.toContain("s3cret");
    const t = TEMPLATES["cn-county"] + added;
    const checked = parseConfigText(t, createHash("sha256").update(t, "utf8").digest("hex"), "dues.yaml");
    expect(checked.problems.map((p) => p.code)).toEqual([]);
    expect(checked.value?.ledgerPath).toBe("postgres://clerk@db.example:5432/dues_county");
  });

  it("dues init --template cn-county ends with a federation's next steps, not a payroll import", () => {
    const dir = folder();
    const r = dues(["--lang", "en", "init", "--template", "cn-county"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dues affiliates import");
    expect(r.stdout).toContain("dues import tax-list");
    expect(r.stdout).toContain("dues reconcile --affiliates");
    expect(r.stdout).not.toContain("dues import payroll");
  });

  it("a base union's init still points to the payroll import", () => {
    const dir = folder();
    const r = dues(["--lang", "en", "init"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dues import payroll");
    expect(r.stdout).not.toContain("dues affiliates import");
  });
});
