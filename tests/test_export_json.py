"""pmp render --format json: one versioned document, its shape the one docs/json-format.md documents."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from conftest import REPO

from pamplemousse.outputs.json_doc import json_text
from pamplemousse.read.load import load_mission
from pamplemousse.views.mission import view_on

AS_OF = date(2026, 11, 26)
DOC = REPO / "docs" / "json-format.md"


def _document(folder: Path, as_of: date = AS_OF) -> tuple:
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    text = json_text(mission, view_on(mission, as_of))
    return mission, json.loads(text), text


# the small shapes of the view, documented once (a date, a percent, a weather): their own keys are not listed
SHAPES = ({"iso", "long", "short"}, {"value", "label"}, {"key", "label", "icon"})


def key_paths(value, prefix: str = "") -> set[str]:
    """Every key of a JSON value as a dotted path; `[]` for the items of a list."""
    paths = set()
    if isinstance(value, dict) and set(value) in SHAPES and prefix.startswith("state"):
        return paths
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


def documented_paths() -> set[str]:
    """The keys in the first column of the tables of docs/json-format.md."""
    return set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def test_output_has_every_documented_key_and_no_other(example, pmp):
    _, doc, _ = _document(example)
    # with a window, the state also says what changed (state.changes)
    assert pmp("render", str(example), "--format", "json", "--as-of", AS_OF.isoformat(), "--since", "2026-07-01").exit_code == 0
    windowed = json.loads((example / "out" / "pilotage.json").read_text("utf-8"))
    assert windowed["state"]["changes"]["statuses"], "the window should hold status changes"
    found = key_paths(doc) | key_paths(windowed)
    documented = documented_paths()
    assert len(documented) > 100
    assert found - documented == set(), "keys in the output but not in docs/json-format.md"
    assert documented - found == set(), "keys in docs/json-format.md but not in the output"


def test_document_is_named_and_versioned(example):
    _, doc, text = _document(example)
    assert list(doc) == ["schema", "version", "mission", "state"]
    assert (doc["schema"], doc["version"]) == ("pmp.mission-state", 2)
    assert text.endswith("}\n") and "\\u00e9" not in text  # UTF-8 as such, not escaped


def test_mission_part_holds_the_files_content(example):
    mission, doc, _ = _document(example)
    m = doc["mission"]
    assert (m["slug"], m["language"], m["client"]["name"]) == ("ressourcerie-du-val", "fr", "La Ressourcerie du Val")
    assert m["funding"] == {"scheme": "dla", "operator": "DLA 94", "reference": "DLA94-2026-017", "days": 5.0, "follow_up": "2027-09-30"}
    assert m["consultants"] == ["Claire Dubreuil", "Yanis Ferrand"]
    assert [p["id"] for p in m["phases"]] == ["cadrage", "diagnostic", "co-construction", "restitution", "suivi"]
    assert [r["id"] for r in m["recommendations"]] == [r.id for r in mission.recommendations]
    r1 = m["recommendations"][0]
    assert r1["milestones"][0] == {"title": "Livret d’accueil rédigé et relu par des bénévoles", "due": "2026-07-31", "id": None}
    assert r1["indicators"][1] == {
        "id": "I2", "name": "Taux de rotation annuel des bénévoles", "unit": "%", "baseline": 42.0, "target": 25.0,
    }
    assert len(m["journal"]) == len(mission.entries) == len(mission.journal)
    assert m["journal"][0] == {
        "date": "2026-06-16", "recommendation": None, "milestone": None, "status": None, "progress": None, "indicator": "I1",
        "value": 50.0, "committee": None, "attendees": [], "decisions": [],
        "time": None, "phase": None, "consultant": None, "situation": None,
        "note": "Cohorte des bénévoles arrivés entre janvier et mars 2026.", "id": None,
    }


def test_state_part_is_the_state_of_pmp_status_on_the_date(example, pmp):
    _, doc, _ = _document(example)
    status = pmp("status", str(example), "--as-of", AS_OF.isoformat(), "--format", "json", "--audience", "internal")
    assert status.exit_code == 0, status.output
    assert doc["state"] == json.loads(status.stdout)  # one view, written once (both of the mission unredacted)
    s = doc["state"]
    assert s["header"]["as_of"] == {"iso": "2026-11-26", "long": "26 novembre 2026", "short": "26/11/2026"}
    r5 = next(r for r in s["recommendations"] if r["id"] == "R5")
    assert (r5["status"], r5["status_label"], r5["progress"], r5["overdue"], r5["days_late"]) == (
        "in_progress", "en cours", {"value": 70, "label": "70\u00a0%"}, True, 42)
    assert r5["indicators"] == ["I5"]  # written in full once, under `indicators`
    assert {b["status"]: b["count"] for b in s["summary"]["by_status"]} == {
        "todo": 1, "in_progress": 6, "done": 1, "blocked": 1, "dropped": 1}
    assert s["summary"]["overdue"] == ["R5"]
    assert s["committee"]["title"] == "COPIL n°2"


def test_state_follows_the_date(example):
    _, early, _ = _document(example, date(2026, 7, 1))
    assert early["state"]["header"]["as_of"]["iso"] == "2026-07-01"
    r2 = next(r for r in early["state"]["recommendations"] if r["id"] == "R2")
    assert (r2["status"], r2["progress"]["value"]) == ("in_progress", 20)
    # the mission part does not depend on the date
    assert early["mission"] == _document(example)[1]["mission"]


def test_interview_material_candidates_and_emails_stay_out(example):
    _, _, text = _document(example)
    for private in (
        "Aminata Diallo",  # an interviewee (questions.yaml participants)
        "on a déménagé une équipe",  # a quote
        "Malik Haddad",  # a project-holder candidate (vision.yaml)
        "@example.org",  # contacts' and consultants' e-mail addresses
    ):
        assert private not in text, private
