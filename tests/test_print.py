"""The outil de pilotage on A4 paper, as a reader sees it: WeasyPrint's PDF, rasterised by poppler.

The PDF's text layer is not enough: text painted over by a white stroke (SVG
paint-order, which WeasyPrint ignores) is still extractable. So the chart
labels are checked on the rendered page: the page is rasterised (pdftoppm,
from Debian's poppler-utils) with and without the labels' text, and the labels
must change enough pixels to be seen. The same comparison run on labels drawn
the old way (a white stroke with paint-order) finds them invisible: the check
can fail.
"""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pamplemousse.outputs.pdf import page_css
from pamplemousse.outputs.render import render_texts
from pamplemousse.read.load import load_or_fail

pytestmark = [
    pytest.mark.slow,
    pytest.mark.needs("pango", "pdftoppm"),
]
AS_OF = date(2026, 11, 26)
LABEL = re.compile(r'(<g class="label"><rect[^>]*/>)(<text[^>]*>.*?</text>)(</g>)')


def pdf_of(html: str) -> bytes:
    import weasyprint

    css = weasyprint.CSS(string=page_css("La Ressourcerie du Val", "État au 26 novembre 2026", "Page"))
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[css])


def page_image(pdf: bytes, page: int, dpi: int = 150):
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        str(path), str(Path(folder) / "page")], capture_output=True, check=True)
        return Image.open(Path(folder) / "page.png").convert("L")


def changed_pixels(a, b) -> int:
    """Pixels dark in one image and light in the other (a glyph drawn in one only)."""
    from PIL import ImageChops

    diff = ImageChops.difference(a, b)
    return sum(1 for value in diff.tobytes() if value > 96)


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> str:
    from conftest import EXAMPLE

    mission = load_or_fail(EXAMPLE)
    return render_texts(mission, "pilotage", "html", AS_OF)["html"]


@pytest.fixture(scope="module")
def pdf(html) -> bytes:
    return pdf_of(html)


def pages_text(pdf: bytes) -> list[str]:
    import pypdf

    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_example_pilotage_fits_in_twelve_a4_pages(pdf):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 12
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_the_first_page_stands_alone(pdf):
    first = " ".join(pages_text(pdf)[0].split())
    for words in ("La Ressourcerie du Val", "État au 26 novembre 2026", "À traiter en priorité",
                  "Avancement global", "45 %", "R6", "R5", "R8"):
        assert words.lower() in first.lower(), words
    assert "Prochaines échéances" not in first  # the plan's details start on page 2


def font_sizes(pdf: bytes, page: int) -> dict[str, float]:
    """Each text run of a page with its size on paper (points)."""
    import pypdf

    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            sizes.setdefault(" ".join(text.split()), round(size * scale, 2))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text(visitor_text=visit)
    return sizes


def test_body_text_is_at_least_9_pt_and_column_headers_no_larger(pdf):
    texts = pages_text(pdf)
    page = next(i for i, t in enumerate(texts, 1) if "Prochaines échéances" in t)
    sizes = font_sizes(pdf, page)
    cell = next(s for t, s in sizes.items() if "Décision du conseil" in t)
    header = next(s for t, s in sizes.items() if "RESPONSABLE" in t)
    assert cell >= 9 and header <= cell
    plan = next(i for i, t in enumerate(texts, 1) if "Plan d’action" in t)
    body = [s for t, s in font_sizes(pdf, plan).items() if len(t) > 60]  # the paragraphs of the plan
    assert body and min(body) >= 9


def test_no_heading_ends_a_page(pdf):
    for text in pages_text(pdf)[:-1]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        last = [line for line in lines if not line.startswith("Page ")][-1]
        assert last not in ("Prochaines échéances", "Tableau de bord", "Plan d’action", "Indicateurs",
                            "Dernier comité de pilotage", "Calendrier du plan d’action", "Impact et effort")


def test_two_or_three_indicators_a_page(pdf):
    counts = [len(re.findall(r"^I\d+ · ", t, re.M)) for t in pages_text(pdf)]
    with_indicators = [c for c in counts if c]
    assert sum(with_indicators) == 7
    assert max(with_indicators) <= 3 and all(c >= 2 for c in with_indicators[1:])


def test_chart_labels_are_visible_on_the_printed_page(html, pdf):
    page = next(i for i, t in enumerate(pages_text(pdf), 1) if re.search(r"^I1 · ", t, re.M))
    assert LABEL.search(html), "no chart label on a white rectangle"
    without = pdf_of(LABEL.sub(r"\1\3", html))
    shown = changed_pixels(page_image(pdf, page), page_image(without, page))
    assert shown > 400, f"the labels change {shown} pixels: they are not seen"
    # the old way (a white stroke painted with paint-order, which WeasyPrint ignores) hides them: the check can fail
    halo = LABEL.sub(lambda m: m[1].replace('fill="#ffffff"', 'fill="none"')
                     + m[2].replace("<text ", '<text stroke="#ffffff" stroke-width="3" paint-order="stroke" ', 1)
                     + m[3], html)
    hidden = changed_pixels(page_image(pdf_of(halo), page), page_image(without, page))
    assert hidden < shown / 4, (hidden, shown)
