"""Wordings and layouts met in the documents people download, beyond the ones the seed shows."""

from __future__ import annotations

from observations.importer import parse
from observations.importer.model import FOLLOW_UP, NEXT_PERIODIC_REPORT
from tests.importer.conftest import read_doc

GOOD = read_doc("CCPR_C_KAZ_CO_3.en.txt").decode("utf-8")
NEXT = "10.\tThe State party is requested to submit its next periodic report by 28 March 2030."


def edited(old: str, new: str, text: str = GOOD):
    assert old in text, old
    return parse(text.replace(old, new, 1).encode("utf-8"), filename="CCPR_C_KAZ_CO_3.en.txt")


def kinds(doc) -> dict[str, list]:
    found: dict[str, list] = {}
    for deadline in doc.deadlines:
        found.setdefault(deadline.kind, []).append(deadline)
    return found


def test_a_document_without_any_deadline_imports_and_says_so():
    text = GOOD.replace(NEXT, "10.\tThe Committee will consider the next report in due course.")
    text = text.replace("within one year of the adoption of the present concluding observations, ", "")
    doc = parse(text.encode("utf-8"), filename="CCPR_C_KAZ_CO_3.en.txt")
    assert doc.deadlines == []
    assert [f.level for f in doc.findings if f.code == "no_deadline"] == ["warning"]
    assert len(doc.paragraphs) == 10


def test_next_report_due_on_a_date():
    doc = edited(
        NEXT,
        "10.\tUnder the simplified reporting procedure, the State party's replies to the list of issues prior "
        "to reporting will constitute its fourth periodic report, due on 28 March 2030.",
    )
    (deadline,) = kinds(doc)[NEXT_PERIODIC_REPORT]
    assert str(deadline.due) == "2030-03-28"


def test_next_report_in_a_year_only_is_not_made_a_day():
    doc = edited(
        NEXT,
        "10.\tIn 2029, the Committee will transmit a list of issues prior to reporting to the State party, "
        "whose replies will constitute its fourth periodic report.",
    )
    found = kinds(doc).get(NEXT_PERIODIC_REPORT, [])
    if found:  # a year is all the document says: never a day the document did not state
        assert found[0].due.year == 2029 and found[0].precision == "year"
    else:
        assert [f.level for f in doc.findings if f.code == "next_report_missing"] == ["warning"]


def test_an_article_paragraph_is_not_a_follow_up_paragraph():
    doc = edited(
        "In accordance with rule 75, paragraph 1, of the Committee’s rules of procedure, the State party is "
        "requested to provide",
        "In accordance with article 40, paragraph 1, of the Covenant, the State party is requested to provide",
    )
    (follow_up,) = kinds(doc)[FOLLOW_UP]
    assert [(i.paragraph, i.subparagraph) for i in follow_up.items] == [(5, "a"), (7, "b")]


def test_previous_observations_cited_inline_are_the_previous_observations():
    doc = edited(
        "6.\tThe Committee is concerned about reports that judges lack independence.",
        "6.\tRecalling its earlier recommendation (CCPR/C/KAZ/CO/2, para. 12), the Committee is concerned "
        "about reports that judges lack independence.",
    )
    assert doc.previous_observations == "CCPR/C/KAZ/CO/2"


def test_a_stray_glyph_before_a_sub_paragraph_letter_is_dropped():
    doc = edited("\t(c)\tProvide in its next", "\t€(c)\tProvide in its next")
    paragraph = next(p for p in doc.paragraphs if p.number == 7)
    assert [s.label for s in paragraph.subparagraphs] == ["a", "b", "c"]
    doc = edited("\t(b)\tEnsure that judges", "\t•\t(b)\tEnsure that judges")
    paragraph = next(p for p in doc.paragraphs if p.number == 7)
    assert [s.label for s in paragraph.subparagraphs] == ["a", "b", "c"]


def test_sub_paragraphs_run_on_inside_a_line():
    doc = edited(
        "7.\tThe State party should:\n\t(a)\tGuarantee the full independence of the judiciary, in accordance "
        "with article 14 of the Covenant;\n\t(b)\tEnsure that judges are selected on the basis of objective "
        "criteria;\n\t(c)",
        "7.\tThe State party should: (a) Guarantee the full independence of the judiciary, in accordance with "
        "article 14 of the Covenant; (b) Ensure that judges are selected on the basis of objective criteria;\n(c)",
    )
    paragraph = next(p for p in doc.paragraphs if p.number == 7)
    assert [s.label for s in paragraph.subparagraphs] == ["a", "b", "c"]
    assert paragraph.subparagraphs[1].text.startswith("Ensure that judges")
