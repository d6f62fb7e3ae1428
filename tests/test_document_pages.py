"""The public document page: a document in one language or side by side, with its deadlines,
headings, paragraphs, footnotes, references and language versions, the links into the work on
it for each reader, and the committee named in the interface language. Published UN
documents: anyone may read them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from observations.choices import CitationKind, ReferenceKind
from observations.models import Citation, Footnote, LanguageVersion, Reference
from tests.document_pages_support import DETAIL_MAX_QUERIES, TODAY, by_id, detail_url, html, one, text_of
from tests.factories import make_user

# --- The document page -------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_anyone_can_read_a_document_with_its_identity_and_deadlines(client, document):
    tree = html(client.get(detail_url(document)))
    assert text_of(one(tree, "//h1")) == "CMW/C/XYZ/CO/1"
    identity = text_of(by_id(tree, "identity"))
    assert "CMW — Committee on the Protection of the Rights of All Migrant Workers" in identity
    assert "Kyrgyzstan" in identity and "2024-12-06" in identity
    follow_up = one(tree, '//tr[contains(@class, "deadline-follow_up")]')
    assert "2026-12-06" in text_of(follow_up) and "in 14 days" in text_of(follow_up)
    assert [a.get("href") for a in follow_up.xpath('.//a[@class="deadline-item"]')] == ["#p4", "#p6"]
    report = one(tree, '//tr[contains(@class, "deadline-next_periodic_report")]')
    assert "in 1110 days" in text_of(report)
    assert "computed from the adoption date" not in text_of(by_id(tree, "deadlines"))


def test_a_deadline_counted_from_the_adoption_date_says_so(client, document):
    document.deadlines.filter(kind="follow_up").update(computed=True)
    with time_machine.travel(dt.datetime(2026, 12, 16, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(detail_url(document)))
    follow_up = text_of(one(tree, '//tr[contains(@class, "deadline-follow_up")]'))
    assert "computed from the adoption date" in follow_up
    assert "overdue by 10 days" in follow_up


def test_a_deadline_due_today_says_so(client, document):
    with time_machine.travel(dt.datetime(2026, 12, 6, 23, 0, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(detail_url(document)))
    assert "due today" in text_of(one(tree, '//tr[contains(@class, "deadline-follow_up")]'))


def test_the_document_shows_headings_and_paragraphs_in_order_with_stable_anchors(client, document):
    tree = html(client.get(detail_url(document)))
    text = by_id(tree, "document-text")
    assert text.get("lang") == "en" and text.get("dir") == "ltr"
    rows = [row.get("id") for row in text.xpath('./div[contains(@class, "doc-row")]')]
    assert rows == ["p1", "p2", "h0", "h1", "h2", "p3", "p4", "p4a", "p4b", "h3", "p5", "p6", "p7", "p8"] or rows == [
        "h0", "p1", "p2", "h1", "h2", "p3", "p4", "p4a", "p4b", "h3", "p5", "p6", "p7", "p8"]
    assert text_of(by_id(tree, "h0")) == "C. Principal subjects of concern and recommendations"
    assert text_of(by_id(tree, "h1")) == "1. General measures of implementation"
    assert text_of(by_id(tree, "h2")) == "Data collection"
    number = one(by_id(tree, "p12".replace("12", "3")), './/span[@class="para-number"]/a')
    assert number.get("href") == "#p3" and text_of(number) == "3."
    sub = by_id(tree, "p4a")
    assert one(sub, './/span[@class="subpara-label"]/a').get("href") == "#p4a"
    assert "Do thing a." in text_of(sub)


def test_follow_up_paragraphs_are_visibly_marked(client, document):
    tree = html(client.get(detail_url(document)))
    for anchor in ("p4", "p6"):
        row = by_id(tree, anchor)
        assert "follow-up" in row.get("class").split()
        assert text_of(one(row, './/span[contains(@class, "follow-up-badge")]')) == "Follow-up"
    for anchor in ("p3", "p5", "p7"):
        assert "follow-up" not in by_id(tree, anchor).get("class").split()
        assert not by_id(tree, anchor).xpath('.//span[contains(@class, "follow-up-badge")]')


def test_the_paragraph_kind_is_shown_discreetly(client, document):
    tree = html(client.get(detail_url(document)))
    assert text_of(one(by_id(tree, "p3"), './/span[contains(@class, "para-kind")]')) == "Concern"
    assert text_of(one(by_id(tree, "p4"), './/span[contains(@class, "para-kind")]')) == "Recommendation"


def test_footnote_markers_link_to_the_footnotes_and_back(client, document):
    tree = html(client.get(detail_url(document)))
    marker = one(by_id(tree, "p4"), './/a[@class="footnote-ref" and @href="#fn6"]')
    assert marker.get("id") == "fnref6"
    one(by_id(tree, "p4a"), './/a[@class="footnote-ref" and @href="#fn7"]')
    note = by_id(tree, "fn6")
    assert "CMW/C/ABC/CO/1, para. 9." in text_of(note)
    assert one(note, './/a[@class="footnote-back"]').get("href") == "#fnref6"


def test_markers_without_a_recorded_position_follow_the_text(client, document):
    # Documents imported before positions were recorded: the markers close the text, as before.
    tree = html(client.get(detail_url(document)))
    body = one(by_id(tree, "p4"), './/div[@class="para-body"]')
    sup = one(body, './sup[@class="footnote-refs"]')
    assert sup.getprevious() is None and body.text.strip().endswith("Paragraph 4 text.")


def test_markers_stand_where_they_were_recorded_and_the_text_stays_escaped(client, document):
    para4 = document.paragraphs.get(number=4)
    para4.text = {"en": "Recalling <b>its</b> views, the Committee\nrecommends.", "ar": para4.text["ar"]}
    para4.footnote_positions = {"en": [[6, len("Recalling <b>its</b> views,")]]}
    para4.save()
    sub4a = para4.subparagraphs.get(letter="a")
    sub4a.footnote_positions = {"en": [[7, 2]], "ar": [[7, 0]]}
    sub4a.save()
    tree = html(client.get(detail_url(document, "?lang=en&compare=ar")))
    en, ar = by_id(tree, "p4").xpath('.//div[@class="para-body"]')
    assert not en.xpath(".//b")
    assert en.text.strip() == "Recalling <b>its</b> views,"
    sup = one(en, './sup[@class="footnote-refs"]')
    assert one(sup, "./a").get("id") == "fnref6" and one(sup, "./a").get("href") == "#fn6"
    assert sup.tail == " the Committee"
    assert sup.getnext().tag == "br"
    # Arabic has no recorded position for note 6: it follows the text, without the id.
    assert not ar.xpath('.//a[@id]') and ar.text.strip().endswith("نص الفقرة 4.")
    sub_en, sub_ar = by_id(tree, "p4a").xpath('.//div[@class="subpara-body"]')
    assert one(sub_en, "./sup").tail.startswith(" thing a.") and sub_en.text.strip() == "Do"
    assert not (sub_ar.text or "").strip() and one(sub_ar, "./sup/a").get("href") == "#fn7"
    assert len(tree.xpath('//*[@id="fnref6"]')) == 1 and len(tree.xpath('//*[@id="fnref7"]')) == 1


def test_references_link_to_the_referenced_paragraph_when_it_is_in_the_tracker(client, document, earlier_document):
    tree = html(client.get(detail_url(document)))
    linked = one(by_id(tree, "p4"), './/span[@class="reference"]')
    assert text_of(linked) == "Reiterates: CMW/C/ABC/CO/1, para. 6"
    assert one(linked, "./a").get("href") == "/documents/CMW_C_ABC_CO_1/paragraphs/6/"
    unlinked = one(by_id(tree, "p4a"), './/span[@class="reference"]')
    assert text_of(unlinked) == "Cites: CMW/C/ZZZ/CO/1, para. 11"
    assert not unlinked.xpath("./a")


def test_sdg_targets_and_articles_are_small_badges(client, document):
    tree = html(client.get(detail_url(document)))
    assert text_of(one(by_id(tree, "p4a"), './/span[contains(@class, "citation")]')) == "SDG 16.9"
    assert text_of(one(by_id(tree, "p6"), './/span[contains(@class, "citation")]')) == "art. 30"


def test_the_reader_chooses_arabic_and_it_lays_out_right_to_left(client, document):
    tree = html(client.get(detail_url(document, "?lang=ar")))
    text = by_id(tree, "document-text")
    assert text.get("lang") == "ar" and text.get("dir") == "rtl"
    assert "نص الفقرة 4." in text_of(by_id(tree, "p4"))
    assert text_of(one(by_id(tree, "p4"), './/span[@class="para-number"]')) == "4-"
    assert text_of(one(by_id(tree, "p4a"), './/span[@class="subpara-label"]')) == "(أ)"
    assert "المرجع نفسه" in text_of(by_id(tree, "fn7"))
    # The interface stays in English: only the document text is Arabic.
    assert tree.get("lang") == "en" and tree.get("dir") == "ltr"


def test_a_heading_without_a_translation_falls_back_to_english_marked_as_english(client, document):
    tree = html(client.get(detail_url(document, "?lang=ar")))
    cell = one(by_id(tree, "h2"), './div[contains(@class, "doc-cell")]')
    assert cell.get("lang") == "en" and cell.get("dir") == "ltr"


def test_the_document_language_follows_the_interface_language_by_default(client, document):
    tree = html(client.get(detail_url(document), HTTP_ACCEPT_LANGUAGE="ar"))
    assert tree.get("dir") == "rtl"
    assert by_id(tree, "document-text").get("lang") == "ar"


def test_the_document_language_falls_back_to_english_when_the_interface_language_is_missing(client, document):
    tree = html(client.get(detail_url(document), HTTP_ACCEPT_LANGUAGE="ru"))
    assert by_id(tree, "document-text").get("lang") == "en"


def test_an_unavailable_language_falls_back_to_the_default(client, document):
    tree = html(client.get(detail_url(document, "?lang=fr")))
    assert by_id(tree, "document-text").get("lang") == "en"


def test_the_language_switcher_offers_every_available_language(client, document):
    tree = html(client.get(detail_url(document, "?lang=ar")))
    read_in = {a.get("lang"): a.get("href") for a in by_id(tree, "read-in").xpath(".//a[@lang]")}
    assert read_in == {"ar": "?lang=ar", "en": "?lang=en"}
    compare_with = {a.get("lang"): a.get("href") for a in by_id(tree, "compare-with").xpath(".//a[@lang]")}
    assert compare_with == {"en": "?lang=ar&compare=en"}


def test_side_by_side_aligns_paragraphs_and_sub_paragraphs_row_by_row(client, document):
    tree = html(client.get(detail_url(document, "?lang=en&compare=ar")))
    text = by_id(tree, "document-text")
    assert "doc-compare" in text.get("class")
    rows = text.xpath('./div[contains(@class, "doc-paragraph") or contains(@class, "doc-subparagraph")]')
    assert [r.get("id") for r in rows] == ["p1", "p2", "p3", "p4", "p4a", "p4b", "p5", "p6", "p7", "p8"]
    for row in rows:
        cells = row.xpath('./div[contains(@class, "doc-cell")]')
        assert [(c.get("lang"), c.get("dir")) for c in cells] == [("en", "ltr"), ("ar", "rtl")]
    en, ar = by_id(tree, "p4b").xpath('./div[contains(@class, "doc-cell")]')
    assert "Do thing b." in text_of(en) and "افعل ب." in text_of(ar)
    # Footnotes too, and the anchors stay unique.
    assert len(by_id(tree, "fn6").xpath('./div[contains(@class, "doc-cell")]')) == 2
    assert len(tree.xpath('//*[@id="fnref6"]')) == 1


def test_comparing_a_language_with_itself_or_a_missing_one_shows_one_column(client, document):
    for query in ("?lang=en&compare=en", "?lang=en&compare=zh"):
        tree = html(client.get(detail_url(document, query)))
        assert "doc-compare" not in by_id(tree, "document-text").get("class")
        assert len(by_id(tree, "p4").xpath('./div[contains(@class, "doc-cell")]')) == 1


def test_an_unknown_document_is_404(client, db):
    assert client.get(reverse("observations:document_detail", args=["CMW_C_NOPE_CO_1"])).status_code == 404


@pytest.fixture
def versions_with_findings(document):
    for language in ("en", "ar"):
        LanguageVersion.objects.create(
            document=document, language=language, title=f"Concluding observations ({language})",
            original=b"original file", file_name=f"doc.{language}.txt", checksum="0" * 64, importer_version="1.0",
            findings=[{"level": "warning", "code": "symbol_derived", "message": "The symbol was derived.",
                       "line": None}],
        )
    return document


def test_language_versions_show_their_import_date_and_findings_only_to_staff(client, admin_client,
                                                                             versions_with_findings):
    url = detail_url(versions_with_findings)
    public = html(client.get(url))
    assert len(public.xpath('//div[@class="language-version"]')) == 2
    assert "imported" in text_of(by_id(public, "identity"))
    assert "The symbol was derived." not in public.text_content()
    assert "doc.en.txt" not in public.text_content()
    staff = html(admin_client.get(url))
    assert "The symbol was derived." in staff.text_content()
    assert "doc.en.txt" in staff.text_content()


def test_signed_in_users_without_staff_rights_do_not_see_findings(client, versions_with_findings):
    make_user("reader")
    client.login(username="reader", password="pw")
    assert "The symbol was derived." not in client.get(detail_url(versions_with_findings)).content.decode()


def test_the_title_in_the_document_language_is_shown(client, versions_with_findings):
    tree = html(client.get(detail_url(versions_with_findings, "?lang=ar")))
    title = one(tree, '//p[contains(@class, "doc-title")]')
    assert text_of(title) == "Concluding observations (ar)" and title.get("dir") == "rtl"


def test_related_symbols_are_linked_when_the_document_is_in_the_tracker(client, document, earlier_document):
    document.previous_observations_symbol = earlier_document.symbol
    document.state_report_symbol = "CMW/C/XYZ/1"
    document.save()
    tree = html(client.get(detail_url(document)))
    related = tree.xpath('//dd[contains(@class, "related-symbol")]')
    assert [text_of(dd) for dd in related] == ["CMW/C/XYZ/1", "CMW/C/ABC/CO/1"]
    assert not related[0].xpath(".//a")
    assert one(related[1], ".//a").get("href") == "/documents/CMW_C_ABC_CO_1/"


def enlarge(document, extra=30):
    """Add paragraphs with sub-paragraphs, footnotes, references and citations."""
    from observations.models import Paragraph, SubParagraph

    heading = document.headings.get(position=3)
    for number in range(9, 9 + extra):
        paragraph = Paragraph.objects.create(document=document, number=number, kind="recommendation",
                                             heading=heading, text={"en": f"P{number}", "ar": f"ف{number}"})
        for position, letter in enumerate("abc"):
            sub = SubParagraph.objects.create(paragraph=paragraph, letter=letter, position=position,
                                              labels={"en": letter}, text={"en": letter, "ar": letter})
            Citation.objects.create(paragraph=paragraph, subparagraph=sub, kind=CitationKind.SDG_TARGET, value="1.1")
        note = Footnote.objects.create(document=document, number=100 + number, paragraph=paragraph,
                                       text={"en": "Ibid."})
        Reference.objects.create(paragraph=paragraph, footnote=note, kind=ReferenceKind.REITERATES,
                                 target_symbol="CMW/C/ABC/CO/1", target_number=6,
                                 target=document.paragraphs.get(number=6))


def test_the_document_page_takes_a_constant_number_of_queries(client, document, django_assert_max_num_queries):
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        html(client.get(detail_url(document, "?lang=en&compare=ar")))
    enlarge(document)
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        tree = html(client.get(detail_url(document, "?lang=en&compare=ar")))
    assert len(tree.xpath('//div[contains(@class, "doc-subparagraph")]')) == 2 + 30 * 3


@pytest.mark.django_db
class TestLinksIntoTheWork:
    """The document page leads each reader to the work they may do on it."""

    def test_anonymous_readers_see_no_status_and_no_work_links(self, client, assigned_document):
        html = client.get(assigned_document.get_absolute_url()).content.decode()
        assert "recommendation-status" not in html
        assert "document-work-links" not in html

    def test_the_coordinator_gets_the_dashboard_and_a_tracking_link_per_recommendation(
        self, client, coordinator, assigned_document
    ):
        client.force_login(coordinator)
        html = client.get(assigned_document.get_absolute_url()).content.decode()
        assert reverse("observations:tracking_dashboard", args=[assigned_document.slug]) in html
        for recommendation in assigned_document.recommendations.all():
            assert reverse("observations:recommendation_detail", args=[recommendation.pk]) in html

    def test_a_focal_point_sees_statuses_but_links_only_to_their_own_work(
        self, client, focal_point_a, ministry_a, assigned_document
    ):
        from observations.models import Assignment

        client.force_login(focal_point_a)
        html = client.get(assigned_document.get_absolute_url()).content.decode()
        assert "tracking-link" in html
        own = set(Assignment.objects.filter(lead=ministry_a).values_list("recommendation_id", flat=True))
        for recommendation in assigned_document.recommendations.all():
            url = reverse("observations:recommendation_detail", args=[recommendation.pk])
            assert (url in html) == (recommendation.pk in own)
        assert reverse("observations:tracking_dashboard", args=[assigned_document.slug]) not in html


@pytest.mark.django_db
def test_the_committee_is_named_in_the_interface_language(client, document_with_follow_up):
    url = document_with_follow_up.get_absolute_url()
    assert "Committee on the Protection of the Rights of All Migrant Workers" in client.get(url).content.decode()
    client.cookies["django_language"] = "ru"
    assert "Комитет по защите прав всех трудящихся-мигрантов и членов их семей" in client.get(url).content.decode()
