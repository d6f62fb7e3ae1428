"""A document's change log page: who may read it, what it lists, by action, page by page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.choices import HistoryAction
from observations.models import HistoryEntry
from observations.services import tracking as services
from observations.services.audit import record
from tests.factories import make_document

TODAY = dt.date.today()


def history_url(document, **query):
    url = reverse("observations:document_history", args=[document.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown(response):
    return list(response.context["page"].object_list)


def test_the_coordinator_reads_every_change_newest_first_with_the_recommendation(client, assigned_document,
                                                                                  coordinator):
    client.force_login(coordinator)
    response = client.get(history_url(assigned_document))
    assert response.status_code == 200
    entries = shown(response)
    expected = list(HistoryEntry.objects.filter(document=assigned_document).order_by("-at", "-pk"))
    assert entries == expected and len(entries) == 3
    html = response.content.decode()
    six = next(e for e in entries if e.recommendation.code == "6")
    assert reverse("observations:recommendation_detail", args=[six.recommendation_id]) in html
    assert f'aria-current="page" href="{history_url(assigned_document)}"' in html


def test_the_history_filters_by_action_and_ignores_an_unknown_one(client, assigned_document, coordinator,
                                                                  ministry_a):
    deadline = assigned_document.deadlines.first()
    before = {"due_date": str(deadline.due_date)}
    record(deadline, HistoryAction.CHANGED, by=coordinator, before=before, after={"due_date": "2027-01-02"})
    client.force_login(coordinator)
    changed = shown(client.get(history_url(assigned_document, action="changed")))
    assert [e.action for e in changed] == [HistoryAction.CHANGED]
    assigned = shown(client.get(history_url(assigned_document, action="assigned")))
    assert len(assigned) == 3 and {e.action for e in assigned} == {HistoryAction.ASSIGNED}
    response = client.get(history_url(assigned_document, action="<script>"))
    assert len(shown(response)) == 4 and response.context["action"] == ""


def test_other_documents_entries_are_not_listed(client, assigned_document, coordinator, ministry_a):
    other = make_document(symbol="CMW/C/KGZ/CO/3")
    services.assign(other.recommendations.first(), lead=ministry_a, by=coordinator)
    client.force_login(coordinator)
    assert all(e.document_id == assigned_document.pk for e in shown(client.get(history_url(assigned_document))))


def test_a_long_history_is_paged_at_the_same_query_count(client, assigned_document, coordinator):
    client.force_login(coordinator)
    deadline = assigned_document.deadlines.first()

    def count(page=1):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(history_url(assigned_document, page=page))
        assert response.status_code == 200
        return len(queries.captured_queries), response

    small, _ = count()
    for day in range(150):
        record(deadline, HistoryAction.CHANGED, by=coordinator, after={"due_date": str(TODAY + dt.timedelta(day))})
    large, response = count()
    assert large == small
    assert len(shown(response)) == 100 and response.context["page"].paginator.num_pages == 2
    assert 'href="?page=2"' in response.content.decode()
    filtered = client.get(history_url(assigned_document, action="changed")).content.decode()
    assert 'href="?action=changed&amp;page=2"' in filtered
    _, second = count(page=2)
    assert len(shown(second)) == 53


def test_an_entry_nobody_signed_is_shown_with_a_dash(client, assigned_document, coordinator):
    """An import from the command line records no person: the page still shows it."""
    record(assigned_document, HistoryAction.IMPORTED, by=None, after={"paragraphs": 8})
    client.force_login(coordinator)
    response = client.get(history_url(assigned_document, action="imported"))
    assert response.status_code == 200
    [entry] = shown(response)
    assert entry.actor is None and "<td>—</td>" in response.content.decode()


@pytest.mark.parametrize("who", ["focal_point_a", "ngo_drafter", "coordinator_other_state", "outsider"])
def test_those_who_do_not_read_the_whole_tracking_are_refused(client, assigned_document, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(history_url(assigned_document)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, assigned_document):
    response = client.get(history_url(assigned_document))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_viewer_of_the_state_reads_it(client, assigned_document, viewer):
    client.force_login(viewer)
    assert len(shown(client.get(history_url(assigned_document)))) == 3
