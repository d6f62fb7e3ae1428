"""The NGO shadow report as a document: its parts in the order of the concluding
observations, exported to Markdown and .docx, with a word count against
``SHADOW_REPORT_WORD_LIMIT``.

The parts are built once into plain data (``ShadowContent``), so that the live draft and a
published snapshot (stored as JSON) render through the same code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ..choices import NgoAssessment, interface_language
from ..models import ShadowEntry
from . import docx as dx
from .common import committee_text, heading_paths, new_headings, reference
from .wordcount import WordCount, count_all

# OHCHR's guidance for NGO submissions to the treaty bodies is 10,700 words; a default
# to adjust (settings.SHADOW_REPORT_WORD_LIMIT) if a committee or secretariat asks otherwise.
DEFAULT_SHADOW_REPORT_WORD_LIMIT = 10700


def word_limit() -> int:
    return int(getattr(settings, "SHADOW_REPORT_WORD_LIMIT", DEFAULT_SHADOW_REPORT_WORD_LIMIT))


@dataclass
class Part:
    """The NGO's text on one paragraph or sub-paragraph, with the Committee's text."""

    reference: str  # "CMW/C/KGZ/CO/2, para. 20 (a)"
    paragraph: int
    letter: str
    headings: list[str]  # cluster and topic titles above the paragraph
    committee_text: str
    assessment: str
    assessment_label: str
    narrative: str
    evidence: list[dict]
    proposals: str

    def own_texts(self):
        yield self.assessment_label if self.assessment != NgoAssessment.NOT_ASSESSED else ""
        yield self.narrative
        for link in self.evidence:
            yield link.get("title") or link.get("url", "")
        yield self.proposals


@dataclass
class ShadowContent:
    title: str
    organization: str
    symbol: str
    committee: str
    state: str
    adoption_date: str  # ISO date or ""
    language: str
    introduction: str
    generated_at: str
    parts: list[Part] = field(default_factory=list)

    # Word counts ------------------------------------------------------------------------
    def texts(self):
        """Every piece of text that the exported report holds, except the word-count line."""
        yield self.title
        yield self.subtitle
        yield self.introduction
        shown: list[str] = []
        for part in self.parts:
            for _level, heading in new_headings(shown, part.headings):
                yield heading
            shown = list(part.headings)
            yield part.reference
            yield part.committee_text
            yield from self._labels(part)
            yield from part.own_texts()

    @staticmethod
    def _labels(part):
        if part.assessment != NgoAssessment.NOT_ASSESSED:
            yield _("Assessment:")
        if part.evidence:
            yield _("Evidence:")
        if part.proposals:
            yield _("Questions and recommendations proposed to the Committee:")

    @property
    def word_count(self) -> int:
        with translation.override(interface_language(self.language)):
            return count_all(self.texts())

    @property
    def own_word_count(self) -> int:
        """Words written by the NGO (without the Committee's quoted text)."""
        return count_all([self.introduction, *(t for part in self.parts for t in part.own_texts())])

    def count(self) -> WordCount:
        return WordCount(self.word_count, word_limit())

    @property
    def subtitle(self) -> str:
        with translation.override(interface_language(self.language)):
            values = {"organization": self.organization, "committee": self.committee, "state": self.state,
                      "symbol": self.symbol}
            if self.adoption_date:
                values["date"] = formats.date_format(_parse_date(self.adoption_date), "j F Y")
                return _(
                    "Submitted by %(organization)s to the %(committee)s on the implementation by %(state)s of "
                    "its concluding observations %(symbol)s, adopted on %(date)s."
                ) % values
            return _(
                "Submitted by %(organization)s to the %(committee)s on the implementation by %(state)s of its "
                "concluding observations %(symbol)s."
            ) % values

    # Serialization ----------------------------------------------------------------------
    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ShadowContent:
        data = dict(data)
        parts = [Part(**part) for part in data.pop("parts", [])]
        return cls(**data, parts=parts)


def _parse_date(value: str):
    import datetime as dt

    return dt.date.fromisoformat(value)


def ordered_entries(report):
    return (
        ShadowEntry.objects.filter(report=report)
        .select_related("paragraph", "subparagraph")
        .prefetch_related("paragraph__subparagraphs")
        .order_by("paragraph__number", F("subparagraph__position").asc(nulls_first=True))
    )


def build_content(report) -> ShadowContent:
    """The report's live draft, in the order of the concluding observations."""
    document = report.document
    language = report.language
    paths = heading_paths(document, language)
    with translation.override(interface_language(language)):
        parts = []
        for entry in ordered_entries(report):
            letter = entry.subparagraph.letter if entry.subparagraph_id else ""
            parts.append(Part(
                reference=reference(document.symbol, entry.paragraph.number, letter),
                paragraph=entry.paragraph.number,
                letter=letter,
                headings=paths.get(entry.paragraph.heading_id, []),
                committee_text=committee_text(entry.paragraph, entry.subparagraph, language),
                assessment=entry.assessment,
                assessment_label=str(NgoAssessment(entry.assessment).label),
                narrative=entry.narrative,
                evidence=list(entry.evidence or []),
                proposals=entry.proposals,
            ))
        return ShadowContent(
            title=str(report.display_title),
            organization=report.organization.name,
            symbol=document.symbol,
            committee=document.committee.name_in(language),
            state=str(document.state.name),
            adoption_date=document.adoption_date.isoformat() if document.adoption_date else "",
            language=language,
            introduction=report.introduction,
            generated_at=timezone.now().isoformat(),
            parts=parts,
        )


# Markdown ----------------------------------------------------------------------------------

def _md_text(text: str) -> str:
    """Text as written, with raw HTML made harmless: Markdown passes HTML through to the
    page, so ``<`` and ``>`` become entities (shown as the characters, never as tags)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_escape_link_text(text: str) -> str:
    return _md_text(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _md_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E")


def _md_quote(text: str) -> str:
    return "\n>\n".join("> " + _md_text(line) for line in text.split("\n") if line.strip())


def to_markdown(content: ShadowContent) -> str:
    count = content.count()
    with translation.override(interface_language(content.language)):
        out = [f"# {_md_text(content.title)}", "", _md_text(content.subtitle), "", count.summary_line]
        if count.exceeded:
            out += ["", f"**{count.warning_line}**"]
        if content.introduction:
            out += ["", _md_text(content.introduction.strip())]
        shown: list[str] = []
        for part in content.parts:
            for level, heading in new_headings(shown, part.headings):
                out += ["", "#" * (level + 2) + " " + _md_text(heading)]
            shown = list(part.headings)
            out += ["", "#" * (len(part.headings) + 2) + " " + _md_text(part.reference)]
            if part.committee_text:
                out += ["", _md_quote(part.committee_text)]
            if part.assessment != NgoAssessment.NOT_ASSESSED:
                out += ["", f"**{_('Assessment:')}** {part.assessment_label}"]
            if part.narrative.strip():
                out += ["", _md_text(part.narrative.strip())]
            if part.evidence:
                out += ["", f"**{_('Evidence:')}**", ""]
                for link in part.evidence:
                    title = _md_escape_link_text(link.get("title") or link["url"])
                    out.append(f"- [{title}](<{_md_url(link['url'])}>)")
            if part.proposals.strip():
                out += ["", f"**{_('Questions and recommendations proposed to the Committee:')}**", "",
                        _md_text(part.proposals.strip())]
        return "\n".join(out).replace("\r\n", "\n") + "\n"


# .docx -------------------------------------------------------------------------------------

def to_docx(content: ShadowContent) -> bytes:
    count = content.count()
    language = content.language
    with translation.override(interface_language(language)):
        document = dx.new_document(language, content.title)
        dx.set_direction(document.add_heading(content.title, level=0), language)
        dx.add_text(document, content.subtitle, language)
        dx.add_text(document, count.summary_line, language)
        if count.exceeded:
            dx.set_direction(dx.add_warning(document, count.warning_line), language)
        if content.introduction:
            dx.add_text(document, content.introduction, language)
        shown: list[str] = []
        for part in content.parts:
            for level, heading in new_headings(shown, part.headings):
                dx.add_heading(document, heading, min(level + 1, 9), language)
            shown = list(part.headings)
            dx.add_heading(document, part.reference, min(len(part.headings) + 1, 9), language)
            if part.committee_text:
                for line in part.committee_text.split("\n"):
                    dx.add_text(document, line, language, style="Quote")
            if part.assessment != NgoAssessment.NOT_ASSESSED:
                dx.add_text(document, part.assessment_label, language, bold_prefix=_("Assessment:") + " ")
            if part.narrative.strip():
                dx.add_text(document, part.narrative, language)
            if part.evidence:
                dx.add_text(document, "", language, bold_prefix=_("Evidence:"))
                for link in part.evidence:
                    paragraph = document.add_paragraph(style="List Bullet")
                    dx.add_hyperlink(paragraph, link["url"], link.get("title") or link["url"])
                    dx.set_direction(paragraph, language)
            if part.proposals.strip():
                dx.add_text(document, "", language,
                            bold_prefix=_("Questions and recommendations proposed to the Committee:"))
                dx.add_text(document, part.proposals, language)
        return dx.to_bytes(document)


def file_name(content: ShadowContent, extension: str) -> str:
    organization = "".join(c if c.isalnum() else "-" for c in content.organization).strip("-")[:40]
    return f"shadow-report_{content.symbol.replace('/', '_')}_{organization}.{extension}"
