"""Build small Word files for the tests: python-docx for the body, raw XML for footnotes."""

from __future__ import annotations

import io
import re

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOTE = re.compile(r"\{fn:([^}]*)\}")


def build_docx(lines: list[str], *, numbered_style: str | None = None) -> bytes:
    """A .docx whose paragraphs are ``lines``; ``{fn:text}`` becomes a real footnote.

    A line starting with ``#`` is given ``numbered_style`` (Word's automatic numbering)
    instead of a typed number.
    """
    document = docx.Document()
    notes: list[str] = []
    for line in lines:
        style = None
        if line.startswith("#"):
            line, style = line[1:], numbered_style
        paragraph = document.add_paragraph(style=style)
        position = 0
        for match in _NOTE.finditer(line):
            paragraph.add_run(line[position : match.start()])
            notes.append(match.group(1))
            run = paragraph.add_run()
            run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="{len(notes)}"/>'))
            position = match.end()
        paragraph.add_run(line[position:])
    _add_footnotes(document, notes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_footnotes(document, notes: list[str]) -> None:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t xml:space="preserve">'
        f"{text}</w:t></w:r></w:p></w:footnote>"
        for i, text in enumerate(notes, start=1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def has_numbered_style(name: str) -> bool:
    style = docx.Document().styles[name]
    return style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
