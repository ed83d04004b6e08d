"""The journal's forms: a form's fields as an entry, appended by `write.journal.append_entry`.

The path of `pmp log`, so the same checks (the entry's own, then against the
mission), the same lock, the same refusals. A refusal names the option of
`pmp log` it is about (`--progress 120 : …`, `R9 : aucune préconisation…`);
`field_of` puts it beside that field of the form, else at the top of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pamplemousse.errors import MissionProblems, PmpError, UsageError
from pamplemousse.text.messages import error_words

# kind of entry -> its fields, in the form's order
FORMS: dict[str, tuple[str, ...]] = {
    "recommendation": ("recommendation", "status", "progress", "note", "date"),
    "indicator": ("indicator", "value", "note", "date"),
    "committee": ("committee", "attendees", "decisions", "note", "date"),
    "milestone": ("milestone", "status", "note", "date"),  # met or missed, as pmp log --milestone R3.1 --met
}
LISTS = ("attendees", "decisions")  # one item a line
# pmp log's options, as its messages name them -> the form's field
_FIELD_OF_OPTION = {
    "date": "date", "status": "status", "progress": "progress", "note": "note", "indicator": "indicator",
    "value": "value", "committee": "committee", "attendee": "attendees", "decision": "decisions",
    "milestone": "milestone", "met": "status", "missed": "status",
}
_OPTION = re.compile(r"--([a-z]+)")


@dataclass
class Outcome:
    """What became of one form: the values typed (kept on a refusal), the refusals, or what was appended."""

    kind: str
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # field (or "" for the whole form) -> message
    problems: list = field(default_factory=list)  # the mission's own errors, as pmp check prints them
    appended: dict | None = None  # {"line": describe(), "yaml": the item appended}

    @property
    def refused(self) -> bool:
        return bool(self.errors or self.problems)


def values_of(kind: str, form) -> dict:
    """The fields of `kind` as typed (text), from a submitted form."""
    return {name: str(form.get(name) or "").strip() for name in FORMS[kind]}


def entry_of(kind: str, values: dict) -> dict:
    """The entry for `append_entry`: empty fields dropped, lists split by line, the date read (today when empty)."""
    entry: dict = {}
    for name, text in values.items():
        if name in LISTS:
            items = [line.strip() for line in text.splitlines() if line.strip()]
            if items:
                entry[name] = items
        elif name == "date":
            entry["date"] = iso_date(text)
        elif text:
            entry[name] = text
    return entry


def iso_date(text: str, option: str = "--date") -> date:
    """A date typed AAAA-MM-JJ (today when empty), or the UsageError that `pmp` gives for `option`."""
    if not text:
        return date.today()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UsageError(key="date_missing_day", option=option, value=text) from None
    raise UsageError(key="date_format", option=option, value=text)


def field_of(message: str, kind: str, values: dict) -> str:
    """The field a refusal is about: the entry's subject when it opens the message, else the first option it names."""
    subject = values.get(kind) or ""
    if subject and message.startswith(subject + "\u00a0:"):
        return kind
    for option in _OPTION.findall(message):
        name = _FIELD_OF_OPTION.get(option)
        if name in FORMS[kind]:
            return name
    return ""


def submit(folder: Path, kind: str, form) -> Outcome:
    """Append the entry of one form to the mission's journal, or say why not (nothing written then)."""
    from pamplemousse.write.journal import append_entry, describe, item_text

    if kind not in FORMS:
        raise UsageError(key="form_unknown", kind=kind)
    values = values_of(kind, form)
    outcome = Outcome(kind, values)
    try:
        done = append_entry(folder, entry_of(kind, values))
    except MissionProblems as err:
        outcome.problems = [str(p) for p in err.problems]
    except UsageError as err:
        outcome.errors[field_of(error_words(err), kind, values)] = error_words(err)
    except PmpError as err:  # a refused write (journal.yaml a symbolic link), a journal that reads back wrong
        outcome.errors[""] = error_words(err)
    else:
        outcome.appended = {"line": describe(done), "yaml": item_text(done.entry)}
        outcome.values = {}
    return outcome
