"""The file of the steering tool's update form (`pmp import MISSION FILE.json|.eml`).

The client's copy of the pilotage HTML makes a small JSON file (its shape:
views/update.py) that the client downloads or sends inside an e-mail. This
module finds it — the file itself, a saved e-mail (.eml: the JSON in its text,
or attached), or any text that holds it — reads it within bounds, and turns it
into what the spreadsheet's reader gives (write/imports/plan.py, values.py): the state
date, one Row per recommendation, and the Extras of measures and milestones.
The comparison with the journal, the table of differences and the one write
are then the spreadsheet's.

Every refusal names the item and the form's field (« préconisation R3,
« Avancement (%) » »), as the client saw it; the whole file is refused, nothing
is written.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

from pamplemousse.errors import UsageError, display_path
from pamplemousse.plan.state import state_on
from pamplemousse.read.model import Mission
from pamplemousse.read.values import MAX_NUMBER
from pamplemousse.read.yamlread import NotRegular, TooBig, forbidden_char, read_bounded
from pamplemousse.text.i18n import labels
from pamplemousse.views.update import FORMAT, VERSION
from pamplemousse.write.imports import values
from pamplemousse.write.imports.others import Extra
from pamplemousse.write.imports.results import Row, SheetRefused
from pamplemousse.write.imports.values import did_you_mean

SUFFIXES = (".json", ".eml", ".txt")  # what `pmp import` reads as the form's file, not as a spreadsheet
MAX_BYTES = 2 * 1024 * 1024  # a form's file is a few KB; an e-mail with its signature's images, a few hundred
MAX_ITEMS = 2_000
_START = re.compile(r'\{\s*"pmp"\s*:')


def is_form(path: Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def _texts(data: bytes, eml: bool) -> list[str]:
    """The texts that may hold the form's JSON: the file itself, or each text part and JSON attachment of an e-mail."""
    if not eml:
        return [data.decode("utf-8", errors="replace")]
    message = message_from_bytes(data, policy=policy.default)
    texts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind, name = part.get_content_type(), (part.get_filename() or "").lower()
        if not (kind.startswith("text/") or kind == "application/json" or name.endswith(".json")):
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            continue
        text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
        if part.get_param("format") == "flowed":  # RFC 3676: a line ending in a space goes on with the next
            delsp = str(part.get_param("delsp") or "").lower() == "yes"
            text = re.sub(r" \r?\n", "" if delsp else " ", text)
        if kind == "text/html":
            import html

            text = html.unescape(re.sub(r"<[^>]*>", "", text))
        texts.append(text)
    return texts


def _bad_constant(name: str):
    raise ValueError(name)


def _find(texts: list[str], file: str, x: dict) -> dict:
    """The first form block found in `texts`, parsed; UsageError when there is none or it is damaged."""
    decoder = json.JSONDecoder(parse_constant=_bad_constant)
    damaged = None
    for text in texts:
        for start in _START.finditer(text):
            try:
                found, _ = decoder.raw_decode(text, start.start())
            except (ValueError, RecursionError) as err:
                damaged = damaged or getattr(err, "msg", None) or str(err)
                continue
            if isinstance(found, dict) and found.get("pmp") == FORMAT:
                return found
    if damaged:
        raise UsageError(x["form_bad_json"].format(file=file, error=damaged))
    raise UsageError(x["form_unreadable"].format(file=file, format=FORMAT))


def _day(value, where: str, x: dict, problems: list[str]) -> date | None:
    """The date written AAAA-MM-JJ (the form's date fields), None when absent; a problem when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
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
        progress = None
        if item.get("progress") is not None:
            number = _number(item["progress"])
            if number is None or not 0 <= number <= 100:
                shown = f"{item['progress']}\u00a0%" if _number(item["progress"]) is not None else str(item["progress"])[:40]
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
        rows.append(Row(rec_id, n, status, progress, note or None))
    return rows


def _extras(form: dict, mission: Mission, catalog: dict, entry_date: date, problems: list[str]) -> list[Extra]:
    x, U = catalog["import"], catalog["update"]
    state = state_on(mission, entry_date)
    known = {i.id for _, i in mission.indicators()}
    latest = {s.indicator.id: s.latest.value if s.latest else None for s in state.indicators}
    held = {(e.indicator, e.date, float(e.value)) for e in mission.journal if e.indicator is not None and e.value is not None}
    written = _day(form.get("written_on"), "written_on", x, problems) or entry_date
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
        if (ident, day, value) not in held:
            held.add((ident, day, value))
            entry = {"date": day, "indicator": ident, "value": value, "note": item.get("note") or None}
            found.append(Extra(ident, "value", latest.get(ident), value, entry))
    by_ref = {m.ref: m for m in state.milestones}
    for place, item in _items(form, "milestones", x, U, problems):
        ref = item.get("ref")
        if not isinstance(ref, str) or ref not in by_ref:
            problems.append(x["unknown_milestone"].format(cell=place, id=str(ref or "")[:40]))
            continue
        said = item.get("status")
        if said not in ("met", "missed"):
            states = ", ".join(catalog["xlsx"]["milestone_states"][k] for k in ("met", "missed"))
            where = x["form_where_milestone"].format(id=ref, field=U["milestone_state"])
            problems.append(x["bad_milestone_state"].format(cell=where, value=str(said)[:40], states=states))
            continue
        day = _day(item.get("date"), x["form_where_milestone"].format(id=ref, field=U["milestone_date"]), x,
                   problems) or written
        if by_ref[ref].state != said:
            entry = {"date": day, "milestone": ref, "status": said, "note": item.get("note") or None}
            found.append(Extra(ref, "milestone", by_ref[ref].state, said, entry))
    return found


def read_form(path: Path, mission: Mission, lang: str, entry_date: date | None = None):
    """The form's state date, its rows and its extras, as `plan.read_plan` gives them; or a refusal."""
    catalog = labels(lang)
    x = catalog["import"]
    path = Path(path)
    file = display_path(path)
    if not path.is_file():
        raise UsageError(x["no_file"].format(file=file))
    try:
        data = read_bounded(path, MAX_BYTES)
    except TooBig as err:
        raise UsageError(x["file_too_big"].format(file=file, size=err.args[0] // (1024 * 1024) + 1,
                                                  limit=MAX_BYTES // (1024 * 1024))) from None
    except (NotRegular, OSError):
        raise UsageError(x["no_file"].format(file=file)) from None
    form = _find(_texts(data, path.suffix.lower() == ".eml"), file, x)
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
    as_of = _day(form.get("as_of"), "as_of", x, problems)
    if as_of is None and not problems:
        problems.append(x["form_bad_date"].format(where="as_of", value=str(form.get("as_of"))))
    rows = _rows(form, mission, catalog, problems)
    extras = _extras(form, mission, catalog, entry_date or as_of or date.today(), problems)
    if problems:
        raise SheetRefused(refused, problems, x["more_problems"], lang)
    assert as_of is not None
    return as_of, rows, extras

