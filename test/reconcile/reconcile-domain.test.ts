// The reconciliation rules a treasurer relies on: which payment settles which month,
// statuses, not-yet-due months, late fees and their cap; plus properties that must hold
// for any ledger (paid adds up to what was paid, outstanding = due − paid, totals add up).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcile, partiesBehind, type Accrual, type Payment } from "../../src/domain/reconcile.js";
import type { LateFee } from "../../src/domain/config.js";

const FEE: LateFee = { perDay: { num: 1n, den: 200n, text: "0.5%" }, cap: "principal" };
const base = { dueDay: 15, lateFee: null, asOf: "2027-01-01" } as const;
const acc = (party: string, period: string, amount: number): Accrual => ({ party, period, amount });
const pay = (party: string, date: string, amount: number, period?: string, ref?: string): Payment => ({ party, date, amount, period, ref });
const pick = (r: ReturnType<typeof reconcile>, period: string, party = "county") => {
  const row = r.rows.find((x) => x.period === period && x.party === party);
  if (!row) throw new Error(`no row ${party} ${period}`);
  return { due: row.due, paid: row.paid, outstanding: row.outstanding, status: row.status };
};

describe("which payment settles which month", () => {
  const accruals = [acc("county", "2026-01", 100000), acc("county", "2026-02", 100000), acc("county", "2026-03", 100000)];

  it("applies payments without a period oldest month first, and puts a surplus on the last month applied", () => {
    const r = reconcile(accruals, [pay("county", "2026-02-10", 150000), pay("county", "2026-04-20", 200000)], base);
    expect(pick(r, "2026-01")).toEqual({ due: 100000, paid: 100000, outstanding: 0, status: "paid" });
    expect(pick(r, "2026-02")).toEqual({ due: 100000, paid: 100000, outstanding: 0, status: "paid" });
    expect(pick(r, "2026-03")).toEqual({ due: 100000, paid: 150000, outstanding: -50000, status: "overpaid" });
    expect(r.settled).toBe(false);
  });

  it("lets a payment with a period settle that period even when older months are open", () => {
    const r = reconcile(accruals, [pay("county", "2026-03-01", 100000, "2026-03"), pay("county", "2026-02-01", 40000)], base);
    expect(pick(r, "2026-01").status).toBe("partial");
    expect(pick(r, "2026-01").outstanding).toBe(60000);
    expect(pick(r, "2026-02").status).toBe("unpaid");
    expect(pick(r, "2026-03").status).toBe("paid");
  });

  it("fills what tagged payments left open before moving on, whatever the payment dates", () => {
    // The tagged January payment is dated after the lump sum, but the treasurer said it
    // was January's: the lump goes to what January still lacks, then February.
    const r = reconcile(accruals, [pay("county", "2026-02-20", 120000), pay("county", "2026-03-20", 70000, "2026-01")], base);
    expect(pick(r, "2026-01")).toEqual({ due: 100000, paid: 100000, outstanding: 0, status: "paid" });
    expect(pick(r, "2026-02")).toEqual({ due: 100000, paid: 90000, outstanding: 10000, status: "partial" });
    expect(pick(r, "2026-03").status).toBe("unpaid");
  });

  it("puts a payment to a body with nothing owed on the month before the payment, as overpaid", () => {
    const r = reconcile([], [pay("city", "2026-05-10", 5000)], base);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ party: "city", period: "2026-04", due: 0, paid: 5000, outstanding: -5000, status: "overpaid" });
  });

  it("takes a reversed payment back from the newest paid month first", () => {
    const r = reconcile(accruals, [pay("county", "2026-02-10", 250000), pay("county", "2026-04-01", -120000)], base);
    expect(pick(r, "2026-01").status).toBe("paid");
    expect(pick(r, "2026-02")).toEqual({ due: 100000, paid: 30000, outstanding: 70000, status: "partial" });
    expect(pick(r, "2026-03").status).toBe("unpaid");
  });

  it("keeps each party's money apart", () => {
    const r = reconcile([...accruals, acc("city", "2026-01", 5000)], [pay("city", "2026-02-01", 5000)], base);
    expect(pick(r, "2026-01", "city").status).toBe("paid");
    expect(pick(r, "2026-01").status).toBe("unpaid");
  });

  it("sums accruals of one month (dues and funds shares, reversals)", () => {
    const r = reconcile([acc("county", "2026-01", 7000), acc("county", "2026-01", 3000), acc("county", "2026-02", 500), acc("county", "2026-02", -500)], [], base);
    expect(r.rows.map((x) => [x.period, x.due])).toEqual([["2026-01", 10000]]);
  });
});

describe("as-of date and range", () => {
  const accruals = [acc("county", "2026-01", 100000), acc("county", "2026-02", 100000)];

  it("does not count a month whose due date has not come", () => {
    // February is due on 2026-03-15; on 2026-03-10 it is open but not yet due.
    const r = reconcile(accruals, [pay("county", "2026-02-14", 100000)], { ...base, asOf: "2026-03-10" });
    expect(r.rows.find((x) => x.period === "2026-02")).toMatchObject({ status: "unpaid", notYetDue: true, dueDate: "2026-03-15" });
    expect(r.settled).toBe(true);
    const onDueDate = reconcile(accruals, [pay("county", "2026-02-14", 100000)], { ...base, asOf: "2026-03-15" });
    expect(onDueDate.settled).toBe(false);
  });

  it("leaves out payments dated after the as-of date", () => {
    const r = reconcile(accruals, [pay("county", "2026-02-14", 100000), pay("county", "2026-03-14", 100000)], { ...base, asOf: "2026-03-01" });
    expect(r.totals.paid).toBe(100000);
    expect(r.later).toHaveLength(1);
  });

  it("shows only the range asked for, after allocating over all history", () => {
    const r = reconcile(accruals, [pay("county", "2026-02-14", 150000)], { ...base, from: "2026-02", to: "2026-02" });
    expect(r.rows).toHaveLength(1);
    expect(pick(r, "2026-02")).toEqual({ due: 100000, paid: 50000, outstanding: 50000, status: "partial" });
    expect(r.totals).toMatchObject({ due: 100000, paid: 50000, outstanding: 50000 });
    expect([r.from, r.to]).toEqual(["2026-02", "2026-02"]);
  });

  it("clamps the due day to the end of a short month", () => {
    const r = reconcile([acc("county", "2026-01", 100)], [], { ...base, dueDay: 31 });
    expect(r.rows[0]!.dueDate).toBe("2026-02-28");
  });

  it("lists bodies in the configured order", () => {
    const r = reconcile([acc("province", "2026-01", 1), acc("county", "2026-01", 1), acc("acftu", "2026-01", 1)], [], { ...base, order: ["county", "province"] });
    expect(r.rows.map((x) => x.party)).toEqual(["county", "province", "acftu"]);
  });
});

describe("late fees (5‰ a day from the due date, capped at the principal)", () => {
  // January 2026: 1,000.00 due on 2026-02-15.
  const jan = [acc("employer", "2026-01", 100000)];
  const opts = { ...base, lateFee: FEE };

  it("charges nothing when paid on the due date", () => {
    const r = reconcile(jan, [pay("employer", "2026-02-15", 100000)], { ...opts, asOf: "2026-06-01" });
    expect(r.rows[0]!.lateFee).toBe(0);
  });

  it("charges each day on what was still outstanding that day", () => {
    // 1,000.00 for 10 days (to 02-25), then 400.00 for 10 more days (to as-of 03-07):
    // (100000×10 + 40000×10) × 0.005 = 7000 fen = 70.00.
    const r = reconcile(jan, [pay("employer", "2026-02-25", 60000)], { ...opts, asOf: "2026-03-07" });
    expect(r.rows[0]!.lateFee).toBe(7000);
    expect(r.totals.lateFee).toBe(7000);
  });

  it("stops charging once paid in full", () => {
    // 1,000.00 for 4 days: 100000 × 4 × 0.005 = 2000.
    const r = reconcile(jan, [pay("employer", "2026-02-19", 100000)], { ...opts, asOf: "2026-12-31" });
    expect(r.rows[0]!.lateFee).toBe(2000);
  });

  it("never charges more than the principal", () => {
    // 2026-02-15 → 2026-12-12 is 300 days: 300 × 0.5% = 150% of the principal; capped at 1,000.00.
    const r = reconcile(jan, [], { ...opts, asOf: "2026-12-12" });
    expect(r.rows[0]!.lateFee).toBe(100000);
    const uncapped = reconcile(jan, [], { ...opts, asOf: "2026-12-12", lateFee: { ...FEE, cap: null } });
    expect(uncapped.rows[0]!.lateFee).toBe(150000);
  });

  it("caps at what was outstanding on the due date, not the whole month's due", () => {
    const r = reconcile(jan, [pay("employer", "2026-02-10", 90000)], { ...opts, asOf: "2027-12-31" });
    expect(r.rows[0]!.lateFee).toBe(10000);
  });

  it("rounds the exact fee half-up once per month", () => {
    // 333.00 for one day: 33300 × 0.005 = 166.5 fen, a tie → 167 (half-up, not half-even).
    const r = reconcile([acc("employer", "2026-01", 33300)], [], { ...opts, asOf: "2026-02-16" });
    expect(r.rows[0]!.lateFee).toBe(167);
    // 332.99 for one day: 166.495 fen → 166.
    expect(reconcile([acc("employer", "2026-01", 33299)], [], { ...opts, asOf: "2026-02-16" }).rows[0]!.lateFee).toBe(166);
  });

  it("is null when no late-fee rule is configured", () => {
    const r = reconcile(jan, [], { ...base, asOf: "2026-12-13" });
    expect(r.rows[0]!.lateFee).toBeNull();
    expect(r.totals.lateFee).toBeNull();
  });
});

describe("parties behind", () => {
  it("counts only past-due months still outstanding", () => {
    const r = reconcile(
      [acc("employer", "2026-01", 100), acc("employer", "2026-02", 100), acc("employer", "2026-03", 100)],
      [pay("employer", "2026-02-01", 100)],
      { ...base, asOf: "2026-04-01" },
    );
    expect(partiesBehind(r)).toEqual([{ party: "employer", months: 1, outstanding: 100, oldest: "2026-02" }]);
  });
});

describe("properties", () => {
  const parties = fc.constantFrom("county", "city", "employer");
  const period = fc.integer({ min: 0, max: 17 }).map((i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const date = fc.integer({ min: 0, max: 700 }).map((d) => {
    const y = 2025 + Math.floor(d / 360), m = Math.floor((d % 360) / 30) + 1, day = (d % 30) + 1;
    return `${y}-${String(m).padStart(2, "0")}-${String(Math.min(day, 28)).padStart(2, "0")}`;
  });
  const accrual = fc.record({ party: parties, period, amount: fc.integer({ min: 0, max: 10_000_000 }) });
  const payment = fc.record({ party: parties, date, amount: fc.integer({ min: -500_000, max: 10_000_000 }), period: fc.option(period, { nil: undefined }) });
  const input = fc.record({ accruals: fc.array(accrual, { maxLength: 30 }), payments: fc.array(payment, { maxLength: 30 }), fee: fc.boolean() });

  it("paid over all rows adds up to every payment made; due to every accrual", () => {
    fc.assert(fc.property(input, ({ accruals, payments, fee }) => {
      const r = reconcile(accruals, payments, { ...base, asOf: "2030-01-01", lateFee: fee ? FEE : null });
      expect(r.totals.paid).toBe(payments.reduce((t, p) => t + p.amount, 0));
      expect(r.totals.due).toBe(accruals.reduce((t, a) => t + a.amount, 0));
    }));
  });

  it("every row has outstanding = due − paid and a status that says so; totals add the rows", () => {
    fc.assert(fc.property(input, ({ accruals, payments, fee }) => {
      const r = reconcile(accruals, payments, { ...base, asOf: "2026-03-01", lateFee: fee ? FEE : null });
      let due = 0, paid = 0, out = 0;
      for (const row of r.rows) {
        expect(row.outstanding).toBe(row.due - row.paid);
        const expected = row.outstanding < 0 ? "overpaid" : row.outstanding === 0 ? "paid" : row.paid > 0 ? "partial" : "unpaid";
        expect(row.status).toBe(expected);
        if (fee) {
          expect(row.lateFee).toBeGreaterThanOrEqual(0);
          expect(row.lateFee!).toBeLessThanOrEqual(Math.max(0, row.due));
        }
        due += row.due; paid += row.paid; out += row.outstanding;
      }
      expect(r.totals).toMatchObject({ due, paid, outstanding: out });
      expect(r.settled).toBe(r.rows.every((x) => x.notYetDue || x.outstanding === 0));
    }));
  });

  it("with payments that never exceed what is owed and carry no period, nothing is overpaid and only the newest months stay open", () => {
    fc.assert(fc.property(fc.array(accrual, { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 10 }), (accruals, amounts) => {
      const one = accruals.map((a) => ({ ...a, party: "county" }));
      const owed = one.reduce((t, a) => t + a.amount, 0);
      const pays: Payment[] = [];
      let left = owed;
      amounts.forEach((a, i) => { const x = Math.min(a, left); if (x > 0) { pays.push(pay("county", `2026-01-${String(i + 1).padStart(2, "0")}`, x)); left -= x; } });
      const r = reconcile(one, pays, base);
      expect(r.rows.some((x) => x.status === "overpaid")).toBe(false);
      const firstOpen = r.rows.findIndex((x) => x.outstanding > 0);
      if (firstOpen >= 0) expect(r.rows.slice(firstOpen + 1).every((x) => x.paid === 0)).toBe(true);
    }));
  });

  it("the range view shows the same rows as the full view, only fewer", () => {
    fc.assert(fc.property(input, period, period, ({ accruals, payments }, a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const full = reconcile(accruals, payments, base);
      const part = reconcile(accruals, payments, { ...base, from, to });
      expect(part.rows).toEqual(full.rows.filter((x) => x.period >= from && x.period <= to));
    }));
  });
});

describe("months that had not begun on the as-of date", () => {
  it("are left out when no --to is given, but the payments made count", () => {
    const r = reconcile([acc("county", "2026-01", 100), acc("county", "2026-02", 100), acc("county", "2026-03", 100)], [pay("county", "2026-02-10", 300)], { ...base, asOf: "2026-02-20", until: "2026-02" });
    expect(r.rows.map((x) => [x.period, x.status])).toEqual([["2026-01", "paid"], ["2026-02", "paid"]]);
    expect(r.to).toBe("2026-02");
  });
});
