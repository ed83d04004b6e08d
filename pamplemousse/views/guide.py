"""What the printable interview guide (`pmp render --doc guide`) shows, as plain data.

The questions of the mission's guide grouped by phase in the order of the 4-D
cycle (Découvrir, Rêver, Construire, Agir), each with its purpose and follow-ups,
and room for notes. With a session (`--session S2`), the header gives its date,
kind and participants (named only when they agreed to be, else by role); when
the session already lists questions in its answers, the guide keeps only those:
that is how a consultant prepares the guide of one workshop.
"""

from __future__ import annotations

from pamplemousse.errors import UsageError
from pamplemousse.plan.report import Report
from pamplemousse.read.model import Mission, QuestionPhase
from pamplemousse.text.i18n import message
from pamplemousse.text.messages import did_you_mean
from pamplemousse.views.common import Writer, header

PHASES: tuple[str, ...] = QuestionPhase.__args__  # type: ignore[attr-defined]
NOTE_LINES = 8  # ruled lines for notes after each question (on paper, 8 mm apart)
NOTE_LINES_KEPT = 3  # of which these stay on the question's page


def find_session(mission: Mission, session_id: str):
    for s in mission.questions.sessions:
        if s.id == session_id:
            return s
    known = [s.id for s in mission.questions.sessions]
    lang = mission.language
    listed = message(lang, "guide_sessions", listed=", ".join(known)) if known else ""
    raise UsageError(message(lang, "guide_unknown_session", id=session_id,
                             close=did_you_mean(lang, session_id, known) or listed))


def _session(mission: Mission, session_id: str, w: Writer) -> dict:
    s = find_session(mission, session_id)
    someone = w.labels["privacy"]["someone"]
    people = {p.id: p for p in mission.questions.participants}
    names = []
    for pid in s.participants:
        p = people.get(pid)
        names.append(someone if p is None else p.name if p.consent else (p.role or someone))
    return {
        "id": s.id,
        "title": s.title,
        "date": w.date(s.date),
        "kind_label": w.labels["session_kind"][s.kind],
        "participants": names,
        "planned": [a.question for a in s.answers if a.question],
    }


def guide(mission: Mission, report: Report, lang: str, session: str | None = None) -> dict:
    """The guide's data (for one session with `session`)."""
    w = Writer(lang)
    L = w.labels["guide"]
    chosen = _session(mission, session, w) if session else None
    questions = mission.questions.guide
    if chosen and chosen["planned"]:
        questions = [q for q in questions if q.id in chosen["planned"]]
    phases = []
    for phase in (*PHASES, None):
        items = [
            {
                "id": q.id,
                "text": q.text,
                "purpose": q.purpose,
                "follow_ups": list(q.follow_ups),
                "theme_label": w.labels["theme"][q.theme] if q.theme else None,
            }
            for q in questions if q.phase == phase
        ]
        if items:
            phases.append({
                "key": phase or "other",
                "label": w.labels["phase"][phase] if phase else L["no_phase"],
                "intro": L["phase_intro"][phase] if phase else None,
                "questions": items,
            })
    return {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, report.as_of, w),
        "session": chosen,
        "phases": phases,
        "count_label": w.fmt.plural(L["count"], len(questions)),
        "note_lines": NOTE_LINES,
        "note_lines_kept": NOTE_LINES_KEPT,
    }
