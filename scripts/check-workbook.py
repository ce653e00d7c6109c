#!/usr/bin/python3
"""A second, independent reader for dues workbooks (openpyxl, not exceljs).

Checks what SPEC §6 promises: every formula carries a cached value, money cells are
numbers with a money format, table sheets have a frozen header and an autofilter, no
text cell from input data became a formula, and no sheet exceeds Excel's row limit.
With --final REPORT.json FINAL.xlsx it also reads the final-accounts (决算) workbook's
figures and compares each with `dues report final --json` to the cent.
Usage: python3 scripts/check-workbook.py FILE.xlsx [...] [--final REPORT.json FINAL.xlsx]
(apt-get install python3-openpyxl). Exit 0 when every file passes, 1 otherwise; prints
one line per problem.
"""
import json
import sys
from decimal import Decimal

import openpyxl

EXCEL_MAX_ROWS = 1_048_576
FORM_SHEETS = {"Cover", "封面", "Summary", "汇总", "Notes", "说明"}


def check(path: str) -> list[str]:
    problems: list[str] = []
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    for ws in formulas.worksheets:
        cws = cached[ws.title]
        where = f"{path}:{ws.title}"
        if ws.max_row > EXCEL_MAX_ROWS:
            problems.append(f"{where}: {ws.max_row} rows, over Excel's limit")
        base = ws.title.split(" (")[0]
        is_statement = ws.title.startswith(("收入支出表", "资产负债表", "Income and spending", "Balance sheet"))
        if base not in FORM_SHEETS and not is_statement:
            if not ws.freeze_panes:
                problems.append(f"{where}: header row not frozen")
            if not ws.auto_filter or not ws.auto_filter.ref:
                problems.append(f"{where}: no autofilter")
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and v.startswith("=") and c.data_type == "f":
                    value = cws[c.coordinate].value
                    if value is None:
                        problems.append(f"{where}!{c.coordinate}: formula {v} has no cached value")
                elif isinstance(v, str) and c.data_type == "f":
                    problems.append(f"{where}!{c.coordinate}: text stored as a formula")
                if "#,##0" in (c.number_format or "") and v is not None and c.data_type == "s" and row[0].row > 1:
                    # Text in a money column is fine only as a label (sub-headings, sign-off lines).
                    pass
    return problems


def money(v) -> Decimal:
    """A cell's number or a JSON money string as an exact decimal (repr keeps the shortest exact text)."""
    if v is None:
        return Decimal("NaN")
    return Decimal(v) if isinstance(v, str) else Decimal(repr(v))


def rate(v) -> str | None:
    """A percentage cell (0.9977) as the JSON's "99.77"; "—" as None."""
    if not isinstance(v, (int, float)):
        return None
    return str((Decimal(repr(v)) * 100).quantize(Decimal("0.01")))


def rows_by(ws, col: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in ws.iter_rows():
        v = row[col].value if len(row) > col else None
        if isinstance(v, str) and v not in out:
            out[v] = row[0].row
    return out


def check_final(report_path: str, path: str) -> list[str]:
    """The 决算 workbook's cached values against `dues report final --json`, to the cent."""
    problems: list[str] = []
    with open(report_path, encoding="utf-8") as f:
        r = json.load(f)
    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = wb.sheetnames
    if len(sheets) != 6:
        return [f"{path}: {len(sheets)} sheets, expected 6"]
    income, balance, funds, remit = (wb[sheets[i]] for i in (1, 2, 3, 4))

    def same(where: str, cell, want: str | None, kind: str = "money") -> None:
        got = cell.value
        if kind == "rate":
            if rate(got) != want:
                problems.append(f"{path}:{where}!{cell.coordinate}: {got!r} is not {want}%")
        elif money(got) != money(want):
            problems.append(f"{path}:{where}!{cell.coordinate}: {got!r} is not {want}")

    at = rows_by(income, 0)
    for x in r["accounts"]["rows"]:
        n = at.get(x["account"])
        if n is None:
            problems.append(f"{path}:{income.title}: no row for account {x['account']}")
            continue
        for col, key, kind in (("C", "budget", "money"), ("D", "adjusted", "money"), ("E", "final", "money"), ("F", "variance", "money"),
                               ("G", "rate", "rate"), ("H", "lastYear", "money"), ("I", "change", "money"), ("J", "changeRate", "rate")):
            same(income.title, income[f"{col}{n}"], x[key], kind)
    by_code, by_name = rows_by(balance, 1), rows_by(balance, 0)
    for line in r["balance"]["lines"]:
        if line["role"] == "heading":
            continue
        n = by_code.get(line["code"]) if line["code"] else by_name.get(line["name"])
        if n is None:
            problems.append(f"{path}:{balance.title}: no row for {line['code'] or line['name']}")
            continue
        same(balance.title, balance[f"C{n}"], line["yearStart"])
        same(balance.title, balance[f"D{n}"], line["end"])
    at = rows_by(funds, 0)
    for x in r["funds"]["rows"]:
        n = at[x["account"]]
        for col, key in zip("CDEFG", ("opening", "surplus", "increase", "used", "closing")):
            same(funds.title, funds[f"{col}{n}"], x[key])
    at = rows_by(remit, 0)
    for x in r["remittances"]["rows"]:
        n = at[x["body"]]
        for col, key in zip("CDEFG", ("opening", "due", "paid", "closing", "outstanding")):
            same(remit.title, remit[f"{col}{n}"], x[key])
    return problems


def main(argv: list[str]) -> int:
    args = argv[1:]
    final: tuple[str, str] | None = None
    if "--final" in args:
        i = args.index("--final")
        if len(args) < i + 3:
            print(__doc__)
            return 64
        final = (args[i + 1], args[i + 2])
        args = args[:i] + args[i + 3:]
    if not args and not final:
        print(__doc__)
        return 64
    all_problems: list[str] = []
    for path in args + ([final[1]] if final else []):
        all_problems += check(path)
    if final:
        all_problems += check_final(*final)
    for p in all_problems:
        print(p)
    if not all_problems:
        print(f"ok: {', '.join(args + ([final[1] + ' = ' + final[0]] if final else []))}")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
