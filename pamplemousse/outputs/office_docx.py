"""Blocks of a document (office.py) written as .docx by python-docx: Word's own styles
(Title, Heading 1–3, List Bullet, Caption, a grid table) and a footer « Page N / M »."""

from __future__ import annotations

from pamplemousse.outputs.office import Block, to_bytes

_HEADING = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}  # h1 is the document's title


def _field(paragraph, code: str) -> None:
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


def docx_bytes(blocks: list[Block], title: str, lang: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.language = lang
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    for b in blocks:
        if b.kind in _HEADING:
            doc.add_heading(b.text, _HEADING[b.kind])
        elif b.kind == "li":
            doc.add_paragraph(b.text, style="List Bullet")
        elif b.kind == "caption":
            doc.add_paragraph(b.text, style="Caption")
        elif b.kind == "table":
            if b.text:
                doc.add_paragraph(b.text, style="Caption")
            width = max(len(r) for r in b.rows)
            table = doc.add_table(rows=len(b.rows), cols=width, style="Table Grid")
            for i, row in enumerate(b.rows):
                for j in range(width):
                    cell = table.cell(i, j)
                    cell.text = row[j] if j < len(row) else ""
                    if i < b.head:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            doc.add_paragraph(b.text)
    return to_bytes(doc.save)
