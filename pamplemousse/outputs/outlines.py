"""The documents of the DLA's cycle laid out for a word processor, from their views (outline.py).

One function per document that `pmp render --format docx|odt` makes: the note de
cadrage, the rapport (outline_rapport.py), the bilan and the suivi. Each reads
the view its templates read (views/cadrage.py, rapport.py, bilan.py, suivi.py),
already redacted for the audience and set in French typography, and says the
same things in the same order as the Markdown template of the document, with
the catalog's words; charts are left out, as in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from pamplemousse.outputs.outline import Outline, View, dash, end, named, phases, start
from pamplemousse.outputs.outline_rapport import rapport


def cadrage(d: View) -> Outline:
    L, R = d["labels"]["cadrage"], d["labels"]["rapport"]
    o = start(d, L["doc_title"])
    o.field(L["date"], d["header"]["as_of"]["long"])
    c = d["client"]
    o.heading(1, L["client"])
    o.field(R["client"], c["name"] + (f" ({c['legal_form']})" if c["legal_form"] else ""))
    o.field(R["territory"], c["territory"])
    o.field(R["employees"], c["employees"])
    o.field(R["volunteers"], c["volunteers"])
    o.field(L["contacts"], named(c["contacts"]))
    o.para(d["context"])
    if d["request"]:
        o.heading(1, L["request"])
        o.para(d["request"])
    o.listed(1, L["objectives"], d["objectives"])
    if d["scope"]:
        o.heading(1, L["scope"])
        o.para(d["scope"])
    o.heading(1, L["method"])
    for p in d["method"]:
        o.para(p)
    o.para(d["approach"][0])
    o.items(d["approach"][1:])
    if d["calendar"]:
        o.heading(1, L["calendar"])
        cal = d["calendar"]
        phases(o, R, cal["phases"], cal["total"], L["total_phases"], cal["budget"], L["funded"])
    if d["consultants"] or d["participants"] or d["sessions"]:
        o.heading(1, L["people"])
        o.field(L["consultants"], ", ".join(d["consultants"]))
        o.field(L["participants"], named(d["participants"]))
        o.table([L["col_date"], L["col_kind"], L["col_session"]],
                [[s["date"]["short"], s["kind_label"], s["title"]] for s in d["sessions"]])
    o.listed(1, L["deliverables"], d["deliverables"])
    f = d["funding"]
    if f:
        o.heading(1, L["funding"])
        o.field(R["funding"], " · ".join(x for x in (
            f["scheme_label"], f["operator"], f"{R['reference']} {f['reference']}" if f["reference"] else None) if x))
        o.field(L["funded"], f["days"])
        if f["follow_up"]:
            o.field(L["follow_up"], f["follow_up"]["long"] + ("" if f["follow_up_given"] else f" {L['follow_up_default']}"))
    return end(o, d)


def bilan(d: View) -> Outline:
    L, R = d["labels"]["bilan"], d["labels"]["rapport"]
    o = start(d, L["doc_title"])
    f = d["funding"]
    if f:
        o.field(R["funding"], (f["operator"] or f["scheme_label"])
                + (f" · {R['reference']} {f['reference']}" if f["reference"] else ""))
    o.field(L["date"], d["header"]["as_of"]["long"])
    if d["summary"]:
        o.heading(1, L["summary"])
        o.para(d["summary"])
    time, sessions = d["time"], d["sessions"]
    if time or sessions:
        o.heading(1, L["ran"])
    if time:
        o.heading(2, L["time"])
        if time["against_budget"]:
            o.para(time["against_budget"] + (f" {L['over_budget']}" if time["over_budget"] else ""))
        if not time["logged"]:
            o.para(L["no_time"], style="note")
        rows = [[p["title"], p["end"]["short"] if p["end"] else "—", dash(p["planned"]), p["spent"], p["gap"]]
                for p in time["phases"]]
        if time["unplaced"]:
            rows.append([L["unplaced"], "", "—", time["unplaced"], ""])
        rows.append([R["total"], "", dash(time["planned"]), time["spent"], time["gap"]])
        o.table([R["col_phase"], R["col_end"], L["col_planned"], L["col_spent"], L["col_gap"]], rows)
    if sessions:
        o.heading(2, L["sessions"])
        o.table([L["col_kind"], L["col_held"], L["col_planned_sessions"]],
                [[r["label"], str(r["held"]), str(r["planned"])] for r in sessions["rows"]]
                + [[R["total"], str(sessions["held"]), str(sessions["planned"])]])
    if d["objectives"] or d["deliverables"] or d["gaps"] or time:
        o.heading(1, L["engagements"])
        for key in ("objectives", "deliverables"):
            o.listed(2, L[key], d[key])
        if time and time["phases"]:
            o.heading(2, L["phases_done"])
            o.items(f"{p['title']}{o.colon}{L['phase_done'] if p['done'] else L['phase_open']}" for p in time["phases"])
        o.listed(2, L["gaps"], d["gaps"])
    for key in ("results", "difficulties"):
        o.listed(1, L[key], d[key])
    plan = d["plan"]
    if plan:
        o.heading(1, L["plan"])
        done = d["labels"]["common"]["progress_done"].format(pct=plan["progress"]["label"]) if plan["progress"] else None
        o.para(" · ".join(x for x in (plan["count"], done) if x))
        o.items(f"{s['label']}{o.colon}{s['count']}" for s in plan["by_status"])
        o.field(L["overdue"], ", ".join(f"{r['id']} {r['title']}" for r in plan["overdue"]))
    o.listed(1, L["new_needs"], d["new_needs"])
    figures = d["start_figures"]
    if figures:
        o.heading(1, L["start_figures"])
        o.para(L["figures_on"].format(date=figures["date"]["long"]), style="note")
        o.table([L["col_figure"], L["col_value"]], [[r["label"], r["value"]] for r in figures["rows"]])
    if d["empty"]:
        o.para(L["empty"], style="note")
    return end(o, d)


def suivi(d: View) -> Outline:
    L = d["labels"]["suivi"]
    o = start(d, L["doc_title"])
    if d["end"]:
        o.field(L["end"], d["end"]["long"])
    o.field(L["follow_up"], d["header"]["as_of"]["long"])
    after = d["after_end"]
    if d["recommendations"]:
        o.heading(1, L["recommendations"])
        rows = []
        for r in d["recommendations"]:
            now = f"{r['status_label']} · {r['progress']['label']}"
            now += f" ({L['unchanged']})" if after and not r["moved"] else ""
            now += f" · {r['milestones']}" if r["milestones"] else ""
            then = [f"{r['status_then']} · {r['progress_then']['label']}"] if after else []
            rows.append([f"{r['id']} · {r['title']} ({r['owner']})", *then, now, dash(r["last_note"])])
        o.table([L["col_rec"], *([L["col_then"]] if after else []), L["col_now"], L["col_last_note"]], rows)
    if d["indicators"]:
        o.heading(1, L["indicators"])
        o.table([L["col_indicator"], L["col_baseline"], *([L["col_at_end"]] if after else []), L["col_latest"],
                 L["col_target"]],
                [[f"{i['name']} ({i['rec_id']})", i["baseline"], *([dash(i["at_end"])] if after else []),
                  dash(i["latest"]), i["target"]] for i in d["indicators"]])
    fig = d["figures"]
    if fig:
        o.heading(1, L["figures"])
        if fig["one"]:
            o.para(L["one_situation"].format(date=fig["first"]["long"]))
            o.table([L["col_figure"], fig["first"]["short"]], [[r["label"], dash(r["first"])] for r in fig["rows"]])
        else:
            o.table([L["col_figure"], fig["first"]["short"], fig["latest"]["short"], L["col_difference"]],
                    [[r["label"], dash(r["first"]), dash(r["latest"]), r["difference"]] for r in fig["rows"]])
        o.para(fig["note"], style="note")
    if d["new_needs"] or d["still_open"]:
        o.heading(1, L["needs"])
        o.listed(2, L["new_needs"], d["new_needs"])
        if d["still_open"]:
            o.heading(2, L["still_open"])
            o.items(f"{r['id']} · {r['title']} ({r['status_label']}, {r['progress']['label']})" for r in d["still_open"])
    if d["empty"]:
        o.para(L["empty"], style="note")
    return end(o, d)


OUTLINES: dict[str, Callable[[View], Outline]] = {"cadrage": cadrage, "rapport": rapport, "bilan": bilan, "suivi": suivi}
