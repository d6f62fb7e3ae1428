"""The State's follow-up report and next periodic report: drafts made of validated
information only, in the Committee's order, with a word count against a limit; prepared
only by the State's coordinators."""

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from django.urls import reverse

from observations.choices import DeadlineKind, ImplementationStatus, Language
from observations.exports import state_report
from observations.exports.wordcount import count_words
from observations.models import Deadline, HistoryEntry, ProgressUpdate, Recommendation
from observations.services import tracking as services
from observations.services.tracking import MeasureData
from tests.factories import make_document, make_user

AS_OF = dt.date(2025, 3, 1)


def _post(recommendation, organization, author, text, status=ImplementationStatus.IN_PROGRESS, measures=(),
          language=Language.ENGLISH):
    return services.create_update(
        recommendation, organization=organization, by=author, status=status, narrative=text,
        language=language, as_of=AS_OF, measures=measures,
    )


def _validated(recommendation, organization, author, coordinator, text, **kwargs):
    update = _post(recommendation, organization, author, text, **kwargs)
    services.submit_update(update, by=author)
    return services.validate_update(update, by=coordinator)


@pytest.fixture
def reported(assigned_document, ministry_a, ministry_b, focal_point_a, focal_point_b, coordinator):
    """Updates in every state of review on the follow-up recommendations 4(a), 4(b) and 6."""
    recs = {r.code: r for r in assigned_document.recommendations.all()}
    # Validated, in the order 6 first, then 4(a): the report must still follow the Committee's order.
    six = _validated(
        recs["6"], ministry_a, focal_point_a, coordinator, "VALIDATED-SIX: a law on non-discrimination was adopted.",
        status=ImplementationStatus.PARTIALLY_IMPLEMENTED,
        measures=[MeasureData("law", "Law No. 12 on equality", dt.date(2025, 2, 14))],
    )
    services.add_evidence(services.correct_update(six, by=focal_point_a), by=focal_point_a,
                          link="https://example.org/law-12", description="Text of Law No. 12")
    _validated(recs["4(a)"], ministry_a, focal_point_a, coordinator, "VALIDATED-4A: a data unit was created.")
    _post(recs["4(a)"], ministry_a, focal_point_a, "DRAFT-4A: not yet sent to the coordinator.")
    submitted = _post(recs["4(b)"], ministry_b, focal_point_b, "SUBMITTED-4B: waiting for review.")
    services.submit_update(submitted, by=focal_point_b)
    returned = _post(recs["4(b)"], ministry_b, focal_point_b, "RETURNED-4B: sent back for correction.")
    services.submit_update(returned, by=focal_point_b)
    services.return_update(returned, by=coordinator, comment="Give dates.")
    return assigned_document


def _docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def _follow_up(document):
    return document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)


def _follow_up_docx_url(document, **query):
    url = reverse("observations:follow_up_report_docx", args=[document.slug, _follow_up(document).pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- Content -------------------------------------------------------------------------------


def test_follow_up_docx_holds_validated_text_in_the_committees_order_and_no_draft(client, coordinator, reported):
    client.force_login(coordinator)
    response = client.get(_follow_up_docx_url(reported))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "attachment" in response["Content-Disposition"]
    lines = _docx_paragraphs(response.content)
    text = "\n".join(lines)

    assert reported.symbol in lines[0]
    assert "Kyrgyzstan" in lines[0]
    assert "6 December 2024" in text  # adoption
    assert "6 December 2026" in text  # the Committee's date for follow-up information
    heading_4 = lines.index("Paragraph 4")
    heading_6 = lines.index("Paragraph 6")
    assert heading_4 < lines.index("Paragraph 4 text.") < lines.index("(a) Do thing a.") < lines.index("(b) Do thing b.")
    assert heading_4 < text_index(lines, "VALIDATED-4A") < heading_6 < text_index(lines, "VALIDATED-SIX")
    # Validated information comes with its dates.
    assert "information as of 1 March 2025" in text
    assert "Law or regulation (14 February 2025): Law No. 12 on equality" in text
    # Drafts, submitted and returned versions never appear; nor does the draft correction's evidence.
    for absent in ("DRAFT-4A", "SUBMITTED-4B", "RETURNED-4B", "Text of Law No. 12"):
        assert absent not in text
    # 4(b) has nothing validated: it says so.
    assert "No validated information yet." in text


def text_index(lines, needle):
    return next(i for i, line in enumerate(lines) if needle in line)


def test_a_validated_correction_replaces_the_version_it_corrects(coordinator, focal_point_a, reported):
    six = Recommendation.objects.get(document=reported, paragraph__number=6)
    draft = ProgressUpdate.objects.get(recommendation=six, version=2)
    # While the correction is a draft, the validated first version still counts.
    report = state_report.build_follow_up(_follow_up(reported), "en")
    narratives = [i.narrative for p in report.parts for item in p.items for i in item.information]
    assert any("VALIDATED-SIX" in n for n in narratives)

    services.save_draft(draft, by=focal_point_a, expected_version=draft.lock_version,
                        status=ImplementationStatus.IMPLEMENTED, narrative="CORRECTED-SIX: the law is in force.",
                        language="en", as_of=AS_OF)
    services.submit_update(draft, by=focal_point_a)
    services.validate_update(draft, by=coordinator)

    report = state_report.build_follow_up(_follow_up(reported), "en")
    part_six = next(p for p in report.parts if p.paragraph == 6)
    assert [i.narrative for i in part_six.items[0].information] == ["CORRECTED-SIX: the law is in force."]
    assert part_six.items[0].information[0].links == [("https://example.org/law-12", "Text of Law No. 12")]
    assert part_six.items[0].status == ImplementationStatus.IMPLEMENTED


def test_follow_up_naming_a_sub_paragraph_gets_a_lettered_part(coordinator, reported):
    follow_up = _follow_up(reported)
    item = follow_up.items.get(paragraph__number=4)
    item.subparagraph = item.paragraph.subparagraphs.get(letter="a")
    item.save()
    report = state_report.build_follow_up(follow_up, "en")
    assert [p.heading for p in report.parts] == ["Paragraph 4 (a)", "Paragraph 6"]
    part = report.parts[0]
    assert part.committee_text == "Paragraph 4 text.\n(a) Do thing a."
    assert [i.narrative for i in part.items[0].information] == ["VALIDATED-4A: a data unit was created."]


def test_follow_up_quotes_the_committee_in_the_chosen_language(client, coordinator, reported):
    client.force_login(coordinator)
    response = client.get(_follow_up_docx_url(reported, lang="ar"))
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "نص الفقرة 4." in texts
    assert "(أ) افعل أ." in texts
    arabic = next(p for p in document.paragraphs if p.text == "نص الفقرة 4.")
    assert arabic._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None


def test_periodic_report_gives_every_recommendation_with_its_official_status(client, coordinator, reported):
    client.force_login(coordinator)
    response = client.get(reverse("observations:periodic_report_docx", args=[reported.slug]))
    assert response.status_code == 200
    lines = _docx_paragraphs(response.content)
    text = "\n".join(lines)
    assert "6 December 2029" in text  # next periodic report due
    assert lines.index("Paragraph 4") < lines.index("(a)") < lines.index("(b)") < lines.index("Paragraph 6")
    # Cluster and topic headings, in order.
    assert lines.index("1. General measures of implementation") < lines.index("Data collection") < lines.index(
        "Non-discrimination")
    statuses = [line for line in lines if line.startswith("Official status:")]
    assert statuses == [
        "Official status: In progress",  # 4(a)
        "Official status: Not started",  # 4(b)
        "Official status: Partially implemented",  # 6
    ]
    assert text_index(lines, "VALIDATED-4A") < text_index(lines, "VALIDATED-SIX")
    assert "DRAFT-4A" not in text and "RETURNED-4B" not in text and "SUBMITTED-4B" not in text


# --- Word count and limit --------------------------------------------------------------------


def test_word_count_counts_the_draft_and_warns_over_the_limit(client, coordinator, reported, settings):
    report = state_report.build_follow_up(_follow_up(reported), "en")
    assert report.word_count == sum(count_words(t) for t in report.texts())
    assert report.limit == 3500 and not report.count().exceeded

    settings.FOLLOW_UP_REPORT_WORD_LIMIT = 20
    client.force_login(coordinator)
    lines = _docx_paragraphs(client.get(_follow_up_docx_url(reported)).content)
    warning = next(line for line in lines if line.startswith("Warning:"))
    assert f"{report.word_count - 20} words over the limit of 20 words" in warning

    page = client.get(reverse("observations:follow_up_report", args=[reported.slug, _follow_up(reported).pk]))
    assert page.status_code == 200
    assert "Over the limit" in page.content.decode()
    assert f'data-words="{report.word_count}" data-limit="20"' in page.content.decode()


def test_no_warning_within_the_limit(client, coordinator, reported):
    client.force_login(coordinator)
    lines = _docx_paragraphs(client.get(_follow_up_docx_url(reported)).content)
    assert not any(line.startswith("Warning:") for line in lines)
    assert any("Word count:" in line and "(limit: 3,500)" in line for line in lines)


# --- Pages -----------------------------------------------------------------------------------


def test_reports_page_lists_the_exports_with_word_counts(client, coordinator, reported,
                                                        django_assert_max_num_queries):
    client.force_login(coordinator)
    url = reverse("observations:document_reports", args=[reported.slug])
    with django_assert_max_num_queries(40):
        response = client.get(url)
    body = response.content.decode()
    follow_up = state_report.build_follow_up(_follow_up(reported), "en")
    assert reverse("observations:follow_up_report_docx", args=[reported.slug, _follow_up(reported).pk]) in body
    assert reverse("observations:periodic_report_docx", args=[reported.slug]) in body
    assert f'data-words="{follow_up.word_count}" data-limit="3500"' in body


def test_reports_page_queries_do_not_grow_with_the_document(client, coordinator, db, django_assert_max_num_queries):
    small = make_document(symbol="CMW/C/AAA/CO/1", follow_up=(4,))
    big = make_document(symbol="CMW/C/BBB/CO/1", follow_up=(4, 6))
    client.force_login(coordinator)
    with django_assert_max_num_queries(40) as small_queries:
        client.get(reverse("observations:document_reports", args=[small.slug]))
    with django_assert_max_num_queries(40) as big_queries:
        client.get(reverse("observations:document_reports", args=[big.slug]))
    assert len(big_queries.captured_queries) == len(small_queries.captured_queries)


def test_preview_page_shows_validated_information_only(client, coordinator, reported):
    client.force_login(coordinator)
    body = client.get(reverse("observations:periodic_report", args=[reported.slug])).content.decode()
    assert "VALIDATED-4A" in body and "VALIDATED-SIX" in body
    assert "DRAFT-4A" not in body and "RETURNED-4B" not in body and "SUBMITTED-4B" not in body


# --- Who may ----------------------------------------------------------------------------------


STATE_URLS = ["follow_up_report", "follow_up_report_docx", "periodic_report", "periodic_report_docx"]


def _state_url(name, document):
    if name.startswith("follow_up"):
        return reverse(f"observations:{name}", args=[document.slug, _follow_up(document).pk])
    return reverse(f"observations:{name}", args=[document.slug])


def _snapshot(document):
    return (
        list(ProgressUpdate.objects.order_by("pk").values_list("pk", "review_state", "lock_version")),
        list(Recommendation.objects.filter(document=document).order_by("pk").values_list("pk", "status")),
        HistoryEntry.objects.count(),
    )


@pytest.mark.parametrize("who", ["focal_point_a", "ngo_drafter", "viewer", "outsider", "coordinator_other_state"])
def test_only_the_states_coordinators_prepare_its_reports(client, reported, who, request):
    before = _snapshot(reported)
    client.force_login(request.getfixturevalue(who))
    for name in STATE_URLS:
        for method in (client.get, client.post):
            assert method(_state_url(name, reported)).status_code == 403, name
    assert _snapshot(reported) == before


def test_anonymous_is_sent_to_log_in(client, reported):
    before = _snapshot(reported)
    for name in STATE_URLS:
        response = client.get(_state_url(name, reported))
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert _snapshot(reported) == before


def test_coordinator_and_superuser_may(client, reported, coordinator):
    admin = make_user("root", is_superuser=True, is_staff=True)
    for user in (coordinator, admin):
        client.force_login(user)
        for name in STATE_URLS:
            assert client.get(_state_url(name, reported)).status_code == 200, name


def test_a_deadline_of_another_document_or_kind_is_not_found(client, coordinator, reported):
    other = make_document(symbol="CMW/C/OTH/CO/1")
    client.force_login(coordinator)
    foreign = _follow_up(other)
    periodic = reported.deadlines.get(kind=DeadlineKind.NEXT_PERIODIC_REPORT)
    for deadline in (foreign, periodic):
        url = reverse("observations:follow_up_report_docx", args=[reported.slug, deadline.pk])
        assert client.get(url).status_code == 404
    assert Deadline.objects.count() == 4


def test_reports_page_shows_state_exports_to_coordinators_only(client, reported, focal_point_a):
    client.force_login(focal_point_a)
    response = client.get(reverse("observations:document_reports", args=[reported.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("observations:periodic_report_docx", args=[reported.slug]) not in body
    assert "state-reports" not in body


def test_the_seed_documents_follow_up_report_in_the_committees_order(client, seed_pair, coordinator):
    client.force_login(coordinator)
    deadline = seed_pair.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    response = client.get(reverse("observations:follow_up_report_docx", args=[seed_pair.slug, deadline.pk]))
    assert response.status_code == 200
    lines = _docx_paragraphs(response.content)
    headings = [line for line in lines if line.startswith("Paragraph ")]
    assert headings == ["Paragraph 12", "Paragraph 18", "Paragraph 20", "Paragraph 30", "Paragraph 52"]
    assert "CMW/C/KGZ/CO/2" in lines[0] and "Kyrgyzstan" in lines[0]
    assert "2 January 2026" in "\n".join(lines)
    # Paragraph 20's sub-paragraphs are quoted under it, before paragraph 30.
    assert lines.index("Paragraph 20") < text_index(lines, "(a) Strengthen its efforts") < lines.index("Paragraph 30")
    # One block per recommendation (sub-paragraph) of those paragraphs; nothing validated yet.
    tracked = Recommendation.objects.filter(document=seed_pair, paragraph__number__in=[12, 18, 20, 30, 52]).count()
    assert tracked > 5
    assert lines.count("No validated information yet.") == tracked


def test_a_report_file_names_the_tracker_as_its_author_and_the_page_names_each_language(client, coordinator, reported):
    client.force_login(coordinator)
    properties = docx.Document(io.BytesIO(client.get(_follow_up_docx_url(reported)).content)).core_properties
    assert (properties.author, properties.last_modified_by) == ("Follow-up Tracker", "Follow-up Tracker")
    assert "python-docx" not in (properties.comments or "")
    page = client.get(reverse("observations:document_reports", args=[reported.slug])).content.decode()
    assert '<option value="en" selected>English</option>' in page
    assert ">en</option>" not in page


def test_every_page_links_a_favicon_that_is_served(client, db):
    from django.contrib.staticfiles import finders

    page = client.get(reverse("observations:document_list")).content.decode()
    href = page.split('rel="icon" href="')[1].split('"')[0]
    assert href.endswith("observations/favicon.svg")
    # Served locally from the app's static files, like every other asset.
    assert b"<svg" in Path(finders.find("observations/favicon.svg")).read_bytes()
