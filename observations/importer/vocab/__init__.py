"""Per-language vocabulary of concluding observations.

Everything that differs between the six UN languages lives here, as data, one module per
language: the parsing code in the other modules is written once and reads these tables.
Patterns are regular-expression fragments, matched case-insensitively.
"""

from __future__ import annotations

from .ar import AR
from .base import (
    ARABIC_LETTERS,
    ARABIC_SECTION_LABELS,
    CYRILLIC_LETTERS,
    CYRILLIC_SECTION_LABELS,
    HOMOGLYPHS,
    LANGUAGE_NAMES,
    LATIN_LETTERS,
    ROMAN_NUMERALS,
    C,
    T,
    U,
    Vocabulary,
)
from .en import EN
from .es import ES
from .fr import FR
from .furniture import ADVANCE_VERSION, ANNEX_HEADING, FURNITURE, LANGUAGE_LABELS, UNITED_NATIONS
from .ru import RU
from .zh import ZH

VOCABULARIES: dict[str, Vocabulary] = {v.code: v for v in (EN, FR, ES, RU, AR, ZH)}

__all__ = [
    "ADVANCE_VERSION", "ANNEX_HEADING", "AR", "ARABIC_LETTERS", "ARABIC_SECTION_LABELS", "CYRILLIC_LETTERS",
    "CYRILLIC_SECTION_LABELS", "EN", "ES", "FR", "FURNITURE", "HOMOGLYPHS", "LANGUAGE_LABELS", "LANGUAGE_NAMES",
    "LATIN_LETTERS", "ROMAN_NUMERALS", "RU", "UNITED_NATIONS", "VOCABULARIES", "ZH", "C", "T", "U", "Vocabulary",
]
