"""The change log written outside the admin: every tracking service write records exactly
its entries, ``services.audit.record`` names the object's document and recommendation,
each import or replacement writes one entry, entries written before the log was general
are completed by the migration, and django-simple-history is gone."""

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from observations.choices import DeadlineKind, HistoryAction
from observations.models import HistoryEntry, Recommendation
from observations.services import audit
from observations.services import tracking as services
from observations.services.imports import UploadedText, import_files
from tests.conftest import SEED_EN, SEED_SYMBOL
from tests.factories import make_document, make_user

TODAY = dt.date.today()


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("paragraph", "subparagraph")}


@pytest.fixture
def superuser(db):
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def document(db, coordinator, ministry_a):
    """Follow-up on paragraph 6 only; 6 assigned to ministry A."""
    document = make_document(follow_up=(6,))
    services.assign(recs(document)["6"], lead=ministry_a, by=coordinator)
    return document


@pytest.fixture
def follow_up(document):
    return document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)


# --- Services ----------------------------------------------------------------------------


def test_every_tracking_write_records_its_entries_and_nothing_more(document, coordinator, focal_point_a,
                                                                   ministry_a):
    rec = recs(document)["6"]

    def added(write):
        count = HistoryEntry.objects.count()
        result = write()
        return result, list(HistoryEntry.objects.order_by("-id")[: HistoryEntry.objects.count() - count])

    _, entries = added(lambda: services.assign(rec, lead=ministry_a, internal_deadline=TODAY, by=coordinator))
    assert [e.action for e in entries] == [HistoryAction.ASSIGNMENT_CHANGED]
    update, entries = added(lambda: services.create_update(
        rec, organization=ministry_a, by=focal_point_a, status="in_progress", narrative="Working group set up.",
        language="en", as_of=TODAY))
    assert entries == []  # drafts are private and not logged
    _, entries = added(lambda: services.submit_update(update, by=focal_point_a))
    assert [e.action for e in entries] == [HistoryAction.UPDATE_SUBMITTED]
    _, entries = added(lambda: services.validate_update(update, by=coordinator))
    assert [e.action for e in entries] == [HistoryAction.STATUS_CHANGED, HistoryAction.UPDATE_VALIDATED]
    _, entries = added(lambda: services.record_assessment(rec, grade="B", letter_date=TODAY, by=coordinator))
    assert [e.action for e in entries] == [HistoryAction.ASSESSMENT_RECORDED]

    recommendation_type = ContentType.objects.get_for_model(Recommendation)
    for entry in HistoryEntry.objects.filter(recommendation=rec):
        assert (entry.content_type, entry.object_id, entry.document_id) == (recommendation_type, rec.pk,
                                                                            document.pk)
        assert entry.object_repr == str(rec)


def test_record_names_the_object_its_document_and_recommendation(document, coordinator, follow_up):
    before = audit.snapshot(follow_up)
    follow_up.met_on, follow_up.met_symbol = TODAY, "CMW/C/XYZ/CO/1/Add.1"
    follow_up.save()
    entry = audit.record(follow_up, HistoryAction.DEADLINE_MET, by=coordinator, before=before,
                         after=audit.snapshot(follow_up), comment="Submitted")
    assert entry.document_id == document.pk and entry.recommendation is None and entry.actor == coordinator
    assert entry.changed_fields == ["met_on", "met_symbol"] and entry.after["met_on"] == TODAY.isoformat()
    item = follow_up.items.get()
    assert audit.record(item, HistoryAction.CHANGED, by=None).document_id == document.pk
    rec = recs(document)["6"]
    assert audit.record(rec, HistoryAction.CHANGED, by=None).recommendation == rec
    assert audit.snapshot(follow_up, fields=["kind", "due_date"]) == {"kind": "follow_up",
                                                                      "due_date": "2026-12-06"}


# --- Imports -----------------------------------------------------------------------------


def test_an_import_and_a_replacement_each_write_one_entry(superuser):
    english = SEED_EN.read_bytes()
    result = import_files([UploadedText(SEED_EN.name, english)], user=superuser)
    created = HistoryEntry.objects.get(action=HistoryAction.IMPORTED)
    assert created.document == result.document and created.before is None and created.actor == superuser
    assert created.after["versions"][0]["action"] == "created"
    assert created.after["counts"]["paragraphs"] == result.document.paragraphs.count() > 0

    import_files([UploadedText(SEED_EN.name, english)], user=superuser)  # identical: nothing written
    assert HistoryEntry.objects.filter(action=HistoryAction.IMPORTED).count() == 1

    corrected = english.replace(b"The Committee notes that some countries",
                                b"The Committee observes that some countries")
    import_files([UploadedText(SEED_EN.name, corrected)], replace=True, user=superuser)
    replaced = HistoryEntry.objects.filter(action=HistoryAction.IMPORTED).latest("id")
    assert HistoryEntry.objects.filter(action=HistoryAction.IMPORTED).count() == 2
    assert replaced.after["versions"][0]["action"] == "replaced" and replaced.after["versions"][0]["changes"]
    assert replaced.before["counts"]["paragraphs"] == created.after["counts"]["paragraphs"]
    assert replaced.document.symbol == SEED_SYMBOL
    assert [label for label, _, _ in replaced.field_changes()] == ["versions"]  # same counts


def test_an_import_entry_is_shown_in_the_admin(client, superuser):
    import_files([UploadedText(SEED_EN.name, SEED_EN.read_bytes())], user=superuser)
    entry = HistoryEntry.objects.get(action=HistoryAction.IMPORTED)
    client.force_login(superuser)
    page = client.get(reverse("admin:observations_historyentry_change", args=[entry.pk]))
    assert page.status_code == 200 and SEED_EN.name in page.content.decode()


# --- One mechanism -----------------------------------------------------------------------


def test_django_simple_history_is_gone():
    assert "simple_history" not in settings.INSTALLED_APPS
    assert not any("simple_history" in m for m in settings.MIDDLEWARE)
    assert importlib.util.find_spec("simple_history") is None
    requirements = (Path(settings.BASE_DIR) / "requirements.txt").read_text()
    assert "simple-history" not in requirements and "simple_history" not in requirements


@pytest.mark.django_db(transaction=True)
def test_entries_written_before_the_log_was_general_name_their_recommendation(committees):
    # Transactional: the migrations run back and forth on the real schema. The flush after it
    # empties the tables, as after every transactional test; ``committees`` restores the
    # treaty bodies an earlier flush may have removed.
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, latest = [("observations", "0009_deadline_life")], [("observations", "0010_audit_log")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old_document = old.get_model("observations", "Document").objects.create(
        symbol="CMW/C/OLD/CO/1", slug="CMW_C_OLD_CO_1", state="KG",
        committee=old.get_model("observations", "Committee").objects.get(code="CMW"))
    paragraph = old.get_model("observations", "Paragraph").objects.create(document=old_document, number=6,
                                                                         kind="recommendation", text={})
    rec = old.get_model("observations", "Recommendation").objects.create(document=old_document,
                                                                        paragraph=paragraph, position=0)
    old.get_model("observations", "HistoryEntry").objects.create(recommendation=rec, action="assigned",
                                                                 after={"lead_name": "Ministry"})

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    entry = HistoryEntry.objects.get(recommendation_id=rec.pk)
    assert (entry.content_type, entry.object_id) == (ContentType.objects.get_for_model(Recommendation), rec.pk)
    assert (entry.object_repr, entry.document_id) == ("CMW/C/OLD/CO/1, para. 6", old_document.pk)
    assert entry.after == {"lead_name": "Ministry"} and entry.action == HistoryAction.ASSIGNED
