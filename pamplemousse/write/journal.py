"""Check journal entries and append them: the only module that writes journal.yaml (through write/append.py).

`append_entry(folder, entry)` and `append_entries(folder, entries)` check each
entry (its fields, then against the mission: known ids, a date not before the
mission starts) and write nothing when anything is wrong. The kinds of entry
and their fields come from one table, read.model.JOURNAL_KINDS. The mission is
loaded once, with journal.yaml's bytes as read; under the lock, the bytes are
read again and, only if another command appended meanwhile, the journal parsed
again. Then ALL the entries are appended in one write, as YAML list items
serialised by PyYAML (a note holding a newline and "- date:" stays inside its
note), after repairing a missing final newline; the file is never rewritten and,
on any failure, truncated back to its size before (append.JournalLock).

Messages are in the mission's language, from the catalogs (`errors.log_*`, `cli.log`), and name the
options of `pmp log` (`--progress 120 : …`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamplemousse.errors import UsageError, display_unresolved
from pamplemousse.read.model import ENTRY_FIELDS, JOURNAL_KINDS, STATUSES, JournalEntry, Mission
from pamplemousse.text.messages import did_you_mean
from pamplemousse.text.wording import french, plain

JOURNAL = "journal.yaml"
# The option of `pmp log` that gives each field of an entry (a recommendation is its argument).
_OPTION = {f: f"--{f}" for f in ENTRY_FIELDS} | {"attendees": "--attendee", "decisions": "--decision", "time": "--days"}


@dataclass(frozen=True)
class Appended:
    """What `append_entry` wrote, for the confirmation line."""

    entry: JournalEntry
    mission: Mission
    path: Path


def _fail(lang: str, key: str, **kw) -> UsageError:
    """The refusal `errors.<key>` of the catalog, in `lang`."""
    from pamplemousse.text.i18n import message

    return UsageError(message(lang, key, **kw))


def _words(lang: str) -> dict:
    """The words of pmp log (`cli.log` in the catalog of `lang`)."""
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["log"]


def _kind_words(lang: str, kind: str) -> str:
    """How messages name each kind of entry: its option, "une préconisation" for a recommendation."""
    return _words(lang)["a_recommendation"] if kind == "recommendation" else _OPTION[kind]


def _status_labels(lang: str = "fr") -> dict[str, str]:
    from pamplemousse.text.i18n import labels

    return labels(lang)["status"]


@functools.cache
def _status_words() -> dict[str, str]:
    """Words accepted for --status in either language, accents and case aside (`cli.log.status_words`)."""
    from pamplemousse.text.i18n import LANGUAGES

    found = {s.replace("_", " "): s for s in STATUSES}
    for lang in LANGUAGES:
        for status, words in _words(lang)["status_words"].items():
            found |= {plain(w): status for w in words.split(",")}
    return found


def normalise_status(word: str) -> str:
    """`in_progress` from in_progress, "en cours", "En Cours", "in-progress"…; other words unchanged."""
    key = plain(word.replace("_", " ").replace("-", " "))
    return _status_words().get(key, word)


# checking the entry ---------------------------------------------------------

def _given(value: Any) -> bool:
    return value not in (None, "", [])


def _check_shape(entry: dict, lang: str) -> None:
    """One kind, and only the fields that go with it, worded with the options of pmp log."""
    from pamplemousse.text.messages import one_of

    unknown = [k for k in entry if k not in ENTRY_FIELDS]
    if unknown:
        raise _fail(lang, "log_unknown_field", field=unknown[0])
    kinds = [k for k in JOURNAL_KINDS if _given(entry.get(k))]
    if not kinds:
        examples = _words(lang)["examples"]
        raise _fail(lang, "log_say_what", examples=one_of(lang, [examples.get(k, _OPTION[k]) for k in JOURNAL_KINDS]))
    if len(kinds) > 1:
        raise _fail(lang, "log_one_thing", first=_kind_words(lang, kinds[0]), second=_kind_words(lang, kinds[1]))
    kind = kinds[0]
    spec = JOURNAL_KINDS[kind]
    for key in ENTRY_FIELDS:
        if key in ("date", "id", kind) or key not in entry or not _given(entry[key]) or key in spec.fields:
            continue
        allowed = ", ".join(_OPTION[k] for k in spec.fields)
        raise _fail(lang, "log_not_with", option=_OPTION[key], kind=_kind_words(lang, kind), allowed=allowed)
    if kind == "milestone" and entry.get("status") not in ("met", "missed"):
        raise _fail(lang, "log_met_or_missed", milestone=entry["milestone"])
    if kind == "recommendation" and entry.get("status") in ("met", "missed"):
        raise _fail(lang, "log_met_on_rec", rec=entry["recommendation"])
    for key in spec.required:
        if not _given(entry.get(key)):
            missing = _words(lang)["missing_value"] if key == "value" else _OPTION[key]
            raise _fail(lang, "log_lacks", option=_OPTION[kind], value=entry[kind], missing=missing)
    if spec.needs_one and not any(_given(entry.get(k)) for k in spec.fields):
        raise _fail(lang, "log_nothing", value=entry[kind], options=one_of(lang, [_OPTION[k] for k in spec.fields]))
    if "date" not in entry:
        raise _fail(lang, "log_no_date")


def _word_validation_error(err: Mapping[str, Any], lang: str) -> UsageError:
    """The first pydantic error of an entry as one line naming the option."""
    field = next((p for p in err["loc"] if isinstance(p, str)), "")
    option = _OPTION.get(field, field)
    value = err.get("input")
    kind = err["type"]
    if field == "milestone":
        return _fail(lang, "log_bad_milestone", value=value)
    if field in ("recommendation", "indicator", "withdraw") and kind == "pmp_id":
        return _fail(lang, "log_bad_id", value=value)
    if kind == "pmp_empty" or value == "":
        return _fail(lang, "log_empty", option=option)
    if kind in ("pmp_date_range", "pmp_number_range"):
        from pamplemousse.read.model import YEARS

        if kind == "pmp_date_range":
            return _fail(lang, "option_years", option=option, value=value, low=YEARS[0], high=YEARS[1])
        return _fail(lang, "option_number", option=option, value=value)
    if field == "date":
        return _fail(lang, "date_missing_day" if kind == "pmp_impossible_date" else "date_format",
                     option="--date", value=value)
    if field == "progress":
        return _fail(lang, "log_bad_progress", value=value)
    if field == "status":
        words = _status_labels(lang)
        allowed = ", ".join(f"{words[s]} ({s})" for s in STATUSES)
        close = did_you_mean(lang, str(value), list(STATUSES) + [words[s] for s in STATUSES])
        return _fail(lang, "log_bad_status", value=value, allowed=allowed, close=close)
    if field == "value":
        return _fail(lang, "log_bad_value", value=value)
    if field == "time":
        return _fail(lang, "log_bad_days", value=value)
    if field == "situation":
        figure = next((p for p in err["loc"][1:] if isinstance(p, str)), "")
        wanted = _words(lang)["wanted"]
        return _fail(lang, "log_bad_figure", figure=figure.replace("_", "-"), value=value,
                     wanted=wanted.get(figure, wanted["other"]))
    return _fail(lang, "log_invalid", option=option)


def check_entry(entry: dict, lang: str = "fr") -> JournalEntry:
    """The entry as a model, or UsageError with one line in `lang` (no mission needed)."""
    from pydantic import ValidationError

    from pamplemousse.read.yamlread import forbidden_char

    if not isinstance(entry, dict):
        raise _fail(lang, "log_not_mapping")
    entry = dict(entry)
    if isinstance(entry.get("status"), str):
        entry["status"] = normalise_status(entry["status"])
    _check_shape(entry, lang)
    for key in ("note", "committee", "attendees", "decisions", "consultant"):
        given = entry.get(key)
        for text in given if isinstance(given, list) else [given]:
            bad = forbidden_char(text) if isinstance(text, str) else None
            if bad:
                raise _fail(lang, "log_bad_char", option=_OPTION[key], code=bad)
    try:
        checked = JournalEntry.model_validate({k: v for k, v in entry.items() if _given(v)})
    except ValidationError as err:
        raise _word_validation_error(err.errors(include_url=False)[0], lang) from None
    if checked.status == "done" and checked.progress not in (None, 100):
        raise _fail(lang, "log_done_progress", progress=checked.progress)
    if checked.id is None:  # its own identity, so that an equal entry logged in another clone stays another entry
        from pamplemousse.write.journal_line import new_id

        checked = checked.model_copy(update={"id": new_id()})
    return checked


def check_against_mission(e: JournalEntry, mission: Mission) -> None:
    """Known ids, and a date not before the mission starts."""
    from pamplemousse.plan.state import mission_start
    from pamplemousse.text.i18n import Formats, message

    lang = mission.language  # the messages of a mission's journal are in its language
    for key, given, known in (
        ("unknown_rec", e.recommendation, [r.id for r in mission.recommendations]),
        ("unknown_indicator", e.indicator, [i.id for _, i in mission.indicators()]),
        ("unknown_phase", e.phase, [p.id for p in mission.meta.phases]),
    ):
        if given is not None and given not in known:
            raise UsageError(key=key, lang=lang, value=given, close=did_you_mean(lang, given, known))
    if e.milestone is not None:
        known = [ref for ref, _, _ in mission.milestones()]
        if e.milestone not in known:
            listed = ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
            close = did_you_mean(lang, e.milestone, known) or (
                message(lang, "milestones_listed", listed=listed) if known else message(lang, "no_milestones"))
            raise UsageError(key="unknown_milestone", lang=lang, value=e.milestone, close=close)
    _check_ids(e, mission)
    start = mission_start(mission)
    if start is not None and e.date < start:
        raise UsageError(key="before_start", lang=lang, value=e.date.isoformat(), date=Formats(lang).date(start))


def _check_ids(e: JournalEntry, mission: Mission) -> None:
    """An id no entry has yet; a withdrawal names an entry that is there, neither a withdrawal nor withdrawn."""
    lang = mission.language
    entries = {x.id: x for x in mission.journal if x.id is not None}
    if e.id is not None and e.id in entries:
        raise UsageError(key="entry_id_taken", lang=lang, value=e.id)
    if e.withdraw is None:
        return
    target = entries.get(e.withdraw)
    if target is None:
        listed = [x for x in entries if entries[x].withdraw is None]
        raise UsageError(key="withdraw_unknown", lang=lang, value=e.withdraw, close=did_you_mean(lang, e.withdraw, listed))
    if target.withdraw is not None:
        raise UsageError(key="withdraw_withdrawal", lang=lang, value=e.withdraw)
    earlier = mission.withdrawals.get(e.withdraw)
    if earlier is not None:
        from pamplemousse.text.i18n import Formats

        raise UsageError(key="withdraw_again", lang=lang, value=e.withdraw, date=Formats(lang).date(earlier.date))


# writing --------------------------------------------------------------------

def _as_yaml_data(e: JournalEntry) -> dict:
    """The entry as it will be written: its own fields in a fixed order; whole numbers without '.0'."""
    data: dict[str, Any] = {}
    for key in ENTRY_FIELDS:
        value = getattr(e, key)
        if not _given(value):
            continue
        if key in ("value", "time") and float(value).is_integer():
            value = int(value)
        if key == "situation":
            value = {k: int(v) if float(v).is_integer() else v for k, v in value.model_dump(exclude_none=True).items()}
        data[key] = list(value) if isinstance(value, list) else value
    return data


def item_text(e: JournalEntry | list[JournalEntry], indent: int = 0) -> str:
    """YAML list items, one line per entry (journal_line: so that git's union merge keeps both sides' entries)."""
    from pamplemousse.write.journal_line import one_line

    entries = e if isinstance(e, list) else [e]
    text = "".join(one_line(_as_yaml_data(x)) for x in entries)
    if indent:
        text = "".join(" " * indent + line for line in text.splitlines(keepends=True))
    return text


def _append(folder: Path, entries: list[JournalEntry], refresh=None) -> tuple[Mission, Path, int]:
    """Load the mission (its journal read once), check every entry against it, append them all in one write;
    return the mission, the journal's path and how many entries were appended."""
    from pamplemousse.read.load import load_for_append
    from pamplemousse.read.yamlread import MAX_BYTES, read_bounded
    from pamplemousse.write.append import JournalLock

    path = folder / JOURNAL
    try:
        raw = read_bounded(path, MAX_BYTES)
    except OSError:
        raw = None  # the load below says what is wrong, at its place
    mission, doc = load_for_append(folder, raw) if raw is not None else _load_failing(folder)
    for e in entries:
        check_against_mission(e, mission)
    with JournalLock(path, mission.language) as journal:
        now = journal.raw(MAX_BYTES)
        if now != raw:  # another command appended meanwhile: read the journal as it is now
            mission, doc = load_for_append(folder, now)
        if refresh is not None:  # what is still to append, the journal being what it is under the lock
            entries = [check_entry(e, mission.language) for e in refresh(mission)]
            for e in entries:
                check_against_mission(e, mission)
            if not entries:
                return mission, path, 0
        journal.append(now, doc.root, doc.data, item_text(entries, doc.root.start_mark.column if doc.root else 0),
                       [e.model_dump() for e in entries], MAX_BYTES)
    return mission, path, len(entries)


def _load_failing(folder: Path):
    from pamplemousse.read.load import load_or_fail

    load_or_fail(folder)  # raises MissionProblems naming the unreadable journal
    raise AssertionError("journal.yaml became readable")  # pragma: no cover


def append_entry(mission_folder: Path, entry: dict) -> Appended:
    """Check `entry` against the mission in `mission_folder`, then append it to its journal.

    `entry` holds the fields of a journal entry (`date`, `recommendation`,
    `status`…); `status` may also be a French label. Raises UsageError (exit 2)
    for a bad entry, MissionProblems (exit 1) when the mission has errors; in
    both cases nothing is written.
    """
    from pamplemousse.read.workspace import language_of

    e = check_entry(entry, language_of(Path(mission_folder)))
    mission, path, _ = _append(Path(mission_folder), [e])
    return Appended(e, mission, path)


def append_entries(mission_folder: Path, entries: list[dict], refresh=None) -> tuple[Path, int]:
    """Check every entry, then append them all to the journal in one locked write (all or nothing);
    return the journal's path and how many entries were appended.

    `refresh(mission)`, when given, is called under the lock if the journal changed since it was read,
    and returns the entries still to append (none: nothing is written), so that two imports of one file
    at once add its entries once."""
    from pamplemousse.read.workspace import language_of

    lang = language_of(Path(mission_folder))
    checked = [check_entry(e, lang) for e in entries]
    _, path, count = _append(Path(mission_folder), checked, refresh)
    return path, count


def describe(done: Appended) -> str:
    """One line saying what was recorded, in the mission's language, and the entry's id (to withdraw it)."""
    from pamplemousse.text.i18n import Formats

    lang = done.mission.language
    fmt, words = Formats(lang), _words(lang)
    e = done.entry
    if e.withdraw is not None:
        target = next(x for x in done.mission.journal if x.id == e.withdraw)
        line = words["withdrawn"].format(
            path=display_unresolved(done.path), date=fmt.date(e.date), id=e.withdraw, day=fmt.date(target.date),
            what=_what(target, done.mission, fmt, words), entry=e.id)
    else:
        line = words["added"].format(path=display_unresolved(done.path), date=fmt.date(e.date),
                                     what=_what(e, done.mission, fmt, words), entry=e.id)
    return french(line) if lang == "fr" else line


def _what(e: JournalEntry, mission: Mission, fmt, words: dict) -> str:
    """What the entry `e` records, in a few words of the mission's language."""
    from pamplemousse.text.i18n import labels

    lang = mission.language
    note = ", " + words["with_a_note"] if e.note else ""
    if e.recommendation is not None:
        parts = []
        if e.status is not None:
            parts.append(_status_labels(lang)[e.status])
        if e.status == "done":
            parts.append(fmt.quantity(100, "%"))
        elif e.progress is not None:
            parts.append(fmt.quantity(e.progress, "%"))
        if e.note is not None:
            parts.append(words["with_a_note"] if parts else words["a_note"])
        what = f"{e.recommendation} — {', '.join(parts)}"
    elif e.indicator is not None:
        unit = next((i.unit for _, i in mission.indicators() if i.id == e.indicator), None)
        what = f"{e.indicator} = {fmt.quantity(e.value, unit)}" + note
    elif e.time is not None:
        what = words["on_phase"].format(days=fmt.plural(words["days"], e.time), phase=e.phase)
        what += f" ({e.consultant})" if e.consultant else ""
    elif e.situation is not None:
        given = e.situation.model_dump(exclude_none=True)
        names = labels(lang)["figures"]
        what = words["figures"].format(figures=", ".join(f"{names[k].lower()} {fmt.number(v)}" for k, v in given.items()))
    elif e.milestone is not None:
        title = next((m.title for ref, _, m in mission.milestones() if ref == e.milestone), "")
        what = words["milestone"].format(id=e.milestone, title=title, state=words[e.status]) + note
    else:
        what = words["committee"].format(name=e.committee)
        counts = []
        if e.decisions:
            counts.append(fmt.plural(words["decisions"], len(e.decisions)))
        if e.attendees:
            counts.append(fmt.plural(words["attendees"], len(e.attendees)))
        if counts:
            what += ", " + ", ".join(counts)
    return what
