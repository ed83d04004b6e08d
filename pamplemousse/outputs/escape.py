"""User text made inert in Markdown and in Mermaid: one escaping function per target.

`md_escape` (the `md` and `md_cell` filters of the Markdown templates) and
`mermaid_text` (the `mermaid` filter, inside a gantt block). Property-tested
over every free-text field of the five files (tests/test_trust_markup.py).
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(#|[-+=]|\d+[.)])")


def _md_line(line: str) -> str:
    line = _MD_SPECIAL.sub(r"\\\1", line.strip())
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], line)


def _lines(text) -> list[str]:
    if text is None:
        return []
    return [line for line in str(text).splitlines() if line.strip()]


def md_escape(text) -> str:
    """User text made inert in Markdown: special characters escaped on every line, wherever it is put.

    Lines are kept, joined by `<br>` (a line break that a heading, a list item, a
    quote and a table cell all keep, where a newline would end a heading or a
    row), and blank lines dropped, so the text stays in the one block it is put in.
    The one escaping function of Markdown documents (the `md` and `md_cell` filters).
    """
    return "<br>".join(_md_line(line) for line in _lines(text))


md_cell = md_escape  # the filter's older name, for table cells (templates of 0.1 use it)


_MERMAID_BAD = re.compile(r"[#`<>{}\n\r]+")


def mermaid_text(text) -> str:
    """User text for a Mermaid gantt task or section name: its words kept, nothing Mermaid reads as syntax.

    A colon (which ends a task's name) becomes « – », a semicolon a comma; `#`, braces,
    angle brackets, backquotes and line breaks are dropped, and `%` (comments, directives) is
    the full-width « ％ », which Mermaid reads as text. The templates start every task's name
    with « [id] », so no user text starts a line: an id or a title such as `click`, `section`
    or `title` stays a name (checked with Mermaid 11's own parser, tests/test_browser.py).
    """
    if text is None:
        return ""
    cleaned = _MERMAID_BAD.sub(" ", str(text).replace(":", " – ").replace(";", ",").replace("%", "\uff05"))
    return re.sub(r"\s+", " ", cleaned).strip()
