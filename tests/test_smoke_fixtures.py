def test_document_with_follow_up_has_tracked_units(document_with_follow_up):
    codes = [r.code for r in document_with_follow_up.recommendations.all()]
    assert codes == ["4(a)", "4(b)", "6"]
    follow_up = document_with_follow_up.deadlines.get(kind="follow_up")
    assert [str(i) for i in follow_up.items.all()] == ["4", "6"]
