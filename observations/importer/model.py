"""What the importer extracts from one language version of concluding observations.

Plain dataclasses, no Django: the parser fills them from bytes, and
``observations.services.imports`` writes them to the database in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Paragraph kinds (mirrored by observations.choices.ParagraphKind).
INTRODUCTION = "introduction"
POSITIVE_ASPECT = "positive_aspect"
CONCERN = "concern"
RECOMMENDATION = "recommendation"
PROCEDURAL = "procedural"

# Heading kinds.
SECTION = "section"  # A. Introduction / B. Positive aspects / C. Principal subjects...
CLUSTER = "cluster"  # 1. General measures of implementation (arts. 73 and 84)
TOPIC = "topic"  # Data collection

# Deadline kinds.
FOLLOW_UP = "follow_up"
NEXT_PERIODIC_REPORT = "next_periodic_report"
OTHER_DEADLINE = "other"

# How precisely a deadline is stated.
DAY, MONTH, YEAR, PRIORITY = "day", "month", "year", "priority"

# Citation kinds.
SDG_TARGET = "sdg_target"
CONVENTION_ARTICLE = "convention_article"

# Reference kinds (how a paragraph points to an earlier document's paragraph).
REITERATES = "reiterates"  # "Reiterating its previous recommendations" / "Recalling" / "With reference to"
CITES = "cites"  # any other footnote citation of a paragraph of another document


class ImportRejected(Exception):
    """The input cannot be imported. ``message`` is for a person; nothing was written."""

    def __init__(self, message: str, *, line: int | None = None, code: str = "rejected"):
        self.message = message
        self.line = line
        self.code = code
        where = f" (line {line})" if line else ""
        super().__init__(f"{message}{where}")


@dataclass
class Finding:
    """Something the importer could not find or had to infer: shown in the import report."""

    level: str  # "info" | "warning"
    code: str  # stable machine key, e.g. "symbol_derived", "deadline_computed"
    message: str
    line: int | None = None


@dataclass
class ParsedFootnote:
    number: int
    text: str  # body without the leading "*"/"()" decoration


@dataclass
class ParsedSubparagraph:
    letter: str  # canonical Latin letter: "a", "b", ...
    label: str  # as printed in this language: "a", "أ", "б"
    text: str  # footnote markers removed
    footnotes: list[int] = field(default_factory=list)
    line: int | None = None
    # where each marker stood: (footnote number, character offset in ``text``)
    footnote_positions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ParsedParagraph:
    number: int
    text: str  # the paragraph's own text (chapeau), footnote markers removed
    kind: str = CONCERN
    subparagraphs: list[ParsedSubparagraph] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    heading: int | None = None  # index into ParsedDocument.headings of the innermost heading
    line: int | None = None
    # where each marker stood: (footnote number, character offset in ``text``)
    footnote_positions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ParsedHeading:
    kind: str  # SECTION | CLUSTER | TOPIC
    key: str  # canonical label: "A", "B" for sections, "1", "2" for clusters, "" for topics
    label: str  # as printed: "A", "ألف", "1"
    title: str
    parent: int | None = None  # index into ParsedDocument.headings
    articles: str = ""  # clusters: "73, 84", "8-35" ("" when none)
    first_paragraph: int | None = None
    last_paragraph: int | None = None
    line: int | None = None


@dataclass
class ParsedReference:
    paragraph: int
    subparagraph: str | None  # canonical letter, or None
    footnote: int | None
    kind: str  # REITERATES | CITES
    document: str  # symbol of the referenced document, "Ibid." resolved
    target_paragraph: int | None
    target_subparagraph: str | None = None


@dataclass
class DeadlineItem:
    paragraph: int
    subparagraph: str | None = None  # canonical letter where the Committee names one


@dataclass
class ParsedDeadline:
    kind: str  # FOLLOW_UP | NEXT_PERIODIC_REPORT | OTHER_DEADLINE
    due: dt.date | None
    stated_in: int  # paragraph number
    computed: bool = False  # True when ``due`` was counted from the adoption date
    period_months: int | None = None  # "within two years" -> 24
    items: list[DeadlineItem] = field(default_factory=list)  # follow-up paragraphs
    report_number: int | None = None  # next periodic report: 3 (the first of a combined report)
    description: str = ""  # the sentence it was read from
    report_number_last: int | None = None  # "combined fourth to sixth periodic reports": 6
    # how precisely the text states ``due``: DAY, MONTH ("in October 2028": the month's last day),
    # YEAR (a year only: ``due`` is None) or PRIORITY (CRC urgent measures: no date is set at all)
    precision: str = "day"


@dataclass
class ParsedCitation:
    paragraph: int
    subparagraph: str | None
    kind: str  # SDG_TARGET | CONVENTION_ARTICLE
    value: str  # "17.18", "30"


@dataclass
class ParsedDocument:
    language: str  # "en", "fr", "es", "ru", "ar", "zh"
    title: str = ""
    committee: str | None = None  # "CMW"
    symbol: str | None = None  # "CMW/C/KGZ/CO/2"; derived when not printed
    state_alpha3: str | None = None  # "KGZ"
    state_name: str = ""  # as printed in the title, in the document's language
    periodic_report: int | None = None  # first report number covered (5 for "fifth and sixth")
    periodic_report_last: int | None = None  # last one (6), equal to the first when single
    state_report_symbol: str | None = None
    list_of_issues_symbol: str | None = None
    previous_observations: str | None = None
    session_number: int | None = None
    session_from: dt.date | None = None
    session_to: dt.date | None = None
    considered_meetings: list[int] = field(default_factory=list)
    considered_dates: list[dt.date] = field(default_factory=list)
    adopted_meeting: int | None = None
    adoption_date: dt.date | None = None
    headings: list[ParsedHeading] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    references: list[ParsedReference] = field(default_factory=list)
    deadlines: list[ParsedDeadline] = field(default_factory=list)
    citations: list[ParsedCitation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
