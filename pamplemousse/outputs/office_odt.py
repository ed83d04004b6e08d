"""A document's outline (outline.py) written as .odt by odfpy: LibreOffice's own styles
(Title, Heading 1–3 with their outline levels, List Bullet as list items, Quote, Table
Heading and Table Contents, Caption), A4 pages and a footer « Page N / M »."""

from __future__ import annotations

import io
from typing import Any

from pamplemousse.outputs.outline import Bullets, Heading, Outline, Paragraph, Table

_LEVELS = (1, 2, 3)


def _styles(doc: Any) -> tuple[dict[str, Any], Any]:
    from odf.style import (
        Footer,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TextProperties,
    )

    def paragraph(name: str, size: str | None = None, bold: bool = False, outline: int | None = None,
                  italic: bool = False, space: str = "0.15cm") -> Any:
        style = Style(name=name.replace(" ", "_20_"), displayname=name, family="paragraph", **({"defaultoutlinelevel": str(outline)} if outline else {}))
        style.addElement(ParagraphProperties(margintop=space, marginbottom=space))
        props = {"fontsize": size} if size else {}
        if bold:
            props["fontweight"] = "bold"
        if italic:
            props["fontstyle"] = "italic"
        if props:
            style.addElement(TextProperties(**props))
        doc.styles.addElement(style)
        return style

    named = {
        "p": paragraph("Text Body", "10.5pt"),
        "title": paragraph("Title", "20pt", bold=True, space="0.3cm"),
        "caption": paragraph("Caption", "9.5pt", italic=True),
        "cell": paragraph("Table Contents", "9.5pt", space="0.05cm"),
        "head": paragraph("Table Heading", "9.5pt", bold=True, space="0.05cm"),
        "li": paragraph("List Bullet", "10.5pt", space="0.05cm"),
        "footer": paragraph("Footer", "8pt"),
        "strong": paragraph("Text Body Strong", "10.5pt", bold=True),
        "note": paragraph("Text Body Note", "10.5pt", italic=True),
        "quote": paragraph("Quote", "10.5pt", italic=True),
    }
    for level in _LEVELS:
        named[f"h{level}"] = paragraph(f"Heading {level}", ("16pt", "13pt", "11pt")[level - 1], bold=True, outline=level)
    bold = Style(name="Strong_20_Emphasis", displayname="Strong Emphasis", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(bold)
    named["label"] = bold
    cell = Style(name="Cell", family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #888888", padding="0.08cm"))
    doc.automaticstyles.addElement(cell)
    named["tablecell"] = cell
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margin="2cm", printorientation="portrait"))
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    return named, footer


def _table(body: Any, b: Table, n: int, named: dict[str, Any]) -> None:
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import P

    if b.caption:
        body.addElement(P(stylename=named["caption"], text=b.caption))
    width = max(len(b.head), *(len(r) for r in b.rows))
    table = OdfTable(name=f"Table{n + 1}")
    table.addElement(TableColumn(numbercolumnsrepeated=width))
    head = TableHeaderRows()  # repeated on every page
    table.addElement(head)
    for i, row in enumerate([b.head, *b.rows]):
        tr = TableRow()
        for j in range(width):
            cell = TableCell(stylename=named["tablecell"], valuetype="string")
            cell.addElement(P(stylename=named["head" if i == 0 else "cell"], text=row[j] if j < len(row) else ""))
            tr.addElement(cell)
        (head if i == 0 else table).addElement(tr)
    body.addElement(table)


def _paragraph(b: Paragraph, named: dict[str, Any]) -> Any:
    from odf.text import P, Span

    p = P(stylename=named.get(b.style) or named["p"])
    if b.label:
        p.addElement(Span(stylename=named["label"], text=b.label))
    p.addText(b.text)
    return p


def odt_bytes(outline: Outline, lang: str) -> bytes:
    from odf.dc import Language, Title
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P, PageCount, PageNumber

    doc = OpenDocumentText()
    doc.meta.addElement(Title(text=outline.title))
    doc.meta.addElement(Language(text=lang))
    named, footer = _styles(doc)
    line = P(stylename=named["footer"], text="Page ")
    line.addElement(PageNumber(selectpage="current", text="1"))
    line.addText(" / ")
    line.addElement(PageCount(text="1"))
    footer.addElement(line)
    body = doc.text
    for n, b in enumerate(outline.blocks):
        if isinstance(b, Heading):
            if b.level == 0:
                body.addElement(P(stylename=named["title"], text=b.text))
            else:
                level = min(b.level, _LEVELS[-1])
                body.addElement(H(outlinelevel=level, stylename=named[f"h{level}"], text=b.text))
        elif isinstance(b, Bullets):
            items = List()
            for i, text in enumerate(b.items, 1):
                item = ListItem()  # a numbered list says its numbers in the text: no list style to define
                item.addElement(P(stylename=named["li"], text=f"{i}. {text}" if b.numbered else text))
                items.addElement(item)
            body.addElement(items)
        elif isinstance(b, Table):
            _table(body, b, n, named)
        else:
            body.addElement(_paragraph(b, named))
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()
