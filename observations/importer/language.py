"""Which of the six UN languages a text is written in: by script, then by stop-words."""

from __future__ import annotations

import re

from .model import Finding, ImportRejected
from .vocab import LANGUAGE_NAMES, VOCABULARIES

_SCRIPTS = {
    "ar": re.compile("[\u0600-\u06ff]"),
    "zh": re.compile("[\u4e00-\u9fff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
    "latin": re.compile("[A-Za-z\u00c0-\u024f]"),
}
_SCRIPT_OF = {"ar": "ar", "zh": "zh", "ru": "ru", "en": "latin", "fr": "latin", "es": "latin"}


def script_counts(text: str) -> dict[str, int]:
    # Document symbols (CMW/C/KGZ/2) and markers are Latin in every language: leave them out.
    text = re.sub(r"\[footnoteRef:\d+\]|\[\d+:|\b[A-Z][A-Za-z.]*/[\w./-]+", " ", text)
    return {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}


def main_script(text: str) -> str:
    counts = script_counts(text)
    return max(counts, key=counts.get)


def latin_scores(text: str) -> dict[str, int]:
    """How many stop-words of English, French and Spanish the text has."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return {code: sum(1 for word in words if word in set(VOCABULARIES[code].stopwords)) for code in ("en", "fr", "es")}


def detect(text: str) -> str:
    """ "en", "fr", "es", "ru", "ar" or "zh"."""
    script = main_script(text)
    if script != "latin":
        return script
    scores = latin_scores(text)
    return max(scores, key=scores.get)


def resolve(text: str, requested: str | None) -> tuple[str, list[Finding]]:
    """The language to parse ``text`` with: the requested one, checked against the text."""
    detected = detect(text)
    if requested is None:
        return detected, []
    requested = requested.lower()[:2]
    if requested not in VOCABULARIES:
        raise ImportRejected(
            f"The language “{requested}” is not one of the six UN languages (ar, zh, en, fr, ru, es).", code="mismatch"
        )
    scores = latin_scores(text) if _SCRIPT_OF[detected] == "latin" else {}
    clearly_other = requested in scores and scores[detected] >= 20 and scores[requested] * 3 < scores[detected]
    if _SCRIPT_OF[requested] != _SCRIPT_OF[detected] or clearly_other:
        raise ImportRejected(
            f"The document was imported as {LANGUAGE_NAMES[requested]} but its text is in "
            f"{LANGUAGE_NAMES[detected]}: choose the right language or the right file.",
            code="mismatch",
        )
    if requested != detected:
        return requested, [
            Finding(
                "warning",
                "language_doubt",
                f"The document was imported as {LANGUAGE_NAMES[requested]} but its text looks "
                f"{LANGUAGE_NAMES[detected]}.",
            )
        ]
    return requested, []
