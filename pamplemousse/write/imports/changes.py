"""`pmp import`'s use case: read what the client sent (a spreadsheet or the update form's file), compare it
with the journal, and append the entries in one write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pamplemousse.plan.state import state_on
from pamplemousse.read.model import Mission
from pamplemousse.write.imports import form
from pamplemousse.write.imports.compare import compare
from pamplemousse.write.imports.plan import read_plan
from pamplemousse.write.imports.results import SheetImport


def read_changes(path: Path, mission: Mission, entry_date: date) -> SheetImport:
    """Read the sheet, or the update form's file (.json, .eml), at `path` and compare it with the mission's journal."""
    if form.is_form(path):
        as_of, rows, extras, ignored = form.read_form(path, mission, mission.language, entry_date)
        return compare(mission, as_of, rows, entry_date, extras, "form", ignored)
    sheet_date, rows, extras, ignored = read_plan(path, mission, mission.language, entry_date)
    return compare(mission, sheet_date, rows, entry_date, extras, ignored=ignored)


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
