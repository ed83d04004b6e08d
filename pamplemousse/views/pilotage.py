"""The outil de pilotage's data for its templates: the mission's view, its charts and the catalog.

A consultancy that overrides a template finds every fact under a stable name:
the keys of views.mission.mission_view, plus `labels` (the catalog of the
language) and `charts` (drawn as inline SVG for HTML only).
"""

from __future__ import annotations

from pamplemousse.plan.report import Report
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission
from pamplemousse.views.chart import Chart
from pamplemousse.views.common import WEATHER_ICONS, Writer, header  # noqa: F401 - the names the other views used to import here
from pamplemousse.views.mission import mission_view
from pamplemousse.views.update import update_form


def _charts(state: PlanState, recs: list[dict], w: Writer) -> dict:
    """The charts of the HTML: the timeline, the impact/effort matrix, one trajectory per indicator."""
    L = w.labels["pilotage"]
    common = {
        "months": w.fmt.months(),
        "decimal": w.decimal,
        "empty": L["empty"],
        "today": L["today"].format(date=w.fmt.date(state.as_of, "short")),
    }
    timeline = Chart("timeline", (
        [
            {
                "id": s.rec.id,
                "label": s.rec.title,
                "start": s.rec.start,
                "end": s.rec.due,
                "status": s.status,
                "overdue": s.overdue,
                "progress": s.progress,
                "milestones": [
                    {"date": m.milestone.due, "title": m.milestone.title, "state": m.state}
                    for m in state.milestones if m.rec.id == s.rec.id
                ],
            }
            for s in state.recs
        ],
        state.as_of,
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
    trajectories = {}
    for s in state.indicators:
        measures = [(m.date, m.value) for m in s.measures]
        trajectories[s.indicator.id] = Chart("trajectory", (
            # the expected path starts at the first measure when the baseline was taken before the start
            s.indicator.baseline, s.indicator.target, measures,
            min([s.rec.start] + [d for d, _ in measures[:1]]), s.rec.due, s.indicator.unit or "",
            {
                **common,
                "baseline": L["baseline"], "target": L["target"],
                "expected": L["expected"], "measures": L["measures"],
                "title": s.indicator.name, "desc": L["trajectory_desc"].format(name=s.indicator.name),
                # the unit beside each value, by the catalog's plural rule (« 0 candidature »)
                "units": {v: w.fmt.unit(v, s.indicator.unit) for v in (s.indicator.baseline, s.indicator.target,
                                                                      *(v for _, v in measures))}
                if s.indicator.unit else {},
            },
        ))
    return {"timeline": timeline, "matrix": matrix, "trajectories": trajectories}


def pilotage(mission: Mission, report: Report, lang: str) -> dict:
    """Everything the outil de pilotage shows: the mission's view, the catalog and the charts.

    Its charts are described (views.chart.Chart), drawn by the HTML output only.
    """
    w = Writer(lang)
    view = mission_view(mission, report, lang, w)
    drawn = _charts(report.state, view["recommendations"], w)
    for ind in view["indicators"]:
        ind["svg"] = drawn["trajectories"].get(ind["id"], "")
    return {
        "lang": lang,
        "labels": w.labels,
        **view,
        "charts": {"timeline": drawn["timeline"], "matrix": drawn["matrix"]},
        "update": update_form(mission, view),  # the client's update form (html/pilotage/update.html.j2)
    }
