"""What makes an input impossible to import, before anything is written.

Checks of one parsed language version (numbering, sub-paragraphs, footnotes, truncation,
kind of document) and of the versions given together (one document, one file per
language, aligned structure, and alignment with what is already stored).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from . import meta
from .align import compare_structure
from .layout import Layout
from .model import ImportRejected, ParsedDocument
from .vocab import Vocabulary

_FINAL_PUNCTUATION = re.compile(r"[.!?。！？؟][\"'”»)\]]*\s*$")

# Each language's name in itself, as the site shows it.
LANGUAGE_ENDONYMS = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
# The order in which the language versions of a document lead (its structure comes from the first).
LANGUAGE_ORDER = ("en", "fr", "es", "ru", "zh", "ar")


def language_name(code: str) -> str:
    return LANGUAGE_ENDONYMS.get(code, code)



def reject(message: str, code: str, line: int | None = None) -> ImportRejected:
    return ImportRejected(message, line=line, code=code)


_OTHER_DOCUMENTS = (
    (r"(?:QPR|Q)/\d", "a list of issues"),
    (r"\d+(?:-\d+)?$", "a State party's report"),
)


def check_kind_of_document(layout: Layout, vocab: Vocabulary, printed: list[str]) -> None:
    """Refuse documents of the treaty bodies that are not concluding observations."""
    preamble = " ".join(m.text for _, m in layout.preamble)
    symbols = [m for s in printed for m in meta.symbols_in(s)]
    if meta.committee_from_name(preamble) == "SPT" or any(m.group("prefix") == "CAT/OP" for m in symbols):
        raise reject(
            "This is a document of the Subcommittee on Prevention of Torture (a visit report or its "
            "recommendations), not concluding observations of a Committee, so it cannot be imported.",
            "not_observations",
        )
    if re.search(vocab.title_words, preamble, re.IGNORECASE) or any(m.group("rest").startswith("CO/") for m in symbols):
        return
    for match in symbols:
        for pattern, what in _OTHER_DOCUMENTS:
            if re.match(pattern, match.group("rest")):
                raise reject(
                    f"This is {what} ({match.group()}), not concluding observations, so it cannot be imported.",
                    "not_observations",
                )


def check_structure(layout: Layout, vocab: Vocabulary, text: str) -> None:
    """Reject what cannot be imported safely: numbering, sub-paragraphs, footnotes, truncation."""
    paragraphs = layout.paragraphs
    if not paragraphs:
        raise reject(
            "This file does not look like concluding observations: it has no numbered paragraphs.", "not_observations"
        )
    if not re.search(vocab.committee_word, text, re.IGNORECASE) and meta.committee_from_name(text) is None:
        raise reject(
            "This file does not look like concluding observations: no Committee is named in it.", "not_observations"
        )
    seen: dict[int, int] = {}
    for previous, paragraph in zip([None] + paragraphs[:-1], paragraphs, strict=True):
        number, line = paragraph.number, paragraph.line
        if number in seen:
            raise reject(
                f"Paragraph {number} appears twice, on lines {seen[number]} and {line}: please correct the numbering.",
                "duplicate_paragraph",
                line,
            )
        expected = previous.number + 1 if previous else 1
        if number != expected:
            gap = (
                f"paragraph {expected} is missing"
                if number == expected + 1
                else f"paragraphs {expected} to {number - 1} are missing"
            )
            after = (
                f"paragraph {previous.number} is followed by paragraph {number}"
                if previous
                else (f"the first paragraph is numbered {number}")
            )
            raise reject(f"The paragraph numbering has a gap: {after}, so {gap}.", "missing_paragraph", line)
        seen[number] = line
    if layout.sub_errors:
        _number, message, line = layout.sub_errors[0]
        raise reject(message, "subparagraph_sequence", line)
    _check_footnotes(layout)
    _check_truncation(layout)


def _check_footnotes(layout: Layout) -> None:
    if layout.duplicate_markers:
        number, line = layout.duplicate_markers[0]
        raise reject(f"Footnote {number} is marked twice in the text.", "footnote_duplicate", line)
    if layout.duplicate_bodies:
        number, line = layout.duplicate_bodies[0]
        raise reject(f"The text of footnote {number} appears twice.", "footnote_duplicate", line)
    for number, line in sorted(layout.marker_lines.items()):
        if number not in layout.bodies:
            raise reject(f"Footnote {number} is marked in the text but its text is missing.", "footnote_missing", line)
    for number, (_body, line) in sorted(layout.bodies.items()):
        if number not in layout.marker_lines:
            raise reject(
                f"The text of footnote {number} is present but nothing in the document refers to it.",
                "footnote_orphan",
                line,
            )


def _check_truncation(layout: Layout) -> None:
    last = layout.paragraphs[-1]
    text = last.subparagraphs[-1].text if last.subparagraphs else last.text
    line = last.subparagraphs[-1].line if last.subparagraphs else last.line
    if not _FINAL_PUNCTUATION.search(text):
        raise reject(
            f"The document seems cut off: the last paragraph ({last.number}) stops in mid-sentence, "
            "so please import the complete document.",
            "truncated",
            line,
        )


# --- several versions of one document -----------------------------------------------------------


def check_same_document(parsed: list[tuple[str, ParsedDocument]]) -> None:
    """The files (name, parsed version) are one document, one file per language, with a
    symbol and a committee."""
    languages = [doc.language for _, doc in parsed]
    for lang in dict.fromkeys(languages):
        if languages.count(lang) > 1:
            names = ", ".join(name for name, d in parsed if d.language == lang)
            raise ImportRejected(
                f"Two files are in {language_name(lang)} ({names}): give one file per language.",
                code="same_language",
            )
    symbols = {doc.symbol for _, doc in parsed}
    if None in symbols:
        missing = next(name for name, d in parsed if not d.symbol)
        raise ImportRejected(
            f"{missing}: the document symbol is not printed and could not be worked out from the "
            "footnotes; give it explicitly (for example --symbol CMW/C/KGZ/CO/2).",
            code="symbol_missing",
        )
    if len(symbols) > 1:
        detail = "; ".join(f"{name} is {d.symbol}" for name, d in parsed)
        raise ImportRejected(f"The files are not the same document: {detail}.", code="different_documents")
    if not {doc.committee for _, doc in parsed} - {None}:
        raise ImportRejected(
            "The committee could not be recognised from the document's heading or symbols.",
            code="committee_unknown",
        )


def check_alignment(docs: list[ParsedDocument]) -> None:
    """The language versions align paragraph by paragraph with the first one."""
    first = docs[0]
    for other in docs[1:]:
        differences = compare_structure(first, other)
        if differences:
            raise ImportRejected(
                f"The {language_name(first.language)} and {language_name(other.language)} versions do "
                "not have the same structure, so nothing was imported: " + "; ".join(differences),
                code="misaligned",
            )


def primary(docs: Iterable[ParsedDocument]) -> ParsedDocument:
    """The version whose structure leads: the first in the usual order of the UN languages."""
    return min(docs, key=lambda d: LANGUAGE_ORDER.index(d.language) if d.language in LANGUAGE_ORDER else 99)


def stored_differences(
    stored_paragraphs: Mapping[int, list[str]], stored_footnotes: set[int], doc: ParsedDocument
) -> list[str]:
    """Where a parsed version's structure differs from the document already stored, given as
    {paragraph number: sub-paragraph letters in order} and the set of footnote numbers."""
    differences = []
    new = {p.number: [s.letter for s in p.subparagraphs] for p in doc.paragraphs}
    for number in sorted(set(stored_paragraphs) - set(new)):
        differences.append(f"paragraph {number} is missing from the new file")
    for number in sorted(set(new) - set(stored_paragraphs)):
        differences.append(f"paragraph {number} is not in the stored document")
    for number in sorted(set(stored_paragraphs) & set(new)):
        if stored_paragraphs[number] != new[number]:
            differences.append(
                f"paragraph {number}: stored sub-paragraphs ({', '.join(stored_paragraphs[number]) or 'none'}) but "
                f"the new file has ({', '.join(new[number]) or 'none'})"
            )
    new_notes = {f.number for f in doc.footnotes}
    if set(stored_footnotes) != new_notes:
        differences.append(f"footnotes differ (stored {len(stored_footnotes)}, new file {len(new_notes)})")
    return differences


def check_stored_alignment(
    stored_paragraphs: Mapping[int, list[str]], stored_footnotes: set[int], doc: ParsedDocument,
    kept_languages: Iterable[str],
) -> None:
    """A new version must align with the versions already stored that it does not replace."""
    differences = stored_differences(stored_paragraphs, stored_footnotes, doc)
    if differences:
        raise ImportRejected(
            f"The new file does not have the same structure as the "
            f"{', '.join(language_name(lang) for lang in sorted(kept_languages))} version already "
            "imported, so nothing was changed: " + "; ".join(differences),
            code="misaligned",
        )
