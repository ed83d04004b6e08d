"""Names of people who did not consent, in the free texts that go to the client (DESIGN.md §4b).

- `walk_client_texts`: every free text of a mission that a client's document may
  show, with its place in the YAML file. Not the plan's people — recommendation
  owners, committee attendees, a time entry's consultant, the client's contacts,
  the consultants, the scaling candidates' names — which appear as written (the
  client must know who does what), nor the participants themselves (shown by
  role by plan/privacy.py), nor what stays internal: confidential sessions, and
  the notes and quotes of an answer that is not `shareable`.

How a name is found in those texts, whatever its spelling, is read/matching.py:
the one matcher that `pmp check`, the documents, `pmp log` and `pmp reuse` share.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from pamplemousse.read.model import (
    Answer,
    Candidate,
    Client,
    JournalEntry,
    Mission,
    MissionFile,
    QuestionsFile,
    Recommendation,
    Session,
)

# The plan: fields shown as written, whoever they name.
PLAN_FIELDS: dict[type, frozenset[str]] = {
    Recommendation: frozenset({"owner", "origin"}),  # origin: internal (plan/privacy.py removes it)
    JournalEntry: frozenset({"attendees", "consultant"}),
    Client: frozenset({"contacts"}),
    MissionFile: frozenset({"consultants"}),
    Candidate: frozenset({"name"}),
    QuestionsFile: frozenset({"participants"}),  # by role or by name: plan/privacy.py
}

# Between the words of a name, any run of these reads as one space: hyphens (Unicode's dash
# punctuation, category Pd, is added by `_fold_char`) and apostrophes.
_NOT_TEXT = (type(None), bool, int, float, date)

Visit = Callable[[str, tuple, str], str]  # (file, place in the file, text) -> the text to keep


def client_texts(mission: Mission) -> list[str]:
    """Every free text of the mission that a client may read (see `walk_client_texts`)."""
    texts: list[str] = []

    def keep(file: str, loc: tuple, text: str) -> str:
        texts.append(text)
        return text

    walk_client_texts(mission, keep)
    return texts


def walk_client_texts(mission: Mission, visit: Visit) -> dict[str, Any]:
    """Each part of the mission with `visit` applied to every free text a client may read.

    Returns the parts that changed ({"meta": …, "journal": …}, as dataclasses.replace
    takes them); a part left as it was is not in it, and nothing is copied when no
    text changes.
    """
    parts = {
        "meta": ("mission.yaml", (), mission.meta),
        "vision": ("vision.yaml", (), mission.vision),
        "questions": ("questions.yaml", (), mission.questions),
        "recommendations": ("recommendations.yaml", ("recommendations",), mission.recommendations),
        "journal": ("journal.yaml", (), mission.journal),
    }
    changed = {}
    for part, (file, loc, value) in parts.items():
        new = _walk(value, _in_file(visit, file), loc)
        if new is not value:
            changed[part] = new
    return changed


def entry_texts(entry: JournalEntry) -> list[str]:
    """Every free text of one journal entry that a client may read."""
    texts: list[str] = []

    def keep(file: str, loc: tuple, text: str) -> str:
        texts.append(text)
        return text

    walk_entry_texts(entry, 0, keep)
    return texts


def walk_entry_texts(entry: JournalEntry, index: int, visit: Visit) -> JournalEntry:
    """The journal's entry number `index` with `visit` applied to its free texts a client may read."""
    return _walk(entry, _in_file(visit, "journal.yaml"), (index,))


def _in_file(visit: Visit, file: str) -> Callable[[tuple, str], str]:
    return lambda loc, text: visit(file, loc, text)


def _walk(value: Any, visit: Callable[[tuple, str], str], loc: tuple) -> Any:
    """`value` with `visit` applied to its free texts (the unchanged parts are the same objects)."""
    kind = type(value)
    if kind is str:
        return visit(loc, value)
    if kind is list:
        new = [_walk(v, visit, (*loc, i)) for i, v in enumerate(value)]
        return value if all(a is b for a, b in zip(new, value)) else new
    if not isinstance(value, BaseModel) or (isinstance(value, Session) and value.confidential):
        return value
    skip = PLAN_FIELDS.get(kind, frozenset())
    if isinstance(value, Answer) and not value.shareable:
        skip = frozenset({"notes", "quotes"})
    update = {}
    for name, old in value.__dict__.items():
        if name in skip or isinstance(old, _NOT_TEXT):
            continue
        new = _walk(old, visit, (*loc, name))
        if new is not old and new != old:
            update[name] = new
    return value.model_copy(update=update) if update else value
