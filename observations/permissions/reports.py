"""Who sees and does what with reports: the State's reports (follow-up and periodic) and
the NGO shadow reports.

- The State's reports are prepared by the coordinators of the document's State (and
  superusers).
- A shadow report draft belongs to its NGO: its members (any role) read it, its NGO
  drafters write and publish it. For everyone else, superusers included, it does not
  exist.
- What an NGO published (the snapshot taken at publication, never the draft) is read by
  any signed-in user.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Organization, ShadowReport
from .access import access_for, is_coordinator_for


def can_prepare_state_reports(user, document) -> bool:
    """Coordinators of the document's State (and superusers) draft the State's reports."""
    return is_coordinator_for(user, document.state)


def drafting_organizations(user) -> QuerySet:
    """The NGOs for which ``user`` may draft a shadow report."""
    ids = access_for(user).ngo_drafter_org_ids
    return Organization.objects.filter(pk__in=list(ids)) if ids else Organization.objects.none()


def can_draft_for(user, organization) -> bool:
    """Start, write, publish the shadow reports of ``organization``: its NGO drafters."""
    return organization is not None and organization.pk in access_for(user).ngo_drafter_org_ids


def can_start_shadow_report(user) -> bool:
    """Whether the user drafts for some NGO (and so may start a shadow report)."""
    return bool(access_for(user).ngo_drafter_org_ids)


def shadow_reports_readable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Shadow report drafts the user may read: those of their NGOs, in any role."""
    queryset = ShadowReport.objects.all() if queryset is None else queryset
    ids = access_for(user).ngo_org_ids
    return queryset.filter(organization_id__in=list(ids)) if ids else queryset.none()


def shadow_reports_editable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Shadow report drafts the user may edit: those of the NGOs they draft for."""
    queryset = ShadowReport.objects.all() if queryset is None else queryset
    ids = access_for(user).ngo_drafter_org_ids
    return queryset.filter(organization_id__in=list(ids)) if ids else queryset.none()


def can_read_shadow_draft(user, report: ShadowReport) -> bool:
    """The per-object form of ``shadow_reports_readable_by``."""
    return report.organization_id in access_for(user).ngo_org_ids


def can_edit_shadow_report(user, report: ShadowReport) -> bool:
    """Write entries, details, publish: the per-object form of ``shadow_reports_editable_by``."""
    return report.organization_id in access_for(user).ngo_drafter_org_ids


def can_read_publication(user, report: ShadowReport) -> bool:
    """What the NGO published: any signed-in user, once it is published."""
    return access_for(user).is_authenticated and report.published_at is not None


__all__ = [
    "can_draft_for", "can_edit_shadow_report", "can_prepare_state_reports", "can_read_publication",
    "can_read_shadow_draft", "can_start_shadow_report", "drafting_organizations", "shadow_reports_editable_by",
    "shadow_reports_readable_by",
]
