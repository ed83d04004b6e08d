"""Updates coming back from the spreadsheet (`pmp import MISSION FILE.xlsx`).

The client receives the workbook of `pmp render --format xlsx`, changes
statuses, progress and notes on its plan sheet, and sends it back. This module
reads that sheet, refuses it whole when anything in it cannot be read (every
problem with its cell, `Plan!G7`), and turns what the client changed into
journal entries, one per recommendation, which the CLI appends through
`journal.append_entry` (the path of `pmp log`).

Which changes count. The sheet was made from the state on its date (cell C2 of
the plan sheet). A field of a recommendation — status, progress, last note — is
a change when the sheet's value differs from the state on the sheet's date (the
client changed it) AND from the state on the import date (the journal does not
say so already). The second test makes an import idempotent: once imported, the
same sheet adds nothing. A field the client left as it was is never imported,
even if the journal has moved on since the sheet's date; nor is a note that
reads as the journal's once names are replaced as in a client's document. An empty cell means
"unchanged". A `done` status always means 100 %, so the progress of a row whose
status is done is not read.

Which date the entries take: the import date (today unless the CLI passes
another), not the sheet's date. The client reports what is true when they send
the sheet back, possibly days after its date; dating the entries on the sheet's
date would slip them under entries logged since, and the state on that earlier
date would claim what was not yet true. The table shows the sheet's date and the
entries' date.

Progress cells hold a fraction formatted as a percentage (0.4 shows 40 %); a
number above 1 (up to 100) is read as percentage points, and so is a text such
as "40 %" — someone typing 40 into a cell that lost its format meant 40 %.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pamplemousse.errors import UsageError, display_path
from pamplemousse.outputs.xlsx import DATE_CELL, FIRST_ROW, HEADER_ROW, PLAN_COLUMNS, label, sheet_names
from pamplemousse.plan.state import RecState, state_on
from pamplemousse.read.model import STATUSES, Mission
from pamplemousse.read.yamlread import forbidden_char
from pamplemousse.text.i18n import LANGUAGES, Formats, labels
from pamplemousse.text.messages import suggest

FIELDS = ("status", "progress", "note")
MAX_BLANK_ROWS = 100
MAX_PROBLEMS = 20  # a refusal lists the first ones, then how many more
_READ = ("id", "status", "progress", "note")
_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*")


class SheetRefused(UsageError):
    """The sheet cannot be imported; every problem is named with its cell. Nothing was written."""

    def __init__(self, header: str, problems: list[str], more: dict | str = "", lang: str = "fr"):
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS and more:  # « … et 3 autres problèmes », by the catalog's plural rule
            shown.append(Formats(lang).plural(more, len(problems) - MAX_PROBLEMS))
        super().__init__("\n".join([header, *shown]))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    """What the sheet says about one recommendation (None: empty cell, unchanged)."""

    rec_id: str
    row: int
    status: str | None
    progress: int | None
    note: str | None


@dataclass(frozen=True)
class Change:
    rec_id: str
    field: str  # status, progress or note
    before: object  # the value on the sheet's date
    after: object


@dataclass(frozen=True)
class SheetImport:
    """The sheet read and compared: its date, the changes, and the journal entries to append."""

    sheet_date: date
    entry_date: date
    changes: tuple[Change, ...]
    entries: tuple[dict, ...]
    rows: tuple = ()  # what was read, to compare again with a journal that moved meanwhile
    extras: tuple = ()
    source: str = "sheet"  # "sheet" (a spreadsheet) or "form" (the steering tool's update form)


# reading the sheet ----------------------------------------------------------

def _open(path: Path, x: dict, plan_sheet: str):
    from pamplemousse.outputs.xlsx import MISSION_PROPERTY
    from pamplemousse.write.imports.files import Unreadable, open_book

    try:
        return open_book(path, plan_sheet, MISSION_PROPERTY)
    except Unreadable as err:
        key = {"no_file": "no_file", "not_sheet": "not_xlsx"}.get(err.key, err.key)
        raise UsageError(x[key].format(file=display_path(path), **err.kw)) from None


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _status(value, cell: str, catalog: dict, problems: list[str]) -> str | None:
    text = _text(value)
    if text is None:
        return None
    by_label = {catalog["status"][s].lower(): s for s in STATUSES}
    by_label.update({s: s for s in STATUSES})
    found = by_label.get(" ".join(text.lower().split()))
    if found is None:
        from pamplemousse.write.journal import normalise_status  # what pmp log accepts: "a faire", "Bloquée"…

        found = normalise_status(text)
        found = found if found in STATUSES else None
    if found is None:
        x = catalog["import"]
        choices = [catalog["status"][s] for s in STATUSES]
        hint = _did_you_mean(x, text, choices)
        problems.append(x["unknown_status"].format(cell=cell, value=text, statuses=", ".join(choices), hint=hint))
    return found


def _did_you_mean(x: dict, word: str, choices: list[str]) -> str:
    """The import catalog's "did you mean" hint (in the sheet's language) for `word`, or ""."""
    close = suggest(word, choices)
    return x["did_you_mean"].format(suggestion=close) if close else ""


def _progress(value, cell: str, catalog: dict, problems: list[str], percent_cell: bool = True) -> int | None:
    """The progress in a cell, 0–100, or None with a refusal naming the cell.

    In a cell formatted as a percentage (as pmp writes it) the number is a share:
    0.4 is 40 %, and 1.2 (shown « 120 % ») is refused, never read as 1 %. In a
    cell the client reformatted as a plain number, 40 means 40 %, and 0.4 too.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = value * 100 if percent_cell or 0 <= value <= 1 else value
    elif isinstance(value, str) and (written := _NUMBER.fullmatch(value)):
        number = float(written.group(1).replace(",", "."))
        if "%" not in value and number <= 1:
            number *= 100
    if number is None or not 0 <= number <= 100:
        shown = _text(value) or value
        if percent_cell and isinstance(value, (int, float)) and not isinstance(value, bool):
            shown = f"{value * 100:g}\u00a0%"  # as the spreadsheet shows it
        problems.append(catalog["import"]["bad_progress"].format(cell=cell, value=shown))
        return None
    return round(number)


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
            _text(wb[name].cell(HEADER_ROW, i).value) == label(catalog, dotted)
            for i, (key, dotted, _) in enumerate(PLAN_COLUMNS, 1) if key in _READ
        ):
            return lang
    return preferred


def read_plan(path: Path, mission: Mission, lang: str, entry_date: date | None = None):
    """The sheet's date and its rows, or SheetRefused naming every cell that cannot be read.

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
        if key in _READ and _text(cell.value) != expected:
            found = x["found"].format(text=_text(cell.value)) if _text(cell.value) else x["empty_cell"]
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
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    from pamplemousse.write.imports.formulas import refuse_formulas
    refuse_formulas(Path(path), wb, {name: [columns[k] for k in _READ]}, lang, x, problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    rows = _read_rows(ws, columns, [r.id for r in mission.recommendations], catalog, ref, problems)
    extras = _read_others(wb, mission, catalog, lang, entry_date or sheet_date, problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    return sheet_date, rows, extras


def _read_others(wb, mission: Mission, catalog: dict, lang: str, entry_date: date, problems: list[str]) -> list:
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
            found += others.milestones(ws, mission, state, catalog, ref, entry_date, problems)
        else:
            found += others.measures(ws, mission, state, catalog, ref, problems)
    return found


def _read_rows(ws, columns: dict[str, int], known: list[str], catalog: dict, ref, problems: list[str]) -> list[Row]:
    """The rows of the plan sheet, one per recommendation; what cannot be read goes to `problems`."""
    x = catalog["import"]
    rows: list[Row] = []
    first_row: dict[str, int] = {}
    blank = 0
    for n in range(FIRST_ROW, ws.max_row + 1):
        cells = {key: ws.cell(n, i) for key, i in columns.items()}
        if all(_text(c.value) is None for c in cells.values()):
            blank += 1
            if blank > MAX_BLANK_ROWS:  # a sheet formatted down to its last row is not read to the end
                break
            continue
        blank = 0
        rec_id = _text(cells["id"].value)
        if rec_id not in known:
            hint = _did_you_mean(x, rec_id or "", known)
            problems.append(x["unknown_id"].format(cell=ref(cells["id"].coordinate), id=rec_id or "", hint=hint))
            continue
        if rec_id in first_row:
            problems.append(x["duplicate_id"].format(cell=ref(cells["id"].coordinate), id=rec_id,
                                                     row=first_row[rec_id]))
            continue
        first_row[rec_id] = n
        status = _status(cells["status"].value, ref(cells["status"].coordinate), catalog, problems)
        progress = None
        if status != "done":
            progress = _progress(cells["progress"].value, ref(cells["progress"].coordinate), catalog, problems,
                                 "%" in (cells["progress"].number_format or ""))
        note = _text(cells["note"].value)
        bad = forbidden_char(note) if note else None
        if bad:
            problems.append(x["bad_char"].format(cell=ref(cells["note"].coordinate), code=bad))
        rows.append(Row(rec_id, n, status, progress, note))
    return rows


# comparing with the journal -------------------------------------------------

def _value(s: RecState, field: str):
    return {"status": s.status, "progress": s.progress, "note": (s.last_note or "").strip() or None}[field]


def _notes_as_shown(mission: Mission, day: date) -> dict[str, set[str]]:
    """Each recommendation's last note on `day` as the documents of every audience show it.

    A workbook made for the client shows notes with the names of people who did
    not consent replaced by their role (privacy.redact): such a note, sent back
    untouched, is not a change.
    """
    from pamplemousse.plan.privacy import AUDIENCES, redact

    shown: dict[str, set[str]] = {}
    for audience in AUDIENCES:
        for s in state_on(redact(mission, audience, mission.language), day).recs:
            if s.last_note:
                shown.setdefault(s.rec.id, set()).add(s.last_note.strip())
    return shown


def compare(mission: Mission, sheet_date: date, rows: list[Row], entry_date: date, extras=(),
            source: str = "sheet") -> SheetImport:
    """What the sheet changes, and the journal entries (dated `entry_date`) that record it."""
    day = max(entry_date, sheet_date)
    then, now = state_on(mission, sheet_date), state_on(mission, day)
    notes_then, notes_now = _notes_as_shown(mission, sheet_date), _notes_as_shown(mission, day)
    changes, entries = [], []
    for row in rows:
        before, current = then.rec(row.rec_id), now.rec(row.rec_id)
        entry: dict = {}
        for field in FIELDS:
            wanted = getattr(row, field)
            if wanted is None or wanted == _value(before, field) or wanted == _value(current, field):
                continue
            if field == "note" and wanted in notes_then.get(row.rec_id, set()) | notes_now.get(row.rec_id, set()):
                continue
            if field == "progress" and (row.status or current.status) == "done":
                continue
            entry[field] = wanted
            changes.append(Change(row.rec_id, field, _value(before, field), wanted))
        if entry:
            entries.append({"date": entry_date, "recommendation": row.rec_id, **entry})
    for extra in extras:
        changes.append(Change(extra.ref, extra.field, extra.before, extra.after))
        entries.append({k: v for k, v in extra.entry.items() if v is not None})
    return SheetImport(sheet_date, entry_date, tuple(changes), tuple(entries), tuple(rows), tuple(extras), source)


def read_changes(path: Path, mission: Mission, entry_date: date) -> SheetImport:
    """Read the sheet, or the update form's file (.json, .eml), at `path` and compare it with the mission's journal."""
    from pamplemousse.write.imports import form

    if form.is_form(path):
        as_of, rows, extras = form.read_form(path, mission, mission.language, entry_date)
        return compare(mission, as_of, rows, entry_date, extras, "form")
    sheet_date, rows, extras = read_plan(path, mission, mission.language, entry_date)
    return compare(mission, sheet_date, rows, entry_date, extras)


def append_all(mission: Mission, result: SheetImport) -> tuple[Path, int]:
    """Append the entries of `result` to the journal in one locked write, each checked first (a refusal or a
    failure writes nothing); return its path and how many went in (fewer when another import added some)."""
    from pamplemousse.write.journal import append_entries

    def refresh(now: Mission) -> list[dict]:
        state = state_on(now, result.entry_date)
        held = {(e.indicator, e.date, float(e.value)) for e in now.journal if e.indicator is not None and e.value is not None}
        extras = [
            x for x in result.extras
            if (x.field == "value" and (x.ref, x.entry["date"], float(x.after)) not in held)
            or (x.field == "milestone" and state.milestone(x.ref).state != x.after)
        ]
        return list(compare(now, result.sheet_date, list(result.rows), result.entry_date, extras, result.source).entries)

    return append_entries(mission.path, list(result.entries), refresh)


