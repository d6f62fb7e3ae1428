"""The links of a list's Export menu: the page's own URL and query string, with the
format asked for (``exports.tables``) and without the page number."""

from __future__ import annotations

from django import template

from ..exports.tables import EXPORT_PARAMETERS

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    request = context["request"]
    query = request.GET.copy()
    for name in (*EXPORT_PARAMETERS, "page"):
        query.pop(name, None)
    query["_export"] = fmt
    return f"{request.path}?{query.urlencode()}"
