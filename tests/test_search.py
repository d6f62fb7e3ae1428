"""The search page and the lists' ``q``: every language version is searched with its own
configuration, narratives only where the reader may read them, hits highlighted safely."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.choices import OrganizationKind, Role
from observations.models import Paragraph
from observations.selectors import search as selectors
from observations.services import tracking as services
from tests.factories import make_document, make_organization, make_user

SEARCH = reverse("observations:search")


def hits(client, query, interface="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return response, response.context["page"].hits


def urls(found):
    return [hit.url for hit in found]


@pytest.mark.parametrize("interface", ["en", "ar"])
def test_an_arabic_word_without_its_article_finds_the_trafficking_paragraphs(client, seed_pair, interface):
    _response, found = hits(client, "اتجار", interface)
    base = seed_pair.get_absolute_url()
    assert f"{base}?lang=ar#p52a" in urls(found)
    assert {hit.language for hit in found if hit.kind in ("paragraph", "subparagraph")} == {"ar"}
    hit = next(h for h in found if h.url == f"{base}?lang=ar#p52a")
    assert "<mark>" in hit.snippet and "الاتجار" in hit.snippet


@pytest.mark.parametrize("interface", ["en", "ar"])
def test_an_inflected_english_word_finds_the_trafficking_paragraphs(client, seed_pair, interface):
    response, found = hits(client, "trafficked", interface)
    base = seed_pair.get_absolute_url()
    links = urls(found)
    assert f"{base}?lang=en#p51" in links
    assert {f"{base}?lang=en#p52{letter}" for letter in "abcdefgi"} <= set(links)
    assert all("?lang=en#" in url for url in links if "#p" in url)
    assert b"<mark>trafficking</mark>" in response.content or b"<mark>Trafficking</mark>" in response.content


def test_russian_text_is_searched_with_russian_stemming(client, seed_pair):
    paragraph = seed_pair.paragraphs.get(number=51)
    paragraph.text["ru"] = "Комитет отмечает усилия государства-участника по борьбе с торговлей людьми."
    paragraph.save()
    _response, found = hits(client, "торговля")
    assert f"{seed_pair.get_absolute_url()}?lang=ru#p51" in urls(found)


def test_document_metadata_is_searched(client, seed_pair):
    for query in ("CMW/C/KGZ/CO/2", "Kyrgyzstan", "CMW"):
        _response, found = hits(client, query)
        assert any(hit.kind == "document" and hit.document == seed_pair for hit in found), query


@pytest.fixture
def draft(seed_pair, coordinator, ministry_a, ministry_b, focal_point_a):
    recommendation = seed_pair.recommendations.get(paragraph__number=52, subparagraph__letter="a")
    services.assign(recommendation, lead=ministry_a, supporting=[ministry_b], internal_deadline=None, by=coordinator)
    return services.create_update(recommendation, organization=ministry_a, by=focal_point_a, status="in_progress",
                                  narrative="A shelter for trafficked migrants opened in Osh.", language="en",
                                  as_of=dt.date(2026, 1, 5))


def narrative_found(client, user, query="shelters"):
    client.logout()
    if user is not None:
        client.force_login(user)
    _response, found = hits(client, query)
    return [hit for hit in found if hit.kind == "update"]


def test_a_draft_narrative_is_found_only_by_its_organization(client, draft, focal_point_a, focal_point_b,
                                                             coordinator, ngo_drafter):
    ministry_c = make_organization("Ministry of Internal Affairs")
    focal_point_c = make_user("focal_c", ministry_c, Role.FOCAL_POINT)
    for user in (None, ngo_drafter, focal_point_b, focal_point_c, coordinator):
        assert narrative_found(client, user) == [], user
    found = narrative_found(client, focal_point_a)
    assert [hit.object for hit in found] == [draft]
    assert found[0].url == draft.get_absolute_url()
    assert "<mark>shelter</mark>" in found[0].snippet


def test_a_submitted_narrative_reaches_the_coordinator_and_partners_but_never_outsiders(
        client, draft, focal_point_a, focal_point_b, coordinator, ngo_drafter):
    services.submit_update(draft, by=focal_point_a)
    other_state = make_organization("Council of another State", OrganizationKind.COORDINATING_BODY, state="KZ")
    other_coordinator = make_user("coordinator_kz", other_state, Role.COORDINATOR)
    for user in (coordinator, focal_point_b, focal_point_a):
        assert [hit.object for hit in narrative_found(client, user)] == [draft], user
    for user in (None, ngo_drafter, other_coordinator):
        assert narrative_found(client, user) == [], user


def test_the_highlight_escapes_html_in_the_text(client, db):
    document = make_document()
    paragraph = document.paragraphs.get(number=6)
    paragraph.text["en"] = 'Protect <script>alert("x")</script> victims of trafficking & <b>others</b>.'
    paragraph.save()
    response, found = hits(client, "trafficking")
    hit = next(h for h in found if h.kind == "paragraph")
    assert "<script>" not in hit.snippet
    assert hit.snippet.startswith("Protect &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; victims of")
    assert "<mark>trafficking</mark> &amp; &lt;b&gt;others" in hit.snippet
    assert "<mark>trafficking</mark>" in hit.snippet
    assert b'<script>alert("x")' not in response.content


def test_the_substring_highlight_escapes_html_too():
    snippet = selectors.mark_substring("<i>贩运</i>人口 and 贩运", "贩运")
    assert snippet == "&lt;i&gt;<mark>贩运</mark>&lt;/i&gt;人口 and <mark>贩运</mark>"
    assert selectors.highlight("a \ue000<b>\ue001 \ue000stray") == "a <mark>&lt;b&gt;</mark> stray"


def test_chinese_text_is_found_by_substring(client, db):
    document = make_document()
    paragraph = document.paragraphs.get(number=6)
    paragraph.text["zh"] = "委员会建议缔约国打击贩运人口行为。"
    paragraph.save()
    _response, found = hits(client, "贩运人口")
    hit = next(h for h in found if h.kind == "paragraph")
    assert hit.url == f"{document.get_absolute_url()}?lang=zh#p6"
    assert "<mark>贩运人口</mark>" in hit.snippet


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_gets_a_sentence(client, db, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "Type one or more words to search for." in response.content.decode()
    assert "page" not in response.context


def test_a_query_too_long_gets_a_sentence_and_searches_nothing(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "x" * (selectors.MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert "The search is too long: use at most 200 characters." in response.content.decode()
    assert not any("observations_paragraph" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("query", ["trafficking & (", "'\"", "a:* | !", "-trafficking", "the", "%_\\"])
def test_punctuation_and_operators_never_break_the_search(client, seed_pair, query):
    response = client.get(SEARCH, {"q": query, "page": "nine"})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_nothing_found_says_so(client, seed_pair):
    response = client.get(SEARCH, {"q": "zzzqqq"})
    assert response.context["page"].paginator.count == 0
    assert "Nothing matches these words." in response.content.decode()


def test_results_are_paginated_and_ranked(client, seed_pair):
    response = client.get(SEARCH, {"q": "trafficking or اتجار"})
    page = response.context["page"]
    assert page.paginator.count > 20 and len(page.hits) == 20
    ranks = [hit.rank for hit in page.hits]
    assert ranks == sorted(ranks, reverse=True)
    second = client.get(SEARCH, {"q": "trafficking or اتجار", "page": 2}).context["page"]
    assert not {h.url for h in second.hits} & {h.url for h in page.hits}


def test_without_postgresql_every_language_is_matched_as_a_substring_of_its_stems(client, seed_pair, monkeypatch):
    monkeypatch.setattr(selectors, "uses_postgres", lambda: False)
    base = seed_pair.get_absolute_url()
    _response, found = hits(client, "الاتجار", "ar")
    hit = next(h for h in found if h.url == f"{base}?lang=ar#p52a")
    assert "<mark>الاتجار</mark>" in hit.snippet
    assert f"{base}?lang=en#p52a" in urls(hits(client, "Trafficking")[1])
    # Each word is cut to its stem: the inflected word finds the same paragraph.
    assert f"{base}?lang=en#p52a" in urls(hits(client, "trafficked")[1])
    assert [h for h in hits(client, "zzzz")[1] if h.kind != "document"] == []


def test_the_navigation_has_a_search_box(client, db):
    content = client.get(reverse("observations:document_list")).content.decode()
    assert f'action="{SEARCH}"' in content and 'id="nav-search-q"' in content


def _world(numbers):
    for i in numbers:
        document = make_document(symbol=f"CMW/C/S{i:02d}/CO/1")
        for paragraph in document.paragraphs.all():
            paragraph.text["en"] += " Victims of trafficking."
            paragraph.text["ru"] = "Борьба с торговлей людьми."
            paragraph.save()


@pytest.mark.parametrize("query", ["trafficking", "торговля"])
def test_the_search_page_costs_the_same_queries_at_two_sizes(client, focal_point_a, query):
    client.force_login(focal_point_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH, {"q": query})
        assert response.context["page"].hits
        return len(queries.captured_queries)

    _world(range(1))
    small = count()
    _world(range(1, 8))
    assert count() == small


def test_the_planner_can_use_the_language_indexes(db):
    assert connection.vendor == "postgresql"  # the suite runs on PostgreSQL only (tests/conftest.py)
    with connection.cursor() as cursor:
        # With sequential and plain index scans off, the only way left to read a table is a
        # bitmap scan on an index that matches the condition: the plan names it or fails.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; "
                       "SET LOCAL enable_indexonlyscan = off")
    for language in ("ar", "en", "ru", "zh"):
        condition = selectors.text_condition("text", language, "اتجار" if language == "ar" else "trafficking")
        plan = Paragraph.objects.filter(condition).order_by().explain()
        assert f"paragraph_text_{language}_" in plan, plan
    narrative = selectors.narrative_condition("shelters")
    from observations.models import ProgressUpdate

    plan = ProgressUpdate.objects.filter(narrative).order_by().explain()
    assert "progressupdate_narrative_english_fts" in plan and "progressupdate_narrative_trgm" in plan, plan


# --- The lists' q -----------------------------------------------------------------------


def test_the_document_list_q_finds_arabic_text(client, seed_pair):
    other = make_document()
    response = client.get(reverse("observations:document_list"), {"q": "اتجار"})
    shown = [row.record for row in response.context["table"].page.object_list]
    assert shown == [seed_pair] and other not in shown
    response = client.get(reverse("observations:document_list"), {"q": "CMW/C/KGZ"})
    assert [row.record for row in response.context["table"].page.object_list] == [seed_pair]


def test_the_recommendation_list_q_finds_arabic_and_inflected_english_text(client, seed_pair, coordinator):
    client.force_login(coordinator)
    url = reverse("observations:tracking_recommendations", args=[seed_pair.slug])
    for query in ("اتجار", "trafficked"):
        response = client.get(url, {"q": query})
        codes = {row.record.code for row in response.context["table"].page.object_list}
        assert {"52(a)", "52(b)", "52(i)"} <= codes, query
        assert "10" not in codes
    response = client.get(url, {"q": "52"})
    assert {row.record.code for row in response.context["table"].page.object_list} >= {"52(a)"}


# --- In a real browser --------------------------------------------------------------------


@pytest.fixture
def seed_live(committees):
    from tests.conftest import import_seed_pair

    return import_seed_pair()


@pytest.mark.browser
def test_the_arabic_search_page_reads_right_to_left_and_opens_the_paragraph(live_server, page, seed_live):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(f"{live_server.url}{SEARCH}?q=اتجار")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("main, body").first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    hit = page.locator(".search-hit", has=page.locator('a[href$="?lang=ar#p52a"]'))
    snippet = hit.locator(".search-snippet")
    assert snippet.evaluate("e => getComputedStyle(e).direction") == "rtl"
    mark = snippet.locator("mark").first
    assert mark.is_visible() and "اتجار" in mark.inner_text()
    background = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    hit.locator("a.search-link").click()
    page.wait_for_url(f"**{seed_live.get_absolute_url()}?lang=ar#p52a")
    # The anchor takes the reader to the sub-paragraph (Chromium settles the scroll as it lays out).
    page.wait_for_function(
        "() => { const top = document.getElementById('p52a').getBoundingClientRect().top; return top >= 0 && top < 200; }",
        timeout=5000,
    )
    assert page.evaluate("location.hash") == "#p52a"
    assert "الاتجار" in page.locator("#p52a").inner_text()


def test_hits_are_counted_up_to_the_cap_and_the_best_are_shown_first(client, settings, focal_point_a):
    _world(range(3))  # 3 documents × 8 paragraphs, each on trafficking
    client.force_login(focal_point_a)
    everything = client.get(SEARCH, {"q": "trafficking"}).context["page"]
    total = everything.paginator.count
    assert total > 12 and not everything.paginator.capped
    settings.SEARCH_MAX_COUNTED = 12
    response = client.get(SEARCH, {"q": "trafficking"})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 12 and page.paginator.num_pages == 1
    assert "More than 12 results" in response.content.decode()
    ranks = [hit.rank for hit in page.hits]
    assert ranks == sorted(ranks, reverse=True)
    assert [hit.url for hit in page.hits] == [hit.url for hit in everything.hits][:12]
    settings.SEARCH_MAX_COUNTED = total
    assert not client.get(SEARCH, {"q": "trafficking"}).context["page"].paginator.capped
