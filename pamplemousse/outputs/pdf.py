"""A document as PDF (`pmp render --format pdf`): its HTML, laid out by WeasyPrint.

WeasyPrint is an optional extra (`pip install 'pamplemousse[pdf]'`): it brings
Pango and fonts with it, which a consultant who only wants HTML does not need.
When it is missing, the render stops with a message naming the extra, before
anything is written.

The page comes from the HTML template's print stylesheet (A4, no table row
split across pages, charts as inline SVG, hence vectors). This module adds only
what belongs to paper and that a browser's print dialog does itself: a running
header with the mission and the date of the state, and page numbers, in @page
margin boxes of a small stylesheet passed to WeasyPrint beside the document's
own, so the HTML templates stay as they are.
"""

from __future__ import annotations

from pamplemousse.errors import UsageError
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission

EXTRA = "pdf"

# Paper only: the running header and page numbers, and tables that fit the width
# of A4 (their text at 9 pt, their headers at 8, never larger than the body) (on screen they scroll sideways instead); a recommendation's card may run
# onto the next page, so that a heading is never left alone at the foot of one,
# while a table row, a figure and an indicator stay whole. WeasyPrint takes this
# sheet as a user stylesheet, which the document's own rules outrank: the rules
# that change the document's are marked !important.
_PAGE_CSS = """
@page {{
  size: A4;
  margin: 20mm 15mm 18mm 15mm;
  @top-left {{ content: {left}; font: 8pt {font}; color: #555; }}
  @top-right {{ content: {right}; font: 8pt {font}; color: #555; white-space: nowrap; }}
  @bottom-right {{ content: {page} " " counter(page) " / " counter(pages); font: 8pt {font}; color: #555; }}
}}
table {{ font-size: 9pt !important; }}
th, td {{ padding: 1mm 1.6mm !important; }}
thead th {{ font-size: 8pt !important; white-space: normal !important; letter-spacing: 0 !important; }}
.wide {{ min-width: 0 !important; }}
article.rec {{ break-inside: auto !important; page-break-inside: auto !important; }}
tr, figure, svg, .indicator {{ break-inside: avoid !important; page-break-inside: avoid !important; }}
"""
_FONT = '"Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif'


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_css(running_left: str, running_right: str, page_word: str) -> str:
    """The stylesheet for paper: running header (left and right) and 'Page n / N'."""
    return _PAGE_CSS.format(left=css_string(running_left), right=css_string(running_right),
                            page=css_string(page_word), font=_FONT)


def weasyprint_module():
    """WeasyPrint, or a UsageError saying how to get it."""
    try:
        import weasyprint
    except ImportError:
        raise UsageError(key="pdf_needs_extra", extra=EXTRA) from None
    except OSError:  # installed, but the system's Pango cannot be loaded
        raise UsageError(key="pdf_needs_pango") from None
    return weasyprint


def pdf_bytes(html: str, running_left: str, running_right: str, page_word: str) -> bytes:
    """The PDF of a self-contained HTML document, with the running header and page numbers.

    Nothing is fetched: the document holds everything (a template override that
    points at a file or a web address gets the resource left out, as in a
    browser with the network cut), only `data:` URLs are read.
    """
    weasyprint = weasyprint_module()
    fetcher = _inline_only_fetcher(weasyprint)
    extra = weasyprint.CSS(string=page_css(running_left, running_right, page_word))
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[extra])


def _inline_only_fetcher(weasyprint):
    """A URL fetcher that reads `data:` URLs only (WeasyPrint 70 and later, or earlier)."""
    if hasattr(weasyprint, "URLFetcher"):
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args, **kwargs):  # pragma: no cover - WeasyPrint before 70
        if not url.startswith("data:"):
            raise ValueError(f"pmp does not fetch {url[:60]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def document_pdf(mission: Mission, state: PlanState, lang: str, html: str, dated: bool = True) -> bytes:
    """The PDF of a rendered document: the mission and the client in the header, the state's date
    (unless not `dated`: an interview guide, filled in on the day)."""
    from pamplemousse.text.i18n import Formats, labels
    from pamplemousse.text.typography import typeset

    common = labels(lang)["common"]
    left = f"{mission.meta.client.name} — {mission.meta.title}"
    left = typeset(left) if lang == "fr" else left  # as the document's own header shows them
    right = common["state_on"].format(date=Formats(lang).date(state.as_of)) if dated else ""
    return pdf_bytes(html, left, right, common["page_of"])
