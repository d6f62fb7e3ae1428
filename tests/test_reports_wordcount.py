"""Counting words in every script, and a count against a limit."""

import pytest

from observations.exports.wordcount import WordCount, count_words


@pytest.mark.parametrize("text,words", [
    ("", 0),
    (None, 0),
    ("The State party should adopt a law.", 7),
    ("The State's follow-up, by 2 January 2026 (target 16.9).", 9),
    ("CMW/C/KGZ/CO/2, para. 20 (a)", 4),
    ("— ; ! ( )", 0),
    ("نص الفقرة 4.", 3),
    ("Комитет рекомендует государству-участнику", 3),
    ("委员会建议", 5),  # no spaces in Chinese: each ideograph counts
    ("line one\n\nline two", 4),
])
def test_count_words(text, words):
    assert count_words(text) == words


def test_a_count_against_a_limit():
    within = WordCount(3500, 3500)
    assert not within.exceeded and within.over_by == 0 and within.percent == 100
    over = WordCount(3600, 3500)
    assert over.exceeded and over.over_by == 100 and over.percent == 100
    assert WordCount(1750, 3500).percent == 50
    assert not WordCount(10, 0).exceeded  # no limit set


def test_paragraph_citations_follow_the_report_language():
    from django.utils import translation

    from observations.choices import interface_language
    from observations.exports.common import reference

    with translation.override(interface_language("ru")):
        assert reference("CMW/C/KGZ/CO/2", 20, "a") == "CMW/C/KGZ/CO/2, п. 20 (a)"
    with translation.override(interface_language("zh")):  # documents say zh, the catalogue is zh-hans
        assert reference("CMW/C/KGZ/CO/2", 20) == "CMW/C/KGZ/CO/2，第20段"
    with translation.override("en"):
        assert reference("CMW/C/KGZ/CO/2", 20, "a") == "CMW/C/KGZ/CO/2, para. 20 (a)"
