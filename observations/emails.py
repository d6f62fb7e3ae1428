"""E-mails of the tracker: one helper that writes a message from three templates
(subject, plain text, HTML) in the reader's language."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import RTL_LANGUAGES, DeadlineKind, ReminderKind


def site_url(path: str = "") -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def templated_message(name: str, context: dict, *, to: list[str], language: str, headers=None) -> EmailMultiAlternatives:
    """The message ``emails/<name>_subject.txt``, ``<name>.txt`` and ``<name>.html`` make
    for ``context``, rendered in ``language``."""
    with translation.override(language):
        context = dict(context, language=language, direction="rtl" if language in RTL_LANGUAGES else "ltr")
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to,
                                     headers=dict(headers or {}, **{"Content-Language": language}))
    message.attach_alternative(html, "text/html")
    return message


def _date(value: str | None) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT") if value else ""


def _title(group: dict) -> str:
    labels = dict(DeadlineKind.choices)
    labels.update({ReminderKind.INTERNAL: _("Internal deadline")})
    if group["type"] == "escalation":
        return _("Internal deadlines passed: who is late")
    if group["type"] == "undated":
        return _("%(kind)s: no date recorded") % {"kind": labels.get(group["kind"], group["kind"])}
    label = str(labels.get(group["kind"], group["kind"]))
    if group["type"] == "internal" and group.get("role") == "supporting":
        return _("%(kind)s (as supporting organization)") % {"kind": label}
    return label


def _when(group: dict, day: dt.date) -> str:
    if not group.get("due"):
        return ""
    due = dt.date.fromisoformat(group["due"])
    days = (due - day).days
    if days > 0:
        return ngettext("due on %(date)s, in %(n)d day", "due on %(date)s, in %(n)d days", days) % {
            "date": _date(group["due"]), "n": days}
    if days == 0:
        return _("due today, %(date)s") % {"date": _date(group["due"])}
    return ngettext("overdue by %(n)d day, since %(date)s", "overdue by %(n)d days, since %(date)s", -days) % {
        "date": _date(group["due"]), "n": -days}


def _late_rows(late: dict) -> list[tuple[int | None, str, list]]:
    """(organization id, name when planned, codes) of a group's "late" map: keyed by the
    organization's id (or, in digests planned before ids were recorded, by its name)."""
    rows = []
    for key, value in late.items():
        if isinstance(value, list) and len(value) == 2 and isinstance(value[1], list):
            rows.append((int(key) if str(key).isdigit() else None, value[0], value[1]))
        else:
            rows.append((None, key, value))
    return rows


def _organization_names(groups) -> dict:
    """The current names, in the active language, of the organizations the groups name."""
    from .models import Organization
    from .templatetags.organization_tags import organization_label

    ids = {org_id for group in groups for org_id, _name, _codes in _late_rows(group.get("late", {})) if org_id}
    ids.update(item["organization_id"] for group in groups for item in group["items"] if item.get("organization_id"))
    language = translation.get_language()
    return {pk: organization_label(org, language) for pk, org in Organization.objects.in_bulk(ids).items()}


def digest_groups(notification, day: dt.date) -> list[dict]:
    """The groups of a digest as the templates show them (call with the language active):
    organizations by their name in that language."""
    names = _organization_names(notification.items)
    shown = []
    for group in notification.items:
        late = sorted(({"organization": names.get(org_id, name), "codes": ", ".join(codes)}
                       for org_id, name, codes in _late_rows(group.get("late", {}))),
                      key=lambda row: row["organization"])
        items = [dict(item, url=site_url(item["url"]), since=_date(item.get("since")),
                      organization=names.get(item.get("organization_id"), item.get("organization")))
                 for item in group["items"]]
        shown.append(dict(group, title=_title(group), when=_when(group, day), url=site_url(group.get("url", "")),
                          items=items, late=late))
    return shown


def build_digest(notification, address: str) -> EmailMultiAlternatives:
    """The digest e-mail of one outbox row, with its unsubscribe headers and a Message-ID
    that stays the same for every attempt."""
    from .models import display_name
    from .services.notifications import unsubscribe_token

    language = notification.language or settings.LANGUAGE_CODE
    unsubscribe = site_url(reverse("observations:unsubscribe", args=[unsubscribe_token(notification.recipient_id)]))
    with translation.override(language):
        groups = digest_groups(notification, notification.day)
        context = {
            "recipient": notification.recipient,
            "name": display_name(notification.recipient),
            "day": formats.date_format(notification.day, "DATE_FORMAT"),
            "groups": groups,
            "count": len(groups),
            "overdue": any(g.get("overdue") for g in groups),
            "settings_url": site_url(reverse("observations:notification_settings")),
            "unsubscribe_url": unsubscribe,
            "site_url": site_url("/"),
        }
    headers = {
        "Message-ID": notification.message_id,
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return templated_message("digest", context, to=[address], language=language, headers=headers)
