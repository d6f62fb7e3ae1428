"""The public paragraph page (a paragraph in every language, with its references out and in
and its neighbours), and the real seed pair read on the document and paragraph pages."""


import time_machine
from django.urls import reverse

from tests.document_pages_support import DETAIL_MAX_QUERIES, TODAY, by_id, detail_url, html, one, paragraph_url, text_of

# --- The paragraph page ------------------------------------------------------------------


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
