#!/usr/bin/env node
// Checks dues return files (docs/return-file.md) as a higher union would on receipt:
// valid against docs/return-file.schema.json (ajv, a devDependency), every money string
// with exactly the currency's digits, each month's shares adding up to their streams, and
// the totals adding up. Usage: node scripts/check-return.mjs FILE.json [...]
// Exit 0 when every file passes, 1 otherwise; one line per problem.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "return-file.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Money text to integer minor units (BigInt), given the digits: never through a float. */
function minor(s, digits) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m || (m[3] ?? "").length !== digits) return null;
  const v = BigInt(m[2] + (m[3] ?? ""));
  return m[1] ? -v : v;
}

function check(path) {
  const out = [];
  const doc = JSON.parse(readFileSync(path, "utf8"));
  if (!validate(doc)) for (const e of validate.errors ?? []) out.push(`${path}: ${e.instancePath || "/"} ${e.message}`);
  const digits = doc.union?.digits ?? 2;
  const money = (where, s) => {
    const v = minor(s, digits);
    if (v === null) out.push(`${path}: ${where} "${s}" is not money with ${digits} digits`);
    return v ?? 0n;
  };
  let dues = 0n;
  let funds = 0n;
  for (const m of doc.months ?? []) {
    const at = `months[${m.period}]`;
    const sum = (streams) => (m.shares ?? []).filter((s) => streams.includes(s.stream)).reduce((t, s) => t + money(`${at}.shares`, s.amount), 0n);
    const d = money(`${at}.dues`, m.dues);
    const f = money(`${at}.funds`, m.funds);
    dues += d;
    funds += f;
    if (sum(["dues", "per-capita"]) !== d) out.push(`${path}: ${at}: dues and per-capita shares do not add up to dues ${m.dues}`);
    if (sum(["funds"]) !== f) out.push(`${path}: ${at}: funds shares do not add up to funds ${m.funds}`);
  }
  if (doc.totals) {
    if (money("totals.dues", doc.totals.dues) !== dues) out.push(`${path}: totals.dues is not the months' dues`);
    if (money("totals.funds", doc.totals.funds) !== funds) out.push(`${path}: totals.funds is not the months' funds`);
    for (const k of ["due", "paid", "outstanding"]) {
      const rows = (doc.remittances ?? []).reduce((t, r) => t + money(`remittances.${k}`, r[k]), 0n);
      if (money(`totals.${k}`, doc.totals[k]) !== rows) out.push(`${path}: totals.${k} is not the remittances' ${k}`);
    }
  }
  return out;
}

const files = process.argv.slice(2);
if (!files.length) {
  console.log("usage: node scripts/check-return.mjs FILE.json [...]");
  process.exit(64);
}
const problems = files.flatMap(check);
for (const p of problems) console.log(p);
if (!problems.length) console.log(`ok: ${files.join(", ")}`);
process.exit(problems.length ? 1 : 0);
