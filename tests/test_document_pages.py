"""The public document pages: the list, a document in one language or side by side, and
a paragraph in every language. Published UN documents: anyone may read them."""

import datetime as dt

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from observations.choices import CitationKind, ReferenceKind
from observations.models import Citation, Committee, Footnote, LanguageVersion, Reference
from tests.factories import make_document, make_user

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


# --- The list ----------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_anyone_can_read_the_document_list(client, document_with_follow_up):
    tree = html(client.get(reverse("observations:document_list")))
    row = one(tree, '//table[@id="document-table"]/tbody/tr')
    link = one(row, ".//a[text()='CMW/C/XYZ/CO/1']")
    assert link.get("href") == "/documents/CMW_C_XYZ_CO_1/"
    cells = [text_of(td) for td in row.xpath("./td")]
    assert cells[1] == "CMW"
    assert cells[2] == "Kyrgyzstan"
    assert cells[3] == "1"
    assert cells[4] == "2024-12-06"
    assert "2026-12-06" in cells[6] and "Follow-up information" in cells[6] and "in 14 days" in cells[6]


@time_machine.travel(TODAY, tick=False)
def test_the_document_list_shows_the_state_in_the_interface_language(client, document_with_follow_up):
    tree = html(client.get(reverse("observations:document_list"), HTTP_ACCEPT_LANGUAGE="fr"))
    row = one(tree, '//table[@id="document-table"]/tbody/tr')
    assert text_of(row.xpath("./td")[2]) == "Kirghizistan"


def test_the_document_list_shows_languages_available(client, document_with_follow_up):
    for language in ("en", "ar"):
        LanguageVersion.objects.create(document=document_with_follow_up, language=language, original=b"x",
                                       checksum="0" * 64, importer_version="1")
    tree = html(client.get(reverse("observations:document_list")))
    badges = [text_of(b) for b in tree.xpath('//table[@id="document-table"]//td//span[@lang]')]
    assert badges == ["AR", "EN"]


def test_a_passed_deadline_is_shown_overdue_once_every_deadline_has_passed(client, document_with_follow_up):
    with time_machine.travel(dt.datetime(2030, 1, 5, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(reverse("observations:document_list")))
        cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
        # the earliest deadline not met is the one shown, however long overdue
        assert "2026-12-06" in cell and "Follow-up information" in cell and "overdue by 1126 days" in cell
        document_with_follow_up.deadlines.filter(kind="follow_up").update(met_on=dt.date(2026, 12, 1),
                                                                         met_symbol="CMW/C/XYZ/CO/1/Add.1")
        tree = html(client.get(reverse("observations:document_list")))
    cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
    assert "2029-12-06" in cell and "Next periodic report" in cell and "overdue by 30 days" in cell


def test_the_next_deadline_is_the_earliest_not_yet_met(client, document_with_follow_up):
    with time_machine.travel(dt.datetime(2027, 1, 1, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(reverse("observations:document_list")))
        cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
        assert "2026-12-06" in cell and "overdue by 26 days" in cell
        document_with_follow_up.deadlines.filter(kind="follow_up").update(met_on=dt.date(2026, 12, 1),
                                                                         met_symbol="CMW/C/XYZ/CO/1/Add.1")
        tree = html(client.get(reverse("observations:document_list")))
    cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
    assert "2029-12-06" in cell and "in 1070 days" in cell


@pytest.fixture
def three_documents(document_with_follow_up):
    tajik = make_document(symbol="CMW/C/TJK/CO/2", state="TJ")
    cat = make_document(symbol="CAT/C/KGZ/CO/3", state="KG")
    cat.committee = Committee.objects.get(code="CAT")
    cat.save()
    return document_with_follow_up, tajik, cat


def listed_symbols(client, query=""):
    tree = html(client.get(reverse("observations:document_list") + query))
    return sorted(text_of(a) for a in tree.xpath('//table[@id="document-table"]/tbody/tr/td[1]/a'))


def test_the_document_list_filters_by_committee_state_and_symbol(client, three_documents):
    assert listed_symbols(client) == ["CAT/C/KGZ/CO/3", "CMW/C/TJK/CO/2", "CMW/C/XYZ/CO/1"]
    assert listed_symbols(client, "?committee=CAT") == ["CAT/C/KGZ/CO/3"]
    assert listed_symbols(client, "?state=TJ") == ["CMW/C/TJK/CO/2"]
    assert listed_symbols(client, "?q=kgz") == ["CAT/C/KGZ/CO/3"]
    assert listed_symbols(client, "?committee=CMW&state=KG") == ["CMW/C/XYZ/CO/1"]
    # As the form sends it, with the filters left blank.
    assert listed_symbols(client, "?q=&committee=&state=TJ") == ["CMW/C/TJK/CO/2"]


def test_the_filter_form_offers_only_committees_and_states_with_documents(client, three_documents):
    tree = html(client.get(reverse("observations:document_list")))
    committees = [o.get("value") for o in tree.xpath('//select[@name="committee"]/option')]
    states = [o.get("value") for o in tree.xpath('//select[@name="state"]/option')]
    assert committees == ["", "CAT", "CMW"]
    assert states == ["", "KG", "TJ"]


def test_an_unknown_filter_value_lists_nothing_rather_than_everything(client, three_documents):
    response = client.get(reverse("observations:document_list") + "?committee=NOPE")
    assert response.status_code == 200
    assert "The filter could not be applied" in response.content.decode()
    assert "Select a valid choice" in response.content.decode()
    assert listed_symbols(client, "?committee=NOPE") == []


def test_the_document_list_takes_a_constant_number_of_queries(client, three_documents,
                                                              django_assert_max_num_queries):
    for i in range(6):
        make_document(symbol=f"CMW/C/A{i:02d}/CO/1")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("observations:document_list"))
    assert len(html(response).xpath('//table[@id="document-table"]/tbody/tr')) == 9


def test_staff_who_may_import_see_the_import_link_and_others_do_not(client, admin_client, document_with_follow_up):
    import_url = reverse("admin:observations_document_import")
    assert import_url not in client.get(reverse("observations:document_list")).content.decode()
    assert import_url in admin_client.get(reverse("observations:document_list")).content.decode()


# --- The document page -------------------------------------------------------------------


def detail_url(document, query=""):
    return reverse("observations:document_detail", args=[document.slug]) + query


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


DETAIL_MAX_QUERIES = 11


def test_the_document_page_takes_a_constant_number_of_queries(client, document, django_assert_max_num_queries):
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        html(client.get(detail_url(document, "?lang=en&compare=ar")))
    enlarge(document)
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        tree = html(client.get(detail_url(document, "?lang=en&compare=ar")))
    assert len(tree.xpath('//div[contains(@class, "doc-subparagraph")]')) == 2 + 30 * 3


# --- The paragraph page ------------------------------------------------------------------


def paragraph_url(document, number, query=""):
    return reverse("observations:paragraph_detail", args=[document.slug, number]) + query


@time_machine.travel(TODAY, tick=False)
def test_the_paragraph_page_shows_the_paragraph_in_every_language(client, document):
    tree = html(client.get(paragraph_url(document, 4)))
    blocks = tree.xpath('//section[contains(@class, "paragraph-language")]')
    assert [(b.get("lang"), b.get("dir")) for b in blocks] == [("en", "ltr"), ("ar", "rtl")]
    assert "Paragraph 4 text." in text_of(blocks[0]) and "Do thing a." in text_of(blocks[0])
    assert "نص الفقرة 4." in text_of(blocks[1]) and "افعل أ." in text_of(blocks[1])
    assert text_of(one(blocks[0], './/p[contains(@class, "heading-path")]')) == (
        "Principal subjects of concern and recommendations › General measures of implementation › Data collection"
    )
    assert by_id(tree, "p4") is not None and by_id(tree, "p4a") is not None
    assert "Follow-up" in text_of(one(tree, '//span[contains(@class, "follow-up-badge")]'))
    deadlines = text_of(by_id(tree, "paragraph-deadlines"))
    assert "Follow-up information: 2026-12-06 due in 14 days" in deadlines
    assert "CMW/C/ABC/CO/1, para. 9." in text_of(by_id(tree, "fn6"))
    assert "SDG 16.9" in text_of(by_id(tree, "citations"))
    assert by_id(tree, "permalink").get("href") == "/documents/CMW_C_XYZ_CO_1/paragraphs/4/"
    assert text_of(by_id(tree, "permalink")) == "http://testserver/documents/CMW_C_XYZ_CO_1/paragraphs/4/"


def test_the_paragraph_page_puts_the_chosen_language_first(client, document):
    tree = html(client.get(paragraph_url(document, 4, "?lang=ar")))
    blocks = tree.xpath('//section[contains(@class, "paragraph-language")]')
    assert [b.get("lang") for b in blocks] == ["ar", "en"]


def test_the_paragraph_page_shows_references_out_and_in(client, document, earlier_document):
    tree = html(client.get(paragraph_url(document, 4)))
    out = by_id(tree, "references-out")
    assert one(out, './/a[text()="CMW/C/ABC/CO/1, para. 6"]').get("href") == "/documents/CMW_C_ABC_CO_1/paragraphs/6/"
    assert "CMW/C/ZZZ/CO/1, para. 11" in text_of(out)
    earlier = html(client.get(paragraph_url(earlier_document, 6)))
    reiterated = by_id(earlier, "references-in")
    link = one(reiterated, ".//a")
    assert link.get("href") == "/documents/CMW_C_XYZ_CO_1/paragraphs/4/"
    assert "Reiterates" in text_of(reiterated)


def test_a_paragraph_named_by_no_deadline_says_so(client, document):
    tree = html(client.get(paragraph_url(document, 3)))
    assert "No deadline names this paragraph." in text_of(by_id(tree, "paragraph-deadlines"))
    assert not tree.xpath('//span[contains(@class, "follow-up-badge")]')


def test_the_paragraph_page_links_its_neighbours(client, document):
    tree = html(client.get(paragraph_url(document, 1)))
    assert not tree.xpath('//a[@rel="prev"]')
    assert one(tree, '//a[@rel="next"]').get("href") == "/documents/CMW_C_XYZ_CO_1/paragraphs/2/"


def test_unknown_paragraphs_and_documents_are_404(client, document):
    assert client.get(paragraph_url(document, 99)).status_code == 404
    assert client.get(reverse("observations:paragraph_detail", args=["CMW_C_NOPE_CO_1", 4])).status_code == 404


def test_the_paragraph_page_takes_a_constant_number_of_queries(client, document, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        html(client.get(paragraph_url(document, 4)))


# --- The real seed -----------------------------------------------------------------------


def test_the_seed_document_renders_in_english_and_arabic_in_constant_queries(client, seed_pair,
                                                                             django_assert_max_num_queries):
    for query in ("?lang=en", "?lang=ar", "?lang=en&compare=ar"):
        with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
            tree = html(client.get(detail_url(seed_pair, query)))
        assert len(tree.xpath('//div[contains(@class, "doc-paragraph")]')) == 58
        assert len(tree.xpath('//div[contains(@class, "doc-subparagraph")]')) == 38
        assert len(tree.xpath('//div[contains(@class, "doc-footnote")]')) == 24
    follow_up = {row.get("id") for row in tree.xpath('//div[contains(@class, "doc-paragraph") '
                                                     'and contains(@class, "follow-up")]')}
    assert follow_up == {"p12", "p18", "p20", "p30", "p52"}
    assert by_id(tree, "p20a") is not None


def test_the_seed_markers_stand_inside_the_sentence(client, seed_pair):
    tree = html(client.get(detail_url(seed_pair, "?lang=en&compare=ar")))
    en, ar = by_id(tree, "p12").xpath('.//div[@class="para-body"]')
    sup = one(en, './sup[@class="footnote-refs"]')
    assert en.text.strip() == "Reiterating its previous recommendations,"
    assert sup.tail.startswith(" the Committee recommends that the State party")
    assert one(sup, "./a").get("href") == "#fn6" and one(sup, "./a").get("id") == "fnref6"
    sup = one(ar, './sup[@class="footnote-refs"]')
    assert ar.text.strip().endswith("إذ تكرر توصياتها السابقة")
    assert sup.tail.startswith("، توصي بأن تتخذ")
    assert one(sup, "./a").get("href") == "#fn6" and one(sup, "./a").get("id") is None
    # The paragraph page too, in the chosen language first.
    tree = html(client.get(paragraph_url(seed_pair, 12, "?lang=ar")))
    ar, en = tree.xpath('//section[contains(@class, "paragraph-language")]//div[@class="para-body"]')
    assert ar.text.strip().endswith("توصياتها السابقة") and one(ar, "./sup/a").get("id") == "fnref6"
    assert one(en, "./sup").tail.startswith(" the Committee recommends") and one(en, "./sup/a").get("id") is None


def test_the_seed_paragraph_page_renders(client, seed_pair):
    tree = html(client.get(paragraph_url(seed_pair, 12, "?lang=ar")))
    blocks = tree.xpath('//section[contains(@class, "paragraph-language")]')
    assert [b.get("dir") for b in blocks] == ["rtl", "ltr"]


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
