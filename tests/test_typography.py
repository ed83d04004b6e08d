"""French typography of what users type, in French documents only, for display only.

What the reader sees: `L'accueil : "premiers pas"` in recommendations.yaml is shown
`L’accueil : « premiers pas »` (no-break spaces) in the HTML and the Markdown of the
French documents; the YAML keeps its bytes; an English mission, the JSON export and the
workbook keep what was typed; URLs, e-mail addresses and letters never change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import snapshot
from hypothesis import given
from hypothesis import strategies as st

from pamplemousse.text.typography import typeset

NB = "\u00a0"
AS_OF = "2026-11-26"


# --- the function ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, shown", [
    ('L\'accueil : "premiers pas"', f"L’accueil{NB}: «{NB}premiers pas{NB}»"),
    ("Pourquoi?", f"Pourquoi{NB}?"),
    ("Vraiment ?!", f"Vraiment{NB}?!"),
    ("Un point  ; puis un autre", f"Un point{NB}; puis un autre"),
    ("R3: fait", f"R3{NB}: fait"),  # an id before a colon ending a clause: the colon is punctuation
    ("Objectifs:\n- accueillir", f"Objectifs{NB}:\n- accueillir"),
    ("« déjà bien »", f"«{NB}déjà bien{NB}»"),
    ("«serré»", f"«{NB}serré{NB}»"),
    ("«\u202fétroit\u202f»", f"«{NB}étroit{NB}»"),  # one kind of no-break space, the catalog's
    ('Elle dit : "Quoi ?"', f"Elle dit{NB}: «{NB}Quoi{NB}?{NB}»"),
    ("Attendez... « ... »", f"Attendez… «{NB}…{NB}»"),
    ("50 % des bénévoles", f"50{NB}% des bénévoles"),
    # as typed: times, ratios, marks joining two words, a mark in brackets, a line starting with one
    ("Réunion à 14:30, ratio 1:2", "Réunion à 14:30, ratio 1:2"),
    ("clé:valeur", "clé:valeur"),
    ("(?) à vérifier", "(?) à vérifier"),
    ("? en tête", "? en tête"),
    ("Quatre points....", "Quatre points...."),
    # URLs and e-mail addresses as typed, the punctuation after them set
    ("Voir https://exemple.org/a?b=1&c=d'e : ici", f"Voir https://exemple.org/a?b=1&c=d'e{NB}: ici"),
    ("Site : www.exemple.org/page:2 !", f"Site{NB}: www.exemple.org/page:2{NB}!"),
    ("Écrire à jean.o'brien@asso.fr ?", f"Écrire à jean.o'brien@asso.fr{NB}?"),
    ('"https://exemple.org"', f"«{NB}https://exemple.org{NB}»"),
    ("mailto:contact@asso.fr;", f"mailto:contact@asso.fr{NB};"),
    ("a;b et a!b", "a;b et a!b"),
])
def test_typed_text_is_shown_with_french_typography(typed, shown):
    assert typeset(typed) == shown


def test_every_straight_quote_becomes_a_guillemet_even_when_they_do_not_pair():
    assert typeset('Écran 15" et "bonjour"') == f"Écran 15{NB}» et «{NB}bonjour{NB}»"
    assert '"' not in typeset('a " b " c"d')


_URL = st.builds(
    lambda scheme, host, path: f"{scheme}{host}.org/{path}",
    st.sampled_from(["https://", "http://", "www."]),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_~%&=?:;!'/.-]{0,20}[A-Za-z0-9/]", fullmatch=True),
)
_TEXT = st.text(alphabet=st.sampled_from(list("ab1 :;?!'\"«».%\n\u00a0\u202f(")) | st.characters(), max_size=60)


@given(_TEXT)
def test_typesetting_twice_is_typesetting_once(text):
    once = typeset(text)
    assert typeset(once) == once


@given(_TEXT)
def test_typesetting_never_changes_a_letter_or_a_digit(text):
    assert [c for c in typeset(text) if c.isalnum()] == [c for c in text if c.isalnum()]
    assert typeset(text).count("\n") == text.count("\n")


@given(_TEXT, _URL, _TEXT)
def test_a_url_is_kept_as_typed(before, url, after):
    text = f"{before} {url} {after}"
    assert url in typeset(text)
    assert url in typeset(typeset(text))


@given(st.from_regex(r"[a-z][a-z.'_-]{0,8}@[a-z]{1,8}\.(fr|org)", fullmatch=True), _TEXT)
def test_an_email_address_is_kept_as_typed(address, after):
    assert address in typeset(f"Contact : {address} {after}")


# --- the documents ----------------------------------------------------------------------------------------------

TITLE = 'L\'accueil : "premiers pas"'
SHOWN = f"L’accueil{NB}: «{NB}premiers pas{NB}»"
DESCRIPTION = "Voir https://exemple.org/livret?v=2&p='a' ou écrire à c.o'neil@asso.fr ; merci!"
SHOWN_DESCRIPTION = f"Voir https://exemple.org/livret?v=2&p='a’ ou écrire à c.o'neil@asso.fr{NB}; merci{NB}!"


def _typed_by_hand(mission: Path, language: str = "fr") -> Path:
    recs = mission / "recommendations.yaml"
    text = recs.read_text("utf-8").replace(
        "title: Créer un parcours d’accueil des nouveaux bénévoles", f"title: '{TITLE.replace(chr(39), chr(39) * 2)}'", 1)
    text = re.sub(r"description: >-\n      Un livret d’accueil.*?chacun·e\.\n",
                  f'description: "{DESCRIPTION}"\n', text, count=1, flags=re.S)
    recs.write_text(text, "utf-8")
    if language != "fr":
        meta = mission / "mission.yaml"
        meta.write_text(meta.read_text("utf-8").replace("language: fr", f"language: {language}", 1), "utf-8")
    return mission


def _render(pmp, mission: Path, *args: str) -> Path:
    out = mission / "out"
    result = pmp("render", str(mission), "--as-of", AS_OF, "--output", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def test_french_documents_show_typed_text_set_and_the_files_keep_their_bytes(pmp, example):
    mission = _typed_by_hand(example)
    before = snapshot(mission)
    out = _render(pmp, mission, "--format", "html,md,json")
    html = (out / "pilotage.html").read_text("utf-8")
    md = (out / "pilotage.md").read_text("utf-8")
    assert SHOWN in html and TITLE.replace('"', "&#34;") not in html
    assert SHOWN_DESCRIPTION in html.replace("&amp;", "&").replace("&#39;", "'")
    assert SHOWN in md and TITLE not in md
    assert SHOWN_DESCRIPTION.replace("&", "\\&") in md
    # the gantt keeps the words, its colon written as a dash (escape.mermaid_text)
    gantt = md.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "[R1] L’accueil – «" in gantt
    # the JSON export is data: what was typed
    data = json.loads((out / "pilotage.json").read_text("utf-8"))
    for shown in (data["mission"]["recommendations"][0], data["state"]["recommendations"][0]):
        assert (shown["title"], shown["description"]) == (TITLE, DESCRIPTION)
    # the files of the mission are left as they were (display only)
    assert {name: data for name, data in snapshot(mission).items() if not name.startswith("out/")} == before


def test_the_rapport_shows_typed_text_set(pmp, example):
    mission = _typed_by_hand(example)
    out = _render(pmp, mission, "--doc", "rapport")
    assert SHOWN in (out / "rapport.html").read_text("utf-8")
    assert SHOWN in (out / "rapport.md").read_text("utf-8")


def test_an_english_mission_shows_what_was_typed(pmp, example):
    mission = _typed_by_hand(example, "en")
    out = _render(pmp, mission)
    assert "L&#39;accueil : &#34;premiers pas&#34;" in (out / "pilotage.html").read_text("utf-8")
    md = (out / "pilotage.md").read_text("utf-8")
    assert TITLE in md and SHOWN not in md
    assert DESCRIPTION.replace("&", "\\&") in md


def test_the_workbook_keeps_what_was_typed(pmp, example):
    from openpyxl import load_workbook

    mission = _typed_by_hand(example)
    out = _render(pmp, mission, "--format", "xlsx")
    cells = [c.value for row in load_workbook(out / "pilotage.xlsx").worksheets[0].iter_rows() for c in row]
    assert TITLE in cells
    assert SHOWN not in cells


# --- plurals: one rule, the catalog's (babel's): 0 and 1 take the singular in French ---------------------------

def _counted(n: int) -> dict[str, str]:
    """A mission with n of each thing a document counts: recommendations (each n days late, with an
    indicator from n to n + 2 « personnes formées »), questions, sessions held, people met."""
    recs = "".join(
        f"  - id: R{i}\n    title: Action {i}\n    theme: hr\n    priority: high\n    impact: 3\n    effort: 2\n"
        f"    owner: Sophie\n    start: 2026-01-05\n    due: 2026-11-{26 - n:02d}\n    indicators:\n"
        f"      - id: I{i}\n        name: Formations\n        unit: personnes formées\n"
        f"        baseline: {n}\n        target: {n + 2}\n"
        for i in range(1, n + 1))
    people = "".join(f"  - id: P{i}\n    name: Personne {i}\n    consent: true\n" for i in range(1, n + 1))
    sessions = "".join(
        f"  - id: S{i}\n    date: 2026-03-0{i}\n    kind: interview\n    participants: [{', '.join(f'P{j}' for j in range(1, n + 1))}]\n"
        for i in range(1, n + 1))
    guide = "".join(f"  - id: Q{i}\n    text: Question {i} ?\n" for i in range(1, n + 1))
    return {
        "mission.yaml": "schema_version: 1\ntitle: Une mission\nclient:\n  name: Les Amis du Val\n",
        "vision.yaml": "vision: Un quartier où chacun répare.\nsocial_mission: Réparer ensemble.\n",
        "questions.yaml": (f"guide:\n{guide}" if n else "guide: []\n")
        + (f"participants:\n{people}sessions:\n{sessions}" if n else ""),
        "recommendations.yaml": f"recommendations:\n{recs}" if n else "recommendations: []\n",
        "journal.yaml": "[]\n",
    }


@pytest.mark.parametrize("n, words", [
    (0, ["0 préconisation", "0 question"]),
    (1, ["1 préconisation", "1 question", "1 séance · 1 personne rencontrée", "en retard de 1 jour",
         "1 personne formée", "3 personnes formées"]),
    (2, ["2 préconisations", "2 questions", "2 séances · 2 personnes rencontrées", "en retard de 2 jours",
         "2 personnes formées", "4 personnes formées"]),
])
def test_counts_take_the_plural_of_the_catalog_rule(tmp_path, pmp, n, words):
    from conftest import build_tree

    mission = build_tree(tmp_path / "missions" / "m", _counted(n))
    out = tmp_path / "out"
    shown = ""
    for doc in ("pilotage", "rapport", "guide"):
        r = pmp("render", str(mission), "--doc", doc, "--format", "html,md", "--as-of", AS_OF, "-o", str(out))
        assert r.exit_code == 0, r.output
        for fmt in ("md", "html"):
            shown += (out / f"{doc}.{fmt}").read_text("utf-8").replace(NB, " ")
    for word in words:
        assert word in shown
    assert not re.search(r"\b[01] (préconisations|questions|séances|personnes|jours)\b", shown)


# --- dates in sentences, written out; the last note with its own date -------------------------------------------

def test_the_last_note_is_dated_by_its_own_entry_not_a_later_one_without_note(pmp, example):
    journal = example / "journal.yaml"
    journal.write_text(journal.read_text("utf-8") + (
        "- date: 2026-11-20\n  recommendation: R1\n  note: Livret relu par six bénévoles.\n"
        "- date: 2026-11-24\n  recommendation: R1\n  progress: 85\n"), "utf-8")
    out = _render(pmp, example)
    html = (out / "pilotage.html").read_text("utf-8")
    md = (out / "pilotage.md").read_text("utf-8")
    assert '<span class="label">Dernière note (20 novembre 2026)</span>Livret relu par six bénévoles.' in html
    assert f"- **Dernière note** (20 novembre 2026){NB}: Livret relu par six bénévoles." in md
    assert "24/11/2026" in html  # the later entry is still its last update


def test_the_attention_list_writes_its_dates_out(pmp, example):
    out = _render(pmp, example)
    html, md = (out / "pilotage.html").read_text("utf-8"), (out / "pilotage.md").read_text("utf-8")
    assert "<dd>Tenir l’échéance dépassée du 15 octobre 2026 ou en fixer une nouvelle.<br>" in html
    assert f"<dd>Prochain jalon{NB}: Jury de sélection, le 15 février 2027.</dd>" in html
    assert f"Attendu**{NB}: Prochain jalon{NB}: Jury de sélection, le 15 février 2027." in md
    assert "Fiche de poste publiée (prévu le 15 novembre 2026)" in md
    assert "dépassée du 15/10/2026" not in html + md


def test_the_portfolio_site_shows_typed_titles_set(pmp, example_in_cwd):
    meta = example_in_cwd / "mission.yaml"
    meta.write_text(meta.read_text("utf-8").replace(
        "title: Engagement bénévole et essaimage de la Ressourcerie du Val", "title: 'L''essaimage : \"pourquoi pas ?\"'"),
        "utf-8")
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    index = Path("public/index.html").read_text("utf-8")
    assert f"L’essaimage{NB}: «{NB}pourquoi pas{NB}?{NB}»" in index
    assert 'href="ressourcerie-du-val/index.html"' in index
