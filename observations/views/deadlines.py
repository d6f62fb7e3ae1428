"""Views of a Committee deadline's life (met, extended, undone) and of the calendar feeds.

A deadline page is read by the coordinators and viewers of the document's State; its
changes are made by the State's coordinators. Anyone else is refused with a sentence
saying why (status 403) and nothing is changed. Writes go through
``services.deadlines``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..exports import calendar as feeds
from ..forms.deadlines import ExtendForm, MetForm, UndoForm
from ..forms.tracking import add_service_errors
from ..models import CalendarFeed, Deadline, HistoryEntry, Organization, display_name
from ..selectors.deadlines import committee_state
from ..services import deadlines as services


def refused(request, sentence: str, status: int = 403):
    """A refusal that says why, in a sentence; nothing was changed."""
    return render(request, "observations/deadlines/refused.html", {"sentence": sentence}, status=status)


def _deadline(pk) -> Deadline:
    return get_object_or_404(
        Deadline.objects.select_related("document", "document__committee", "stated_in").prefetch_related(
            "items", "items__paragraph", "items__subparagraph"
        ),
        pk=pk,
    )


def _other_state(deadline) -> str:
    return _("This deadline belongs to the follow-up of %(state)s, which you do not take part in; "
             "nothing was changed.") % {"state": deadline.document.state.name}


def _not_coordinator(deadline) -> str:
    return _("Only a coordinator of %(state)s may change the Committee's deadlines; nothing was changed.") % {
        "state": deadline.document.state.name}


def _manage_or_refuse(request, pk):
    """(deadline, None) if the user may manage it, else (None, refusal response)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    deadline = _deadline(pk)
    if perms.can_manage_deadlines(request.user, deadline.document):
        return deadline, None
    if not _takes_part(request.user, deadline):
        return None, refused(request, _other_state(deadline))
    return None, refused(request, _not_coordinator(deadline))


def _takes_part(user, deadline) -> bool:
    """Whether the user belongs to an organization of the deadline's State."""
    access = perms.access_for(user)
    return access.is_superuser or str(deadline.document.state) in access.member_states


def deadline_history(deadline) -> list:
    content_type = ContentType.objects.get_for_model(Deadline)
    return list(HistoryEntry.objects.filter(content_type=content_type, object_id=deadline.pk)
                .select_related("actor").order_by("-at", "-id"))


@login_required
def deadline_detail(request, pk):
    """A Committee deadline: its state, what it names, its changes, and the coordinator's actions."""
    deadline = _deadline(pk)
    if not perms.can_read_state_tracking(request.user, deadline.document.state):
        if _takes_part(request.user, deadline):
            return refused(request, _("This page is for the coordinators and viewers of the follow-up of "
                                      "%(state)s.") % {"state": deadline.document.state.name})
        return refused(request, _("This deadline belongs to the follow-up of %(state)s, which you do not take "
                                  "part in.") % {"state": deadline.document.state.name})
    return render(request, "observations/deadlines/deadline_detail.html", {
        "deadline": deadline, "document": deadline.document, "state": committee_state(deadline),
        "history": deadline_history(deadline),
        "can_manage": perms.can_manage_deadlines(request.user, deadline.document),
        "undo_form": UndoForm(),
    })


def _form_view(request, pk, form_class, template, apply):
    deadline, refusal = _manage_or_refuse(request, pk)
    if refusal:
        return refusal
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apply(deadline, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            return refused(request, _not_coordinator(deadline))
        else:
            messages.success(request, _("Saved: %(state)s.") % {"state": committee_state(deadline).text})
            return redirect("observations:deadline_detail", deadline.pk)
    return render(request, template, {"deadline": deadline, "document": deadline.document, "form": form,
                                      "state": committee_state(deadline)})


@login_required
def deadline_met(request, pk):
    """Mark the deadline met: date of submission and symbol of what was submitted."""
    def apply(deadline, data):
        services.mark_met(deadline, on=data["on"], symbol=data["symbol"], by=request.user)
    return _form_view(request, pk, MetForm, "observations/deadlines/met_form.html", apply)


@login_required
def deadline_extend(request, pk):
    """Record the Committee's extension: new date and its letter."""
    def apply(deadline, data):
        services.extend(deadline, to=data["to"], letter_date=data["letter_date"],
                        letter_reference=data["letter_reference"], by=request.user)
    return _form_view(request, pk, ExtendForm, "observations/deadlines/extend_form.html", apply)


@login_required
@require_POST
def deadline_undo(request, pk, what):
    """Undo a met mark or an extension recorded by mistake."""
    if what not in ("met", "extension"):
        raise Http404
    deadline, refusal = _manage_or_refuse(request, pk)
    if refusal:
        return refusal
    form = UndoForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    undo = services.undo_met if what == "met" else services.undo_extension
    try:
        undo(deadline, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("observations:deadline_detail", deadline.pk)
    messages.success(request, _("Undone: %(state)s.") % {"state": committee_state(deadline).text})
    return redirect("observations:deadline_detail", deadline.pk)


# --- Calendar feeds ------------------------------------------------------------------


def _feed_organizations(user) -> list:
    return [o for o in perms.user_organizations(user) if perms.can_manage_calendar_feed(user, o)]


@login_required
def calendar_feeds(request):
    """The user's feed addresses (theirs, their organizations'), to copy or regenerate."""
    personal = CalendarFeed.objects.filter(user=request.user).first()
    organizations = _feed_organizations(request.user)
    by_org = {f.organization_id: f for f in CalendarFeed.objects.filter(organization__in=organizations)}
    rows = [{"organization": o, "feed": by_org.get(o.pk)} for o in sorted(organizations, key=str)]
    return render(request, "observations/deadlines/calendar_feeds.html", {
        "personal": personal, "personal_url": _feed_url(request, personal), "rows": [
            dict(row, url=_feed_url(request, row["feed"])) for row in rows
        ],
    })


def _feed_url(request, feed):
    return request.build_absolute_uri(feed.get_absolute_url()) if feed else ""


@login_required
@require_POST
def calendar_regenerate(request):
    """Create a feed, or give it a new secret address (the old one stops working)."""
    target = request.POST.get("feed", "")
    if target == "personal":
        feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    else:
        try:
            organization = Organization.objects.get(pk=int(target))
        except (ValueError, Organization.DoesNotExist):
            return refused(request, _("There is no such calendar feed; nothing was changed."), status=404)
        if not perms.can_manage_calendar_feed(request.user, organization):
            return refused(request, _("Only members of %(name)s may manage its calendar feed; nothing was changed.")
                           % {"name": organization.name})
        feed, created = CalendarFeed.objects.get_or_create(organization=organization)
    if not created:
        feed.regenerate(by=request.user)
        messages.success(request, _("New address created: the old one no longer works."))
    else:
        messages.success(request, _("Calendar feed created."))
    return redirect(reverse("observations:calendar_feeds"))


def calendar_feed(request, token):
    """The feed itself (no login: the secret address is the key)."""
    feed = CalendarFeed.objects.select_related("user", "organization").filter(token=token).first()
    if feed is None:
        raise Http404
    base_url = request.build_absolute_uri("/")
    if feed.user_id:
        events = feeds.person_events(feed.user)
        name = _("Deadlines of %(name)s") % {"name": display_name(feed.user)}
    else:
        events = feeds.organization_events(feed.organization)
        name = _("Deadlines of %(name)s") % {"name": feed.organization.name}
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    response = HttpResponse(feeds.calendar_bytes(events, name=name, base_url=base_url),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
