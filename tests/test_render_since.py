"""pmp render --since DATE | --since-last-committee: the steering tool opens with what changed.

On the example mission at --as-of 2026-11-26 the last committee is COPIL n°2
(20 October 2026, four decisions); since then (journal.yaml): R1 60 → 80 %,
R3 15 → 45 %, R7 15 → 40 %, R9 10 → 30 %, no status change, seven new
measures (I2 36 → 33 % on 20 November), and R9's milestone « Fiche de poste
publiée » of 15 November 2026 passed with R9 still in progress (missed).
`pmp status --since-last-committee` must show the same facts.
"""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import snapshot, spaces

from pamplemousse.text.i18n import Formats

NB = "\u00a0"
FR = Formats("fr")
AS_OF = "2026-11-26"
MISSION = "ressourcerie-du-val"


class Section(HTMLParser):
    """The headings (level, text), table rows (cell texts) and list items of one section, by id;
    and every heading of the page in order, with the ids of the top-level sections."""

    def __init__(self, text: str, section_id: str):
        super().__init__(convert_charrefs=True)
        self.section_id = section_id
        self.depth = 0  # > 0 inside the section
        self.headings: list[tuple[int, str]] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self.page_headings: list[int] = []
        self.sections: list[str] = []
        self._text: list[str] | None = None
        self._cells: list[str] | None = None
        self._what = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id", ""))
            if self.depth or attrs.get("id") == self.section_id:
                self.depth += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.page_headings.append(int(tag[1]))
        if not self.depth:
            return
        if tag == "br" and self._text is not None:
            self._text.append(" ")  # a line break reads as a space
        elif tag == "tr":
            self._cells = []
        elif tag in ("h2", "h3", "h4", "th", "td", "li"):
            self._text, self._what = [], tag

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "section":
            self.depth -= 1
        elif tag == self._what and self._text is not None:
            text = re.sub(r"[ \t\r\n]+", " ", "".join(self._text)).strip()  # no-break spaces kept
            if tag in ("th", "td") and self._cells is not None:
                self._cells.append(text)
            elif tag == "li":
                self.items.append(text)
            else:
                self.headings.append((int(tag[1]), text))
            self._text = None
        elif tag == "tr" and self._cells is not None:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def render(pmp, *args: str):
    return pmp("render", MISSION, "--as-of", AS_OF, *args)


def rendered(pmp, example_in_cwd, fmt: str, *args: str) -> str:
    r = render(pmp, "--format", fmt, *args)
    assert r.exit_code == 0, r.output
    return (example_in_cwd / "out" / f"pilotage.{fmt}").read_text("utf-8")


def test_html_opens_with_what_changed_since_the_last_committee(example_in_cwd, pmp):
    page = Section(rendered(pmp, example_in_cwd, "html", "--since-last-committee"), "depuis")
    assert page.sections[:3] == ["depuis", "priorites", "synthese"]  # right after the header, then the attention list
    assert page.headings == [
        (2, "Depuis le COPIL n°2 du 20 octobre 2026"),
        (3, "Avancement gagné"),
        (3, "Nouvelles mesures"),
        (3, "Échéances passées"),
        (3, "Comités de pilotage et décisions"),
        (4, "COPIL n°2 · 20 octobre 2026"),
    ]
    levels = page.page_headings
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))  # no level skipped
    rows = {r[0]: r for r in page.rows}
    assert rows["R1"] == ["R1", "Créer un parcours d’accueil des nouveaux bénévoles",
                          FR.percent(60), FR.percent(80), f"+20{NB}points"]
    assert [r[0] for r in page.rows if r[0] in ("R1", "R3", "R7", "R9")] == ["R1", "R3", "R7", "R9"]
    i2 = next(r for r in page.rows if r[0].startswith("I2 "))
    assert i2 == ["I2 Taux de rotation annuel des bénévoles", "R1", "20/11/2026", f"33{NB}%", f"36{NB}% 12/10/2026"]
    assert ["15/11/2026", "R9", "Fiche de poste publiée", "date passée, ni tenu ni manqué noté"] in page.rows
    assert page.items[0] == "La validation de la charte salarié·es–bénévoles (R5) est inscrite au conseil du 10 décembre."
    assert len(page.items) == 4


def test_the_numbers_agree_with_pmp_status_since_last_committee(example_in_cwd, pmp):
    page = Section(rendered(pmp, example_in_cwd, "html", "--since-last-committee"), "depuis")
    r = pmp("status", MISSION, "--as-of", AS_OF, "--since-last-committee", "--format", "json")
    assert r.exit_code == 0, r.output
    ch = json.loads(r.stdout)["changes"]
    progress = [row for row in page.rows if len(row) == 5 and row[0][:1] == "R"]
    assert [(row[0], row[2], row[3]) for row in progress] == [
        (p["rec_id"], p["before"]["label"], p["after"]["label"]) for p in ch["progress"]
    ]
    measures = [row for row in page.rows if row[0][:1] == "I" and row[0][1:2].isdigit()]
    assert [(row[0].split()[0], row[2]) for row in measures] == [
        (m["indicator_id"], m["date"]["short"]) for m in ch["measures"]
    ]
    assert [row[1] for row in page.rows if row[-1].startswith(("tenue", "non tenue", "tenu le", "manqué", "date passée"))] == [
        d["rec_id"] for d in ch["deadlines"]
    ]
    assert page.items == ch["committees"][0]["decisions"]
    # and the terminal says the same, in words
    text = pmp("status", MISSION, "--as-of", AS_OF, "--since-last-committee").stdout
    assert "Depuis le COPIL n°2 du 20 octobre 2026" in text
    assert f"R1{NB}: {FR.percent(60)} → {FR.percent(80)} (+20{NB}points)" in text
    assert f"15/11/2026 R9 jalon{NB}: Fiche de poste publiée — date passée, ni tenu ni manqué noté" in text


def test_markdown_opens_with_the_same_section(example_in_cwd, pmp):
    text = rendered(pmp, example_in_cwd, "md", "--since-last-committee")
    lines = text.splitlines()
    start = lines.index("## Depuis le COPIL n°2 du 20 octobre 2026")
    assert lines[start - 2] == "- **État au 26 novembre 2026**"
    assert lines.index("## Synthèse") > start
    assert lines[start + 2] == "Ce qui a changé du 20 octobre 2026 au 26 novembre 2026."
    assert (f"| R1 | Créer un parcours d’accueil des nouveaux bénévoles | {FR.percent(60)} | {FR.percent(80)} "
            f"| +20{NB}points |") in lines
    assert f"| I2 Taux de rotation annuel des bénévoles | R1 | 20/11/2026 | 33{NB}% | 36{NB}% (12/10/2026) |" in lines
    assert "| 15/11/2026 | R9 | Fiche de poste publiée | **date passée, ni tenu ni manqué noté** |" in lines
    assert "#### COPIL n°2 · 20 octobre 2026" in lines
    assert "4. Le recrutement du porteur de projet vise un binôme territoire–secteur si aucune candidature ne réunit les deux." in lines


def test_since_a_date_lists_status_changes_and_kept_deadlines(example_in_cwd, pmp):
    r = pmp("render", MISSION, "--as-of", "2026-10-01", "--since", "2026-09-01", "--format", "md")
    assert r.exit_code == 0, r.output
    lines = (example_in_cwd / "out" / "pilotage.md").read_text("utf-8").splitlines()
    assert "## Depuis le 1er septembre 2026" in lines
    assert "| R6 | Former les encadrant·es techniques à l’accueil et à l’animation de bénévoles | à faire | bloqué |" in lines
    assert "| 30/09/2026 | R2 | *échéance de la préconisation* · Remplacer le planning papier par un planning partagé en ligne | tenue |" in lines


def test_a_window_without_change_says_so(example_in_cwd, pmp):
    text = rendered(pmp, example_in_cwd, "md", "--since", "2026-11-21")
    assert "## Depuis le 21 novembre 2026\n\nCe qui a changé du 21 novembre 2026 au 26 novembre 2026.\n\n" \
           "Rien n’a changé sur la période.\n\n## À traiter en priorité\n" in text


def test_user_text_in_the_markdown_section_is_escaped(example_in_cwd, pmp):
    r = pmp("log", MISSION, "--committee", "COPIL *3*", "--decision", "# pas un titre | ni une cellule",
            "--date", "2026-11-25")
    assert r.exit_code == 0, r.output
    lines = rendered(pmp, example_in_cwd, "md", "--since-last-committee").splitlines()
    assert "## Depuis le COPIL \\*3\\* du 25 novembre 2026" in lines
    assert "1. \\# pas un titre \\| ni une cellule" in lines


def test_english_render_has_the_english_heading(example_in_cwd, pmp):
    page = Section(rendered(pmp, example_in_cwd, "html", "--since-last-committee", "--lang", "en"), "depuis")
    assert page.headings[:3] == [(2, "Since COPIL n°2 on 20 October 2026"), (3, "Progress gained"), (3, "New measures")]
    assert ["15/11/2026", "R9", "Fiche de poste publiée", "date passed, neither met nor missed logged"] in page.rows
    md = rendered(pmp, example_in_cwd, "md", "--since", "2026-10-01", "--lang", "en")
    assert "## Since 1 October 2026" in md.splitlines()


def test_without_the_options_there_is_no_such_section(example_in_cwd, pmp):
    page = Section(rendered(pmp, example_in_cwd, "html"), "depuis")
    assert "depuis" not in page.sections and page.headings == []


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-10-01", "--since-last-committee"],
     f"--since et --since-last-committee{NB}: choisissez l'un ou l'autre"),
    (["--since", "2026-13-01"], f"--since 2026-13-01{NB}: cette date n'existe pas"),
    (["--since", "1/10/2026"], f"--since 1/10/2026{NB}: date attendue au format AAAA-MM-JJ{NB}: écrivez 2026-10-01"),
    (["--since", "2026-12-01"], f"--since 2026-12-01{NB}: après la date de l'état (26 novembre 2026)"),
    (["--doc", "rapport", "--since", "2026-10-01"], f"--since{NB}: option sans effet pour --doc rapport"),
    (["--doc", "guide", "--since-last-committee"], f"--since-last-committee{NB}: option sans effet pour --doc guide"),
])
def test_bad_options_exit_2_and_write_nothing(example_in_cwd, pmp, args, message):
    before = snapshot(example_in_cwd.parent.parent)
    r = render(pmp, *args)
    # typography is asserted in test_status; plain spaces here, as cli.py's own messages are being made French
    assert (r.exit_code, r.stdout, spaces(r.stderr)) == (2, "", spaces(f"pmp : {message}\n"))
    assert snapshot(example_in_cwd.parent.parent) == before


def test_since_last_committee_before_any_committee_is_refused(example_in_cwd, pmp):
    r = pmp("render", MISSION, "--as-of", "2026-06-22", "--since-last-committee")
    assert (r.exit_code, r.stderr) == (
        2, f"pmp : --since-last-committee{NB}: aucun comité de pilotage dans le journal au 22 juin 2026\n"
    )
    assert not (example_in_cwd / "out").exists()


def test_all_missions_refuse_the_options(example_in_cwd, pmp):
    r = pmp("render", "--all", "--since", "2026-10-01")
    assert (r.exit_code, r.stderr) == (
        2, f"pmp : --since et --since-last-committee s’appliquent à une mission{NB}: précisez-la (pmp render MISSION …)\n"
    )
    assert not (example_in_cwd / "out").exists()
