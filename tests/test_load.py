"""The loader: good files load; each bad file gives its message at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, build_tree

from pamplemousse.read.load import load_mission

NBSP = "\u00a0"

MISSION = """\
schema_version: 1
title: Accompagnement test
client:
  name: Les Amis du Val
"""
VISION = """\
vision: Un quartier où chacun répare.
social_mission: Réduire les déchets et créer du lien.
"""
QUESTIONS = """\
guide:
  - id: Q1
    phase: discover
    text: Racontez-moi un moment où vous étiez fier.
findings:
  - id: F1
    kind: success
    text: Les ateliers du samedi rassemblent.
    sources: [Q1]
"""
RECOMMENDATIONS = """\
recommendations:
  - id: R1
    title: Accueillir les bénévoles
    theme: volunteers
    because: [F1]
    priority: high
    impact: 4
    effort: 2
    owner: Coordinatrice
    start: 2026-06-01
    due: 2026-12-31
    indicators:
      - id: I1
        name: Bénévoles actifs
        baseline: 20
        target: 35
"""
JOURNAL = """\
- date: 2026-07-01
  recommendation: R1
  status: in_progress
  progress: 20
"""
GOOD = {
    "mission.yaml": MISSION,
    "vision.yaml": VISION,
    "questions.yaml": QUESTIONS,
    "recommendations.yaml": RECOMMENDATIONS,
    "journal.yaml": JOURNAL,
}


def load_with(tmp_path: Path, **files: str | bytes):
    """Load a minimal good mission in which some files are replaced."""
    folder = tmp_path / "missions" / "m"
    contents = dict(GOOD)
    contents.update(files)
    build_tree(folder, contents)
    return load_mission(folder)


def errors_of(tmp_path: Path, file: str, text: str | bytes) -> list[tuple[str, int, int, str]]:
    mission, problems = load_with(tmp_path, **{file: text})
    errors = [p for p in problems if p.severity == "error"]
    assert mission is None and errors, problems
    return [(Path(p.file).name, p.line, p.column, p.message.replace(NBSP, " ")) for p in errors]


def only_error(tmp_path: Path, file: str, text: str | bytes) -> tuple[int, int, str]:
    errors = errors_of(tmp_path, file, text)
    assert len(errors) == 1, errors
    name, line, col, message = errors[0]
    assert name == file
    return line, col, message


def test_minimal_mission_loads(tmp_path):
    mission, problems = load_with(tmp_path)
    assert problems == []
    assert mission.meta.client.name == "Les Amis du Val"
    assert mission.recommendations[0].due.isoformat() == "2026-12-31"
    assert mission.journal[0].progress == 20


def test_example_mission_has_no_error():
    mission, problems = load_mission(EXAMPLE)
    assert mission is not None
    assert [p for p in problems if p.severity == "error"] == []


def test_wrong_type_on_line_17_is_reported_at_line_17(tmp_path):
    text = "# Préconisations\n" + RECOMMENDATIONS.replace("target: 35", "target: beaucoup")
    assert text.splitlines()[16].strip() == "target: beaucoup"
    assert only_error(tmp_path, "recommendations.yaml", text) == (
        17, 17, "« target » doit être un nombre (par exemple 12 ou 12.5)")


def test_problems_of_several_files_come_sorted_by_file_and_line(tmp_path):
    _mission, problems = load_with(
        tmp_path,
        **{
            "vision.yaml": VISION + "valeurs: [a]\n",
            "mission.yaml": MISSION + "langue: fr\n",
            "journal.yaml": JOURNAL.replace("progress: 20", "progress: 120"),
        },
    )
    assert [(Path(p.file).name, p.line) for p in problems] == [
        ("journal.yaml", 4), ("mission.yaml", 5), ("vision.yaml", 3)]


@pytest.mark.parametrize(
    "file, text, expected",
    [
        ("mission.yaml", MISSION + "titel: x\n",
         (5, 1, "clé inconnue « titel » ; vouliez-vous dire « title » ?")),
        ("mission.yaml", MISSION.replace("title: Accompagnement test\n", ""),
         (1, 1, "champ obligatoire « title » manquant")),
        ("mission.yaml", MISSION.replace("  name: Les Amis du Val", "  legal_form: SCOP"),
         (4, 3, "champ obligatoire « name » manquant")),
        ("mission.yaml", MISSION.replace("Accompagnement test", '""'),
         (2, 8, "« title » est vide ; il faut une valeur")),
        ("mission.yaml", MISSION + "  siret: 12345678901234\n",
         (5, 10, "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle (Luhn)")),
        ("mission.yaml", MISSION + "language: de\n",
         (5, 11, "valeur inconnue pour « language » ; valeurs possibles : fr, en")),
        ("mission.yaml", MISSION.replace("schema_version: 1", "schema_version: 2"),
         (1, 17, "schema_version 2 inconnue ; cette version de pmp lit la version 1")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("status", "x").replace("theme: volunteers", "theme: benevoles"),
         (4, 12, "valeur inconnue pour « theme » ; valeurs possibles : mobilisation, engagement, "
                 "volunteers, hr, governance, economic_model, scaling, other ; vouliez-vous dire « volunteers » ?")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("impact: 4", "impact: 9"),
         (7, 13, "« impact » doit être entre 1 et 5")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: 2026-13-01"),
         (11, 10, "« due » : cette date n'existe pas")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: 31/12/2026"),
         (11, 10, "« due » doit être une date AAAA-MM-JJ : écrivez 2026-12-31")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: 5.1.2027"),
         (11, 10, "« due » doit être une date AAAA-MM-JJ : écrivez 2027-01-05")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: 31/02/2026"),
         (11, 10, "« due » doit être une date AAAA-MM-JJ (par exemple 2026-03-01)")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: fin 2026"),
         (11, 10, "« due » doit être une date AAAA-MM-JJ (par exemple 2026-03-01)")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("due: 2026-12-31", "due: 2026-05-01"),
         (11, 10, "le début (2026-06-01) est après l'échéance (2026-05-01)")),
        ("recommendations.yaml", RECOMMENDATIONS.replace("because: [F1]", "because: [F2]"),
         (5, 15, "« F2 » ne correspond à aucun constat (findings) ; vouliez-vous dire « F1 » ?")),
        ("questions.yaml", QUESTIONS.replace("sources: [Q1]", "sources: [S9]"),
         (9, 15, "« S9 » ne correspond à aucune session ni question")),
        ("questions.yaml", QUESTIONS.replace("kind: success", "kind: sucess"),
         (7, 11, "valeur inconnue pour « kind » ; valeurs possibles : success, cohesion, energy, "
                 "obstacle ; vouliez-vous dire « success » ?")),
        ("journal.yaml", JOURNAL.replace("status: in_progress", "status: en cours"),
         (3, 11, "valeur inconnue pour « status » ; valeurs possibles : todo, in_progress, done, "
                 "blocked, dropped ; vouliez-vous dire « in_progress » ?")),
        ("journal.yaml", JOURNAL.replace("progress: 20", "progress: 120"),
         (4, 13, "« progress » doit être entre 0 et 100")),
        ("journal.yaml", JOURNAL.replace("recommendation: R1", "recommendation: R2"),
         (2, 19, "« R2 » ne correspond à aucune préconisation ; vouliez-vous dire « R1 » ?")),
        ("journal.yaml", JOURNAL.replace("status: in_progress", "status: no"),
         (3, 11, "valeur inconnue pour « status » ; valeurs possibles : todo, in_progress, done, "
                 "blocked, dropped")),
        ("journal.yaml", JOURNAL + "  indicator: I1\n",
         (1, 3, "une entrée du journal porte sur une seule chose : recommendation, indicator, committee, time, situation, milestone ou withdraw")),
        ("journal.yaml", JOURNAL.replace("recommendation: R1", "recomendation: R1"),
         (2, 3, "clé inconnue « recomendation » ; vouliez-vous dire « recommendation » ?")),
        ("journal.yaml", JOURNAL.replace("progress: 20", "progres: 20"),
         (4, 3, "clé inconnue « progres » ; vouliez-vous dire « progress » ?")),
        ("journal.yaml", JOURNAL.replace("recommendation: R1", "action: R1"),
         (2, 3, "clé inconnue « action » ; vouliez-vous dire « situation » ?")),
    ],
)
def test_model_and_rule_errors(tmp_path, file, text, expected):
    assert only_error(tmp_path, file, text) == expected


def test_duplicate_id_across_files_names_the_first(tmp_path):
    questions = QUESTIONS.replace("id: F1", "id: R1").replace("because: [F1]", "because: [R1]")
    errors = errors_of(tmp_path, "questions.yaml", questions)
    assert ("recommendations.yaml", 2, 9,
            "identifiant « R1 » déjà utilisé (questions.yaml ligne 6)") in errors


@pytest.mark.parametrize(
    "text, expected",
    [
        (MISSION + "title: Autre\n",
         (5, 1, "clé « title » en double (première définition ligne 2)")),
        (MISSION + "\tlanguage: fr\n",
         (5, 1, "tabulation dans l'indentation ; YAML n'accepte que des espaces")),
        (MISSION.replace("Accompagnement test", "Objectif : grandir"),
         (2, 17, "« : » suivi d'une espace dans une valeur ; mettez la valeur entre guillemets "
                 "(\"Objectif : …\")")),
        ("", (1, 1, "fichier vide : il doit contenir des clés et des valeurs (clé: valeur)")),
        ("# rien\n", (1, 1, "fichier vide : il doit contenir des clés et des valeurs (clé: valeur)")),
        ("- a\n- b\n",
         (1, 1, "« mission.yaml » doit contenir des clés et des valeurs (clé: valeur)")),
        (MISSION + "---\ntitle: b\n",
         (5, 1, "plusieurs documents YAML dans un seul fichier (« --- ») ; gardez-en un seul")),
        (MISSION + "language: !!str fr\nextra: !python/object x\n",
         (6, 8, "étiquette YAML (« ! ») non acceptée ; écrivez la valeur seule")),
        (MISSION.replace("client:", "client: &c").replace("title: Accompagnement test",
                                                        "title: Accompagnement test"),
         (3, 9, "ancre YAML (« & ») non acceptée ; recopiez la valeur")),
        ("schema_version: 1\ntitle: x\nclient: &c {name: a}\nother: *c\n",
         (4, 8, "alias YAML (« * ») non accepté ; recopiez la valeur")),
        (MISSION + "<<: {language: fr}\n",
         (5, 1, "clé de fusion « << » non acceptée ; recopiez les clés")),
        (MISSION + "? [a, b]\n: c\n",
         (5, 3, "une clé doit être un simple mot, pas une liste ni un dictionnaire")),
        (MISSION.encode() + "title2: caf\xe9\n".encode("latin-1"),
         (5, 12, "octet invalide en UTF-8 ici ; enregistrez le fichier en UTF-8")),
        (MISSION + "note: a\x00b\n", (5, 8, "caractère interdit (U+0000) ; supprimez-le")),
        (MISSION + "note: abc\u202edef\n", (5, 10, "caractère interdit (U+202E) ; supprimez-le")),
        ("client: " + "[" * 3000 + "]" * 3000 + "\n", (1, 1008, "imbrication trop profonde")),
    ],
)
def test_yaml_reading_errors(tmp_path, text, expected):
    errors = errors_of(tmp_path, "mission.yaml", text)
    assert ("mission.yaml", *expected) in errors, errors


def test_alias_reports_only_once_per_place(tmp_path):
    errors = errors_of(tmp_path, "mission.yaml", "schema_version: 1\ntitle: x\nclient: &c {name: a}\nother: *c\n")
    assert {e[3] for e in errors} == {
        "alias YAML (« * ») non accepté ; recopiez la valeur",
        "ancre YAML (« & ») non acceptée ; recopiez la valeur",
    }


@pytest.mark.parametrize(
    "value, message",
    [
        ("no", "« consent » doit valoir true ou false"),
        ("yes", "« consent » doit valoir true ou false"),
        ("off", "« consent » doit valoir true ou false"),
    ],
)
def test_yaml11_booleans_are_not_booleans(tmp_path, value, message):
    questions = QUESTIONS + f"participants:\n  - id: P1\n    name: Awa\n    consent: {value}\n"
    assert only_error(tmp_path, "questions.yaml", questions) == (13, 14, message)


def test_plain_scalars_stay_text(tmp_path):
    """`012`, `10:30`, `no` and `.nan` are read as the text the user typed."""
    mission_text = MISSION.replace("Accompagnement test", "10:30") + "  legal_form: no\n  territory: 012\n"
    mission, problems = load_with(tmp_path, **{"mission.yaml": mission_text})
    assert problems == []
    assert mission.meta.title == "10:30"
    assert mission.meta.client.legal_form == "no"
    assert mission.meta.client.territory == "012"


def test_nan_is_not_a_number(tmp_path):
    text = RECOMMENDATIONS.replace("target: 35", "target: .nan")
    assert only_error(tmp_path, "recommendations.yaml", text) == (
        16, 17, "« target » doit être un nombre (par exemple 12 ou 12.5)")


def test_decimal_comma_is_accepted(tmp_path):
    mission, problems = load_with(
        tmp_path, **{"recommendations.yaml": RECOMMENDATIONS.replace("target: 35", "target: 35,5")})
    assert problems == []
    assert mission.recommendations[0].indicators[0].target == 35.5


def test_bom_and_word_processor_characters_are_accepted(tmp_path):
    text = "\ufeff" + MISSION.replace("Les Amis du Val", "« Les Amis » du\u00a0Val — l’atelier")
    mission, problems = load_with(tmp_path, **{"mission.yaml": text.encode("utf-8")})
    assert problems == []
    assert mission.meta.client.name == "« Les Amis » du\u00a0Val — l’atelier"


def test_empty_journal_is_an_empty_list(tmp_path):
    mission, problems = load_with(tmp_path, **{"journal.yaml": "# rien encore\n"})
    assert problems == [] and mission.journal == []


def test_missing_file_is_named(tmp_path):
    folder = build_tree(tmp_path / "m", {k: v for k, v in GOOD.items() if k != "vision.yaml"})
    mission, problems = load_mission(folder)
    assert mission is None
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        ("vision.yaml", 1, "fichier manquant\u00a0: vision.yaml")]


def test_file_over_the_size_cap_is_refused(tmp_path):
    folder = build_tree(tmp_path / "m", GOOD)
    mission, problems = load_mission(folder, max_bytes=100)
    assert mission is None
    assert any("fichier trop gros" in p.message and Path(p.file).name == "questions.yaml" for p in problems)


def test_personal_values_are_not_echoed(tmp_path):
    secret = "Madame Secrète"
    text = RECOMMENDATIONS.replace("owner: Coordinatrice", f"owner: [{secret}]")
    errors = errors_of(tmp_path, "recommendations.yaml", text)
    assert errors == [("recommendations.yaml", 9, 12, "« owner » doit être un texte")]
    assert all(secret not in e[3] for e in errors)


def test_english_mission_gets_english_messages(tmp_path):
    text = MISSION + "language: en\ntitel: x\n"
    assert only_error(tmp_path, "mission.yaml", text) == (
        6, 1, "unknown key 'titel'; did you mean 'title'?")


def test_warnings_do_not_prevent_loading(tmp_path):
    questions = QUESTIONS + "  - id: F2\n    text: Un constat orphelin.\n"
    mission, problems = load_with(tmp_path, **{"questions.yaml": questions})
    assert mission is not None
    assert [(p.severity, p.line, p.message.replace(NBSP, " ")) for p in problems] == [
        ("warning", 10, "le constat F2 n'a aucune source ; indiquez les séances ou questions dans sources"),
        ("warning", 10, "le constat F2 n'est repris par aucune préconisation")]


def test_french_messages_have_french_typography(tmp_path):
    _mission, problems = load_with(tmp_path, **{"mission.yaml": MISSION + "titel: x\n"})
    assert problems[0].message == (
        "clé inconnue «\u00a0titel\u00a0»\u00a0; vouliez-vous dire «\u00a0title\u00a0»\u00a0?")


def test_the_pure_python_parser_gives_the_same_answers(tmp_path, monkeypatch):
    """Where PyYAML was built without libyaml, the pure parser is used, with the same results."""
    import yaml

    from pamplemousse.read import yamlread

    class PureLoader(yaml.BaseLoader):
        resolve = yamlread._Loader.resolve
        descend_resolver = yamlread._Loader.descend_resolver
        ascend_resolver = yamlread._Loader.ascend_resolver

    with_c = errors_of(tmp_path / "c", "mission.yaml", MISSION + "titel: x\ntitle: y\n\tz: 1\n")
    example_c = load_mission(EXAMPLE)[0]
    monkeypatch.setattr(yamlread, "_Loader", PureLoader)
    assert errors_of(tmp_path / "pure", "mission.yaml", MISSION + "titel: x\ntitle: y\n\tz: 1\n") == with_c
    assert load_mission(EXAMPLE)[0] == example_c
