"""Right-to-left lines of a PDF (Arabic) from the order on the page back to reading order.

A PDF places glyphs; read left to right, an Arabic line comes out reversed, with its Latin words
and numbers left to right inside it. Pure Python, no Django.
"""

from __future__ import annotations

import re
import unicodedata

_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# What a right-to-left line shows left to right: Latin runs (words, symbols, spaces between them) and
# numbers, whose parts joined by "." "," "/" ":" read as one (17.18, 29/11/2023) while "-" separates
# numbers that are ordered right to left (2021-2030 is printed 2030-2021).
# Arabic-Indic digits (٢٠٢٤) are numbers too, printed left to right like 2024, but a run of their
# own: "CAT/C/TUN/CO/٣" shows its "٣" left of the Latin, as Arabic numbers are not Latin text.
_LTR_RUN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9/.,:'’\-]| (?=[A-Za-z]))*[A-Za-z0-9]|[A-Za-z0-9]"
    r"|[٠-٩۰-۹](?:[٠-٩۰-۹/.,:٫٬\-]*[٠-٩۰-۹])?"
)


def logical(visual: str, mirror: bool = True) -> str:
    """A right-to-left line read left to right on the page -> logical order, letters unshaped.

    The line is reversed; then each left-to-right run (reversed by that) is turned back. Producers
    differ on whether brackets are stored mirrored (``mirror``): ``mirrored`` tells for a document.
    """
    reversed_text = visual[::-1]
    if re.search("[\ufb50-\ufdff\ufe70-\ufeff]", reversed_text):
        reversed_text = unicodedata.normalize("NFKC", reversed_text)
    table = _MIRROR if mirror else {}
    out, position = [], 0
    for match in _LTR_RUN.finditer(reversed_text):
        out.append(reversed_text[position : match.start()].translate(table))
        out.append(_turn_back(match.group(0)))
        position = match.end()
    out.append(reversed_text[position:].translate(table))
    return "".join(out)


def mirrored(visual_lines: list[str]) -> bool:
    """Whether this document's right-to-left brackets are stored mirrored: of the two readings,
    the one whose brackets more often close after they open, over the whole document."""

    def closings_first(text: str) -> int:
        depth = wrong = 0
        for char in text:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                wrong, depth = wrong + 1, 0
        return wrong

    mirrored = sum(closings_first(logical(line, True)) for line in visual_lines)
    plain = sum(closings_first(logical(line, False)) for line in visual_lines)
    return mirrored < plain


def _turn_back(run: str) -> str:
    """A reversed left-to-right run, in its reading order again."""
    straight = run[::-1]
    if re.search("[A-Za-z]", straight):
        return straight
    # numbers only: each number reads left to right, the numbers from right to left
    parts = re.split(r"(\d+(?:[.,/:٫٬]\d+)*)", run)
    return "".join(part[::-1] if part[:1].isdigit() else part.translate(_MIRROR) for part in parts)
