"""Word .docx files are read like Word's text export: tabs, footnotes, automatic numbering."""

from __future__ import annotations

import re

import pytest

from observations.importer import compare_structure, parse
from observations.importer.decode import decode

from .conftest import read_doc
from .docxbuild import build_docx, has_numbered_style

TEXT = read_doc("CCPR_C_KAZ_CO_3.en.txt").decode("utf-8")


def word_lines(text: str, *, auto_number: bool = False) -> list[str]:
    """The text export turned back into Word paragraphs with real footnotes."""
    lines = []
    for line in text.split("\n"):
        bodies = dict(re.findall(r"\[(\d+):\s*([^\]]*)\]", line))
        line = re.sub(r"\s*\[\d+:[^\]]*\]", "", line)
        line = re.sub(r"\[footnoteRef:(\d+)\]\*?", lambda m, b=bodies: "{fn:" + b[m.group(1)].strip() + "}", line)
        if auto_number and re.match(r"\d+\.\t", line):
            line = "#" + line.split("\t", 1)[1]
        lines.append(line)
    return lines


@pytest.fixture(scope="module")
def from_text():
    return parse(TEXT.encode("utf-8"))


def test_docx_gives_the_same_document_as_the_text_export(from_text):
    doc = parse(build_docx(word_lines(TEXT)), filename="CCPR_C_KAZ_CO_3.docx")
    assert compare_structure(from_text, doc) == []
    assert [f.text for f in doc.footnotes] == [f.text for f in from_text.footnotes]
    assert doc.symbol == "CCPR/C/KAZ/CO/3"
    assert [(d.kind, d.due) for d in doc.deadlines] == [(d.kind, d.due) for d in from_text.deadlines]
    assert [p.kind for p in doc.paragraphs] == [p.kind for p in from_text.paragraphs]


def test_docx_footnotes_are_rendered_as_in_the_text_export():
    text, findings = decode(build_docx(["Title{fn:Adopted by the Committee.}", "1.\tText.{fn:CCPR/C/KAZ/3.}"]))
    assert text.split("\n") == [
        "Title[footnoteRef:1] [1: Adopted by the Committee.]",
        "1.\tText.[footnoteRef:2] [2: CCPR/C/KAZ/3.]",
    ]
    assert findings == []


@pytest.mark.skipif(not has_numbered_style("List Number"), reason="template without a numbered style")
def test_docx_automatic_paragraph_numbers_are_counted(from_text):
    doc = parse(build_docx(word_lines(TEXT, auto_number=True), numbered_style="List Number"))
    assert [p.number for p in doc.paragraphs] == list(range(1, 11))
    assert compare_structure(from_text, doc) == []
    assert any(f.code == "docx_auto_numbering" for f in doc.findings)
