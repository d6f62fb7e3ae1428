"""Organization names in the reader's language (``Organization.names``, falling back to
``name``): ``{{ org|org_name }}`` the full name, ``{{ org|org_label }}`` as lists show it
(the short name when there is no name in that language), ``{{ orgs|org_labels }}`` a list."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()


def organization_name(organization, language: str | None = None) -> str:
    if organization is None:
        return ""
    name_in = getattr(organization, "name_in", None)
    return name_in(language or get_language()) if name_in else str(organization)


def organization_label(organization, language: str | None = None) -> str:
    if organization is None:
        return ""
    label_in = getattr(organization, "label_in", None)
    return label_in(language or get_language()) if label_in else str(organization)


@register.filter
def org_name(organization) -> str:
    return organization_name(organization)


@register.filter
def org_label(organization) -> str:
    return organization_label(organization)


@register.filter
def org_labels(organizations) -> list[str]:
    return [organization_label(o) for o in organizations or ()]
