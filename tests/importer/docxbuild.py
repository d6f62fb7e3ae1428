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


# --- Word files laid out like the ones the UN publishes ---------------------------------------------

_MARKED_NOTE = re.compile(r"\{fn(\**):([^}]*)\}")
AUTO = "90"  # numId of the automatic numbering: level 0 "1.", level 1 "(a)"
_NUMBERING = (
    f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    "</w:abstractNum>"
)


def build_un_docx(blocks: list, *, header: str = "", footer: str = "") -> bytes:
    """A .docx from ``blocks``: a string is a paragraph (``{fn:…}`` a footnote, ``{fn*:…}`` one with
    the custom mark "*"); ``("auto", level, text)`` a paragraph numbered by Word (level 0 "1.",
    level 1 "(a)"); ``("table", rows)`` a table of cells, a cell's lines being its paragraphs;
    ``("section",)`` a section break. ``header`` and ``footer`` are printed on every page."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{AUTO}"><w:abstractNumId w:val="90"/></w:num>'))
    notes: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, str):
            _fill(document.add_paragraph(), block, notes)
        elif block[0] == "auto":
            paragraph = document.add_paragraph()
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{block[1]}"/><w:numId w:val="{AUTO}"/></w:numPr>')
            )
            _fill(paragraph, block[2], notes)
        elif block[0] == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    lines = text.split("\n")
                    _fill(cell.paragraphs[0], lines[0], notes)
                    for extra in lines[1:]:
                        _fill(cell.add_paragraph(), extra, notes)
        elif block[0] == "section":
            document.add_section()
    for section in document.sections:
        if header:
            section.header.paragraphs[0].text = header
        if footer:
            section.footer.paragraphs[0].text = footer
    _add_marked_footnotes(document, notes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fill(paragraph, text: str, notes: list[tuple[str, str]]) -> None:
    position = 0
    for match in _MARKED_NOTE.finditer(text):
        paragraph.add_run(text[position : match.start()])
        notes.append((match.group(1), match.group(2)))
        run = paragraph.add_run()
        custom = ' w:customMarkFollows="1"' if match.group(1) else ""
        run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}"{custom} w:id="{len(notes)}"/>'))
        if match.group(1):
            paragraph.add_run(match.group(1))
        position = match.end()
    paragraph.add_run(text[position:])


def _add_marked_footnotes(document, notes: list[tuple[str, str]]) -> None:
    body = ""
    for number, (mark, text) in enumerate(notes, start=1):
        reference = f"<w:r><w:t>{mark}</w:t></w:r>" if mark else "<w:r><w:footnoteRef/></w:r>"
        paragraphs = "".join(
            f'<w:p>{reference if i == 0 else ""}<w:r><w:tab/><w:t xml:space="preserve">{part}</w:t></w:r></w:p>'
            for i, part in enumerate(text.split("|"))
        )
        body += f'<w:footnote w:id="{number}">{paragraphs}</w:footnote>'
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
