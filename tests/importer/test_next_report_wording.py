"""The next report under the simplified procedure, in every language: "… the State party's replies to
the list of issues prior to reporting will constitute its … report, due on …", or a year only.

A date introduced so is the next report's due date; a year only is kept as a year (no day is made
up); a next report stated with no date at all is reported missing, and the document still imports.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from observations.importer import parse
from observations.importer.model import DAY, NEXT_PERIODIC_REPORT, YEAR
from tests.importer.conftest import DOCS

# The same document in each language (its last paragraph is the next report's).
DOCUMENTS = {
    "fr": ("CCPR_C_SEN_CO_6.fr.txt", 7, dt.date(2032, 7, 25)),
    "es": ("CCPR_C_PRY_CO_5.es.txt", 6, dt.date(2032, 3, 28)),
    "ru": ("CAT_C_KAZ_CO_4.ru.txt", 5, dt.date(2029, 5, 2)),
    "zh": ("CEDAW_C_MNG_CO_10.zh.txt", 11, dt.date(2030, 7, 4)),
}
YEAR_ONLY = {
    "fr": "L’État partie recevra en 2031 la liste de points établie avant la soumission du rapport, et les "
    "réponses de l’État partie à cette liste constitueront son septième rapport périodique, attendu en 2032.",
    "es": "El Estado parte recibirá en 2031 la lista de cuestiones previa a la presentación del informe, y las "
    "respuestas del Estado parte a esa lista constituirán su sexto informe periódico, que deberá presentarse en 2032.",
    "ru": "Комитет в 2028 году направит государству-участнику перечень вопросов, и ответы государства-участника "
    "на этот перечень будут представлять собой его пятый периодический доклад, который должен быть представлен "
    "в 2029 году.",
    "zh": "委员会将于2029年向缔约国发送报告前问题清单，缔约国对问题清单的答复将构成其第十一次定期报告，应于2030年提交。",
}
NO_DATE = {
    "fr": "Le Comité transmettra à l’État partie une liste de points, et les réponses de l’État partie à cette "
    "liste constitueront son septième rapport périodique.",
    "es": "El Comité transmitirá al Estado parte una lista de cuestiones, y las respuestas del Estado parte "
    "a esa lista constituirán su sexto informe periódico.",
    "ru": "Комитет направит государству-участнику перечень вопросов, и ответы государства-участника на этот "
    "перечень будут представлять собой его пятый периодический доклад.",
    "zh": "委员会将向缔约国发送报告前问题清单，缔约国对问题清单的答复将构成其第十一次定期报告。",
}


def document(language: str, last: str | None = None) -> str:
    text = (DOCS / DOCUMENTS[language][0]).read_text(encoding="utf-8")
    if last is None:
        return text
    edited = re.sub(r"(?m)^20\.\t.*$", lambda _m: "20.\t" + last, text)
    assert edited != text
    return edited


def next_reports(doc):
    return [(d.due, d.precision, d.report_number, d.stated_in) for d in doc.deadlines if d.kind == NEXT_PERIODIC_REPORT]


def codes(doc) -> list[str]:
    return [f.code for f in doc.findings]


@pytest.mark.parametrize("language", DOCUMENTS)
def test_replies_that_constitute_the_report_due_on_a_date(language):
    _name, number, due = DOCUMENTS[language]
    doc = parse(document(language).encode("utf-8"))
    assert next_reports(doc) == [(due, DAY, number, 20)]
    assert "next_report_missing" not in codes(doc)


@pytest.mark.parametrize("language", DOCUMENTS)
def test_a_year_only_is_kept_as_a_year(language):
    _name, number, _due = DOCUMENTS[language]
    doc = parse(document(language, YEAR_ONLY[language]).encode("utf-8"))
    assert next_reports(doc) == [(None, YEAR, number, 20)]
    assert "deadline_year_only" in codes(doc)


@pytest.mark.parametrize("language", DOCUMENTS)
def test_no_date_at_all_still_imports_and_says_what_is_missing(language):
    doc = parse(document(language, NO_DATE[language]).encode("utf-8"))
    assert next_reports(doc) == []
    assert "next_report_missing" in codes(doc)
    assert [d.stated_in for d in doc.deadlines] == [19]  # the follow-up is kept
    assert len(doc.paragraphs) == 20


def test_a_document_without_any_deadline_imports():
    text = document("fr", NO_DATE["fr"])
    text = re.sub(r"(?m)^19\.\t.*$", "19.\tLe Comité remercie l’État partie de sa coopération.", text)
    doc = parse(text.encode("utf-8"))
    assert doc.deadlines == []
    assert "no_deadline" in codes(doc) and len(doc.paragraphs) == 20


def test_arabic_replies_that_constitute_the_report():
    from tests.importer.conftest import SEEDS

    text = (SEEDS / "CMW_C_KGZ_CO_2.ar.txt").read_text(encoding="utf-8")
    sentence = re.search(r"تطلب اللجنة إلى الدولة الطرف أن تقدّم تقريرها الدوري الثالث بحلول[^.]*\.", text).group()
    for wording in ("المقرر تقديمه في", "الذي يحل موعد تقديمه في"):
        replies = (
            "ستحيل اللجنة إلى الدولة الطرف قائمة المسائل في عام 2027، وستشكل ردود الدولة الطرف على قائمة المسائل "
            f"تلك تقريرها الدوري الثالث، {wording} 2 كانون الثاني/يناير 2029."
        )
        doc = parse(text.replace(sentence, replies).encode("utf-8"))
        assert [(d.due, d.report_number) for d in doc.deadlines if d.kind == NEXT_PERIODIC_REPORT] == [
            (dt.date(2029, 1, 2), 3)
        ]


@pytest.mark.parametrize("language", DOCUMENTS)
def test_the_same_wordings_read_from_a_pdf(language):
    """Typeset as a UN PDF, the document with each wording gives what its text gives; one without
    a next-report date imports all the same."""
    from tests.importer.pdfbuild import build_pdf

    _name, number, due = DOCUMENTS[language]
    symbol = {"fr": "CCPR/C/SEN/CO/6", "es": "CCPR/C/PRY/CO/5", "ru": "CAT/C/KAZ/CO/4", "zh": "CEDAW/C/MNG/CO/10"}
    for last, expected in ((None, [(due, DAY, number, 20)]), (YEAR_ONLY[language], [(None, YEAR, number, 20)])):
        pdf = build_pdf(document(language, last), symbol=symbol[language], language=language)
        assert next_reports(parse(pdf, filename="observations.pdf")) == expected
    pdf = build_pdf(document(language, NO_DATE[language]), symbol=symbol[language], language=language)
    doc = parse(pdf, filename="observations.pdf")
    assert next_reports(doc) == [] and "next_report_missing" in codes(doc) and len(doc.paragraphs) == 20
