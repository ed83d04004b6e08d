"""The report and the interview guide on A4, as `pmp render --format pdf` makes them (WeasyPrint),
read back with pypdf and rasterised with poppler's pdftoppm; and a consultancy's 0.1 base.html.j2
that still shows one drawing of each chart, on paper and in Chromium.

- The report's summary is its first page, alone: its last item on page 1, the framing at the top
  of page 2.
- The guide has no state date (« État au … ») anywhere and no footer about confidential notes when
  blank; its header block (person, date, place, consent) is on page 1; and its pages are used: on
  every page but the last, the lowest ink of the page body is in its lower fifth
  (measured on the raster: the last ruled line for notes runs down near the foot).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import located

pytestmark = [
    pytest.mark.slow,
    pytest.mark.needs("pango", "pdftoppm"),
]
AS_OF = "2026-11-26"
BOTTOM_MARGIN_MM = 18  # outputs/pdf.py: @page margin 20mm 15mm 18mm
FILLED_FROM = 0.78  # the lowest ink of a page's body, as a share of the page's height (the body ends at 0.94)


def _pdf(pmp, mission: Path, *args: str) -> bytes:
    result = pmp("render", str(mission), "--as-of", AS_OF, "--format", "pdf", *args)
    assert result.exit_code == 0, result.output
    return next((mission / "out").glob("*.pdf")).read_bytes()


def _texts(pdf: bytes) -> list[str]:
    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def lowest_ink(pdf: bytes, dpi: int = 50) -> list[float]:
    """For each page, the lowest row holding ink above the bottom margin, as a share of the page's height."""
    from PIL import Image

    shares = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), str(Path(folder) / "p")],
                       capture_output=True, check=True)
        for png in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            image = Image.open(png).convert("L")
            width, height = image.size
            foot = int(height * (297 - BOTTOM_MARGIN_MM) / 297)
            body = image.crop((0, 0, width, foot)).point(lambda v: 255 if v < 200 else 0)
            box = body.getbbox()
            shares.append((box[3] if box else 0) / height)
    return shares


# the report -------------------------------------------------------------------------


def test_the_report_summary_is_its_first_page_alone(pmp, example):
    pages = _texts(_pdf(pmp, example, "--doc", "rapport"))
    first, second = pages[0], pages[1]
    for words in ("Synthèse", "Ce qui nous a été demandé", "L’essentiel de ce que nous avons entendu",
                  "Les préconisations en un coup d’œil", "Et maintenant"):
        assert words in first, words
    assert "R10 Organiser une immersion de cinq jours" in first  # the table's last row
    assert "Bilan des points à un mois" in first  # the summary's last item
    assert "Cadrage de la mission" not in first
    assert "Cadrage de la mission" in second  # the next section starts the second page
    for words in ("Synthèse", "Et maintenant", "Bilan des points à un mois", "Suivi du DLA"):
        assert words not in second, words


# the guide ----------------------------------------------------------------------------


@pytest.fixture
def guide_pdf(pmp, example) -> bytes:
    return _pdf(pmp, example, "--doc", "guide")


def test_a_blank_guide_has_no_state_date_nor_the_confidential_footer(guide_pdf):
    text = " ".join(_texts(guide_pdf))
    assert "État au" not in text
    assert "propos confidentiels" not in text
    first = _texts(guide_pdf)[0]
    for words in ("Personne rencontrée", "Date", "Lieu", "Accord pour être cité·e", "☐ oui", "☐ non"):
        assert words.lower() in first.lower(), words


def test_the_guide_uses_its_pages_down_to_their_foot(guide_pdf):
    shares = lowest_ink(guide_pdf)
    assert len(shares) >= 3
    assert all(share >= FILLED_FROM for share in shares[:-1]), [round(s, 2) for s in shares]


def test_the_fill_check_can_fail(pmp, example):
    """The guide of 0.2 (its notes drawn as a gradient WeasyPrint barely paints, each question kept
    whole) left its pages a third empty: the check finds it."""
    own = example.parent.parent / "templates" / "html" / "guide.html.j2"
    own.parent.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "golden" / "guide-0.2.html.j2", own)
    shares = lowest_ink(_pdf(pmp, example, "--doc", "guide"))
    assert not all(share >= FILLED_FROM for share in shares[:-1]), [round(s, 2) for s in shares]


def test_the_guide_of_a_session_keeps_its_audience_but_no_state_date(pmp, example):
    text = " ".join(_texts(_pdf(pmp, example, "--doc", "guide", "--session", "S3")))
    assert "État au" not in text
    assert "Document interne" in text and "10 mars 2026" in text


# a base.html.j2 from 0.1 -----------------------------------------------------------------

GOLDEN_01 = Path(__file__).parent / "golden" / "override-0.1"


@pytest.fixture
def old_base(example) -> Path:
    own = example.parent.parent / "templates" / "html" / "base.html.j2"
    own.parent.mkdir(parents=True)
    shutil.copy(GOLDEN_01 / "base.html.j2", own)
    return own


def _svg_boxes(html: str) -> dict[str, int]:
    """How many laid-out boxes WeasyPrint gives the wide and the narrow drawings of the charts."""
    import weasyprint

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    found = {"pmp-wide": 0, "pmp-narrow": 0}
    for page in weasyprint.HTML(string=html).render().pages:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and str(element.tag).endswith("svg") and str(box.element_tag).endswith("svg"):
                for cls in found:
                    found[cls] += cls in (element.get("class") or "").split()
    return found


def _html(pmp, example, doc: str) -> str:
    result = pmp("render", str(example), "--as-of", AS_OF, "--doc", doc, "--format", "html")
    assert result.exit_code == 0, result.output
    return (example / "out" / f"{doc}.html").read_text("utf-8")


@pytest.mark.parametrize("doc", ["rapport", "pilotage"])
def test_a_0_1_base_prints_one_drawing_of_each_chart(pmp, example, old_base, doc):
    """One box per chart on paper: its wide drawing, or its narrow one where the document's own print
    rules choose it (the pilotage's indicators and matrix), never both."""
    assert "pmp-narrow" not in old_base.read_text("utf-8")  # written before the narrow drawings
    html = _html(pmp, example, doc)
    charts = html.count(" pmp-wide\"")
    assert charts == html.count(" pmp-narrow\"") >= 3
    boxes = _svg_boxes(html)
    assert boxes["pmp-wide"] + boxes["pmp-narrow"] == charts
    if doc == "rapport":
        assert boxes["pmp-narrow"] == 0


def test_the_check_sees_both_drawings_printed(pmp, example, old_base):
    """Without the chart's own rule, the 0.1 base prints both drawings: the check can fail."""
    from pamplemousse.outputs.charts import TWIN_RULE

    html = _html(pmp, example, "rapport")
    assert TWIN_RULE in html
    boxes = _svg_boxes(html.replace(TWIN_RULE, ""))
    assert boxes["pmp-narrow"] == boxes["pmp-wide"] == 3


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("width, shown, hidden", [(1280, "pmp-wide", "pmp-narrow"), (390, "pmp-narrow", "pmp-wide")])
def test_a_0_1_base_shows_one_drawing_of_each_chart_in_chromium(pmp, example, old_base, width, shown, hidden):
    from playwright.sync_api import sync_playwright

    _html(pmp, example, "pilotage")
    path = example / "out" / "pilotage.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=located("chromium"), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(path.as_uri())
            displays = page.evaluate(
                "cls => [...document.querySelectorAll('svg.pmp-chart.' + cls)].map(s => getComputedStyle(s).display)",
                shown)
            assert displays and all(d == "block" for d in displays)
            displays = page.evaluate(
                "cls => [...document.querySelectorAll('svg.pmp-chart.' + cls)].map(s => getComputedStyle(s).display)",
                hidden)
            assert displays and all(d == "none" for d in displays)
        finally:
            browser.close()
