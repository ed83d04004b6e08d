"""The computed state of a mission as plain data for JSON: `pmp status --format json`.

Only dicts, lists, strings, numbers, booleans and None; dates as ISO strings;
enumerated values as their English keys (no labels: scripts translate them if
they want). Progress and advance are on a 0–100 scale rounded to one decimal
(the documents round them to the unit); whole numbers are written without
".0". Reused by `render --format json`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pamplemousse.plan.changes import Changes
from pamplemousse.plan.state import Deadline, IndicatorState, MilestoneState, PlanState, RecState
from pamplemousse.read.model import JournalEntry, Mission

Keep = Callable[[str], bool]  # which recommendation ids a filtered view keeps


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _num(value: float | None, digits: int = 1) -> float | int | None:
    """57.0 → 57, 46.666… → 46.7, None → None."""
    if value is None:
        return None
    value = round(float(value), digits)
    return int(value) if value.is_integer() else value


def deadline_dict(d: Deadline) -> dict:
    return {
        "date": _iso(d.date),
        "recommendation": d.rec.id,
        "title": d.rec.title,
        "milestone": d.milestone.title if d.milestone else None,
    }


def committee_dict(e: JournalEntry) -> dict:
    return {
        "date": _iso(e.date),
        "title": e.committee,
        "attendees": list(e.attendees),
        "decisions": list(e.decisions),
        "note": e.note,
    }


def rec_dict(s: RecState, indicators: list[IndicatorState]) -> dict:
    r = s.rec
    return {
        "id": r.id,
        "title": r.title,
        "theme": r.theme,
        "owner": r.owner,
        "priority": r.priority,
        "impact": r.impact,
        "effort": r.effort,
        "start": _iso(r.start),
        "due": _iso(r.due),
        "status": s.status,
        "progress": s.progress,
        "elapsed": _num(s.elapsed * 100),
        "overdue": s.overdue,
        "days_late": s.days_late,
        "stale": s.stale,
        "last_update": _iso(s.last_update),
        "last_note": s.last_note,
        "weather": s.weather,
        "next_milestone": (
            {"title": s.next_milestone.title, "due": _iso(s.next_milestone.due)} if s.next_milestone else None
        ),
        "indicators": [i.indicator.id for i in indicators if i.rec.id == r.id],
    }


def milestone_dict(m: MilestoneState) -> dict:
    return {
        "ref": m.ref,
        "recommendation": m.rec.id,
        "title": m.milestone.title,
        "due": _iso(m.milestone.due),
        "state": m.state,
        "on": _iso(m.on),
        "note": m.note,
    }


def indicator_dict(s: IndicatorState) -> dict:
    ind, latest = s.indicator, s.latest
    return {
        "id": ind.id,
        "name": ind.name,
        "recommendation": s.rec.id,
        "unit": ind.unit,
        "baseline": _num(ind.baseline, 6),
        "target": _num(ind.target, 6),
        "lower_is_better": s.lower_is_better,
        "latest_value": _num(latest.value, 6) if latest else None,
        "latest_date": _iso(latest.date) if latest else None,
        "advance": _num(s.advance * 100) if s.advance is not None else None,
        "stale": s.stale,
        "measures": [{"date": _iso(m.date), "value": _num(m.value, 6), "note": m.note} for m in s.measures],
    }


def changes_dict(ch: Changes, keep: Keep = lambda _id: True) -> dict:
    return {
        "since": _iso(ch.since),
        "until": _iso(ch.until),
        "statuses": [
            {"recommendation": c.rec.id, "title": c.rec.title, "from": c.before, "to": c.after}
            for c in ch.statuses if keep(c.rec.id)
        ],
        "progress": [
            {"recommendation": p.rec.id, "title": p.rec.title, "from": p.before, "to": p.after, "gained": p.gained}
            for p in ch.progress if keep(p.rec.id)
        ],
        "measures": [
            {
                "indicator": n.indicator.id,
                "name": n.indicator.name,
                "recommendation": n.rec.id,
                "unit": n.indicator.unit,
                "date": _iso(n.measure.date),
                "value": _num(n.measure.value, 6),
                "previous_value": _num(n.previous.value, 6) if n.previous else None,
                "previous_date": _iso(n.previous.date) if n.previous else None,
                "note": n.measure.note,
            }
            for n in ch.measures if keep(n.rec.id)
        ],
        "deadlines": [
            {**deadline_dict(p.deadline), "status": p.status, "met": p.met,
             "milestone_state": p.milestone.state if p.milestone else None}
            for p in ch.deadlines if keep(p.deadline.rec.id)
        ],
        "committees": [committee_dict(c) for c in ch.committees],
    }


def state_dict(
    mission: Mission, state: PlanState, changes: Changes | None = None, keep: Keep | None = None
) -> dict:
    """Everything computed about the plan on `state.as_of`.

    With `keep`, the lists of recommendations, indicators, deadlines and changes
    hold only the recommendations it keeps; the mission's own figures (progress,
    weather, by_status, themes) stay those of the whole plan.
    """
    keep = keep or (lambda _id: True)
    phase = state.current_phase
    indicators = list(state.indicators)
    data = {
        "mission": {
            "slug": mission.slug,
            "title": mission.meta.title,
            "client": mission.meta.client.name,
            "language": mission.language,
        },
        "as_of": _iso(state.as_of),
        "stale_weeks": state.stale_weeks,
        "current_phase": (
            {"id": phase.id, "title": phase.title, "start": _iso(phase.start), "end": _iso(phase.end)}
            if phase else None
        ),
        "progress": _num(state.progress),
        "weather": state.weather,
        "by_status": dict(state.by_status),
        "overdue": len(state.overdue),
        "stale": sum(1 for s in state.recs if s.stale),
        "next_deadlines": [deadline_dict(d) for d in state.next_deadlines if keep(d.rec.id)],
        "themes": [
            {
                "theme": t.theme,
                "progress": _num(t.progress),
                "weather": t.weather,
                "overdue": sum(1 for s in t.recs if s.overdue),
                "recommendations": [s.rec.id for s in t.recs],
            }
            for t in state.themes
        ],
        "recommendations": [rec_dict(s, indicators) for s in state.recs if keep(s.rec.id)],
        "indicators": [indicator_dict(i) for i in indicators if keep(i.rec.id)],
        "milestones": [milestone_dict(m) for m in state.milestones if keep(m.rec.id)],
        "last_committee": committee_dict(state.last_committee) if state.last_committee else None,
    }
    if changes is not None:
        data["changes"] = changes_dict(changes, keep)
    return data


def portfolio_row(folder: Path, mission: Mission | None, state: PlanState | None, errors: int = 0) -> dict:
    """One mission of the workspace in a line: who, where it stands, what comes next."""
    if mission is None or state is None:
        return {"slug": folder.name, "errors": errors}
    phase = state.current_phase
    return {
        "slug": mission.slug,
        "client": mission.meta.client.name,
        "title": mission.meta.title,
        "current_phase": {"id": phase.id, "title": phase.title} if phase else None,
        "progress": _num(state.progress),
        "overdue": len(state.overdue),
        "next_deadline": deadline_dict(state.next_deadlines[0]) if state.next_deadlines else None,
        "weather": state.weather,
        "errors": 0,
    }
