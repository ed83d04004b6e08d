"""The one presented form of a mission on a date: what every output reads.

`mission_view(mission, report, lang)` turns a mission and the report of its
plan (plan.report) into dicts, lists, strings, numbers and booleans only (never
model objects). Each recommendation, milestone, indicator, deadline, committee
and change carries its raw values and its words in the reader's language side
by side: `status` and `status_label`; a date as
`{"iso": "2026-04-06", "long": "6 avril 2026", "short": "06/04/2026"}`; a
progress as `{"value": 45, "label": "45 %"}`; a weather as `{"key", "label",
"icon"}`. The HTML and Markdown templates (through views.pilotage), `--format
json` and `pmp status --format json` (outputs/json_doc.py), the terminal
(outputs/terminal.py), the spreadsheet and the calendar all read this, so a
figure shown in two outputs comes from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pamplemousse.plan.cycle import follow_up_date
from pamplemousse.plan.report import Report
from pamplemousse.plan.state import (
    LATE,
    MET,
    MISSED,
    IndicatorState,
    MilestoneState,
    PlanState,
    RecState,
    ThemeState,
)
from pamplemousse.read.model import STATUSES, Mission
from pamplemousse.read.model import Milestone as PlannedMilestone
from pamplemousse.views.attention import attention
from pamplemousse.views.changes import changes, committee
from pamplemousse.views.common import Writer, header
from pamplemousse.views.records import (
    Finding,
    Indicator,
    JournalRow,
    Milestone,
    Phase,
    Recommendation,
    View,
)

Keep = Callable[[str], bool]  # which recommendation ids a filtered view keeps


def _findings(mission: Mission, ids: list[str], w: Writer) -> list[Finding]:
    by_id = w.findings_by_id(mission)
    out: list[Finding] = []
    for fid in ids:
        f = by_id.get(fid)
        if f is None:
            continue
        out.append({
            "id": f.id,
            "kind": f.kind,
            "kind_label": w.labels["finding_kind"][f.kind] if f.kind else None,
            "text": f.text,
        })
    return out


def _indicator(s: IndicatorState, w: Writer, state: PlanState) -> Indicator:
    ind = s.indicator
    latest = s.latest
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "rec_id": s.rec.id,
        "baseline_value": ind.baseline,
        "target_value": ind.target,
        "latest_value": latest.value if latest else None,
        "baseline": w.fmt.quantity(ind.baseline, ind.unit),
        "target": w.fmt.quantity(ind.target, ind.unit),
        "latest": w.fmt.quantity(latest.value, ind.unit) if latest else None,
        "latest_date": w.date(latest.date) if latest else None,
        "advance": w.progress(s.advance * 100) if s.advance is not None else None,
        "lower_is_better": s.lower_is_better,
        "stale": s.stale,
        "stale_label": _stale_label(w, state) if s.stale else None,
        "measures": [
            {"date": w.date(m.date), "value": w.fmt.quantity(m.value, ind.unit), "raw": m.value, "note": m.note}
            for m in s.measures
        ],
        "svg": "",  # the trajectory, drawn for HTML only
    }


def _stale_label(w: Writer, state: PlanState) -> str:
    label: str = w.labels["common"]["stale"].format(weeks=state.stale_weeks)
    return label


def _late_label(w: Writer, days: int, short: bool = False) -> str:
    key = "days_late_short" if short else "days_late"
    return w.fmt.plural(w.labels["common"][key], days)


def milestone_state(m: MilestoneState, w: Writer) -> dict[str, Any]:
    """How a milestone is referred to (its id, else R3.1) and its state: met, missed, upcoming or late."""
    L = w.labels["pilotage"]
    if m.state in (MET, MISSED):
        label: str = L[f"milestone_{m.state}_on"].format(date=w.fmt.date(m.on))
    else:
        label = L["milestone_late" if m.state == LATE else "milestone_upcoming"]
    return {"ref": m.ref, "state": m.state, "state_label": label, "met_on": w.date(m.on) if m.state == MET else None,
            "logged_on": w.date(m.on), "milestone_note": m.note}


def _milestone(m: PlannedMilestone, rank: int, state: MilestoneState, as_of: date, w: Writer) -> Milestone:
    ms = milestone_state(state, w)
    return {"title": m.title, "date": w.date(m.due), "passed": m.due < as_of, "rank": rank,
            "ref": ms["ref"], "state": ms["state"], "state_label": ms["state_label"], "met_on": ms["met_on"],
            "logged_on": ms["logged_on"], "milestone_note": ms["milestone_note"]}


def _rec(mission: Mission, s: RecState, state: PlanState, w: Writer) -> Recommendation:
    r = s.rec
    states = {id(m.milestone): m for m in state.milestones if m.rec.id == r.id}
    return {
        "id": r.id,
        "title": r.title,
        "description": r.description,
        "owner": r.owner,
        "theme": r.theme,
        "theme_label": w.labels["theme"][r.theme],
        "priority": r.priority,
        "priority_label": w.labels["priority"][r.priority],
        "impact": r.impact,
        "effort": r.effort,
        "start": w.date(r.start),
        "due": w.date(r.due),
        "status": s.status,
        "status_label": w.labels["status"][s.status],
        "progress": w.progress(s.progress),
        "elapsed": w.progress(s.elapsed * 100),  # share of its start→due window gone by
        "counted": s.status != "dropped",
        "weather": w.weather(s.weather),
        "last_note": s.last_note,
        "last_note_date": w.date(s.last_note_date),
        "last_update": w.date(s.last_update),
        "overdue": s.overdue,
        "days_late": s.days_late,
        "late_label": _late_label(w, s.days_late) if s.overdue else None,
        "late_short": _late_label(w, s.days_late, short=True) if s.overdue else None,
        "stale": s.stale,
        "stale_label": _stale_label(w, state) if s.stale else None,
        "next_milestone": (
            {"title": s.next_milestone.title, "date": w.date(s.next_milestone.due)}
            if s.next_milestone else None
        ),
        "milestones": [  # in date order; `rank` is the place in the file (R3.2 is the second)
            _milestone(m, rank, states[id(m)], state.as_of, w)
            for rank, m in sorted(enumerate(r.milestones, 1), key=lambda rm: rm[1].due)
        ],
        "indicators": [_indicator(i, w, state) for i in w.indicators_of(state, r.id)],
        "why": _findings(mission, r.because, w),
    }


def _summary(state: PlanState, recs: dict[str, Recommendation], themes: list[dict[str, Any]], w: Writer) -> dict[str, Any]:
    total = len(state.recs)
    return {
        "total": total,
        "total_label": w.fmt.plural(w.labels["pilotage"]["recommendations_count"], total),
        "progress": w.progress(state.progress),
        "weather": w.weather(state.weather),
        "by_status": [
            {"status": st, "label": w.labels["status"][st], "count": state.by_status.get(st, 0)}
            for st in STATUSES
        ],
        "overdue": [recs[s.rec.id] for s in state.overdue],
        "stale": [recs[s.rec.id] for s in state.stale],
        "next_deadlines": [
            {
                "date": w.date(d.date),
                "rec_id": d.rec.id,
                "rec_title": d.rec.title,
                "owner": d.rec.owner,
                "is_milestone": d.milestone is not None,
                "what": d.milestone.title if d.milestone else w.labels["pilotage"]["due_of_rec"],
            }
            for d in state.next_deadlines
        ],
        "themes": [
            {k: t[k] for k in ("theme", "label", "weather", "progress", "count")} for t in themes
        ],
    }


def _milestones(recs: list[Recommendation]) -> list[dict[str, Any]]:
    """Every milestone of the plan in date order, with its recommendation."""
    rows = [
        {"date": m["date"], "title": m["title"], "passed": m["passed"], "rec_id": r["id"], "rec_title": r["title"],
          "ref": m["ref"], "state": m["state"], "state_label": m["state_label"], "met_on": m["met_on"],
         "logged_on": m["logged_on"], "milestone_note": m["milestone_note"]}
        for r in recs for m in r["milestones"]
    ]
    return sorted(rows, key=lambda m: (m["date"]["iso"], m["rec_id"]))


def _theme(t: ThemeState, recs: dict[str, Recommendation], w: Writer) -> dict[str, Any]:
    return {
        "theme": t.theme,
        "label": w.labels["theme"][t.theme],
        "weather": w.weather(t.weather),
        "progress": w.progress(t.progress),
        "count": len(t.recs),
        "overdue": sum(1 for s in t.recs if s.overdue),
        "recommendations": [recs[s.rec.id] for s in t.recs],
    }


def journal_rows(mission: Mission, as_of: date, lang: str) -> list[JournalRow]:
    """The journal up to the date of the state, in date order: the workbook's journal sheet (`view["journal"]`
    of the workbook only, so that a render without it does not write out thousands of dates)."""
    from pamplemousse.plan.state import entries_until

    w = Writer(lang)
    states, status = w.labels["xlsx"]["milestone_states"], w.labels["status"]
    return [
        {"date": w.date(e.date), "kind": e.kind, "kind_label": w.labels["xlsx"][f"kind_{e.kind}"],
         "ref": e.recommendation or e.indicator or e.committee or e.milestone or e.phase,
         "status": e.status, "status_label": (states if e.milestone else status).get(e.status),
         "progress": e.progress, "value": e.value if e.value is not None else e.time, "note": e.note}
        for e in entries_until(mission.entries, as_of)
    ]


def workbook_view(mission: Mission, view: View, lang: str) -> View:
    """The mission's view with its journal's rows, in `lang`: what the workbook reads (outputs/xlsx.py)."""
    return {**view, "journal": journal_rows(mission, date.fromisoformat(view["header"]["as_of"]["iso"]), lang)}


def _phases(mission: Mission, w: Writer) -> list[Phase]:
    return [{"id": p.id, "title": p.title, "start": w.date(p.start), "end": w.date(p.end)} for p in mission.meta.phases]


def _phase(state: PlanState, w: Writer) -> dict[str, Any] | None:
    phase = state.current_phase
    if phase is None:
        return None
    return {"id": phase.id, "title": phase.title, "start": w.date(phase.start), "end": w.date(phase.end)}


def mission_view(mission: Mission, report: Report, lang: str, w: Writer | None = None) -> View:
    """The mission on the report's date, presented in `lang` (see the module's docstring).

    When the report has a window (--since, --since-last-committee), `changes`
    holds what changed from then to the date of the state; else it is None.
    """
    w = w or Writer(lang)
    state = report.state
    recs = {s.rec.id: _rec(mission, s, state, w) for s in state.recs}
    themes = [_theme(t, recs, w) for t in state.themes]
    rec_list = [recs[s.rec.id] for s in state.recs]
    committees = [committee(c, w) for c in state.committees]
    view: View = {
        "mission": {
            "slug": mission.slug,
            "title": mission.meta.title,
            "client": mission.meta.client.name,
            "language": mission.language,
        },
        "header": header(mission, state.as_of, w),
        "stale_weeks": state.stale_weeks,
        "current_phase": state.current_phase.title if state.current_phase else None,
        "phase": _phase(state, w),
        "summary": _summary(state, recs, themes, w),
        "themes": themes,
        "recommendations": rec_list,
        "indicators": [i for r in rec_list for i in r["indicators"]],
        "milestones": _milestones(rec_list),
        "committees": committees,
        "committee": committees[-1] if committees else None,
        "changes": changes(report, w) if report.changes is not None else None,
        # what the calendar lists besides the plan (the JSON has them in its `mission` part)
        "phases": _phases(mission, w),
        "follow_up": w.date(follow_up_date(mission)),
    }
    view["attention"] = attention(state, recs, w)  # « À traiter en priorité » (plan/attention.py), in words
    return view


# the lists of a view that hold one entry per recommendation (or per item of one), by the key naming it
_PER_RECOMMENDATION = {
    ("recommendations",): "id",
    ("indicators",): "rec_id",
    ("milestones",): "rec_id",
    ("summary", "overdue"): "id",
    ("summary", "stale"): "id",
    ("summary", "next_deadlines"): "rec_id",
    ("changes", "statuses"): "rec_id",
    ("changes", "progress"): "rec_id",
    ("changes", "measures"): "rec_id",
    ("changes", "deadlines"): "rec_id",
}


def filtered(view: View, keep: Keep) -> View:
    """The view with only the recommendations `keep` keeps in its lists (pmp status --theme, --owner).

    The mission's own figures (progress, weather, counts by status, themes) stay
    those of the whole plan.
    """
    out = dict(view)
    for path, key in _PER_RECOMMENDATION.items():
        parent = out
        for part in path[:-1]:
            if parent.get(part) is None:
                break
            parent[part] = parent = dict(parent[part])
        else:
            if parent.get(path[-1]) is not None:
                parent[path[-1]] = [item for item in parent[path[-1]] if keep(item[key])]
    return out


def view_on(mission: Mission, as_of: date, lang: str | None = None) -> View:
    """The mission's view on a date, without a window: the shortcut of scripts and tests."""
    from pamplemousse.plan.report import report

    return mission_view(mission, report(mission, as_of), lang or mission.language)
