"""Counting words the way a reader of a UN submission would.

A word is a run of letters or digits, with inner hyphens, apostrophes and dots kept
("State's", "follow-up", "16.9" are one word each), in any script: Latin, Cyrillic and
Arabic words are separated by spaces. Chinese and Japanese are written without spaces, so
each CJK ideograph counts as one word (the usual convention for word limits applied to
Chinese text). Punctuation and symbols on their own are not words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
# A word: letters/digits (not CJK), optionally joined by - ' ’ . / between them.
_WORD = re.compile(rf"(?:(?![{_CJK}])\w)+(?:[-'’./](?:(?![{_CJK}])\w)+)*|[{_CJK}]")


def count_words(text: str | None) -> int:
    """The number of words in ``text``."""
    if not text:
        return 0
    return sum(1 for match in _WORD.finditer(text) if match.group(0) != "_")


def count_all(texts: Iterable[str | None]) -> int:
    return sum(count_words(t) for t in texts)


class WordCount:
    """A count against a limit, for pages and exports."""

    def __init__(self, words: int, limit: int):
        self.words = words
        self.limit = limit

    @property
    def exceeded(self) -> bool:
        return bool(self.limit) and self.words > self.limit

    @property
    def over_by(self) -> int:
        return max(0, self.words - self.limit) if self.limit else 0

    @property
    def words_display(self) -> str:
        return formats.number_format(self.words, force_grouping=True)

    @property
    def limit_display(self) -> str:
        return formats.number_format(self.limit, force_grouping=True)

    @property
    def over_by_display(self) -> str:
        return formats.number_format(self.over_by, force_grouping=True)

    @property
    def percent(self) -> int:
        """Share of the limit used, capped at 100 (for a progress bar)."""
        if not self.limit:
            return 0
        return min(100, round(100 * self.words / self.limit))

    @property
    def summary_line(self) -> str:
        """The sentence printed in exports, in the active language."""
        return _("Word count: %(words)s (limit: %(limit)s).") % {
            "words": self.words_display, "limit": self.limit_display,
        }

    @property
    def warning_line(self) -> str:
        return _("Warning: %(over)s words over the limit of %(limit)s words.") % {
            "over": self.over_by_display, "limit": self.limit_display,
        }

    def __repr__(self):
        return f"WordCount({self.words}/{self.limit})"
