"""`pmp init`: a workspace ready for a team, and two clones that log in parallel merge without conflict.

The git parts run the real git, on real clones.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from pamplemousse.read.load import load_mission
from tests.conftest import snapshot, spaces

NB = "\u00a0"
pytestmark = pytest.mark.needs("git")


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for var, value in {
        "GIT_AUTHOR_NAME": "Camille", "GIT_AUTHOR_EMAIL": "camille@example.org",
        "GIT_COMMITTER_NAME": "Camille", "GIT_COMMITTER_EMAIL": "camille@example.org",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
    }.items():
        monkeypatch.setenv(var, value)
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    return tmp_path


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_init_makes_a_team_workspace(here, pmp):
    result = pmp("init", "ws")
    assert result.exit_code == 0, result.output
    ws = here / "ws"
    lines = result.stdout.splitlines()
    assert lines[0] == f"Espace de travail prêt{NB}: ws"
    assert lines[1] == "Dépôt git créé (git init)."
    assert "  .gitattributes" in lines and "  .vscode/settings.json" in lines
    assert (ws / ".git").is_dir()
    assert (ws / "missions").is_dir()
    assert (ws / "templates" / "README.md").read_text("utf-8").startswith("# Modèles de documents")
    assert (ws / ".gitignore").read_text("utf-8").splitlines()[-1] == "out/"
    attributes = (ws / ".gitattributes").read_text("utf-8").splitlines()
    assert "journal.yaml merge=union" in attributes and "missions/**/journal.yaml merge=union" in attributes
    done = git(ws, "check-attr", "merge", "missions/demo/journal.yaml")
    assert done.stdout.strip() == "missions/demo/journal.yaml: merge: union"
    schemas = sorted(p.name for p in (ws / "schemas").iterdir())
    assert schemas == [f"{n}.schema.json" for n in ("journal", "mission", "questions", "recommendations", "vision")]
    settings = json.loads((ws / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schemas/journal.schema.json"] == ["missions/*/journal.yaml"]
    hook = (ws / ".pre-commit-config.yaml").read_text("utf-8")
    assert "entry: pmp check" in hook and "language: system" in hook


def test_init_never_overwrites_and_says_what_it_left(here, pmp):
    ws = here / "ws"
    ws.mkdir()
    git(ws, "init", "-q")
    (ws / ".gitignore").write_text("secret.txt\n", encoding="utf-8")
    (ws / "templates").mkdir()
    (ws / "templates" / "README.md").write_text("nos modèles\n", encoding="utf-8")
    result = pmp("init", "ws")
    assert result.exit_code == 0, result.output
    assert "Dépôt git créé" not in result.stdout  # already a repository
    kept = result.stdout.split(f"Laissés tels quels (déjà là, pmp ne les remplace pas){NB}:\n")[1].split("\n\n")[0]
    assert kept.splitlines() == ["  templates/README.md", "  .gitignore"]
    assert (ws / ".gitignore").read_text("utf-8") == "secret.txt\n"
    assert (ws / "templates" / "README.md").read_text("utf-8") == "nos modèles\n"
    before = snapshot(ws)
    again = pmp("init", "ws")
    assert again.exit_code == 0 and "Créés" not in again.stdout
    assert snapshot(ws) == before


def test_init_refuses_a_file_in_place_of_the_folder(here, pmp):
    (here / "ws").write_text("x", encoding="utf-8")
    result = pmp("init", "ws")
    assert result.exit_code == 3
    assert result.stderr == f"pmp : ws{NB}: ce n’est pas un dossier\n"


def test_new_mission_warns_when_the_journal_is_not_union_merged(here, pmp):
    git(here, "init", "-q")
    result = pmp("new-mission", "demo")
    assert result.exit_code == 0
    assert spaces(result.stderr) == (
        "avertissement : . n’a pas de .gitattributes avec « journal.yaml merge=union » : deux personnes qui "
        "complètent le journal chacune de leur côté auront un conflit git à la fusion ; pmp init . le crée\n"
    )
    (here / ".gitattributes").write_text("*.xlsx binary\n", encoding="utf-8")
    second = pmp("new-mission", "autre")
    assert second.exit_code == 0
    assert spaces(second.stderr).startswith(
        "avertissement : .gitattributes ne contient pas la ligne « journal.yaml merge=union »"
    )
    (here / ".gitattributes").write_text("journal.yaml merge=union\n", encoding="utf-8")
    assert pmp("new-mission", "troisieme").stderr == ""


def test_two_clones_log_in_parallel_and_merge_without_conflict(here, pmp, monkeypatch):
    assert pmp("init", "origin").exit_code == 0
    origin = here / "origin"
    monkeypatch.chdir(origin)
    created = pmp("new-mission", "demo")
    assert created.exit_code == 0 and created.stderr == ""
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "Espace de travail et mission")
    git(here, "clone", "-q", "origin", "alice")
    git(here, "clone", "-q", "origin", "bob")

    for who, note in (("alice", "Atelier bénévoles préparé"), ("bob", "Rencontre avec la mairie")):
        monkeypatch.chdir(here / who)
        logged = pmp("log", "demo", "--committee", f"COPIL de {who}", "--note", note)
        assert logged.exit_code == 0, logged.output
        git(here / who, "commit", "-q", "-am", f"Journal : {who}")

    merged = subprocess.run(["git", "pull", "-q", "--no-rebase", "--no-edit", "../alice", "HEAD"],
                            cwd=here / "bob", capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout + merged.stderr
    journal = (here / "bob" / "missions" / "demo" / "journal.yaml").read_text("utf-8")
    assert "<<<<<<<" not in journal
    assert journal.count("- {date: ") == 2
    monkeypatch.chdir(here / "bob")
    checked = pmp("check")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"1 mission vérifiée{NB}: aucun problème.\n"
    mission, _ = load_mission(here / "bob" / "missions" / "demo")
    assert [(e.committee, e.note) for e in mission.journal] == [
        ("COPIL de bob", "Rencontre avec la mairie"), ("COPIL de alice", "Atelier bénévoles préparé"),
    ]


def test_a_conflict_left_in_the_journal_is_named_at_its_line(here, pmp, monkeypatch):
    """Without merge=union (a repository not made by pmp init): git conflicts, pmp check says what to do."""
    origin = here / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    monkeypatch.chdir(origin)
    assert pmp("new-mission", "demo").exit_code == 0
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "mission")
    git(here, "clone", "-q", "origin", "alice")
    for who in ("origin", "alice"):
        monkeypatch.chdir(here / who)
        assert pmp("log", "demo", "--committee", f"COPIL {who}").exit_code == 0
        git(here / who, "commit", "-q", "-am", who)
    merged = subprocess.run(["git", "pull", "-q", "--no-rebase", "--no-edit", "../alice", "HEAD"],
                            cwd=origin, capture_output=True, text=True)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout + merged.stderr
    journal = origin / "missions" / "demo" / "journal.yaml"
    marker = journal.read_text("utf-8").splitlines().index("<<<<<<< HEAD") + 1
    monkeypatch.chdir(origin)
    checked = pmp("check")
    assert checked.exit_code == 1
    assert spaces(checked.stdout) == (
        f"missions/demo/journal.yaml:{marker}:1: conflit git non résolu : dans le journal, gardez les entrées "
        "des deux côtés (l'une après l'autre), puis supprimez les lignes <<<<<<<, ======= et >>>>>>> ; "
        "pmp init ajoute à .gitattributes « journal.yaml merge=union » pour que git les garde lui-même\n"
    )


def _log(pmp, monkeypatch, clone: Path, *args: str):
    monkeypatch.chdir(clone)
    logged = pmp("log", "demo", *args)
    assert logged.exit_code == 0, logged.output
    return logged


def _pull(here: Path, into: str, source: str) -> None:
    merged = subprocess.run(["git", "pull", "-q", "--no-rebase", "--no-edit", f"../{source}", "HEAD"],
                            cwd=here / into, capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout + merged.stderr


def _suivi_spent(pmp, monkeypatch, clone: Path) -> str:
    """The days spent on the phase suivi, as the bilan's table of phases says them."""
    monkeypatch.chdir(clone)
    rendered = pmp("render", "demo", "--doc", "bilan", "--format", "md", "--as-of", "2027-12-31", "-o", "bilan")
    assert rendered.exit_code == 0, rendered.output
    row = next(line for line in (clone / "bilan" / "bilan.md").read_text("utf-8").splitlines()
               if line.startswith("| Suivi |"))
    return row.split("|")[4].strip()


def test_two_clones_that_log_the_same_entry_keep_two_and_a_withdrawal_survives_the_merge(here, pmp, monkeypatch):
    """Identical entries logged in two clones are two entries after git's union merge (each line has its own id);
    an entry withdrawn on one side stays withdrawn after the merge, and counts in no figure."""
    assert pmp("init", "origin").exit_code == 0
    origin = here / "origin"
    monkeypatch.chdir(origin)
    assert pmp("new-mission", "demo").exit_code == 0
    mission_yaml = origin / "missions" / "demo" / "mission.yaml"
    text = mission_yaml.read_text("utf-8")
    assert "  - id: cadrage\n    title: Cadrage et note de cadrage\n" in text
    mission_yaml.write_text(text.replace("  - id: cadrage\n    title: Cadrage et note de cadrage\n",
                                         "  - id: suivi\n    title: Suivi\n"), encoding="utf-8", newline="\n")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "mission")
    git(here, "clone", "-q", "origin", "alice")
    git(here, "clone", "-q", "origin", "bob")
    same = ("--days", "0,5", "--phase", "suivi", "--date", "2027-12-15", "--yes")
    ids = {}
    for who in ("alice", "bob"):
        said = _log(pmp, monkeypatch, here / who, *same).stdout
        ids[who] = re.search(r"entrée (j-[a-z2-7]{8})\.$", said.strip()).group(1)
        git(here / who, "commit", "-q", "-am", f"Journal : {who}")
    assert ids["alice"] != ids["bob"]

    _pull(here, "bob", "alice")
    journal = here / "bob" / "missions" / "demo" / "journal.yaml"
    lines = [line for line in journal.read_text("utf-8").splitlines() if line.startswith("- {")]
    assert lines == [f"- {{date: 2027-12-15, time: 0.5, phase: suivi, id: {ids[who]}}}" for who in ("bob", "alice")]
    monkeypatch.chdir(here / "bob")
    assert pmp("check").exit_code == 0
    assert _suivi_spent(pmp, monkeypatch, here / "bob") == "1 jour"

    # Alice sees that Bob logged the same half day: she withdraws hers; Bob meanwhile logs a committee.
    _pull(here, "alice", "bob")
    withdrawn = ids["alice"]
    done = _log(pmp, monkeypatch, here / "alice", "--withdraw", withdrawn, "--note", "Saisi aussi par Bob",
                "--date", "2027-12-16", "--yes")
    assert done.stdout.startswith(f"Retiré dans missions/demo/journal.yaml (16 décembre 2027){NB}: l’entrée {withdrawn} ")
    git(here / "alice", "commit", "-q", "-am", "Retrait")
    _log(pmp, monkeypatch, here / "bob", "--committee", "COPIL n°4", "--date", "2027-12-16", "--yes")
    git(here / "bob", "commit", "-q", "-am", "Comité")

    _pull(here, "bob", "alice")
    text = journal.read_text("utf-8")
    assert "<<<<<<<" not in text
    assert text.count(f"id: {withdrawn}") == 1  # the entry withdrawn is still written, once
    assert text.count(f"withdraw: {withdrawn}, note: Saisi aussi par Bob, id: j-") == 1  # its withdrawal came along
    assert "committee: COPIL n°4" in text
    monkeypatch.chdir(here / "bob")
    assert pmp("check").exit_code == 0
    assert _suivi_spent(pmp, monkeypatch, here / "bob") == "0,5 jour"
    since = pmp("status", "demo", "--since", "2027-12-16", "--as-of", "2027-12-16")
    assert since.exit_code == 0, since.output
    assert spaces(" ".join(since.stdout.split())).endswith(
        f"Entrées retirées 0,5 jour sur la phase suivi, noté le 15 décembre 2027 (entrée {withdrawn}), "
        "retiré le 16 décembre 2027 : Saisi aussi par Bob")


def test_check_says_so_when_an_entry_of_the_last_commit_was_deleted_by_hand(here, pmp, monkeypatch):
    assert pmp("init", "ws").exit_code == 0
    ws = here / "ws"
    monkeypatch.chdir(ws)
    assert pmp("new-mission", "demo").exit_code == 0
    said = pmp("log", "demo", "--committee", "COPIL n°1").stdout
    entry = re.search(r"; entrée (j-[a-z2-7]{8})\.$", said.strip()).group(1)
    assert pmp("log", "demo", "--committee", "COPIL n°2").exit_code == 0
    git(ws, "add", ".")
    git(ws, "commit", "-q", "-m", "mission et journal")
    assert pmp("check").stdout == f"1 mission vérifiée{NB}: aucun problème.\n"
    journal = ws / "missions" / "demo" / "journal.yaml"
    lines = journal.read_text("utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if entry in line)
    journal.write_text("".join(line for line in lines if entry not in line), "utf-8")
    checked = pmp("check")
    assert checked.exit_code == 0  # a warning
    assert spaces(checked.stdout) == (
        f"missions/demo/journal.yaml:1:1: avertissement : la ligne {number} du dernier commit (l’entrée {entry}) "
        f"n’est plus dans le fichier : une entrée ne s’efface pas, elle se retire (pmp log MISSION --withdraw {entry}) ; "
        "sinon la prochaine fusion git peut la ramener\n")
    git(ws, "checkout", "--", "missions/demo/journal.yaml")
    assert pmp("check").stdout == f"1 mission vérifiée{NB}: aucun problème.\n"
