"""The importer records where each footnote marker stood in the cleaned text."""

from __future__ import annotations

from observations.importer import parse
from tests.importer.conftest import read_doc
from tests.importer.docxbuild import build_docx
from tests.importer.test_docx import TEXT, word_lines


def items(doc):
    for paragraph in doc.paragraphs:
        yield paragraph
        yield from paragraph.subparagraphs


def around(item, number: int) -> tuple[str, str]:
    """The text before and after the place of footnote ``number`` in ``item``."""
    offset = dict(item.footnote_positions)[number]
    return item.text[:offset], item.text[offset:]


def test_every_marker_has_a_position_inside_the_cleaned_text(seed_en, seed_ar):
    for doc in (seed_en, seed_ar):
        for item in items(doc):
            assert [n for n, _ in item.footnote_positions] == item.footnotes
            assert all(0 <= offset <= len(item.text) for _, offset in item.footnote_positions)
            assert "footnoteRef" not in item.text


def test_the_english_marker_stands_after_the_comma_it_followed(seed_en):
    paragraph = next(p for p in seed_en.paragraphs if p.number == 12)
    assert paragraph.text.startswith("Reiterating its previous recommendations, the Committee recommends")
    before, after = around(paragraph, 6)
    assert before == "Reiterating its previous recommendations,"
    assert after.startswith(" the Committee recommends")


def test_the_arabic_marker_stands_where_its_parentheses_stood(seed_ar):
    paragraph = next(p for p in seed_ar.paragraphs if p.number == 12)
    assert "([footnoteRef:6])" not in paragraph.text and "()" not in paragraph.text
    before, after = around(paragraph, 6)
    assert before.endswith("إذ تكرر توصياتها السابقة")
    assert after.startswith("، توصي بأن تتخذ")


def test_the_first_paragraph_keeps_two_markers_in_order(seed_en):
    first = seed_en.paragraphs[0]
    (n2, o2), (n3, o3) = first.footnote_positions
    assert (n2, n3) == (2, 3) and o2 < o3
    assert first.text[:o2].endswith("Kyrgyzstan")
    assert first.text[:o3].endswith("meetings,")


def test_a_marker_at_the_end_of_a_paragraph_stands_at_the_end_of_its_text():
    doc = parse(read_doc("CCPR_C_KAZ_CO_3.en.txt"))
    paragraph = next(p for p in doc.paragraphs if p.number == 2)
    assert paragraph.footnote_positions == [(4, len(paragraph.text))]
    assert paragraph.text.endswith("list of issues prior to reporting.")


def test_docx_footnotes_stand_where_the_reference_is():
    doc = parse(build_docx(word_lines(TEXT)), filename="CCPR_C_KAZ_CO_3.docx")
    from_text = parse(TEXT.encode("utf-8"))
    assert [i.footnote_positions for i in items(doc)] == [i.footnote_positions for i in items(from_text)]
    paragraph = next(p for p in doc.paragraphs if p.number == 5)
    before, after = around(paragraph, 5)
    assert before == "Recalling its previous recommendations,"
    assert after.startswith(" the Committee recommends")
