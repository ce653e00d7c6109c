// Which months make a financial year for this union (financial_year_start in dues.yaml),
// and the balances a year starts from. `--year Y` names the year a financial year ends in
// (docs/ledger.md). Reports an auditor runs with only the .db find the setting in the
// configuration the ledger recorded last.
import type { Config } from "../domain/config.js";
import { dayBefore, financialYear, financialYearOf, type FinancialYear, type IsoDate, type Period } from "../domain/period.js";
import { parseConfigText } from "../import/config-file.js";
import type { Ledger } from "../ledger/ledger.js";
import { OpeningStore } from "../ledger/opening-store.js";

/** The month the financial year begins: dues.yaml's, else the one the ledger last recorded, else January. */
export function financialYearStartOf(ledger: Ledger, config?: Pick<Config, "financialYearStart">): number {
  if (config) return config.financialYearStart;
  const batches = ledger.batches();
  for (let i = batches.length - 1; i >= 0; i--) {
    const sha = batches[i]!.configSha256;
    const stored = sha ? ledger.configText(sha) : undefined;
    if (stored === undefined) continue;
    const parsed = parseConfigText(stored, sha!, "dues.yaml").value;
    if (parsed) return parsed.financialYearStart;
  }
  return 1;
}

export function yearOf(ledger: Ledger, config: Pick<Config, "financialYearStart"> | undefined, year: number): FinancialYear {
  return financialYear(year, financialYearStartOf(ledger, config));
}

export function yearContaining(ledger: Ledger, config: Pick<Config, "financialYearStart"> | undefined, p: Period): FinancialYear {
  return financialYearOf(p, financialYearStartOf(ledger, config));
}

/**
 * The balances at the start of a financial year, as the balance sheet's 年初数 shows them:
 * everything dated before its first day, plus the opening balances when the books were
 * taken over within the year (dated on or before `asOf`): the year then starts from them.
 */
export function yearStartBalances(ledger: Ledger, fy: FinancialYear, asOf: IsoDate): { account: string; body: string | null; balance: number }[] {
  const before = ledger.balances({ asOf: dayBefore(fy.firstDay), byBody: true });
  const opening = new OpeningStore(ledger.db).balances(fy.firstDay, asOf < fy.lastDay ? asOf : fy.lastDay);
  return [...before, ...opening];
}
