"""What the tests of the public document pages share: the day they are read on, a document with
footnotes, references and citations (and the earlier document it reiterates), the pages' URLs
and their query budget, and small readers of the returned HTML."""

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from observations.choices import CitationKind, ReferenceKind
from observations.models import Citation, Footnote, Reference
from tests.factories import make_document

TODAY = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)  # follow-up due 2026-12-06: 14 days left


def add_notes_and_references(document, earlier=None):
    """Footnotes on paragraph 4 and on 4(a), a reference from 4 to ``earlier`` (resolved)
    and one to a document the tracker does not hold, an SDG target on 4(a), an article on 6."""
    para4 = document.paragraphs.get(number=4)
    sub4a = para4.subparagraphs.get(letter="a")
    para6 = document.paragraphs.get(number=6)
    note6 = Footnote.objects.create(document=document, number=6, paragraph=para4,
                                    text={"en": "CMW/C/ABC/CO/1, para. 9.", "ar": "CMW/C/ABC/CO/1، الفقرة 9."})
    Footnote.objects.create(document=document, number=7, paragraph=para4, subparagraph=sub4a,
                            text={"en": "Ibid., para. 11.", "ar": "المرجع نفسه، الفقرة 11."})
    if earlier is not None:
        Reference.objects.create(paragraph=para4, footnote=note6, kind=ReferenceKind.REITERATES,
                                 target_symbol=earlier.symbol, target_number=6,
                                 target=earlier.paragraphs.get(number=6))
    Reference.objects.create(paragraph=para4, subparagraph=sub4a, kind=ReferenceKind.CITES,
                             target_symbol="CMW/C/ZZZ/CO/1", target_number=11)
    Citation.objects.create(paragraph=para4, subparagraph=sub4a, kind=CitationKind.SDG_TARGET, value="16.9")
    Citation.objects.create(paragraph=para6, kind=CitationKind.CONVENTION_ARTICLE, value="30")
    return document


@pytest.fixture
def earlier_document(db):
    return make_document(symbol="CMW/C/ABC/CO/1", adoption_date=dt.date(2018, 4, 20),
                         follow_up_due=dt.date(2020, 4, 20), next_report_due=dt.date(2023, 4, 20))


@pytest.fixture
def document(document_with_follow_up, earlier_document):
    return add_notes_and_references(document_with_follow_up, earlier_document)


def html(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def one(tree, xpath):
    found = tree.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def by_id(tree, anchor):
    return one(tree, f'//*[@id="{anchor}"]')


def text_of(element):
    return " ".join(element.text_content().split())


def detail_url(document, query=""):
    return reverse("observations:document_detail", args=[document.slug]) + query


DETAIL_MAX_QUERIES = 11


def paragraph_url(document, number, query=""):
    return reverse("observations:paragraph_detail", args=[document.slug, number]) + query
