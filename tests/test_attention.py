"""« À traiter en priorité » at the top of the outil de pilotage (views/attention.py)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from conftest import EXAMPLE

from pamplemousse.outputs.render import render_texts
from pamplemousse.plan.report import report
from pamplemousse.read.load import load_or_fail
from pamplemousse.views.attention import attention
from pamplemousse.views.common import Writer
from pamplemousse.views.pilotage import pilotage

AS_OF = date(2026, 11, 26)
NB = "\u00a0"


@pytest.fixture(scope="module")
def mission():
    return load_or_fail(EXAMPLE)


def items(mission, lang="fr", on=AS_OF):
    return pilotage(mission, report(mission, on), lang)["attention"]["items"]


def test_the_example_names_its_blocked_overdue_and_stale_items_blocked_first(mission):
    got = [(i["id"], i["owner"], [r["label"] for r in i["reasons"]]) for i in items(mission)]
    assert got == [
        ("R6", "Karim", ["bloquée", "sans nouvelles depuis plus de 6 semaines"]),
        ("R5", "Karim", ["en retard de 42 jours", "sans nouvelles depuis plus de 6 semaines",
                         f"jalon manqué{NB}: Charte validée par le conseil d’administration (prévu le 15 octobre 2026)"]),
        ("R8", "Karim", ["sans nouvelles depuis plus de 6 semaines",
                         f"jalon manqué{NB}: Note comparative antenne / franchise sociale (prévu le 30 septembre 2026)"]),
        ("R9", "Hélène", [f"jalon en retard{NB}: Fiche de poste publiée (prévu le 15 novembre 2026)"]),
    ]


def test_each_item_says_what_is_expected_next(mission):
    expected = {i["id"]: i["expected"] for i in items(mission)}
    assert expected["R6"][0] == "Dire ce qui bloque et qui peut le lever."
    assert expected["R5"][0] == "Tenir l’échéance dépassée du 15 octobre 2026 ou en fixer une nouvelle."
    assert expected["R8"] == ["Donner des nouvelles de l’avancement.",
                              f"Prochain jalon{NB}: Décision du conseil d’administration, le 10 décembre 2026."]


def test_in_english_too(mission):
    first = items(mission, "en")[0]
    assert first["reasons"][0]["label"] == "blocked"
    assert first["expected"][0] == "Say what blocks it and who can lift it."


def test_the_list_opens_the_html_pilotage_with_owners(mission):
    html = render_texts(mission, "pilotage", "html", AS_OF)["html"]
    section = html[html.index('<section id="priorites"'):html.index("</section>", html.index('<section id="priorites"'))]
    assert html.index('<section id="priorites"') < html.index('<section id="synthese"')
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert text.startswith("À traiter en priorité")
    assert "4 préconisations à traiter" in text
    for rec_id in ("R6", "R5", "R8"):
        assert f'href="#{rec_id}"' in section
    assert text.count("Karim") == 3 and "en retard de 42 jours" in text


def test_a_late_or_missed_milestone_is_listed_once_the_view_says_so():
    """The hook for milestone statuses: a milestone the view marks late or missed brings its recommendation in."""
    w = Writer("fr")
    rec = {"id": "R1", "title": "Accueil", "owner": "Sophie", "status": "in_progress", "status_label": "en cours",
           "overdue": False, "stale": False, "due": {"short": "15/12/2026"}, "next_milestone": None,
           "milestones": [{"title": "Livret", "date": {"short": "31/07/2026", "long": "31 juillet 2026"}, "state": "missed"},
                          {"title": "Bilan", "date": {"short": "15/12/2026"}}]}
    got = attention({"recommendations": [rec]}, w)["items"]
    assert [r["label"] for r in got[0]["reasons"]] == [f"jalon manqué{NB}: Livret (prévu le 31 juillet 2026)"]
    assert attention({"recommendations": [{**rec, "milestones": []}]}, w)["items"] == []


def test_nothing_urgent_is_said_so(mission):
    html = render_texts(mission, "pilotage", "html", date(2026, 6, 20))["html"]
    section = html[html.index('<section id="priorites"'):]
    assert f"Rien d’urgent{NB}: aucune préconisation n’est bloquée, en retard ni sans nouvelles." in section[:2000]
