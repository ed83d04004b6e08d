"""pmp schema: JSON Schemas that accept what pmp accepts and refuse what it refuses.

The schemas are checked with `jsonschema` against the example mission read the
way an editor reads it (YAML types: numbers, booleans, dates) and the way pmp
reads it (every scalar a string), and against bad files that pmp check refuses
too.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, REPO
from jsonschema import Draft202012Validator

from pamplemousse.read.load import load_mission
from pamplemousse.read.model import FILES
from pamplemousse.read.schema import (
    field_keys,
    file_schema,
    load_field_descriptions,
    mission_schemas,
    schema_file_name,
    schema_texts,
)
from pamplemousse.read.yamlread import read_yaml

NB = "\u00a0"
STEMS = [name.removesuffix(".yaml") for name in FILES]


def validator(filename: str) -> Draft202012Validator:
    return Draft202012Validator(mission_schemas()[schema_file_name(filename)])


def as_editor_reads(path: Path):
    """YAML types as an editor sees them; dates back to the text they are in the file."""

    def iso(value):
        if isinstance(value, dict):
            return {k: iso(v) for k, v in value.items()}
        if isinstance(value, list):
            return [iso(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return iso(yaml.safe_load(path.read_text(encoding="utf-8")))


def as_pmp_reads(path: Path):
    doc, problems = read_yaml(path, path.name, "fr", expect=list if path.name == "journal.yaml" else dict)
    assert doc is not None, problems
    return doc.data


def errors(filename: str, data) -> list[str]:
    """Every error, down to the alternatives of an `anyOf` that all failed: "path: message"."""

    def leaves(error):
        if not error.context:
            return [error]
        return [leaf for sub in error.context for leaf in leaves(sub)]

    found = [leaf for e in validator(filename).iter_errors(data) for leaf in leaves(e)]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


@pytest.mark.parametrize("filename", FILES)
def test_each_schema_is_a_valid_json_schema(filename):
    schema = mission_schemas()[schema_file_name(filename)]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"pmp{NB}: {filename}"


@pytest.mark.parametrize("read", [as_editor_reads, as_pmp_reads], ids=["editor", "pmp"])
@pytest.mark.parametrize("filename", FILES)
def test_the_example_mission_is_accepted(filename, read):
    assert errors(filename, read(EXAMPLE / filename)) == []


def test_values_pmp_converts_are_accepted_in_their_editor_form():
    mission = {
        "schema_version": 1, "title": 2026, "language": None,
        "client": {"name": "Val", "siret": 84217100100014, "employees": "14", "volunteers": None},
        "funding": {"days": "2,5"},
        "phases": [{"id": 1, "title": "Cadrage", "start": "2026-02-02", "days": 0.5}],
    }
    assert errors("mission.yaml", mission) == []
    questions = {"participants": [{"id": "P1", "name": "Hélène", "consent": "True"}]}
    assert errors("questions.yaml", questions) == []
    assert errors("journal.yaml", None) == []  # a journal with comments only


def _mutate(data, path: str, value):
    """Set (or with value=DELETE remove) the key at `path` ("recommendations.0.owner")."""
    *parents, last = path.split(".")
    holder = data
    for part in parents:
        holder = holder[int(part)] if isinstance(holder, list) else holder[part]
    key = int(last) if isinstance(holder, list) else last
    if value is DELETE:
        del holder[key]
    else:
        holder[key] = value
    return data


DELETE = object()

BAD = [
    ("mission.yaml", "client.sirett", "84217100100014",
     "client: Additional properties are not allowed ('sirett' was unexpected)"),
    ("mission.yaml", "schema_version", 2, "schema_version: 2 is not one of [1, '1']"),
    ("mission.yaml", "client.siret", "1234", "client/siret: '1234' does not match"),
    ("mission.yaml", "title", DELETE, ": 'title' is a required property"),
    ("mission.yaml", "problem_areas", ["benevolat"], "problem_areas/0: 'benevolat' is not one of"),
    ("vision.yaml", "dees.social_value.score", 5, "dees/social_value/score: 5 is greater than the maximum of 4"),
    ("recommendations.yaml", "recommendations.0.priority", "urgent",
     "recommendations/0/priority: 'urgent' is not one of ['high', 'medium', 'low']"),
    ("recommendations.yaml", "recommendations.0.owner", DELETE,
     "recommendations/0: 'owner' is a required property"),
    ("recommendations.yaml", "recommendations.0.impact", 6, "recommendations/0/impact: 6 is greater than the maximum of 5"),
    ("recommendations.yaml", "recommendations.0.due", "15/12/2026",
     "recommendations/0/due: '15/12/2026' does not match"),
    ("questions.yaml", "sessions.0.kind", "entretien", "sessions/0/kind: 'entretien' is not one of"),
    ("journal.yaml", "0.recommendation", "R1", "0/recommendation: 'R1' is not of type 'null'"),  # indicator entry
    ("journal.yaml", "0.value", DELETE, "0: 'value' is a required property"),  # indicator entry
    ("journal.yaml", "5.progress", 120, "5/progress: 120 is greater than the maximum of 100"),
    # the bounds pmp computes within (numbers within a thousand billion, dates from 1900 to 2200)
    ("journal.yaml", "0.value", 2 * 10**12, "0/value: 2000000000000 is greater than the maximum of 1000000000000"),
    ("mission.yaml", "client.employees", -3, "client/employees: -3 is less than the minimum of 0"),
    ("recommendations.yaml", "recommendations.0.due", "2301-01-01", "recommendations/0/due: '2301-01-01' does not match"),
]


@pytest.mark.parametrize("filename, path, value, expected", BAD, ids=[f"{b[0]}:{b[1]}" for b in BAD])
def test_bad_files_are_refused_by_the_schema_and_by_pmp(filename, path, value, expected, example):
    data = _mutate(as_editor_reads(EXAMPLE / filename), path, value if value is DELETE else copy.deepcopy(value))
    found = errors(filename, data)
    assert any(e.startswith(expected) for e in found), found
    (example / filename).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mission, problems = load_mission(example)
    assert mission is None and any(p.file.endswith(filename) for p in problems), problems


def test_scores_take_their_bounds_from_the_model():
    def score(value):
        data = as_editor_reads(EXAMPLE / "recommendations.yaml")
        data["recommendations"][0]["effort"] = value
        return errors("recommendations.yaml", data)

    assert score(1) == [] and score(5) == [] and score("3") == []
    assert score(0) and score(6)


def test_every_field_has_a_description_in_french_and_in_english():
    catalog = load_field_descriptions()
    keys = set(STEMS)
    for filename, stem in zip(FILES, STEMS):
        keys |= set(field_keys(file_schema(filename, {}), stem))
    missing = sorted(
        f"{k} ({lang})" for k in keys for lang in ("fr", "en") if not (catalog.get(k) or {}).get(lang, "").strip()
    )
    assert missing == []
    assert sorted(set(catalog) - keys) == [], "descriptions of fields that no longer exist"


def test_every_property_in_the_schemas_shows_its_description():
    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert sub.get("description"), f"{where}: {name}"
            for key, sub in node.items():
                if key != "oneOf":  # the journal's kinds: constraints, not fields
                    walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for name, schema in mission_schemas().items():
        walk(schema, name)
    siret = mission_schemas()["mission.schema.json"]["$defs"]["Client"]["properties"]["siret"]
    assert siret["description"] == (
        f"Numéro SIRET, 14 chiffres (les espaces sont acceptés){NB}; pmp vérifie sa clé.\n\n"
        "SIRET number, 14 digits (spaces allowed); pmp checks its checksum."
    )


def test_french_descriptions_follow_french_typography():
    bad = {
        key: entry["fr"] for key, entry in load_field_descriptions().items()
        if re.search(r" [:;?!»]|« |[^\s\u00a0«][:;?!](\s|$)", entry["fr"])
    }
    assert bad == {}


def test_the_committed_schemas_are_up_to_date_with_the_models():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == schema_texts(), "run `pmp schema` at the root of the repository and commit schemas/"


def test_the_example_files_point_at_the_committed_schemas():
    for filename in FILES:
        first = (EXAMPLE / filename).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{schema_file_name(filename)}"
        assert (EXAMPLE / "../../schemas" / schema_file_name(filename)).resolve().is_file()


def test_pmp_schema_writes_into_the_workspace_schemas_folder(tmp_path, monkeypatch, pmp):
    (tmp_path / "missions").mkdir()
    (tmp_path / "missions" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "missions" / "sub")
    r = pmp("schema")
    assert r.exit_code == 0, r.output
    names = [schema_file_name(f) for f in FILES]
    where = display(tmp_path / "schemas")
    assert r.stdout.splitlines() == [f"5 schémas écrits dans {where}{NB}:"] + [f"  {n}" for n in names]
    for name in names:
        assert json.loads((tmp_path / "schemas" / name).read_text(encoding="utf-8")) == mission_schemas()[name]


def display(path: Path) -> str:
    from pamplemousse.errors import display_path

    return display_path(path)


def test_pmp_schema_o_writes_where_asked(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    r = pmp("schema", "-o", "editeur/schemas")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == f"5 schémas écrits dans editeur/schemas{NB}:"
    assert sorted(p.name for p in (tmp_path / "editeur" / "schemas").iterdir()) == sorted(
        schema_file_name(f) for f in FILES
    )


def test_pmp_schema_refuses_a_file_in_place_of_the_folder(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    Path("schemas").write_text("x", encoding="utf-8")
    r = pmp("schema", "-o", "schemas")
    assert r.exit_code == 3
    assert r.stderr == f"pmp : schemas{NB}: ce n’est pas un dossier{NB}; pmp n’y écrit pas\n"
    assert Path("schemas").read_text(encoding="utf-8") == "x"


# pmp new-mission: the first line of each file points at the workspace's schemas

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_new_mission_points_at_schemas_written_beside_it(tmp_path, monkeypatch, pmp, lang):
    from test_scaffold import EXAMPLES, uncomment

    monkeypatch.chdir(tmp_path)
    assert pmp("new-mission", "demo", "--lang", lang).exit_code == 0
    folder = tmp_path / "missions" / "demo"
    for filename in FILES:
        text = (folder / filename).read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{schema_file_name(filename)}"
        schema = json.loads((folder / first.split("=", 1)[1]).read_text(encoding="utf-8"))
        assert schema == mission_schemas()[schema_file_name(filename)]
        assert errors(filename, as_editor_reads(folder / filename)) == [], filename
        for first_line, drop in EXAMPLES[filename]:  # every commented example, uncommented
            text = uncomment(text, first_line, drop)
        (folder / filename).write_text(text, encoding="utf-8")
        assert errors(filename, as_editor_reads(folder / filename)) == [], filename


def test_new_mission_leaves_existing_schemas_alone(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mission.schema.json").write_text("{}", encoding="utf-8")
    made = pmp("new-mission", "demo")
    assert made.exit_code == 0
    assert f"Schémas pour l’éditeur (complétion, vérification){NB}: schemas\n" in made.stdout
    assert (tmp_path / "schemas" / "mission.schema.json").read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "schemas" / "journal.schema.json").is_file()
    again = pmp("new-mission", "autre")
    assert "Schémas" not in again.stdout


def test_new_mission_with_dir_points_at_schemas_in_that_folder(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clients").mkdir()
    assert pmp("new-mission", "demo", "--dir", "clients").exit_code == 0
    first = (tmp_path / "clients" / "demo" / "vision.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/vision.schema.json"
    assert (tmp_path / "clients" / "schemas" / "vision.schema.json").is_file()


def test_new_mission_in_git_adds_the_new_schemas_folder_too(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    made = pmp("new-mission", "demo")
    assert made.stdout.splitlines()[-1] == (
        '  4. git add missions/demo schemas && git commit -m "Nouvelle mission demo"'
    )
