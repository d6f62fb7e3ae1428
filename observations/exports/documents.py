"""What the tracker holds about a document, as plain data (the ``export_observations`` JSON).

The keys and shapes follow the importer's fact sheet (see
``observations/fixtures/seeds/CMW_C_KGZ_CO_2.expected.json``); a few more keys are added
(paragraph texts, footnotes, references, findings).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import translation

from ..choices import LANGUAGE_ORDER, CitationKind, DeadlineKind, HeadingKind, ReferenceKind
from ..models import Citation, Document, Heading, Paragraph, Reference, SubParagraph


def _range(first, last):
    return [first, last] if first is not None else []


def _citation_key(citation: Citation) -> str:
    number = citation.paragraph.number
    return f"{number}({citation.subparagraph.letter})" if citation.subparagraph_id else str(number)


def document_facts(document: Document) -> dict:
    """Everything extracted from ``document``, in the fact-sheet shape."""
    document = (
        Document.objects.select_related("committee")
        .prefetch_related(
            "versions",
            Prefetch("headings", queryset=Heading.objects.order_by("position")),
            Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.order_by("number").prefetch_related(
                    Prefetch("subparagraphs", queryset=SubParagraph.objects.order_by("position")),
                    Prefetch("references", queryset=Reference.objects.order_by("id")),
                ),
            ),
            "footnotes",
            "deadlines__items__paragraph",
            "deadlines__items__subparagraph",
            "deadlines__stated_in",
        )
        .get(pk=document.pk)
    )
    versions = sorted(document.versions.all(), key=lambda v: LANGUAGE_ORDER.index(v.language))
    languages = [v.language for v in versions]
    headings = list(document.headings.all())

    def titles(h: Heading) -> dict:
        return {f"title_{lang}": title for lang, title in sorted(h.titles.items())}

    sections = [
        {"letter": h.key, **titles(h), "paragraphs": _range(h.first_paragraph, h.last_paragraph)}
        for h in headings
        if h.kind == HeadingKind.SECTION
    ]
    clusters = [
        {
            "number": int(h.key) if h.key.isdigit() else h.key,
            **titles(h),
            "convention_articles": h.articles,
            "paragraphs": _range(h.first_paragraph, h.last_paragraph),
        }
        for h in headings
        if h.kind == HeadingKind.CLUSTER
    ]
    topics = [
        {**titles(h), "paragraphs": _range(h.first_paragraph, h.last_paragraph)}
        for h in headings
        if h.kind == HeadingKind.TOPIC
    ]

    deadlines = []
    for d in sorted(document.deadlines.all(), key=lambda d: (d.due_date is None, d.due_date, d.kind)):
        entry = {
            "kind": d.kind,
            "due": d.due_date.isoformat() if d.due_date else None,
            "stated_in": d.stated_in.number if d.stated_in else None,
            "computed": d.computed,
            "precision": d.precision,
        }
        if d.period_months:
            entry["period_months"] = d.period_months
        if d.kind == DeadlineKind.FOLLOW_UP:
            items = list(d.items.all())
            entry["paragraphs"] = sorted({i.paragraph.number for i in items})
            lettered = [f"{i.paragraph.number}({i.subparagraph.letter})" for i in items if i.subparagraph_id]
            if lettered:
                entry["subparagraphs"] = lettered
        if d.kind == DeadlineKind.NEXT_PERIODIC_REPORT:
            entry["report"] = d.report_number
            if d.report_number_last and d.report_number_last != d.report_number:
                entry["report_last"] = d.report_number_last
        deadlines.append(entry)

    citations = Citation.objects.filter(paragraph__document=document).select_related("paragraph", "subparagraph")
    sdg: dict[str, list[str]] = {}
    articles: dict[str, list[str]] = {}
    for c in citations.order_by("paragraph__number", "subparagraph__position", "id"):
        target = sdg if c.kind == CitationKind.SDG_TARGET else articles
        values = target.setdefault(_citation_key(c), [])
        if c.value not in values:
            values.append(c.value)

    paragraphs = []
    subparagraph_count = 0
    for p in document.paragraphs.all():
        subs = list(p.subparagraphs.all())
        subparagraph_count += len(subs)
        entry = {"number": p.number, "kind": p.kind}
        for lang in languages:
            key = "subparagraphs" if lang == "en" else f"subparagraphs_{lang}"
            entry[key] = [s.labels.get(lang, s.letter) for s in subs]
        if "en" not in languages:
            entry["subparagraphs"] = [s.letter for s in subs]
        reiterated = [r for r in p.references.all() if r.kind == ReferenceKind.REITERATES]
        if reiterated:
            r = reiterated[0]
            entry["reiterates"] = {"document": r.target_symbol, "paragraph": r.target_number}
        entry["text"] = p.text
        paragraphs.append(entry)

    state = document.state
    with translation.override("en"):
        state_name_en = str(state.name)
    return {
        "symbol": document.symbol,
        "committee": document.committee.code,
        "committee_name_en": document.committee.name,
        "state_party": {"name_en": state_name_en, "iso3166_alpha2": state.code},
        "periodic_report": document.periodic_report,
        "periodic_report_last": document.periodic_report_last,
        "state_report_symbol": document.state_report_symbol or None,
        "list_of_issues_symbol": document.list_of_issues_symbol or None,
        "previous_observations": document.previous_observations_symbol or None,
        "session": {
            "number": document.session_number,
            "from": document.session_start.isoformat() if document.session_start else None,
            "to": document.session_end.isoformat() if document.session_end else None,
        },
        "considered": {"meetings": document.considered_meetings, "dates": document.considered_dates},
        "adopted": {
            "meeting": document.adopted_meeting,
            "date": document.adoption_date.isoformat() if document.adoption_date else None,
        },
        "languages": languages,
        "titles": {v.language: v.title for v in versions},
        "paragraph_count": len(paragraphs),
        "subparagraph_count": subparagraph_count,
        "footnote_count": len(document.footnotes.all()),
        "sections": sections,
        "clusters": clusters,
        "topics": topics,
        "deadlines": deadlines,
        "sdg_targets": sdg,
        "convention_articles": articles,
        "paragraphs": paragraphs,
        "footnotes": [{"number": f.number, "text": f.text} for f in document.footnotes.all()],
        "references": [
            {
                "paragraph": p.number,
                "kind": r.kind,
                "document": r.target_symbol,
                "target_paragraph": r.target_number,
                "resolved": r.target_id is not None,
            }
            for p in document.paragraphs.all()
            for r in p.references.all()
        ],
        "findings": {v.language: v.findings for v in versions},
    }
