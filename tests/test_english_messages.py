"""An English mission gets English messages from pmp log, status, check and render, whatever the user's locale."""

from __future__ import annotations

import pytest


@pytest.fixture
def english(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # a French locale: the mission's language wins
    assert pmp("new-mission", "demo", "--lang", "en").exit_code == 0
    return tmp_path / "missions" / "demo"


@pytest.mark.parametrize(("args", "expected"), [
    (["log", "demo", "R9", "--progress", "20"], "pmp: R9: no recommendation of that name\n"),
    (["log", "demo", "--indicator", "I9", "--value", "3"], "pmp: I9: no indicator of that name\n"),
    (["log", "demo", "--date", "2026-02-30", "--committee", "COPIL"], "pmp: --date 2026-02-30: that date does not exist\n"),
    (["status", "demo", "--format", "xml"], "pmp: --format xml: possible values: text, json\n"),
    (["status", "demo", "--since", "2099-01-01", "--as-of", "2026-11-26"],
     "pmp: --since 2099-01-01: after the date of the state (26 November 2026)\n"),
    (["status", "demo", "--since-last-committee", "--as-of", "2026-11-26"],
     "pmp: --since-last-committee: no steering committee in the journal by 26 November 2026\n"),
    (["render", "demo", "--format", "docx2"],
     "pmp: --format docx2: unknown format; formats: html, md, xlsx, ics, json, pdf\n"),
    (["render", "demo", "--doc", "nope"],
     "pmp: --doc nope: unknown document; documents: pilotage, rapport, cadrage, bilan, suivi, guide\n"),
    (["check", "demo", "--format", "xml"], "pmp: --format xml: possible values: text, json\n"),
])
def test_the_refusal_is_in_english(english, pmp, args, expected):
    before = {p.name: p.read_bytes() for p in english.iterdir() if p.is_file()}
    result = pmp(*args)
    assert (result.exit_code, result.stderr) == (2, expected)
    assert {p.name: p.read_bytes() for p in english.iterdir() if p.is_file()} == before


def test_check_speaks_english_for_an_english_mission(english, pmp):
    result = pmp("check", "demo")
    assert result.exit_code == 0
    assert result.output.endswith("1 mission checked: no problem.\n")


def test_a_french_mission_still_gets_french(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert pmp("new-mission", "demo").exit_code == 0
    result = pmp("status", "demo", "--format", "xml")
    assert result.stderr == "pmp : --format xml\u00a0: valeurs possibles\u00a0: text, json\n"
    assert pmp("check", "demo").output.endswith("1 mission vérifiée\u00a0: aucun problème.\n")
