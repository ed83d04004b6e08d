"""Names of people who did not consent, in the free texts that go to the client (DESIGN.md §4b).

Two things that `pmp check` (read/rules.py) and the documents' own scrubbing
(plan/privacy.py) share, so that both see the same names in the same texts:

- `NameFinder`: where a name occurs in a text. A name is matched whole (first
  and last name together, as written in questions.yaml's `name`), whatever its
  case, its Unicode form (« é » as one character, NFC, or as « e » and a
  combining accent, NFD), its spaces (a no-break space, several spaces, a line
  break of a YAML block between the words) and its apostrophe (’ or ').
  Never inside another word (« Martine Leroyer » is not « Martine Leroy »). A
  last or a first name alone is not matched: many are common words or other
  people's names too (« Rose », « Martin », « Coste »), and a warning that is
  wrong half the time is soon ignored.
- `walk_client_texts`: every free text of a mission that a client's document may
  show, with its place in the YAML file. Not the plan's people — recommendation
  owners, committee attendees, a time entry's consultant, the client's contacts,
  the consultants, the scaling candidates' names — which appear as written (the
  client must know who does what), nor the participants themselves (shown by
  role by plan/privacy.py), nor what stays internal: confidential sessions, and
  the notes and quotes of an answer that is not `shareable`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
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
    Recommendation: frozenset({"owner"}),
    JournalEntry: frozenset({"attendees", "consultant"}),
    Client: frozenset({"contacts"}),
    MissionFile: frozenset({"consultants"}),
    Candidate: frozenset({"name"}),
    QuestionsFile: frozenset({"participants"}),  # by role or by name: plan/privacy.py
}

_APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}
_MARK = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks (NFD accents)


def fold(text: str) -> tuple[str, list[int]]:
    """`text` as compared (NFD, case-folded, one plain space for any run of spaces, ' for ’),
    and for each character of it the index of the character of `text` it comes from."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        f = _FOLDED.get(ch)
        if f is None:
            f = _FOLDED[ch] = _fold_char(ch)
        if f == " ":
            if space or not out:
                continue
            space = True
        else:
            space = False
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    ch = _APOSTROPHES.get(ch, ch)
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", ch).casefold())


_FOLDED: dict[str, str] = {}  # each character met, folded (a few hundred at most)
_SPACES = re.compile(r"\s+")


def _quick_fold(text: str) -> str:
    """What `fold` makes of `text`, without the index map (the whole string at once)."""
    for typographic, plain in _APOSTROPHES.items():
        text = text.replace(typographic, plain)
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    return _SPACES.sub(" ", text)


class NameFinder:
    """Finds the names of `names` ({name as written: what it stands for}) in texts."""

    def __init__(self, names: dict[str, Any]):
        self.of: dict[str, Any] = {}
        for name, value in names.items():
            key = fold(name)[0].strip()
            if key:
                self.of.setdefault(key, value)
        alternatives = "|".join(re.escape(k) for k in sorted(self.of, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w{_MARK}])(?:{alternatives})(?![\w{_MARK}])") if self.of else None

    def in_any(self, texts: list[str]) -> bool:
        """Whether a name is in one of `texts` (told at once: most missions name no one)."""
        return self.pattern is not None and bool(self.pattern.search(_quick_fold("\0".join(texts))))

    def find(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """(start, end, what it stands for) of each name in `text`, as indexes of `text`."""
        if self.pattern is None or not self.pattern.search(_quick_fold(text)):
            return  # told at C speed, without the index map
        folded, where = fold(text)
        for m in self.pattern.finditer(folded):
            yield where[m.start()], where[m.end() - 1] + 1, self.of[m.group()]

    def replace(self, text: str, by: Callable[[Any], str]) -> str:
        """`text` with each name replaced by `by(what it stands for)`."""
        found = list(self.find(text))
        for start, end, value in reversed(found):
            text = text[:start] + by(value) + text[end:]
        return text


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
