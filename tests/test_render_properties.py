"""Property-based tests of the rendered documents (Hypothesis).

Whatever text a consultant puts in a text field, the HTML parses and gives that
text back, and every Markdown table keeps its number of cells.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamplemousse.outputs.render import render_texts
from pamplemousse.read.load import load_mission
from pamplemousse.text.typography import typeset

AS_OF = date(2026, 11, 26)
BASE, _ = load_mission(EXAMPLE)

# What the loader lets through: no control characters but newline, no surrogates,
# no bidi overrides, no non-characters; plus the characters that break markup.
_CHARS = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Co", "Cn"),
            blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
        ),
        st.sampled_from(list("<>&\"'|#*_`[]\\-+.!:\n")),
    ),
    max_size=30,
)
_TRAPS = st.sampled_from(["</td>", "<script>", "&amp;", "| --- |", "\n# ", "\n- ", "1. ", "**", "<!--"])
TEXT = st.lists(st.one_of(_CHARS, _TRAPS), min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


def _with_text(field: str, text: str):
    """The example mission with one text field replaced by `text`."""
    recs = list(BASE.recommendations)
    if field in ("title", "owner", "description"):
        recs[0] = recs[0].model_copy(update={field: text})
        return dataclasses.replace(BASE, recommendations=recs)
    if field == "indicator":
        ind = recs[0].indicators[0].model_copy(update={"name": text})
        recs[0] = recs[0].model_copy(update={"indicators": [ind, *recs[0].indicators[1:]]})
        return dataclasses.replace(BASE, recommendations=recs)
    if field == "note":
        journal = list(BASE.journal)
        i = max(i for i, e in enumerate(journal) if e.recommendation == recs[0].id and e.date <= AS_OF)
        journal[i] = journal[i].model_copy(update={"note": text})
        return dataclasses.replace(BASE, journal=journal)
    if field == "decision":
        journal = list(BASE.journal)
        i = max(i for i, e in enumerate(journal) if e.committee is not None)
        journal[i] = journal[i].model_copy(update={"decisions": [text, *journal[i].decisions[1:]]})
        return dataclasses.replace(BASE, journal=journal)
    raise AssertionError(field)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


FIELDS = st.sampled_from(["title", "owner", "description", "indicator", "note", "decision"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=FIELDS, text=TEXT)
def test_any_text_comes_back_out_of_the_html(field, text):
    html = render_texts(_with_text(field, text), "pilotage", ["html"], AS_OF)["html"]
    parser = _Text()
    parser.feed(html)
    parser.close()
    # pmp's own scripts only, whatever the text: the presentation mode's, the update form's and its data (JSON)
    assert html.lower().replace("&lt;script", "").count("<script") == 3 and html.count("<script>\n(function () {") == 2
    assert html.count('<script type="application/json" id="pmp-update-data">') == 1
    # as a French document shows it: in French typography (text/typography.py, tests/test_typography.py)
    lines = [_words(line) for line in typeset(text).splitlines() if line.strip()]
    shown = _words(" \n".join(parser.parts))
    for line in lines:
        assert line in shown, (field, text)


PIPE = re.compile(r"(?<!\\)\|")


def _tables(md: str):
    """Each Markdown table as its list of rows (outside fenced blocks)."""
    table, fenced = [], False
    for line in md.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("|"):
            table.append(line)
        elif table:
            yield table
            table = []
    if table:
        yield table


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=FIELDS, text=TEXT)
def test_markdown_tables_keep_their_number_of_cells(field, text):
    md = render_texts(_with_text(field, text), "pilotage", ["md"], AS_OF)["md"]
    tables = list(_tables(md))
    for table in tables:
        widths = {len(PIPE.findall(row)) for row in table}
        assert len(widths) == 1, (field, text, table)
    # the same tables, in the same order, with as many rows and cells as without the text
    assert [(len(t), len(PIPE.findall(t[0]))) for t in tables] == BASE_TABLES, (field, text)
    assert _headings(md) == BASE_HEADINGS, (field, text)


def _headings(md: str) -> int:
    """Headings outside fenced blocks: user text must never add one."""
    count, fenced = 0, False
    for line in md.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        count += not fenced and bool(re.match(r"#{1,6}(\s|$)", line))
    return count


BASE_TABLES = [(len(t), len(PIPE.findall(t[0])))
               for t in _tables(render_texts(BASE, "pilotage", ["md"], AS_OF)["md"])]
BASE_HEADINGS = _headings(render_texts(BASE, "pilotage", ["md"], AS_OF)["md"])
