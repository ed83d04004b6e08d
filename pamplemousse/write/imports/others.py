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
the importer refuses the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from pamplemousse.outputs.xlsx import FIRST_ROW, HEADER_ROW, INDICATOR_COLUMNS, MILESTONE_COLUMNS, label
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission
from pamplemousse.write.imports.values import text

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
    if not all(text in found for text in wanted.values()):
        return None
    return {key: found[text] for key, text in wanted.items()}


def _day(cell, ref, x: dict, problems: list[str]) -> date | None:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
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


def measures(ws, mission: Mission, state: PlanState, catalog: dict, ref, problems: list[str]) -> list[Extra]:
    x = catalog["import"]
    cols = _columns(ws, INDICATOR_COLUMNS, catalog)
    if cols is None:
        return []
    known = {i.id: i for _, i in mission.indicators()}
    held = {(e.indicator, e.date, float(e.value)) for e in mission.journal if e.indicator is not None and e.value is not None}
    latest = {s.indicator.id: s.latest.value if s.latest else None for s in state.indicators}
    found: list[Extra] = []
    for n in _rows(ws):
        cell = lambda key, n=n: ws.cell(n, cols[key])  # noqa: E731
        ident, raw = text(cell("id").value), cell("value").value
        if ident is None or (raw is None or text(raw) is None):
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
        if (ident, day, value) in held:
            continue
        held.add((ident, day, value))
        entry = {"date": day, "indicator": ident, "value": value, "note": text(cell("note").value)}
        found.append(Extra(ident, "value", latest.get(ident), value, entry))
    return found


def milestones(ws, mission: Mission, state: PlanState, catalog: dict, ref, entry_date: date,
               problems: list[str]) -> list[Extra]:
    x = catalog["import"]
    cols = _columns(ws, MILESTONE_COLUMNS, catalog)
    if cols is None:
        return []
    words = {v.lower(): k for k, v in catalog["xlsx"]["milestone_states"].items()}
    words.update({"met": "met", "missed": "missed"})
    by_ref = {m.ref: m for m in state.milestones}
    found: list[Extra] = []
    for n in _rows(ws):
        cell = lambda key, n=n: ws.cell(n, cols[key])  # noqa: E731
        ref_text, said = text(cell("ref").value), text(cell("state").value)
        if ref_text is None or said is None:
            continue
        if ref_text not in by_ref:
            problems.append(x["unknown_milestone"].format(cell=ref(cell("ref").coordinate), id=ref_text))
            continue
        wanted = words.get(" ".join(said.lower().split()))
        if wanted is None:
            shown = ", ".join(catalog["xlsx"]["milestone_states"][k] for k in ("met", "missed"))
            problems.append(x["bad_milestone_state"].format(cell=ref(cell("state").coordinate), value=said,
                                                            states=shown))
            continue
        current = by_ref[ref_text]
        if wanted not in ("met", "missed") or wanted == current.state:
            continue
        day = _day(cell("on"), ref, x, problems) or entry_date
        entry = {"date": day, "milestone": ref_text, "status": wanted, "note": text(cell("note").value)}
        found.append(Extra(ref_text, "milestone", current.state, wanted, entry))
    return found
