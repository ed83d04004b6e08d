"""The report's first page (« Synthèse »), its free-text sections and its evidence grid, as plain data.

- `summary`: what was asked (framing.request, else its objectives), what was
  heard (the findings the recommendations answer most often:
  plan.evidence.most_answered, at most five), the recommendations at a glance
  (id, title, priority, due date, owner) and what comes next — the next
  deadlines of the plan and its latest committee, read from the mission's one
  view (views.mission.mission_view) on the report's date, the next committee
  planned among the sessions, and the DLA's follow-up date;
- `framing_text` and `closing`: the note de cadrage's and the end-of-mission
  review's words (mission.yaml `framing`, `closing`), None when the mission says
  nothing of them, so that no template shows an empty heading;
- `grid`: recommendations × findings (a mark where a recommendation answers a
  finding through `because`), each finding's text and sources written once.
"""

from __future__ import annotations

from pamplemousse.plan import evidence
from pamplemousse.plan.cycle import follow_up_date
from pamplemousse.plan.report import Report
from pamplemousse.read.model import Mission
from pamplemousse.views.common import Writer
from pamplemousse.views.mission import mission_view

NEXT_DEADLINES = 3  # the summary names the three next deadlines of the plan


def summary(mission: Mission, report: Report, w: Writer) -> dict:
    view = mission_view(mission, report, w.lang, w)
    framing = mission.meta.framing
    objectives = list(framing.objectives) if framing is not None else []
    request = framing.request if framing is not None else None
    later = sorted((s for s in mission.questions.sessions if s.kind == "committee" and s.date > report.as_of),
                   key=lambda s: (s.date, s.id))
    follow_up = follow_up_date(mission)
    return {
        "request": request,
        "objectives": objectives if not request else [],
        "heard": [
            {"id": f.id, "text": f.text, "kind_label": w.labels["finding_kind"][f.kind] if f.kind else None}
            for f in evidence.most_answered(mission)
        ],
        "recommendations": [
            {k: r[k] for k in ("id", "title", "priority", "priority_label", "due", "owner")}
            for r in view["recommendations"]
        ],
        "next_deadlines": view["summary"]["next_deadlines"][:NEXT_DEADLINES],
        "next_committee": None if not later else {
            "title": later[0].title or w.labels["session_kind"]["committee"], "date": w.date(later[0].date),
        },
        "last_committee": None if view["committee"] is None else {
            "title": view["committee"]["title"], "date": view["committee"]["date"],
        },
        "follow_up": w.date(follow_up) if follow_up is not None and follow_up > report.as_of else None,
    }


def framing_text(mission: Mission) -> dict | None:
    f = mission.meta.framing
    if f is None:
        return None
    shown = {
        "request": f.request, "context": f.context, "objectives": list(f.objectives), "scope": f.scope,
        "method": f.method, "deliverables": list(f.deliverables),
    }
    return shown if any(shown.values()) else None


def closing(mission: Mission) -> dict | None:
    c = mission.meta.closing
    if c is None:
        return None
    shown = {
        "summary": c.summary, "results": list(c.results), "difficulties": list(c.difficulties),
        "gaps": list(c.gaps), "new_needs": list(c.new_needs),
    }
    return shown if any(shown.values()) else None


def grid(mission: Mission, w: Writer) -> dict:
    """Recommendations × the findings they answer: rows, columns, and each column's finding once."""
    chains = evidence.chains(mission)
    answered = {s.finding.id for c in chains for s in c.sources}
    columns = [f for f in mission.questions.findings if f.id in answered]
    return {
        "columns": [c.id for c in columns],
        "rows": [
            {"id": c.recommendation.id, "title": c.recommendation.title,
             "answers": [s.finding.id for s in c.sources],
             "marks": [any(s.finding.id == f.id for s in c.sources) for f in columns]}
            for c in chains
        ],
        "findings": [source(evidence.sources_of(mission, f), w) for f in columns],
    }


def finding(f, w: Writer) -> dict:
    return {
        "id": f.id,
        "text": f.text,
        "kind": f.kind,
        "kind_label": w.labels["finding_kind"][f.kind] if f.kind else None,
        "theme_label": w.labels["theme"][f.theme] if f.theme else None,
    }


def source(src: evidence.Source, w: Writer) -> dict:
    return {
        **finding(src.finding, w),
        "sessions": [
            {"id": s.id, "title": s.title or w.labels["session_kind"][s.kind],
             "kind_label": w.labels["session_kind"][s.kind], "date": w.date(s.date)}
            for s in src.sessions
        ],
        "questions": [{"id": q.id, "text": q.text} for q in src.questions],
    }
