"""The file of the steering tool's update form (`pmp import MISSION FILE.json|.eml`).

The client's copy of the pilotage HTML makes a small JSON file (its shape:
views/update.py) that the client downloads or sends inside an e-mail.
formfile.py finds it, within bounds, in the file itself, a saved e-mail (.eml:
the JSON in its text, or attached), or any text that holds it; this module turns
it into what the spreadsheet's reader gives (plan.py, values.py): the state
date, one Row per recommendation, and the Extras of measures and milestones.
The comparison with the journal, the table of differences and the one write
are then the spreadsheet's.

Every refusal names the item and the form's field (« préconisation R3,
« Avancement (%) » »), as the client saw it; the whole file is refused, nothing
is written.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

from pamplemousse.errors import UsageError, display_path
from pamplemousse.plan.state import state_on
from pamplemousse.read.model import Mission
from pamplemousse.read.values import MAX_NUMBER
from pamplemousse.read.yamlread import forbidden_char
from pamplemousse.text.i18n import labels
from pamplemousse.views.update import VERSION
from pamplemousse.write.imports import formfile, values
from pamplemousse.write.imports.others import Extra
from pamplemousse.write.imports.results import Row, SheetRefused
from pamplemousse.write.imports.values import did_you_mean

SUFFIXES = (".json", ".eml", ".txt")  # what `pmp import` reads as the form's file, not as a spreadsheet
MAX_ITEMS = 2_000


def is_form(path: Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def _day(value, where: str, x: dict, problems: list[str]) -> date | None:
    """The date written AAAA-MM-JJ (the form's date fields), None when absent; a problem when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return values.within_years(day, where, x, problems)
    problems.append(x["form_bad_date"].format(where=where, value=str(value)[:40]))
    return None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER else None


def _items(form: dict, key: str, x: dict, words: dict, problems: list[str]) -> list[tuple[str, dict]]:
    """The items of one list of the form, each with how a refusal names its place when it has no id."""
    items = form.get(key) or []
    if not isinstance(items, list):
        problems.append(x["form_field"].format(where=words[key]))
        return []
    named = []
    for n, item in enumerate(items, 1):
        if isinstance(item, dict):
            named.append((x["form_where_item"].format(list=words[key], n=n), item))
        else:
            problems.append(x["form_field"].format(where=x["form_where_item"].format(list=words[key], n=n)))
    return named


def _rows(form: dict, mission: Mission, catalog: dict, problems: list[str]) -> list[Row]:
    x, U = catalog["import"], catalog["update"]
    known = [r.id for r in mission.recommendations]
    rows, seen = [], set()
    for n, (place, item) in enumerate(_items(form, "recommendations", x, U, problems), 1):
        rec_id = item.get("id")
        if not isinstance(rec_id, str) or rec_id not in known:
            hint = did_you_mean(x, str(rec_id or ""), known)
            problems.append(x["unknown_id"].format(cell=place, id=str(rec_id or "")[:40], hint=hint))
            continue
        where = lambda field, rec_id=rec_id: x["form_where_rec"].format(id=rec_id, field=U[field])  # noqa: E731
        if rec_id in seen:
            problems.append(x["form_duplicate"].format(where=place, id=rec_id))
            continue
        seen.add(rec_id)
        status = None
        if item.get("status") is not None:
            status = values.status(str(item["status"]), where("status"), catalog, problems)
        progress, beside_done = None, None
        if item.get("progress") is not None:
            number = _number(item["progress"])
            shown = f"{item['progress']}\u00a0%" if number is not None else str(item["progress"])[:40]
            if status == "done":  # done is 100 %: what was typed beside it is named (compare.py), not read
                if number != 100:
                    beside_done = (x["ignored_done_progress"].format(cell=where("progress"), value=shown,
                                                                     done=catalog["status"]["done"]),
                                   None if number is None else round(number))
            elif number is None or not 0 <= number <= 100:
                problems.append(x["bad_progress"].format(cell=where("progress"), value=shown))
            else:
                progress = round(number)
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            problems.append(x["form_field"].format(where=where("note")))
            note = None
        note = note.strip() if note else None
        if note and (bad := forbidden_char(note)):
            problems.append(x["bad_char"].format(cell=where("note"), code=bad))
        rows.append(Row(rec_id, n, status, progress, note or None, beside_done))
    return rows


def _extras(form: dict, mission: Mission, catalog: dict, entry_date: date, problems: list[str]) -> list[Extra]:
    x, U = catalog["import"], catalog["update"]
    state = state_on(mission, entry_date)
    known = {i.id for _, i in mission.indicators()}
    latest = {s.indicator.id: s.latest.value if s.latest else None for s in state.indicators}
    held = {(e.indicator, e.date, float(e.value)) for e in mission.journal if e.indicator is not None and e.value is not None}
    written = _day(form.get("written_on"), "written_on", x, problems)
    found: list[Extra] = []
    for place, item in _items(form, "indicators", x, U, problems):
        ident = item.get("id")
        if not isinstance(ident, str) or ident not in known:
            problems.append(x["unknown_indicator"].format(cell=place, id=str(ident or "")[:40]))
            continue
        where = lambda field, ident=ident: x["form_where_indicator"].format(id=ident, field=U[field])  # noqa: E731
        value = _number(item.get("value"))
        if value is None:
            problems.append(x["bad_value"].format(cell=where("measure"), value=str(item.get("value"))[:40]))
            continue
        day = _day(item.get("date"), where("measure_date"), x, problems) or written
        if day is None:  # never the import's date: the same file imported another day would add it again
            if item.get("date") in (None, ""):
                problems.append(x["form_no_measure_date"].format(where=where("measure_date")))
            continue
        if (ident, day, value) not in held:
            held.add((ident, day, value))
            entry = {"date": day, "indicator": ident, "value": value, "note": item.get("note") or None}
            found.append(Extra(ident, "value", latest.get(ident), value, entry))
    by_ref = {m.ref: m for m in state.milestones}
    seen: set[str] = set()
    for place, item in _items(form, "milestones", x, U, problems):
        ref = item.get("ref")
        if not isinstance(ref, str) or ref not in by_ref:
            problems.append(x["unknown_milestone"].format(cell=place, id=str(ref or "")[:40]))
            continue
        if ref in seen:  # met and missed at once cannot both be true: the file is refused
            problems.append(x["form_duplicate"].format(where=place, id=ref))
            continue
        seen.add(ref)
        said = item.get("status")
        if said not in ("met", "missed"):
            states = ", ".join(catalog["xlsx"]["milestone_states"][k] for k in ("met", "missed"))
            where = x["form_where_milestone"].format(id=ref, field=U["milestone_state"])
            problems.append(x["bad_milestone_state"].format(cell=where, value=str(said)[:40], states=states))
            continue
        day = _day(item.get("date"), x["form_where_milestone"].format(id=ref, field=U["milestone_date"]), x,
                   problems) or written or entry_date
        if by_ref[ref].state != said:
            entry = {"date": day, "milestone": ref, "status": said, "note": item.get("note") or None}
            found.append(Extra(ref, "milestone", by_ref[ref].state, said, entry))
    return found


def read_form(path: Path, mission: Mission, lang: str, entry_date: date | None = None):
    """The form's state date, its rows, its extras and what it holds that is not read (each named, with why),
    as `plan.read_plan` gives them; or a refusal."""
    catalog = labels(lang)
    x = catalog["import"]
    path = Path(path)
    file = display_path(path)
    if not path.is_file():
        raise UsageError(x["no_file"].format(file=file))
    data = formfile.read_file(path, file, x)
    form = formfile.find(*formfile.texts(data, path.suffix.lower() == ".eml", file, x), file, x)
    refused = x["refused"].format(file=file)
    if form.get("version") != VERSION:
        raise SheetRefused(refused, [x["form_version"].format(file=file, version=form.get("version"), known=VERSION)])
    if form.get("mission") != mission.slug:
        raise SheetRefused(refused, [x["form_other_mission"].format(file=file, other=form.get("mission"),
                                                                    mission=mission.slug)])
    if sum(len(form.get(k) or []) for k in ("recommendations", "indicators", "milestones")
           if isinstance(form.get(k), list)) > MAX_ITEMS:
        raise SheetRefused(refused, [x["form_too_many"].format(file=file, limit=MAX_ITEMS)])
    problems: list[str] = []
    ignored: list[str] = []
    as_of = _day(form.get("as_of"), "as_of", x, problems)
    if as_of is None and not problems:
        problems.append(x["form_bad_date"].format(where="as_of", value=str(form.get("as_of"))))
    rows = _rows(form, mission, catalog, problems)
    extras = _extras(form, mission, catalog, entry_date or as_of or date.today(), problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    assert as_of is not None
    return as_of, rows, extras, ignored

