"""PDF import: a UN-style PDF gives what the text export and the .docx of the same document give.

The PDFs are typeset in the tests' set-up (pdfbuild.py): the first page's header table and footer,
running headers with the symbol, page numbers, justified paragraphs, superscript markers and the
footnotes at the bottom of their pages, the title's "*" footnote; Arabic shaped and ordered right to
left as a word processor prints it.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from observations.importer import compare_structure, parse
from observations.importer.footnotes import has_unclosed_body, split_line
from observations.importer.model import ImportRejected
from tests.importer.conftest import DOCS, SEEDS, seed_pdf
from tests.importer.docxbuild import build_docx
from tests.importer.pdfbuild import build_pdf


def seed_text(language: str) -> bytes:
    return (SEEDS / f"CMW_C_KGZ_CO_2.{language}.txt").read_bytes()


def words(text: str) -> list[str]:
    """Text compared word by word, combining marks in canonical order (a PDF keeps no other)."""
    return unicodedata.normalize("NFC", text).split()


def facts(doc) -> dict:
    return {
        "symbol": doc.symbol,
        "session": (doc.session_number, doc.session_from, doc.session_to),
        "adopted": (doc.adopted_meeting, doc.adoption_date),
        "paragraphs": [(p.number, p.kind, words(p.text)) for p in doc.paragraphs],
        "subparagraphs": [(p.number, [(s.label, words(s.text)) for s in p.subparagraphs]) for p in doc.paragraphs],
        "footnotes": [(f.number, words(f.text)) for f in doc.footnotes],
        "headings": [(h.kind, h.key, words(h.title), h.first_paragraph, h.last_paragraph) for h in doc.headings],
        "deadlines": [
            (d.kind, d.due, d.stated_in, [(i.paragraph, i.subparagraph) for i in d.items], d.report_number)
            for d in doc.deadlines
        ],
        "references": doc.references,
        "citations": doc.citations,
        "previous": doc.previous_observations,
        "report": doc.state_report_symbol,
        "issues": doc.list_of_issues_symbol,
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_pdf_gives_what_the_text_gives(language, request):
    from_pdf = request.getfixturevalue(f"seed_{language}_pdf")
    from_text = request.getfixturevalue(f"seed_{language}")
    expected, found = facts(from_text), facts(from_pdf)
    expected.pop("symbol")  # derived from the footnotes in the text, printed in the PDF's header
    assert found.pop("symbol") == "CMW/C/KGZ/CO/2"
    for key, value in expected.items():
        assert found[key] == value, key


def test_page_furniture_is_left_out(seed_en_pdf):
    text = " ".join(p.text for p in seed_en_pdf.paragraphs) + " ".join(f.text for f in seed_en_pdf.footnotes)
    for furniture in ("Please recycle", "GE.23-24512", "*2324512*", "Distr.", "Original: English"):
        assert furniture not in text
    assert any(f.code == "page_furniture" for f in seed_en_pdf.findings)


def test_the_star_footnote_gives_the_session(seed_en_pdf, seed_ar_pdf):
    for doc in (seed_en_pdf, seed_ar_pdf):
        assert (doc.session_number, str(doc.session_from), str(doc.session_to)) == (37, "2023-11-27", "2023-12-08")


def test_arabic_numbers_keep_their_order(seed_ar_pdf):
    paragraph = next(p for p in seed_ar_pdf.paragraphs if p.number == 8)
    assert "2021-2030" in paragraph.subparagraphs[0].text  # a range after Arabic is printed 2030-2021
    assert "17-18" in next(p for p in seed_ar_pdf.paragraphs if p.number == 20).subparagraphs[0].text


def docx_of(text: str) -> bytes:
    """The .docx of a text export: the same paragraphs, each footnote a real Word footnote."""
    raw: list[str] = []
    for line in text.split("\n"):
        if raw and has_unclosed_body(raw[-1]):
            raw[-1] += " " + line
        else:
            raw.append(line)
    lines = []
    for line in raw:
        clean = split_line(line)
        text, bodies = clean.text, dict(clean.bodies)
        for number, offset in sorted(clean.markers, key=lambda m: -m[1]):
            text = text[:offset] + "{fn:" + bodies.get(number, "") + "}" + text[offset:]
        lines.append(text)
    return build_docx(lines)


def test_a_pdf_and_a_docx_of_one_document_align(seed_en_pdf):
    """English as PDF, Arabic as .docx: the two versions of one document agree."""
    arabic = parse(docx_of(seed_text("ar").decode("utf-8")), filename="CMW_C_KGZ_CO_2.ar.docx")
    assert compare_structure(seed_en_pdf, arabic) == []
    assert [d.due for d in arabic.deadlines] == [d.due for d in seed_en_pdf.deadlines]


# One document of each language, typeset in its language (header table, footer, fonts: Chinese in
# reportlab's CID font STSong-Light, headings in a face named SimHei as in UN Chinese documents).
LANGUAGE_DOCUMENTS = {
    "fr": ("CCPR_C_SEN_CO_6.fr.txt", "CCPR/C/SEN/CO/6"),
    "es": ("CCPR_C_PRY_CO_5.es.txt", "CCPR/C/PRY/CO/5"),
    "ru": ("CAT_C_KAZ_CO_4.ru.txt", "CAT/C/KAZ/CO/4"),
    "zh": ("CEDAW_C_MNG_CO_10.zh.txt", "CEDAW/C/MNG/CO/10"),
}


@pytest.fixture(scope="module")
def versions():
    """language -> (from the text export, from the PDF, from the .docx) of one document."""
    cache = {}

    def get(language: str):
        if language not in cache:
            name, symbol = LANGUAGE_DOCUMENTS[language]
            text = (DOCS / name).read_text(encoding="utf-8")
            cache[language] = (
                parse(text.encode("utf-8"), filename=name),
                parse(build_pdf(text, symbol=symbol, language=language), filename=name.replace(".txt", ".pdf")),
                parse(docx_of(text), filename=name.replace(".txt", ".docx")),
            )
        return cache[language]

    return get


@pytest.mark.parametrize("language", LANGUAGE_DOCUMENTS)
def test_each_language_pdf_gives_what_its_text_gives(language, versions):
    from_text, from_pdf, _docx = versions(language)
    assert from_pdf.symbol == LANGUAGE_DOCUMENTS[language][1]  # printed in the header: no finding
    assert "symbol_derived" not in [f.code for f in from_pdf.findings]
    expected, found = facts(from_text), facts(from_pdf)
    for key, value in expected.items():
        assert found[key] == value, key
    assert len(from_pdf.paragraphs) == 20 and [d.stated_in for d in from_pdf.deadlines] == [19, 20]


@pytest.mark.parametrize("language", LANGUAGE_DOCUMENTS)
def test_each_language_pdf_and_docx_of_one_document_agree(language, versions):
    _text, from_pdf, from_docx = versions(language)
    assert compare_structure(from_pdf, from_docx) == []
    expected, found = facts(from_docx), facts(from_pdf)
    for key in ("paragraphs", "subparagraphs", "footnotes", "deadlines", "references", "previous", "session"):
        assert found[key] == expected[key], key


def test_chinese_from_the_cid_font_reads_as_the_characters_printed():
    from observations.importer.pdf import pdf_to_text

    name, symbol = LANGUAGE_DOCUMENTS["zh"]
    text = pdf_to_text(build_pdf((DOCS / name).read_text(encoding="utf-8"), symbol=symbol, language="zh"))
    # a paragraph wrapped over lines and justified by spacing the characters comes back without spaces
    assert "\n19. 委员会请缔约国在2027年7月4日之前提供书面资料，说明为落实上文第9段(a)项、第11段(a)项和第17段" in text
    assert "另见CEDAW/C/MNG/CO/8-9，第45段。" in text
    assert "\t(b) 在全国各地，特别是在农村地区，" in text
    assert "\u3000" not in text and "�" not in text


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.txt")))
def test_every_sample_document_typeset_as_pdf_gives_what_its_text_gives(name):
    """The sample documents of every committee and language: Arabic with Arabic-Indic digits
    (CAT/C/TUN/CO/٣), two custom footnote marks side by side ("*" and "**"), "a)" sub-paragraphs."""
    source = (DOCS / name).read_text(encoding="utf-8-sig")
    from_text = parse(source.encode("utf-8"), filename=name)
    language = name.rsplit(".", 2)[1]
    from_pdf = parse(build_pdf(source, symbol=from_text.symbol, language=language), filename="x.pdf")
    expected, found = facts(from_text), facts(from_pdf)
    for key, value in expected.items():
        assert found[key] == value, key


def test_a_russian_pdf_gives_what_its_text_gives():
    source = (DOCS / "CEDAW_C_UZB_CO_7.ru.txt").read_bytes()
    from_text = parse(source, filename="CEDAW_C_UZB_CO_7.ru.txt")
    from_pdf = parse(build_pdf(source.decode("utf-8-sig"), symbol="CEDAW/C/UZB/CO/7"), filename="x.pdf")
    expected, found = facts(from_text), facts(from_pdf)
    for key in ("paragraphs", "subparagraphs", "footnotes", "deadlines", "references"):
        assert found[key] == expected[key], key


def test_hyphenated_words_are_joined():
    text = "Committee against Torture\n\tConcluding observations on the fourth periodic report of Chile\n"
    text += "1.\tThe Committee considered the fourth periodic report of Chile at its 100th meeting.\n"
    document = build_pdf(text, symbol="CAT/C/CHL/CO/4")
    assert b"%PDF" in document[:8]
    from observations.importer.pdf import _join

    assert _join("the implemen-", "tation of", {"implementation": 2}) == "the implementation of"
    assert _join("the high-", "level delegation", {}) == "the high-level delegation"
    assert _join("委员会", "建议", {}) == "委员会建议"


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    pdf.drawString(100, 700, "Concluding observations")
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code", "sentence"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf", "could not be read"),
        (seed_pdf("en")[:5000], "pdf", "could not be read"),
        (_encrypted_pdf(), "pdf_encrypted", "protected by a password"),
    ],
    ids=["no pages", "truncated", "encrypted"],
)
def test_broken_and_protected_pdfs_are_refused_with_a_sentence(data, code, sentence):
    with pytest.raises(ImportRejected) as refused:
        parse(data, filename="observations.pdf")
    assert refused.value.code == code
    assert sentence in str(refused.value)


def test_a_pdf_without_text_is_refused():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 200, 200, fill=1)  # a scan is an image: no text to read
    pdf.save()
    with pytest.raises(ImportRejected) as refused:
        parse(buffer.getvalue(), filename="scan.pdf")
    assert refused.value.code == "pdf_no_text"


def test_a_thirty_page_pdf_gives_what_its_text_gives():
    """The seed made 30 pages long (paragraphs repeated, all renumbered): every page is read
    (the importer benchmark prints how long it takes; no time is asserted here)."""
    from tests.importer.pdfbuild import pages_of, repeat_to_pages

    text = repeat_to_pages(seed_text("en").decode("utf-8"), 30, symbol="CMW/C/KGZ/CO/2")
    data = build_pdf(text, symbol="CMW/C/KGZ/CO/2")
    assert pages_of(data) >= 30
    from_text, from_pdf = parse(text.encode("utf-8")), parse(data, filename="long.pdf")
    expected, found = facts(from_text), facts(from_pdf)
    expected.pop("symbol"), found.pop("symbol")
    for key, value in expected.items():
        assert found[key] == value, key
    assert len(from_pdf.paragraphs) > 150 and len(from_pdf.footnotes) > 60


def test_widely_justified_chinese_lines_get_no_spaces_between_characters():
    """A Chinese line justified before a long Latin word is spread out: its characters stand
    apart by more than a space's width, and are still one word."""
    from observations.importer.pdf import pdf_to_text

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for y, spacing, line in (
        (700, 3.5, "1. 委员会请缔约国提供资料，说明落实建议的情况，并参阅文件"),
        (687.5, 0, "CEDAW/C/MNG/CO/8-9/Add.1，第12段。"),
    ):
        text = pdf.beginText(70, y)
        text.setFont("STSong-Light", 10)
        text.setCharSpace(spacing)
        text.textOut(line)
        pdf.drawText(text)
    pdf.save()
    assert pdf_to_text(buffer.getvalue()).strip() == (
        "1. 委员会请缔约国提供资料，说明落实建议的情况，并参阅文件CEDAW/C/MNG/CO/8-9/Add.1，第12段。"
    )
