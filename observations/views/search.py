"""The search page: every language version of the documents, the narratives the reader
may see, and the documents' metadata (the queries: ``selectors.search``)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..choices import RTL_LANGUAGES
from ..selectors import search as selectors

PER_PAGE = 20


class CappedPaginator(Paginator):
    """Counts the hits up to ``settings.SEARCH_MAX_COUNTED`` and no further: counting every
    hit of a common word costs as much as ranking them, and nobody reads past the first
    pages. ``capped`` says there are more; the pages offered are those of the first hits."""

    @cached_property
    def counted(self) -> int:
        cap = settings.SEARCH_MAX_COUNTED
        return self.object_list.order_by()[: cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, settings.SEARCH_MAX_COUNTED)

    @property
    def capped(self) -> bool:
        return self.counted > settings.SEARCH_MAX_COUNTED


def search(request):
    query = request.GET.get("q", "")
    problem = selectors.check_query(query)
    context = {"query": query[: selectors.MAX_QUERY_LENGTH], "rtl_languages": RTL_LANGUAGES}
    if problem == "empty":
        context["message"] = _("Type one or more words to search for.") if "q" in request.GET else ""
    elif problem == "long":
        context["message"] = _("The search is too long: use at most %(count)d characters.") % {
            "count": selectors.MAX_QUERY_LENGTH}
    else:
        query = query.strip()
        page = CappedPaginator(selectors.hit_rows(request.user, query), PER_PAGE).get_page(request.GET.get("page"))
        page.hits = selectors.load_hits(list(page.object_list), query, (get_language() or "en")[:2])
        context.update(page=page, query=query, searched=True)
    return render(request, "observations/search/search.html", context, status=400 if problem == "long" else 200)
