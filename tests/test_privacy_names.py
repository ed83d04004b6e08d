"""The name of a person without consent in a text that goes to the client (DESIGN.md §4b).

`pmp check` warns at the name itself, whatever its case, its accents, its Unicode form (NFC or
NFD), its spaces (a no-break space, several spaces, the line break of a YAML
block); never in the plan (owners, attendees) nor in what stays internal
(confidential sessions, answers that are not shareable); never inside another
word, nor for a first or last name alone. The documents' own scrubbing replaces
the same names in the same texts (read/matching.py: one matching for both).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pamplemousse.plan import privacy
from pamplemousse.read.load import load_mission
from pamplemousse.read.matching import NameFinder

NB = "\u00a0"
FOLDER = "missions/ressourcerie-du-val"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def _at(path: Path, line_text: str, name: str) -> str:
    """`file:line:col` of `name` on the one line of `path` that holds `line_text` (an oracle
    read from the file as written, independently of pmp)."""
    lines = path.read_text("utf-8").split("\n")
    found = [i for i, line in enumerate(lines) if line_text in line]
    assert len(found) == 1, (line_text, found)
    return f"{FOLDER}/{path.name}:{found[0] + 1}:{lines[found[0]].index(name) + 1}"


def _fr(ref: str) -> str:
    return (f"avertissement{NB}: {ref} n'a pas donné son accord pour être nommé·e (consent: false){NB}: son nom "
            f"est dans ce texte, qui va au client{NB}; écrivez son rôle ou retirez le nom")


def _name_warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "son nom est dans ce texte" in line or "their name is in" in line]


NFD_NAME = unicodedata.normalize("NFD", "Amélie Diallo")  # P5, written decomposed in questions.yaml


@pytest.fixture
def named(example_in_cwd: Path) -> Path:
    """The example, with names of people without consent (P5, P6, P7) in many texts."""
    m = example_in_cwd
    q, j, r = m / "questions.yaml", m / "journal.yaml", m / "recommendations.yaml"
    _edit(q, "name: Aminata Diallo", f"name: {NFD_NAME}")
    _edit(q, "name: Lucas Moreau", "name: Lucas Moréau")  # P6, written composed (NFC)
    _append(j, f"""- date: 2026-10-25
  recommendation: R1
  note: Point fait avec nadia FERREIRA sur l’accueil.
- date: 2026-10-26
  recommendation: R1
  note: Relu avec Nadia{NB}Ferreira, au local.
- date: 2026-10-27
  recommendation: R1
  note: Appel de Nadia   Ferreira ce matin.
- date: 2026-10-28
  recommendation: R1
  note: >-
    Le point avec la Nadia
    Ferreira de l’atelier est reporté.
- date: 2026-10-29
  recommendation: R1
  note: |
    Deux lignes : Nadia
      Ferreira viendra.
- date: 2026-10-30
  recommendation: R1
  note: Vu Amélie Diallo au Repair café.
- date: 2026-10-31
  recommendation: R1
  note: Et {unicodedata.normalize("NFD", "Lucas Moréau")} aussi.
- date: 2026-11-01
  recommendation: R1
  note: Nadia Ferreiraz, Ferreira seule, Nadia seule, Mme Ferreira, N. Ferreira, et Lucas Moreau sans accent.
- date: 2026-11-02
  committee: COPIL n°3
  attendees:
    - Nadia Ferreira, encadrante technique
  decisions:
    - Lucas Moréau animera l’atelier.
""")
    text = r.read_text("utf-8")  # R1, the first recommendation: its owner
    r.write_text(text.replace("    owner: Sophie\n", "    owner: Nadia Ferreira\n", 1), encoding="utf-8")
    _edit(r, "      pour ajuster la mission de chacun·e.", "      pour ajuster la mission de chacun·e, avec Nadia Ferreira.")
    _edit(q, "      Les Repair cafés du samedi fidélisent",
          "      Les Repair cafés du samedi, selon Lucas Moréau, fidélisent")
    _edit(q, "text: À Choisy, on n’a pas ouvert une boutique,", "text: Avec Nadia Ferreira, à Choisy, on n’a pas ouvert une boutique,")
    # internal only: a confidential session, an answer that is not shareable
    _edit(q, "          Conflit avec un bénévole de l’atelier électroménager,",
          "          Conflit entre Lucas Moréau et un bénévole de l’atelier électroménager,")
    _edit(q, "          Pistes de financement", "          Pistes de financement selon Nadia Ferreira")
    return m


def test_a_name_without_consent_is_a_warning_at_the_name_in_every_client_text(pmp, named):
    j, r, q = named / "journal.yaml", named / "recommendations.yaml", named / "questions.yaml"
    result = pmp("check", str(named))
    assert result.exit_code == 0, result.output
    expected = [
        f"{_at(q, 'selon Lucas Moréau, fidélisent', 'Lucas')}: {_fr('P6')}",  # a finding (folded block)
        f"{_at(q, 'text: Avec Nadia Ferreira, à Choisy', 'Nadia')}: {_fr('P7')}",  # a shareable quote
        f"{_at(r, 'avec Nadia Ferreira.', 'Nadia')}: {_fr('P7')}",  # a recommendation's description
        f"{_at(j, 'nadia FERREIRA', 'nadia')}: {_fr('P7')}",  # case
        f"{_at(j, 'Relu avec Nadia', 'Nadia')}: {_fr('P7')}",  # a no-break space
        f"{_at(j, 'Nadia   Ferreira', 'Nadia')}: {_fr('P7')}",  # several spaces
        f"{_at(j, 'Le point avec la Nadia', 'Nadia')}: {_fr('P7')}",  # the line break of a folded block
        f"{_at(j, 'Deux lignes : Nadia', 'Nadia')}: {_fr('P7')}",  # ... and of a literal block
        f"{_at(j, 'Vu Amélie Diallo', 'Amélie')}: {_fr('P5')}",  # NFC in the note, NFD in questions.yaml
        f"{_at(j, 'Et Lucas', 'Lucas')}: {_fr('P6')}",  # NFD in the note, NFC in questions.yaml
        f"{_at(j, 'animera l’atelier', 'Lucas')}: {_fr('P6')}",  # a committee's decision
        f"{_at(j, 'Moreau sans accent', 'Lucas')}: {_fr('P6')}",  # accents folded: « Moreau » is « Moréau »
    ]
    assert sorted(_name_warnings(result.stdout)) == sorted(expected)
    # exactly these: not the owner, the attendees, the confidential session, the answer kept internal,
    # nor « Nadia Ferreiraz », « Ferreira » or « Nadia » alone, initials
    assert len(_name_warnings(result.stdout)) == 12
    assert "Ferreira" not in result.output and "Moréau" not in result.output  # ids only, never the name


def test_the_example_itself_has_no_such_warning(pmp, example_in_cwd):
    """The example's committee lists « Nadia Ferreira, encadrante technique » (P7, no consent): the plan."""
    result = pmp("check", str(example_in_cwd))
    assert result.exit_code == 0
    assert _name_warnings(result.stdout) == []


def test_an_english_mission_gets_the_warning_in_english(pmp, example_in_cwd):
    m = example_in_cwd
    _edit(m / "mission.yaml", "language: fr", "language: en")
    _append(m / "journal.yaml", "- date: 2026-10-25\n  recommendation: R1\n  note: Call with Nadia Ferreira.\n")
    result = pmp("check", str(m))
    assert _name_warnings(result.stdout) == [
        f"{_at(m / 'journal.yaml', 'Call with', 'Nadia')}: warning: P7 did not agree to be named (consent: false): "
        "their name is in this text, which goes to the client; write their role or remove the name"
    ]


def test_the_documents_replace_the_same_names_in_the_same_texts(named):
    mission, _ = load_mission(named)
    role = "Encadrante technique d’insertion"
    for audience in ("client", "funder"):
        shown = privacy.redact(mission, audience)
        notes = [e.note for e in shown.journal[-9:-1]]
        assert notes == [
            f"Point fait avec {role} sur l’accueil.",
            f"Relu avec {role}, au local.",
            f"Appel de {role} ce matin.",
            f"Le point avec la {role} de l’atelier est reporté.",
            f"Deux lignes : {role} viendra.\n",
            "Vu Bénévole à la boutique depuis 2025 au Repair café.",
            "Et Bénévole étudiant, ateliers de réparation aussi.",
            "Nadia Ferreiraz, Ferreira seule, Nadia seule, Mme Ferreira, N. Ferreira, "
            "et Bénévole étudiant, ateliers de réparation sans accent.",
        ], audience
        committee = shown.journal[-1]
        assert committee.attendees == ["Nadia Ferreira, encadrante technique"]  # the plan, as written
        assert committee.decisions == ["Bénévole étudiant, ateliers de réparation animera l’atelier."]
        r1 = shown.recommendations[0]
        assert r1.owner == "Nadia Ferreira"  # the plan, as written
        assert r1.description.endswith(f"chacun·e, avec {role}.")
    assert privacy.redact(mission, "internal").journal[-9].note == "Point fait avec nadia FERREIRA sur l’accueil."


@pytest.mark.parametrize(("text", "found"), [
    ("Martine Leroy", ["Martine Leroy"]),
    ("MARTINE LEROY.", ["MARTINE LEROY"]),
    ("avec Martine\u00a0Leroy,", ["Martine\u00a0Leroy"]),
    ("avec Martine\u202fLeroy", ["Martine\u202fLeroy"]),
    ("avec Martine \n   Leroy", ["Martine \n   Leroy"]),
    ("Martine Leroyer", []),
    ("Amartine Leroy", []),
    ("Leroy", []),
    ("Martine", []),
    ("Martine-Leroy", ["Martine-Leroy"]),
    ("LEROY Martine", ["LEROY Martine"]),
    ("Leroy, Martine", ["Leroy, Martine"]),
    ("M. Leroy", []),
    ("Martine L.", []),
    ("Hélène D’Amato", ["Hélène D’Amato"]),
    (unicodedata.normalize("NFD", "hélène d'amato"), [unicodedata.normalize("NFD", "hélène d'amato")]),
    ("Hélène D'Amatò", ["Hélène D'Amatò"]),  # accents are folded
    ("Hélène Damato", []),
    ("(Martine Leroy)", ["Martine Leroy"]),
])
def test_how_a_name_is_matched(text, found):
    finder = NameFinder({"Martine Leroy": "P1", "Hélène d'Amato": "P2"})
    assert [text[a:b] for a, b, _ in finder.find(text)] == found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_mix_of_the_spellings_is_found_and_replaced_whole(data):
    """Case of each letter, accents kept or not, the order of the words, any run of separators between
    them, invisible characters anywhere inside: always one name found, spanning all of it."""
    first, last = "Zoé", "Quintard"
    words = [last, first] if data.draw(st.booleans()) else [first, last]
    if not data.draw(st.booleans()):
        words = [unicodedata.normalize("NFD", w).encode("ascii", "ignore").decode() for w in words]
    words = ["".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in w) for w in words]
    between = data.draw(st.text(alphabet=" -'’\u00a0\u2011\n", min_size=1, max_size=4))
    comma = "," if words[0].lower().startswith("q") and data.draw(st.booleans()) else ""  # « QUINTARD, Zoé »
    name = words[0] + comma + between + words[1]
    invisible = st.sampled_from(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(1, len(name) - 1))
        name = name[:at] + data.draw(invisible) + name[at:]
    text = f"Appel de {name} ce matin."
    finder = NameFinder({"Zoé Quintard": "P9"})
    assert [(text[a:b], v) for a, b, v in finder.find(text)] == [(name, "P9")]
    assert finder.replace(text, lambda ref: "Chargée RH") == "Appel de Chargée RH ce matin."
