"""The State's reports, drafted from validated information only:

- the **follow-up report** for a follow-up deadline: one part per paragraph (or
  sub-paragraph) the Committee named, in the Committee's order, each with the Committee's
  text and then what the State's organizations reported and the coordinator validated;
- the **next periodic report** draft: every recommendation, in order, with its official
  status and its validated information.

Only validated progress updates count (the latest validated version of each update;
drafts, submitted and returned versions never appear). Both drafts carry a word count
against a configurable limit and a visible warning when it is exceeded.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ..choices import DeadlineKind, ImplementationStatus, interface_language
from ..models import Deadline, Evidence, Measure, Paragraph, ProgressUpdate, Recommendation
from ..permissions import can_prepare_state_reports
from ..selectors.reports import report_data_version
from ..selectors.tracking import current_validated_updates
from . import docx as dx
from .common import committee_text, heading_paths, new_headings, reference
from .wordcount import WordCount, count_all

# The treaty bodies usually ask that follow-up information not exceed 3,500 words
# (settings.FOLLOW_UP_REPORT_WORD_LIMIT); adjust if a committee sets another limit.
DEFAULT_FOLLOW_UP_REPORT_WORD_LIMIT = 3500
# State reports under the simplified reporting procedure are limited to 21,200 words
# (General Assembly resolution 68/268); adjust with settings.PERIODIC_REPORT_WORD_LIMIT.
DEFAULT_PERIODIC_REPORT_WORD_LIMIT = 21200


def follow_up_word_limit() -> int:
    return int(getattr(settings, "FOLLOW_UP_REPORT_WORD_LIMIT", DEFAULT_FOLLOW_UP_REPORT_WORD_LIMIT))


def periodic_word_limit() -> int:
    return int(getattr(settings, "PERIODIC_REPORT_WORD_LIMIT", DEFAULT_PERIODIC_REPORT_WORD_LIMIT))


def may_prepare(user, document) -> bool:
    """Coordinators of the document's State (and superusers) draft the State's reports."""
    return can_prepare_state_reports(user, document)


def _date(value) -> str:
    return _date_in(value, translation.get_language()) if value else ""


@functools.lru_cache(maxsize=4096)
def _date_in(value, language) -> str:
    """A date in words, in the active language (the same few dates recur throughout a report)."""
    return formats.date_format(value, "j F Y")


@dataclass
class Information:
    """One validated progress update, as the report prints it."""

    organization: str
    status: str
    status_label: str
    narrative: str
    language: str
    as_of: dt.date | None
    validated_on: dt.date | None
    measures: list[tuple[str, str, dt.date | None]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    def byline(self) -> str:
        values = {"organization": self.organization, "as_of": _date(self.as_of),
                  "validated": _date(self.validated_on)}
        if self.as_of:
            return _("%(organization)s — information as of %(as_of)s, validated on %(validated)s") % values
        return _("%(organization)s — validated on %(validated)s") % values

    def texts(self):
        yield self.byline()
        yield _("Status:") + " " + self.status_label
        yield self.narrative
        for kind, description, date in self.measures:
            yield measure_line(kind, description, date)
        for url, title in self.links:
            yield title or url


def measure_line(kind, description, date) -> str:
    if date:
        return f"{kind} ({_date(date)}): {description}"
    return f"{kind}: {description}"


@dataclass
class Item:
    """A recommendation inside a part: its official status and validated information."""

    code: str
    label: str  # "(a)" or "" for a whole paragraph
    status: str
    status_label: str
    information: list[Information]


@dataclass
class StatePart:
    heading: str  # "Paragraph 12" / "Paragraph 12 (a)"
    reference: str
    paragraph: int
    letter: str
    headings: list[str]
    committee_text: str
    items: list[Item]


@dataclass
class StateReport:
    kind: str  # follow_up | next_periodic_report
    title: str
    intro_lines: list[str]
    language: str
    limit: int
    parts: list[StatePart]
    symbol: str
    due_date: dt.date | None = None

    def texts(self):
        yield self.title
        yield from self.intro_lines
        shown: list[str] = []
        for part in self.parts:
            for _level, heading in new_headings(shown, part.headings):
                yield heading
            shown = list(part.headings)
            yield part.heading
            yield part.committee_text
            for item in part.items:
                yield item.label
                yield _("Official status:") + " " + item.status_label
                if not item.information:
                    yield _("No validated information yet.")
                for info in item.information:
                    yield from info.texts()

    @property
    def word_count(self) -> int:
        with translation.override(interface_language(self.language)):
            return count_all(self.texts())

    def count(self) -> WordCount:
        return WordCount(self.word_count, self.limit)

    @property
    def information_count(self) -> int:
        return sum(len(item.information) for part in self.parts for item in part.items)


def validated_information(recommendations) -> dict[int, list[ProgressUpdate]]:
    """For each recommendation id, its validated information: the latest validated
    version of each update chain, oldest first. Drafts, submitted and returned versions,
    and validated versions later corrected by a validated one, are left out."""
    updates = (
        current_validated_updates(ProgressUpdate.objects.filter(recommendation__in=recommendations))
        .select_related("organization")
        .prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("position", "id")),
            Prefetch("evidence", queryset=Evidence.objects.exclude(link="").order_by("added_at", "id")),
        )
        .order_by("reviewed_at", "id")
    )
    by_recommendation = defaultdict(list)
    for update in updates:
        by_recommendation[update.recommendation_id].append(update)
    return by_recommendation


def _information(update: ProgressUpdate) -> Information:
    return Information(
        organization=update.organization.name,
        status=update.status,
        status_label=str(ImplementationStatus(update.status).label),
        narrative=update.narrative,
        language=update.language,
        as_of=update.as_of,
        validated_on=timezone.localtime(update.reviewed_at).date() if update.reviewed_at else None,
        measures=[(str(m.get_kind_display()), m.description, m.date) for m in update.measures.all()],
        links=[(e.link, e.description) for e in update.evidence.all()],
    )


def _paragraphs(document):
    return {
        p.pk: p for p in Paragraph.objects.filter(document=document).prefetch_related("subparagraphs")
    }


def _recommendations(document):
    return list(
        Recommendation.objects.filter(document=document).select_related("paragraph", "subparagraph")
        .order_by("position")
    )


def _item(recommendation, subparagraph, language, updates) -> Item:
    return Item(
        code=recommendation.code if recommendation else "",
        label=f"({subparagraph.label_in(language)})" if subparagraph is not None else "",
        status=recommendation.status if recommendation else "",
        status_label=str(ImplementationStatus(recommendation.status).label) if recommendation else "",
        information=[_information(u) for u in updates.get(recommendation.pk, [])] if recommendation else [],
    )


def paragraph_heading(number: int, label: str = "") -> str:
    if label:
        return _("Paragraph %(number)s (%(letter)s)") % {"number": number, "letter": label}
    return _("Paragraph %(number)s") % {"number": number}


def build_follow_up(deadline: Deadline, language: str) -> StateReport:
    """The follow-up report for ``deadline`` (of kind follow-up), in ``language``."""
    document = deadline.document
    with translation.override(interface_language(language)):
        paragraphs = _paragraphs(document)
        recommendations = _recommendations(document)
        by_paragraph = defaultdict(list)
        for rec in recommendations:
            by_paragraph[rec.paragraph_id].append(rec)
        updates = validated_information(recommendations)
        items = sorted(
            deadline.items.select_related("paragraph", "subparagraph"),
            key=lambda i: (paragraphs[i.paragraph_id].number, i.subparagraph.position if i.subparagraph_id else -1),
        )
        parts = []
        for deadline_item in items:
            paragraph = paragraphs[deadline_item.paragraph_id]
            sub = deadline_item.subparagraph
            recs = by_paragraph.get(paragraph.pk, [])
            if sub is not None:
                recs = [r for r in recs if r.subparagraph_id == sub.pk] or [r for r in recs if not r.subparagraph_id]
            subs = {s.pk: s for s in paragraph.subparagraphs.all()}
            part_items = [
                _item(r, subs.get(r.subparagraph_id) if (sub is None and r.subparagraph_id) else None, language,
                      updates)
                for r in recs
            ]
            parts.append(StatePart(
                heading=paragraph_heading(paragraph.number, sub.label_in(language) if sub else ""),
                reference=reference(document.symbol, paragraph.number, sub.letter if sub else ""),
                paragraph=paragraph.number,
                letter=sub.letter if sub else "",
                headings=[],  # a follow-up report is short: no cluster headings between its parts
                committee_text=committee_text(paragraph, sub, language),
                items=part_items,
            ))
        intro = [
            _adoption_line(document, language),
            _("Information requested by the Committee by %(date)s on paragraphs %(paragraphs)s.") % {
                "date": _date(deadline.due_date) or _("(no date)"),
                "paragraphs": ", ".join(str(i) for i in items),
            },
        ]
        return StateReport(
            kind=DeadlineKind.FOLLOW_UP,
            title=_("Information received from %(state)s on follow-up to the concluding observations %(symbol)s") % {
                "state": document.state.name, "symbol": document.symbol},
            intro_lines=intro,
            language=language,
            limit=follow_up_word_limit(),
            parts=parts,
            symbol=document.symbol,
            due_date=deadline.due_date,
        )


def _adoption_line(document, language: str) -> str:
    return _("Concluding observations %(symbol)s of the %(committee)s, adopted on %(date)s.") % {
        "symbol": document.symbol, "committee": document.committee.name_in(language),
        "date": _date(document.adoption_date),
    }


def build_periodic(document, language: str) -> StateReport:
    """The state of every recommendation, for the next periodic report."""
    with translation.override(interface_language(language)):
        paragraphs = _paragraphs(document)
        recommendations = _recommendations(document)
        updates = validated_information(recommendations)
        paths = heading_paths(document, language)
        by_paragraph = defaultdict(list)
        for rec in recommendations:
            by_paragraph[rec.paragraph_id].append(rec)
        parts = []
        for paragraph in sorted(paragraphs.values(), key=lambda p: p.number):
            recs = by_paragraph.get(paragraph.pk)
            if not recs:
                continue
            subs = {s.pk: s for s in paragraph.subparagraphs.all()}
            parts.append(StatePart(
                heading=paragraph_heading(paragraph.number),
                reference=reference(document.symbol, paragraph.number),
                paragraph=paragraph.number,
                letter="",
                headings=paths.get(paragraph.heading_id, []),
                committee_text=committee_text(paragraph, None, language),
                items=[_item(r, subs.get(r.subparagraph_id), language, updates) for r in recs],
            ))
        deadline = document.deadlines.filter(kind=DeadlineKind.NEXT_PERIODIC_REPORT).order_by("due_date").first()
        intro = [
            _adoption_line(document, language),
        ]
        if deadline and deadline.due_date:
            intro.append(_("Next periodic report due by %(date)s.") % {"date": _date(deadline.due_date)})
        return StateReport(
            kind=DeadlineKind.NEXT_PERIODIC_REPORT,
            title=_("Implementation by %(state)s of the concluding observations %(symbol)s") % {
                "state": document.state.name, "symbol": document.symbol},
            intro_lines=intro,
            language=language,
            limit=periodic_word_limit(),
            parts=parts,
            symbol=document.symbol,
            due_date=deadline.due_date if deadline else None,
        )


def to_docx(report: StateReport) -> bytes:
    """The report as a Word document."""
    language = report.language
    count = report.count()
    with translation.override(interface_language(language)):
        document = dx.new_document(language, report.title)
        dx.set_direction(document.add_heading(report.title, level=0), language)
        for line in report.intro_lines:
            dx.add_text(document, line, language)
        note = document.add_paragraph()
        note.add_run(
            _("Draft prepared on %(date)s from validated information only.") % {"date": _date(timezone.localdate())}
            + " " + count.summary_line
        ).italic = True
        dx.set_direction(note, language)
        if count.exceeded:
            dx.set_direction(dx.add_warning(document, count.warning_line), language)
        shown: list[str] = []
        for part in report.parts:
            for level, heading in new_headings(shown, part.headings):
                dx.add_heading(document, heading, level + 1, language)
            shown = list(part.headings)
            level = len(part.headings) + 1
            dx.add_heading(document, part.heading, level, language)
            for line in part.committee_text.split("\n"):
                dx.add_text(document, line, language, style="Quote")
            for item in part.items:
                if item.label:
                    dx.add_heading(document, item.label, min(level + 1, 9), language)
                dx.add_text(document, item.status_label, language, bold_prefix=_("Official status:") + " ")
                if not item.information:
                    paragraph = dx.add_text(document, _("No validated information yet."), language)
                    for run in paragraph.runs:
                        run.italic = True
                for info in item.information:
                    _info_docx(document, info, language)
        return dx.to_bytes(document)


def _info_docx(document, info: Information, language: str):
    byline = document.add_paragraph()
    byline.add_run(info.byline()).bold = True
    dx.set_direction(byline, language)
    dx.add_text(document, info.status_label, language, bold_prefix=_("Status:") + " ")
    dx.add_text(document, info.narrative, info.language)
    for kind, description, date in info.measures:
        paragraph = document.add_paragraph(measure_line(kind, description, date), style="List Bullet")
        dx.set_direction(paragraph, info.language)
    for url, title in info.links:
        paragraph = document.add_paragraph(style="List Bullet")
        dx.add_hyperlink(paragraph, url, title or url)
        dx.set_direction(paragraph, language)


def file_name(report: StateReport) -> str:
    kind = "follow-up" if report.kind == DeadlineKind.FOLLOW_UP else "periodic-report"
    return f"{kind}_{report.symbol.replace('/', '_')}_{report.language}_{timezone.localdate():%Y-%m-%d}.docx"


# --- Built once per change of the data ------------------------------------------------------
#
# A report, its .docx and its summary (parts, information, words) are kept in the cache
# (Redis in production) under a key made of what they are built from: the document, the
# deadline, the language, the word limit, today's date (the .docx says when it was
# prepared) and ``selectors.reports.report_data_version`` — a fingerprint of all the data
# the report reads, computed in one query. A change of that data changes the key, so a
# kept report is never stale; an unchanged one is not built again. The fingerprint is read
# before the data, so what is kept under a key is never older than the key says.

CACHE_SECONDS = 7 * 24 * 3600
FORMAT = "1"  # raised when what is kept changes shape


@dataclass(frozen=True)
class ReportSummary:
    """What the reports page shows of a report, without the report."""

    parts: int
    information: int
    due_date: dt.date | None
    count: WordCount


def _key(what: str, document, deadline, language: str) -> str:
    limit = follow_up_word_limit() if deadline is not None else periodic_word_limit()
    return ":".join([
        "state-report", FORMAT, what, str(document.pk), str(deadline.pk if deadline is not None else "periodic"),
        language, str(limit), timezone.localdate().isoformat(), report_data_version(document),
    ])


def _kept(key: str, build):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def follow_up_report(deadline: Deadline, language: str) -> StateReport:
    """``build_follow_up``, built once per change of its data."""
    return _kept(_key("report", deadline.document, deadline, language), lambda: build_follow_up(deadline, language))


def periodic_report(document, language: str) -> StateReport:
    """``build_periodic``, built once per change of its data."""
    return _kept(_key("report", document, None, language), lambda: build_periodic(document, language))


def follow_up_docx(deadline: Deadline, language: str) -> tuple[bytes, str]:
    """The follow-up report's .docx and its file name, built once per change of its data."""
    return _kept(_key("docx", deadline.document, deadline, language), lambda: _docx_and_name(
        follow_up_report(deadline, language)))


def periodic_docx(document, language: str) -> tuple[bytes, str]:
    """The periodic report's .docx and its file name, built once per change of its data."""
    return _kept(_key("docx", document, None, language), lambda: _docx_and_name(periodic_report(document, language)))


def follow_up_key(deadline: Deadline, language: str) -> str:
    """The key the follow-up report is kept under: a page showing it keys its own rendering on it."""
    return _key("report", deadline.document, deadline, language)


def periodic_key(document, language: str) -> str:
    return _key("report", document, None, language)


def follow_up_summary(deadline: Deadline, language: str) -> ReportSummary:
    return _kept(_key("summary", deadline.document, deadline, language),
                 lambda: summary(follow_up_report(deadline, language)))


def periodic_summary(document, language: str) -> ReportSummary:
    return _kept(_key("summary", document, None, language), lambda: summary(periodic_report(document, language)))


def summary(report: StateReport) -> ReportSummary:
    return ReportSummary(parts=len(report.parts), information=report.information_count, due_date=report.due_date,
                         count=report.count())


def _docx_and_name(report: StateReport) -> tuple[bytes, str]:
    return to_docx(report), file_name(report)
