"""The mission report laid out for a word processor, from its view (views/rapport.py), section by section
in the order of md/rapport.md.j2: summary, framing, vision, what was heard, findings, recommendations,
chain of evidence, Dees grid, scaling, conclusion."""

from __future__ import annotations

from typing import Any

from pamplemousse.outputs.outline import Outline, View, dash, phases, start


def _summary(o: Outline, d: View, L: dict[str, Any]) -> None:
    s = d["summary"]
    o.heading(1, L["summary"])
    if s["request"] or s["objectives"]:
        o.heading(2, L["summary_asked"])
        o.para(s["request"], style="quote")
        o.items(s["objectives"])
    if s["heard"]:
        o.heading(2, L["summary_heard"])
        o.para(L["summary_heard_rule"], style="note")
        o.items(f"{f['id']} {f['text']}" for f in s["heard"])
    o.table([L["col_id"], L["col_recommendation"], L["col_priority"], L["col_due"], L["col_owner"]],
            [[r["id"], r["title"], r["priority_label"], r["due"]["short"], r["owner"]] for r in s["recommendations"]],
            caption=L["summary_plan"] if s["recommendations"] else "")
    if s["next_deadlines"] or s["next_committee"] or s["last_committee"] or s["follow_up"]:
        o.heading(2, L["summary_next"])
        committee, key = (s["next_committee"], "next_committee") if s["next_committee"] else (s["last_committee"], "last_committee")
        if committee:
            o.field(L[key], f"{committee['title']} · {committee['date']['long']}")
        if s["follow_up"]:
            o.field(L["follow_up"], s["follow_up"]["long"])
        if s["next_deadlines"]:
            o.para(L["next_deadlines"], style="strong")
            o.items(f"{x['date']['short']} · {x['rec_id']} · {x['what']}" for x in s["next_deadlines"])


def _framing(o: Outline, d: View, L: dict[str, Any]) -> None:
    f, K = d["framing"], d["labels"]["cadrage"]
    o.heading(1, L["framing"])
    o.field(L["client"], f["client"] + (f" ({f['legal_form']})" if f["legal_form"] else ""))
    o.field(L["territory"], f["territory"])
    o.field(L["employees"], f["employees"])
    o.field(L["volunteers"], f["volunteers"])
    funding = f["funding"]
    if funding:
        o.field(L["funding"], " · ".join(x for x in (
            funding["scheme_label"], funding["operator"],
            f"{L['reference']} {funding['reference']}" if funding["reference"] else None,
            f"{L['days_budgeted']}{o.colon}{funding['days']}" if funding["days"] else None) if x))
    o.field(L["problem_areas"], ", ".join(f["problem_areas"]))
    text = d["framing_text"]
    if text:
        for key, title in (("request", K["request"]), ("context", L["context"]), ("scope", K["scope"]),
                           ("method", K["method"])):
            if text[key]:
                o.heading(2, title)
                o.para(text[key], style="quote" if key == "request" else "")
            if key == "context" and text["objectives"]:
                o.heading(2, K["objectives"])
                o.items(text["objectives"])
        o.listed(2, K["deliverables"], text["deliverables"])
    if f["phases"]:
        phases(o, L, f["phases"], f["phases_days"], L["total"])


def _vision(o: Outline, d: View, L: dict[str, Any]) -> None:
    v = d["vision"]
    o.heading(1, L["vision_title"])
    for key in ("vision", "social_mission", "values", "beneficiaries", "territory"):
        if v[key]:
            o.heading(2, L[key])
            if key == "values":
                o.items(v[key])
            else:
                o.para(v[key])


def _heard(o: Outline, d: View, L: dict[str, Any]) -> None:
    h, C = d["heard"], o.colon
    o.heading(1, L["heard"])
    if d["audience"]["key"] == "funder":
        o.para(L["funder_no_interviews"])
        return
    if not h["groups"]:
        o.para(L["no_session"])
        return
    o.para(f"{h['count_label']} · {h['people_label']}")
    if h["people"]:
        o.heading(2, L["people_met"])
        o.items(f"{p['name']} ({p['role']})" if p.get("role") else p["name"] for p in h["people"])
    quote = ("«\u00a0", "\u00a0»") if d["lang"] == "fr" else ("“", "”")
    for g in h["groups"]:
        o.heading(2, g["label"])
        for s in g["sessions"]:
            o.heading(3, f"{s['id']} · {s['title']}")
            who = f" · {L['participants']}{C}{', '.join(s['participants'])}" if s["participants"] else ""
            o.para(f"{s['date']['long']}{who}", style="note")
            if s["unshared"]:
                o.para(L["session_no_notes"] if d["audience"]["internal"] else L["session_unshared"])
            for a in s["answers"]:
                if a["question"]:
                    o.para(f"{a['question']['id']} · {a['question']['text']}", style="strong")
                o.para(a["notes"])
                for q in a["quotes"]:
                    o.para(f"{quote[0]}{q['text']}{quote[1]}" + (f" — {q['by']}" if q["by"] else ""), style="quote")


def _findings(o: Outline, d: View, L: dict[str, Any]) -> None:
    o.heading(1, L["findings"])
    if not d["findings"]:
        o.para(L["no_finding"])
    for g in d["findings"]:
        o.heading(2, g["label"])
        o.items(f"{f['id']} {f['text']}" + (f" ({f['theme_label']})" if f["theme_label"] else "") for f in g["findings"])


def _recommendations(o: Outline, d: View, L: dict[str, Any]) -> None:
    o.heading(1, L["recommendations"])
    if not d["recommendations"]:
        o.para(L["no_recommendation"])
    for r in d["recommendations"]:
        o.heading(2, f"{r['id']} · {r['title']}")
        o.para(r["description"])
        o.table([d["labels"]["pilotage"]["col_theme"], L["owner"], L["dates"], L["priority"]],
                [[r["theme_label"], r["owner"], L["from_to"].format(start=r["start"]["short"], end=r["due"]["short"]),
                  f"{r['priority_label']} · {L['impact_effort'].format(impact=r['impact'], effort=r['effort'])}"]])
        for i in r["indicators"]:
            o.field(L["indicators"], f"{i['name']}{o.colon}{i['baseline']} → {i['target']}")


def _evidence(o: Outline, d: View, L: dict[str, Any]) -> None:
    e, C = d["evidence"], o.colon
    o.heading(1, L["evidence"])
    o.para(L["evidence_intro"], style="note")
    o.table([L["col_recommendation"], *e["columns"]],
            [[f"{r['id']} {r['title']}" + ("" if r["answers"] else f" — {L['answers_nothing']}"),
              *("●" if mark else "" for mark in r["marks"])] for r in e["rows"]])
    if e["findings"]:
        o.heading(3, L["grid_findings"])
        for f in e["findings"]:
            o.para(f"{f['id']} {f['text']}" + (f" ({f['kind_label']})" if f["kind_label"] else ""), style="strong")
            sources = [f"{L['heard_in']}{C}" + ", ".join(f"{s['id']} · {s['title']} ({s['date']['short']})"
                                                         for s in f["sessions"])] if f["sessions"] else []
            if f["questions"]:
                sources.append(f"{L['asked']}{C}" + " ".join(f"{q['id']} · {q['text']}" for q in f["questions"]))
            o.items(sources or [L["no_source"]])
    o.heading(2, L["unanswered"])
    if not e["unanswered"]:
        o.para(L["all_answered"])
        return
    o.para(L["unanswered_intro"], style="note")
    o.items(f"{f['id']} {f['text']}" + (f" ({f['kind_label']})" if f["kind_label"] else "") for f in e["unanswered"])


def _scaling(o: Outline, d: View, L: dict[str, Any]) -> None:
    s = d["scaling"]
    o.heading(1, L["scaling"])
    o.field(L["strategies"], ", ".join(s["strategies"]))
    o.field(L["mode"], s["mode"])
    for t in s["territories"]:
        o.field(L["territories"], t)
    o.field(L["horizon"], s["horizon"])
    if s["candidates"]:
        o.heading(2, L["candidates"])
        o.para(L["candidates_intro"], style="note")
        o.heading(3, L["gaps"])
        o.items(f"⚠ {g}" for g in s["gaps"])
        if not s["gaps"]:
            o.para(L["no_gap"])
        o.table([L["col_criterion"], *(c["name"] for c in s["candidates"])],
                [[label, *(f"{L['gap_mark']} {c['scores'][i]['score_label']}" if c["scores"][i]["gap"]
                           else c["scores"][i]["score_label"] for c in s["candidates"])]
                 for i, label in enumerate(s["criteria"])])
        o.para(f"{L['gap_mark']} {L['gap']}")
        for c in s["candidates"]:
            o.field(c["name"], c["notes"])
    if s["immersion"]:
        o.heading(2, L["immersion"])
        o.field(L["immersion_length"], s["immersion"]["days"])
        o.items(s["immersion"]["steps"], numbered=True)


def rapport(d: View) -> Outline:
    L = d["labels"]["rapport"]
    o = start(d, L["doc_title"])
    o.field(L["date"], d["header"]["as_of"]["long"])
    o.para(L["subtitle"], style="note")
    for section in (_summary, _framing, _vision, _heard, _findings, _recommendations, _evidence):
        section(o, d, L)
    if d["dees"]:
        o.heading(1, L["dees"])
        o.para(L["dees_intro"], style="note")
        o.table([L["col_criterion"], L["col_score"], L["col_evidence"]],
                [[c["label"], c["score_label"], dash(c["evidence"])] for c in d["dees"]["criteria"]])
    if d["scaling"]:
        _scaling(o, d, L)
    closing = d["closing"]
    if closing:
        o.heading(1, L["conclusion"])
        o.para(closing["summary"])
        for key in ("results", "difficulties", "gaps", "new_needs"):
            o.listed(2, d["labels"]["bilan"][key], closing[key])
    o.para(d["audience"]["label"], style="strong")
    o.para(d["labels"]["common"]["generated"], style="note")
    return o
