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


def test_a_missed_milestone_alone_brings_its_recommendation_in_and_clouds_it(mission):
    """R9's milestone is late on 26 November; logged missed, it stays in the list, cloudy, with that reason."""
    from dataclasses import replace

    from pamplemousse.read.model import JournalEntry

    missed = replace(mission, journal=[*mission.journal, JournalEntry(date=date(2026, 11, 20), milestone="R9.1",
                                                                      status="missed")])
    got = {i["id"]: [r["key"] for r in i["reasons"]] for i in items(missed)}
    assert got["R9"] == ["milestone_missed"]
    assert report(missed, AS_OF).state.rec("R9").weather == "cloudy"
