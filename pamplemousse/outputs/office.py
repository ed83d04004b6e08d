"""A document as Word (`--format docx`) or LibreOffice (`--format odt`), made from its HTML.

The documents a consultant edits before sending (cadrage, rapport, bilan, suivi)
are rendered to HTML by their templates as usual; this module reads that HTML
back into blocks (headings, paragraphs, list items, tables) and writes them with
python-docx or odfpy, with the word processors' own heading styles (so the
outline, the table of contents and the styles menu work), real tables, and a
footer with the page number. One reading of one HTML, so the editable copy
says what the HTML says, word for word, for the same audience.

Why these two libraries rather than LibreOffice converting the HTML or pandoc:
both are pure Python wheels (python-docx needs lxml), make a file in a few
milliseconds without a 300 MB office suite or a subprocess, and give control of
the styles; each is optional (`pip install 'pamplemousse[office]'`). When one is
missing, the render stops before anything is written, naming what to install.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pamplemousse.errors import UsageError

EXTRA = "office"
_LIBRARY = {"docx": ("docx", "python-docx"), "odt": ("odf", "odfpy")}
_SKIPPED = {"style", "script", "svg", "nav", "template", "head"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "caption", "blockquote", "dt", "dd", "figcaption", "div", "section",
           "article", "header", "footer", "main", "ul", "ol", "dl", "table"}


@dataclass
class Block:
    kind: str  # "h1".."h4", "p", "li", "caption", "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    head: int = 0  # header rows of a table


class _Reader(HTMLParser):
    """HTML -> blocks: the text of the page without its styles, scripts, charts and navigation."""

    def __init__(self, colon: str):
        super().__init__(convert_charrefs=True)
        self.colon = colon
        self.blocks: list[Block] = []
        self.skip = 0
        self.buffer: list[str] = []
        self.kind = "p"
        self.label: str | None = None
        self.table: Block | None = None
        self.row: list[str] | None = None
        self.in_head = False
        self.hidden = 0

    def _flush(self) -> str:
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self.buffer)).strip(" \t\r\n\f")  # no-break spaces kept
        self.buffer = []
        return text

    def _emit(self) -> None:
        text = self._flush()
        if not text or self.row is not None:
            return
        if self.kind == "dt":
            self.label = text
            return
        if self.kind == "dd" and self.label:
            text, self.label = f"{self.label}{self.colon}{text}", None
        kind = self.kind if self.kind in ("h1", "h2", "h3", "h4", "li", "caption") else "p"
        if self.table is not None and kind == "caption":
            self.table.text = text
            return
        self.blocks.append(Block(kind, text))

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or tag in _SKIPPED or "skip" in classes or "visually-hidden" in classes:
            self.skip += tag not in ("br", "img", "meta", "link", "input")
            return
        if tag == "br":
            self.buffer.append(" ")
        elif tag == "table":
            self._emit()
            self.table = Block("table")
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.buffer = []
        elif tag in _BLOCKS:
            self._emit()
            self.kind = tag

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
            return
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self._flush())
        elif tag == "tr" and self.table is not None and self.row is not None:
            if any(self.row):
                self.table.rows.append(self.row)
                self.table.head += self.in_head
            self.row = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "table" and self.table is not None:
            if self.table.rows:
                self.blocks.append(self.table)
            self.table = None
        elif tag in _BLOCKS:
            self._emit()
            self.kind = "p"

    def handle_data(self, data):
        if not self.skip:
            self.buffer.append(data)


def blocks_of(html: str, colon: str = "\u00a0: ") -> list[Block]:
    reader = _Reader(colon)
    reader.feed(html)
    reader.close()
    reader._emit()
    return reader.blocks


def _require(fmt: str):
    module, package = _LIBRARY[fmt]
    try:
        return __import__(module)
    except ImportError:
        raise UsageError(key="format_needs", fmt=fmt, package=package, extra=EXTRA) from None


def office_document(fmt: str, html: str, lang: str) -> bytes:
    """The HTML document as .docx or .odt bytes."""
    _require(fmt)
    colon = "\u00a0: " if lang == "fr" else ": "
    blocks = blocks_of(html, colon)
    title = next((b.text for b in blocks if b.kind == "h1"), "")
    if fmt == "docx":
        from pamplemousse.outputs.office_docx import docx_bytes

        return docx_bytes(blocks, title, lang)
    from pamplemousse.outputs.office_odt import odt_bytes

    return odt_bytes(blocks, title, lang)


def to_bytes(save) -> bytes:
    buffer = io.BytesIO()
    save(buffer)
    return buffer.getvalue()
