"""The tracking demo on the seed document: each review state, a Committee grade, idempotent."""


from observations.models import Assignment, CommitteeAssessment, HistoryEntry, ProgressUpdate
from observations.services import demo
from observations.services.demo_tracking import load_tracking_demo


def test_the_demo_shows_every_review_state_and_loads_once(seed_pair):
    demo.load_accounts()
    lines = load_tracking_demo(seed_pair)
    follow_up_paragraphs = {item.paragraph.number for item in seed_pair.deadlines.get(kind="follow_up").items.all()}
    assigned = Assignment.objects.filter(recommendation__document=seed_pair)
    assert {a.recommendation.paragraph.number for a in assigned} == follow_up_paragraphs
    assert set(ProgressUpdate.objects.values_list("review_state", flat=True)) == {
        "draft", "submitted", "validated", "returned"}
    assert CommitteeAssessment.objects.get().grade == "B"
    assert any("Committee grade B" in line for line in lines)
    entries = HistoryEntry.objects.count()
    assert load_tracking_demo(seed_pair) == [f"{seed_pair.symbol}: the tracking demo is already loaded."]
    assert HistoryEntry.objects.count() == entries


def test_load_demo_command_builds_the_whole_demo_once(seed_pair, settings):
    from io import StringIO

    from django.core.management import call_command

    from observations.models import ShadowEntry, ShadowReport

    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    report = ShadowReport.objects.get(organization__name="Migrant Rights Coalition")
    assert report.published_at is None  # a private draft
    assert ShadowEntry.objects.filter(report=report).count() == 2
    assert Assignment.objects.filter(recommendation__document=seed_pair).exists()
    counts = (ShadowEntry.objects.count(), ProgressUpdate.objects.count(), HistoryEntry.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (ShadowEntry.objects.count(), ProgressUpdate.objects.count(), HistoryEntry.objects.count()) == counts
    assert "password for all: demo" in out.getvalue()


def test_load_demo_refuses_in_production_mode(db, settings):
    import pytest
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="never created with DEBUG off"):
        call_command("load_demo")
    assert not Assignment.objects.exists()
