"""pmp search: accent- and case-blind, across missions, with each recommendation's status; private notes kept private."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLE

SLUG = "ressourcerie-du-val"


def found(result) -> list[tuple]:
    return [(h["mission"], h["id"], h["kind"]) for h in json.loads(result.stdout)]


def test_accueil_finds_the_onboarding_recommendation_with_its_status(example_in_cwd, pmp):
    result = pmp("search", "accueil", "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index(f"{SLUG}  R1  préconisation · Bénévolat · en cours (80\u00a0%) · pas encore réalisée")
    assert lines[at + 1] == "    Créer un parcours d’accueil des nouveaux bénévoles"
    assert result.stderr == "12 résultats dans 1 mission.\n"


@pytest.mark.parametrize("query", ["ACCUEIL", "Accuéil", "parcours d'accueil", "BÉNÉVOLES accueil"])
def test_the_search_is_blind_to_accents_case_and_apostrophes(example_in_cwd, pmp, query):
    result = pmp("search", query, "--kind", "recommendation", "--format", "json", "--as-of", "2026-11-26")
    hits = json.loads(result.stdout)
    r1 = next(h for h in hits if h["id"] == "R1")
    assert r1 == {
        "mission": SLUG, "id": "R1", "kind": "recommendation", "theme": "volunteers",
        "snippet": "Créer un parcours d’accueil des nouveaux bénévoles", "date": None,
        "status": "in_progress", "progress": 80, "done": False,
    }


def test_a_done_recommendation_says_so(example_in_cwd, pmp):
    with (example_in_cwd / "journal.yaml").open("a", encoding="utf-8") as f:
        f.write("\n- date: 2026-11-20\n  recommendation: R1\n  status: done\n  note: Parcours d’accueil en place.\n")
    result = pmp("search", "parcours accueil", "--kind", "recommendation", "--as-of", "2026-11-26")
    assert f"{SLUG}  R1  préconisation · Bénévolat · fait (100\u00a0%) · réalisée" in result.stdout.splitlines()


def test_every_mission_and_every_kind_is_searched(example_in_cwd, pmp):
    other = example_in_cwd.parent / "autre-mission"
    shutil.copytree(EXAMPLE, other, ignore=shutil.ignore_patterns("out"))
    hits = found(pmp("search", "livret", "--format", "json"))
    assert {m for m, _, _ in hits} == {SLUG, "autre-mission"}
    assert {k for _, _, k in hits} == {"recommendation", "note"}
    assert found(pmp("search", "accueilli", "--kind", "question", "--format", "json")) == [
        ("autre-mission", "Q2", "question"), ("autre-mission", "Q7", "question"),
        (SLUG, "Q2", "question"), (SLUG, "Q7", "question"),
    ]
    assert found(pmp("search", "accueil", "--kind", "finding", "--theme", "Ressources humaines", "--format", "json")) == [
        ("autre-mission", "F5", "finding"), (SLUG, "F5", "finding"),
    ]


def test_a_mission_with_errors_is_named_and_the_others_searched(example_in_cwd, pmp):
    broken = example_in_cwd.parent / "cassee"
    shutil.copytree(EXAMPLE, broken, ignore=shutil.ignore_patterns("out"))
    (broken / "vision.yaml").write_text("vision: [\n", encoding="utf-8")
    result = pmp("search", "livret")
    assert result.exit_code == 0
    assert "pmp : cassee a des erreurs et n’a pas été fouillée (pmp check cassee)\n" in result.stderr
    assert f"{SLUG}  R1  préconisation" in result.stdout


def test_a_confidential_session_is_never_searched(example_in_cwd, pmp):
    # S4 is confidential: its notes speak of the « électroménager » workshop, and nothing else does
    for audience in ("client", "funder", "internal"):
        result = pmp("search", "electromenager", "--audience", audience, "--format", "json")
        assert json.loads(result.stdout) == [], audience


def test_an_answer_not_marked_shareable_only_with_audience_internal(example_in_cwd, pmp):
    questions = example_in_cwd / "questions.yaml"
    text = questions.read_text("utf-8")
    assert found(pmp("search", "boutique Choisy-le-Roi", "--kind", "note", "--format", "json")) == [(SLUG, "S1", "note")]
    questions.write_text(text.replace("        shareable: true\n", "        shareable: false\n", 1), "utf-8")  # S1's first answer
    for audience in ("client", "funder"):
        assert found(pmp("search", "boutique Choisy-le-Roi", "--kind", "note", "--format", "json", "--audience", audience)) == []
    assert found(pmp("search", "boutique Choisy-le-Roi", "--kind", "note", "--format", "json", "--audience", "internal")) == [
        (SLUG, "S1", "note")
    ]


def test_a_name_without_consent_is_not_searchable_for_the_client(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    with journal.open("a", encoding="utf-8") as f:
        f.write("\n- date: 2026-11-20\n  recommendation: R2\n  note: Aminata Diallo tient le planning en ligne.\n")
    assert found(pmp("search", "aminata", "--format", "json")) == []
    hits = json.loads(pmp("search", "planning en ligne", "--kind", "note", "--format", "json").stdout)
    assert [h["snippet"] for h in hits if h["date"] == "2026-11-20"] == [
        "Bénévole à la boutique depuis 2025 tient le planning en ligne."
    ]
    assert found(pmp("search", "aminata", "--format", "json", "--audience", "internal")) == [(SLUG, "R2", "note")]


@pytest.mark.parametrize(("args", "message"), [
    (["accueil", "--kind", "recomendation"],
     "pmp : --kind recomendation\u00a0: valeurs possibles\u00a0: finding, recommendation, note, question"),
    (["accueil", "--theme", "benevolats"], "pmp : --theme benevolats\u00a0: axe inconnu"),
    (["accueil", "--audience", "everyone"], "pmp : --audience everyone\u00a0: destinataires inconnus"),
    (["  "], "pmp : donnez les mots à chercher (pmp search accueil)"),
])
def test_bad_options_are_refused_plainly(example_in_cwd, pmp, args, message):
    result = pmp("search", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_search_knows_the_audiences_of_privacy():
    from pamplemousse.plan import privacy, search

    assert search.AUDIENCES == privacy.AUDIENCES


def test_nothing_found_says_so(example_in_cwd, pmp):
    result = pmp("search", "zanzibar")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Aucun résultat pour «\u00a0zanzibar\u00a0».\n")
