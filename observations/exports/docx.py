"""Small python-docx helpers shared by the report exports: right-to-left paragraphs,
hyperlinks, and the bytes of a finished document."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ..choices import RTL_LANGUAGES

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def new_document(language: str = "en", title: str = ""):
    document = docx.Document()
    document.core_properties.language = language
    # python-docx's template names itself as the author; the file is the tracker's.
    document.core_properties.author = "Follow-up Tracker"
    document.core_properties.last_modified_by = "Follow-up Tracker"
    document.core_properties.comments = ""
    if title:
        document.core_properties.title = title[:255]
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    return document


def is_rtl(language: str | None) -> bool:
    return (language or "") in RTL_LANGUAGES


def set_direction(paragraph, language: str | None):
    """Mark ``paragraph`` right-to-left (paragraph and runs) when ``language`` is."""
    if not is_rtl(language):
        return paragraph
    p_pr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    p_pr.insert(0, bidi)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        r_pr.append(OxmlElement("w:rtl"))
    return paragraph


def add_text(document, text: str, language: str | None = None, style: str | None = None, bold_prefix: str = ""):
    """A paragraph of ``text`` (blank lines in it start new paragraphs). Returns the last."""
    chunks = [chunk.strip() for chunk in (text or "").replace("\r\n", "\n").split("\n\n")] or [""]
    paragraph = None
    for i, chunk in enumerate(chunk for chunk in chunks if chunk):
        paragraph = document.add_paragraph(style=style)
        if bold_prefix and i == 0:
            paragraph.add_run(bold_prefix).bold = True
        lines = chunk.split("\n")
        for j, line in enumerate(lines):
            run = paragraph.add_run(line)
            if j < len(lines) - 1:
                run.add_break()
        set_direction(paragraph, language)
    if paragraph is None and bold_prefix:
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(bold_prefix).bold = True
    return paragraph


def add_heading(document, text: str, level: int, language: str | None = None):
    heading = document.add_heading(text, level=level)
    return set_direction(heading, language)


def add_warning(document, text: str):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    run.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
    return paragraph


def add_hyperlink(paragraph, url: str, text: str):
    """Append a clickable link to ``paragraph``."""
    part = paragraph.part
    r_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    r_pr.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    r_pr.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    r_pr.append(underline)
    run.append(r_pr)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    return hyperlink


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
