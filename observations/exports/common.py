"""What both reports share: how a paragraph is cited and quoted, and the headings above it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..choices import HeadingKind
from ..models import Heading


def new_headings(shown: list[str], headings: list[str]):
    """The (level, title) headings to print above a part: those that differ from the
    headings already shown, and everything below the first difference."""
    for level, heading in enumerate(headings):
        if shown[:level + 1] != headings[:level + 1]:
            yield level, heading


def reference(symbol: str, number: int, letter: str = "") -> str:
    """How a paragraph is cited, in the active language: "CMW/C/KGZ/CO/2, para. 20 (a)"."""
    cited = _("%(symbol)s, para. %(number)s") % {"symbol": symbol, "number": number}
    return f"{cited} ({letter})" if letter else cited


def heading_paths(document, language: str) -> dict[int, list[str]]:
    """For each heading id, the cluster and topic titles from the top down."""
    headings = {h.pk: h for h in Heading.objects.filter(document=document)}
    paths = {}
    for heading in headings.values():
        titles, node = [], heading
        while node is not None:
            if node.kind == HeadingKind.CLUSTER:
                label = node.label_in(language)
                titles.insert(0, f"{label}. {node.title_in(language)}" if label else node.title_in(language))
            elif node.kind == HeadingKind.TOPIC:
                titles.insert(0, node.title_in(language))
            node = headings.get(node.parent_id)
        paths[heading.pk] = titles
    return paths


def committee_text(paragraph, subparagraph, language: str) -> str:
    """The Committee's words: a paragraph with its lettered sub-paragraphs, or one
    sub-paragraph under the paragraph's opening words."""
    text = paragraph.text_in(language)
    if subparagraph is not None:
        subs = [subparagraph]
    else:
        subs = list(paragraph.subparagraphs.all())
    lines = [text] if text else []
    lines += [f"({sub.label_in(language)}) {sub.text_in(language)}" for sub in subs]
    return "\n".join(lines)
