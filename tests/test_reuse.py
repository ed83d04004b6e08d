"""pmp reuse OTHER/R3 --into MISSION: a copy appended as text, every other byte kept, the target still valid."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from pamplemousse.read.load import load_mission
from tests.conftest import EXAMPLE, snapshot

NEW_R1 = """
  - id: R11
    title: Créer un parcours d’accueil des nouveaux bénévoles
    description: Un livret d’accueil, un binôme avec un·e bénévole expérimenté·e pour les trois premières présences, et un point à un mois avec la coordinatrice pour ajuster la mission de chacun·e.
    theme: volunteers
    priority: high
    impact: 5
    effort: 2
    owner: à désigner
    start: 2027-01-04
    due: 2027-07-06
    milestones:
      - title: Livret d’accueil rédigé et relu par des bénévoles
        due: 2027-07-06  # date à fixer
      - title: Premiers binômes de parrainage constitués
        due: 2027-07-06  # date à fixer
      - title: Bilan des points à un mois
        due: 2027-07-06  # date à fixer
    indicators:
      - id: I8
        name: Nouveaux bénévoles encore actifs trois mois après leur arrivée
        unit: '%'
        baseline: 50
        target: 75
      - id: I9
        name: Taux de rotation annuel des bénévoles
        unit: '%'
        baseline: 42
        target: 25
    origin: modele/R1
"""


@pytest.fixture
def two(example_in_cwd):
    """The example (target) and a copy of it named `modele` (source), in one workspace."""
    source = example_in_cwd.parent / "modele"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("out"))
    return source, example_in_cwd


def test_the_copy_is_appended_and_every_other_byte_kept(two, pmp):
    source, target = two
    recs = target / "recommendations.yaml"
    recs.write_text(recs.read_text("utf-8") + "\n# Plan adopté par le CA.\n", "utf-8")  # a comment after the list stays there
    before_text = recs.read_text("utf-8")
    others = {k: v for k, v in snapshot(target).items() if k != "recommendations.yaml"}
    source_before = snapshot(source)

    result = pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "R11 ajoutée à missions/ressourcerie-du-val/recommendations.yaml (reprise de modele/R1)\u00a0: "
        "Créer un parcours d’accueil des nouveaux bénévoles"
    )
    after = recs.read_text("utf-8")
    last_rec_end = before_text.rindex("    due: 2027-05-31\n") + len("    due: 2027-05-31\n")
    assert after == before_text[:last_rec_end] + NEW_R1 + before_text[last_rec_end:]
    assert {k: v for k, v in snapshot(target).items() if k != "recommendations.yaml"} == others
    assert snapshot(source) == source_before

    check = pmp("check", "ressourcerie-du-val")
    assert check.exit_code == 0, check.output
    mission = load_mission(target)[0]
    new = mission.recommendations[-1]
    assert (new.id, new.origin, new.owner, new.because, new.start, new.due) == (
        "R11", "modele/R1", "à désigner", [], date(2027, 1, 4), date(2027, 7, 6)
    )
    assert [m.title for m in new.milestones] == [m.title for m in mission.recommendations[0].milestones]


def test_reusing_twice_gives_fresh_ids_each_time(two, pmp):
    assert pmp("reuse", "modele/R3", "--into", "ressourcerie-du-val").exit_code == 0
    result = pmp("reuse", "modele/R3", "--into", "ressourcerie-du-val")
    assert result.stdout.startswith("R12 ajoutée")
    assert pmp("check", "ressourcerie-du-val").exit_code == 0
    recs = load_mission(two[1])[0].recommendations
    assert [(r.id, r.origin, [i.id for i in r.indicators]) for r in recs[-2:]] == [
        ("R11", "modele/R3", ["I8"]), ("R12", "modele/R3", ["I9"]),
    ]


def test_an_english_target_gets_english_placeholders_and_windows_line_ends_stay(two, pmp):
    _source, target = two
    mission_file = target / "mission.yaml"
    mission_file.write_text(mission_file.read_text("utf-8").replace("language: fr", "language: en"), "utf-8")
    recs = target / "recommendations.yaml"
    recs.write_bytes(recs.read_bytes().replace(b"\n", b"\r\n"))
    before = recs.read_bytes()
    assert pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val", "--start", "2027-01-04").exit_code == 0
    after = recs.read_bytes()
    added = NEW_R1.replace("à désigner", "to be named").replace("date à fixer", "date to be set")
    assert after.replace(added.replace("\n", "\r\n").encode(), b"", 1) == before
    assert pmp("check", "ressourcerie-du-val").exit_code == 0


@pytest.mark.parametrize(("args", "code", "message"), [
    (["modele/R99"], 2, "pmp : modele/R99\u00a0: aucune préconisation R99 dans modele\u00a0; vouliez-vous dire «\u00a0R9\u00a0»\u00a0?\n"),
    (["modele"], 2, "pmp : modele\u00a0: donnez la mission et la préconisation ainsi\u00a0: autre-mission/R3\n"),
    (["inconnue/R1"], 2, "pmp : inconnue\u00a0: aucune mission ici (pas de mission.yaml)\n"),
])
def test_a_bad_reference_is_refused_and_nothing_written(two, pmp, args, code, message):
    before = snapshot(two[1].parent)
    result = pmp("reuse", *args, "--into", "ressourcerie-du-val")
    assert (result.exit_code, result.stderr) == (code, message)
    assert snapshot(two[1].parent) == before


def test_a_target_with_errors_is_left_as_it_was(two, pmp):
    _source, target = two
    vision = target / "vision.yaml"
    vision.write_text(vision.read_text("utf-8").replace("vision:", "visoin:", 1), "utf-8")
    before = snapshot(target)
    result = pmp("reuse", "modele/R1", "--into", "ressourcerie-du-val")
    assert result.exit_code == 1
    assert result.stderr.startswith("missions/ressourcerie-du-val/vision.yaml:")
    assert snapshot(target) == before
