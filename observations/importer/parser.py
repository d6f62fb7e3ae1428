"""The pipeline: bytes -> text -> layout -> checked structure -> ParsedDocument."""

from __future__ import annotations

import re

from . import extract, meta
from .decode import decode, is_docx
from .furniture import strip_furniture
from .language import resolve
from .layout import Layout, read_layout
from .model import (
    CLUSTER,
    CONCERN,
    FOLLOW_UP,
    INTRODUCTION,
    MONTH,
    NEXT_PERIODIC_REPORT,
    POSITIVE_ASPECT,
    PRIORITY,
    PROCEDURAL,
    RECOMMENDATION,
    SECTION,
    YEAR,
    Finding,
    ImportRejected,
    ParsedDocument,
    ParsedFootnote,
)
from .numbers import add_months, chinese_to_int
from .vocab import VOCABULARIES, Vocabulary

_FINAL_PUNCTUATION = re.compile(r"[.!?。！？؟][\"'”»)\]]*\s*$")


def parse(data: bytes, *, filename: str = "", language: str | None = None, symbol: str | None = None) -> ParsedDocument:
    """Parse one language version of concluding observations (see the package docstring)."""
    if filename.lower().endswith(".docx") and data and not is_docx(data):
        raise reject("The file is named .docx but is not a Word document: open it in Word and save it again.", "docx")
    text, findings = decode(data)
    code, language_findings = resolve(text, language)
    vocab = VOCABULARIES[code]
    furniture = strip_furniture(text, vocab)
    layout = read_layout(furniture.text, vocab)
    check_kind_of_document(layout, vocab, furniture.symbols)
    check_structure(layout, vocab, furniture.text)
    doc = ParsedDocument(language=code, findings=findings + language_findings + furniture.findings)
    doc.paragraphs, doc.headings = layout.paragraphs, layout.headings
    doc.footnotes = [ParsedFootnote(n, body) for n, (body, _line) in sorted(layout.bodies.items())]
    if layout.annex_line:
        doc.findings.append(
            Finding(
                "info",
                "annex_ignored",
                f"The annex after paragraph {doc.paragraphs[-1].number} is not part of the observations "
                "and was not imported.",
                layout.annex_line,
            )
        )
    _identity(doc, layout, vocab, symbol, furniture.symbols)
    _meetings(doc, layout, vocab)
    _headings(doc)
    _deadlines(doc, vocab)
    _kinds(doc, vocab)
    doc.references = extract.find_references(doc.paragraphs, layout.markers, layout.bodies, vocab)
    doc.citations = [c for p in doc.paragraphs for c in extract.find_citations(p, vocab)]
    _attach_footnotes(doc, layout)
    return doc


# --- structure checks ---------------------------------------------------------------------------


def reject(message: str, code: str, line: int | None = None) -> ImportRejected:
    return ImportRejected(message, line=line, code=code)


_OTHER_DOCUMENTS = (
    (r"(?:QPR|Q)/\d", "a list of issues"),
    (r"\d+(?:-\d+)?$", "a State party's report"),
)


def check_kind_of_document(layout: Layout, vocab: Vocabulary, printed: list[str]) -> None:
    """Refuse documents of the treaty bodies that are not concluding observations."""
    preamble = " ".join(m.text for _, m in layout.preamble)
    symbols = [m for s in printed for m in meta.symbols_in(s)]
    if meta.committee_from_name(preamble) == "SPT" or any(m.group("prefix") == "CAT/OP" for m in symbols):
        raise reject(
            "This is a document of the Subcommittee on Prevention of Torture (a visit report or its "
            "recommendations), not concluding observations of a Committee, so it cannot be imported.",
            "not_observations",
        )
    if re.search(vocab.title_words, preamble, re.IGNORECASE) or any(m.group("rest").startswith("CO/") for m in symbols):
        return
    for match in symbols:
        for pattern, what in _OTHER_DOCUMENTS:
            if re.match(pattern, match.group("rest")):
                raise reject(
                    f"This is {what} ({match.group()}), not concluding observations, so it cannot be imported.",
                    "not_observations",
                )


def check_structure(layout: Layout, vocab: Vocabulary, text: str) -> None:
    """Reject what cannot be imported safely: numbering, sub-paragraphs, footnotes, truncation."""
    paragraphs = layout.paragraphs
    if not paragraphs:
        raise reject(
            "This file does not look like concluding observations: it has no numbered paragraphs.", "not_observations"
        )
    if not re.search(vocab.committee_word, text, re.IGNORECASE) and meta.committee_from_name(text) is None:
        raise reject(
            "This file does not look like concluding observations: no Committee is named in it.", "not_observations"
        )
    seen: dict[int, int] = {}
    for previous, paragraph in zip([None] + paragraphs[:-1], paragraphs, strict=True):
        number, line = paragraph.number, paragraph.line
        if number in seen:
            raise reject(
                f"Paragraph {number} appears twice, on lines {seen[number]} and {line}: please correct the numbering.",
                "duplicate_paragraph",
                line,
            )
        expected = previous.number + 1 if previous else 1
        if number != expected:
            gap = (
                f"paragraph {expected} is missing"
                if number == expected + 1
                else f"paragraphs {expected} to {number - 1} are missing"
            )
            after = (
                f"paragraph {previous.number} is followed by paragraph {number}"
                if previous
                else (f"the first paragraph is numbered {number}")
            )
            raise reject(f"The paragraph numbering has a gap: {after}, so {gap}.", "missing_paragraph", line)
        seen[number] = line
    if layout.sub_errors:
        _number, message, line = layout.sub_errors[0]
        raise reject(message, "subparagraph_sequence", line)
    _check_footnotes(layout)
    _check_truncation(layout)


def _check_footnotes(layout: Layout) -> None:
    if layout.duplicate_markers:
        number, line = layout.duplicate_markers[0]
        raise reject(f"Footnote {number} is marked twice in the text.", "footnote_duplicate", line)
    if layout.duplicate_bodies:
        number, line = layout.duplicate_bodies[0]
        raise reject(f"The text of footnote {number} appears twice.", "footnote_duplicate", line)
    for number, line in sorted(layout.marker_lines.items()):
        if number not in layout.bodies:
            raise reject(f"Footnote {number} is marked in the text but its text is missing.", "footnote_missing", line)
    for number, (_body, line) in sorted(layout.bodies.items()):
        if number not in layout.marker_lines:
            raise reject(
                f"The text of footnote {number} is present but nothing in the document refers to it.",
                "footnote_orphan",
                line,
            )


def _check_truncation(layout: Layout) -> None:
    last = layout.paragraphs[-1]
    text = last.subparagraphs[-1].text if last.subparagraphs else last.text
    line = last.subparagraphs[-1].line if last.subparagraphs else last.line
    if not _FINAL_PUNCTUATION.search(text):
        raise reject(
            f"The document seems cut off: the last paragraph ({last.number}) stops in mid-sentence, "
            "so please import the complete document.",
            "truncated",
            line,
        )


# --- identity -----------------------------------------------------------------------------------


def _identity(
    doc: ParsedDocument, layout: Layout, vocab: Vocabulary, given_symbol: str | None, printed: list[str]
) -> None:
    title, title_line, header, title_notes = meta.title_and_header(layout, vocab)
    if not re.search(vocab.title_words, title, re.IGNORECASE):
        doc.findings.append(
            meta.missing("title_missing", "No title “Concluding observations on …” was found: please check the file.")
        )
    doc.title = title
    doc.state_name = meta.state_name(title, vocab)
    numbers = meta.report_numbers(title, vocab)
    notes = [layout.bodies[n][0] for n in sorted(layout.bodies)]
    footnote_lines = {n: line for n, (_b, line) in layout.bodies.items()}

    doc.committee = meta.committee_from_name(header) or meta.committee_from_name(title)
    if numbers:
        doc.periodic_report, doc.periodic_report_last = numbers[0], numbers[-1]
    found = meta.related_symbols(doc, header, notes)
    observations = [s for s in printed if "/CO/" in s and "/Add." not in s]
    if observations:  # the symbol printed in the header table or page headers is the document's own
        found["printed"] = observations[0]
    doc.state_report_symbol = found.get("report")
    doc.list_of_issues_symbol = found.get("issues")
    doc.previous_observations = found.get("previous")
    if not numbers and doc.state_report_symbol:
        part = doc.state_report_symbol.rsplit("/", 1)[1].split("-")
        doc.periodic_report, doc.periodic_report_last = int(part[0]), int(part[-1])
        doc.findings.append(
            meta.missing(
                "report_number_from_symbol",
                f"The report number was read from the symbol {doc.state_report_symbol}: the title does not state it.",
                title_line,
            )
        )
    elif not numbers:
        doc.findings.append(
            meta.missing(
                "report_number_missing", "The title does not say which periodic report was considered.", title_line
            )
        )
    _symbol(doc, found, given_symbol)
    symbol_committee = _committee_of(doc.symbol)
    if doc.committee is None:
        doc.committee = symbol_committee
        if doc.committee is None:
            doc.findings.append(
                meta.missing("committee_unknown", "The Committee could not be recognised from the document's heading.")
            )
    elif symbol_committee and symbol_committee != doc.committee:
        doc.findings.append(
            meta.missing(
                "committee_conflict",
                f"The heading names the {doc.committee} but the symbol {doc.symbol} belongs to the {symbol_committee}.",
            )
        )
    match = meta.TREATY_SYMBOL.fullmatch(doc.symbol or "") or next(
        iter(meta.symbols_in(" ".join([header] + notes))), None
    )
    doc.state_alpha3 = match.group("state") if match else None
    if doc.state_alpha3 is None:
        doc.findings.append(meta.missing("state_missing", "The State party's country code could not be found."))

    texts = [layout.bodies[n][0] for n in title_notes if n in layout.bodies] + [header, title] + notes
    texts += [p.text for p in doc.paragraphs[:3]]
    doc.session_number, doc.session_from, doc.session_to = meta.find_session(texts, vocab)
    if doc.session_number is None:
        doc.findings.append(
            meta.missing(
                "session_missing",
                "The session at which the observations were adopted is not stated.",
                footnote_lines.get(min(layout.bodies, default=0)),
            )
        )
    elif doc.session_from is None:
        doc.findings.append(meta.missing("session_dates_missing", "The dates of the session are not stated."))


def _committee_of(symbol: str | None) -> str | None:
    match = meta.TREATY_SYMBOL.fullmatch(symbol or "")
    return meta.SYMBOL_PREFIXES[match.group("prefix")] if match else None


def _symbol(doc: ParsedDocument, found: dict[str, str], given: str | None) -> None:
    derived, how = meta.derive_symbol(doc, found)
    printed = found.get("printed")
    if given:
        doc.symbol = given.strip()
        other = printed or derived
        if other and other != doc.symbol:
            doc.findings.append(
                meta.missing(
                    "symbol_conflict",
                    f"The symbol given at import ({doc.symbol}) differs from the one in the document ({other}).",
                )
            )
    elif printed:
        doc.symbol = printed
    elif derived:
        doc.symbol = derived
        doc.findings.append(
            Finding(
                "info", "symbol_derived", f"The document's symbol is not printed in it: {derived} was derived {how}."
            )
        )
    else:
        doc.findings.append(
            meta.missing(
                "symbol_missing",
                "The document's symbol is not printed in it and no "
                "report symbol was found to derive it: please enter it.",
            )
        )


def _meetings(doc: ParsedDocument, layout: Layout, vocab: Vocabulary) -> None:
    opening = next(
        (p for p in doc.paragraphs if re.search(vocab.considered_words, p.text, re.IGNORECASE)), doc.paragraphs[0]
    )
    (meetings, dates), (adopted, adoption) = meta.meetings_and_dates(opening.text, vocab)
    doc.considered_meetings, doc.considered_dates = meetings, dates
    doc.adopted_meeting, doc.adoption_date = adopted, adoption
    line = opening.line
    if not meetings:
        doc.findings.append(
            meta.missing(
                "considered_meetings_missing", "The meetings at which the report was considered are not stated.", line
            )
        )
    if not dates:
        doc.findings.append(
            meta.missing(
                "considered_dates_missing", "The dates on which the report was considered are not stated.", line
            )
        )
    if adopted is None:
        doc.findings.append(
            meta.missing("adopted_meeting_missing", "The meeting that adopted the observations is not stated.", line)
        )
    if adoption is None:
        doc.findings.append(
            meta.missing(
                "adoption_date_missing",
                "The adoption date is not stated: deadlines counted from it cannot be computed.",
                line,
            )
        )


# --- headings and kinds -------------------------------------------------------------------------


def _headings(doc: ParsedDocument) -> None:
    """Give paragraphs before the first heading to a leading section; compute heading ranges."""
    headings = doc.headings
    for paragraph in doc.paragraphs:
        if paragraph.heading is None and headings and headings[0].kind == SECTION:
            paragraph.heading = 0
        index = paragraph.heading
        while index is not None:
            heading = headings[index]
            if heading.first_paragraph is None:
                heading.first_paragraph = paragraph.number
            heading.last_paragraph = paragraph.number
            index = heading.parent
    for heading in headings:
        if heading.kind == CLUSTER:
            heading.title, heading.articles = _cluster_articles(heading.title)


def _cluster_articles(title: str) -> tuple[str, str]:
    """ "General principles (arts. 7 and 83)" -> ("General principles", "7, 83")."""
    match = re.search(r"\s*[(（]([^()（）]*\d[^()（）]*(?:\([^()]*\)[^()（）]*)*)[)）]\s*$", title)
    if not match:
        return title, ""
    # "44 (6)": paragraph 6 of article 44; "37 (b)–(d)": sub-paragraphs of article 37
    inner = re.sub(r"\([^()]*\)(?:\s*[–—-]\s*\([^()]*\))?", " ", match.group(1))
    values = []
    tokens = re.findall(r"\d+|[一二三四五六七八九十百]+|–|—|-|至|إلى|\bto\b|\bà\b|\ba\b", inner)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        value = chinese_to_int(token)
        if value is None:
            index += 1
            continue
        if (
            index + 2 < len(tokens)
            and chinese_to_int(tokens[index + 1]) is None
            and chinese_to_int(tokens[index + 2]) is not None
        ):
            values.append(f"{value}-{chinese_to_int(tokens[index + 2])}")
            index += 3
        else:
            values.append(str(value))
            index += 1
    return title[: match.start()].strip(), ", ".join(values)


def _section_roles(doc: ParsedDocument, vocab: Vocabulary) -> dict[int, str]:
    sections = [i for i, h in enumerate(doc.headings) if h.kind == SECTION]
    roles = {}
    for i in sections:
        title = doc.headings[i].title
        if re.search(vocab.intro_titles, title, re.IGNORECASE):
            roles[i] = INTRODUCTION
        elif re.search(vocab.positive_titles, title, re.IGNORECASE):
            roles[i] = POSITIVE_ASPECT
    if not roles:  # unknown titles: the usual order A. Introduction, B. Positive aspects
        roles = dict(zip(sections[:2], (INTRODUCTION, POSITIVE_ASPECT), strict=False))
    return roles


def _section_of(doc: ParsedDocument, index: int | None) -> int | None:
    while index is not None and doc.headings[index].kind != SECTION:
        index = doc.headings[index].parent
    return index


def _kinds(doc: ParsedDocument, vocab: Vocabulary) -> None:
    roles = _section_roles(doc, vocab)
    procedural = {d.stated_in for d in doc.deadlines if d.kind in (FOLLOW_UP, NEXT_PERIODIC_REPORT)}
    has_sections = any(h.kind == SECTION for h in doc.headings)
    phase = INTRODUCTION
    for paragraph in doc.paragraphs:
        role = roles.get(_section_of(doc, paragraph.heading))
        if role:
            paragraph.kind = role
        elif paragraph.number in procedural:
            paragraph.kind = PROCEDURAL
        elif extract.is_recommendation(paragraph, vocab):
            paragraph.kind = RECOMMENDATION
        elif has_sections:
            paragraph.kind = CONCERN
        else:
            paragraph.kind = _kind_from_text(paragraph, phase, vocab)
        if not has_sections:
            phase = paragraph.kind if paragraph.kind in (INTRODUCTION, POSITIVE_ASPECT) else CONCERN
    if not has_sections:
        doc.findings.append(
            meta.missing(
                "no_sections",
                "The document has no lettered sections: paragraph kinds "
                "were inferred from the text; please check them.",
            )
        )


def _kind_from_text(paragraph, phase: str, vocab: Vocabulary) -> str:
    if paragraph.number == 1:
        return INTRODUCTION
    if phase != CONCERN and re.search(vocab.positive_words, paragraph.text, re.IGNORECASE):
        return POSITIVE_ASPECT if phase == POSITIVE_ASPECT or paragraph.number > 3 else INTRODUCTION
    return INTRODUCTION if phase == INTRODUCTION and paragraph.number <= 3 else CONCERN


# --- deadlines ----------------------------------------------------------------------------------


def _deadlines(doc: ParsedDocument, vocab: Vocabulary) -> None:
    numbers = {p.number: p for p in doc.paragraphs}
    for paragraph in doc.paragraphs[1:]:
        found = extract.find_priorities(paragraph, vocab)
        found += extract.find_deadlines(paragraph, vocab, doc.adoption_date, doc.periodic_report_last)
        for deadline in found:
            _complete(doc, deadline, paragraph)
            if deadline.kind == FOLLOW_UP:
                _check_items(deadline, numbers, paragraph)
            doc.deadlines.append(deadline)
    if not doc.deadlines:
        raise reject(
            "No deadline was found: the document states neither the follow-up nor the next report's "
            "due date, so please check that it is complete.",
            "no_deadline",
        )


def _complete(doc: ParsedDocument, deadline, paragraph) -> None:
    note = _PRECISION_NOTES.get(deadline.precision)
    if note:
        due = deadline.due.isoformat() if deadline.due else ""
        items = ", ".join(f"{i.paragraph}{f' ({i.subparagraph})' if i.subparagraph else ''}" for i in deadline.items)
        level, code, message = note
        doc.findings.append(
            Finding(level, code, message.format(n=paragraph.number, due=due, items=items), paragraph.line)
        )
    if deadline.kind == NEXT_PERIODIC_REPORT and deadline.report_number is None:
        doc.findings.append(
            meta.missing(
                "report_number_missing",
                f"Paragraph {paragraph.number} does not say which periodic report is due next.",
                paragraph.line,
            )
        )
    if deadline.precision in (YEAR, PRIORITY):
        return  # no date to compute: the Committee has not set one yet
    if deadline.due is None and deadline.period_months and doc.adoption_date:
        deadline.due = add_months(doc.adoption_date, deadline.period_months)
        deadline.computed = True
        doc.findings.append(
            Finding(
                "info",
                "deadline_computed",
                f"Paragraph {paragraph.number} gives no date: the deadline "
                f"{deadline.due.isoformat()} was counted as {deadline.period_months} months "
                "from the adoption date.",
                paragraph.line,
            )
        )
    elif deadline.due is None:
        doc.findings.append(
            meta.missing(
                "deadline_undated",
                f"Paragraph {paragraph.number} sets a deadline whose date could not be determined.",
                paragraph.line,
            )
        )


# Deadlines stated less precisely than a day: what the importer did, for the import report.
_PRECISION_NOTES = {
    MONTH: (
        "info",
        "deadline_month_only",
        "Paragraph {n} names a month, not a day: the deadline was set to its last day, {due}.",
    ),
    YEAR: (
        "warning",
        "deadline_year_only",
        "Paragraph {n} names a year but no date (a list of issues to be received, a dialogue planned): "
        "the due date cannot be known yet, so please enter it when it is set.",
    ),
    PRIORITY: (
        "info",
        "priority_areas",
        "Paragraph {n} names the areas where urgent measures must be taken (paragraphs {items}): they are "
        "recorded as the follow-up paragraphs, without a due date because the Committee sets none.",
    ),
}


def _check_items(deadline, numbers, paragraph) -> None:
    for item in deadline.items:
        target = numbers.get(item.paragraph)
        if target is None:
            raise reject(
                f"The follow-up paragraph {paragraph.number} names paragraph {item.paragraph}, "
                "which does not exist in the document.",
                "bad_follow_up",
                paragraph.line,
            )
        if item.subparagraph and item.subparagraph not in {s.letter for s in target.subparagraphs}:
            raise reject(
                f"The follow-up paragraph {paragraph.number} names sub-paragraph "
                f"({item.subparagraph}) of paragraph {item.paragraph}, which has no such "
                "sub-paragraph.",
                "bad_follow_up",
                paragraph.line,
            )


def _attach_footnotes(doc: ParsedDocument, layout: Layout) -> None:
    for paragraph in doc.paragraphs:
        for item, letter in [(paragraph, None)] + [(sub, sub.letter) for sub in paragraph.subparagraphs]:
            markers = layout.markers.get((paragraph.number, letter), [])
            item.footnotes = [n for n, _ in markers]
            item.footnote_positions = [(n, min(max(0, offset), len(item.text))) for n, offset in markers]
