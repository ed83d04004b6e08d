"""What the follow-up (`pmp render --doc suivi`) shows, as plain data for templates.

The DLA looks again 12 to 18 months on (the date of the report: funding.follow_up
or `--as-of`): what became of each recommendation since the end of the mission
(its status and progress then and now, its latest note), each indicator from its
baseline to the end of the mission and to now, the structure's key figures from
the first `situation` to the latest with the difference, and what the structure
still needs (the new needs of the closing, the recommendations still open).
"""

from __future__ import annotations

from typing import Any

from pamplemousse.plan.cycle import figures_on, mission_end
from pamplemousse.plan.report import Report
from pamplemousse.plan.state import state_on
from pamplemousse.read.model import Mission
from pamplemousse.views.cadrage import funding
from pamplemousse.views.common import Writer, header


def _milestones(report: Report, rec_id: str, w: Writer) -> str | None:
    """« Jalons : 2 tenus · 1 manqué · 1 en retard » for one recommendation, None when it has none."""
    counts: dict[str, int] = {}
    for m in report.state.milestones:
        if m.rec.id == rec_id:
            counts[m.state] = counts.get(m.state, 0) + 1
    if not counts:
        return None
    L = w.labels["suivi"]
    parts = [w.fmt.plural(L["milestones_count"][k], counts[k]) for k in ("met", "missed", "late", "upcoming") if k in counts]
    return L["milestones"].format(counts=" · ".join(parts))


def _recs(mission: Mission, report: Report, end, w: Writer) -> list[dict]:
    then = state_on(mission, end) if end is not None and end < report.as_of else None
    out = []
    for s in report.state.recs:
        before = then.rec(s.rec.id) if then is not None else None
        out.append({
            "id": s.rec.id, "title": s.rec.title, "owner": s.rec.owner,
            "status": s.status, "status_label": w.labels["status"][s.status],
            "progress": w.progress(s.progress),
            "status_then": w.labels["status"][before.status] if before else None,
            "progress_then": w.progress(before.progress) if before else None,
            "moved": before is not None and (before.status, before.progress) != (s.status, s.progress),
            "last_note": s.last_note, "last_note_date": w.date(s.last_note_date),
            "last_update": w.date(s.last_update),
            "milestones": _milestones(report, s.rec.id, w),
        })
    return out


def _indicators(mission: Mission, report: Report, end, w: Writer) -> list[dict]:
    out = []
    for s in report.state.indicators:
        ind = s.indicator
        at_end = [m for m in s.measures if end is not None and m.date <= end]
        out.append({
            "id": ind.id, "name": ind.name, "rec_id": s.rec.id,
            "baseline": w.fmt.quantity(ind.baseline, ind.unit),
            "at_end": w.fmt.quantity(at_end[-1].value, ind.unit) if at_end else None,
            "latest": w.fmt.quantity(s.latest.value, ind.unit) if s.latest else None,
            "latest_date": w.date(s.latest.date) if s.latest else None,
            "target": w.fmt.quantity(ind.target, ind.unit),
            "advance": w.progress(s.advance * 100) if s.advance is not None else None,
        })
    return out


def _difference(w: Writer, a: float | None, b: float | None) -> str | None:
    if a is None or b is None:
        return None
    diff = b - a
    if diff == 0:
        return "="
    return ("+" if diff > 0 else "\u2212") + w.fmt.number(abs(diff))


def key_figures(mission: Mission, report: Report, w: Writer) -> dict | None:
    f = figures_on(mission, report.as_of)
    if f.first is None or f.latest is None:
        return None
    names = w.labels["figures"]
    return {
        "first": w.date(f.first[0]),
        "latest": w.date(f.latest[0]),
        "one": f.first[0] == f.latest[0],
        "rows": [
            {
                "key": k, "label": names[k],
                "first": w.fmt.number(a) if a is not None else None,
                "latest": w.fmt.number(b) if b is not None else None,
                "difference": _difference(w, a, b),
                "jobs": k in ("employees", "fte", "permanent_contracts"),
            }
            for k, a, b in f.rows()
        ],
        "note": next(
            (e.note for e in reversed(mission.entries) if e.situation is not None and e.date == f.latest[0]), None
        ),
    }


def suivi(mission: Mission, report: Report, lang: str) -> dict:
    w = Writer(lang)
    end = mission_end(mission)
    closing = mission.meta.closing
    recs = _recs(mission, report, end, w)
    data: dict[str, Any] = {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, report.as_of, w),
        "funding": funding(mission, w),
        "end": w.date(end),
        "after_end": end is not None and end < report.as_of,
        "recommendations": recs,
        "indicators": _indicators(mission, report, end, w),
        "figures": key_figures(mission, report, w),
        "new_needs": list(closing.new_needs) if closing else [],
        "still_open": [r for r in recs if r["status"] not in ("done", "dropped")],
    }
    data["empty"] = not any(data[k] for k in ("recommendations", "indicators", "figures", "new_needs"))
    return data
