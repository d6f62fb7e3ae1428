"""The tracking demo on the seed document: each review state, a Committee grade, idempotent."""


from observations import demo
from observations.models import Assignment, CommitteeAssessment, HistoryEntry, ProgressUpdate
from observations.tracking.demo import load_tracking_demo


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
