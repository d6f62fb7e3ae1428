"""What real documents carry besides the text: page furniture, committee-specific shapes, annexes.

Each document in ``docs/`` is written for these tests in the style of the committee concerned
(not a copy of a real document); each test names the feature of real documents it stands for.
"""

from __future__ import annotations

import datetime as dt

import pytest

from observations.importer import parse
from observations.importer.model import (
    CLUSTER,
    FOLLOW_UP,
    MONTH,
    NEXT_PERIODIC_REPORT,
    PRIORITY,
    PROCEDURAL,
    RECOMMENDATION,
    SECTION,
    YEAR,
)
from tests.importer.conftest import read_doc

D = dt.date


def codes(doc) -> set[str]:
    return {f.code for f in doc.findings}


def items(deadline) -> list[tuple[int, str | None]]:
    return [(i.paragraph, i.subparagraph) for i in deadline.items]


def only(doc, kind):
    found = [d for d in doc.deadlines if d.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- CCPR, English text export with the header table, page breaks, footer and an annex -----------


@pytest.fixture(scope="module")
def ccpr():
    return parse(read_doc("CCPR_C_NZL_CO_7.en.txt"))


def test_header_table_gives_the_printed_symbol_and_is_left_out(ccpr):
    assert ccpr.symbol == "CCPR/C/NZL/CO/7"
    assert "symbol_derived" not in codes(ccpr)
    assert ccpr.title == "Concluding observations on the seventh periodic report of New Zealand"
    assert (ccpr.committee, ccpr.state_alpha3, ccpr.periodic_report) == ("CCPR", "NZL", 7)
    assert (ccpr.session_number, ccpr.session_from, ccpr.session_to) == (142, D(2024, 10, 14), D(2024, 11, 7))
    assert ccpr.adoption_date == D(2024, 10, 30)
    assert {"page_furniture", "advance_version"} <= codes(ccpr)


def test_footer_and_running_header_do_not_enter_the_paragraphs(ccpr):
    texts = " ".join(p.text + " ".join(s.text for s in p.subparagraphs) for p in ccpr.paragraphs)
    for noise in ("GE.24", "2420745", "recycle", "CCPR/C/NZL/CO/7", "Distr"):
        assert noise not in texts
    assert [p.number for p in ccpr.paragraphs] == list(range(1, 13))


def test_two_starred_footnotes_and_a_footnote_on_a_heading(ccpr):
    assert [f.text for f in ccpr.footnotes[:2]] == [
        "Adopted by the Committee at its 142nd session (14 October–7 November 2024).",
        "The present document is being issued without formal editing.",
    ]
    assert ccpr.footnotes[3].text == "See CCPR/C/SR.4150 and CCPR/C/SR.4151."  # body over two lines
    topics = [h.title for h in ccpr.headings if h.kind == "topic"]
    assert topics[0] == "National human rights institution"


def test_soft_hyphen_space_after_number_and_continuation_line(ccpr):
    assert "implement the Covenant" in ccpr.paragraphs[1].text
    assert ccpr.paragraphs[0].text.startswith("The Committee considered")
    assert ccpr.paragraphs[3].text.endswith("the\nadequacy of its funding.")


def test_roman_items_belong_to_their_sub_paragraph(ccpr):
    paragraph = ccpr.paragraphs[4]
    assert [s.letter for s in paragraph.subparagraphs] == ["a", "b", "c"]
    assert "(i)" in paragraph.subparagraphs[1].text and "(ii)" in paragraph.subparagraphs[1].text
    assert paragraph.kind == RECOMMENDATION


def test_ccpr_follow_up_by_date_ignores_the_rule_of_procedure(ccpr):
    follow_up = only(ccpr, FOLLOW_UP)
    assert (follow_up.due, follow_up.computed, follow_up.stated_in) == (D(2027, 11, 7), False, 11)
    assert items(follow_up) == [(5, None), (7, None), (9, None)]


def test_a_recommendation_with_a_period_and_a_paragraph_is_not_follow_up(ccpr):
    """ "adopt, within one year, the bill mentioned in paragraph 8" sets no follow-up."""
    assert ccpr.paragraphs[8].kind == RECOMMENDATION
    assert [d.stated_in for d in ccpr.deadlines] == [11, 12]


def test_ccpr_predictable_review_cycle_gives_a_year_not_a_date(ccpr):
    report = only(ccpr, NEXT_PERIODIC_REPORT)
    assert (report.due, report.computed, report.precision, report.report_number) == (None, False, YEAR, 8)
    assert "deadline_year_only" in codes(ccpr)
    assert ccpr.paragraphs[11].kind == PROCEDURAL


def test_annex_after_the_last_paragraph_is_left_out(ccpr):
    assert ccpr.paragraphs[-1].number == 12
    finding = next(f for f in ccpr.findings if f.code == "annex_ignored")
    assert "paragraph 12" in finding.message and finding.line


# --- CRC, English: roman sections, lettered clusters, urgent measures, sub-paragraphs past (z) --------


@pytest.fixture(scope="module")
def crc():
    return parse(read_doc("CRC_C_LKA_CO_7-8.en.txt"))


def test_crc_identity_and_combined_reports(crc):
    assert (crc.symbol, crc.committee, crc.state_alpha3) == ("CRC/C/LKA/CO/7-8", "CRC", "LKA")
    assert (crc.periodic_report, crc.periodic_report_last) == (7, 8)
    report = only(crc, NEXT_PERIODIC_REPORT)
    assert (report.due, report.report_number, report.report_number_last) == (D(2030, 8, 10), 9, 10)


def test_crc_sections_and_clusters_with_article_paragraphs(crc):
    assert [h.key for h in crc.headings if h.kind == SECTION] == ["I", "II", "III", "IV", "V"]
    clusters = [(h.key, h.articles) for h in crc.headings if h.kind == CLUSTER]
    assert clusters == [
        ("A", "4, 42, 44"),
        ("B", "2, 3, 6, 12"),
        ("C", "7, 8, 13-17"),
        ("D", "22, 30, 32-36, 37, 38-40"),
        ("A", ""),
        ("B", ""),
    ]


def test_crc_urgent_measures_are_the_priority_paragraphs_without_a_date(crc):
    priority = only(crc, FOLLOW_UP)
    assert (priority.due, priority.precision, priority.stated_in) == (None, PRIORITY, 4)
    assert items(priority) == [(8, None), (10, "a"), (10, "c"), (12, None)]
    assert "priority_areas" in codes(crc) and "deadline_undated" not in codes(crc)
    assert crc.paragraphs[3].kind == PROCEDURAL


def test_sub_paragraphs_continue_after_z_with_aa(crc):
    letters = [s.letter for s in crc.paragraphs[4].subparagraphs]
    assert letters[-3:] == ["y", "z", "aa"] and len(letters) == 27


# --- other committees in the other languages: header tables of each language and their deadlines -----

LANGUAGES = {
    # file: (language, symbol, committee, state, reports, session, adoption, follow-up, next report)
    "CERD_C_MLI_CO_20-22.fr.txt": dict(
        language="fr",
        symbol="CERD/C/MLI/CO/20-22",
        reports=(20, 22),
        session=(114, D(2024, 11, 11), D(2024, 11, 29)),
        adoption=D(2024, 11, 26),
        follow_up=(D(2025, 11, 26), True, [(5, None), (7, "a"), (7, "d")]),
        next_report=(D(2028, 1, 5), 23, 25, "day"),
        subs={7: "abcd"},
    ),
    "CEDAW_C_PER_CO_9.es.txt": dict(
        language="es",
        symbol="CEDAW/C/PER/CO/9",
        reports=(9, 9),
        session=(89, D(2024, 10, 7), D(2024, 10, 25)),
        adoption=D(2024, 10, 24),
        follow_up=(D(2026, 10, 24), True, [(5, "b"), (7, "a"), (7, "c")]),
        next_report=(D(2028, 10, 31), 10, 10, MONTH),
        subs={5: "ab", 7: "abc"},
    ),
    "E_C.12_KAZ_CO_3.ru.txt": dict(
        language="ru",
        symbol="E/C.12/KAZ/CO/3",
        reports=(3, 3),
        session=(76, D(2024, 9, 23), D(2024, 10, 11)),
        adoption=D(2024, 10, 10),
        follow_up=(D(2026, 10, 10), True, [(5, "a"), (7, "a"), (7, "c")]),
        next_report=(D(2029, 10, 31), 4, 4, "day"),
        subs={5: "ab", 7: "abc"},
    ),
    "CAT_C_TUN_CO_4.ar.txt": dict(
        language="ar",
        symbol="CAT/C/TUN/CO/4",
        reports=(4, 4),
        session=(81, D(2024, 10, 28), D(2024, 11, 22)),
        adoption=D(2024, 11, 19),
        follow_up=(D(2025, 11, 22), False, [(5, "a"), (5, "b"), (5, "c"), (7, "a")]),
        next_report=(D(2028, 11, 22), 5, 5, "day"),
        subs={5: "abc", 7: "ab"},
    ),
    "CED_C_MEX_CO_2.zh.txt": dict(
        language="zh",
        symbol="CED/C/MEX/CO/2",
        reports=(None, None),  # additional information under article 29 (4), not a periodic report
        session=(27, D(2024, 9, 23), D(2024, 10, 4)),
        adoption=D(2024, 10, 3),
        follow_up=(D(2025, 10, 4), False, [(5, "a"), (5, "c"), (7, None)]),
        next_report=None,
        subs={5: "abc"},
    ),
}


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_documents_of_other_committees_in_other_languages(name):
    case = LANGUAGES[name]
    doc = parse(read_doc(name), filename=name)
    assert doc.language == case["language"]
    assert doc.symbol == case["symbol"] and "symbol_derived" not in codes(doc)
    assert (doc.periodic_report, doc.periodic_report_last) == case["reports"]
    assert (doc.session_number, doc.session_from, doc.session_to) == case["session"]
    assert doc.adoption_date == case["adoption"]
    assert "page_furniture" in codes(doc)
    follow_up = only(doc, FOLLOW_UP)
    assert (follow_up.due, follow_up.computed, items(follow_up)) == case["follow_up"]
    reports = [(d.due, d.report_number, d.report_number_last, d.precision) for d in doc.deadlines]
    reports = [r for d, r in zip(doc.deadlines, reports, strict=True) if d.kind == NEXT_PERIODIC_REPORT]
    assert reports == ([case["next_report"]] if case["next_report"] else [])
    for paragraph in doc.paragraphs:
        assert "".join(s.letter for s in paragraph.subparagraphs) == case["subs"].get(paragraph.number, "")
    texts = " ".join(p.text for p in doc.paragraphs)
    assert "GE.24" not in texts and "Original" not in texts


def test_cerd_article_with_its_paragraph_is_cited_as_the_article():
    doc = parse(read_doc("CERD_C_MLI_CO_20-22.fr.txt"))
    assert [(c.paragraph, c.value) for c in doc.citations if c.kind == "convention_article"] == [(5, "9"), (8, "9")]


def test_cedaw_month_without_a_day_is_the_last_day_of_the_month():
    doc = parse(read_doc("CEDAW_C_PER_CO_9.es.txt"))
    finding = next(f for f in doc.findings if f.code == "deadline_month_only")
    assert "2028-10-31" in finding.message


def test_arabic_digits_and_right_to_left_marks():
    doc = parse(read_doc("CAT_C_TUN_CO_4.ar.txt"))
    assert [p.number for p in doc.paragraphs] == list(range(1, 10))
    assert doc.considered_meetings == [2130, 2133] and doc.adopted_meeting == 2150
    assert doc.title.startswith("الملاحظات الختامية")
    assert [(r.document, r.target_paragraph) for r in doc.references] == [("CAT/C/TUN/CO/3", 11)]


def test_chinese_full_width_numbers_and_letters_and_article_29_4():
    doc = parse(read_doc("CED_C_MEX_CO_2.zh.txt"))
    assert doc.state_name == "墨西哥"
    assert "report_number_missing" in codes(doc)
    assert [s.label for s in doc.paragraphs[4].subparagraphs] == ["a", "b", "c"]
    assert "(ii)" in doc.paragraphs[4].subparagraphs[1].text
    other = [(d.kind, d.due, d.stated_in) for d in doc.deadlines if d.kind != FOLLOW_UP]
    assert other == [("other", D(2028, 10, 4), 9)]


# --- the same documents as other tools export them ----------------------------------------------

AD = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def _page_breaks(text: str) -> str:
    """A page break with running header and page number inside every tenth line."""
    lines = text.split("\n")
    for index in range(len(lines) - 3, 5, -10):
        lines.insert(index, "\fCCPR/C/KAZ/CO/3\n" + str(index // 10 + 2))
    return "\n".join(lines)


TRANSFORMS = {
    "CCPR_C_KAZ_CO_3.en.txt": _page_breaks,
    "CRPD_C_JOR_CO_1.ar.txt": lambda t: "\n".join("\u200f" + line.translate(AD) for line in t.split("\n")),
    "CAT_C_ARG_CO_7.zh.txt": lambda t: t.translate(FW).replace("(a)", "（a）").replace("(b)", "（b）"),
}


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_page_breaks_arabic_indic_and_full_width_digits_change_nothing(name):
    text = read_doc(name).decode("utf-8")
    plain, other = parse(text.encode("utf-8")), parse(TRANSFORMS[name](text).encode("utf-8"))
    assert [(p.number, [s.letter for s in p.subparagraphs], p.kind) for p in other.paragraphs] == [
        (p.number, [s.letter for s in p.subparagraphs], p.kind) for p in plain.paragraphs
    ]
    assert [(d.kind, d.due, items(d)) for d in other.deadlines] == [(d.kind, d.due, items(d)) for d in plain.deadlines]
    assert (other.symbol, other.adoption_date, other.session_number) == (
        plain.symbol,
        plain.adoption_date,
        plain.session_number,
    )
