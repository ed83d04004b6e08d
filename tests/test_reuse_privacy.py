"""pmp reuse across clients (issue 22): the source's people and client name do not go with the copy.

A real workspace of two missions on disk: the example (the target, « La
Ressourcerie du Val ») and `modele`, another client (« L’Atelier de Pantin »)
with its own people, whose R1 names some of them in every kind of text. The real
CLI copies R1; what it prints, what is written, what the target's documents and
`pmp check` show are asserted.
"""

from __future__ import annotations

import html
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, snapshot

NB = "\u00a0"
TARGET = "missions/ressourcerie-du-val"
SOURCE_PEOPLE = {  # the example's participants, renamed in the source
    "Hélène Marchand": "Odile Garnier", "Karim Benali": "Samir Haddad", "Sophie Lemoine": "Inès Roux",
    "Jean-Pierre Vasseur": "Marc-Antoine Perrin", "Aminata Diallo": "Zoé Quintard", "Lucas Moreau": "Théo Blanc",
    "Nadia Ferreira": "Awa Konaté", "Bernard Coste": "Paul Meyer",
}
LEAKS = ["garnier", "roux", "quintard", "perrin", "pantin", "modele/r1"]


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, count), "utf-8")


@pytest.fixture
def two(example_in_cwd):
    """The example (target) and `modele` (source): another client, other people, R1 naming them."""
    source = example_in_cwd.parent / "modele"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("out"))
    for old, new in SOURCE_PEOPLE.items():
        for name in ("questions.yaml", "mission.yaml"):
            text = (source / name).read_text("utf-8")
            (source / name).write_text(text.replace(f"name: {old}", f"name: {new}"), "utf-8")
    _edit(source / "mission.yaml", "  name: La Ressourcerie du Val", "  name: L’Atelier de Pantin")
    r = source / "recommendations.yaml"
    _edit(r, "    title: Créer un parcours d’accueil des nouveaux bénévoles",
          "    title: Créer avec Inès-Roux un parcours d’accueil")
    _edit(r, "      pour ajuster la mission de chacun·e.",
          "      pour ajuster la mission de chacun·e, comme le souhaitait QUINTARD Zoé\n"
          "      à l’atelier de pantin ; Odile Garnier en parlera.")
    _edit(r, "      - title: Premiers binômes de parrainage constitués",
          "      - title: Premiers binômes constitués avec Marc Antoine Perrin")
    _edit(r, "        name: Taux de rotation annuel des bénévoles", "        name: Taux de rotation selon Zoe Quintard")
    return source, example_in_cwd


def test_reuse_takes_the_source_people_and_client_out_of_every_copied_text_and_says_so(two, pmp):
    source, target = two
    source_before = snapshot(source)
    result = pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04")
    assert result.exit_code == 0, result.output
    file = f"{TARGET}/recommendations.yaml"
    assert result.stdout.splitlines()[:8] == [
        f"R11 ajoutée à {file} (reprise de modele/R1){NB}: "
        "Créer avec Coordinatrice de la vie associative un parcours d’accueil",
        f"Retirés de la copie (personnes et structure de modele, qui ne vont pas à un autre client){NB}:",
        f"{file}, R11, title{NB}: «{NB}Inès-Roux{NB}» → «{NB}Coordinatrice de la vie associative{NB}»",
        f"{file}, R11, description{NB}: «{NB}QUINTARD Zoé{NB}» → «{NB}Bénévole à la boutique depuis 2025{NB}»",
        f"{file}, R11, description{NB}: «{NB}l’atelier de pantin{NB}» → «{NB}[autre structure]{NB}»",
        f"{file}, R11, description{NB}: «{NB}Odile Garnier{NB}» → «{NB}Présidente, administratrice bénévole{NB}»",
        f"{file}, R11, milestones.2.title{NB}: «{NB}Marc Antoine Perrin{NB}» → "
        f"«{NB}Bénévole depuis 2015, atelier vélo et Repair café{NB}»",
        f"{file}, R11, indicators.2.name{NB}: «{NB}Zoe Quintard{NB}» → «{NB}Bénévole à la boutique depuis 2025{NB}»",
    ]
    written = (target / "recommendations.yaml").read_text("utf-8")
    added = written[written.index("  - id: R11"):]
    assert "comme le souhaitait Bénévole à la boutique depuis 2025 à [autre structure]" in added
    assert "Premiers binômes constitués avec Bénévole depuis 2015, atelier vélo et Repair café" in added
    assert "origin: modele/R1" in added  # internal: where it came from, for the consultant
    for leak in LEAKS[:-1]:
        assert leak not in added.casefold(), leak
    assert snapshot(source) == source_before
    check = pmp("check", "ressourcerie-du-val")
    assert check.exit_code == 0, check.output
    assert "modele" not in check.stdout  # no name of the other mission survived


def _rendered(pmp, target: Path, audience: str, fmt: str) -> str:
    out = target / "out" / audience
    result = pmp("render", "ressourcerie-du-val", "--format", fmt, "--audience", audience, "--as-of", "2027-01-10",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    path = out / f"pilotage.{fmt}"
    if fmt == "xlsx":  # every cell, and every XML part (a comment, a sheet's name, the properties)
        import openpyxl

        cells = [str(c.value) for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows()
                 for c in row if c.value is not None]
        with zipfile.ZipFile(path) as z:
            return "\n".join(cells + [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")])
    return html.unescape(path.read_text("utf-8"))


@pytest.mark.parametrize("audience", ["client", "funder"])
@pytest.mark.parametrize("fmt", ["json", "html", "xlsx"])
def test_the_copy_and_its_origin_never_reach_a_client_or_funder_document(two, pmp, audience, fmt):
    assert pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04").exit_code == 0
    text = _rendered(pmp, two[1], audience, fmt)
    assert "Créer avec Coordinatrice de la vie associative un parcours" in text  # the copy is there
    for leak in LEAKS:
        assert leak not in text.casefold(), leak
    assert "origin" not in text or fmt == "json"
    if fmt == "json":
        recs = json.loads(text)["mission"]["recommendations"]
        assert [r["origin"] for r in recs] == [None] * len(recs)


def test_the_internal_json_keeps_the_origin(two, pmp):
    assert pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04").exit_code == 0
    recs = json.loads(_rendered(pmp, two[1], "internal", "json"))["mission"]["recommendations"]
    assert recs[-1]["id"] == "R11" and recs[-1]["origin"] == "modele/R1"


def test_a_text_that_cannot_be_scrubbed_is_refused_at_its_place_and_nothing_written(two, pmp):
    """A role that holds the person's own name: replacing it brings the name back."""
    source, target = two
    _edit(source / "questions.yaml", "    role: Bénévole à la boutique depuis 2025",
          "    role: Zoé Quintard, bénévole à la boutique")
    before = snapshot(target)
    result = pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val")
    lines = (source / "recommendations.yaml").read_text("utf-8").split("\n")
    [line] = [i + 1 for i, text in enumerate(lines) if "comme le souhaitait QUINTARD" in text]
    col = lines[line - 1].index("QUINTARD") + 1
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmp : missions/modele/recommendations.yaml:{line}:{col}{NB}: ce texte nomme une personne ou la "
        f"structure de modele, et pmp ne sait pas l’en retirer sans en laisser (description){NB}; corrigez-le "
        f"dans modele, ou écrivez la préconisation à la main{NB}; rien n’a été écrit\n"
    )
    assert snapshot(target) == before


def test_check_warns_of_a_name_from_another_mission_that_survived_in_a_client_text(two, pmp):
    target = two[1]
    journal = target / "journal.yaml"
    text = journal.read_text("utf-8").rstrip("\n") + (
        "\n- date: 2026-11-20\n  recommendation: R1\n  note: Conseil de Zoé QUINTARD, reprise à Pantin.\n"
        "- date: 2026-11-21\n  recommendation: R1\n  note: Vu aussi Odile Garnier.\n"
    )
    journal.write_text(text, "utf-8")
    lines = text.split("\n")
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 0, result.output

    def warning(ref: str, needle: str) -> str:
        [i] = [i for i, line in enumerate(lines) if needle in line]
        return (f"{TARGET}/journal.yaml:{i + 1}:{lines[i].index(needle) + 1}: avertissement{NB}: le nom d'une "
                f"personne rencontrée dans la mission modele ({ref}) est dans ce texte, qui va à un autre "
                f"client{NB}: écrivez son rôle ou retirez le nom")

    found = [line for line in result.stdout.splitlines() if "mission modele" in line]
    assert found == [warning("P5", "Zoé QUINTARD"), warning("P1", "Odile Garnier")]
    # someone met in both missions is this mission's own: its consent rules apply, not this warning
    _edit(target / "questions.yaml", "name: Hélène Marchand", "name: Odile Garnier")
    again = pmp("check", "ressourcerie-du-val")
    assert [line for line in again.stdout.splitlines() if "mission modele" in line] == [warning("P5", "Zoé QUINTARD")]


def test_a_person_and_a_client_the_target_shares_stay_in_the_copy(two, pmp):
    """A second mission for the same client, with someone met in both: nothing of theirs to take out."""
    target = two[1]
    _edit(target / "questions.yaml", "name: Hélène Marchand", "name: Odile Garnier")
    _edit(target / "mission.yaml", "  name: La Ressourcerie du Val", "  name: L’Atelier de Pantin")
    result = pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04")
    assert result.exit_code == 0, result.output
    changed = [line for line in result.stdout.splitlines() if ", R11, " in line]
    assert not [line for line in changed if "Garnier" in line or "pantin" in line]
    assert len(changed) == 4  # Inès-Roux, QUINTARD Zoé, Marc Antoine Perrin, Zoe Quintard
    added = (target / "recommendations.yaml").read_text("utf-8").split("  - id: R11")[1]
    assert "à l’atelier de pantin ; Odile Garnier en parlera." in " ".join(added.split())
