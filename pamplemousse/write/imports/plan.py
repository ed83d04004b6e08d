"""The plan sheet that comes back from the client (`pmp import MISSION FILE.xlsx|.ods|.csv`).

The client receives the workbook of `pmp render --format xlsx`, changes
statuses, progress and notes on its plan sheet, and sends it back. This module
reads that sheet, and the Indicateurs and Jalons sheets through others.py, and
refuses it whole when anything in it cannot be read (every problem with its
cell, `Plan!G7`). An empty cell means "unchanged". A `done` status always means
100 %, so the progress of a row whose status is done is not read.

Progress cells hold a fraction formatted as a percentage (0.4 shows 40 %); a
number above 1 (up to 100) is read as percentage points, and so is a text such
as "40 %" — someone typing 40 into a cell that lost its format meant 40 %.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from pamplemousse.errors import UsageError, display_path
from pamplemousse.outputs.xlsx import DATE_CELL, FIRST_ROW, HEADER_ROW, PLAN_COLUMNS, label, sheet_names
from pamplemousse.plan.state import state_on
from pamplemousse.read.model import Mission
from pamplemousse.read.yamlread import forbidden_char
from pamplemousse.text.i18n import LANGUAGES, labels
from pamplemousse.write.imports import values
from pamplemousse.write.imports.results import Row, SheetRefused
from pamplemousse.write.imports.values import did_you_mean, text

MAX_BLANK_ROWS = 100
_READ = ("id", "status", "progress", "note")


def _open(path: Path, x: dict, plan_sheet: str):
    from pamplemousse.outputs.xlsx import MISSION_PROPERTY
    from pamplemousse.write.imports.files import Unreadable, open_book

    try:
        return open_book(path, plan_sheet, MISSION_PROPERTY)
    except Unreadable as err:
        key = {"no_file": "no_file", "not_sheet": "not_xlsx"}.get(err.key, err.key)
        raise UsageError(x[key].format(file=display_path(path), **err.kw)) from None


def _made_for(wb, ws) -> str | None:
    """The mission a workbook was made for: its `pmp_mission` property, else the mark of its plan
    sheet (the only one a CSV keeps); None for a sheet with neither."""
    from pamplemousse.outputs.xlsx import MISSION_PROPERTY
    from pamplemousse.write.imports.files import MARK_CELL, mark

    value = getattr(wb, "made_for", None)
    if hasattr(wb, "custom_doc_props"):
        props = {p.name: p.value for p in wb.custom_doc_props.props}
        value = props.get(MISSION_PROPERTY)
    if value is not None and str(value).strip():
        return str(value).strip()
    marked = mark(ws[MARK_CELL].value)
    return marked[0] if marked else None


def _sheet_language(wb, preferred: str) -> str:
    """The language the plan sheet is in (`pmp render --lang` may differ from the mission's):
    the first, `preferred` first, whose sheet name and headers are all there; else `preferred`."""
    for lang in [preferred] + [other for other in LANGUAGES if other != preferred]:
        catalog, name = labels(lang), sheet_names(lang)["plan"]
        if name in wb.sheetnames and all(
            text(wb[name].cell(HEADER_ROW, i).value) == label(catalog, dotted)
            for i, (key, dotted, _) in enumerate(PLAN_COLUMNS, 1) if key in _READ
        ):
            return lang
    return preferred


def read_plan(path: Path, mission: Mission, lang: str, entry_date: date | None = None):
    """The sheet's date, its rows, its extras and the cells it holds that are not read (each named, with
    why); or SheetRefused naming every cell that cannot be read.

    The sheet may be in any language pmp writes; it is read, and refused, in the
    one its headers are in, else in `lang`.
    """
    from pamplemousse.write.imports.files import MARK_CELL, MAX_ROWS, mark

    wb = _open(Path(path), labels(lang)["import"], sheet_names(lang)["plan"])
    lang = _sheet_language(wb, lang)
    catalog = labels(lang)
    x = catalog["import"]
    refused = x["refused"].format(file=display_path(Path(path)))
    name = sheet_names(lang)["plan"]
    if name not in wb.sheetnames:
        raise SheetRefused(
            refused,
            [x["no_sheet"].format(file=display_path(Path(path)), sheet=name, sheets=", ".join(wb.sheetnames))],
        )
    ws = wb[name]
    made_for = _made_for(wb, ws)
    if made_for is not None and made_for != mission.slug:
        raise SheetRefused(refused, [x["other_mission"].format(file=display_path(Path(path)), other=made_for,
                                                               mission=mission.slug)])
    if ws.max_row > MAX_ROWS:
        raise SheetRefused(refused, [x["too_many_rows"].format(sheet=name, limit=MAX_ROWS)])
    if getattr(wb, "csv", False):
        ref = lambda cell: x["csv_cell"].format(  # noqa: E731
            line=int(re.sub(r"\D", "", cell)), column=re.sub(r"\d", "", cell))
    else:
        ref = lambda cell: f"{name}!{cell}"  # noqa: E731 - the way spreadsheets name a cell
    problems: list[str] = []

    columns = {}
    for i, (key, dotted, _) in enumerate(PLAN_COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, i)
        expected = label(catalog, dotted)
        if key in _READ and text(cell.value) != expected:
            found = x["found"].format(text=text(cell.value)) if text(cell.value) else x["empty_cell"]
            problems.append(x["bad_header"].format(cell=ref(cell.coordinate), expected=expected, found=found))
        columns[key] = i
    sheet_date = ws[DATE_CELL].value
    if isinstance(sheet_date, datetime):
        sheet_date = sheet_date.date()
    marked = mark(ws[MARK_CELL].value)
    if getattr(wb, "csv", False) and not isinstance(sheet_date, date) and marked:  # as the CSV's locale wrote it
        sheet_date = marked[1]
    if not isinstance(sheet_date, date):
        problems.append(x["bad_date"].format(cell=ref(DATE_CELL)))
    else:
        sheet_date = values.within_years(sheet_date, ref(DATE_CELL), x, problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    from pamplemousse.write.imports.formulas import refuse_formulas
    refuse_formulas(Path(path), wb, {name: [columns[k] for k in _READ]}, lang, x, problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    ignored: list[str] = []
    rows = _read_rows(ws, columns, [r.id for r in mission.recommendations], catalog, ref, problems, ignored)
    extras = _read_others(wb, mission, catalog, lang, entry_date or sheet_date, problems, ignored)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    return sheet_date, rows, extras, ignored


def _read_others(wb, mission: Mission, catalog: dict, lang: str, entry_date: date, problems: list[str],
                 ignored: list[str]) -> list:
    """New measures (Indicateurs) and milestones met or missed (Jalons), when the file has those sheets."""
    from pamplemousse.write.imports import others

    names = sheet_names(lang)
    state = state_on(mission, entry_date)
    found = []
    for key in ("indicators", "milestones"):
        if names[key] not in wb.sheetnames:
            continue
        ref = (lambda name: lambda cell: f"{name}!{cell}")(names[key])
        ws = wb[names[key]]
        if key == "milestones":
            found += others.milestones(ws, mission, state, catalog, ref, entry_date, problems, ignored)
        else:
            found += others.measures(ws, mission, state, catalog, ref, problems, ignored)
    return found


def _read_rows(ws, columns: dict[str, int], known: list[str], catalog: dict, ref, problems: list[str],
               ignored: list[str]) -> list[Row]:
    """The rows of the plan sheet, one per recommendation; what cannot be read goes to `problems`, what is
    there but not read to `ignored`."""
    x = catalog["import"]
    rows: list[Row] = []
    first_row: dict[str, int] = {}
    blank = 0
    for n in range(FIRST_ROW, ws.max_row + 1):
        cells = {key: ws.cell(n, i) for key, i in columns.items()}
        if all(text(c.value) is None for c in cells.values()):
            blank += 1
            if blank > MAX_BLANK_ROWS:  # a sheet formatted down to its last row is not read to the end
                _after_blank(ws, n, columns, ref, x, ignored)
                break
            continue
        blank = 0
        rec_id = text(cells["id"].value)
        if rec_id not in known:
            hint = did_you_mean(x, rec_id or "", known)
            problems.append(x["unknown_id"].format(cell=ref(cells["id"].coordinate), id=rec_id or "", hint=hint))
            continue
        if rec_id in first_row:
            problems.append(x["duplicate_id"].format(cell=ref(cells["id"].coordinate), id=rec_id,
                                                     row=first_row[rec_id]))
            continue
        first_row[rec_id] = n
        status = values.status(cells["status"].value, ref(cells["status"].coordinate), catalog, problems)
        progress = values.progress(cells["progress"].value, ref(cells["progress"].coordinate), catalog,
                                   [] if status == "done" else problems, "%" in (cells["progress"].number_format or ""))
        beside_done = None
        if status == "done":  # done is 100 %: another progress typed on the row is named (compare.py), not read
            if text(cells["progress"].value) is not None and progress != 100:
                shown = values.shown_progress(cells["progress"].value, "%" in (cells["progress"].number_format or ""))
                beside_done = (x["ignored_done_progress"].format(cell=ref(cells["progress"].coordinate), value=shown,
                                                                 done=catalog["status"]["done"]), progress)
            progress = None
        note = text(cells["note"].value)
        bad = forbidden_char(note) if note else None
        if bad:
            problems.append(x["bad_char"].format(cell=ref(cells["note"].coordinate), code=bad))
        rows.append(Row(rec_id, n, status, progress, note, beside_done))
    return rows




def _after_blank(ws, n: int, columns: dict[str, int], ref, x: dict, ignored: list[str]) -> None:
    """The first cell the reader leaves, past the blank rows where it stopped, named (a sheet's max_row is
    bounded by MAX_ROWS)."""
    for later in range(n + 1, ws.max_row + 1):
        for i in columns.values():
            cell = ws.cell(later, i)
            if text(cell.value) is not None:
                ignored.append(x["ignored_after_blank"].format(cell=ref(cell.coordinate), n=MAX_BLANK_ROWS))
                return
