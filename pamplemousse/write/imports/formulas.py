"""Formulas in the cells `pmp import` reads: refused with their cell (`Plan!F7`).

pmp reads what the client typed, not what a formula computes: the value a
spreadsheet cached may be stale, and an .ods or a .csv may not keep it. pmp's
own formulas (the days-late column) sit in columns it does not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from pamplemousse.errors import display_path
from pamplemousse.outputs.xlsx import FIRST_ROW, sheet_names
from pamplemousse.text.i18n import labels


def refuse_formulas(path: Path, wb, read: dict[str, list[int]], lang: str, x: dict, problems: list[str]) -> None:
    """A formula in a cell pmp reads is refused with its cell: pmp reads what the client typed, not what a
    formula computes (the value a spreadsheet cached may be stale, and an .ods or .csv may not keep it).
    `read` gives the plan sheet's columns read; the Indicateurs and Jalons sheets' are found by their headers."""
    from pamplemousse.outputs.xlsx import INDICATOR_COLUMNS, MILESTONE_COLUMNS
    from pamplemousse.write.imports import others
    from pamplemousse.write.imports.files import Unreadable, column_name, formula_cells

    try:
        formulas = formula_cells(path)
    except Unreadable:
        problems.append(x["not_xlsx"].format(file=display_path(path)))
        return
    if not formulas:
        return
    names = sheet_names(lang)
    for key, layout in (("indicators", INDICATOR_COLUMNS), ("milestones", MILESTONE_COLUMNS)):
        if names[key] in wb.sheetnames:
            found = others._columns(wb[names[key]], layout, labels(lang)) or {}
            read[names[key]] = [found[k] for k in ("id", "ref", "value", "date", "state", "on", "note") if k in found]
    for sheet, columns in read.items():
        wanted = {column_name(c) for c in columns}
        for cell, formula in sorted((formulas.get(sheet) or {}).items(), key=lambda kv: row_col(kv[0])):
            if row_col(cell)[0] >= FIRST_ROW and re.sub(r"\d", "", cell) in wanted:
                problems.append(x["formula"].format(cell=f"{sheet}!{cell}", formula=formula[:60]))


def row_col(cell: str) -> tuple[int, str]:
    return int(re.sub(r"\D", "", cell)), re.sub(r"\d", "", cell)
