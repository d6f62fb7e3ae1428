"""Full-text search across every language version of the documents, the progress
narratives a reader may see, and the documents' metadata.

On PostgreSQL each language's text is searched with that language's text search
configuration (``arabic``, ``english``, ``french``, ``russian``, ``spanish``), the query
parsed by ``websearch_to_tsquery`` in the same configuration, so that "اتجار" finds
"الاتجار" and "trafficked" finds "trafficking" whatever the interface language. Chinese
has no word breaks: its text is matched as a substring, served by a trigram index. The
expressions below are exactly those of the indexes of migration 0014, so the planner can
use them. Anywhere else (SQLite, the embedded default) every language's text is matched
as a substring of either the whole query or each of its words cut to its Snowball stem in
that language (``substring_terms``), so that "trafficked" finds "trafficking" there too.

Results are ranked (``ts_rank``), paginated, labelled by document, and highlighted:
PostgreSQL marks the hit with private-use characters, the text is escaped, and only then
are the marks turned into ``<mark>`` (user text is never trusted as HTML).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import snowballstemmer
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, FloatField, Func, Q, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

from .. import permissions as perms
from ..models import Committee, Document, Heading, LanguageVersion, Paragraph, ProgressUpdate, SubParagraph

# Language of the stored texts -> PostgreSQL text search configuration (None: substring).
CONFIGS = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish", "zh": None}
# Narratives carry no language: they are searched with every configuration.
NARRATIVE_CONFIGS = ("english", "french", "spanish", "russian", "arabic")
MAX_QUERY_LENGTH = 200
START, STOP = "\ue000", "\ue001"
# ts_headline drops what looks like markup or an entity: these characters stand in for
# "<", ">" and "&" while it works, and are turned back before the text is escaped.
NEUTRAL = {"<": "\ue002", ">": "\ue003", "&": "\ue004"}
HEADLINE_OPTIONS = {"start_sel": START, "stop_sel": STOP, "max_words": 35, "min_words": 15, "max_fragments": 2,
                    "fragment_delimiter": " … "}

PARAGRAPH, SUBPARAGRAPH, HEADING, UPDATE, DOCUMENT = "paragraph", "subparagraph", "heading", "update", "document"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


class KeyText(Func):
    """``(column ->> 'xx')``: one language of a JSON text, as the indexes spell it."""

    output_field = TextField()

    def __init__(self, column, language):
        if language not in CONFIGS:
            raise ValueError(language)
        super().__init__(F(column), template=f"(%(expressions)s ->> '{language}')")


class LanguageVector(Func):
    """``to_tsvector('config'::regconfig, COALESCE((column ->> 'xx'), ''))``."""

    output_field = SearchVectorField()

    def __init__(self, column, language):
        config = CONFIGS[language]
        super().__init__(
            F(column), template=f"to_tsvector('{config}'::regconfig, COALESCE((%(expressions)s ->> '{language}'), ''))"
        )


class TextVector(Func):
    """``to_tsvector('config'::regconfig, COALESCE(column, ''))`` on a plain text column."""

    output_field = SearchVectorField()

    def __init__(self, column, config):
        if config not in CONFIGS.values():
            raise ValueError(config)
        super().__init__(F(column), template=f"to_tsvector('{config}'::regconfig, COALESCE(%(expressions)s, ''))")


class Neutral(Func):
    """The text with ``<``, ``>`` and ``&`` replaced by the ``NEUTRAL`` stand-ins."""

    output_field = TextField()

    def __init__(self, expression):
        template = "%(expressions)s"
        for char, stand_in in NEUTRAL.items():
            template = f"replace({template}, '{char}', '{stand_in}')"
        super().__init__(expression, template=template)


def web_query(value: str, config: str) -> SearchQuery:
    return SearchQuery(value, config=config, search_type="websearch")


@functools.cache
def _stemmer(config: str):
    return snowballstemmer.stemmer(config)


def substring_terms(value: str, config: str | None) -> list[str]:
    """Without PostgreSQL: the query's words, each cut to its Snowball stem in ``config``
    (a text search configuration's name, e.g. "english"); a language without word breaks
    or stemmer keeps the query whole."""
    words = re.findall(r"\w+", value.casefold())
    if not config or not words:
        return [value]
    return [stem for stem in _stemmer(config).stemWords(words) if stem] or [value]


def _substring_condition(expression, value: str, config: str | None) -> Q:
    """``expression`` holds the whole query, or every stemmed word of it (SQLite)."""
    from django.db.models.lookups import IContains

    condition = Q(IContains(expression, value))
    terms = substring_terms(value, config)
    if terms != [value]:
        every = Q()
        for term in terms:
            every &= Q(IContains(expression, term))
        condition |= every
    return condition


def text_condition(column: str, language: str, value: str) -> Q:
    """Rows whose ``column`` (a JSON text per language) matches ``value`` in ``language``."""
    if uses_postgres() and CONFIGS[language]:
        return Q(SearchVectorExact(LanguageVector(column, language), web_query(value, CONFIGS[language])))
    if uses_postgres():
        from django.db.models.lookups import Contains

        return Q(Contains(KeyText(column, language), value))
    return _substring_condition(KeyText(column, language), value, CONFIGS[language])


def any_language(column: str, value: str) -> Q:
    """Rows matching ``value`` in any stored language (each with its own configuration)."""
    condition = Q(pk__in=[])
    for language in CONFIGS:
        condition |= text_condition(column, language, value)
    return condition


def narrative_condition(value: str) -> Q:
    if not uses_postgres():
        condition = Q(pk__in=[])
        for config in NARRATIVE_CONFIGS:
            condition |= _substring_condition(F("narrative"), value, config)
        return condition
    from django.db.models.lookups import Contains

    condition = Q(Contains(F("narrative"), value))
    for config in NARRATIVE_CONFIGS:
        condition |= Q(SearchVectorExact(TextVector("narrative", config), web_query(value, config)))
    return condition


def document_condition(value: str, prefix: str = "") -> Q:
    """Documents whose symbol, title (any language), State or Committee matches."""
    lowered = value.casefold()
    states = [code for code, name in countries if lowered in str(name).casefold() or lowered == code.casefold()]
    committee_ids = Committee.objects.filter(Q(code__iexact=value) | Q(name__icontains=value)).values("pk")
    condition = (Q(**{f"{prefix}symbol__icontains": value}) | Q(**{f"{prefix}state__in": states})
                 | Q(**{f"{prefix}committee__in": committee_ids}))
    if uses_postgres():
        titles = Q(title__contains=value)
        for language, config in CONFIGS.items():
            if config:
                titles |= Q(SearchVectorExact(TextVector("title", config), web_query(value, config)), language=language)
    else:
        titles = Q(title__icontains=value)
    condition |= Q(**{f"{prefix}pk__in": LanguageVersion.objects.filter(titles).values("document_id")})
    return condition


def documents_matching(value: str) -> Q:
    """The condition of the document list's ``q``: metadata, or any text of the document."""
    return (document_condition(value) | Q(pk__in=Paragraph.objects.filter(any_language("text", value)).values("document_id"))
            | Q(pk__in=SubParagraph.objects.filter(any_language("text", value)).values("paragraph__document_id")))


def recommendations_matching(value: str) -> Q:
    """The condition of the recommendation lists' ``q``: the recommendation's text in any language."""
    return (Q(subparagraph__isnull=True, paragraph__in=Paragraph.objects.filter(any_language("text", value)))
            | Q(subparagraph__in=SubParagraph.objects.filter(any_language("text", value))))


# --- The search page -----------------------------------------------------------------


def check_query(value: str) -> str | None:
    """The reason a query cannot be searched, or None."""
    if not value.strip():
        return "empty"
    if len(value) > MAX_QUERY_LENGTH:
        return "long"
    return None


def _rank(vector, value, config):
    if uses_postgres() and config:
        return SearchRank(vector, web_query(value, config))
    return Value(1.0, output_field=FloatField())


def _branch(queryset: QuerySet, kind: str, language: str, rank, document_field: str) -> QuerySet:
    return queryset.annotate(
        hit_kind=Value(kind, output_field=TextField()), hit_id=F("pk"), hit_document=F(document_field),
        hit_language=Value(language, output_field=TextField()), hit_rank=rank,
    ).values("hit_kind", "hit_id", "hit_document", "hit_language", "hit_rank")


def hit_rows(user, value: str) -> QuerySet:
    """One row per (object, language) that matches: kind, id, document, language, rank —
    one UNION ALL query, ordered by rank."""
    branches = []
    for language, config in CONFIGS.items():
        for model, kind, column, document in ((Paragraph, PARAGRAPH, "text", "document_id"),
                                              (SubParagraph, SUBPARAGRAPH, "text", "paragraph__document_id"),
                                              (Heading, HEADING, "titles", "document_id")):
            vector = LanguageVector(column, language) if config and uses_postgres() else None
            rows = model.objects.filter(text_condition(column, language, value)).order_by()
            branches.append(_branch(rows, kind, language, _rank(vector, value, config), document))
    updates = perms.updates_visible_to(user, ProgressUpdate.objects.filter(narrative_condition(value))).order_by()
    if uses_postgres():
        rank = sum((SearchRank(TextVector("narrative", c), web_query(value, c)) for c in NARRATIVE_CONFIGS[1:]),
                   SearchRank(TextVector("narrative", NARRATIVE_CONFIGS[0]), web_query(value, NARRATIVE_CONFIGS[0])))
    else:
        rank = Value(1.0, output_field=FloatField())
    branches.append(_branch(updates, UPDATE, "", rank, "recommendation__document_id"))
    documents = Document.objects.filter(document_condition(value)).order_by()
    branches.append(_branch(documents, DOCUMENT, "", Value(1.0, output_field=FloatField()), "pk"))
    first, *others = branches
    return first.union(*others, all=True).order_by("-hit_rank", "hit_document", "hit_kind", "hit_id")


@dataclass
class Hit:
    kind: str
    language: str
    rank: float
    document: Document = None
    url: str = ""
    label: str = ""
    snippet: SafeString = field(default_factory=SafeString)
    object: object = None


def highlight(marked: str) -> SafeString:
    """Escape the whole text, then turn the matching pairs of marks into ``<mark>``."""
    for char, stand_in in NEUTRAL.items():
        marked = marked.replace(stand_in, char)
    text = escape(marked)
    text = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", text, flags=re.S)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


def mark_substring(text: str, value: str, width: int = 160) -> SafeString:
    """The part of ``text`` around the first occurrence of ``value``, every occurrence marked."""
    lowered, needle = text.casefold(), value.strip().casefold()
    at = lowered.find(needle) if needle else -1
    if at > width:
        text, lowered, at = "… " + text[at - width // 2:], "… " + lowered[at - width // 2:], width // 2 + 2
    if len(text) > 3 * width:
        text, lowered = text[: 3 * width] + " …", lowered[: 3 * width] + " …"
    if at < 0:
        return highlight(text)
    parts, start = [], 0
    for match in re.finditer(re.escape(needle), lowered):
        parts += [text[start:match.start()], START, text[match.start():match.end()], STOP]
        start = match.end()
    return highlight("".join(parts) + text[start:])


def _headlines(queryset, column, languages, value, pg_key=True):
    """Annotate ``hl_xx`` per language (or configuration, for narratives) with PostgreSQL's
    headline of that text."""
    annotations = {}
    for language in languages:
        config = CONFIGS.get(language) if pg_key else language
        if uses_postgres() and config:
            source = Neutral(KeyText(column, language) if pg_key else F(column))
            annotations[f"hl_{language}"] = SearchHeadline(source, web_query(value, config), config=config,
                                                           **HEADLINE_OPTIONS)
    return queryset.annotate(**annotations) if annotations else queryset


def _snippet(obj, text, language, value):
    marked = getattr(obj, f"hl_{language}", None)
    return highlight(marked) if marked is not None and START in marked else mark_substring(text, value)


def load_hits(rows, value: str, reader_language: str) -> list[Hit]:
    """The page's rows as ``Hit`` objects: one query per kind of hit on the page, and one
    for their documents."""
    hits = [Hit(kind=r["hit_kind"], language=r["hit_language"], rank=r["hit_rank"]) for r in rows]
    by_kind: dict[str, set] = {}
    for row in rows:
        by_kind.setdefault(row["hit_kind"], set()).add(row["hit_id"])
    languages = {r["hit_language"] for r in rows if r["hit_language"]}
    loaded = {}
    if PARAGRAPH in by_kind:
        qs = _headlines(Paragraph.objects.filter(pk__in=by_kind[PARAGRAPH]), "text", languages, value)
        loaded[PARAGRAPH] = {o.pk: o for o in qs}
    if SUBPARAGRAPH in by_kind:
        qs = _headlines(SubParagraph.objects.select_related("paragraph").filter(pk__in=by_kind[SUBPARAGRAPH]),
                        "text", languages, value)
        loaded[SUBPARAGRAPH] = {o.pk: o for o in qs}
    if HEADING in by_kind:
        qs = _headlines(Heading.objects.filter(pk__in=by_kind[HEADING]), "titles", languages, value)
        loaded[HEADING] = {o.pk: o for o in qs}
    if UPDATE in by_kind:
        qs = ProgressUpdate.objects.select_related("organization", "recommendation__paragraph",
                                                   "recommendation__subparagraph").filter(pk__in=by_kind[UPDATE])
        qs = _headlines(qs, "narrative", NARRATIVE_CONFIGS if uses_postgres() else (), value, pg_key=False)
        loaded[UPDATE] = {o.pk: o for o in qs}
    document_ids = {r["hit_document"] for r in rows}
    documents = {d.pk: d for d in Document.objects.select_related("committee").prefetch_related("versions")
                 .filter(pk__in=document_ids)}
    for hit, row in zip(hits, rows, strict=True):
        hit.document = documents[row["hit_document"]]
        hit.object = obj = loaded.get(hit.kind, {}).get(row["hit_id"]) if hit.kind != DOCUMENT else hit.document
        _describe(hit, obj, value, reader_language)
    return hits


def _describe(hit: Hit, obj, value: str, reader_language: str) -> None:
    base = hit.document.get_absolute_url()
    if hit.kind == PARAGRAPH:
        hit.url, hit.label = f"{base}?lang={hit.language}#{obj.anchor}", str(obj.number)
        hit.snippet = _snippet(obj, obj.text.get(hit.language, ""), hit.language, value)
    elif hit.kind == SUBPARAGRAPH:
        hit.url = f"{base}?lang={hit.language}#{obj.anchor}"
        hit.label = f"{obj.paragraph.number}({obj.label_in(hit.language)})"
        hit.snippet = _snippet(obj, obj.text.get(hit.language, ""), hit.language, value)
    elif hit.kind == HEADING:
        hit.url, hit.label = f"{base}?lang={hit.language}#{obj.anchor}", obj.label_in(hit.language)
        hit.snippet = _snippet(obj, obj.titles.get(hit.language, ""), hit.language, value)
    elif hit.kind == UPDATE:
        hit.url, hit.label = obj.get_absolute_url(), obj.recommendation.code
        marked = next((m for c in NARRATIVE_CONFIGS if START in (m := getattr(obj, f"hl_{c}", None) or "")), None)
        hit.snippet = highlight(marked) if marked else mark_substring(obj.narrative, value)
    else:
        hit.url, hit.label = base, obj.symbol
        hit.snippet = mark_substring(obj.title_in(reader_language), value)
