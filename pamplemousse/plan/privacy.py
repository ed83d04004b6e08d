"""What each audience of a document may read of what people said (RGPD).

`redact(mission, audience, lang)` returns a copy of the mission holding only what
`audience` may see; documents are then made from that copy, so no template can
show what was removed:

- `internal`: everything, unchanged (the documents say « Document interne »);
- `client`: confidential sessions removed entirely, and from every finding's
  sources (a finding keeps its text even when it has no source left);
  participants met only in confidential sessions removed; a participant without
  consent shown by role (or « une personne rencontrée ») instead of by name,
  everywhere, including in free texts and committee attendees; an answer's notes
  and quotes kept only when the consultant marked the answer `shareable`;
- `funder`: no interview content at all: no participants, no sessions (hence no
  notes nor quotes), findings without session sources, and the project-holder
  candidates shown without their names nor notes.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any, Callable

from pydantic import BaseModel

from pamplemousse.read.model import Mission, Participant, Session
from pamplemousse.text.i18n import labels

AUDIENCES = ("client", "funder", "internal")


def redact(mission: Mission, audience: str, lang: str | None = None) -> Mission:
    """The mission as `audience` may see it (see the module's docstring)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    if audience == "internal":
        return mission
    words = labels(lang or mission.language)["privacy"]
    q = mission.questions
    hidden = {s.id for s in q.sessions if s.confidential}
    if audience == "funder":
        hidden = {s.id for s in q.sessions}
    sessions = [_shareable(s) for s in q.sessions if s.id not in hidden]
    met = {p for s in sessions for p in s.participants}
    in_hidden_only = {p for s in q.sessions if s.id in hidden for p in s.participants} - met
    participants = [
        _by_role(p, words["someone"]) for p in q.participants
        if p.id not in in_hidden_only and audience != "funder"
    ]
    findings = [
        f.model_copy(update={"sources": [ref for ref in f.sources if ref not in hidden]}) for f in q.findings
    ]
    questions = q.model_copy(update={"participants": participants, "sessions": sessions, "findings": findings})
    vision = mission.vision
    if audience == "funder" and vision.scaling is not None:
        vision = vision.model_copy(update={"scaling": _anonymous_candidates(vision.scaling, words["candidate"])})
    redacted = dataclasses.replace(mission, questions=questions, vision=vision)
    return _scrub_names(redacted, _unnamed(q.participants, words["someone"]))


def _shareable(session: Session) -> Session:
    """The session with the notes and quotes of its non-shareable answers removed."""
    answers = [
        a if a.shareable else a.model_copy(update={"notes": None, "quotes": []})
        for a in session.answers
    ]
    return session.model_copy(update={"answers": answers})


def _shown_as(p: Participant, someone: str) -> str:
    return p.role or someone


def _by_role(p: Participant, someone: str) -> Participant:
    return p if p.consent else p.model_copy(update={"name": _shown_as(p, someone)})


def _unnamed(participants: list[Participant], someone: str) -> dict[str, str]:
    """{name: what to show instead} for every participant who did not consent."""
    return {p.name: _shown_as(p, someone) for p in participants if not p.consent}


def _anonymous_candidates(scaling, label: str):
    candidates = [
        c.model_copy(update={"name": label.format(n=i), "notes": None})
        for i, c in enumerate(scaling.candidates, start=1)
    ]
    return scaling.model_copy(update={"candidates": candidates})


def _scrub_names(mission: Mission, unnamed: dict[str, str]) -> Mission:
    """Every free text of the mission with the names in `unnamed` replaced by their role.

    A committee attendee naming such a person is shown as the role alone.
    """
    if not unnamed:
        return mission
    pattern = re.compile("|".join(re.escape(name) for name in sorted(unnamed, key=len, reverse=True)), re.I)
    roles = {name.casefold(): role for name, role in unnamed.items()}

    def replace(text: str) -> str:
        if not pattern.search(text):
            return text
        return pattern.sub(lambda m: roles[m.group(0).casefold()], text)

    def attendee(text: str) -> str:
        m = pattern.search(text)
        return roles[m.group(0).casefold()] if m else text

    journal = [
        e.model_copy(update={"attendees": [attendee(a) for a in e.attendees]}) if e.attendees else e
        for e in mission.journal
    ]
    return dataclasses.replace(
        mission,
        meta=_walk(mission.meta, replace),
        vision=_walk(mission.vision, replace),
        questions=_walk(mission.questions, replace),
        recommendations=_walk(mission.recommendations, replace),
        journal=_walk(journal, replace),
    )


_NOT_TEXT = (type(None), bool, int, float, date)


def _walk(value: Any, replace: Callable[[str], str]) -> Any:
    """`value` with `replace` applied to every string inside it (models, lists).

    Unchanged parts are returned as they are (the same objects), so a large plan
    without any name to hide costs one pass and no copy.
    """
    kind = type(value)
    if kind is str:
        return replace(value)
    if kind is list:
        new = [_walk(v, replace) for v in value]
        return value if all(a is b for a, b in zip(new, value)) else new
    if isinstance(value, BaseModel):
        update = {}
        for name, old in value.__dict__.items():
            if isinstance(old, _NOT_TEXT):
                continue
            new = _walk(old, replace)
            if new is not old and new != old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    return value


def check_audience(audience: str) -> None:
    from pamplemousse.errors import UsageError
    from pamplemousse.text.messages import did_you_mean

    if audience not in AUDIENCES:
        raise UsageError(
            f"--audience {audience}\u00a0: destinataires inconnus\u00a0; valeurs possibles\u00a0: {', '.join(AUDIENCES)}"
            + did_you_mean("fr", audience, AUDIENCES)
        )


def audience_note(audience: str, lang: str) -> dict:
    """What every document says about its readers: its footer line, and the internal mark."""
    words = labels(lang)["privacy"]
    return {
        "key": audience,
        "label": words["audience"][audience],
        "short": words["short"][audience],
        "internal": audience == "internal",
        "mark": words["internal_mark"],
        "css_mark": css_string(words["internal_mark"]),
    }


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'
