"""Deadlines of a parsed version: completed from the adoption date, checked against the paragraphs."""

from __future__ import annotations

from . import extract, meta
from .checks import reject
from .model import FOLLOW_UP, MONTH, NEXT_PERIODIC_REPORT, PRIORITY, YEAR, Finding, ParsedDocument
from .numbers import add_months
from .vocab import Vocabulary


def add_deadlines(doc: ParsedDocument, vocab: Vocabulary) -> None:
    """Find every deadline of ``doc``; a document that states none is reported (``no_deadline``)."""
    numbers = {p.number: p for p in doc.paragraphs}
    for paragraph in doc.paragraphs[1:]:
        found = extract.find_priorities(paragraph, vocab)
        found += extract.find_deadlines(paragraph, vocab, doc.adoption_date, doc.periodic_report_last)
        for deadline in found:
            _complete(doc, deadline, paragraph)
            if deadline.kind == FOLLOW_UP:
                _check_items(deadline, numbers, paragraph)
            doc.deadlines.append(deadline)
    if doc.deadlines and not any(d.kind == NEXT_PERIODIC_REPORT for d in doc.deadlines):
        doc.findings.append(
            Finding(
                "warning",
                "next_report_missing",
                "No due date for the next periodic report was found (the document may give only a year, or "
                "leave it to a list of issues still to come): add it by hand when it is known.",
            )
        )
    if not doc.deadlines:  # imported all the same: a missing deadline is reported, never invented
        doc.findings.append(
            Finding(
                "warning",
                "no_deadline",
                "No deadline was found: the document states neither the follow-up nor the next report's "
                "due date. The observations were read without them; add the deadlines by hand if the "
                "document does state them.",
            )
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


