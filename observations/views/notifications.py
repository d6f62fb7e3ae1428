"""Pages of the reminders: a person's notification settings, the one-click unsubscribe
(no login: a signed token), and for coordinators the State's outbox and reminder schedule.

Who may do what is asked of ``observations.permissions``: a coordinator sees the digests
of the people of their own States only; a digest of another State is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_countries import countries

from .. import permissions as perms
from ..choices import NotificationStatus, ReminderKind
from ..forms.notifications import NotificationSettingsForm, ScheduleForm
from ..models import Document, Notification, ReminderSchedule
from ..models.notifications import DEFAULT_DAYS_BEFORE, DEFAULT_OVERDUE_EVERY
from ..services import notifications as reminders

PER_PAGE = 50


def _coordinated_states(user) -> list[str]:
    access = perms.access_for(user)
    if access.is_superuser:
        return sorted({str(s) for s in Document.objects.values_list("state", flat=True)})
    return sorted(access.coordinator_states)


@login_required
def notification_settings(request):
    obj = reminders.settings_for(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings are saved."))
        return redirect("observations:notification_settings")
    return render(request, "observations/notifications/settings.html", {
        "form": form, "email": request.user.email, "is_coordinator": bool(_coordinated_states(request.user)),
    })


@csrf_exempt  # one-click unsubscribe (RFC 8058) posts without a session; the signed token is the credential
def unsubscribe(request, token):
    user = reminders.user_for_token(token)
    if user is None:
        return render(request, "observations/notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        reminders.unsubscribe(user)
        return render(request, "observations/notifications/unsubscribe.html", {"done": True, "person": user})
    return render(request, "observations/notifications/unsubscribe.html", {"person": user, "token": token})


def _outbox_for(user):
    states = _coordinated_states(user)
    if not states:
        raise PermissionDenied(_("Only coordinators see the reminders sent in their State."))
    queryset = Notification.objects.select_related("recipient")
    if not perms.access_for(user).is_superuser:
        queryset = queryset.filter(recipient__memberships__organization__state__in=states).distinct()
    return queryset.order_by("-day", "recipient__username"), states


@login_required
def outbox(request):
    queryset, states = _outbox_for(request.user)
    status = request.GET.get("status", "")
    if status in NotificationStatus.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "observations/notifications/outbox.html", {
        "page": page, "states": [countries.name(s) for s in states], "status": status,
        "statuses": NotificationStatus.choices,
    })


@login_required
@require_POST
def resend(request, pk):
    queryset, _states = _outbox_for(request.user)
    notification = get_object_or_404(queryset, pk=pk)
    if reminders.resend(notification):
        from ..tasks.notifications import enqueue_sends

        transaction.on_commit(lambda: enqueue_sends([notification.pk]))
        messages.success(request, _("The digest to %(name)s is queued again.") % {"name": notification.recipient})
    else:
        messages.error(request, _("Only a failed digest can be sent again; this one is %(status)s.")
                       % {"status": notification.get_status_display()})
    return redirect(reverse("observations:notification_outbox"))


@login_required
def schedule(request):
    states = _coordinated_states(request.user)
    if not states:
        raise PermissionDenied(_("Only coordinators change the reminder schedule."))
    state = request.GET.get("state") or request.POST.get("state") or states[0]
    if state not in states:
        raise Http404(_("No such State among those you coordinate."))
    saved = {s.kind: s for s in ReminderSchedule.objects.filter(state=state)}
    forms = {}
    for kind, label in ReminderKind.choices:
        current = saved.get(kind)
        initial = {
            "days_before": ", ".join(str(d) for d in (current.days_before if current else DEFAULT_DAYS_BEFORE)),
            "overdue_every_days": current.overdue_every_days if current else DEFAULT_OVERDUE_EVERY,
        }
        bound = request.method == "POST" and request.POST.get("kind") == kind
        forms[kind] = (label, ScheduleForm(request.POST if bound else None, initial=initial, prefix=kind))
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in forms:
            messages.error(request, _("Choose which kind of deadline to change."))
        else:
            form = forms[kind][1]
            if form.is_valid():
                reminders.save_schedule(state=state, kind=kind, days_before=form.cleaned_data["days_before"],
                                        overdue_every=form.cleaned_data["overdue_every_days"], by=request.user)
                messages.success(request, _("The schedule for %(kind)s is saved.") % {"kind": forms[kind][0]})
                return redirect(f"{reverse('observations:reminder_schedule')}?state={state}")
    return render(request, "observations/notifications/schedule.html", {
        "forms": [(kind, label, form) for kind, (label, form) in forms.items()],
        "state": state, "state_name": countries.name(state), "states": [(s, countries.name(s)) for s in states],
    }, status=400 if request.method == "POST" else 200)
