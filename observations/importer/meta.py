"""The document's identity: committee, title, State, report numbers, symbols, session, meetings."""

from __future__ import annotations

import re
import unicodedata

from .committees import BY_SYMBOL_PREFIX, TREATY_BODIES
from .layout import Layout
from .model import Finding, ParsedDocument
from .numbers import find_date_groups, find_ordinals, ordinal_phrase_pattern, parse_ordinals
from .vocab import Vocabulary

_PREFIXES = "|".join(re.escape(p) for p in sorted(BY_SYMBOL_PREFIX, key=len, reverse=True))
TREATY_SYMBOL = re.compile(
    rf"(?<![\w/])(?P<prefix>{_PREFIXES})/(?P<state>[A-Z]{{3}})/"
    r"(?P<rest>(?:[A-Z]+/)?\d+(?:-\d+)?(?:/Add\.\d+)?)(?![\w-])"
)


def fold(text: str) -> str:
    """Compare-friendly text: case, accents on Arabic, quotes, dashes and spacing unified."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = re.sub("[\u064b-\u0652\u0640]", "", text)  # Arabic vowel marks and tatweel
    text = re.sub("[أإآ]", "ا", text)
    text = re.sub("[’‘`´]", "'", text)
    text = re.sub(r"[‐‑‒–—-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def symbols_in(text: str) -> list[re.Match[str]]:
    return list(TREATY_SYMBOL.finditer(text))


# --- committee and title ------------------------------------------------------------------------


def committee_from_name(text: str) -> str | None:
    """The committee whose name (in any language) appears in ``text``; the longest name wins."""
    folded = fold(text)
    best, best_length = None, 0
    for committee in TREATY_BODIES:
        for name in committee.names.values():
            name = fold(name)
            if name in folded and len(name) > best_length:
                best, best_length = committee.code, len(name)
    return best


def title_and_header(layout: Layout, vocab: Vocabulary) -> tuple[str, int | None, str, list[int]]:
    """(title, its line, the header text before it, footnote numbers marked in the title)."""
    lines = layout.preamble
    for index, (line_no, marked) in enumerate(lines):
        if re.search(vocab.title_words, marked.text, re.IGNORECASE):
            header = " ".join(m.text for _, m in lines[:index])
            title = re.sub(r"\s+", " ", marked.text).strip().rstrip("*").strip()
            return title, line_no, header, [n for n, _ in marked.markers]
    header = " ".join(m.text for _, m in lines)
    title_lines = [(no, m) for no, m in lines if m.text.strip()]
    if title_lines:
        line_no, marked = title_lines[-1]
        return marked.text.strip().rstrip("*").strip(), line_no, header, [n for n, _ in marked.markers]
    return "", None, header, []


def state_name(title: str, vocab: Vocabulary) -> str:
    match = re.search(vocab.state_in_title, title, re.IGNORECASE) if vocab.state_in_title else None
    if not match:
        return ""
    name = match.group("name").strip(" .*")
    if vocab.code == "ar":  # "لقيرغيزستان" = "to" + the name; "للمكسيك" = "to" + "المكسيك"
        name = "ال" + name[2:] if name.startswith("لل") else name[1:]
    return name


def report_numbers(title: str, vocab: Vocabulary) -> list[int]:
    if re.search(vocab.initial_words, title, re.IGNORECASE):
        return [1]
    numbers = []
    for match in re.finditer(ordinal_phrase_pattern(vocab), title, re.IGNORECASE):
        numbers.extend(parse_ordinals(match.group(), vocab))
    return numbers


# --- symbols ------------------------------------------------------------------------------------


def _report_part(rest: str) -> str | None:
    match = re.fullmatch(r"(\d+(?:-\d+)?)", rest)
    return match.group(1) if match else None


def _first_number(part: str) -> int:
    return int(part.split("-")[0])


def related_symbols(doc: ParsedDocument, header: str, footnote_texts: list[str]) -> dict[str, str]:
    """Printed symbol, State report, list of issues and previous observations, where cited."""
    found: dict[str, str] = {}
    for match in symbols_in(header):
        if match.group("rest").startswith("CO/") and "/Add." not in match.group("rest"):
            found.setdefault("printed", match.group())
    previous: list[tuple[int, str]] = []
    for text in footnote_texts + [header]:
        for match in symbols_in(text):
            base = f"{match.group('prefix')}/{match.group('state')}"
            rest = match.group("rest")
            part = _report_part(rest)
            if part is not None:
                if doc.periodic_report is None or _first_number(part) == doc.periodic_report:
                    found.setdefault("report", match.group())
                found.setdefault("any_report", match.group())
            elif re.fullmatch(r"(?:QPR|Q)/\d+(?:-\d+)?", rest):
                found.setdefault("issues", match.group())
            elif co := re.fullmatch(r"CO/(\d+(?:-\d+)?)(?:/Add\.\d+)?", rest):
                number = int(co.group(1).split("-")[-1])
                if doc.periodic_report is None or number < doc.periodic_report:
                    previous.append((number, f"{base}/CO/{co.group(1)}"))
    if previous:
        found["previous"] = max(previous)[1]
    found.setdefault("report", found.get("any_report", ""))
    return {key: value for key, value in found.items() if value and key != "any_report"}


def derive_symbol(doc: ParsedDocument, found: dict[str, str]) -> tuple[str | None, str]:
    """The observations' symbol from a related one, and how it was derived."""
    if found.get("report"):
        match = TREATY_SYMBOL.fullmatch(found["report"])
        part = match.group("rest")
        return (
            f"{match.group('prefix')}/{match.group('state')}/CO/{part}",
            f"from the State party's report {found['report']} cited in the document",
        )
    if found.get("issues"):
        match = TREATY_SYMBOL.fullmatch(found["issues"])
        part = match.group("rest").split("/", 1)[1]
        return (
            f"{match.group('prefix')}/{match.group('state')}/CO/{part}",
            f"from the list of issues {found['issues']} cited in the document",
        )
    if found.get("previous") and doc.periodic_report:
        base = found["previous"].rsplit("/CO/", 1)[0]
        part = str(doc.periodic_report)
        if doc.periodic_report_last and doc.periodic_report_last != doc.periodic_report:
            part = f"{doc.periodic_report}-{doc.periodic_report_last}"
        return f"{base}/CO/{part}", (
            f"from the previous observations {found['previous']} and the report number in the title"
        )
    return None, ""


# --- session and meetings -----------------------------------------------------------------------


def find_session(texts: list[str], vocab: Vocabulary):
    """(number, first day, last day) of the session, from the first text that names it."""
    pattern = vocab.session.replace("{ord}", f"(?P<ord>{ordinal_phrase_pattern(vocab)})")
    for text in texts:
        match = re.search(pattern, text, re.IGNORECASE)
        if not match:
            continue
        numbers = parse_ordinals(match.group("ord"), vocab)
        if not numbers:
            continue
        after = text[match.end() :]
        groups = [g for g in find_date_groups(after, vocab) if g[0] < 80]
        if not groups:  # Chinese puts the dates before: 第三十七届会议(2023年11月27日至12月8日)
            groups = find_date_groups(text, vocab)
        dates = groups[0][2] if groups else []
        return numbers[-1], (dates[0] if dates else None), (dates[-1] if dates else None)
    return None, None, None


def meetings_and_dates(text: str, vocab: Vocabulary):
    """((considered meetings, dates), (adopted meeting, date)) from the opening paragraph.

    In all six languages the paragraph names the meetings that considered the report first and
    the meeting that adopted the observations last, each with its date(s).
    """
    mentions = [
        [int(n) for n in re.findall(r"\d+", m.group())] for m in re.finditer(vocab.meetings, text, re.IGNORECASE)
    ]
    groups = [g[2] for g in find_date_groups(text, vocab)]
    adopts = bool(re.search(vocab.adopted_words, text, re.IGNORECASE))
    considers = bool(re.search(vocab.considered_words, text, re.IGNORECASE))
    considered_meetings, considered_dates, adopted_meeting, adoption_date = [], [], None, None
    if len(mentions) >= 2 or (mentions and considers):
        considered_meetings = mentions[0]
    if len(groups) >= 2 or (groups and considers):
        considered_dates = groups[0]
    if adopts and (len(mentions) >= 2 or (mentions and not considers)):
        adopted_meeting = mentions[-1][-1]
    if adopts and (len(groups) >= 2 or (groups and not considers)):
        adoption_date = groups[-1][-1]
    return (considered_meetings, considered_dates), (adopted_meeting, adoption_date)


def session_ordinal(text: str, vocab: Vocabulary) -> int | None:
    numbers = find_ordinals(text, vocab, vocab.session)
    return numbers[-1] if numbers else None


def missing(code: str, message: str, line: int | None = None) -> Finding:
    return Finding("warning", code, message, line)
