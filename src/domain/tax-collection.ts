// A tax office's collection list (税务代收) in a federation's books: each line matched to an
// affiliate by 统一社会信用代码 only (never by name), split exactly by its collection model
// into the affiliate's refund (212), the federation's own share and each higher body's
// (211), or booked whole as 筹备金. Pure; the app layer reads the register and posts.
import { splitCollection, type CollectionModel, type FederationConfig, type FederationSplit } from "./federation.js";
import type { Posting } from "./journal.js";
import type { Minor } from "./money.js";
import type { IsoDate, Period } from "./period.js";
import { problem, type Problem } from "./problem.js";
import { text } from "./text.js";

/** What the tax office collected on a line: the 2% funds of an employer with a union, or 筹备金 of one without. */
export type TaxItem = "funds" | "preparatory";

/** One line of the list as the reader gives it (import/tax-list-reader.ts). */
export interface TaxListLine {
  readonly line: number;
  readonly source?: string;
  /** 1-based columns of the fields, for the problems matching finds. */
  readonly columns: { readonly employer?: number; readonly creditCode?: number; readonly period?: number; readonly amount?: number; readonly item?: number };
  readonly employer: string;
  /** Normalised (upper case, no spaces) and check-character tested. */
  readonly creditCode: string;
  readonly period: Period;
  readonly amount: Minor;
  readonly date: IsoDate | null;
  readonly item: TaxItem;
  readonly ref: string;
}

/** The part of an affiliates-register row matching needs (domain/federation.ts Affiliate has it). */
export interface TaxAffiliate {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string | null;
  readonly collection: CollectionModel | null;
}

/** The accounts a collection books to, by role (chart.ts federationAccountFor). */
export interface TaxAccounts {
  readonly bank: string;
  /** The federation's own share: 402 拨缴经费收入. */
  readonly own: string;
  /** Higher bodies' shares: 211 应付上级经费:BODY. */
  readonly upward: string;
  /** The affiliate's refund: 212 应付下级经费:AFFILIATE. */
  readonly refund: string;
  /** 筹备金: income (402) or held for the union to be formed (21503), per federation.preparatory. */
  readonly preparatory: string;
}

/** A matched line: who it is for and how it divides. */
export interface TaxCollection {
  readonly line: TaxListLine;
  /** null for 筹备金 (no union yet). */
  readonly affiliate: string | null;
  readonly model: CollectionModel | "preparatory";
  /** refund + own + Σ bodies = line.amount; 筹备金: all in own. */
  readonly split: FederationSplit;
}

export interface TaxMatch {
  readonly collections: readonly TaxCollection[];
  /** Lines whose credit code matches no affiliate (listed, never guessed). */
  readonly unmatched: readonly TaxListLine[];
  readonly problems: readonly Problem[];
}

/**
 * Matches every line to the register by credit code and splits it. Errors (nothing may
 * be booked): a 工会经费 line no affiliate has the code of (TAX_LIST_UNMATCHED); a 筹备金
 * line for an employer the register says has a union (TAX_LIST_PREPARATORY_HAS_UNION);
 * a line for an affiliate that collects its own funds (TAX_LIST_NOT_TAX_COLLECTED); two
 * affiliates with the same code (TAX_LIST_CODE_SHARED). 筹备金 lines need no register row.
 */
export function matchTaxList(file: string, lines: readonly TaxListLine[], register: readonly TaxAffiliate[], fed: FederationConfig): TaxMatch {
  const byCode = new Map<string, TaxAffiliate[]>();
  for (const a of register) {
    if (!a.creditCode) continue;
    const list = byCode.get(a.creditCode);
    if (list) list.push(a);
    else byCode.set(a.creditCode, [a]);
  }
  const collections: TaxCollection[] = [];
  const unmatched: TaxListLine[] = [];
  const problems: Problem[] = [];
  for (const l of lines) {
    const where = (col?: number) => ({ file, line: l.line, column: col, source: l.source });
    const found = byCode.get(l.creditCode) ?? [];
    if (l.item === "preparatory") {
      if (found.length > 0) {
        problems.push(problem("TAX_LIST_PREPARATORY_HAS_UNION", text(
          `${l.employer} (${l.creditCode}) paid 工会筹备金 for ${l.period}, but the register has its union ${found.map((a) => a.id).join(", ")}`,
          `${l.employer}（${l.creditCode}）${l.period} 缴纳的是工会筹备金，但登记册中已有其工会 ${found.map((a) => a.id).join("、")}`,
        ), {
          ...where(l.columns.item ?? l.columns.creditCode),
          hint: text("if the union was formed, ask the tax office to collect 工会经费 from now on and correct this list; if the register is wrong, fix the row with dues affiliates import", "如已建会，请税务机关改征工会经费并更正此清单；如登记册有误，请用 dues affiliates import 更正"),
        }));
        continue;
      }
      collections.push({ line: l, affiliate: null, model: "preparatory", split: { refund: 0, own: l.amount, bodies: [] } });
      continue;
    }
    if (found.length === 0) {
      unmatched.push(l);
      problems.push(problem("TAX_LIST_UNMATCHED", text(
        `no affiliate has the credit code ${l.creditCode} (${l.employer}, ${l.period}): the line cannot be booked`,
        `没有基层工会登记统一社会信用代码 ${l.creditCode}（${l.employer}，${l.period}），此行无法记账`,
      ), {
        ...where(l.columns.creditCode),
        hint: text(
          "add the employer's union with dues affiliates import (its register row gives this credit code); if the employer has no union, the tax office should collect 工会筹备金: ask it for the corrected list",
          "请用 dues affiliates import 登记该单位的工会（登记行填写此统一社会信用代码）；如该单位未建会，应由税务机关按工会筹备金征收：请索取更正后的清单",
        ),
      }));
      continue;
    }
    if (found.length > 1) {
      problems.push(problem("TAX_LIST_CODE_SHARED", text(
        `the credit code ${l.creditCode} belongs to more than one affiliate (${found.map((a) => a.id).join(", ")}): the line is not split between them by guess`,
        `统一社会信用代码 ${l.creditCode} 登记在多个基层工会名下（${found.map((a) => a.id).join("、")}），不按猜测分配`,
      ), { ...where(l.columns.creditCode), hint: text("correct the register so that one affiliate has this employer's code", "请更正登记册，使该单位代码只属于一个基层工会") }));
      continue;
    }
    const a = found[0]!;
    const model = a.collection ?? fed.collection;
    if (model === "union-collects") {
      problems.push(problem("TAX_LIST_NOT_TAX_COLLECTED", text(
        `the tax office collected for ${a.id} (${l.employer}, ${l.period}), but the register says that union collects its own funds and remits by advice`,
        `税务机关为 ${a.id}（${l.employer}，${l.period}）代收了经费，但登记册中该工会为自行收缴、按报表上解`,
      ), {
        ...where(l.columns.creditCode),
        hint: text("set its collection model to tax-full or tax-upward with dues affiliates import, so the amount is split the way it was collected", "请用 dues affiliates import 将其收缴方式改为 tax-full 或 tax-upward，以便按实际收缴方式分配"),
      }));
      continue;
    }
    collections.push({ line: l, affiliate: a.id, model, split: splitCollection(l.amount, model, fed) });
  }
  return { collections, unmatched, problems };
}

/**
 * The postings of one collection: Dr bank (the amount) = Cr the affiliate's refund
 * (212:AFFILIATE) + Cr the federation's own share + Cr 211:BODY for each higher body.
 * Zero parts are left out. 筹备金: Dr bank = Cr the preparatory account.
 */
export function taxCollectionPostings(c: TaxCollection, acc: TaxAccounts): Posting[] {
  const out: Posting[] = [{ account: acc.bank, amount: c.line.amount }];
  if (c.model === "preparatory") {
    out.push({ account: acc.preparatory, amount: -c.line.amount });
    return out;
  }
  if (c.split.refund !== 0) out.push({ account: acc.refund, body: c.affiliate, amount: -c.split.refund });
  if (c.split.own !== 0) out.push({ account: acc.own, amount: -c.split.own });
  for (const b of c.split.bodies) if (b.amount !== 0) out.push({ account: acc.upward, body: b.to, amount: -b.amount });
  return out;
}

export interface TaxListTotals {
  readonly collected: Minor;
  readonly refunds: Minor;
  readonly own: Minor;
  readonly preparatory: Minor;
  readonly bodies: readonly { readonly to: string; readonly amount: Minor }[];
}

/** The list's totals by destination, bodies in the order first met (the config's). */
export function taxListTotals(cs: readonly TaxCollection[]): TaxListTotals {
  let collected = 0, refunds = 0, own = 0, preparatory = 0;
  const bodies = new Map<string, Minor>();
  for (const c of cs) {
    collected += c.line.amount;
    if (c.model === "preparatory") { preparatory += c.line.amount; continue; }
    refunds += c.split.refund;
    own += c.split.own;
    for (const b of c.split.bodies) bodies.set(b.to, (bodies.get(b.to) ?? 0) + b.amount);
  }
  return { collected, refunds, own, preparatory, bodies: [...bodies].map(([to, amount]) => ({ to, amount })) };
}
