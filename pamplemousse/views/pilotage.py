"""What the documents show, as plain data for templates.

`pilotage(mission, state, lang)` turns a mission and the state of its plan into
dicts, lists, strings, numbers and booleans only (never model objects), with
every label taken from the catalogs of `pamplemousse.text.i18n` and every date and
number already written in the reader's language. Raw values are kept beside the
written ones where tables or charts need them (a date is
`{"iso": "2026-04-06", "long": "6 avril 2026", "short": "06/04/2026"}`).

Templates then only lay things out; a consultancy that overrides a template
finds every fact here under a stable name.
"""

from __future__ import annotations

from datetime import date

from pamplemousse.plan.report import Report
from pamplemousse.plan.state import LATE, MET, MISSED, IndicatorState, MilestoneState, PlanState, RecState
from pamplemousse.read.model import STATUSES, Mission
from pamplemousse.text.i18n import Formats, labels
from pamplemousse.views.chart import Chart

# Text symbols found in common fonts (DejaVu, Segoe UI Symbol, Apple Symbols), not
# colour emoji, each followed by U+FE0E (text style), so they print in black and
# white like the word beside them.
WEATHER_ICONS = {"sunny": "\u2600\ufe0e", "cloudy": "\u2601\ufe0e", "rainy": "\u2602\ufe0e", "none": "–"}


class Writer:
    """The labels and formats of one language, with the small helpers every section uses
    (of the steering tool here, of the report, the guide and the site's index elsewhere)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.labels = labels(lang)
        self.fmt = Formats(lang)
        self.decimal = "," if lang == "fr" else "."  # the decimal separator, for the charts

    def date(self, day: date | None) -> dict | None:
        if day is None:
            return None
        return {"iso": day.isoformat(), "long": self.fmt.date(day, "long"), "short": self.fmt.date(day, "short")}

    def findings_by_id(self, mission: Mission) -> dict:
        """The mission's findings by id, built once per document."""
        if getattr(self, "_findings", None) is None:
            self._findings = {f.id: f for f in mission.questions.findings}
        return self._findings

    def indicators_of(self, state: PlanState, rec_id: str) -> list[IndicatorState]:
        """The indicator states of one recommendation, grouped once per document."""
        if getattr(self, "_indicators", None) is None:
            self._indicators: dict[str, list[IndicatorState]] = {}
            for i in state.indicators:
                self._indicators.setdefault(i.rec.id, []).append(i)
        return self._indicators.get(rec_id, [])

    def weather(self, key: str | None) -> dict:
        key = key or "none"
        return {"key": key, "label": self.labels["weather"][key], "icon": WEATHER_ICONS[key]}

    def progress(self, value: float | None) -> dict | None:
        """A progress on 0–100: the rounded number (for bars) and its written form."""
        if value is None:
            return None
        return {"value": round(value), "label": self.fmt.percent(value)}


def header(mission: Mission, as_of: date, w: Writer) -> dict:
    """Who, what, for whom and when: the top of every document."""
    meta = mission.meta
    funding = None
    if meta.funding is not None:
        funding = {
            "scheme": meta.funding.scheme,
            "scheme_label": w.labels["funding_scheme"][meta.funding.scheme],
            "operator": meta.funding.operator,
            "reference": meta.funding.reference,
        }
    return {
        "client": meta.client.name,
        "legal_form": meta.client.legal_form,
        "territory": meta.client.territory,
        "mission_title": meta.title,
        "consultants": [c.name for c in meta.consultants],
        "funding": funding,
        "as_of": w.date(as_of),
        "state_on": w.labels["common"]["state_on"].format(date=w.fmt.date(as_of)),
    }


def _findings(mission: Mission, ids: list[str], w: Writer) -> list[dict]:
    by_id = w.findings_by_id(mission)
    out = []
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


def _indicator(s: IndicatorState, w: Writer, state: PlanState) -> dict:
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
    return w.labels["common"]["stale"].format(weeks=state.stale_weeks)


def _late_label(w: Writer, days: int, short: bool = False) -> str:
    key = "days_late_short" if short else "days_late"
    return w.fmt.plural(w.labels["common"][key], days)


def _rec(mission: Mission, s: RecState, state: PlanState, w: Writer) -> dict:
    r = s.rec
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
        "counted": s.status != "dropped",
        "weather": w.weather(s.weather),
        "last_note": s.last_note,
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
        "milestones": [
            {"title": m.milestone.title, "date": w.date(m.milestone.due), "passed": m.milestone.due < state.as_of,
             **milestone_state(m, w)}
            for m in sorted((m for m in state.milestones if m.rec.id == r.id), key=lambda m: m.milestone.due)
        ],
        "indicators": [_indicator(i, w, state) for i in w.indicators_of(state, r.id)],
        "why": _findings(mission, r.because, w),
    }


def milestone_state(m: MilestoneState, w: Writer) -> dict:
    """A milestone's reference and state (met, missed, upcoming, late), written for the reader."""
    L = w.labels["pilotage"]
    if m.state in (MET, MISSED):
        label = L[f"milestone_{m.state}_on"].format(date=w.fmt.date(m.on))
    else:
        label = L["milestone_late" if m.state == LATE else "milestone_upcoming"]
    return {"ref": m.ref, "state": m.state, "state_label": label, "met_on": w.date(m.on) if m.state == MET else None,
            "logged_on": w.date(m.on), "milestone_note": m.note}


def _outcome(d, L: dict, status: dict, w: Writer) -> str:
    """What became of a deadline of the window: a milestone's own state, or the recommendation's."""
    ms = d.milestone
    if ms is None:
        return L["changes_kept"] if d.met else L["changes_missed"].format(status=status[d.status])
    if ms.state in (MET, MISSED):
        return L[f"changes_milestone_{ms.state}"].format(date=w.fmt.date(ms.on))
    return L["changes_milestone_late"]


def _summary(state: PlanState, recs: dict[str, dict], themes: list[dict], w: Writer) -> dict:
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
        "stale": [recs[s.rec.id] for s in state.recs if s.stale],
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


def _committee(entry, w: Writer) -> dict:
    return {
        "title": entry.committee,
        "date": w.date(entry.date),
        "attendees": list(entry.attendees),
        "decisions": list(entry.decisions),
        "note": entry.note,
    }


def _changes(report: Report, w: Writer) -> dict:
    """What changed in the report's window (plan.changes_between), the section the document opens with."""
    ch, window = report.changes, report.window
    assert ch is not None and window is not None
    L = w.labels["pilotage"]
    if window.committee is not None:
        title = L["changes_since_committee"].format(committee=window.committee.committee, date=w.fmt.date(ch.since))
    else:
        title = L["changes_since"].format(date=w.fmt.date(ch.since))
    status = w.labels["status"]
    return {
        "title": title,
        "since": w.date(ch.since),
        "until": w.date(ch.until),
        "period": L["changes_period"].format(since=w.fmt.date(ch.since), until=w.fmt.date(ch.until)),
        "committee": window.committee.committee if window.committee is not None else None,
        "empty": ch.empty,
        "statuses": [
            {"rec_id": c.rec.id, "rec_title": c.rec.title, "before": c.before, "after": c.after,
             "before_label": status[c.before], "after_label": status[c.after]}
            for c in ch.statuses
        ],
        "progress": [
            {"rec_id": p.rec.id, "rec_title": p.rec.title, "before": w.progress(p.before), "after": w.progress(p.after),
             "gained": p.gained,
             "gained_label": w.fmt.plural(L["changes_points"], abs(p.gained), sign="+" if p.gained >= 0 else "−")}
            for p in ch.progress
        ],
        "measures": [
            {"indicator_id": n.indicator.id, "name": n.indicator.name, "rec_id": n.rec.id,
             "value": w.fmt.quantity(n.measure.value, n.indicator.unit), "date": w.date(n.measure.date),
             "previous": w.fmt.quantity(n.previous.value, n.indicator.unit) if n.previous else None,
             "previous_date": w.date(n.previous.date) if n.previous else None, "note": n.measure.note}
            for n in ch.measures
        ],
        "deadlines": [
            {"date": w.date(d.deadline.date), "rec_id": d.deadline.rec.id, "rec_title": d.deadline.rec.title,
             "is_milestone": d.deadline.milestone is not None,
             "what": d.deadline.milestone.title if d.deadline.milestone else L["due_of_rec"],
             "met": d.met, "status_label": status[d.status], "outcome": _outcome(d, L, status, w),
             "state": d.milestone.state if d.milestone else None}
            for d in ch.deadlines
        ],
        "committees": [_committee(c, w) for c in ch.committees],
    }


def _milestones(recs: list[dict]) -> list[dict]:
    """Every milestone of the plan in date order, with its recommendation."""
    rows = [
        {"date": m["date"], "title": m["title"], "passed": m["passed"], "rec_id": r["id"], "rec_title": r["title"],
         **{k: m[k] for k in ("ref", "state", "state_label", "met_on")}}
        for r in recs for m in r["milestones"]
    ]
    return sorted(rows, key=lambda m: (m["date"]["iso"], m["rec_id"]))


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
        {**common, "milestone": L["milestone"], "overdue": L["overdue_legend"],
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
            },
        ))
    return {"timeline": timeline, "matrix": matrix, "trajectories": trajectories}


def pilotage(mission: Mission, report: Report, lang: str) -> dict:
    """Everything the outil de pilotage shows, as plain data.

    Its charts are described (views.chart.Chart), drawn by the HTML output only.
    When the report has a window (--since, --since-last-committee), `changes`
    holds what changed from then to the date of the state; else it is None.
    """
    w = Writer(lang)
    state = report.state
    recs = {s.rec.id: _rec(mission, s, state, w) for s in state.recs}
    themes = [
        {
            "theme": t.theme,
            "label": w.labels["theme"][t.theme],
            "weather": w.weather(t.weather),
            "progress": w.progress(t.progress),
            "count": len(t.recs),
            "recommendations": [recs[s.rec.id] for s in t.recs],
        }
        for t in state.themes
    ]
    rec_list = [recs[s.rec.id] for s in state.recs]
    committees = [_committee(c, w) for c in state.committees]
    indicators = [i for r in rec_list for i in r["indicators"]]
    drawn = _charts(state, rec_list, w)
    for ind in indicators:
        ind["svg"] = drawn["trajectories"].get(ind["id"], "")
    return {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, state.as_of, w),
        "current_phase": state.current_phase.title if state.current_phase else None,
        "summary": _summary(state, recs, themes, w),
        "themes": themes,
        "recommendations": rec_list,
        "indicators": indicators,
        "milestones": _milestones(rec_list),
        "committees": committees,
        "committee": committees[-1] if committees else None,
        "charts": {"timeline": drawn["timeline"], "matrix": drawn["matrix"]},
        "changes": _changes(report, w) if report.changes is not None else None,
    }
