"""The other sheets that come back with the plan (`pmp import`): new measures, milestones met or missed.

- Indicateurs: a row whose indicator is known, with a date of measure and a
  value, that the journal does not hold yet (same indicator, same date, same
  value) is a new measure, dated on its own date. A row left as pmp wrote it is
  therefore never imported twice.
- Jalons: a row whose state says « tenu » or « manqué » (met, missed) where the
  journal does not say so yet is an entry dated on its « Tenu ou manqué le »
  date (else the import date).

Columns are found by their headers (row 4), in the sheet's language. Every
cell that cannot be read is a problem named with its cell (`Jalons!E7`), and
the importer refuses the whole file. A cell that is read but not taken — a
row without an indicator or a value, the note of a measure the journal holds,
the date of a milestone already met — is named, with why, in what `pmp import`
shows; so is a sheet whose headers are not pmp's. A milestone twice in the
sheet is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from pamplemousse.outputs.xlsx import FIRST_ROW, HEADER_ROW, INDICATOR_COLUMNS, MILESTONE_COLUMNS, label
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission
from pamplemousse.write.imports.values import text, within_years

_NUMBER = re.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")


@dataclass(frozen=True)
class Extra:
    """One entry from a sheet other than the plan, with what the table of differences shows."""

    ref: str  # an indicator id or a milestone reference
    field: str  # "value" or "milestone"
    before: object
    after: object
    entry: dict


def _columns(ws, columns: tuple, catalog: dict) -> dict[str, int] | None:
    """Each column's number found by its header, or None when a header is missing."""
    found = {text(ws.cell(HEADER_ROW, i).value): i for i in range(1, len(columns) + 8)}
    wanted = {key: label(catalog, dotted) for key, dotted, _ in columns}
    if not all(header in found for header in wanted.values()):
        return None
    return {key: found[header] for key, header in wanted.items()}


def read_columns(ws, columns: tuple, catalog: dict, sheet: str, ignored: list[str]) -> dict[str, int] | None:
    """The sheet's columns found by their headers; None, and the sheet named as not read, when one is missing."""
    found = _columns(ws, columns, catalog)
    if found is None:
        ignored.append(catalog["import"]["ignored_sheet"].format(sheet=sheet, row=HEADER_ROW))
    return found


def _day(cell, ref, x: dict, problems: list[str]) -> date | None:
    value = cell.value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return within_years(value, ref(cell.coordinate), x, problems)
    if text(value) is not None:
        problems.append(x["date_as_text"].format(cell=ref(cell.coordinate), value=text(value)))
    return None


def _rows(ws):
    blank = 0
    for n in range(FIRST_ROW, ws.max_row + 1):
        yield n
        if all(text(ws.cell(n, i).value) is None for i in range(1, 8)):
            blank += 1
            if blank > 100:
                return
        else:
            blank = 0


def _shown_notes(mission: Mission) -> tuple[dict[tuple, set[str]], dict[str, set[str]]]:
    """The notes of the journal's measures ({(indicator, date, value): notes}) and milestones ({ref: notes}) as
    the documents of every audience show them (names replaced by roles): a note sent back untouched is not taken
    for an edit."""
    from pamplemousse.plan.privacy import AUDIENCES, redact

    measures: dict[tuple, set[str]] = {}
    milestones: dict[str, set[str]] = {}
    for audience in AUDIENCES:
        for e in redact(mission, audience, mission.language).journal:
            note = (e.note or "").strip()
            if e.indicator is not None and e.value is not None:
                measures.setdefault((e.indicator, e.date, float(e.value)), set()).add(note)
            elif e.milestone is not None:
                milestones.setdefault(e.milestone, set()).add(note)
    return measures, milestones


def measures(ws, mission: Mission, state: PlanState, catalog: dict, ref, problems: list[str],
             ignored: list[str]) -> list[Extra]:
    x = catalog["import"]
    cols = read_columns(ws, INDICATOR_COLUMNS, catalog, ws.title, ignored)
    if cols is None:
        return []
    known = {i.id: i for _, i in mission.indicators()}
    held = _shown_notes(mission)[0]
    latest = {s.indicator.id: s.latest.value if s.latest else None for s in state.indicators}
    found: list[Extra] = []
    for n in _rows(ws):
        cell = lambda key, n=n: ws.cell(n, cols[key])  # noqa: E731
        ident, raw = text(cell("id").value), cell("value").value
        typed = [key for key in ("date", "value", "note") if text(cell(key).value) is not None]
        if ident is None:
            if typed:
                ignored.append(x["ignored_no_indicator"].format(cell=ref(cell("id").coordinate)))
            continue
        if raw is None or text(raw) is None:
            if typed or ident not in known:
                ignored.append(x["ignored_no_value"].format(cell=ref(cell("value").coordinate), id=ident))
            continue
        if ident not in known:
            problems.append(x["unknown_indicator"].format(cell=ref(cell("id").coordinate), id=ident))
            continue
        if isinstance(raw, bool) or (not isinstance(raw, (int, float)) and not _NUMBER.fullmatch(str(raw))):
            problems.append(x["bad_value"].format(cell=ref(cell("value").coordinate), value=text(raw)))
            continue
        value = float(str(raw).replace(",", ".")) if not isinstance(raw, (int, float)) else float(raw)
        day = _day(cell("date"), ref, x, problems)
        if day is None:
            if text(cell("date").value) is None:
                problems.append(x["no_measure_date"].format(cell=ref(cell("date").coordinate), id=ident))
            continue
        note = text(cell("note").value)
        if (ident, day, value) in held:
            if (note or "") not in held[(ident, day, value)]:
                ignored.append(x["ignored_measure_note"].format(cell=ref(cell("note").coordinate)))
            continue
        held[(ident, day, value)] = {note or ""}
        entry = {"date": day, "indicator": ident, "value": value, "note": note}
        found.append(Extra(ident, "value", latest.get(ident), value, entry))
    return found


def milestones(ws, mission: Mission, state: PlanState, catalog: dict, ref, entry_date: date,
               problems: list[str], ignored: list[str]) -> list[Extra]:
    x = catalog["import"]
    cols = read_columns(ws, MILESTONE_COLUMNS, catalog, ws.title, ignored)
    if cols is None:
        return []
    names = catalog["xlsx"]["milestone_states"]
    words = {v.lower(): k for k, v in names.items()}
    words.update({"met": "met", "missed": "missed"})
    by_ref = {m.ref: m for m in state.milestones}
    notes = _shown_notes(mission)[1]
    first_row: dict[str, int] = {}
    found: list[Extra] = []
    for n in _rows(ws):
        cell = lambda key, n=n: ws.cell(n, cols[key])  # noqa: E731
        ref_text, said = text(cell("ref").value), text(cell("state").value)
        if ref_text is None:
            continue
        if ref_text in first_row:  # tenu on one row, manqué on another: which one is true is the client's to say
            problems.append(x["duplicate_id"].format(cell=ref(cell("ref").coordinate), id=ref_text,
                                                     row=first_row[ref_text]))
            continue
        first_row[ref_text] = n
        if said is None:
            if text(cell("on").value) is not None or text(cell("note").value) is not None:
                ignored.append(x["ignored_no_state"].format(cell=ref(cell("state").coordinate), id=ref_text,
                                                            met=names["met"], missed=names["missed"]))
            continue
        if ref_text not in by_ref:
            problems.append(x["unknown_milestone"].format(cell=ref(cell("ref").coordinate), id=ref_text))
            continue
        wanted = words.get(" ".join(said.lower().split()))
        if wanted is None:
            shown = ", ".join(names[k] for k in ("met", "missed"))
            problems.append(x["bad_milestone_state"].format(cell=ref(cell("state").coordinate), value=said,
                                                            states=shown))
            continue
        current = by_ref[ref_text]
        if wanted not in ("met", "missed"):
            continue
        day = _day(cell("on"), ref, x, problems)
        if wanted == current.state:
            if (day is not None and day != current.on) or (text(cell("note").value) or "") not in notes.get(ref_text, {""}):
                ignored.append(x["ignored_milestone_kept"].format(cell=ref(cell("ref").coordinate), id=ref_text,
                                                                  state=names[wanted]))
            continue
        entry = {"date": day or entry_date, "milestone": ref_text, "status": wanted, "note": text(cell("note").value)}
        found.append(Extra(ref_text, "milestone", current.state, wanted, entry))
    return found
