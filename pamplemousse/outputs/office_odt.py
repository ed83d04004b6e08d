"""Blocks of a document (office.py) written as .odt by odfpy: LibreOffice's own styles
(Title, Heading 1–3 with their outline levels, List Bullet as bulleted list items, Table
Contents, Caption), A4 pages and a footer « Page N / M »."""

from __future__ import annotations

from pamplemousse.outputs.office import Block, to_bytes

_LEVEL = {"h2": 1, "h3": 2, "h4": 3}


def _styles(doc):
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

    def paragraph(name, size=None, bold=False, outline=None, italic=False, space="0.15cm"):
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
        "h1": paragraph("Title", "20pt", bold=True, space="0.3cm"),
        "caption": paragraph("Caption", "9.5pt", italic=True),
        "cell": paragraph("Table Contents", "9.5pt", space="0.05cm"),
        "head": paragraph("Table Heading", "9.5pt", bold=True, space="0.05cm"),
        "li": paragraph("List Bullet", "10.5pt", space="0.05cm"),
        "footer": paragraph("Footer", "8pt"),
    }
    for tag, level in _LEVEL.items():
        named[tag] = paragraph(f"Heading {level}", ("16pt", "13pt", "11pt")[level - 1], bold=True, outline=level)
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


def odt_bytes(blocks: list[Block], title: str, lang: str) -> bytes:
    from odf.dc import Language, Title
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, List, ListItem, P, PageCount, PageNumber

    doc = OpenDocumentText()
    doc.meta.addElement(Title(text=title))
    doc.meta.addElement(Language(text=lang))
    named, footer = _styles(doc)
    line = P(stylename=named["footer"], text="Page ")
    line.addElement(PageNumber(selectpage="current", text="1"))
    line.addText(" / ")
    line.addElement(PageCount(text="1"))
    footer.addElement(line)
    body = doc.text
    bullets = None
    for n, b in enumerate(blocks):
        if b.kind != "li":
            bullets = None
        if b.kind in _LEVEL:
            body.addElement(H(outlinelevel=_LEVEL[b.kind], stylename=named[b.kind], text=b.text))
        elif b.kind == "li":
            if bullets is None:
                bullets = List()
                body.addElement(bullets)
            item = ListItem()
            item.addElement(P(stylename=named["li"], text=b.text))
            bullets.addElement(item)
        elif b.kind == "table":
            if b.text:
                body.addElement(P(stylename=named["caption"], text=b.text))
            width = max(len(r) for r in b.rows)
            table = Table(name=f"Table{n + 1}")
            table.addElement(TableColumn(numbercolumnsrepeated=width))
            head = TableHeaderRows() if b.head else None
            if head is not None:
                table.addElement(head)
            for i, row in enumerate(b.rows):
                tr = TableRow()
                for j in range(width):
                    cell = TableCell(stylename=named["tablecell"], valuetype="string")
                    cell.addElement(P(stylename=named["head" if i < b.head else "cell"], text=row[j] if j < len(row) else ""))
                    tr.addElement(cell)
                (head if head is not None and i < b.head else table).addElement(tr)
            body.addElement(table)
        else:
            body.addElement(P(stylename=named.get(b.kind, named["p"]), text=b.text))
    return to_bytes(doc.write)
