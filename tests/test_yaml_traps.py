"""The YAML traps of French consultants, named as such by `pmp check`: a comment in a title, a key indented
too deep, an apostrophe in single quotes, several syntax errors in one file, a git conflict left behind,
a Dees grid half filled in."""

from __future__ import annotations

from pathlib import Path

from tests.test_load import MISSION, NBSP, QUESTIONS, RECOMMENDATIONS, VISION, errors_of, load_with


def shown(problems, severity: str) -> list[tuple[str, int, int, str]]:
    return [(Path(p.file).name, p.line, p.column, p.message.replace(NBSP, " "))
            for p in problems if p.severity == severity]


def test_a_hash_in_a_title_is_a_warning_showing_what_was_kept(tmp_path):
    text = MISSION.replace("title: Accompagnement test", "title: Temps de remerciement #1 et bilan")
    mission, problems = load_with(tmp_path, **{"mission.yaml": text})
    assert mission is not None and mission.meta.title == "Temps de remerciement"
    assert shown(problems, "warning") == [(
        "mission.yaml", 2, 8,
        "le texte après # est un commentaire : mettez la valeur entre guillemets ; valeur lue : « Temps de remerciement »",
    )]


def test_a_hash_in_a_list_of_texts_and_in_the_journal_note(tmp_path):
    vision = VISION + "values:\n  - Solidarité #1 du quartier\n  - Ouverture\n"
    journal = "- date: 2026-07-01\n  recommendation: R1\n  note: Relance #2 faite\n"
    _, problems = load_with(tmp_path, **{"vision.yaml": vision, "journal.yaml": journal})
    assert [(f, line, col) for f, line, col, _ in shown(problems, "warning")] == [
        ("journal.yaml", 3, 9), ("vision.yaml", 4, 5),
    ]


def test_a_comment_after_a_choice_a_number_or_a_quoted_text_is_no_warning(tmp_path):
    recs = (RECOMMENDATIONS.replace("priority: high", "priority: high  # à revoir en COPIL")
            .replace("impact: 4", "impact: 4 # estimé").replace("owner: Coordinatrice", 'owner: "Coordinatrice #2"'))
    mission, problems = load_with(tmp_path, **{"recommendations.yaml": recs})
    assert mission is not None
    assert shown(problems, "warning") == []
    assert mission.recommendations[0].owner == "Coordinatrice #2"


def test_a_field_of_a_list_item_indented_too_deep_names_the_item(tmp_path):
    text = QUESTIONS.replace("    phase: discover", "      phase: discover")
    assert errors_of(tmp_path, "questions.yaml", text) == [(
        "questions.yaml", 3, 7,
        "indentation incorrecte : « phase » est plus en retrait que « id » dans l'élément de liste commencé "
        "ligne 2 ; alignez « phase » sur « id »",
    )]


def test_a_later_field_of_an_item_indented_too_deep_still_names_the_line_of_the_item(tmp_path):
    text = RECOMMENDATIONS.replace("    owner: Coordinatrice", "       owner: Coordinatrice")
    assert errors_of(tmp_path, "recommendations.yaml", text) == [(
        "recommendations.yaml", 9, 8,
        "indentation incorrecte : « owner » est plus en retrait que « effort » dans l'élément de liste commencé "
        "ligne 2 ; alignez « owner » sur « effort »",
    )]


def test_a_key_indented_by_three_spaces(tmp_path):
    text = MISSION + "   territory: Val-de-Marne\n"
    assert errors_of(tmp_path, "mission.yaml", text) == [(
        "mission.yaml", 5, 4,
        "indentation incorrecte : « territory » est plus en retrait que « name » (ligne 4) ; alignez-la sur "
        "« name », ou mettez la valeur de « name » à la ligne si « territory » en fait partie",
    )]


def test_a_key_aligned_on_nothing(tmp_path):
    text = "schema_version: 1\ntitle: x\nclient:\n    name: Les Amis\n  territory: Val\n"
    assert errors_of(tmp_path, "mission.yaml", text) == [(
        "mission.yaml", 5, 3,
        "indentation incorrecte : « territory » n'est alignée sur aucune clé au-dessus ; alignez-la sur celles "
        "de même niveau (« name »…)",
    )]


APOSTROPHE = ("apostrophe dans une valeur entre apostrophes ('…') : elle ferme la valeur ; doublez l'apostrophe "
              "('Organiser l''immersion') ou utilisez des guillemets (\"Organiser l'immersion\")")


def test_an_apostrophe_in_single_quotes_is_explained(tmp_path):
    text = RECOMMENDATIONS.replace("title: Accueillir les bénévoles", "title: 'Organiser l'immersion'")
    assert errors_of(tmp_path, "recommendations.yaml", text) == [("recommendations.yaml", 3, 12, APOSTROPHE)]


def test_every_syntax_error_of_a_file_where_yaml_can_go_on(tmp_path):
    text = RECOMMENDATIONS.replace("title: Accueillir les bénévoles", "title: 'Organiser l'immersion'").replace(
        "        name: Bénévoles actifs", "          name: Bénévoles actifs"
    ).replace("    owner: Coordinatrice", "    owner:Coordinatrice")
    errors = errors_of(tmp_path, "recommendations.yaml", text)
    assert [(line, message[:30]) for _, line, _, message in errors] == [
        (3, APOSTROPHE[:30]),
        (9, "« : » attendu après la clé ; u"),
        (14, "indentation incorrecte : « nam"),
    ]


def test_an_error_yaml_cannot_get_past_is_said_to_be_the_first(tmp_path):
    text = MISSION.replace("title: Accompagnement test", 'title: "Accompagnement test') + "language: fr\n"
    assert errors_of(tmp_path, "mission.yaml", text) == [(
        "mission.yaml", 2, 8,
        "guillemets ou crochets non refermés (première erreur de syntaxe : YAML ne peut pas lire la suite du "
        "fichier ; corrigez-la puis relancez pmp check)",
    )]


def test_a_conflict_marker_in_any_file_is_an_error_at_its_line(tmp_path):
    text = VISION + "<<<<<<< HEAD\nbeneficiaries: Habitant·es\n=======\nbeneficiaries: Tout le quartier\n>>>>>>> b1\n"
    assert errors_of(tmp_path, "vision.yaml", text) == [(
        "vision.yaml", 3, 1,
        "conflit git non résolu : gardez la bonne version, puis supprimez les lignes <<<<<<<, ======= et >>>>>>>",
    )]


def test_a_dees_grid_with_some_criteria_only_is_a_warning(tmp_path):
    vision = VISION + "dees:\n  social_value:\n    score: 3\n  innovation:\n    score: 2\n"
    mission, problems = load_with(tmp_path, **{"vision.yaml": vision})
    assert mission is not None
    assert shown(problems, "warning") == [(
        "vision.yaml", 4, 3,
        "la grille Dees ne note que 2 critères sur 5 ; il manque : opportunity, resourcefulness, accountability",
    )]
    full = VISION + "dees:\n" + "".join(f"  {c}:\n    score: 3\n" for c in (
        "social_value", "opportunity", "innovation", "resourcefulness", "accountability"))
    assert shown(load_with(tmp_path, **{"vision.yaml": full})[1], "warning") == []
