"""Page furniture: what the UN layout prints around the text, left out before the layout is read.

The first page's header table ("United Nations | CCPR/C/…/CO/4", "Distr.: General", the date,
"Original: English"), "Advance unedited version", running page headers (the symbol, a page
number) and the first page's footer (job number "GE.24-12345(E)", its bar code, "Please
recycle") reach a text export as lines of their own. Such lines are blanked, so that line numbers
stay those of the file; the symbol printed in them is kept: it is the document's own symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .meta import TREATY_SYMBOL
from .model import Finding
from .numbers import find_date_groups
from .vocab import ADVANCE_VERSION, FURNITURE, LANGUAGE_LABELS, UNITED_NATIONS, Vocabulary

_FILL = {
    "languages": "|".join(re.escape(label) for label in LANGUAGE_LABELS),
    "united_nations": "|".join(re.escape(name) for name in UNITED_NATIONS),
}


def _filled(pattern: str) -> str:
    for name, value in _FILL.items():
        pattern = pattern.replace(f"{{{name}}}", value)
    return pattern


_FURNITURE = re.compile("|".join(f"(?:{_filled(pattern)})" for pattern in FURNITURE), re.IGNORECASE)
_ADVANCE = re.compile(rf"\W*(?:{ADVANCE_VERSION})\W*", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[footnoteRef:\d+\]|\[\d+:")
_AFTER_DATE = re.compile(r"\s*(?:года|г\.)?\s*", re.IGNORECASE)


@dataclass
class Furniture:
    text: str  # the text with furniture lines blanked
    symbols: list[str] = field(default_factory=list)  # document symbols printed in the furniture
    findings: list[Finding] = field(default_factory=list)


def _is_date(cell: str, vocab: Vocabulary) -> bool:
    groups = find_date_groups(cell, vocab)
    if len(groups) != 1:
        return False
    start, end, _dates = groups[0]
    return not cell[:start].strip() and bool(_AFTER_DATE.fullmatch(cell[end:]))


def _cell_kind(cell: str, vocab: Vocabulary) -> str | None:
    """ "symbol", "advance", "furniture", or None when the cell is text."""
    cell = re.sub(r"\s+", " ", cell).strip()
    if TREATY_SYMBOL.fullmatch(cell.rstrip("*")):
        return "symbol"
    if _ADVANCE.fullmatch(cell):
        return "advance"
    if _FURNITURE.fullmatch(cell) or _is_date(cell, vocab):
        return "furniture"
    return None


def strip_furniture(text: str, vocab: Vocabulary) -> Furniture:
    """``text`` with page furniture blanked, the symbols printed in it, and what was done."""
    lines = text.split("\n")
    symbols: list[str] = []
    removed, advance = 0, None
    for index, line in enumerate(lines):
        cells = [cell for cell in line.split("\t") if cell.strip()]
        if not cells or _FOOTNOTE.search(line):
            continue
        kinds = [_cell_kind(cell, vocab) for cell in cells]
        if None in kinds:
            continue
        for cell, kind in zip(cells, kinds, strict=True):
            symbol = cell.strip().rstrip("*")
            if kind == "symbol" and symbol not in symbols:
                symbols.append(symbol)
        if "advance" in kinds and advance is None:
            advance = index + 1
        lines[index] = ""
        removed += 1
    findings = []
    if advance is not None:
        findings.append(
            Finding(
                "warning",
                "advance_version",
                "This is an advance unedited version: the edited version may word or number paragraphs "
                "differently, so import it again when it is published.",
                advance,
            )
        )
    if removed:
        findings.append(
            Finding(
                "info",
                "page_furniture",
                f"{removed} line(s) of page layout (header table, page headers and footers, job number) "
                "were left out of the text.",
            )
        )
    return Furniture("\n".join(lines), symbols, findings)
