"""The outil de pilotage's data for its templates: the mission's view, its charts and the catalog.

A consultancy that overrides a template finds every fact under a stable name:
the keys of views.mission.mission_view, plus `labels` (the catalog of the
language) and `charts` (drawn as inline SVG for HTML only).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pamplemousse.plan.report import Report
from pamplemousse.read.model import Mission
from pamplemousse.views.chart import Chart
from pamplemousse.views.common import Writer
from pamplemousse.views.mission import mission_view
from pamplemousse.views.update import update_form


def _day(written: dict[str, Any]) -> date:
    """A date of the view ({"iso", "long", "short"}) as a date, for the charts' axes."""
    return date.fromisoformat(written["iso"])


def _charts(view: dict[str, Any], w: Writer) -> dict[str, Any]:
    """The charts of the HTML, from the mission's view: the timeline, the impact/effort matrix, one trajectory per indicator."""
    L = w.labels["pilotage"]
    as_of = _day(view["header"]["as_of"])
    recs = view["recommendations"]
    common = {
        "months": w.fmt.months(),
        "decimal": w.decimal,
        "empty": L["empty"],
        "today": L["today"].format(date=view["header"]["as_of"]["short"]),
    }
    timeline = Chart("timeline", (
        [
            {
                "id": r["id"],
                "label": r["title"],
                "start": _day(r["start"]),
                "end": _day(r["due"]),
                "status": r["status"],
                "overdue": r["overdue"],
                "progress": r["progress"]["value"],
                "milestones": [
                    {"date": _day(m["date"]), "title": m["title"], "state": m["state"]}
                    for m in sorted(r["milestones"], key=lambda m: m["rank"])
                ],
            }
            for r in recs
        ],
        as_of,
        {**common, "milestone": L["milestone"], "overdue": L["overdue_legend"], "statuses": w.labels["status"],
         **{f"milestone_{k}": L[f"milestone_{k}"] for k in ("met", "missed", "late", "upcoming")},
         "title": L["timeline"], "desc": L["timeline_desc"]},
    ))
    matrix = Chart("matrix", (
        [
            {"id": r["id"], "label": r["title"], "impact": r["impact"], "effort": r["effort"], "status": r["status"]}
            for r in recs
        ],
        {
            **common,
            **{k: L[k] for k in ("impact", "effort", "quick_wins", "major_projects", "fill_ins", "thankless")},
            "title": L["matrix"], "desc": L["matrix_desc"],
        },
    ))
    starts = {r["id"]: (_day(r["start"]), _day(r["due"])) for r in recs}
    trajectories = {}
    for ind in view["indicators"]:
        measures = [(_day(m["date"]), m["raw"]) for m in ind["measures"]]
        start, due = starts[ind["rec_id"]]
        baseline, target, unit = ind["baseline_value"], ind["target_value"], ind["unit"]
        trajectories[ind["id"]] = Chart("trajectory", (
            # the expected path starts at the first measure when the baseline was taken before the start
            baseline, target, measures, min([start] + [d for d, _ in measures[:1]]), due, unit or "",
            {
                **common,
                "baseline": L["baseline"], "target": L["target"],
                "expected": L["expected"], "measures": L["measures"],
                "title": ind["name"], "desc": L["trajectory_desc"].format(name=ind["name"]),
                # the unit beside each value, by the catalog's plural rule (« 0 candidature »)
                "units": {v: w.fmt.unit(v, unit) for v in (baseline, target, *(v for _, v in measures))}
                if unit else {},
            },
        ))
    return {"timeline": timeline, "matrix": matrix, "trajectories": trajectories}


def pilotage(mission: Mission, report: Report, lang: str) -> dict[str, Any]:
    """Everything the outil de pilotage shows: the mission's view, the catalog and the charts.

    Its charts are described (views.chart.Chart), drawn by the HTML output only.
    """
    w = Writer(lang)
    view = mission_view(mission, report, lang, w)
    drawn = _charts(view, w)
    for ind in view["indicators"]:
        ind["svg"] = drawn["trajectories"].get(ind["id"], "")
    return {
        "lang": lang,
        "labels": w.labels,
        **view,
        "charts": {"timeline": drawn["timeline"], "matrix": drawn["matrix"]},
        "update": update_form(mission, view),  # the client's update form (html/pilotage/update.html.j2)
    }
