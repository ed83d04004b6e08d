"""`pmp new-mission`: a mission that passes `pmp check` at once, or nothing at all.

Every command runs in-process through pmp's real entry point (the `pmp` fixture,
which maps pmp's errors to exit codes as the console script does), in an empty
`tmp_path` made the current folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from markupsafe import escape

from pamplemousse.read.load import load_mission
from pamplemousse.write.scaffold import OUTPUTS, check_slug, git_root, suggest_slug

NB = "\u00a0"
REPO = Path(__file__).resolve().parent.parent
NASTY = 'Les Amis : "R&D" # 1'
CREATED = [
    f"Mission créée{NB}: missions/demo",
    *[f"  {name}" for name in OUTPUTS],
    f"Schémas pour l’éditeur (complétion, vérification){NB}: schemas",
    "",
    f"Étapes suivantes{NB}:",
    f"  1. Remplissez les fichiers{NB}: leurs commentaires expliquent chaque champ.",
    "  2. pmp check missions/demo",
    "  3. pmp render missions/demo",
]


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """An empty current folder, outside any git repository."""
    monkeypatch.chdir(tmp_path)
    assert git_root(tmp_path) is None, "tmp_path is inside a git repository"
    return tmp_path


def tree_state(root: Path) -> dict[str, tuple]:
    """Every file and folder under `root` (and root itself): kind, bytes, mtime."""
    state = {".": ("dir", None, root.stat().st_mtime_ns)}
    for p in sorted(root.rglob("*")):
        content = p.read_bytes() if p.is_file() else None
        state[str(p.relative_to(root))] = ("file" if p.is_file() else "dir", content, p.stat().st_mtime_ns)
    return state


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# creating a mission ---------------------------------------------------------

def test_new_mission_passes_check_at_once(here, pmp):
    made = pmp("new-mission", "demo", "--client", "La Ressourcerie du Val")
    assert (made.exit_code, made.stderr) == (0, "")
    assert made.stdout.splitlines() == CREATED
    assert sorted(p.name for p in (here / "missions" / "demo").iterdir()) == sorted(OUTPUTS)

    checked = pmp("check")
    assert (checked.exit_code, checked.stderr) == (0, "")
    assert checked.stdout == f"1 mission vérifiée{NB}: aucun problème.\n"


def test_options_fill_the_files_and_a_nasty_name_reads_back_exactly(here, pmp):
    made = pmp("new-mission", "demo", "--client", NASTY, "--title", f"Diagnostic # {NASTY}: 'x'")
    assert made.exit_code == 0
    mission_yaml = (here / "missions/demo/mission.yaml").read_text("utf-8")
    assert '  name: "Les Amis : \\"R&D\\" # 1"\n' in mission_yaml
    assert "README.md" in OUTPUTS
    readme = (here / "missions/demo/README.md").read_text("utf-8")
    assert readme.startswith("# Diagnostic \\# Les Amis : \"R\\&D\" \\# 1: 'x'\n")
    assert f"Structure accompagnée{NB}: Les Amis : \"R\\&D\" \\# 1." in readme

    mission, problems = load_mission(here / "missions" / "demo")
    assert problems == []
    assert mission.meta.client.name == NASTY
    assert mission.meta.title == f"Diagnostic # {NASTY}: 'x'"
    assert pmp("check").exit_code == 0


def test_defaults_and_todays_cadrage(here, pmp):
    from datetime import date

    assert pmp("new-mission", "ressourcerie-du-val").exit_code == 0
    mission, problems = load_mission(here / "missions" / "ressourcerie-du-val")
    assert problems == []
    assert mission.meta.client.name == "Ressourcerie du val"
    assert mission.meta.title == f"Mission d’accompagnement{NB}: Ressourcerie du val"
    assert mission.language == "fr"
    assert [(p.id, p.start) for p in mission.meta.phases] == [("cadrage", date.today())]
    assert mission.meta.consultants == []
    assert mission.vision.vision.startswith(f"À écrire avec la structure{NB}: ")
    assert mission.vision.social_mission.startswith(f"À écrire avec la structure{NB}: ")
    assert mission.recommendations == [] and mission.journal == []
    assert (here / "missions/ressourcerie-du-val/.gitignore").read_text("utf-8").endswith("\nout/\n")


def test_the_starter_guide_has_three_questions_per_phase(here, pmp):
    assert pmp("new-mission", "demo").exit_code == 0
    assert pmp("new-mission", "demo-en", "--lang", "en").exit_code == 0
    phases = ["discover"] * 3 + ["dream"] * 3 + ["design"] * 3 + ["deliver"] * 3
    ids = [f"Q{i}" for i in range(1, 13)]
    for slug, first in [("demo", "Racontez-moi un moment où"), ("demo-en", "Tell me about a time when")]:
        mission, problems = load_mission(here / "missions" / slug)
        assert problems == []
        guide = mission.questions.guide
        assert [q.id for q in guide] == ids
        assert [q.phase for q in guide] == phases
        assert guide[0].text.startswith(first)
        assert len({q.text for q in guide}) == 12
        assert all(q.text.endswith("?") for q in guide)
    fr_guide = load_mission(here / "missions" / "demo")[0].questions.guide
    assert all(q.text.endswith(f"{NB}?") for q in fr_guide)


def test_french_files_follow_french_typography(here, pmp):
    assert pmp("new-mission", "demo").exit_code == 0
    for name in OUTPUTS:
        text = (here / "missions" / "demo" / name).read_text("utf-8")
        assert not re.search(r" [:;?!»]|« ", text), name
        assert "'" not in text, name  # typographic apostrophes (’)


def test_lang_en_writes_english_comments_and_passes_check(here, pmp):
    made = pmp("new-mission", "demo", "--lang", "en", "--client", "Val Repair Shop")
    assert made.exit_code == 0
    folder = here / "missions" / "demo"
    mission_yaml = (folder / "mission.yaml").read_text("utf-8")
    assert mission_yaml.startswith(
        "# yaml-language-server: $schema=../../schemas/mission.schema.json\n"
        "# Framing of the mission: the client organisation, the funding, the\n"
    )
    assert "language: en  # language of the mission and its documents: fr or en\n" in mission_yaml
    assert "title: \"Support mission: Val Repair Shop\"\n" in mission_yaml
    for name in OUTPUTS:
        text = (folder / name).read_text("utf-8")
        assert not re.search(r"Racontez|structure accompagnée|préconisation|\bles\b", text), name
    assert "Client organisation: Val Repair Shop." in (folder / "README.md").read_text("utf-8")
    assert pmp("check").exit_code == 0


def test_dir_puts_the_mission_in_that_folder_without_a_missions_folder(here, pmp):
    (here / "clients").mkdir()
    made = pmp("new-mission", "demo", "--dir", "clients")
    assert made.exit_code == 0
    assert made.stdout.startswith(f"Mission créée{NB}: clients/demo\n")
    assert "  2. pmp check clients/demo\n" in made.stdout
    assert "pmp check clients/demo\n" in (here / "clients/demo/README.md").read_text("utf-8")
    assert not (here / "missions").exists()
    assert pmp("check", "clients/demo").exit_code == 0


def test_dir_must_exist(here, pmp):
    made = pmp("new-mission", "demo", "--dir", "nulle-part")
    assert made.exit_code == 2
    assert made.stderr == f"pmp : --dir nulle-part{NB}: dossier introuvable\n"
    assert listing(here) == []


def test_inside_a_workspace_the_mission_goes_to_its_missions_folder(here, monkeypatch, pmp):
    (here / "missions").mkdir()
    (here / "notes" / "2026").mkdir(parents=True)
    monkeypatch.chdir(here / "notes" / "2026")
    assert pmp("new-mission", "demo").exit_code == 0
    assert (here / "missions" / "demo" / "mission.yaml").is_file()
    assert listing(here / "notes") == ["2026"]


def test_git_hint_only_inside_a_git_repository(here, pmp):
    outside = pmp("new-mission", "demo")
    assert outside.stdout.splitlines() == CREATED
    (here / ".git").mkdir()
    inside = pmp("new-mission", "autre")
    assert inside.stdout.splitlines()[-1] == (
        '  4. git add missions/autre && git commit -m "Nouvelle mission autre"'
    )


# refusing -------------------------------------------------------------------

def test_a_second_new_mission_with_the_same_slug_changes_nothing(here, pmp):
    assert pmp("new-mission", "demo").exit_code == 0
    journal = here / "missions/demo/journal.yaml"
    with journal.open("a", encoding="utf-8") as f:
        f.write("- date: 2026-05-01\n  committee: COPIL\n")
    before = tree_state(here)

    again = pmp("new-mission", "demo", "--client", "Autre", "--lang", "en")
    assert again.exit_code == 3
    assert again.stdout == ""
    assert again.stderr == (
        f"pmp : missions/demo existe déjà{NB}: pmp ne modifie pas une mission existante{NB}; "
        f"choisissez un autre nom\n"
    )
    assert tree_state(here) == before


@pytest.mark.parametrize("existing", ["empty-folder", "a-file", "a-link"])
def test_anything_already_at_the_target_is_refused(here, pmp, existing):
    (here / "missions").mkdir()
    target = here / "missions" / existing
    if existing == "empty-folder":
        target.mkdir()
    elif existing == "a-file":
        target.write_text("notes\n", encoding="utf-8")
    else:
        target.symlink_to(here / "nowhere")
    before = tree_state(here) if existing != "a-link" else listing(here)

    made = pmp("new-mission", existing)
    assert made.exit_code == 3
    assert made.stderr.startswith(f"pmp : missions/{existing} existe déjà{NB}: ")
    assert (tree_state(here) if existing != "a-link" else listing(here)) == before


def bad(slug: str, message: str):
    return pytest.param(slug, message, id=slug or "empty")


VALID = f"lettres minuscules sans accent, chiffres et tirets simples, sans tiret au début ni à la fin{NB}; "


@pytest.mark.parametrize(
    "slug, message",
    [
        bad("Ressourcerie", f"«{NB}Ressourcerie{NB}» n’est pas un nom de mission valide{NB}: "
            f"{VALID}par exemple «{NB}ressourcerie{NB}»"),
        bad("Ressourcerie du Val", f"«{NB}Ressourcerie du Val{NB}» n’est pas un nom de mission valide{NB}: "
            f"{VALID}par exemple «{NB}ressourcerie-du-val{NB}»"),
        bad("a/b", f"«{NB}a/b{NB}» est un chemin{NB}: le nom de la mission est un simple nom de dossier, "
            f"sans «{NB}/{NB}» ni «{NB}..{NB}» (pour choisir où la créer, utilisez --dir){NB}; "
            f"par exemple «{NB}a-b{NB}»"),
        bad("../x", f"«{NB}../x{NB}» est un chemin{NB}: le nom de la mission est un simple nom de dossier, "
            f"sans «{NB}/{NB}» ni «{NB}..{NB}» (pour choisir où la créer, utilisez --dir){NB}; "
            f"par exemple «{NB}x{NB}»"),
        bad("con", f"«{NB}con{NB}» est un nom réservé par Windows{NB}; par exemple «{NB}con-mission{NB}»"),
        bad("lpt9", f"«{NB}lpt9{NB}» est un nom réservé par Windows{NB}; par exemple «{NB}lpt9-mission{NB}»"),
        bad("é", f"«{NB}é{NB}» n’est pas un nom de mission valide{NB}: {VALID}par exemple «{NB}e{NB}»"),
        bad("a--b", f"«{NB}a--b{NB}» n’est pas un nom de mission valide{NB}: {VALID}par exemple «{NB}a-b{NB}»"),
        bad("-a", f"«{NB}-a{NB}» n’est pas un nom de mission valide{NB}: {VALID}par exemple «{NB}a{NB}»"),
        bad("", f"nom de mission vide{NB}: donnez un nom court en lettres minuscules, chiffres et tirets, "
            f"par exemple «{NB}ressourcerie-du-val{NB}»"),
        bad("a" * 61, f"nom de mission trop long (61 caractères, 60 au plus){NB}; par exemple «{NB}{'a' * 60}{NB}»"),
    ],
)
def test_bad_slugs_are_refused_with_a_suggestion_and_nothing_is_created(here, pmp, slug, message):
    made = pmp("new-mission", "--", slug)
    assert (made.exit_code, made.stdout) == (2, "")
    assert made.stderr == f"pmp : {message}\n"
    assert listing(here) == []


def test_a_slug_that_looks_like_an_option_is_a_usage_error(here, pmp):
    made = pmp("new-mission", "-a")
    assert made.exit_code == 2
    assert made.stderr.endswith("pmp : option inconnue\u00a0: -a\n")
    assert listing(here) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--client", "  "], f"--client{NB}: texte vide"),
        (["--client", "Les Amis\nde la Terre"], f"--client{NB}: retour à la ligne ou caractère de contrôle non accepté"),
        (["--title", "Titre\u202e"], f"--title{NB}: retour à la ligne ou caractère de contrôle non accepté"),
        (["--lang", "de"], f"--lang de{NB}: langue inconnue{NB}; langues possibles{NB}: fr, en"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_created(here, pmp, args, message):
    made = pmp("new-mission", "demo", *args)
    assert made.exit_code == 2
    assert made.stderr == f"pmp : {message}\n"
    assert listing(here) == []


def test_a_failed_write_leaves_nothing_behind(here, pmp, monkeypatch):
    def no_rename(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", no_rename)
    made = pmp("new-mission", "demo")
    assert made.exit_code == 3
    assert made.stderr == f"pmp : impossible d’écrire dans missions (Permission denied){NB}: rien n’a été créé\n"
    assert listing(here) == []  # not even missions/

    (here / "missions").mkdir()
    assert pmp("new-mission", "demo").exit_code == 3
    assert listing(here) == ["missions"]  # the temporary folder is gone


@pytest.mark.parametrize(
    "slug", ["a", "demo", "ressourcerie-du-val", "a1-b2-c3", "com10", "con-1", "lpt0", "x" * 60]
)
def test_good_slugs(slug):
    assert check_slug(slug) == slug


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Ressourcerie du Val", "ressourcerie-du-val"),
        ("Cœur d’Île-de-France", "coeur-d-ile-de-france"),
        ("  --Les Amis : « R&D » #1--", "les-amis-r-d-1"),
        ("NUL", "nul-mission"),
        ("!!!", "ressourcerie-du-val"),
    ],
)
def test_suggest_slug(text, slug):
    assert suggest_slug(text) == slug
    assert check_slug(slug) == slug


# the comments teach valid YAML ----------------------------------------------

def uncomment(text: str, first: str, drop: str | None = None) -> str:
    """Uncomment the block of comment lines that starts with `first`; remove line `drop`."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(first))
    while i < len(lines) and re.match(r" *#", lines[i]):
        indent, rest = re.match(r"( *)# ?(.*)", lines[i]).groups()
        lines[i] = indent + rest
        i += 1
    if drop is not None:
        lines.remove(drop)
    return "\n".join(lines)


EXAMPLES = {
    "mission.yaml": [("  # legal_form:", None), ("  # operator:", None), ("# consultants:", None),
                     ("    # end:", None), ("# problem_areas:", None), ("# framing:", None), ("# closing:", None)],
    "vision.yaml": [("# values:", None), ("# beneficiaries:", None), ("# dees:", None), ("# scaling:", None)],
    "questions.yaml": [("# participants:", "participants: []"), ("# sessions:", "sessions: []"),
                       ("# findings:", "findings: []")],
    "recommendations.yaml": [("# recommendations:", "recommendations: []")],
    "journal.yaml": [("# - date:", None)],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_commented_example_is_valid_once_uncommented(here, pmp, lang):
    assert pmp("new-mission", "demo", "--lang", lang).exit_code == 0
    folder = here / "missions" / "demo"
    for name, blocks in EXAMPLES.items():
        text = (folder / name).read_text("utf-8")
        for first, drop in blocks:
            text = uncomment(text, first, drop)
        (folder / name).write_text(text, encoding="utf-8")

    mission, problems = load_mission(folder)
    assert [p for p in problems if p.severity == "error"] == []
    assert [c.name for c in mission.meta.consultants] == ["Claire Dubreuil"]
    assert mission.vision.dees.accountability.score == 2
    assert [r.id for r in mission.recommendations] == ["R1"]
    assert [i.id for _, i in mission.indicators()] == ["I1"]
    assert [e.kind for e in mission.journal] == ["recommendation", "indicator", "committee", "time", "situation"]
    assert mission.meta.framing.objectives and mission.meta.closing.gaps and mission.meta.funding.follow_up


# the installed package, outside the repository ------------------------------

@pytest.mark.slow
def test_installed_package_scaffolds_checks_and_renders_outside_the_repository(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("pamplemousse-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)

    work = tmp_path / "empty"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def pmp(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bin_dir / "pmp"), *args], cwd=work, env=env, capture_output=True,
                              text=True, encoding="utf-8")

    where = subprocess.run([str(bin_dir / "python"), "-c", "import pamplemousse; print(pamplemousse.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(env_dir)

    made = pmp("new-mission", "demo", "--client", NASTY)
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout.startswith(f"Mission créée{NB}: missions/demo\n")
    checked = pmp("check")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == f"1 mission vérifiée{NB}: aucun problème.\n"

    rendered = pmp("render", "missions/demo")
    assert rendered.returncode == 0, rendered.stderr
    page = work / "missions" / "demo" / "out" / "pilotage.html"
    assert page.is_file()
    # the client's name as typed, escaped, in French typography (« » and no-break spaces, text/typography.py)
    assert str(escape(f"Les Amis{NB}: «{NB}R&D{NB}» # 1")) in page.read_text("utf-8")
