"""English: the patterns and words of concluding observations in English."""

from __future__ import annotations

from .base import LATIN_LETTERS, C, T, U, Vocabulary

EN = Vocabulary(
    code="en",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=tuple(letter.upper() for letter in LATIN_LETTERS),
    title_words=r"concluding\s+observations",
    ordinals={
        **{
            w: (i + 1, U)
            for i, w in enumerate(
                "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
            )
        },
        **{
            w: (20 + 10 * i, T)
            for i, w in enumerate(
                "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
            )
        },
        **{w: (20 + 10 * i, C) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())},
        "hundredth": (100, T),
        "(?:one\\s+)?hundred": (100, C),
    },
    ordinal_digits=r"(\d+)(?:st|nd|rd|th)",
    ordinal_joiner=r"(?:\s*-\s*|\s+and\s+|\s+to\s+|\s+)",
    initial_words=r"initial",
    unit_before_tens=False,
    number_words={
        "a": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "twelve": 12,
        "eighteen": 18,
        "twenty-four": 24,
        "thirty-six": 36,
    },
    months={
        m: i + 1
        for i, m in enumerate(
            "January February March April May June July August September October November December".split()
        )
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,)\s*|\s+(?:and|to)\s+)",
    committee_word=r"Committee",
    recommendation_verbs=(
        r"\b(?:Committee|it)\b(?:,[^,.;]{0,60},)?\s+(?:\w+\s+){0,2}?"
        r"(?:recommends|urges|calls\s+(?:up)?on|encourages|invites|requests|reiterates\s+its\s+recommendation)\b"
        r"|\bState\s+party\s+should\b"
    ),
    reiteration_words=r"(?:reiterat|recall|with\s+reference\s+to)\w*\s+(?:\S+\s+){0,3}?recommendation",
    considered_words=r"consider",
    adopted_words=r"adopt",
    meetings=r"(?:\d+(?:st|nd|rd|th)?(?:\s*,\s*|\s+and\s+)?)+\s+meetings?",
    session=r"{ord}\s+session",
    period=r"within\s+(?:a\s+period\s+of\s+)?(?P<n>[\w-]+)\s+(?P<u>years?|months?)\b",
    period_units={"years?": 12, "months?": 1},
    paragraphs_word=r"\bparagraphs?\b",
    periodic_report=r"periodic\s+reports?",
    next_word=r"next",
    by_before=r"\b(?:by|due(?:\s+(?:on|in|by))?|(?:no|not)\s+later\s+than|before)\s+$",
    by_after=r"^,?\s*at\s+the\s+latest",
    recommendation_word=r"recommendation",
    rules_of_procedure=r"\brules?\s+\d+\s*,?\s*paragraphs?\s+\d+",
    urgent_measures=r"following\s+areas[^:]*urgent\s+measures",
    ibid=r"\bIbid\b\.?",
    para_word=r"\bparas?\.|\bparagraphs?\b",
    sdg_patterns=(r"\btargets?\s+{nums}",),
    article_patterns=(
        r"\b(?:articles?|arts?\.)\s+{nums}\s+(?:of\s+the\s+(?:Convention|Covenant)\b"
        r"(?!\s+(?:on|against|for|relating|concerning|to)\b)|thereof)",
        r"\b(?:Convention|Covenant)\s*\((?:arts?\.|articles?)\s+{nums}\)",
    ),
    intro_titles=r"introduction",
    positive_titles=r"positive\s+aspects|progress\s+achieved",
    positive_words=r"welcomes|notes\s+with\s+appreciation|commends",
    state_in_title=r"reports?\s+of\s+(?:the\s+)?(?P<name>.+?)\s*$",
    combined_words=r"combined",
    stopwords=("the", "of", "and", "to", "in", "that", "committee", "state", "party", "its"),
)
