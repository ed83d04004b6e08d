"""Search across missions (`pmp search`): what did we find, recommend, note or ask elsewhere, and did it work?

Pure: takes loaded missions, returns hits. The search is blind to accents and
case (wording.fold); a query of several words finds the items holding every
word. Four kinds of items are searched:

- `finding`: a finding of questions.yaml (its text);
- `recommendation`: a recommendation (title, description, milestones, indicators),
  with its latest status from the journal (the fold of plan/state.py) and whether it is done;
- `note`: a note of the journal (about a recommendation, an indicator or a
  committee), and an interview answer's notes and quotes;
- `question`: a question of the interview guide (its text, purpose, follow-ups).

Privacy as in every document (plan/privacy.py): each mission is first redacted for
the audience (client by default: an answer's notes only when marked shareable,
names of people who did not consent replaced by their role); with `internal`,
every answer's notes; a confidential session is never searched, whatever the audience.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterator, NamedTuple

from pamplemousse.text.wording import fold

if TYPE_CHECKING:
    from pamplemousse.read.model import Mission

KINDS = ("finding", "recommendation", "note", "question")
AUDIENCES = ("client", "funder", "internal")  # privacy.AUDIENCES (a test keeps them equal), without importing the models
SNIPPET = 60  # characters shown on each side of the match


@dataclass(frozen=True)
class Hit:
    """One item found: where, what, and the words around the match."""

    mission: str
    id: str
    kind: str
    theme: str | None
    snippet: str
    date: date | None = None  # a journal note's date, a session's date
    status: str | None = None  # a recommendation's latest status
    progress: int | None = None
    done: bool | None = None

    def as_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        if self.kind != "recommendation":
            for key in ("status", "progress", "done"):
                data.pop(key)
        return data


def _position(text: str, folded: str, at: int) -> int:
    """The index in `text` of the character that folded[at] comes from."""
    if len(folded) == len(text):  # the usual case: one folded character per character
        return at
    n = 0
    for i, ch in enumerate(text):
        n += len(fold(ch))
        if n > at:
            return i
    return len(text)


def find(words: list[str], texts: list[str], folded: list[str]) -> str | None:
    """The snippet around the first word in the first text, when every word is in one of `texts` (`folded`: them folded)."""
    return _found(words, texts, SEPARATOR.join(folded), folded)


SEPARATOR = "\x00"  # between an item's folded texts: never in a word looked for (nor, but for a freak, in a text)


def _found(words: list[str], texts: list[str], joined: str, folded: list[str] | None = None) -> str | None:
    """find(), the folded texts given `joined` by SEPARATOR."""
    for w in words:
        if w not in joined:
            return None
    if folded is None:
        folded = joined.split(SEPARATOR)
        if len(folded) != len(texts):  # a text holding the separator itself
            folded = [fold(text) for text in texts]
    for text, f in zip(texts, folded):
        at = f.find(words[0])
        if at >= 0:
            start, end = _position(text, f, at), _position(text, f, at + len(words[0]) - 1) + 1
            return snippet(text, start, end)
    return None  # pragma: no cover - the first word is in one of the texts


def snippet(text: str, start: int, end: int) -> str:
    """The words around text[start:end], on one line, cut at word boundaries with « … »."""
    left, right = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    while 0 < left < start and not text[left - 1].isspace():
        left += 1
    while end < right < len(text) and not text[right].isspace():
        right -= 1
    shown = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + shown + ("…" if right < len(text) else "")


def query_words(query: str) -> list[str]:
    return fold(query).split()


def _searchable(mission: Mission, audience: str) -> Mission:
    """The mission as `audience` may read it, confidential sessions left out whatever the audience."""
    from pamplemousse.plan.privacy import redact

    questions = mission.questions
    if any(s.confidential for s in questions.sessions):
        kept = [s for s in questions.sessions if not s.confidential]
        mission = dataclasses.replace(mission, questions=questions.model_copy(update={"sessions": kept}))
    return redact(mission, audience)


def _items(m: Mission) -> Iterator[tuple[str, str, str | None, list[str], date | None]]:
    """(kind, id, theme, texts, date) of every item of the mission that can be searched."""
    q = m.questions
    rec_theme = {r.id: r.theme for r in m.recommendations}
    indicator_rec = {i.id: r.id for r, i in m.indicators()}
    question_theme = {x.id: x.theme for x in q.guide}
    for f in q.findings:
        yield "finding", f.id, f.theme, [f.text], None
    for r in m.recommendations:
        texts = [r.title, r.description or ""] + [s.title for s in r.milestones] + [i.name for i in r.indicators]
        yield "recommendation", r.id, r.theme, texts, None
    for e in m.entries:
        if e.note:
            about = e.recommendation or (indicator_rec.get(e.indicator) if e.indicator else None)
            ident = e.recommendation or e.indicator or e.committee or ""
            yield "note", ident, rec_theme.get(about) if about else None, [e.note], e.date
    for s in q.sessions:
        for a in s.answers:
            texts = [a.notes or ""] + [quote.text for quote in a.quotes]
            if any(texts):
                yield "note", s.id, question_theme.get(a.question) if a.question else None, texts, s.date
    for x in q.guide:
        yield "question", x.id, x.theme, [x.text, x.purpose or "", *x.follow_ups], None


class Searchable(NamedTuple):
    """What can be searched in one mission, for one audience, on one date: plain data, kept in the cache
    and read back for every mission at each search, so kept small: an item's folded texts as one string
    (joined by SEPARATOR), its date as a day number; all the mission's folded texts in `everything`,
    so that a mission without every word is passed over at once."""

    slug: str
    items: list[tuple[str, str, str | None, list[str], str, int | None]]  # kind, id, theme, texts, folded, day
    statuses: dict[str, tuple[str, int]]  # recommendation id: (latest status, progress)
    everything: str = ""


def searchable(mission: Mission, as_of: date, audience: str = "client") -> Searchable:
    """The items of `mission` that `audience` may read, their texts folded once, and each recommendation's status."""
    from pamplemousse.plan.state import state_on

    items = [(k, i, t, texts, SEPARATOR.join(fold(x) for x in texts), d.toordinal() if d else None)
             for k, i, t, texts, d in _items(_searchable(mission, audience))]
    statuses = {s.rec.id: (s.status, s.progress) for s in state_on(mission, as_of).recs}
    return Searchable(mission.slug, items, statuses, SEPARATOR.join(item[4] for item in items))


def search_in(found: Searchable, query: str, kinds=KINDS, theme: str | None = None) -> list[Hit]:
    """The items that hold every word of `query`, in file order."""
    words = query_words(query)
    if not words or any(w not in found.everything for w in words):
        return []
    hits = []
    for kind, ident, item_theme, texts, folded, day in found.items:
        if kind not in kinds or (theme is not None and item_theme != theme):
            continue
        shown = _found(words, texts, folded)
        if shown is None:
            continue
        when = date.fromordinal(day) if day is not None else None
        if kind == "recommendation" and ident in found.statuses:
            status, progress = found.statuses[ident]
            hits.append(Hit(found.slug, ident, kind, item_theme, shown, when, status, progress, status == "done"))
        else:
            hits.append(Hit(found.slug, ident, kind, item_theme, shown, when))
    return hits


def search_mission(
    mission: Mission, query: str, as_of: date, kinds=KINDS, theme: str | None = None, audience: str = "client",
) -> list[Hit]:
    """The items of `mission` that hold every word of `query`, in file order."""
    return search_in(searchable(mission, as_of, audience), query, kinds, theme)
