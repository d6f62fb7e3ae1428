"""Do two language versions of the same observations align paragraph by paragraph?"""

from __future__ import annotations

from .model import ParsedDocument, ParsedHeading, ParsedParagraph
from .vocab import LANGUAGE_NAMES

HEADING_NAMES = {"section": "section", "cluster": "cluster", "topic": "topic heading"}


def _name(doc: ParsedDocument, other: ParsedDocument, first: bool) -> str:
    name = LANGUAGE_NAMES.get(doc.language, doc.language)
    if doc.language == other.language:
        return f"the {'first' if first else 'second'} {name} version"
    return name


def _letters(paragraph: ParsedParagraph) -> str:
    subs = paragraph.subparagraphs
    if not subs:
        return "no sub-paragraphs"
    if len(subs) == 1:
        return f"({subs[0].label})"
    return f"({subs[0].label})–({subs[-1].label})"


def _describe(heading: ParsedHeading) -> str:
    label = f" {heading.label}" if heading.label else ""
    span = ""
    if heading.first_paragraph is not None:
        span = f" (paragraphs {heading.first_paragraph}–{heading.last_paragraph})"
    return f"{HEADING_NAMES.get(heading.kind, heading.kind)}{label}{span}"


def _shape(doc: ParsedDocument) -> list[tuple]:
    return [
        (
            h.kind,
            h.key,
            h.first_paragraph,
            h.last_paragraph,
            doc.headings[h.parent].kind if h.parent is not None else None,
        )
        for h in doc.headings
    ]


def compare_structure(a: ParsedDocument, b: ParsedDocument) -> list[str]:
    """Differences between two versions, as sentences; empty when they align."""
    name_a, name_b = _name(a, b, True), _name(b, a, False)
    messages = []
    paragraphs_a = {p.number: p for p in a.paragraphs}
    paragraphs_b = {p.number: p for p in b.paragraphs}
    for number in sorted(set(paragraphs_a) | set(paragraphs_b)):
        pa, pb = paragraphs_a.get(number), paragraphs_b.get(number)
        if pb is None:
            messages.append(f"paragraph {number} is missing from the {name_b} version")
        elif pa is None:
            messages.append(f"paragraph {number} is missing from the {name_a} version")
        elif [s.letter for s in pa.subparagraphs] != [s.letter for s in pb.subparagraphs]:
            has_a = "has no sub-paragraphs" if not pa.subparagraphs else f"has sub-paragraphs {_letters(pa)}"
            has_b = "has none" if not pb.subparagraphs else f"has {_letters(pb)}"
            messages.append(f"paragraph {number}: {name_a} {has_a}, {name_b} {has_b}")
    shape_a, shape_b = _shape(a), _shape(b)
    if shape_a != shape_b:
        for index in range(max(len(shape_a), len(shape_b))):
            ha = a.headings[index] if index < len(a.headings) else None
            hb = b.headings[index] if index < len(b.headings) else None
            if ha is None:
                messages.append(f"the {name_b} version has an extra {_describe(hb)} “{hb.title}”")
            elif hb is None:
                messages.append(f"the {name_a} version has an extra {_describe(ha)} “{ha.title}”")
            elif shape_a[index] != shape_b[index]:
                messages.append(
                    f"heading {index + 1}: {name_a} has {_describe(ha)} “{ha.title}”, "
                    f"{name_b} has {_describe(hb)} “{hb.title}”"
                )
            else:
                continue
            break  # after the first difference the rest is shifted: one message is clearer
    notes_a, notes_b = {f.number for f in a.footnotes}, {f.number for f in b.footnotes}
    for number in sorted(notes_a - notes_b):
        messages.append(f"footnote {number} is missing from the {name_b} version")
    for number in sorted(notes_b - notes_a):
        messages.append(f"footnote {number} is missing from the {name_a} version")
    return messages
