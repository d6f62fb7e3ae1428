"""compare_structure names precisely what keeps two language versions from aligning."""

from __future__ import annotations

from observations.importer import compare_structure, parse
from tests.importer.conftest import SEEDS


def seed(language: str) -> str:
    return (SEEDS / f"CMW_C_KGZ_CO_2.{language}.txt").read_text(encoding="utf-8")


def test_mismatched_pair_gives_precise_messages(seed_en):
    arabic = seed("ar")
    # one more sub-paragraph in 20, and paragraph 58 (with its footnote) left out
    arabic = arabic.replace("\t(ب)\tضمان حماية حقوق العمال", "\t(ب)\tضمان.\n\t(ج)\tضمان حماية حقوق العمال", 1)
    arabic = arabic[: arabic.index("\t\tالتقرير الدوري المقبل")]
    arabic = arabic.rstrip() + "\n"
    # Without paragraph 58 there is still the follow-up deadline in 57, so the Arabic imports.
    messages = compare_structure(seed_en, parse(arabic.encode("utf-8")))
    assert "paragraph 20: English has sub-paragraphs (a)–(b), Arabic has (أ)–(ج)" in messages
    assert "paragraph 58 is missing from the Arabic version" in messages
    assert "footnote 24 is missing from the Arabic version" in messages
    assert any(m.startswith("heading 3: English has section C (paragraphs 9–58)") for m in messages)


def test_heading_shape_difference_is_reported(seed_en):
    english = seed("en").replace("\t\tCorruption\n", "").replace("\t\t\tCorruption\n", "")
    messages = compare_structure(seed_en, parse(english.encode("utf-8")))
    assert messages and messages[0].startswith("heading ")
    assert "(paragraphs 23–24)" in messages[0] and "(paragraphs 23–26)" in messages[0]


def test_same_language_versions_are_named_first_and_second(seed_en):
    english = seed("en").replace(
        "\t(b)\tEnsure that the rights of migrant workers", "\t(b)\tEnsure.\n\t(c)\tEnsure that"
    )
    messages = compare_structure(seed_en, parse(english.encode("utf-8")))
    assert messages == [
        "paragraph 20: the first English version has sub-paragraphs (a)–(b), the second English version has (a)–(c)"
    ]
