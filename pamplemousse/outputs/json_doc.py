"""The mission and its computed state as one JSON document (`pmp render --format json`).

The shape is documented key by key in docs/json-format.md (a test checks that
the output and the documentation name the same keys) and versioned: `version`
changes when a key is removed or renamed or its meaning changes, not when a
key is added. The `state` part is the mission's view (views.mission, the same
data every output reads) as `view_json` writes it, as in `pmp status --format json`.

What is left out, on purpose: the interview material of questions.yaml
(participants, sessions, notes, quotes) and the assessment of candidates in
vision.yaml — words and judgements about named people that must not travel
beyond the consultant's files (RGPD) — and the e-mail addresses of contacts.
"""

from __future__ import annotations

import json

from pamplemousse.read.model import Mission

SCHEMA = "pmp.mission-state"
VERSION = 2  # 2: the state is the mission's view (views.mission), words beside raw values


def _mission_dict(mission: Mission) -> dict:
    meta, vision = mission.meta, mission.vision
    client = meta.client
    return {
        "slug": mission.slug,
        "title": meta.title,
        "language": mission.language,
        "client": {
            "name": client.name,
            "legal_form": client.legal_form,
            "territory": client.territory,
            "siret": client.siret,
            "employees": client.employees,
            "volunteers": client.volunteers,
        },
        "funding": meta.funding.model_dump(mode="json") if meta.funding else None,
        "consultants": [c.name for c in meta.consultants],
        "phases": [p.model_dump(mode="json") for p in meta.phases],
        "problem_areas": list(meta.problem_areas),
        "vision": {
            "vision": vision.vision,
            "social_mission": vision.social_mission,
            "values": list(vision.values),
            "beneficiaries": vision.beneficiaries,
            "territory": vision.territory,
        },
        "findings": [f.model_dump(mode="json", exclude={"sources"}) for f in mission.questions.findings],
        "recommendations": [r.model_dump(mode="json") for r in mission.recommendations],
        "journal": [e.model_dump(mode="json", exclude={"withdraw"}) for e in mission.entries],
    }


# what the templates need but a JSON reader does not: the catalog, drawings, the document's language, the update
# form; and what the document already holds in its `mission` part (the phases, the follow-up's date)
_LEFT_OUT = frozenset({"labels", "charts", "svg", "lang", "audience", "update", "phases", "follow_up"})


def view_json(view: dict) -> dict:
    """The mission's view (views.mission) as JSON data: the same keys and values.

    Each recommendation is written in full once, in `recommendations`, and each
    indicator once, in `indicators`; everywhere else (a theme's items, the
    overdue list, a recommendation's indicators…) it is written as its id.
    """
    whole = {id(item) for key in ("recommendations", "indicators") for item in view.get(key) or ()}

    def walk(value, top: bool = False):
        if isinstance(value, dict):
            if not top and id(value) in whole:
                return value["id"]
            return {k: walk(v) for k, v in value.items() if k not in _LEFT_OUT}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return {
        k: ([walk(item, top=True) for item in v] if k in ("recommendations", "indicators") else walk(v))
        for k, v in view.items() if k not in _LEFT_OUT
    }


def document(mission: Mission, view: dict) -> dict:
    """The whole document as plain data (see docs/json-format.md); `view` is views.mission's."""
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "mission": _mission_dict(mission),
        "state": view_json(view),
    }


def json_text(mission: Mission, view: dict) -> str:
    """The document as JSON text (UTF-8, indented, keys in a fixed order), its words in the view's language."""
    return json.dumps(document(mission, view), ensure_ascii=False, indent=2) + "\n"
