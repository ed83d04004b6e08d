"""The command line in the user's language: Click's and Typer's own words through gettext, and the small
checks of pmp log and pmp status.

The help and usage errors run through the real console script in a subprocess, with the locale a user
has (C.UTF-8 in a container: French; en_GB.UTF-8: English).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from pamplemousse.cli import app
from pamplemousse.text.gettext_catalog import MO_FILE, mo_bytes, pairs

NB = "\u00a0"
PMP = [sys.executable, "-m", "pamplemousse"]
COMMANDS = sorted(app.registered_commands[i].name or app.registered_commands[i].callback.__name__.replace("_", "-")
                  for i in range(len(app.registered_commands)))
ENGLISH = re.compile(r"Usage|Show this|Commands|\[required\]|\[default|Install completion|Show completion|<str>|"
                     r"<path>|\bTEXT\b|\bPATH\b|Options:|Arguments:|Missing|Error|Try '")


def run(*args: str, lang: str = "C.UTF-8", cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = lang
    return subprocess.run([*PMP, *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_the_compiled_catalog_is_the_one_the_i18n_files_give():
    assert MO_FILE.read_bytes() == mo_bytes(), "run: python -m pamplemousse.text.gettext_catalog"
    assert pairs()["Usage:"] == f"Utilisation{NB}:"


@pytest.mark.parametrize("args", [[], *[[c] for c in COMMANDS], ["templates", "list"], ["templates", "copy"]])
def test_no_english_is_left_in_any_help(args):
    done = run(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Utilisation{NB}: pmp")
    assert not ENGLISH.search(done.stdout), ENGLISH.search(done.stdout)
    assert "-h, --help" in done.stdout and "Afficher cette aide et quitter." in done.stdout


def test_render_help_in_french():
    out = run("render", "--help").stdout
    assert f"\nOptions{NB}:\n" in out and f"\nArguments{NB}:\n" in out
    assert "--doc TEXTE" in out and f"[par défaut{NB}: pilotage]" in out and "-o, --output CHEMIN" in out
    top = run("--help").stdout
    assert f"\nCommandes{NB}:\n" in top and "Installer la complétion pour le shell courant." in top
    assert top.startswith(f"Utilisation{NB}: pmp [OPTIONS] COMMANDE [ARGUMENTS]...")


def test_usage_errors_in_french():
    missing = run("log")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == (
        f"Utilisation{NB}: pmp log [OPTIONS] {{MISSION}} [PRECONISATION]\n"
        f"Aide{NB}: pmp log -h\n"
        f"pmp : argument manquant{NB}: MISSION\n"
    )
    unknown = run("status", "--fmt", "json")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1] == f"pmp : option inconnue{NB}: --fmt{NB}; vouliez-vous dire --format{NB}?"
    command = run("stauts")
    assert command.stderr.splitlines()[-1] == (
        f"pmp : commande inconnue{NB}: «{NB}stauts{NB}»{NB}; vouliez-vous dire «{NB}status{NB}»{NB}?")
    too_many = run("new-mission", "a", "b")
    assert too_many.stderr.splitlines()[-1] == f"pmp : argument en trop{NB}: b"
    no_value = run("log", "demo", "--note")
    assert no_value.stderr.splitlines()[-1] == "pmp : l’option --note attend une valeur"


def test_an_english_locale_keeps_click_in_english():
    done = run("log", lang="en_GB.UTF-8")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Usage: pmp log [OPTIONS] {MISSION} [RECOMMENDATION]", "Try 'pmp log -h' for help.",
        "Error: Missing argument MISSION.",
    ]
    assert "Show this message and exit." in run("--help", lang="en_GB.UTF-8").stdout


def test_pmp_alone_shows_the_help(tmp_path):
    done = run(cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith(f"Utilisation{NB}: pmp [OPTIONS]")


# pmp log ---------------------------------------------------------------------

def test_progress_with_a_percent_sign_is_answered_like_check(example_in_cwd, pmp):
    before = (example_in_cwd / "journal.yaml").read_bytes()
    r = pmp("log", "ressourcerie-du-val", "R3", "--progress", "50 %")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : --progress 50 %{NB}: un nombre de 0 à 100, sans «{NB}%{NB}»{NB}: écrivez 50\n"
    assert (example_in_cwd / "journal.yaml").read_bytes() == before


def test_a_french_date_is_answered_with_its_iso_form(example_in_cwd, pmp):
    r = pmp("log", "ressourcerie-du-val", "R3", "--note", "x", "--date", "15/06/2027")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : --date 15/06/2027{NB}: date attendue au format AAAA-MM-JJ{NB}: écrivez 2027-06-15\n"


def test_a_date_more_than_a_year_ahead_needs_yes(example_in_cwd, pmp):
    far = date.today() + timedelta(days=400)
    before = (example_in_cwd / "journal.yaml").read_bytes()
    r = pmp("log", "ressourcerie-du-val", "R3", "--note", "x", "--date", far.isoformat())
    assert r.exit_code == 2
    assert r.stderr == (
        f"pmp : --date {far.isoformat()}{NB}: c’est dans plus d’un an (400 jours){NB}; vérifiez l’année, "
        "ou ajoutez --yes si c’est bien cette date\n"
    )
    assert (example_in_cwd / "journal.yaml").read_bytes() == before
    ok = pmp("log", "ressourcerie-du-val", "R3", "--note", "x", "--date", far.isoformat(), "--yes")
    assert ok.exit_code == 0, ok.output
    near = pmp("log", "ressourcerie-du-val", "R3", "--note", "y",
               "--date", (date.today() + timedelta(days=300)).isoformat())
    assert near.exit_code == 0, near.output


# pmp status ------------------------------------------------------------------

def test_status_inside_a_mission_folder_shows_that_mission(example_in_cwd, pmp, monkeypatch):
    portfolio = pmp("status", "--as-of", "2026-11-26")
    assert portfolio.stdout.startswith("Portefeuille")
    alone = pmp("status", "ressourcerie-du-val", "--as-of", "2026-11-26")
    monkeypatch.chdir(example_in_cwd)
    inside = pmp("status", "--as-of", "2026-11-26")
    assert inside.exit_code == 0 and inside.stdout == alone.stdout
    (example_in_cwd / "out").mkdir(exist_ok=True)
    monkeypatch.chdir(example_in_cwd / "out")
    assert pmp("status", "--as-of", "2026-11-26").stdout == alone.stdout
