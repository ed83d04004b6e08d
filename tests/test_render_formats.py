"""pmp render --format xlsx | ics | json | pdf: each written by the render command, opened with the library
that reads it, and checked against the mission."""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime
from pathlib import Path

import icalendar
import openpyxl
import pypdf
import pytest
from conftest import snapshot

from pamplemousse.read.load import load_mission

NB = "\u00a0"
OUT = Path("missions/ressourcerie-du-val/out")


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    monkeypatch.chdir(example.parent.parent)
    return example


def render(pmp, *args: str):
    r = pmp("render", "ressourcerie-du-val", "--as-of", "2026-11-26", *args)
    assert r.exit_code == 0, r.output
    return r


def test_without_format_only_html_and_markdown_are_written(ws, pmp):
    r = render(pmp)
    assert r.stdout.splitlines() == [str(OUT / "pilotage.html"), str(OUT / "pilotage.md")]
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["pilotage.html", "pilotage.md"]


def test_unknown_format_names_every_format(ws, pmp):
    r = pmp("render", "ressourcerie-du-val", "--format", "docx")
    assert r.exit_code == 2
    assert r.stderr == (
        f"pmp : --format docx{NB}: format inconnu{NB}; formats possibles{NB}: html, md, xlsx, ics, json, pdf\n"
    )
    assert not (ws / "out").exists()


def test_format_xlsx_writes_the_workbook(ws, pmp):
    r = render(pmp, "--format", "xlsx")
    assert r.stdout == f"{OUT / 'pilotage.xlsx'}\n"
    wb = openpyxl.load_workbook(ws / "out" / "pilotage.xlsx")
    assert wb.sheetnames == ["Plan", "À traiter en priorité", "Indicateurs", "Journal", "Comités", "Jalons"]
    plan = wb["Plan"]
    assert plan["C2"].value == datetime(2026, 11, 26)
    mission, _ = load_mission(ws)
    assert [plan.cell(5 + n, 1).value for n in range(10)] == [r.id for r in mission.recommendations]
    assert [plan.cell(5 + n, 3).value for n in range(10)] == [r.title for r in mission.recommendations]


def test_format_ics_writes_the_calendar(ws, pmp):
    render(pmp, "--format", "ics")
    cal = icalendar.Calendar.from_ical((ws / "out" / "pilotage.ics").read_bytes())
    mission, _ = load_mission(ws)
    dues = {str(e["uid"]): e.decoded("dtstart") for e in cal.walk("VEVENT") if str(e["uid"]).split("@")[0].endswith("-due")}
    assert dues == {f"{r.id}-due@ressourcerie-du-val.pmp": r.due for r in mission.recommendations}


def test_format_json_writes_the_document_whose_state_is_that_of_pmp_status(ws, pmp):
    import json

    render(pmp, "--format", "json")
    doc = json.loads((ws / "out" / "pilotage.json").read_text(encoding="utf-8"))
    assert (doc["schema"], doc["version"], doc["mission"]["slug"]) == ("pmp.mission-state", 2, "ressourcerie-du-val")
    status = pmp("status", "ressourcerie-du-val", "--format", "json", "--as-of", "2026-11-26")
    assert status.exit_code == 0, status.output
    shown = json.loads(status.stdout)
    # the same computed state; only names in texts may differ (render writes for the client's eyes)
    drop = lambda state: {k: v for k, v in state.items() if k not in ("committee", "committees")}  # noqa: E731
    assert drop(doc["state"]) == drop(shown)
    assert doc["state"]["committee"]["date"] == shown["committee"]["date"]


def test_several_formats_at_once_are_not_offered_but_each_can_follow_the_other(ws, pmp):
    for fmt in ("xlsx", "ics", "json"):
        render(pmp, "--format", fmt)
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["pilotage.ics", "pilotage.json", "pilotage.xlsx"]


# PDF ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf() -> tuple[pypdf.PdfReader, list[str]]:
    """The PDF of the example mission on 26 November 2026, rendered once for the checks below."""
    from datetime import date

    from conftest import EXAMPLE

    from pamplemousse.outputs.render import render_outputs

    mission, problems = load_mission(EXAMPLE)
    assert mission is not None, problems
    data = render_outputs(mission, "pilotage", "pdf", date(2026, 11, 26))["pdf"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NB, " "))


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_format_pdf_writes_the_pdf_alone(ws, pmp):
    r = render(pmp, "--format", "pdf")
    assert r.stdout == f"{OUT / 'pilotage.pdf'}\n"
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["pilotage.pdf"]  # the HTML made for it is not left
    text = _flat(" ".join(p.extract_text() for p in pypdf.PdfReader(ws / "out" / "pilotage.pdf").pages))
    assert "Créer un parcours d’accueil des nouveaux bénévoles" in text


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_pdf_has_every_recommendation_on_a4_pages(pdf):
    reader, pages = pdf
    whole = _flat(" ".join(pages))
    mission, _ = load_mission(Path(__file__).parent.parent / "missions" / "ressourcerie-du-val")
    for rec in mission.recommendations:
        assert _flat(rec.title) in whole, rec.id
    assert "AVANCEMENT GLOBAL 45 %" in whole
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_pdf_pages_have_the_running_header_and_numbers(pdf):
    _, pages = pdf
    total = len(pages)
    assert total > 3
    for n, text in enumerate(pages, 1):
        flat = _flat(text)
        assert "La Ressourcerie du Val — Engagement bénévole et essaimage" in flat, n
        assert "État au 26 novembre 2026" in flat, n
        assert f"Page {n} / {total}" in flat, n


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_pdf_charts_are_vectors_not_pictures(pdf):
    reader, pages = pdf
    assert all(len(page.images) == 0 for page in reader.pages)
    # the timeline's labels are text in the PDF, as drawn by the SVG
    assert "R10 Organiser une immersion" in _flat(" ".join(pages))


def test_pdf_without_weasyprint_names_the_extra_and_writes_nothing(ws, pmp, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    render(pmp, "--format", "html")
    before = snapshot(ws)
    r = pmp("render", "ressourcerie-du-val", "--as-of", "2026-11-26", "--format", "pdf")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : le format pdf demande l’extra pdf{NB}: pip install 'pamplemousse[pdf]'\n"
    assert snapshot(ws) == before


def test_page_stylesheet_escapes_the_running_header():
    from pamplemousse.outputs.pdf import page_css

    css = page_css('Le "Val" \\ Est', "État au 1er mars 2027", "Page")
    assert 'content: "Le \\"Val\\" \\\\ Est";' in css
    assert 'content: "Page" " " counter(page) " / " counter(pages);' in css


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_every_document_with_html_can_be_had_as_pdf_but_only_the_steering_tool_as_a_workbook(ws, pmp):
    r = pmp("render", "ressourcerie-du-val", "--doc", "guide", "--format", "pdf")
    assert r.exit_code == 0, r.output
    text = _flat(" ".join(p.extract_text() for p in pypdf.PdfReader(ws / "out" / "guide.pdf").pages))
    mission, _ = load_mission(ws)
    assert _flat(mission.questions.guide[0].text) in text
    r = pmp("render", "ressourcerie-du-val", "--doc", "rapport", "--format", "xlsx")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : --format xlsx{NB}: format inconnu{NB}; formats possibles{NB}: html, md, pdf, docx, odt\n"


@pytest.mark.slow
@pytest.mark.needs("pango")
def test_pdf_splits_no_table_row_across_pages(ws):
    """Laid out by WeasyPrint as for the PDF: every body row of every table sits on one page
    (header rows are repeated on each page on purpose)."""
    from datetime import date

    import weasyprint
    from weasyprint.formatting_structure import boxes

    from pamplemousse.outputs.pdf import page_css
    from pamplemousse.outputs.render import render_outputs

    mission, _ = load_mission(ws)
    html = render_outputs(mission, "pilotage", "html", date(2026, 11, 26))["html"]
    laid_out = weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=page_css("a", "b", "Page"))])
    pages_of: dict[int, set[int]] = {}

    def walk(box, page: int) -> None:
        if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
            return
        if isinstance(box, boxes.TableRowBox):
            pages_of.setdefault(id(box.element), set()).add(page)
        for child in getattr(box, "children", None) or []:
            walk(child, page)

    for n, page in enumerate(laid_out.pages):
        walk(page._page_box, n)  # WeasyPrint's layout tree (no public accessor)
    assert len(laid_out.pages) > 3 and len(pages_of) > 50
    assert [rows for rows in pages_of.values() if len(rows) > 1] == []
