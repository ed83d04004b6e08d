"""The mission and its computed state as one JSON document (`pmp render --format json`).

The shape is documented key by key in docs/json-format.md (a test checks that
the output and the documentation name the same keys) and versioned: `version`
changes when a key is removed or renamed or its meaning changes, not when a
key is added. The `state` part is `state_json.state_dict`, the same data as
`pmp status --format json`.

What is left out, on purpose: the interview material of questions.yaml
(participants, sessions, notes, quotes) and the assessment of candidates in
vision.yaml — words and judgements about named people that must not travel
beyond the consultant's files (RGPD) — and the e-mail addresses of contacts.
"""

from __future__ import annotations

import json

from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission

SCHEMA = "pmp.mission-state"
VERSION = 1


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
        "journal": [e.model_dump(mode="json") for e in mission.journal],
    }


def document(mission: Mission, state: PlanState) -> dict:
    """The whole document as plain data (see docs/json-format.md)."""
    from pamplemousse.views.state_json import state_dict

    return {
        "schema": SCHEMA,
        "version": VERSION,
        "mission": _mission_dict(mission),
        "state": state_dict(mission, state),
    }


def json_text(mission: Mission, state: PlanState, lang: str | None = None) -> str:
    """The document as JSON text (UTF-8, indented, keys in a fixed order); `lang` is not used:
    the document holds keys and values, no labels."""
    return json.dumps(document(mission, state), ensure_ascii=False, indent=2) + "\n"
