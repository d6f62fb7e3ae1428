"""What cannot be imported is refused with one sentence a ministry official can act on."""

from __future__ import annotations

import io
import zipfile

import pytest

from observations.importer import ImportRejected, parse
from tests.importer.conftest import read_doc
from tests.importer.docxbuild import build_docx

GOOD = read_doc("CCPR_C_KAZ_CO_3.en.txt").decode("utf-8")


def edited(old: str, new: str, text: str = GOOD) -> bytes:
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def cut_after(marker: str) -> bytes:
    return GOOD[: GOOD.index(marker) + len(marker)].encode("utf-8")


def corrupt_docx() -> bytes:
    data = build_docx(["Human Rights Committee", "1.\tThe Committee considered the report."])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, content[: len(content) // 2] if item.filename == "word/document.xml" else content)
    return broken.getvalue()


CASES = {
    "empty": (b"", "empty", None),
    "only blank lines": (b"\n \r\n\t\n", "empty", None),
    "PDF without pages": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf", None),
    "PNG image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary", None),
    "random binary": (bytes(range(256)) * 8, "binary", None),
    "Windows-1252 text": (GOOD.replace("Committee’s", "Committee’s").encode("cp1252", "replace"), "encoding", None),
    "Latin-1 text": ("Comité des droits de l'homme\n1.\tLe Comité a examiné".encode("latin-1"), "encoding", None),
    "truncated zip (docx)": (b"PK\x03\x04" + b"\x00" * 60, "docx", None),
    "damaged docx": (corrupt_docx(), "docx", None),
    "not observations": (b"Shopping list\n\tmilk\n\tbread\nCall the ministry tomorrow.\n", "not_observations", None),
    "numbered list without committee": (b"1.\tBuy milk.\n2.\tBuy bread.\n", "not_observations", None),
    "duplicate paragraph": (
        edited("\n7.\tThe State party should:", "\n6.\tThe State party should:"),
        "duplicate_paragraph",
        17,
    ),
    "missing paragraph": (
        edited("\n7.\tThe State party should:", "\n8.\tThe State party should:"),
        "missing_paragraph",
        17,
    ),
    "sub-paragraph gap": (
        edited("\t(b)\tEnsure that judges", "\t(c)\tEnsure that judges"),
        "subparagraph_sequence",
        19,
    ),
    "sub-paragraph duplicate": (
        edited("\t(b)\tEnsure that judges", "\t(a)\tEnsure that judges"),
        "subparagraph_sequence",
        19,
    ),
    "footnote marker without body": (edited(" [5: \t\tCCPR/C/KAZ/CO/2, paras. 8 and 10.]", ""), "footnote_missing", 12),
    "footnote body without marker": (
        edited("recommendations,[footnoteRef:5] the", "recommendations, the"),
        "footnote_orphan",
        12,
    ),
    "truncated in mid-sentence": (cut_after("information on the implementation of the"), "truncated", 23),
    "follow-up names a paragraph that does not exist": (
        edited("paragraphs 5 (a)", "paragraphs 15 (a)"),
        "bad_follow_up",
        23,
    ),
    "follow-up names a sub-paragraph that does not exist": (
        edited("7 (b) (right", "7 (f) (right"),
        "bad_follow_up",
        23,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_rejected_with_one_clear_sentence(name):
    data, code, line = CASES[name]
    with pytest.raises(ImportRejected) as caught:
        parse(data, filename="upload.txt")
    error = caught.value
    assert error.code == code
    assert error.line == line
    message = error.message
    assert message[0].isupper() and message.endswith(".")
    assert "Traceback" not in message and "Error" not in message and "\n" not in message
    assert message.count(". ") == 0, "one sentence"


def test_messages_name_the_problem():
    def message(data):
        with pytest.raises(ImportRejected) as caught:
            parse(data)
        return caught.value.message

    assert "Paragraph 6 appears twice" in message(CASES["duplicate paragraph"][0])
    assert "paragraph 7 is missing" in message(CASES["missing paragraph"][0])
    assert "(b) is missing" in message(CASES["sub-paragraph gap"][0])
    assert "Footnote 5" in message(CASES["footnote marker without body"][0])
    assert "paragraph 15" in message(CASES["follow-up names a paragraph that does not exist"][0])
    assert "UTF-8" in message(CASES["Latin-1 text"][0])
    assert "PDF" in message(CASES["PDF without pages"][0])


def test_language_given_in_another_script_is_a_mismatch():
    with pytest.raises(ImportRejected) as caught:
        parse(GOOD.encode("utf-8"), language="ar")
    assert caught.value.code == "mismatch"
    assert "Arabic" in caught.value.message and "English" in caught.value.message


def test_language_given_clearly_wrong_in_the_same_script_is_a_mismatch():
    with pytest.raises(ImportRejected) as caught:
        parse(GOOD.encode("utf-8"), language="fr")
    assert caught.value.code == "mismatch"
    assert parse(GOOD.encode("utf-8"), language="en").language == "en"


def test_utf16_with_bom_is_text_not_binary():
    assert parse(GOOD.encode("utf-16")).symbol == "CCPR/C/KAZ/CO/3"
    assert parse(GOOD.encode("utf-16-be")).symbol == "CCPR/C/KAZ/CO/3"


def test_a_file_named_docx_that_is_not_one_is_refused():
    with pytest.raises(ImportRejected) as caught:
        parse(GOOD.encode("utf-8"), filename="observations.docx")
    assert caught.value.code == "docx"
