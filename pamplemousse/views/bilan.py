"""What the rapport final d'intervention (`pmp render --doc bilan`) shows, as plain data.

As of the report's date: how the mission ran (days planned and spent per phase
and in all, against the days funded; sessions held against planned), the
engagements (deliverables, phases) against what was done, with the gaps and
their causes (closing.gaps), the results, the difficulties, the state of the
plan in short, the new needs, and the structure's key figures at the start
(its first `situation`). Sections the mission says nothing of are None or empty.
"""

from __future__ import annotations

from typing import Any

from pamplemousse.plan.cycle import figures_on, time_on
from pamplemousse.plan.report import Report
from pamplemousse.read.model import STATUSES, Mission, SessionKind
from pamplemousse.views.cadrage import days, funding
from pamplemousse.views.common import Writer, header

SESSION_KINDS: tuple[str, ...] = SessionKind.__args__  # type: ignore[attr-defined]


def _gap(w: Writer, planned: float | None, spent: float) -> str | None:
    """'+0,5' / '−1' (days spent less days planned), None when nothing was planned or it matches."""
    if planned is None or spent == planned:
        return None
    diff = spent - planned
    return ("+" if diff > 0 else "\u2212") + w.fmt.number(abs(diff))


def time_table(mission: Mission, report: Report, w: Writer) -> dict | None:
    t = time_on(mission, report.as_of)
    if not t.phases and not t.logged:
        return None
    L = w.labels["bilan"]
    return {
        "phases": [
            {
                "title": p.title, "start": w.date(p.start), "end": w.date(p.end),
                "planned": days(w, p.planned), "spent": days(w, p.spent),
                "gap": _gap(w, p.planned, p.spent), "over": p.over,
                "done": p.end is not None and p.end <= report.as_of,
            }
            for p in t.phases
        ],
        "unplaced": days(w, t.unplaced) if t.unplaced else None,
        "planned": days(w, t.planned),
        "spent": days(w, t.spent),
        "gap": _gap(w, t.planned, t.spent),
        "budget": days(w, t.budget),
        "over_budget": t.budget is not None and t.spent > t.budget,
        "logged": t.logged,
        "against_budget": (
            L["spent_of_budget"].format(spent=days(w, t.spent), budget=days(w, t.budget))
            if t.budget is not None else None
        ),
    }


def sessions(mission: Mission, report: Report, w: Writer) -> dict | None:
    planned = mission.questions.sessions
    if not planned:
        return None
    held = [s for s in planned if s.date <= report.as_of]
    return {
        "rows": [
            {
                "label": w.labels["rapport"]["session_kinds"][k],
                "held": sum(1 for s in held if s.kind == k),
                "planned": sum(1 for s in planned if s.kind == k),
            }
            for k in SESSION_KINDS if any(s.kind == k for s in planned)
        ],
        "held": len(held),
        "planned": len(planned),
    }


def figures(rows: list[tuple[str, float | None, float | None]], w: Writer, first: bool = True) -> list[dict]:
    names = w.labels["figures"]
    return [
        {"key": k, "label": names[k], "value": w.fmt.number(a if first else b) if (a if first else b) is not None else None}
        for k, a, b in rows
    ]


def plan_state(report: Report, w: Writer) -> dict | None:
    state = report.state
    if not state.recs:
        return None
    return {
        "count": w.fmt.plural(w.labels["pilotage"]["recommendations_count"], len(state.recs)),
        "progress": w.progress(state.progress),
        "by_status": [
            {"label": w.labels["status"][st], "count": state.by_status.get(st, 0)}
            for st in STATUSES if state.by_status.get(st, 0)
        ],
        "overdue": [{"id": s.rec.id, "title": s.rec.title} for s in state.overdue],
    }


def bilan(mission: Mission, report: Report, lang: str) -> dict:
    w = Writer(lang)
    framing, closing = mission.meta.framing, mission.meta.closing
    start = figures_on(mission, report.as_of).first
    data: dict[str, Any] = {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, report.as_of, w),
        "funding": funding(mission, w),
        "summary": closing.summary if closing else None,
        "time": time_table(mission, report, w),
        "sessions": sessions(mission, report, w),
        "objectives": list(framing.objectives) if framing else [],
        "deliverables": list(framing.deliverables) if framing else [],
        "gaps": list(closing.gaps) if closing else [],
        "results": list(closing.results) if closing else [],
        "difficulties": list(closing.difficulties) if closing else [],
        "new_needs": list(closing.new_needs) if closing else [],
        "plan": plan_state(report, w),
        "start_figures": None if start is None else {
            "date": w.date(start[0]),
            "rows": figures([(k, getattr(start[1], k), None) for k in type(start[1]).model_fields
                             if getattr(start[1], k) is not None], w),
        },
    }
    shown = ("summary", "time", "sessions", "objectives", "deliverables", "gaps", "results", "difficulties",
             "new_needs", "plan", "start_figures")
    data["empty"] = not any(data[k] for k in shown)  # the mission says nothing yet: say what to fill in
    return data
