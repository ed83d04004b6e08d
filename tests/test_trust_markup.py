"""Markdown and Mermaid injection (issue 16, case 6), property-tested over every text field of a mission.

Whatever a consultant writes in ANY free-text field of the five files (titles,
names, notes, units, decisions, findings, steps…), the Markdown documents keep
the structure they have with a plain word there: the same blocks, headings,
tables, links and emphasis (markdown-it's tokens), and the same statements in
the Mermaid gantt. Ids such as `click`, `section` or `title` do not break the gantt.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from functools import cache

import pytest
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pamplemousse.outputs.render import render_texts
from pamplemousse.read.load import load_mission

AS_OF = date(2026, 11, 26)
BASE, _ = load_mission(EXAMPLE)
# fields that hold ids, references or enumerated words, not free text
NOT_TEXT = {
    "id", "by", "question", "recommendation", "indicator", "email", "siret", "kind", "phase", "theme", "status",
    "priority", "scheme", "language", "mode", "participants", "because", "sources", "strategies",
    "problem_areas",
}


def _text_paths(obj, path=()):
    """Every free-text value of the mission, as a path of attribute names and list indexes."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name not in NOT_TEXT:
                yield from _text_paths(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _text_paths(item, path + (i,))
    elif isinstance(obj, str):
        yield path


PATHS = [
    (top, *p)
    for top in ("meta", "vision", "questions", "recommendations", "journal")
    for p in _text_paths(getattr(BASE, top))
]


def _set(obj, path, text):
    if not path:
        return text
    head, rest = path[0], path[1:]
    if isinstance(obj, list):
        return [*obj[:head], _set(obj[head], rest, text), *obj[head + 1:]]
    return obj.model_copy(update={head: _set(getattr(obj, head), rest, text)})


def with_text(path, text):
    top, rest = path[0], path[1:]
    return dataclasses.replace(BASE, **{top: _set(getattr(BASE, top), rest, text)})


def _structure(md: str):
    """The Markdown's tokens without their words: blocks, and inline marks other than text and line breaks."""
    from markdown_it import MarkdownIt

    shape = []
    for token in MarkdownIt("commonmark").enable("table").parse(md):
        if token.type == "fence":
            shape.append(("fence", token.info, _mermaid_statements(token.content) if token.info == "mermaid" else ()))
        elif token.type == "inline":
            shape += [
                (c.type, c.tag) for c in token.children or []
                if c.type not in ("text", "softbreak", "hardbreak") and not (c.type == "html_inline" and c.content == "<br>")
            ]
        else:
            shape.append((token.type, token.tag))
    return shape


_STATEMENT = re.compile(
    r"\s*(click|call|href|gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|weekend|title|acctitle|accdescr|section|displaymode|%%|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


def _mermaid_statements(block: str) -> tuple:
    """What Mermaid's gantt lexer sees each line as: a statement keyword, or a task (its text, then « : »)."""
    kinds = []
    for line in block.splitlines():
        m = _STATEMENT.match(line)
        kinds.append(m.group(1).lower() if m else ("task", line.count(":")))
    return tuple(kinds)


DOCS = (("pilotage", "client"), ("rapport", "client"), ("guide", "internal"))


@cache
def _plain_structure(path) -> list:
    return [_structure(render_texts(with_text(path, "Zz"), doc, ["md"], AS_OF, audience=a)["md"]) for doc, a in DOCS]


_CHARS = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                      blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u2028\u2029\x85"),
        st.sampled_from(list("<>&\"'|#*_`[]\\-+.!:;%()\n=")),
    ),
    max_size=20,
)
_TRAPS = st.sampled_from([
    "</td>", "<script>", "&amp;", "| --- |", "\n# ", "\n- ", "1. ", "**", "<!--", "[x](https://e.vil)",
    "click", "section ", "title ", "%%{init}%%", "\n---\n", "```", "~~~", "![i](x.png)", "<https://e.vil>",
])
TEXT = st.lists(st.one_of(_CHARS, _TRAPS), min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


def test_every_kind_of_text_field_is_covered():
    names = {p[-1] if isinstance(p[-1], str) else p[-2] for p in PATHS}
    assert {"title", "owner", "unit", "name", "note", "decisions", "attendees", "text", "vision", "steps",
            "committee"} <= names


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), text=TEXT)
def test_no_text_in_any_field_changes_the_structure_of_a_markdown_document(path, text):
    mission = with_text(path, text)
    for (doc, audience), plain in zip(DOCS, _plain_structure(path)):
        md = render_texts(mission, doc, ["md"], AS_OF, audience=audience)["md"]
        assert _structure(md) == plain, (doc, path, text)


@pytest.mark.parametrize("name", ["click", "section", "title", "Clickable", "dateFormat", "2026-01-01", "todayMarker"])
def test_ids_that_are_mermaid_words_do_not_break_the_gantt(name):
    recs = list(BASE.recommendations)
    old = recs[0].id
    recs[0] = recs[0].model_copy(update={"id": name})
    journal = [e.model_copy(update={"recommendation": name}) if e.recommendation == old else e for e in BASE.journal]
    mission = dataclasses.replace(BASE, recommendations=recs, journal=journal)
    md = render_texts(mission, "pilotage", ["md"], AS_OF)["md"]
    block = md.split("```mermaid\n", 1)[1].split("```", 1)[0]
    plain = render_texts(BASE, "pilotage", ["md"], AS_OF)["md"].split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert _mermaid_statements(block) == _mermaid_statements(plain)
    assert f"    [{name}] " in block  # shown as written, inside the brackets every task's name starts with


def test_an_indicator_unit_is_escaped_in_the_report():
    path = next(p for p in PATHS if p[-1] == "unit")
    md = render_texts(with_text(path, "[gagné](https://e.vil) **"), "rapport", ["md"], AS_OF)["md"]
    assert "\\[gagné\\](https://e.vil) \\*\\*" in md
    assert "[gagné](https" not in md.replace("\\[gagné\\](https", "")
