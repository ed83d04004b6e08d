"""What each audience of a document may read of what people said (RGPD, DESIGN.md §4b).

Consent (`consent: true`) governs whether a person's **words** are attributed to
them by name; it does not hide the plan. So, in every document and format:

- the plan appears as written, for every audience: recommendation owners,
  committee attendees, a time entry's consultant, the client's contacts, the
  consultants, the scaling candidates (but for the funder, below). The client
  must know who does what;
- the words are attributed by consent: a session's participants, the people met,
  the author of a quote show a participant without consent by role (« une
  personne rencontrée » without role), never by name;
- the free texts that reach the documents (journal notes and decisions,
  recommendations' and milestones' titles and descriptions, findings, framing
  and closing, vision, session titles, shareable notes and quotes…:
  read/names.py, `walk_client_texts`) have the name of a participant without
  consent replaced by the role. `pmp check` warns of each such name at its line
  (read/rules.py, `names_without_consent`), with the same matching
  (read/matching.py, `NameFinder`), so that it is fixed at the source; this is the
  safety net.

`redact(mission, audience, lang)` returns a copy of the mission holding only what
`audience` may see; documents are then made from that copy, so no template can
show what was removed:

- `internal`: everything, unchanged (the documents say « Document interne »);
- `client`: a recommendation's `origin` (the other mission it was copied from by
  `pmp reuse`: another client's) removed; confidential sessions removed entirely, and from every finding's
  sources (a finding keeps its text even when it has no source left);
  participants met only in confidential sessions removed; the words and free
  texts as above; an answer's notes and quotes kept only when the consultant
  marked the answer `shareable`;
- `funder`: no interview content at all: no participants, no sessions (hence no
  notes nor quotes), findings without session sources, and the project-holder
  candidates shown without their names nor notes; the plan as written, the free
  texts and the recommendations' `origin` as for the client.
"""

from __future__ import annotations

import dataclasses

from pamplemousse.read.matching import NameFinder
from pamplemousse.read.model import Mission, Participant, Session
from pamplemousse.read.names import client_texts, walk_client_texts
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
    recommendations = [r.model_copy(update={"origin": None}) if r.origin else r for r in mission.recommendations]
    redacted = dataclasses.replace(mission, questions=questions, vision=vision, recommendations=recommendations)
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
    """Every free text a client may read with the names in `unnamed` replaced by their role
    (the plan's fields, such as owners and attendees, as written: read/names.py)."""
    finder = NameFinder(unnamed)
    if not finder.in_any(client_texts(mission)):
        return mission

    def replace(file: str, loc: tuple, text: str) -> str:
        return finder.replace(text, str)

    return dataclasses.replace(mission, **walk_client_texts(mission, replace))


def check_audience(audience: str) -> None:
    from pamplemousse.errors import UsageError

    if audience not in AUDIENCES:
        raise UsageError(key="unknown_audience", value=audience, listed=", ".join(AUDIENCES),
                         suggest=(audience, list(AUDIENCES)))


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
