"""What the note de cadrage (`pmp render --doc cadrage`) shows, as plain data for templates.

At the start of the mission: the client and its context, the request, the
objectives, the scope, the method (the mission's own words, then the
appreciative approach in plain words from the catalogs), the calendar of the
phases with their days, who takes part and the sessions planned, the
deliverables and the funding. Every section is None or empty when the mission
says nothing of it, so that no template shows an empty heading.
"""

from __future__ import annotations

from pamplemousse.plan.cycle import follow_up_date, time_on
from pamplemousse.plan.report import Report
from pamplemousse.read.model import Mission
from pamplemousse.views.common import Writer, header


def days(w: Writer, value: float | None) -> str | None:
    """'1,5 jour' / '3 jours', or None."""
    if value is None:
        return None
    return w.fmt.plural(w.labels["rapport"]["days"], value)


def funding(mission: Mission, w: Writer) -> dict | None:
    f = mission.meta.funding
    if f is None:
        return None
    return {
        "scheme_label": w.labels["funding_scheme"][f.scheme], "operator": f.operator, "reference": f.reference,
        "days": days(w, f.days), "follow_up": w.date(follow_up_date(mission)),
        "follow_up_given": f.follow_up is not None,
    }


def client(mission: Mission, w: Writer) -> dict:
    c = mission.meta.client
    return {
        "name": c.name, "legal_form": c.legal_form, "territory": c.territory,
        "employees": w.fmt.number(c.employees) if c.employees is not None else None,
        "volunteers": w.fmt.number(c.volunteers) if c.volunteers is not None else None,
        "contacts": [{"name": p.name, "role": p.role} for p in c.contacts],
    }


def calendar(mission: Mission, w: Writer) -> dict | None:
    """The phases with their dates and days planned, and their total against funding.days."""
    if not mission.meta.phases:
        return None
    t = time_on(mission)
    return {
        "phases": [
            {"id": p.id, "title": p.title, "start": w.date(p.start), "end": w.date(p.end), "days": days(w, p.planned)}
            for p in t.phases
        ],
        "total": days(w, t.planned),
        "budget": days(w, t.budget),
    }


def _sessions(mission: Mission, w: Writer) -> list[dict]:
    return [
        {"date": w.date(s.date), "kind_label": w.labels["session_kind"][s.kind],
         "title": s.title or w.labels["session_kind"][s.kind], "count": len(s.participants)}
        for s in sorted(mission.questions.sessions, key=lambda s: (s.date, s.id))
    ]


def cadrage(mission: Mission, report: Report, lang: str) -> dict:
    w = Writer(lang)
    framing = mission.meta.framing
    L = w.labels["cadrage"]
    method = [framing.method] if framing is not None and framing.method else []
    return {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, report.as_of, w),
        "client": client(mission, w),
        "request": framing.request if framing else None,
        "context": framing.context if framing else None,
        "objectives": list(framing.objectives) if framing else [],
        "scope": framing.scope if framing else None,
        "method": method,
        "approach": [L["approach_intro"], *(L["approach_steps"][k] for k in ("discover", "dream", "design", "deliver"))],
        "calendar": calendar(mission, w),
        "participants": [{"name": p.name, "role": p.role if p.consent else None} for p in mission.questions.participants],
        "sessions": _sessions(mission, w),
        "consultants": [c.name for c in mission.meta.consultants],
        "deliverables": list(framing.deliverables) if framing else [],
        "funding": funding(mission, w),
        "problem_areas": [w.labels["theme"][a] for a in mission.meta.problem_areas],
    }
