"""Word .docx files are read like Word's text export: tabs, footnotes, automatic numbering."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from observations.importer import compare_structure, parse
from observations.importer.decode import decode
from tests.importer.conftest import read_doc
from tests.importer.docxbuild import build_docx, build_un_docx, has_numbered_style

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


# --- a .docx as the UN publishes it --------------------------------------------------------------

UN_BLOCKS = [
    (
        "table",
        [
            ["United Nations", "CCPR/C/NZL/CO/7"],
            [
                "International Covenant on\nCivil and Political Rights",
                "Distr.: General\n12 November 2024\n\nOriginal: English",
            ],
        ],
    ),
    "Advance unedited version",
    "Human Rights Committee",
    "\t\tConcluding observations on the seventh periodic report of New Zealand"
    "{fn*:Adopted by the Committee at its 142nd session (14 October–7 November 2024).}"
    "{fn**:The present document is being issued without formal editing.}",
    "\tA.\tIntroduction",
    (
        "auto",
        0,
        "The Committee considered the seventh periodic report of New Zealand{fn:CCPR/C/NZL/7.} at its 4150th and "
        "4151st meetings,{fn:See CCPR/C/SR.4150|and CCPR/C/SR.4151.} held on 15 and 16 October 2024. At its 4170th "
        "meeting, held on 30 October 2024, the Committee adopted the present concluding observations.",
    ),
    ("auto", 0, "The Committee appreciates the constructive dialogue with the delegation."),
    "\tB.\tPositive aspects",
    ("auto", 0, "The Committee welcomes the adoption of the Oranga Tamariki Amendment Act in 2023."),
    "\tC.\tPrincipal matters of concern and recommendations",
    "\t\tConditions of detention",
    ("auto", 0, "The Committee is concerned about overcrowding in prisons:"),
    ("table", [["Year", "Prisoners"], ["2022", "8 500"], ["2023", "9 100"]]),
    ("auto", 0, "The State party should:"),
    ("auto", 1, "Reduce overcrowding, including through alternatives to detention;"),
    ("auto", 1, "Improve conditions of detention, in accordance with article 10 of the Covenant."),
    ("section",),
    "\tD.\tDissemination and follow-up",
    (
        "auto",
        0,
        "In accordance with rule 75, paragraph 1, of the Committee’s rules of procedure, the State party is "
        "requested to provide, by 7 November 2027, information on the implementation of the recommendations made "
        "by the Committee in paragraphs 5 (a) and (b) above.",
    ),
    ("auto", 0, "The State party is requested to submit its eighth periodic report by 7 November 2030."),
]


@pytest.fixture(scope="module")
def un_docx():
    return parse(build_un_docx(UN_BLOCKS, header="CCPR/C/NZL/CO/7", footer="GE.24-20745(E)"), filename="x.docx")


def test_un_docx_symbol_comes_from_the_header_table(un_docx):
    assert un_docx.symbol == "CCPR/C/NZL/CO/7"
    assert not {"symbol_derived", "symbol_conflict"} & {f.code for f in un_docx.findings}
    assert {"page_furniture", "advance_version", "docx_auto_numbering"} <= {f.code for f in un_docx.findings}
    assert un_docx.title == "Concluding observations on the seventh periodic report of New Zealand"


def test_un_docx_automatic_numbers_letters_and_custom_marks(un_docx):
    assert [p.number for p in un_docx.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.letter for s in un_docx.paragraphs[4].subparagraphs] == ["a", "b"]
    assert [f.text for f in un_docx.footnotes] == [
        "Adopted by the Committee at its 142nd session (14 October–7 November 2024).",
        "The present document is being issued without formal editing.",
        "CCPR/C/NZL/7.",
        "See CCPR/C/SR.4150 and CCPR/C/SR.4151.",
    ]
    assert un_docx.session_number == 142 and un_docx.adoption_date == dt.date(2024, 10, 30)


def test_un_docx_body_table_stays_in_its_paragraph_and_footer_is_not_text(un_docx):
    assert "2022\t8 500" in un_docx.paragraphs[3].text
    assert all("GE.24" not in p.text for p in un_docx.paragraphs)
    follow_up = next(d for d in un_docx.deadlines if d.kind == "follow_up")
    assert [(i.paragraph, i.subparagraph) for i in follow_up.items] == [(5, "a"), (5, "b")]
    assert follow_up.due == dt.date(2027, 11, 7)


def test_un_docx_symbol_printed_only_in_the_page_header():
    blocks = [b for b in UN_BLOCKS if not (isinstance(b, tuple) and b[0] == "table" and "United Nations" in b[1][0])]
    doc = parse(build_un_docx(blocks, header="CCPR/C/NZL/CO/7"), filename="x.docx")
    assert doc.symbol == "CCPR/C/NZL/CO/7"
    assert "symbol_derived" not in {f.code for f in doc.findings}
