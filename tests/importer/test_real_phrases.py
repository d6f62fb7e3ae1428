"""Focused inputs: the phrases real documents use for deadlines, sessions and reports, in six languages,
and the documents of the treaty bodies that are not concluding observations."""

from __future__ import annotations

import datetime as dt

import pytest

from observations.importer import ImportRejected, parse
from observations.importer.extract import find_deadlines
from observations.importer.meta import find_session
from observations.importer.model import (
    DAY,
    FOLLOW_UP,
    MONTH,
    NEXT_PERIODIC_REPORT,
    OTHER_DEADLINE,
    ParsedParagraph,
)
from observations.importer.vocab import VOCABULARIES
from tests.importer.conftest import read_doc

D = dt.date
ADOPTED = D(2024, 11, 1)


def deadlines(language: str, text: str, last_report: int | None = 3):
    paragraph = ParsedParagraph(number=40, text=text)
    return [
        (d.kind, d.due, d.precision, d.report_number, d.report_number_last)
        for d in find_deadlines(paragraph, VOCABULARIES[language], ADOPTED, last_report)
    ]


NEXT_REPORTS = [
    (
        "en",
        "The State party is requested to submit its fourth periodic report no later than 1 January 2028.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "en",
        "The Committee requests the State party to submit its fourth periodic report by 1 January 2028 at the latest.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "en",
        "The Committee requests the State party to submit its tenth periodic report in October 2028.",
        D(2028, 10, 31),
        MONTH,
        10,
        10,
    ),
    (
        "en",
        "At its 120th session, the Committee decided that the State party should submit its combined second "
        "and third periodic reports by 2 January 2029.",
        D(2029, 1, 2),
        DAY,
        2,
        3,
    ),
    (
        "en",
        "The Committee recommends that the State party submit its combined twenty-third to twenty-fifth "
        "periodic reports, as a single document, by 5 January 2028.",
        D(2028, 1, 5),
        DAY,
        23,
        25,
    ),
    (
        "fr",
        "Le Comité invite l’État partie à soumettre son quatrième rapport périodique le 1er janvier 2028 au plus tard.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "fr",
        "Le Comité prie l’État partie de soumettre son dixième rapport périodique en octobre 2028.",
        D(2028, 10, 31),
        MONTH,
        10,
        10,
    ),
    (
        "es",
        "El Comité pide al Estado parte que presente su cuarto informe periódico a más tardar el 1 de enero de 2028.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "es",
        "El Comité invita al Estado parte a que presente sus informes periódicos segundo y tercero combinados "
        "no más tarde del 1 de enero de 2028.",
        D(2028, 1, 1),
        DAY,
        2,
        3,
    ),
    (
        "ru",
        "Комитет просит государство-участник представить свой десятый периодический доклад в октябре 2028 года.",
        D(2028, 10, 31),
        MONTH,
        10,
        10,
    ),
    (
        "ru",
        "Комитет просит государство-участник представить свой четвертый периодический доклад не позднее "
        "1 января 2028 года.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "ar",
        "تطلب اللجنة إلى الدولة الطرف أن تقدم تقريرها الدوري الرابع في موعد أقصاه 1 كانون الثاني/يناير 2028.",
        D(2028, 1, 1),
        DAY,
        4,
        4,
    ),
    (
        "ar",
        "تدعو اللجنة الدولة الطرف إلى تقديم تقريرها الدوري العاشر في تشرين الأول/أكتوبر 2028.",
        D(2028, 10, 31),
        MONTH,
        10,
        10,
    ),
    ("zh", "委员会请缔约国最迟于2028年1月1日提交第四次定期报告。", D(2028, 1, 1), DAY, 4, 4),
    ("zh", "委员会请缔约国于2028年10月提交第十次定期报告。", D(2028, 10, 31), MONTH, 10, 10),
]


@pytest.mark.parametrize(("language", "text", "due", "precision", "first", "last"), NEXT_REPORTS)
def test_next_report_phrases(language, text, due, precision, first, last):
    assert deadlines(language, text) == [(NEXT_PERIODIC_REPORT, due, precision, first, last)]


def test_the_next_report_number_is_the_one_beside_periodic_report_not_the_session():
    text = "At its 145th session, the Committee requested the State party to submit its fifth periodic report by 1 May 2030."
    assert deadlines("en", text)[0][3] == 5


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The State party should adopt, within one year, the bill mentioned in paragraph 12."),
        ("fr", "L’État partie devrait adopter, dans un délai d’un an, le projet de loi mentionné au paragraphe 12."),
        ("es", "El Estado parte debe aprobar, en un plazo de un año, el proyecto de ley mencionado en el párrafo 12."),
    ],
)
def test_a_period_and_a_paragraph_without_recommendations_is_not_follow_up(language, text):
    assert [d[0] for d in deadlines(language, text)] != [FOLLOW_UP]


def test_other_request_with_no_later_than():
    text = "The Committee requests the State party to submit an updated common core document no later than 1 June 2026."
    assert deadlines("en", text) == [(OTHER_DEADLINE, D(2026, 6, 1), DAY, None, None)]


SESSIONS = {
    "en": ("Adopted by the Committee at its 142nd session (14 October–7 November 2024).", 142),
    "fr": ("Adoptées par le Comité à sa cent quarante-deuxième session (14 octobre-7 novembre 2024).", 142),
    "es": ("Aprobadas por el Comité en su 142º período de sesiones (14 de octubre a 7 de noviembre de 2024).", 142),
    "ru": ("Приняты Комитетом на его сто сорок второй сессии (14 октября — 7 ноября 2024 года).", 142),
    "ar": (
        "اعتمدتها اللجنة في دورتها الثانية والأربعين بعد المائة (14 تشرين الأول/أكتوبر - 7 تشرين الثاني/نوفمبر 2024).",
        142,
    ),
    "zh": ("委员会第一百四十二届会议(2024年10月14日至11月7日)通过。", 142),
}


@pytest.mark.parametrize("language", sorted(SESSIONS))
def test_session_footnote_in_each_language(language):
    text, number = SESSIONS[language]
    assert find_session([text], VOCABULARIES[language]) == (number, D(2024, 10, 14), D(2024, 11, 7))


# --- not concluding observations -----------------------------------------------------------------

SPT_REPORT = (
    "United Nations\tCAT/OP/MDV/ROSP/1\n"
    "Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment\n"
    "\t\tVisit to Maldives undertaken from 9 to 18 September 2023: recommendations and observations addressed to "
    "the State party\n"
    "\t\tReport of the Subcommittee\n"
    "1.\tIn accordance with its mandate under articles 11 and 13 of the Optional Protocol, the Subcommittee "
    "visited Maldives.\n"
)
LIST_OF_ISSUES = (
    "United Nations\tCCPR/C/NZL/QPR/8\n"
    "Human Rights Committee\n"
    "\t\tList of issues prior to submission of the eighth periodic report of New Zealand\n"
    "1.\tPlease provide information on the measures taken to implement the previous recommendations.\n"
)


@pytest.mark.parametrize(("text", "named"), [(SPT_REPORT, "Subcommittee"), (LIST_OF_ISSUES, "list of issues")])
def test_other_treaty_body_documents_are_refused(text, named):
    with pytest.raises(ImportRejected) as caught:
        parse(text.encode("utf-8"))
    assert caught.value.code == "not_observations"
    assert named in caught.value.message


def test_numbering_that_restarts_without_an_annex_heading_is_refused():
    text = read_doc("CCPR_C_NZL_CO_7.en.txt").decode("utf-8").replace("\f\tAnnex\n", "\f\n")
    with pytest.raises(ImportRejected) as caught:
        parse(text.encode("utf-8"))
    assert caught.value.code == "duplicate_paragraph"
    assert "Paragraph 1 appears twice" in caught.value.message
