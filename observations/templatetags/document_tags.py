"""Template helpers for documents: text direction, language names, footnote markers in the
text. A deadline's state: ``deadline_tags``."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import format_html, format_html_join

from ..choices import RTL_LANGUAGES, Language, text_dir

register = template.Library()

LANGUAGE_NAMES = dict(Language.choices)


register.filter("text_dir", text_dir)


@register.filter
def committee_name(committee) -> str:
    """The Committee's official name in the interface language."""
    return committee.name_in(translation.get_language() or "en")


@register.filter
def language_name(language: str) -> str:
    """A document language by its own name (العربية, English…)."""
    return LANGUAGE_NAMES.get(language, language)


@register.filter
def in_language(texts, language: str) -> str:
    """The value of a {language: text} JSON field in ``language`` (no fallback)."""
    if not texts:
        return ""
    return texts.get(language, "")


@register.filter
def number_label(number, language: str) -> str:
    """A paragraph number as printed: ``12.`` in most languages, ``12-`` in Arabic."""
    return f"{number}-" if language in RTL_LANGUAGES else f"{number}."


def footnote_refs(notes, primary: bool = False):
    """Superscript links to ``notes`` ("6" or "6,7"); the reader's language carries the ids
    ``fnref6`` the footnote list links back to."""
    if not notes:
        return ""
    links = format_html_join(
        ",",
        '<a class="footnote-ref" href="#{}"{} role="doc-noteref">{}</a>',
        ((note.anchor, format_html(' id="fnref{}"', note.number) if primary else "", note.number) for note in notes),
    )
    return format_html('<sup class="footnote-refs">{}</sup>', links)


@register.simple_tag
def text_with_notes(text, positions, notes, primary=False):
    """``text`` (a selectors.documents.Text) escaped, line breaks kept, with the markers of ``notes``
    where they stood in it. ``positions`` is {language: [[number, offset], ...]}, as the importer
    records it; markers without a recorded position (older imports) follow the text."""
    content = text.text or ""
    notes = list(notes or [])
    by_number = {note.number: note for note in notes}
    placed: dict[int, list] = {}
    for number, offset in (positions or {}).get(text.lang) or []:
        note = by_number.pop(number, None)
        if note is not None:
            placed.setdefault(min(max(0, int(offset)), len(content)), []).append(note)
    unplaced = [note for note in notes if note.number in by_number]
    if unplaced:
        placed.setdefault(len(content), []).extend(unplaced)
    parts, start = [], 0
    for offset in sorted(placed):
        parts += [linebreaksbr(content[start:offset]), footnote_refs(placed[offset], primary)]
        start = offset
    parts.append(linebreaksbr(content[start:]))
    return format_html_join("", "{}", ((part,) for part in parts))
