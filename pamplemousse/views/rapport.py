"""What the mission report (`pmp render --doc rapport`) shows, as plain data for templates.

The mission given here is already redacted for the document's audience
(privacy.redact): this module shows all it receives. Sections: the one-page
summary (views/rapport_summary.py), framing (with the note de cadrage's words), vision,
what was heard (per kind of session, with quotes), findings by kind,
recommendations, the chain of evidence (one grid) and the findings no recommendation
answers, the Dees grid (radar), the scaling analysis (candidates, gaps,
immersion) and the conclusion (the end-of-mission review). A session none of whose
answers this audience may read keeps its heading with `unshared` set, and the
templates say so in a sentence rather than leave the heading bare.
"""

from __future__ import annotations

from datetime import date

from pamplemousse.plan import evidence
from pamplemousse.plan.report import Report
from pamplemousse.read.model import CANDIDATE_CRITERIA, DEES_CRITERIA, FindingKind, Mission, SessionKind
from pamplemousse.views.chart import Chart
from pamplemousse.views.common import Writer, header
from pamplemousse.views.rapport_summary import closing, finding, framing_text, grid, source, summary

FINDING_KINDS: tuple[str, ...] = FindingKind.__args__  # type: ignore[attr-defined]
SESSION_KINDS: tuple[str, ...] = SessionKind.__args__  # type: ignore[attr-defined]


def _framing(mission: Mission, w: Writer) -> dict:
    meta, L = mission.meta, w.labels["rapport"]
    client = meta.client
    funding = meta.funding
    phases = [
        {
            "id": p.id, "title": p.title, "start": w.date(p.start), "end": w.date(p.end),
            "days": w.fmt.plural(L["days"], p.days) if p.days is not None else None,
        }
        for p in meta.phases
    ]
    total = sum(p.days for p in meta.phases if p.days is not None)
    return {
        "client": client.name,
        "legal_form": client.legal_form,
        "territory": client.territory,
        "employees": w.fmt.number(client.employees) if client.employees is not None else None,
        "volunteers": w.fmt.number(client.volunteers) if client.volunteers is not None else None,
        "funding": None if funding is None else {
            "scheme_label": w.labels["funding_scheme"][funding.scheme],
            "operator": funding.operator,
            "reference": funding.reference,
            "days": w.fmt.plural(L["days"], funding.days) if funding.days is not None else None,
        },
        "consultants": [c.name for c in meta.consultants],
        "phases": phases,
        "phases_days": w.fmt.plural(L["days"], total) if any(p.days is not None for p in meta.phases) else None,
        "problem_areas": [w.labels["theme"][a] for a in meta.problem_areas],
    }


def _vision(mission: Mission) -> dict:
    v = mission.vision
    return {
        "vision": v.vision, "social_mission": v.social_mission, "values": list(v.values),
        "beneficiaries": v.beneficiaries, "territory": v.territory,
    }


def _who(mission: Mission) -> dict[str, str]:
    """Participant id -> how the document names them (the redacted name: a role without consent)."""
    return {p.id: p.name for p in mission.questions.participants}


def _session(s, mission: Mission, w: Writer) -> dict:
    who = _who(mission)
    questions = {q.id: q for q in mission.questions.guide}
    someone = w.labels["privacy"]["someone"]
    return {
        "id": s.id,
        "title": s.title or w.labels["session_kind"][s.kind],
        "kind": s.kind,
        "kind_label": w.labels["session_kind"][s.kind],
        "date": w.date(s.date),
        "participants": [who.get(p, someone) for p in s.participants],
        "answers": [
            {
                "question": (
                    {"id": a.question, "text": questions[a.question].text} if a.question in questions else None
                ),
                "notes": a.notes,
                "quotes": [{"text": q.text, "by": who.get(q.by, someone) if q.by else None} for q in a.quotes],
            }
            for a in s.answers
            if a.notes or a.quotes
        ],
        "unshared": not any(a.notes or a.quotes for a in s.answers),
    }


def _heard(mission: Mission, w: Writer, as_of: date) -> dict:
    """The sessions held by the report's date (a workshop planned later has nothing to tell yet)."""
    sessions = sorted((s for s in mission.questions.sessions if s.date <= as_of), key=lambda s: (s.date, s.id))
    met = {p for s in sessions for p in s.participants}
    L = w.labels["rapport"]
    return {
        "groups": [
            {
                "kind": kind,
                "label": w.labels["rapport"]["session_kinds"][kind],
                "sessions": [_session(s, mission, w) for s in sessions if s.kind == kind],
            }
            for kind in SESSION_KINDS
            if any(s.kind == kind for s in sessions)
        ],
        "count": len(sessions),
        "count_label": w.fmt.plural(L["sessions_count"], len(sessions)),
        "people": [
            {"name": p.name, "role": p.role if p.consent else None}
            for p in mission.questions.participants if p.id in met
        ],
        "people_label": w.fmt.plural(L["people_count"], len(met)),
    }


def _findings(mission: Mission, w: Writer) -> list[dict]:
    groups = []
    for kind in (*FINDING_KINDS, None):
        found = [finding(f, w) for f in mission.questions.findings if f.kind == kind]
        if found:
            label = w.labels["rapport"]["finding_kinds"][kind] if kind else w.labels["rapport"]["findings_other"]
            groups.append({"kind": kind or "other", "label": label, "findings": found})
    return groups


def _recommendation(r, w: Writer) -> dict:
    return {
        "id": r.id,
        "title": r.title,
        "description": r.description,
        "theme_label": w.labels["theme"][r.theme],
        "priority_label": w.labels["priority"][r.priority],
        "owner": r.owner,
        "start": w.date(r.start),
        "due": w.date(r.due),
        "impact": r.impact,
        "effort": r.effort,
        "because": list(r.because),
        "indicators": [
            {"id": i.id, "name": i.name, "baseline": w.fmt.quantity(i.baseline, i.unit),
             "target": w.fmt.quantity(i.target, i.unit)}
            for i in r.indicators
        ],
    }


def _evidence(mission: Mission, w: Writer) -> dict:
    """The chain of evidence as one grid (recommendations × findings), and the findings left unanswered."""
    return {
        **grid(mission, w),
        "unanswered": [source(evidence.sources_of(mission, f), w) for f in evidence.unanswered(mission)],
    }


def _dees(mission: Mission, w: Writer) -> dict | None:
    dees = mission.vision.dees
    if dees is None:
        return None
    L = w.labels["rapport"]
    criteria = [
        {"key": k, "label": w.labels["dees"][k], "score": getattr(dees, k).score,
         "score_label": L["score_of"].format(score=getattr(dees, k).score), "evidence": getattr(dees, k).evidence}
        for k in DEES_CRITERIA if getattr(dees, k) is not None
    ]
    svg = Chart("radar", ([(c["label"], c["score"]) for c in criteria], 4,
                        {"title": L["dees_chart"], "desc": L["dees_desc"], "decimal": w.decimal,
                         "empty": L["dees_empty"]}))
    return {"criteria": criteria, "svg": svg}


def _candidate(c, w: Writer) -> dict:
    L = w.labels["rapport"]
    scores = [
        {"key": k, "label": w.labels["candidate"][k], "score": getattr(c.scores, k),
         "score_label": L["score_of"].format(score=getattr(c.scores, k)),
         "gap": getattr(c.scores, k) < evidence.WEAK}
        for k in CANDIDATE_CRITERIA
    ]
    svg = Chart("bar_scores", ([(s["label"], s["score"]) for s in scores], 4,
                             {"title": c.name, "desc": L["candidate_desc"].format(name=c.name), "gap": L["gap"],
                              "decimal": w.decimal}), {"highlight_below": evidence.WEAK})
    return {"id": c.id, "name": c.name, "notes": c.notes, "scores": scores, "svg": svg}


def _scaling(mission: Mission, w: Writer) -> dict | None:
    s = mission.vision.scaling
    if s is None:
        return None
    L = w.labels["rapport"]
    gaps = evidence.candidate_gaps(s.candidates)
    return {
        "strategies": [w.labels["strategy"][k] for k in s.strategies],
        "mode": w.labels["duplication_mode"][s.mode] if s.mode else None,
        "territories": list(s.territories),
        "horizon": s.horizon,
        "candidates": [_candidate(c, w) for c in s.candidates],
        "criteria": [w.labels["candidate"][k] for k in CANDIDATE_CRITERIA],
        "gaps": [
            L["gap_" + g.kind].format(criterion=w.labels["candidate"][g.criteria[0]]) for g in gaps
        ],
        "immersion": None if s.immersion is None else {
            "days": w.fmt.plural(L["days"], s.immersion.days) if s.immersion.days is not None else None,
            "steps": list(s.immersion.steps),
        },
    }


def rapport(mission: Mission, report: Report, lang: str) -> dict:
    """Everything the mission report shows, as plain data (its charts drawn for HTML only)."""
    w = Writer(lang)
    as_of: date = report.as_of
    return {
        "lang": lang,
        "labels": w.labels,
        "header": header(mission, as_of, w),
        "summary": summary(mission, report, w),
        "framing": _framing(mission, w),
        "framing_text": framing_text(mission),
        "closing": closing(mission),
        "vision": _vision(mission),
        "heard": _heard(mission, w, as_of),
        "findings": _findings(mission, w),
        "recommendations": [_recommendation(r, w) for r in mission.recommendations],
        "evidence": _evidence(mission, w),
        "dees": _dees(mission, w),
        "scaling": _scaling(mission, w),
    }
