"""What every language's vocabulary has: the table's fields and the shared letter sets."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
}

LATIN_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
# Arabic letters in abjad order, as used for sub-paragraphs: (أ) (ب) (ج) (د) (هـ) ...
ARABIC_LETTERS = tuple("أ ب ج د ه و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ".split())
# Russian sub-paragraph letters (no ё й ъ ы ь).
CYRILLIC_LETTERS = tuple("а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я".split())
# Section labels.
ARABIC_SECTION_LABELS = tuple(
    "ألف باء جيم دال هاء واو زاي حاء طاء ياء كاف لام ميم نون سين عين فاء صاد قاف راء شين تاء ثاء خاء ذال ضاد ظاء غين".split()
)
CYRILLIC_SECTION_LABELS = tuple(letter.upper() for letter in CYRILLIC_LETTERS)
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Cyrillic letters that look like Latin ones, for documents that mix alphabets.
HOMOGLYPHS = {"а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y"}

# Ordinal-word token kinds (see numbers.parse_ordinals):
U = "unit"  # complete ordinal below 20 ("seventh", "dix-septième" is cardinal + unit)
T = "tens"  # complete ordinal multiple of ten ("thirtieth", "trigésimo", "الثلاثين")
C = "card"  # cardinal that needs a following ordinal ("thirty", "trente", "тридцать")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything language-specific the parser needs, for one language."""

    code: str
    # --- layout ---
    paragraph_punct: str  # after a paragraph number: "." or "-"
    sub_letters: tuple[str, ...]  # letter sequence used for sub-paragraphs
    section_labels: tuple[str, ...]  # "A", "B"... / "ألف", "باء"... / "А", "Б"...
    title_words: str  # pattern found in the title line
    # --- numbers, ordinals and dates ---
    ordinals: dict[str, tuple[int, str]]  # word pattern -> (value, kind)
    ordinal_digits: str  # pattern of a written-with-digits ordinal, group 1 = the number
    ordinal_joiner: str  # what may separate the words of one or several ordinals
    initial_words: str  # "initial report"
    unit_before_tens: bool  # Arabic "السابعة والثلاثين" = 7 + 30
    number_words: dict[str, int]  # cardinal words for periods: "two" -> 2
    months: dict[str, int]  # month-name pattern -> month number
    date_order: str  # "dmy" or "ymd"
    date_joiner: str  # between the items of a date list or range
    # --- the committee and its verbs ---
    committee_word: str
    recommendation_verbs: str  # the Committee recommends / urges / ...
    reiteration_words: str  # "Reiterating its previous recommendations"
    considered_words: str
    adopted_words: str
    meetings: str  # a list of meeting numbers, with the word meeting
    session: str  # "{ord} session"; {ord} is replaced by the ordinal-phrase pattern
    # --- deadlines ---
    period: str  # groups n (number word or digits, optional) and u (unit word)
    period_units: dict[str, int]  # unit word pattern -> months
    paragraphs_word: str  # "paragraphs" before a list of paragraph numbers
    periodic_report: str  # "periodic report"
    next_word: str  # "next" periodic report
    by_before: str  # "by" before a date
    by_after: str = ""  # "之前" after a date
    recommendation_word: str = ""  # a follow-up request names "recommendations"
    rules_of_procedure: str = r"(?!)"  # "rule 75, paragraph 1, of the rules of procedure": not a follow-up item
    urgent_measures: str = r"(?!)"  # CRC: "areas ... in respect of which urgent measures must be taken"
    # --- references and citations ---
    ibid: str = r"Ibid\.?"
    para_word: str = r"paras?\."
    # SDG targets and articles of the Convention: patterns with a {nums} placeholder
    sdg_patterns: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    list_joiner: str = r"\s*(?:,|and)\s*"
    range_joiner: str = r"\s*(?:–|-|—|to)\s*"
    # --- headings ---
    intro_titles: str = ""
    positive_titles: str = ""
    positive_words: str = ""  # for documents without sections: "welcomes"
    # --- title ---
    state_in_title: str = ""  # pattern with group "name"
    combined_words: str = ""
    stopwords: tuple[str, ...] = field(default_factory=tuple)
