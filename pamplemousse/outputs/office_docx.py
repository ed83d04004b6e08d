"""A document's outline (outline.py) written as .docx by python-docx: Word's own styles
(Title, Heading 1–3, List Bullet, List Number, Quote, Caption, a grid table with its
header row repeated on each page) and a footer « Page N / M »."""

from __future__ import annotations

import io
from typing import Any

from pamplemousse.outputs.outline import Bullets, Heading, Outline, Paragraph, Table


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in the paragraph, updated by Word when the page is laid out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind is None and text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        elif kind is None:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _paragraph(doc: Any, b: Paragraph) -> None:
    style = {"quote": "Quote"}.get(b.style)
    p = doc.add_paragraph(style=style)
    if b.label:
        p.add_run(b.label).bold = True
    run = p.add_run(b.text)
    run.bold = b.style == "strong" or None
    run.italic = b.style == "note" or None


def _table(doc: Any, b: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if b.caption:
        doc.add_paragraph(b.caption, style="Caption")
    width = max(len(b.head), *(len(r) for r in b.rows))
    table = doc.add_table(rows=1 + len(b.rows), cols=width, style="Table Grid")
    for i, row in enumerate([b.head, *b.rows]):
        for j in range(width):
            cell = table.cell(i, j)
            cell.text = row[j] if j < len(row) else ""
            if i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    header = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def docx_bytes(outline: Outline, lang: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = outline.title
    doc.core_properties.language = lang
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    for b in outline.blocks:
        if isinstance(b, Heading):
            doc.add_heading(b.text, b.level)
        elif isinstance(b, Bullets):
            for item in b.items:
                doc.add_paragraph(item, style="List Number" if b.numbered else "List Bullet")
        elif isinstance(b, Table):
            _table(doc, b)
        else:
            _paragraph(doc, b)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
