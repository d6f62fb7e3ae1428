"""Who sees what: the one place that decides.

Every view, service, export, template and admin page asks this package; none of them
decides on its own. ``from observations import permissions`` and
``from observations.permissions import X`` both work; the rules live in ``access``
(who the user is, once per request), ``tracking`` (recommendations, updates, evidence,
history), ``reports`` (the State's reports, NGO shadow reports) and ``deadlines``
(calendar feeds).

The rules (roles come from ``Membership.role`` in an *active* organization):

- **Superusers** see and do everything, except an NGO's unpublished shadow report.
- **Coordinator** in an organization of kind *coordinating body* runs the follow-up for
  the documents of that organization's ``state``: sees every recommendation, assignment,
  submitted/validated/returned update and history of those documents; assigns, reviews,
  validates, records the Committee's assessments, prepares the State's reports. A
  coordinator of another State sees nothing of it.
- **Viewer** in a coordinating body reads what that State's coordinator reads, and
  changes nothing.
- **Focal point** in any other State organization (ministry, NHRI, parliament,
  judiciary, partner) sees only the recommendations assigned to their organization, as
  lead or supporting, and reports progress on them. A *coordinator* role held in such an
  organization counts as focal point (the ministry's validating officer), since
  coordination belongs to the coordinating body. A *viewer* there reads the same as the
  organization's focal points and changes nothing.
- **Updates**: a draft is private to the organization that writes it; the State's
  coordinators and viewers see an update from its first submission (returned ones
  included); the other organizations assigned to the recommendation see only submitted
  and validated updates, never another organization's draft or returned update nor the
  coordinator's return comment (history entries about such an update included).
- **NGO members** (drafters and viewers of an NGO) never see State-internal tracking:
  no assignments, no updates, no history. For documents of their State they see the
  *public face*: the recommendation's text, its official (validated) status and the
  Committee's assessments. NGO drafters write their NGO's shadow report; its members
  read the draft; what it publishes, every signed-in user reads.
- **Import**: a coordinator imports the documents of their own State on the site's
  import page; staff allowed to add documents (and superusers) import those of every
  State, there or in the admin. Only the person who uploaded files confirms or cancels
  them.
- **Anyone else** (anonymous, logged-in without an organization, organizations of other
  States): nothing of the tracking.

Access is computed once per request for a user (``access_for``) from their memberships
(one query) and cached on the user object.
"""

from .access import (
    ASSIGNABLE_KINDS,
    FULL,
    PUBLIC,
    Access,
    access_for,
    assignable_organizations,
    assigned_reader_organizations,
    can_import_document_for,
    can_import_documents,
    can_open_import_page,
    can_read_public_page,
    can_read_state_tracking,
    can_see_import_findings,
    can_see_official_status,
    can_switch_public_page,
    coordinated_states,
    forget_access,
    is_coordinator,
    is_coordinator_for,
    is_focal_point,
    opens_public_face,
    user_organizations,
)
from .deadlines import can_manage_calendar_feed, can_manage_deadlines
from .reports import *  # noqa: F403
from .reports import __all__ as _reports_all
from .tracking import *  # noqa: F403
from .tracking import __all__ as _tracking_all

__all__ = [
    "ASSIGNABLE_KINDS", "FULL", "PUBLIC", "Access", "access_for", "assignable_organizations",
    "assigned_reader_organizations", "can_import_documents", "can_read_state_tracking", "can_see_import_findings",
    "can_see_official_status", "coordinated_states", "forget_access", "is_coordinator", "is_coordinator_for",
    "is_focal_point", "opens_public_face", "can_read_public_page", "can_switch_public_page",
    "user_organizations", "can_manage_calendar_feed", "can_manage_deadlines",
    "can_import_document_for", "can_open_import_page",
    *_reports_all, *_tracking_all,
]
