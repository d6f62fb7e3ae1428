"""Documents of other committees, in the other UN languages, and other encodings and layouts.

Each document in ``docs/`` is a realistic excerpt written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from observations.importer import parse
from observations.importer.model import (
    CLUSTER,
    CONVENTION_ARTICLE,
    FOLLOW_UP,
    NEXT_PERIODIC_REPORT,
    OTHER_DEADLINE,
    PROCEDURAL,
    RECOMMENDATION,
    REITERATES,
    SDG_TARGET,
    SECTION,
)
from tests.importer.conftest import read_doc

D = dt.date

# file -> facts every parse of it must give
CASES = {
    "CRC_C_MAR_CO_5-6.fr.txt": dict(
        language="fr",
        committee="CRC",
        symbol="CRC/C/MAR/CO/5-6",
        state="MAR",
        state_name="Maroc",
        reports=(5, 6),
        session=(95, D(2024, 1, 15), D(2024, 2, 2)),
        considered=([2758, 2759], [D(2024, 1, 16), D(2024, 1, 17)]),
        adopted=(2786, D(2024, 2, 2)),
        follow_up=(D(2026, 1, 2), False, [(5, None), (9, "a")], 10),
        next_report=(D(2029, 1, 2), 7, 11),
        previous="CRC/C/MAR/CO/3-4",
        issues="CRC/C/MAR/QPR/5-6",
        sdg={"7(a)": ["17.18"], "9(b)": ["5.1", "16.9"]},
        articles={"5": ["19", "34"], "9(a)": ["2"]},
        reiterates={5: [("CRC/C/MAR/CO/3-4", 11)]},
        subs={3: "ab", 7: "ab", 9: "ab"},
    ),
    "E_C.12_ESP_CO_6.es.txt": dict(
        language="es",
        committee="CESCR",
        symbol="E/C.12/ESP/CO/6",
        state="ESP",
        state_name="España",
        reports=(6, 6),
        session=(74, D(2023, 9, 18), D(2023, 10, 6)),
        considered=([36, 37], [D(2023, 9, 21), D(2023, 9, 22)]),
        adopted=(58, D(2023, 10, 6)),
        follow_up=(D(2025, 10, 6), True, [(5, "a"), (7, None)], 9),
        next_report=(D(2028, 10, 31), 7, 10),
        previous="E/C.12/ESP/CO/5",
        issues=None,
        sdg={"5(b)": ["8.7"]},
        articles={"5(a)": ["6"], "7": ["11"]},
        reiterates={5: [("E/C.12/ESP/CO/5", 13)]},
        subs={5: "ab"},
    ),
    "CEDAW_C_UZB_CO_7.ru.txt": dict(
        language="ru",
        committee="CEDAW",
        symbol="CEDAW/C/UZB/CO/7",
        state="UZB",
        state_name="Узбекистана",
        reports=(7, 7),
        session=(87, D(2024, 1, 29), D(2024, 2, 16)),
        considered=([2012, 2013], [D(2024, 1, 31)]),
        adopted=(2030, D(2024, 2, 14)),
        follow_up=(D(2026, 1, 2), False, [(5, "a"), (7, "b")], 8),
        next_report=(D(2028, 1, 2), 8, 9),
        previous="CEDAW/C/UZB/CO/6",
        issues=None,
        sdg={"5(b)": ["5.1"]},
        articles={"4": ["1"], "5(a)": ["1", "2"]},
        reiterates={5: [("CEDAW/C/UZB/CO/6", 10)]},
        subs={5: "ab", 7: "abc"},
    ),
    "CAT_C_ARG_CO_7.zh.txt": dict(
        language="zh",
        committee="CAT",
        symbol="CAT/C/ARG/CO/7",
        state="ARG",
        state_name="阿根廷",
        reports=(7, 7),
        session=(78, D(2023, 10, 30), D(2023, 11, 24)),
        considered=([2046, 2049], [D(2023, 11, 8), D(2023, 11, 9)]),
        adopted=(2064, D(2023, 11, 22)),
        follow_up=(D(2026, 1, 2), False, [(5, "a"), (7, None)], 8),
        next_report=(D(2027, 11, 24), 8, 9),
        previous="CAT/C/ARG/CO/5-6",
        issues=None,
        sdg={"7": ["16.3"]},
        articles={"4": ["1"], "5(a)": ["1"]},
        reiterates={5: [("CAT/C/ARG/CO/5-6", 12)]},
        subs={5: "ab"},
    ),
    "CCPR_C_KAZ_CO_3.en.txt": dict(
        language="en",
        committee="CCPR",
        symbol="CCPR/C/KAZ/CO/3",
        state="KAZ",
        state_name="Kazakhstan",
        reports=(3, 3),
        session=(140, D(2024, 3, 4), D(2024, 3, 28)),
        considered=([4093, 4094], [D(2024, 3, 11), D(2024, 3, 12)]),
        adopted=(4110, D(2024, 3, 25)),
        follow_up=(D(2025, 3, 25), True, [(5, "a"), (7, "b")], 9),
        next_report=(D(2030, 3, 28), 4, 10),
        previous="CCPR/C/KAZ/CO/2",
        issues="CCPR/C/KAZ/QPR/3",
        sdg={"5(b)": ["16.3"]},
        articles={"5(a)": ["2", "26"], "7(a)": ["14"]},
        reiterates={5: [("CCPR/C/KAZ/CO/2", 8), ("CCPR/C/KAZ/CO/2", 10)]},
        subs={5: "ab", 7: "abc"},
    ),
    "CRPD_C_JOR_CO_1.ar.txt": dict(
        language="ar",
        committee="CRPD",
        symbol="CRPD/C/JOR/CO/1",
        state="JOR",
        state_name="الأردن",
        reports=(1, 1),
        session=(110, D(2024, 3, 2), D(2024, 3, 20)),
        considered=([701, 702], [D(2024, 3, 5), D(2024, 3, 6)]),
        adopted=(720, D(2024, 3, 19)),
        follow_up=(D(2026, 1, 2), False, [(5, "a"), (7, None)], 8),
        next_report=(D(2029, 1, 2), 2, 9),
        previous=None,
        issues=None,
        sdg={"5(b)": ["17.18"]},
        articles={"4": ["1", "4"], "5(a)": ["4"], "7": ["9"]},
        reiterates={},
        subs={5: "abcde"},
    ),
}


def key(paragraph: int, letter: str | None) -> str:
    return f"{paragraph}({letter})" if letter else str(paragraph)


def by_kind(doc, kind) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for citation in doc.citations:
        if citation.kind == kind:
            found.setdefault(key(citation.paragraph, citation.subparagraph), []).append(citation.value)
    return found


def variants(data: bytes) -> dict[str, bytes]:
    """The same document as Word may save it: UTF-8, UTF-8 with BOM, UTF-16, Windows line ends."""
    text = data.decode("utf-8")
    return {
        "utf-8": data,
        "utf-8-bom": "\ufeff".encode() + data,
        "utf-16": text.encode("utf-16"),
        "utf-16-le-no-bom": text.encode("utf-16-le"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "nbsp": text.replace(" ", "\u00a0", 40).encode("utf-8"),
    }


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "utf-16", "utf-16-le-no-bom", "crlf", "nbsp"])
def test_document_facts(name, encoding):
    case = CASES[name]
    doc = parse(variants(read_doc(name))[encoding], filename=name)
    assert doc.language == case["language"]
    assert (doc.committee, doc.symbol, doc.state_alpha3) == (case["committee"], case["symbol"], case["state"])
    assert doc.state_name == case["state_name"]
    assert (doc.periodic_report, doc.periodic_report_last) == case["reports"]
    assert (doc.session_number, doc.session_from, doc.session_to) == case["session"]
    assert (doc.considered_meetings, doc.considered_dates) == case["considered"]
    assert (doc.adopted_meeting, doc.adoption_date) == case["adopted"]
    assert doc.previous_observations == case["previous"]
    assert doc.list_of_issues_symbol == case["issues"]

    follow_up = [d for d in doc.deadlines if d.kind == FOLLOW_UP]
    due, computed, items, stated_in = case["follow_up"]
    assert len(follow_up) == 1
    assert (follow_up[0].due, follow_up[0].computed, follow_up[0].stated_in) == (due, computed, stated_in)
    assert [(i.paragraph, i.subparagraph) for i in follow_up[0].items] == items
    assert any(f.code == "deadline_computed" for f in doc.findings) == computed

    next_report = [d for d in doc.deadlines if d.kind == NEXT_PERIODIC_REPORT]
    assert [(d.due, d.report_number, d.stated_in) for d in next_report] == [case["next_report"]]

    assert by_kind(doc, SDG_TARGET) == case["sdg"]
    assert by_kind(doc, CONVENTION_ARTICLE) == case["articles"]
    reiterated: dict[int, list] = {}
    for r in doc.references:
        if r.kind == REITERATES:
            reiterated.setdefault(r.paragraph, []).append((r.document, r.target_paragraph))
    assert reiterated == case["reiterates"]
    for paragraph in doc.paragraphs:
        assert "".join(s.letter for s in paragraph.subparagraphs) == case["subs"].get(paragraph.number, "")
        if paragraph.number in (stated_in, case["next_report"][2]):
            assert paragraph.kind == PROCEDURAL
    assert doc.paragraphs[0].kind == "introduction"


def test_french_crc_layout_with_roman_sections_and_lettered_clusters():
    doc = parse(read_doc("CRC_C_MAR_CO_5-6.fr.txt"))
    sections = [(h.key, h.first_paragraph, h.last_paragraph) for h in doc.headings if h.kind == SECTION]
    assert sections == [("I", 1, 2), ("II", 3, 3), ("III", 4, 12)]
    clusters = [(h.key, h.title, h.articles) for h in doc.headings if h.kind == CLUSTER]
    assert clusters[0] == ("A", "Mesures d’application générales", "4, 42, 44")
    assert clusters[1][2] == "2, 3, 6, 12"
    assert [p.kind for p in doc.paragraphs[:4]] == ["introduction", "introduction", "positive_aspect", "concern"]
    assert [s.label for s in doc.paragraphs[2].subparagraphs] == ["a", "b"]
    other = [d for d in doc.deadlines if d.kind == OTHER_DEADLINE]
    assert [(d.due, d.stated_in) for d in other] == [(D(2027, 1, 1), 12)]
    assert doc.paragraphs[11].kind == RECOMMENDATION


def test_russian_cyrillic_letters_and_ibid_with_subparagraph():
    doc = parse(read_doc("CEDAW_C_UZB_CO_7.ru.txt"))
    assert [s.label for s in doc.paragraphs[6].subparagraphs] == ["а", "б", "в"]
    assert [h.label for h in doc.headings if h.kind == SECTION] == ["А", "Б", "В", "Г"]
    cited = [r for r in doc.references if r.paragraph == 7]
    assert [(r.kind, r.document, r.target_paragraph, r.target_subparagraph) for r in cited] == [
        ("cites", "CEDAW/C/UZB/CO/6", 18, "a")
    ]


def test_arabic_egyptian_month_names_and_initial_report():
    doc = parse(read_doc("CRPD_C_JOR_CO_1.ar.txt"), language="ar")
    assert doc.periodic_report == 1
    assert [h.articles for h in doc.headings if h.kind == CLUSTER] == ["1-4", "5-30", ""]
    assert [r.kind for r in doc.references] == ["cites"]  # recalling a general comment is not reiterating


def test_spanish_computed_deadline_is_explained():
    doc = parse(read_doc("E_C.12_ESP_CO_6.es.txt"))
    finding = next(f for f in doc.findings if f.code == "deadline_computed")
    assert "2025-10-06" in finding.message and "24" in finding.message
    assert [p.kind for p in doc.paragraphs[7:]] == [RECOMMENDATION, PROCEDURAL, PROCEDURAL]


def test_symbol_argument_overrides_and_printed_symbol_wins():
    data = read_doc("CCPR_C_KAZ_CO_3.en.txt")
    assert parse(data, symbol="CCPR/C/KAZ/CO/3").symbol == "CCPR/C/KAZ/CO/3"
    printed = data.replace(b"Human Rights Committee\n", b"CCPR/C/KAZ/CO/3\nHuman Rights Committee\n")
    doc = parse(printed)
    assert doc.symbol == "CCPR/C/KAZ/CO/3"
    assert not any(f.code == "symbol_derived" for f in doc.findings)


def test_symbol_missing_is_reported():
    data = (
        read_doc("CCPR_C_KAZ_CO_3.en.txt")
        .replace(b"CCPR/C/KAZ/3.", b"The report.")
        .replace(b"CCPR/C/KAZ/QPR/3.", b"The list of issues.")
        .replace(b"CCPR/C/KAZ/CO/2, paras.", b"Previous, paras.")
    )
    doc = parse(data)
    assert doc.symbol is None
    assert any(f.code == "symbol_missing" for f in doc.findings)
    assert doc.committee == "CCPR"


def test_missing_leading_tab_before_a_cluster(seed_en):
    from tests.importer.conftest import SEEDS

    data = (
        (SEEDS / "CMW_C_KGZ_CO_2.en.txt")
        .read_bytes()
        .replace(b"\n\t2.\t\tGeneral principles", b"\n2.\t\tGeneral principles")
    )
    doc = parse(data)
    assert [(h.key, h.first_paragraph) for h in doc.headings if h.kind == CLUSTER] == [
        (h.key, h.first_paragraph) for h in seed_en.headings if h.kind == CLUSTER
    ]
    assert len(doc.paragraphs) == 58


def test_combined_report_words_in_all_languages():
    from observations.importer.meta import report_numbers
    from observations.importer.vocab import VOCABULARIES as V

    titles = {
        "en": "Concluding observations on the combined fifth and sixth periodic reports of France",
        "fr": "Observations finales concernant les rapports périodiques combinés valant cinquième et sixième "
        "rapports de la France",
        "es": "Observaciones finales sobre los informes periódicos combinados quinto y sexto de Chile",
        "ru": "Заключительные замечания по объединенным пятому и шестому периодическим докладам Франции",
        "ar": "الملاحظات الختامية بشأن التقريرين الدوريين الخامس والسادس الجامعين لفرنسا",
        "zh": "关于法国第五和第六次合并定期报告的结论性意见",
    }
    for code, title in titles.items():
        assert report_numbers(title, V[code]) == [5, 6], code
