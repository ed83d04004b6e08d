"""A document as word processors hold it: headings, paragraphs, lists and tables, in reading order.

The documents a consultant edits before sending (outputs/outlines.py) are laid
out as these blocks from their view, then written by python-docx or odfpy
(office_docx.py, office_odt.py) with the word processors' own styles. No HTML
is read back: each block says what it is (a heading of level 2, a table with
its header row), so the outline, the table of contents and the styles menu of
Word and LibreOffice work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Heading:
    level: int  # 0: the document's title, then 1, 2, 3
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str | None = None  # a bold label before the text (« Responsable : »)
    style: str = ""  # "" | "strong" | "note" (italic) | "quote"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Union[Heading, Paragraph, Bullets, Table]
View = dict[str, Any]  # the document's view, as its templates read it


@dataclass
class Outline:
    """The blocks of one document, added in reading order; `colon` joins a label to its value."""

    title: str = ""
    colon: str = ": "
    blocks: list[Block] = field(default_factory=list)

    def heading(self, level: int, text: str) -> None:
        if level == 0 and not self.title:
            self.title = text
        self.blocks.append(Heading(level, text))

    def para(self, text: str | None, style: str = "") -> None:
        if text:
            self.blocks.append(Paragraph(text, style=style))

    def field(self, label: str, value: str | None) -> None:
        """« label : value », when there is a value."""
        if value:
            self.blocks.append(Paragraph(value, label=f"{label}{self.colon}"))

    def items(self, items: Iterable[str], numbered: bool = False) -> None:
        listed = tuple(i for i in items if i)
        if listed:
            self.blocks.append(Bullets(listed, numbered))

    def listed(self, level: int, title: str, items: list[str]) -> None:
        """A heading and its list, when the list has items."""
        if items:
            self.heading(level, title)
            self.items(items)

    def table(self, head: Iterable[str], rows: Iterable[Iterable[str | None]], caption: str = "") -> None:
        body = tuple(tuple(c or "" for c in row) for row in rows)
        if body:
            self.blocks.append(Table(tuple(head), body, caption))


def dash(value: str | None) -> str:
    """A cell's value, or « — » when there is none."""
    return value or "—"


def start(d: View, doc_title: str) -> Outline:
    """The top of every document: the internal mark, the title, the mission and its consultants."""
    head, words = d["header"], d["labels"]
    o = Outline(colon=words["common"]["colon"])
    if d["audience"]["internal"]:
        o.para(d["audience"]["mark"], style="strong")
    o.heading(0, f"{doc_title} · {head['client']}")
    o.para(head["mission_title"], style="strong")
    o.field(words["rapport"]["consultants"], ", ".join(head["consultants"]))
    return o


def end(o: Outline, d: View) -> Outline:
    o.para(f"{d['header']['state_on']} · {d['audience']['label']}", style="note")
    return o


def phases(o: Outline, R: dict[str, Any], listed: list[dict[str, Any]], total: str | None, total_label: str,
           budget: str | None = None, funded: str = "") -> None:
    """The table of the mission's phases (dates and days), with its total and the days funded."""
    rows = [[p["title"], p["start"]["short"] if p["start"] else "—", p["end"]["short"] if p["end"] else "—",
             dash(p["days"])] for p in listed]
    if total:
        rows.append([total_label, "", "", total])
    if budget:
        rows.append([funded, "", "", budget])
    o.table([R["col_phase"], R["col_start"], R["col_end"], R["col_days"]], rows)


def named(people: list[dict[str, Any]]) -> str:
    return ", ".join(f"{p['name']} ({p['role']})" if p.get("role") else p["name"] for p in people)
