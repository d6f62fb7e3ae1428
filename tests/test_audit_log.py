"""The change log and the admin: edits (inline rows included) and deletions each write one
entry per object with before and after; the log itself is listed and filtered, view only;
the recommendation page reads the entries about it, its paragraph and the deadlines that
name it, for those who see its internal tracking only. Writes outside the admin:
``test_audit_log_sources.py``."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from observations.admin.base import AuditedAdmin
from observations.choices import DeadlineKind, HistoryAction, ReferenceKind
from observations.models import (
    Citation,
    Committee,
    Deadline,
    DeadlineItem,
    HistoryEntry,
    Membership,
    Organization,
    Paragraph,
    Reference,
)
from observations.services import tracking as services
from tests.factories import make_document, make_user

TODAY = dt.date.today()


# --- Helpers ---------------------------------------------------------------------------


def _posted(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _form_data(form, data):
    for name in form.fields:
        value = form[name].value()
        if value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else _posted(value)


def admin_form_data(response, **changes) -> dict:
    """What the admin change page would post unchanged (main form, every inline's management
    form and rows), with ``changes`` applied (keys as posted, e.g. ``items-0-DELETE``)."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = _posted(management[name].value())
        for form in formset.forms:
            _form_data(form, data)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def admin_change(client, model, obj, **changes):
    url = reverse(f"admin:observations_{model}_change", args=[obj.pk])
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    client.get(response["Location"])  # shows (and so clears) the admin's confirmation message
    return response


def entries_about(obj):
    return HistoryEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("paragraph", "subparagraph")}


def page_of(client, recommendation):
    return client.get(reverse("observations:recommendation_detail", args=[recommendation.pk]))


# --- Fixtures --------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def document(db, coordinator, ministry_a):
    """Follow-up on paragraph 6 only; 6 and 4(a) assigned to ministry A."""
    document = make_document(follow_up=(6,))
    by_code = recs(document)
    services.assign(by_code["6"], lead=ministry_a, by=coordinator)
    services.assign(by_code["4(a)"], lead=ministry_a, by=coordinator)
    return document


@pytest.fixture
def follow_up(document):
    return document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)


# --- Admin edits -----------------------------------------------------------------------


def test_an_admin_edit_of_a_deadline_is_logged_with_before_and_after(client, superuser, follow_up):
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, due_date="2027-03-01")

    entry = entries_about(follow_up).get()
    assert entry.action == HistoryAction.CHANGED and entry.actor == superuser
    assert entry.before["due_date"] == "2026-12-06" and entry.after["due_date"] == "2027-03-01"
    assert entry.changed_fields == ["due_date"]
    assert entry.document_id == follow_up.document_id and entry.recommendation is None
    assert "2027-03-01" in entry.object_repr


def test_the_deadline_edit_shows_on_the_pages_of_the_recommendations_it_names(
        client, superuser, coordinator, focal_point_a, document, follow_up):
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, due_date="2027-03-01")
    by_code = recs(document)

    for who in (coordinator, focal_point_a):
        client.force_login(who)
        html = page_of(client, by_code["6"]).content.decode()
        history = html[html.index('id="history-table"'):]
        assert "Changed" in history and "2026-12-06" in history and "2027-03-01" in history
    # 4(a) is not named by the follow-up deadline: its history does not show the change.
    html = page_of(client, by_code["4(a)"]).content.decode()
    assert "2027-03-01" not in html[html.index('id="history-table"'):]


def test_only_those_who_see_the_internal_tracking_see_that_history(
        client, superuser, ngo_drafter, coordinator_other_state, outsider, follow_up, document):
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, due_date="2027-03-01")
    rec = recs(document)["6"]

    client.force_login(ngo_drafter)  # public face only
    response = page_of(client, rec)
    assert response.status_code == 200 and 'id="history-table"' not in response.content.decode()
    for who in (coordinator_other_state, outsider):
        client.force_login(who)
        assert page_of(client, rec).status_code == 404
    client.logout()
    assert page_of(client, rec).status_code == 302


def test_a_deadline_item_removed_in_the_inline_is_logged_as_deleted(client, superuser, follow_up, coordinator,
                                                                    document):
    item = follow_up.items.get()
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, **{"items-0-DELETE": "on"})

    assert not DeadlineItem.objects.filter(pk=item.pk).exists()
    entry = entries_about(item).get()
    assert entry.action == HistoryAction.DELETED and entry.after is None
    assert entry.before["paragraph"] == item.paragraph_id and entry.before["deadline"] == follow_up.pk
    assert not entries_about(follow_up).exists()  # the deadline's own fields did not change
    client.force_login(coordinator)
    html = page_of(client, recs(document)["6"]).content.decode()
    assert "Deleted" in html[html.index('id="history-table"'):]


def test_an_admin_edit_of_a_paragraph_kind_is_logged(client, superuser, document):
    paragraph = document.paragraphs.get(number=3)
    client.force_login(superuser)
    admin_change(client, "paragraph", paragraph, kind="introduction")

    entry = entries_about(paragraph).get()
    assert (entry.action, entry.before["kind"], entry.after["kind"]) == (HistoryAction.CHANGED, "concern",
                                                                           "introduction")
    assert entry.field_changes() == [("kind", "Concern", "Introduction")]
    assert Paragraph.objects.get(pk=paragraph.pk).kind == "introduction"


def test_an_admin_edit_of_a_reference_is_logged_and_shows_on_the_recommendation_page(
        client, superuser, coordinator, document):
    paragraph = document.paragraphs.get(number=6)
    reference = Reference.objects.create(paragraph=paragraph, kind=ReferenceKind.REITERATES,
                                         target_symbol="CMW/C/XYZ/CO/0", target_number=3)
    client.force_login(superuser)
    admin_change(client, "reference", reference, target_number="5")

    entry = entries_about(reference).get()
    assert entry.before["target_number"] == 3 and entry.after["target_number"] == 5
    assert entry.actor == superuser and entry.document_id == document.pk
    client.force_login(coordinator)
    html = page_of(client, recs(document)["6"]).content.decode()
    history = html[html.index('id="history-table"'):]
    assert "CMW/C/XYZ/CO/0, para. 5" in history


def test_a_reference_edited_in_the_paragraph_inline_is_logged(client, superuser, document):
    paragraph = document.paragraphs.get(number=6)
    reference = Reference.objects.create(paragraph=paragraph, kind=ReferenceKind.REITERATES,
                                         target_symbol="CMW/C/XYZ/CO/0", target_number=3)
    client.force_login(superuser)
    admin_change(client, "paragraph", paragraph, **{"references-0-target_letter": "b"})

    entry = entries_about(reference).get()
    assert (entry.before["target_letter"], entry.after["target_letter"]) == ("", "b")
    assert not entries_about(paragraph).exists()


def test_saving_an_admin_page_unchanged_writes_nothing(client, superuser, follow_up):
    client.force_login(superuser)
    count = HistoryEntry.objects.count()
    admin_change(client, "deadline", follow_up)
    assert HistoryEntry.objects.count() == count


def test_deleting_in_the_admin_is_logged_with_what_was_deleted(client, superuser, document):
    citation = Citation.objects.create(paragraph=document.paragraphs.get(number=6), kind="sdg_target",
                                       value="8.7")
    pk = citation.pk
    client.force_login(superuser)
    response = client.post(reverse("admin:observations_citation_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302 and not Citation.objects.filter(pk=pk).exists()

    entry = HistoryEntry.objects.get(content_type=ContentType.objects.get_for_model(Citation), object_id=pk)
    assert entry.action == HistoryAction.DELETED and entry.before["value"] == "8.7" and entry.after is None
    assert entry.object_repr == "SDG target 8.7" and entry.actor == superuser


def test_deleting_a_deadline_logs_the_items_deleted_with_it_and_shows_on_the_recommendation_page(
        client, superuser, coordinator, document, follow_up):
    item = follow_up.items.get()
    client.force_login(superuser)
    response = client.post(reverse("admin:observations_deadline_delete", args=[follow_up.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Deadline.objects.filter(pk=follow_up.pk).exists()

    deleted = HistoryEntry.objects.filter(action=HistoryAction.DELETED, actor=superuser)
    assert sorted((e.content_type.model, e.object_id) for e in deleted) == sorted(
        [("deadline", follow_up.pk), ("deadlineitem", item.pk)])
    assert all(e.document_id == document.pk and e.before for e in deleted)
    client.force_login(coordinator)
    html = page_of(client, recs(document)["6"]).content.decode()
    assert "Deleted" in html[html.index('id="history-table"'):]


def test_deleting_several_with_the_admin_action_logs_each(client, superuser, document):
    paragraph = document.paragraphs.get(number=6)
    citations = [Citation.objects.create(paragraph=paragraph, kind="sdg_target", value=v) for v in ("8.7", "10.7")]
    client.force_login(superuser)
    client.post(reverse("admin:observations_citation_changelist"),
                {"action": "delete_selected", "_selected_action": [c.pk for c in citations], "post": "yes"})
    assert not Citation.objects.exists()
    logged = HistoryEntry.objects.filter(content_type=ContentType.objects.get_for_model(Citation),
                                         action=HistoryAction.DELETED)
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(c.pk for c in citations)


def test_an_organization_added_with_a_membership_inline_logs_both(client, superuser, db):
    member = make_user("new_member")
    client.force_login(superuser)
    url = reverse("admin:observations_organization_add")
    data = admin_form_data(client.get(url), name="Ministry of Justice", short_name="MoJ", kind="ministry",
                           state="KG", is_active="on", **{"memberships-0-user": str(member.pk),
                                                          "memberships-0-role": "focal_point"})
    assert client.post(url, data).status_code == 302

    organization = Organization.objects.get(name="Ministry of Justice")
    created = entries_about(organization).get()
    assert created.action == HistoryAction.CREATED and created.before is None
    assert created.after["name"] == "Ministry of Justice"
    membership = Membership.objects.get(organization=organization)
    assert entries_about(membership).get().after["role"] == "focal_point"


def test_an_admin_edit_of_a_committee_is_logged(client, superuser, db):
    committee = Committee.objects.get(code="CMW")
    client.force_login(superuser)
    admin_change(client, "committee", committee, follow_up_months="18")
    entry = entries_about(committee).get()
    assert (entry.before["follow_up_months"], entry.after["follow_up_months"]) == (committee.follow_up_months, 18)


# --- The log in the admin ----------------------------------------------------------------


def test_the_log_is_listed_and_filtered_in_the_admin_and_never_edited(client, superuser, follow_up, coordinator):
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, due_date="2027-03-01")
    changelist = reverse("admin:observations_historyentry_changelist")
    deadline_type = ContentType.objects.get_for_model(Deadline)

    everything = client.get(changelist)
    assert everything.status_code == 200
    assert everything.context["cl"].result_count == HistoryEntry.objects.count() == 3  # 2 assignments + edit
    filtered = client.get(changelist, {"action": "changed", "content_type__id__exact": deadline_type.pk,
                                       "actor__id__exact": superuser.pk,
                                       "at__gte": (timezone.now() - dt.timedelta(days=1)).isoformat()})
    assert [e.pk for e in filtered.context["cl"].result_list] == [entries_about(follow_up).get().pk]
    by_actor = client.get(changelist, {"actor__id__exact": coordinator.pk})
    assert by_actor.context["cl"].result_count == 2

    entry = entries_about(follow_up).get()
    page = client.get(reverse("admin:observations_historyentry_change", args=[entry.pk])).content.decode()
    assert "2026-12-06" in page and "2027-03-01" in page
    assert client.get(reverse("admin:observations_historyentry_add")).status_code == 403
    response = client.post(reverse("admin:observations_historyentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403 and HistoryEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_admin_is_closed_to_tracker_users_and_anonymous_visitors(client, coordinator, db):
    url = reverse("admin:observations_historyentry_changelist")
    assert client.get(url).status_code == 302
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    client.force_login(make_user("staff_without_rights", is_staff=True))
    assert client.get(url).status_code == 403


def test_every_admin_that_can_write_is_audited(rf, superuser):
    request = rf.get("/admin/")
    request.user = superuser
    writing = [
        model_admin for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "observations"
        and (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
             or model_admin.has_delete_permission(request))
    ]
    assert len(writing) >= 10
    assert [type(m).__name__ for m in writing if not isinstance(m, AuditedAdmin)] == []
    for model_admin in writing:
        for inline in model_admin.get_inline_instances(request):
            if inline.has_change_permission(request) or inline.has_add_permission(request, None):
                assert isinstance(model_admin, AuditedAdmin)  # its save_formset records the rows


def test_the_recommendation_page_reads_its_history_in_a_constant_number_of_queries(
        client, superuser, coordinator, document, follow_up):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rec = recs(document)["6"]
    client.force_login(superuser)
    admin_change(client, "deadline", follow_up, due_date="2027-01-01")
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as one:
        page_of(client, rec)
    client.force_login(superuser)
    for month in range(2, 7):
        admin_change(client, "deadline", follow_up, due_date=f"2027-{month:02d}-01")
        admin_change(client, "paragraph", rec.paragraph, kind="concern" if month % 2 else "recommendation")
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as more:
        html = page_of(client, rec).content.decode()
    assert HistoryEntry.objects.filter(document=document, action=HistoryAction.CHANGED).count() == 10  # 6 + 4
    assert "2027-06-01" in html and len(more) == len(one)
