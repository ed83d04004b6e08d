"""A document as Word (`--format docx`) or LibreOffice (`--format odt`), written from its view.

The documents a consultant edits before sending (cadrage, rapport, bilan, suivi)
are laid out from the view their templates read (outputs/outlines.py: headings,
paragraphs, lists and tables, never HTML read back), then written with
python-docx or odfpy with the word processors' own heading styles (so the
outline, the table of contents and the styles menu work), real tables, and a
footer with the page number. Same view, same audience, same words as the HTML
and the Markdown.

Why these two libraries rather than LibreOffice converting the HTML or pandoc:
both are pure Python wheels (python-docx needs lxml), make a file in a few
milliseconds without a 300 MB office suite or a subprocess, and give control of
the styles; each is optional (`pip install 'pamplemousse[office]'`). When one is
missing, the render stops before anything is written, naming what to install.
"""

from __future__ import annotations

from pamplemousse.errors import UsageError
from pamplemousse.outputs.outline import View

EXTRA = "office"
_LIBRARY = {"docx": ("docx", "python-docx"), "odt": ("odf", "odfpy")}


def _require(fmt: str) -> None:
    module, package = _LIBRARY[fmt]
    try:
        __import__(module)
    except ImportError:
        raise UsageError(key="format_needs", fmt=fmt, package=package, extra=EXTRA) from None


def office_document(fmt: str, doc: str, view: View, lang: str) -> bytes:
    """The document `doc` (cadrage, rapport, bilan, suivi) from its view, as .docx or .odt bytes."""
    from pamplemousse.outputs.outlines import OUTLINES

    _require(fmt)
    outline = OUTLINES[doc](view)
    if fmt == "docx":
        from pamplemousse.outputs.office_docx import docx_bytes

        return docx_bytes(outline, lang)
    from pamplemousse.outputs.office_odt import odt_bytes

    return odt_bytes(outline, lang)
