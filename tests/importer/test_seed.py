"""The seed pair CMW/C/KGZ/CO/2 (English and Arabic): every fact of expected.json is found."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from observations.importer import IMPORTER_VERSION, compare_structure
from observations.importer.model import (
    CLUSTER,
    CONVENTION_ARTICLE,
    REITERATES,
    SDG_TARGET,
    SECTION,
    TOPIC,
)
from tests.importer.conftest import SEEDS, fold_title

EXPECTED = json.loads((SEEDS / "CMW_C_KGZ_CO_2.expected.json").read_text(encoding="utf-8"))
BOTH = ["seed_en", "seed_ar", "seed_en_pdf", "seed_ar_pdf"]


@pytest.fixture(params=BOTH)
def doc(request):
    return request.getfixturevalue(request.param)


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def citations(doc, kind: str) -> dict[str, list[str]]:
    """Citations keyed like expected.json: "38" or "20(a)"."""
    found: dict[str, list[str]] = {}
    for citation in doc.citations:
        if citation.kind == kind:
            key = f"{citation.paragraph}({citation.subparagraph})" if citation.subparagraph else str(citation.paragraph)
            found.setdefault(key, []).append(citation.value)
    return found


def test_version_is_a_string():
    assert IMPORTER_VERSION == "1.1"


def test_the_two_language_versions_align(seed_en, seed_ar):
    assert compare_structure(seed_en, seed_ar) == []


def test_identity(doc, request):
    assert doc.symbol == EXPECTED["symbol"]
    assert doc.committee == EXPECTED["committee"]
    assert doc.state_alpha3 == "KGZ"
    assert doc.periodic_report == doc.periodic_report_last == EXPECTED["periodic_report"]
    assert doc.state_report_symbol == EXPECTED["state_report_symbol"]
    assert doc.list_of_issues_symbol == EXPECTED["list_of_issues_symbol"]
    assert doc.previous_observations == EXPECTED["previous_observations"]
    # The text export does not print the symbol (it is derived); the PDF prints it in its header table.
    printed = request.node.callspec.params["doc"].endswith("_pdf")
    assert any(f.code == "symbol_derived" for f in doc.findings) is not printed


def test_title_and_state_name(seed_en, seed_ar):
    assert seed_en.title == "Concluding observations on the second periodic report of Kyrgyzstan"
    assert seed_en.state_name == EXPECTED["state_party"]["name_en"]
    assert seed_ar.state_name == "قيرغيزستان"
    assert seed_ar.language == "ar" and seed_en.language == "en"


def test_session_and_meetings(doc):
    session = EXPECTED["session"]
    assert doc.session_number == session["number"]
    assert (doc.session_from, doc.session_to) == (date(session["from"]), date(session["to"]))
    assert doc.considered_meetings == EXPECTED["considered"]["meetings"]
    assert doc.considered_dates == [date(d) for d in EXPECTED["considered"]["dates"]]
    assert doc.adopted_meeting == EXPECTED["adopted"]["meeting"]
    assert doc.adoption_date == date(EXPECTED["adopted"]["date"])


def test_counts(doc):
    assert len(doc.paragraphs) == EXPECTED["paragraph_count"]
    assert sum(len(p.subparagraphs) for p in doc.paragraphs) == EXPECTED["subparagraph_count"]
    assert len(doc.footnotes) == EXPECTED["footnote_count"]
    assert doc.footnotes[0].text.startswith(("Adopted by the Committee", "اعتمدته اللجنة"))


def headings(doc, kind):
    return [h for h in doc.headings if h.kind == kind]


def test_sections(doc):
    found = headings(doc, SECTION)
    assert [h.key for h in found] == [s["letter"] for s in EXPECTED["sections"]]
    title_key = "title_en" if doc.language == "en" else "title_ar"
    for heading, expected in zip(found, EXPECTED["sections"], strict=True):
        assert fold_title(heading.title) == fold_title(expected[title_key])
        assert [heading.first_paragraph, heading.last_paragraph] == expected["paragraphs"]


def test_clusters(doc):
    found = headings(doc, CLUSTER)
    assert [int(h.key) for h in found] == [c["number"] for c in EXPECTED["clusters"]]
    for heading, expected in zip(found, EXPECTED["clusters"], strict=True):
        assert heading.articles == expected["convention_articles"]
        assert [heading.first_paragraph, heading.last_paragraph] == expected["paragraphs"]
        assert doc.headings[heading.parent].key == "C"
        if doc.language == "en":
            assert fold_title(heading.title) == fold_title(expected["title_en"])


def test_topics(doc):
    found = headings(doc, TOPIC)
    assert len(found) == len(EXPECTED["topics"])
    for heading, expected in zip(found, EXPECTED["topics"], strict=True):
        assert [heading.first_paragraph, heading.last_paragraph] == expected["paragraphs"]
        assert doc.headings[heading.parent].kind == CLUSTER
        if doc.language == "en":
            assert fold_title(heading.title) == fold_title(expected["title_en"])


def test_each_paragraph_points_to_its_innermost_heading(seed_en):
    by_number = {p.number: p for p in seed_en.paragraphs}
    assert seed_en.headings[by_number[1].heading].key == "A"
    assert seed_en.headings[by_number[20].heading].title == "Data collection"
    assert seed_en.headings[by_number[57].heading].title == "Follow-up to concluding observations"


def test_deadlines(doc):
    follow_up, next_report = EXPECTED["deadlines"]
    assert len(doc.deadlines) == 2
    got_follow_up, got_next = doc.deadlines
    assert got_follow_up.kind == follow_up["kind"]
    assert got_follow_up.due == date(follow_up["due"])
    assert got_follow_up.stated_in == follow_up["stated_in"]
    assert [i.paragraph for i in got_follow_up.items] == follow_up["paragraphs"]
    assert all(i.subparagraph is None for i in got_follow_up.items)
    assert got_follow_up.period_months == 24 and not got_follow_up.computed
    assert got_next.kind == next_report["kind"]
    assert got_next.due == date(next_report["due"])
    assert got_next.report_number == next_report["report"]
    assert got_next.stated_in == next_report["stated_in"]


def test_sdg_targets(doc):
    assert citations(doc, SDG_TARGET) == EXPECTED["sdg_targets"]


def test_convention_articles(doc):
    assert citations(doc, CONVENTION_ARTICLE) == EXPECTED["convention_articles"]


def test_paragraph_kinds(doc):
    assert [(p.number, p.kind) for p in doc.paragraphs] == [(p["number"], p["kind"]) for p in EXPECTED["paragraphs"]]


def test_subparagraph_letters(doc):
    key = "subparagraphs" if doc.language == "en" else "subparagraphs_ar"
    for paragraph, expected in zip(doc.paragraphs, EXPECTED["paragraphs"], strict=True):
        assert [s.letter for s in paragraph.subparagraphs] == expected["subparagraphs"]
        assert [s.label for s in paragraph.subparagraphs] == expected[key]


def test_reiterated_recommendations(doc):
    found = {
        r.paragraph: {"document": r.document, "paragraph": r.target_paragraph}
        for r in doc.references
        if r.kind == REITERATES
    }
    expected = {p["number"]: p["reiterates"] for p in EXPECTED["paragraphs"] if "reiterates" in p}
    assert found == expected
    assert all(r.footnote is not None for r in doc.references)


def test_footnotes_are_attached_and_markers_removed(seed_en, seed_ar):
    for doc in (seed_en, seed_ar):
        first = doc.paragraphs[0]
        assert first.footnotes == [2, 3]
        assert all("footnoteRef" not in p.text and "[" not in p.text for p in doc.paragraphs)
        assert "bookmark" not in doc.paragraphs[34].text
    assert seed_en.footnotes[5].text == "CMW/C/KGZ/CO/1, para. 9."
    assert seed_ar.footnotes[1].text == "CMW/C/KGZ/2."
