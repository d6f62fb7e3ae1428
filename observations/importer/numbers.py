"""Numbers, ordinal words and dates in the six languages, driven by ``vocab``."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .vocab import C, T, U, Vocabulary

_CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL = r"[\d〇零一二两三四五六七八九十百千]+"


def chinese_to_int(text: str) -> int | None:
    """``"三十七"`` -> 37, ``"十二"`` -> 12, ``"37"`` -> 37; None when not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            total += (1 if digit is None else digit) * _CHINESE_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def word_to_int(word: str, vocab: Vocabulary) -> int | None:
    """A number written with digits or as a cardinal word of ``vocab`` ("two", "deux", "两")."""
    word = re.sub(r"\s+", " ", word.strip().lower())
    if word.isdigit():
        return int(word)
    if vocab.code == "zh":
        return chinese_to_int(word)
    for pattern, value in vocab.number_words.items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return value
    return None


# --- ordinals -----------------------------------------------------------------------------------


@cache
def _ordinal_token_re(code: str, vocab: Vocabulary) -> re.Pattern[str]:
    words = sorted(vocab.ordinals, key=len, reverse=True)
    alternatives = [f"(?P<w{i}>{w})" for i, w in enumerate(words)]
    alternatives.append(f"(?P<digits>{vocab.ordinal_digits})")
    if code == "zh":
        # a whole numeral, not an article or paragraph: not 第二十九条第四款
        alternatives.append(f"第\\s*(?P<zh>{CHINESE_NUMERAL})(?![\\d〇零一二两三四五六七八九十百千条款段项])")
    body = "(?:" + "|".join(alternatives) + ")"
    if code != "zh":  # Chinese has no spaces between words
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, re.IGNORECASE)


def ordinal_phrase_pattern(vocab: Vocabulary) -> str:
    """A regex fragment matching one or several ordinals joined ("fifth and sixth")."""
    token = _ordinal_token_re(vocab.code, vocab).pattern
    token = re.sub(r"\(\?P<\w+>", "(?:", token)
    return f"(?:{token})(?:{vocab.ordinal_joiner}(?:{token}))*"


def _tokens(phrase: str, vocab: Vocabulary) -> list[tuple[int, str]]:
    words = sorted(vocab.ordinals, key=len, reverse=True)
    result = []
    for match in _ordinal_token_re(vocab.code, vocab).finditer(phrase):
        if match.group("digits"):
            digits = re.search(r"\d+", match.group("digits")).group()
            result.append((int(digits), U))
        elif vocab.code == "zh" and match.group("zh"):
            value = chinese_to_int(match.group("zh"))
            if value is not None:
                result.append((value, U))
        else:
            index = next(i for i in range(len(words)) if match.group(f"w{i}"))
            result.append(vocab.ordinals[words[index]])
    return result


def parse_ordinals(phrase: str, vocab: Vocabulary) -> list[int]:
    """The numbers of an ordinal phrase, in order.

    "thirty-seventh" -> [37]; "fifth and sixth" -> [5, 6]; "trigésimo séptimo" -> [37];
    "السابعة والثلاثين" -> [37]; "الثانية والأربعين بعد المائة" -> [142]; "第五和第六" -> [5, 6]. A cardinal ("thirty") always joins the
    next word; a tens ordinal joins a following unit; in Arabic a unit joins a following tens.
    """
    numbers: list[int] = []
    current: tuple[int, str] | None = None
    for value, kind in _tokens(phrase, vocab):
        if current is not None:
            cur_value, cur_kind = current
            joins = (
                cur_kind == C
                or (cur_kind == T and kind == U and value < 10 and cur_value % 100 != 0)
                or (cur_kind == T and cur_value == 100 and kind in (U, T))
                or (vocab.unit_before_tens and cur_kind == U and cur_value < 20 and kind == T)
                or (vocab.unit_before_tens and kind == T and value == 100 and cur_value < 100)
            )
            if joins:
                current = (cur_value + value, kind if cur_kind == C else T)
                continue
            numbers.append(cur_value)
        current = (value, kind)
    if current is not None:
        numbers.append(current[0])
    return numbers


def find_ordinals(text: str, vocab: Vocabulary, context: str) -> list[int]:
    """Ordinal numbers in the first match of ``context`` ("{ord} session") in ``text``."""
    pattern = context.replace("{ord}", f"(?P<ord>{ordinal_phrase_pattern(vocab)})")
    match = re.search(pattern, text, re.IGNORECASE)
    return parse_ordinals(match.group("ord"), vocab) if match else []


# --- dates --------------------------------------------------------------------------------------


@cache
def _date_res(vocab: Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(list pattern, unit pattern) for dates and lists or ranges of dates."""
    if vocab.date_order == "ymd":
        unit = r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    else:
        months = "|".join(f"(?:{m})" for m in sorted(vocab.months, key=len, reverse=True))
        de = r"(?:de\s+)?" if vocab.code == "es" else ""
        unit = (
            rf"(?<![\d.])(?P<d>\d{{1,2}})(?:er|º|°)?(?!\d|[.,]\d)"
            rf"(?:\s+{de}(?P<m>{months}))?(?:\s+{de}(?P<y>\d{{4}}))?(?!\d)"
        )
    plain = re.sub(r"\(\?P<\w+>", "(?:", unit)
    group = f"{plain}(?:{vocab.date_joiner}{plain})*"
    return re.compile(group, re.IGNORECASE), re.compile(unit, re.IGNORECASE)


def _month_number(name: str, vocab: Vocabulary) -> int:
    if name.isdigit():
        return int(name)
    for pattern, number in vocab.months.items():
        if re.fullmatch(pattern, name, re.IGNORECASE):
            return number
    raise ValueError(name)


def find_date_groups(text: str, vocab: Vocabulary) -> list[tuple[int, int, list[dt.date]]]:
    """Dates in ``text`` as groups: ``(start, end, [dates])``.

    A group is one date ("2 January 2026") or a list or range sharing month and year
    ("29 and 30 November 2023", "27 November–8 December 2023", "2023年11月29日和30日").
    Items without a month or year take them from their neighbours.
    """
    group_re, unit_re = _date_res(vocab)
    groups = []
    for match in group_re.finditer(text):
        units = [[u.group("y"), u.group("m"), u.group("d")] for u in unit_re.finditer(match.group())]
        # fill missing year/month: from the right first (27 November–8 December 2023), then left
        for index in (1, 0):
            for order in (range(len(units) - 2, -1, -1), range(1, len(units))):
                step = 1 if order.step < 0 else -1
                for i in order:
                    if units[i][index] is None:
                        units[i][index] = units[i + step][index]
        dates = []
        for year, month, day in units:
            if year is None or month is None:
                continue
            try:
                dates.append(dt.date(int(year), _month_number(month, vocab), int(day)))
            except ValueError:
                continue
        if dates:
            groups.append((match.start(), match.end(), dates))
    return groups


@cache
def _month_year_re(vocab: Vocabulary) -> re.Pattern[str]:
    if vocab.date_order == "ymd":
        return re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
    months = "|".join(f"(?:{m})" for m in sorted(vocab.months, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<m>{months})\s+(?:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)


def find_month_years(text: str, vocab: Vocabulary) -> list[tuple[int, int, dt.date]]:
    """Months named without a day ("in October 2028", "2028年10月"): ``(start, end, last day)``."""
    days = find_date_groups(text, vocab)
    found = []
    for match in _month_year_re(vocab).finditer(text):
        if any(start <= match.start() < end for start, end, _ in days):
            continue
        first = dt.date(int(match.group("y")), _month_number(match.group("m"), vocab), 1)
        found.append((match.start(), match.end(), add_months(first, 1) - dt.timedelta(days=1)))
    return found


def bare_years(text: str, vocab: Vocabulary) -> list[int]:
    """Years written alone ("in 2030"), outside dates and months."""
    return [year for _start, _end, year in bare_year_spans(text, vocab)]


def bare_year_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int, int]]:
    """(start, end, year) of each year written alone, outside dates and months."""
    spans = [(s, e) for s, e, _ in find_date_groups(text, vocab)] + [
        (s, e) for s, e, _ in find_month_years(text, vocab)
    ]
    return [
        (m.start(), m.end(), int(m.group()))
        for m in re.finditer(r"(?<![\d./-])(?:19|20)\d{2}(?![\d/])", text)
        if not any(s <= m.start() < e for s, e in spans)
    ]


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus ``months`` calendar months, clamped to the end of the month."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for day in range(date.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(date.day, 28))
