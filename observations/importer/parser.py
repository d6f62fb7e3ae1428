"""The pipeline: bytes -> text -> layout -> checked structure -> ParsedDocument."""

from __future__ import annotations

import re

from . import extract, meta
from .checks import check_kind_of_document, check_structure, reject
from .committees import BY_SYMBOL_PREFIX
from .deadlines import add_deadlines
from .decode import decode, is_docx
from .furniture import strip_furniture
from .language import resolve
from .layout import Layout, read_layout
from .model import (
    CLUSTER,
    CONCERN,
    FOLLOW_UP,
    INTRODUCTION,
    NEXT_PERIODIC_REPORT,
    POSITIVE_ASPECT,
    PROCEDURAL,
    RECOMMENDATION,
    SECTION,
    Finding,
    ParsedDocument,
    ParsedFootnote,
)
from .numbers import chinese_to_int
from .vocab import VOCABULARIES, Vocabulary


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
    add_deadlines(doc, vocab)
    _kinds(doc, vocab)
    doc.references = extract.find_references(doc.paragraphs, layout.markers, layout.bodies, vocab)
    doc.citations = [c for p in doc.paragraphs for c in extract.find_citations(p, vocab)]
    _attach_footnotes(doc, layout)
    return doc


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
    # the document's own symbol, printed in its header or as a line of text, is not its previous observations
    doc.previous_observations = found.get("previous") if found.get("previous") != found.get("printed") else None
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
    return BY_SYMBOL_PREFIX[match.group("prefix")] if match else None


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


def _attach_footnotes(doc: ParsedDocument, layout: Layout) -> None:
    for paragraph in doc.paragraphs:
        for item, letter in [(paragraph, None)] + [(sub, sub.letter) for sub in paragraph.subparagraphs]:
            markers = layout.markers.get((paragraph.number, letter), [])
            item.footnotes = [n for n, _ in markers]
            item.footnote_positions = [(n, min(max(0, offset), len(item.text))) for n, offset in markers]
