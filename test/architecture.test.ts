// The layers of ARCHITECTURE.md, checked on every test run so they cannot quietly rot:
// cli → app → {import, ledger, report} → domain; adapters never import each other;
// each library belongs to one folder; domain touches no node:* module, clock or randomness.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

const SRC = join(ROOT, "src");
const LAYERS = ["domain", "import", "ledger", "report", "app", "cli", "sample"] as const;
type Layer = (typeof LAYERS)[number];

// Which layers each layer may import from (itself always allowed).
const ALLOWED: Record<Layer, Layer[]> = {
  domain: [],
  import: ["domain"],
  ledger: ["domain"],
  report: ["domain"],
  sample: ["domain"],
  app: ["domain", "import", "ledger", "report", "sample"],
  cli: ["domain", "app"],
};

// Libraries and the one folder that may import each.
const OWNER: Record<string, Layer[]> = {
  "better-sqlite3": ["ledger"],
  pg: ["ledger"],
  "csv-parse": ["import"],
  papaparse: ["import"],
  "iconv-lite": ["import", "sample"],
  exceljs: ["report", "import"],
  commander: ["cli"],
  chalk: ["cli"],
  "cli-progress": ["cli"],
  "string-width": ["cli"],
  yaml: ["import", "app"],
  "decimal.js": ["domain"],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function imports(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2])!);
  return out;
}

describe("architecture", () => {
  const all = files(SRC).map((f) => ({ file: relative(SRC, f), layer: relative(SRC, f).split("/")[0] as Layer, text: readFileSync(f, "utf8") }));

  it("every source file sits in a known layer", () => {
    expect(all.filter((f) => !LAYERS.includes(f.layer)).map((f) => f.file)).toEqual([]);
  });

  it("imports follow the direction of the layers", () => {
    const bad: string[] = [];
    for (const f of all) {
      for (const spec of imports(f.text)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(SRC, join(SRC, f.file, "..", spec)).split("/")[0] as Layer;
        if (target !== f.layer && !ALLOWED[f.layer]?.includes(target)) bad.push(`${f.file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("each library is imported only by the folder that owns it", () => {
    const bad: string[] = [];
    for (const f of all) {
      for (const spec of imports(f.text)) {
        if (spec.startsWith(".") || spec.startsWith("node:")) continue;
        const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
        const owners = OWNER[pkg];
        if (!owners) bad.push(`${f.file} imports unlisted library ${pkg}`);
        else if (!owners.includes(f.layer)) bad.push(`${f.file} imports ${pkg}, which belongs to ${owners.join("/")}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("domain is pure: no node:* modules, no clock, no randomness", () => {
    const bad = all
      .filter((f) => f.layer === "domain")
      .filter((f) => imports(f.text).some((s) => s.startsWith("node:")) || /\bDate\.now\(|new Date\(\)|Math\.random\(/.test(f.text))
      .map((f) => f.file);
    expect(bad).toEqual([]);
  });
});
