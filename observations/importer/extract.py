"""Facts read from the paragraphs: deadlines, references to earlier documents, citations, kinds."""

from __future__ import annotations

import datetime as dt
import re

from .layout import canonical_letter
from .meta import fold
from .model import (
    CITES,
    CONVENTION_ARTICLE,
    DAY,
    FOLLOW_UP,
    MONTH,
    NEXT_PERIODIC_REPORT,
    OTHER_DEADLINE,
    PRIORITY,
    REITERATES,
    SDG_TARGET,
    YEAR,
    DeadlineItem,
    ParsedCitation,
    ParsedDeadline,
    ParsedParagraph,
    ParsedReference,
)
from .numbers import (
    CHINESE_NUMERAL,
    bare_year_spans,
    chinese_to_int,
    find_date_groups,
    find_month_years,
    ordinal_phrase_pattern,
    parse_ordinals,
    word_to_int,
)
from .vocab import LATIN_LETTERS, Vocabulary

_SENTENCE_END = re.compile(r"[.!?؟]\s+|[。！？]")
# between the items of "paragraphs 12 (a), (c), 18 and 30": separators in the six languages
_ITEM_JOIN = re.compile(r"(?:\s+|,|、|،|;|\band\b|\bet\b|\by\b|\bи\b|و|以及|和|及|第|段|项|分段)*")
_ITEM = re.compile(r"(?P<n>\d{1,3})(?!\d|[.,]\d)|\(?(?P<l>[a-z]|[\u0621-\u064a]\u0640?|[а-я])\)", re.IGNORECASE)
# a symbol may follow a Chinese character with no space ("另见CEDAW/C/…"), where \b sees no boundary
_ANY_SYMBOL = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+")


def sentences(text: str) -> list[str]:
    """Split at a full stop followed by a capital (or a letter of a script without case)."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() : match.end() + 1]
        if match.group().startswith("。") or following.isupper() or (following.isalpha() and not following.islower()):
            parts.append(text[start : match.end()])
            start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def full_text(paragraph: ParsedParagraph) -> str:
    return "\n".join([paragraph.text] + [s.text for s in paragraph.subparagraphs])


# --- kinds --------------------------------------------------------------------------------------


def is_recommendation(paragraph: ParsedParagraph, vocab: Vocabulary) -> bool:
    return any(
        re.search(vocab.recommendation_verbs, text, re.IGNORECASE)
        for text in [paragraph.text] + [s.text for s in paragraph.subparagraphs]
    )


# --- deadlines ----------------------------------------------------------------------------------


def _period_months(sentence: str, vocab: Vocabulary) -> int | None:
    match = re.search(vocab.period, sentence, re.IGNORECASE)
    if not match:
        return None
    count = word_to_int(match.group("n"), vocab) if match.group("n") else 1
    if count is None:
        return None
    unit = match.group("u")
    for pattern, months in vocab.period_units.items():
        if re.fullmatch(pattern, unit, re.IGNORECASE):
            return count * months
    return None


def _strip_parentheticals(text: str, vocab: Vocabulary) -> str:
    """Remove "(legislation and application)" but keep sub-paragraph letters "(a)"."""

    def keep_letters(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        return match.group() if canonical_letter(inner, vocab) and len(inner) <= 2 else " "

    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\(([^()]*)\)", keep_letters, text)
    return text


def _blank(pattern: str, text: str) -> str:
    return re.sub(pattern, lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)


def follow_up_items(
    sentence: str, vocab: Vocabulary, word_pattern: str | None = None, *, every_list: bool = False
) -> list[DeadlineItem]:
    """Paragraphs (and sub-paragraphs) listed after "paragraphs" or "paras.": the longest such list.

    With ``every_list``, the items of every list, in order ("… (para. 17), … (para. 23)").
    "Rule 75, paragraph 1, of the rules of procedure" is not a list of paragraphs.
    """
    word_pattern = word_pattern or f"(?:{vocab.paragraphs_word})|(?:{vocab.para_word})"
    sentence = _blank(vocab.rules_of_procedure, sentence)
    best: list[DeadlineItem] = []
    for word in re.finditer(word_pattern, sentence, re.IGNORECASE):
        items = _items_after(_strip_parentheticals(sentence[word.end() :], vocab), vocab)
        if every_list:
            best.extend(
                i for i in items if (i.paragraph, i.subparagraph) not in {(b.paragraph, b.subparagraph) for b in best}
            )
        elif len(items) > len(best):
            best = items
    return best


def _items_after(span: str, vocab: Vocabulary) -> list[DeadlineItem]:
    items: list[DeadlineItem] = []
    position = 0
    while True:
        join = _ITEM_JOIN.match(span, position)
        match = _ITEM.match(span, join.end())
        if not match:
            break
        if match.group("n"):
            items.append(DeadlineItem(int(match.group("n"))))
        elif items:
            letter = match.group("l")
            letter = letter if letter in LATIN_LETTERS else canonical_letter(letter, vocab)
            last = items[-1]
            if last.subparagraph is None:
                last.subparagraph = letter
            else:
                items.append(DeadlineItem(last.paragraph, letter))
        else:
            break
        position = match.end()
    return items


def _report_numbers(sentence: str, vocab: Vocabulary, last_report: int | None) -> list[int]:
    """The report numbers nearest to "periodic report" ("its combined fifth and sixth periodic reports")."""
    anchors = [m.start() for m in re.finditer(vocab.periodic_report, sentence, re.IGNORECASE)]
    best, distance = [], None
    for match in re.finditer(ordinal_phrase_pattern(vocab), sentence, re.IGNORECASE):
        numbers = parse_ordinals(match.group(), vocab)
        if not numbers:
            continue
        gap = min((abs(a - match.start()) for a in anchors), default=0)
        if distance is None or gap < distance:
            best, distance = numbers, gap
    if not best and re.search(vocab.next_word, sentence, re.IGNORECASE) and last_report:
        return [last_report + 1]
    return best


def _by_date(sentence: str, groups, vocab: Vocabulary) -> dt.date | None:
    for start, end, dates in groups:
        before = sentence[max(0, start - 40) : start]
        after = sentence[end : end + 20]
        if re.search(vocab.by_before, before, re.IGNORECASE) or (
            vocab.by_after and re.search(vocab.by_after, after, re.IGNORECASE)
        ):
            return dates[0]
    return None


def _stated_date(sentence: str, vocab: Vocabulary) -> tuple[dt.date | None, str, bool]:
    """(date, precision, introduced by "by"/"no later than"/… or not) of the sentence's deadline."""
    days = find_date_groups(sentence, vocab)
    months = [(start, end, [last]) for start, end, last in find_month_years(sentence, vocab)]
    for groups, precision in ((days, DAY), (months, MONTH)):
        by = _by_date(sentence, groups, vocab)
        if by:
            return by, precision, True
    if days:
        return days[0][2][0], DAY, False
    if months:
        return months[0][2][0], MONTH, False
    years = bare_year_spans(sentence, vocab)
    # "… will constitute its fifth periodic report, due in 2029": a year, introduced as a due date
    by_year = any(
        re.search(vocab.by_before, sentence[max(0, start - 40) : start], re.IGNORECASE) for start, _e, _y in years
    )
    return None, (YEAR if years else DAY), by_year


def find_deadlines(
    paragraph: ParsedParagraph, vocab: Vocabulary, adoption: dt.date | None, last_report: int | None
) -> list[ParsedDeadline]:
    """The deadlines a paragraph sets, sentence by sentence."""
    found = []
    for sentence in sentences(full_text(paragraph)):
        months = _period_months(sentence, vocab)
        due, precision, by = _stated_date(sentence, vocab)
        if due is None and months is None and not (by and precision == YEAR):
            continue
        items = follow_up_items(sentence, vocab)
        description = sentence.strip()
        if items and re.search(vocab.recommendation_word, sentence, re.IGNORECASE):
            found.append(
                ParsedDeadline(
                    FOLLOW_UP,
                    due,
                    paragraph.number,
                    period_months=months,
                    items=items,
                    description=description,
                    precision=DAY if due is None and months is not None else precision,
                )
            )
        elif re.search(vocab.periodic_report, sentence, re.IGNORECASE) and (
            months is not None
            or by
            or precision == MONTH
            or (precision == YEAR and adoption is not None and due is not None and due > adoption)
        ):
            numbers = _report_numbers(sentence, vocab, last_report)
            found.append(
                ParsedDeadline(
                    NEXT_PERIODIC_REPORT,
                    due,
                    paragraph.number,
                    period_months=months,
                    report_number=numbers[0] if numbers else None,
                    report_number_last=numbers[-1] if numbers else None,
                    description=description,
                    precision=precision,
                )
            )
        elif by and due is not None and (adoption is None or due > adoption):
            found.append(
                ParsedDeadline(OTHER_DEADLINE, due, paragraph.number, description=description, precision=precision)
            )
    return found


def find_priorities(paragraph: ParsedParagraph, vocab: Vocabulary) -> list[ParsedDeadline]:
    """CRC: "the following areas, in respect of which urgent measures must be taken: … (para. 17), …".

    The Committee sets no date for them; they are kept as a follow-up list with precision PRIORITY.
    """
    found = []
    for sentence in sentences(full_text(paragraph)):
        if not re.search(vocab.urgent_measures, sentence, re.IGNORECASE):
            continue
        items = follow_up_items(sentence, vocab, every_list=True)
        if items:
            found.append(
                ParsedDeadline(
                    FOLLOW_UP, None, paragraph.number, items=items, description=sentence.strip(), precision=PRIORITY
                )
            )
    return found


# --- references ---------------------------------------------------------------------------------


def cited_paragraphs(body: str, vocab: Vocabulary) -> list[tuple[int, str | None]]:
    """ "CMW/C/KGZ/CO/1, paras. 9 and 11 (a)" -> [(9, None), (11, "a")]."""
    items = follow_up_items(body, vocab, vocab.para_word)
    return [(item.paragraph, item.subparagraph) for item in items]


def reiterates(text_before: str, vocab: Vocabulary) -> bool:
    """Does the sentence leading to a footnote marker reiterate or recall earlier recommendations?"""
    window = text_before[-200:]
    parts = re.split(r"[.。!?؟]\s", window)
    return bool(re.search(vocab.reiteration_words, fold(parts[-1]), re.IGNORECASE))


def find_references(
    paragraphs: list[ParsedParagraph], markers, bodies: dict[int, tuple[str, int]], vocab: Vocabulary
) -> list[ParsedReference]:
    """References from footnotes citing a paragraph of another document ("Ibid." resolved)."""
    where = {}
    for paragraph in paragraphs:
        for letter, text in [(None, paragraph.text)] + [(s.letter, s.text) for s in paragraph.subparagraphs]:
            for number, offset in markers.get((paragraph.number, letter), []):
                where[number] = (paragraph.number, letter, text[:offset])
    references, last_symbol = [], None
    for number in sorted(bodies):
        body = bodies[number][0]
        symbols = _ANY_SYMBOL.findall(body)
        if symbols:
            document = symbols[0].rstrip(".")
        elif re.match(vocab.ibid, body.strip(), re.IGNORECASE):
            document = last_symbol
        else:
            document = None
        if symbols:
            last_symbol = symbols[-1].rstrip(".")
        if document is None or number not in where:
            continue
        paragraph, letter, before = where[number]
        kind = REITERATES if reiterates(before, vocab) else CITES
        for target, target_letter in cited_paragraphs(body, vocab):
            references.append(ParsedReference(paragraph, letter, number, kind, document, target, target_letter))
    return references


# --- citations ----------------------------------------------------------------------------------


def _nums_pattern(vocab: Vocabulary, number: str) -> str:
    return rf"(?P<nums>{number}(?:(?:{vocab.list_joiner}|{vocab.range_joiner}){number})*)"


def _values(nums: str, vocab: Vocabulary, number: str, normalise=lambda v: v) -> list[str]:
    values = []
    for piece in re.split(vocab.list_joiner, nums):
        bounds = [normalise(n) for n in re.findall(number, piece)]
        if len(bounds) == 2 and re.search(vocab.range_joiner, piece):
            values.append(f"{bounds[0]}-{bounds[1]}")
        else:
            values.extend(bounds)
    return values


def find_citations(paragraph: ParsedParagraph, vocab: Vocabulary) -> list[ParsedCitation]:
    """SDG targets and articles of the Convention cited in the chapeau and each sub-paragraph."""
    sdg_number = r"\d{1,2}[.\-](?:\d{1,2}|[a-c])(?![\d.])"
    # "article 29 (4)", "article 9 (par. 1)": the paragraph of the article is not kept
    article_number = CHINESE_NUMERAL if vocab.code == "zh" else r"\d{1,3}(?:\s*\((?:[^\W\d]{1,5}\.\s*)?\d{1,2}\))?"
    citations = []
    for letter, text in [(None, paragraph.text)] + [(s.letter, s.text) for s in paragraph.subparagraphs]:
        for kind, patterns, number, normalise in (
            (SDG_TARGET, vocab.sdg_patterns, sdg_number, lambda v: v.replace("-", ".")),
            (
                CONVENTION_ARTICLE,
                vocab.article_patterns,
                article_number,
                lambda v: str(chinese_to_int(v)) if vocab.code == "zh" else re.match(r"\d+", v).group(),
            ),
        ):
            seen: list[str] = []
            for pattern in patterns:
                regex = pattern.replace("{nums}", _nums_pattern(vocab, number))
                for match in re.finditer(regex, text, re.IGNORECASE):
                    for value in _values(match.group("nums"), vocab, number, normalise):
                        if value not in seen:
                            seen.append(value)
            citations.extend(ParsedCitation(paragraph.number, letter, kind, value) for value in seen)
    return citations
