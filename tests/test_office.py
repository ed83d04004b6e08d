"""docx and odt written from the document's view (outputs/outlines.py), opened back with python-docx and odfpy.

Each document the consultant edits (cadrage, rapport, bilan, suivi) has real
headings (Word's Heading 1 and 2, LibreOffice's outline levels), real tables
with a header row, and the same facts as the other formats; and the HTML is
never read to make them: a broken HTML template does not stop a docx.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import build_tree
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt

AS_OF = "2026-11-26"
NB = "\u00a0"

# per document: a Heading 1, a Heading 2 under it, and a row of one of its tables
EXPECTED = {
    "cadrage": ("Calendrier et temps prévu", None, ["Total des phases", "", "", "5 jours"]),
    "rapport": ("Préconisations", "R5 · Écrire ensemble une charte salarié·es–bénévoles et des fiches de rôle par atelier",
                ["R5", "Écrire ensemble une charte salarié·es–bénévoles et des fiches de rôle par atelier", "haute",
                 "15/10/2026", "Karim"]),
    "bilan": ("Déroulement de la mission", "Temps passé par phase", None),
    "suivi": ("Les préconisations depuis la fin de la mission", None, None),
}


def _render(pmp, example: Path, doc: str, fmt: str, *more: str) -> Path:
    out = example / "out"
    r = pmp("render", str(example), "--doc", doc, "--format", fmt, "--as-of", AS_OF, "-o", str(out), *more)
    assert r.exit_code == 0, r.output
    return out / f"{doc}.{fmt}"


def _docx(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    d = docx.Document(str(path))
    return [(p.style.name, p.text) for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]


def _odt(path: Path) -> tuple[list[tuple[int, str]], list[list[list[str]]]]:
    d = load_odt(str(path))
    headings = [(int(h.getAttribute("outlinelevel")), teletype.extractText(h)) for h in d.getElementsByType(odf_text.H)]
    tables = [[[teletype.extractText(c) for c in row.getElementsByType(odf_table.TableCell)]
               for row in t.getElementsByType(odf_table.TableRow)] for t in d.getElementsByType(odf_table.Table)]
    return headings, tables


@pytest.mark.parametrize("doc", sorted(EXPECTED))
def test_word_and_libreoffice_copies_have_headings_and_tables_from_the_view(pmp, example, doc):
    h1, h2, row = EXPECTED[doc]
    paragraphs, tables = _docx(_render(pmp, example, doc, "docx"))
    assert paragraphs[0][0] == "Title"
    assert ("Heading 1", h1) in paragraphs
    if h2:
        assert ("Heading 2", h2) in paragraphs
        assert paragraphs.index(("Heading 1", h1)) < paragraphs.index(("Heading 2", h2))
    if row:
        assert any(row in t for t in tables)
    headings, odt_tables = _odt(_render(pmp, example, doc, "odt"))
    assert (1, h1) in headings and (not h2 or (2, h2) in headings)
    if row:
        assert any(row in t for t in odt_tables)
    assert len(odt_tables) == len(tables)  # the same tables in both


def test_the_suivi_table_says_each_recommendation_its_owner_and_status(pmp, example):
    _, tables = _docx(_render(pmp, example, "suivi", "docx"))
    rows = {r[0]: r for t in tables for r in t}
    r5 = rows["R5 · Écrire ensemble une charte salarié·es–bénévoles et des fiches de rôle par atelier (Karim)"]
    assert r5[-2].startswith("en cours · 70")
    assert f"Jalons{NB}: 1 tenu · 1 manqué" in r5[-2]
    assert tables[0][0][0] == "Préconisation"  # the header row first


def test_the_bilan_lists_the_overdue_recommendation_as_the_pilotage_does(pmp, example):
    paragraphs, _ = _docx(_render(pmp, example, "bilan", "docx"))
    overdue = [t for _, t in paragraphs if t.startswith("En retard")]
    assert overdue == [f"En retard{NB}: R5 Écrire ensemble une charte salarié·es–bénévoles et des fiches de rôle par atelier"]


def test_the_html_template_is_not_read_to_make_a_docx(pmp, example):
    """A consultancy's HTML override that fails stops the HTML, not the Word copy."""
    build_tree(example.parent.parent, {"templates/html/rapport.html.j2": "{% if %}broken"})
    path = _render(pmp, example, "rapport", "docx")
    paragraphs, _ = _docx(path)
    assert ("Heading 1", "Préconisations") in paragraphs
    r = pmp("render", str(example), "--doc", "rapport", "--format", "html", "--as-of", AS_OF)
    assert r.exit_code != 0 and "rapport.html.j2" in r.stderr


def test_the_funder_copy_of_the_rapport_leaves_the_interviews_out(pmp, example):
    from pamplemousse.text.i18n import labels

    words = labels("fr")["rapport"]
    for fmt in ("docx", "odt"):
        internal = _render(pmp, example, "rapport", fmt, "--audience", "internal").read_bytes()
        funder = _render(pmp, example, "rapport", fmt, "--audience", "funder")
        if fmt == "docx":
            paragraphs, _ = _docx(funder)
            heard = [t for _, t in paragraphs[paragraphs.index(("Heading 1", words["heard"])) + 1:]]
            assert heard[0] == words["funder_no_interviews"]
            assert heard[1] == words["findings"]  # the next section: no session, no answer, no quote
        else:
            headings, _ = _odt(funder)
            after = headings[headings.index((1, words["heard"])) + 1]
            assert after == (1, words["findings"])
        assert internal != funder.read_bytes()
