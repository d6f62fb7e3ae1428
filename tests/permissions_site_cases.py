"""The cases of the permission matrix of every page outside tracking (the State's reports, the NGO
shadow report, the document pages and the admin's import page): every view × every role ×
own/other object, who is allowed, what a denial looks like and what each page reveals to
whom; and the shadow reports and extra roles added to the tracking matrix's world
(``tests/test_permissions.py``). Checked by ``tests/test_permissions_site.py``.

Besides the roles of the tracking matrix: the drafter of another NGO, a member of the NGO
who is not a drafter (reads its draft, does not edit it), a staff member without
permissions, a staff member allowed to import documents, and a superuser.

Variants:
- shadow reports: "own" is the ``ngo``'s draft, "other" the ``other_ngo``'s draft (both on
  the own-State document, never published); "published" is the ``ngo``'s report on an
  earlier Kyrgyz document, published, then edited again (the later edits stay private);
- the State's reports: the own-State document and the other-State document, and a
  follow-up deadline of one document asked for under the other's address.

Pages open to several roles show some parts to some of them only (``reveals``): the
official status of recommendations, links to tracking pages, the importer's findings, the
State's reports, the form that starts a shadow report, the NGO's own drafts; each shows
to exactly the roles the rules name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from observations.choices import DeadlineKind, NgoAssessment, Role
from observations.models import (
    Deadline,
    LanguageVersion,
    ShadowEntry,
    ShadowReport,
)
from observations.services import reports as shadow_services
from tests.conftest import SEED_EN
from tests.factories import make_document, make_user
from tests.test_permissions import (
    ANONYMOUS,
    COORDINATOR,
    COORDINATOR_TJ,
    FOCAL_A,
    FOCAL_B,
    NGO,
    ROLES,
    VIEWER,
    Case,
    doc,
    state_coordinator,
    state_readers,
)

NGO_OTHER, NGO_MEMBER = "other_ngo_drafter", "ngo_member"
STAFF, IMPORTER, SUPERUSER = "staff", "staff_importer", "superuser"
SITE_ROLES = (*ROLES, NGO_OTHER, NGO_MEMBER, STAFF, IMPORTER, SUPERUSER)
EVERYONE = frozenset(SITE_ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}

# Who belongs to the NGO of each shadow report, and who drafts for it.
MEMBERS = {"own": {NGO, NGO_MEMBER}, "other": {NGO_OTHER}, "published": {NGO, NGO_MEMBER}}
DRAFTERS = {"own": {NGO}, "other": {NGO_OTHER}, "published": {NGO}}
SHADOW_VARIANTS = ("own", "other", "published")

# Text found only in drafts, and who may ever read it. "PUBLISHED-TEXT" is what the NGO
# published: any signed-in user may read it.
SECRETS = {"SECRET-OWN": MEMBERS["own"], "SECRET-OTHER": MEMBERS["other"], "SECRET-LATER": MEMBERS["published"]}
SECRET_OF = {"own": "SECRET-OWN", "other": "SECRET-OTHER", "published": "SECRET-LATER"}

# What a denial looks like.
LOGIN = "a redirect to the login page"
ADMIN_LOGIN = "a redirect to the admin's login page"
NOT_FOUND = "404"
FORBIDDEN = "403"
REFUSED = "403 or 404"
FORM_ERROR = "a redirect back with nothing saved"


def signed_in_refused(role, variant):
    return LOGIN if role == ANONYMOUS else REFUSED


@dataclass(frozen=True)
class SiteCase(Case):
    denial: Callable = signed_in_refused  # (role, variant) -> what a denial looks like
    # (world, variant) -> {text: roles}: on the pages of the allowed roles, the text shows
    # exactly for these roles.
    reveals: Callable = lambda w, variant: {}  # noqa: E731


def build_site(world):  # noqa: F811  (the world, not the fixture)
    ngo, other_ngo = world.organizations["ngo"], world.organizations["other_ngo"]
    ngo_drafter, other_ngo_drafter = world.users[NGO], world.users[NGO_OTHER]
    own_state = world.documents["own_state"]
    earlier = make_document(symbol="CMW/C/KGZ/CO/1", state="KG")
    world.documents["earlier"] = earlier
    LanguageVersion.objects.create(
        document=earlier, language="en", original=b"...", file_name="STAFF-ONLY.txt", checksum="0" * 64,
        importer_version="1", findings=[{"code": "symbol_derived", "line": None, "level": "info",
                                         "message": "STAFF-ONLY: the symbol was derived."}])
    importer = make_user("importer", is_staff=True)
    importer.user_permissions.add(
        Permission.objects.get(codename="add_document", content_type__app_label="observations"))
    world.users.update({
        NGO_OTHER: other_ngo_drafter,
        NGO_MEMBER: make_user("ngo_member", ngo, Role.VIEWER),
        STAFF: make_user("plain_staff", is_staff=True),
        IMPORTER: importer,
        SUPERUSER: make_user("root", is_staff=True, is_superuser=True),
    })

    def write(report, user, number, letter=None, version=0, **data):
        paragraph = report.document.paragraphs.get(number=number)
        values = {"assessment": NgoAssessment.NOT_IMPLEMENTED, "narrative": "", "evidence": [], "proposals": ""}
        values.update(data)
        return shadow_services.save_entry(
            report=report, paragraph=paragraph, subparagraph=paragraph.subparagraphs.get(letter=letter) if letter
            else None, data=values, version=version, user=user)

    def start(organization, document, user, title):
        report, _created = shadow_services.start_report(organization=organization, document=document, user=user)
        return shadow_services.save_report_details(
            report=report, data={"title": title, "introduction": f"{title} introduction", "language": "en"},
            version=report.version, user=user)

    own = start(ngo, own_state, ngo_drafter, "SECRET-OWN title")
    write(own, ngo_drafter, 6, narrative="SECRET-OWN-6: nothing changed.")
    write(own, ngo_drafter, 4, "b", narrative="SECRET-OWN-4B: a pilot only.", proposals="SECRET-OWN proposal")
    other = start(other_ngo, own_state, other_ngo_drafter, "SECRET-OTHER title")
    write(other, other_ngo_drafter, 6, narrative="SECRET-OTHER-6: detention continues.")
    write(other, other_ngo_drafter, 4, "b", narrative="SECRET-OTHER-4B.")

    published = start(ngo, earlier, ngo_drafter, "PUBLISHED-TEXT title")
    entry = write(published, ngo_drafter, 6, narrative="PUBLISHED-TEXT on paragraph 6.")
    shadow_services.publish(report=published, user=ngo_drafter)
    # Edited after publication: stays private until the NGO publishes again.
    write(published, ngo_drafter, 6, version=entry.version, narrative="SECRET-LATER-6: edited after publication.")
    write(published, ngo_drafter, 4, "b", narrative="SECRET-LATER-4B.")
    published = shadow_services.save_report_details(
        report=published, data={"title": "SECRET-LATER title", "introduction": "SECRET-LATER introduction",
                                "language": "en"}, version=published.version, user=ngo_drafter)
    for key, report in (("own", own), ("other", other), ("published", published)):
        world.objects[key] = {"report": report}
    return world


# --- Addresses and forms ----------------------------------------------------------------


def shadow(name, *extra):
    return lambda w, variant: reverse(f"observations:{name}", args=[w.objects[variant]["report"].pk, *extra])


def report_of(w, variant) -> ShadowReport:
    return ShadowReport.objects.get(pk=w.objects[variant]["report"].pk)


def entry_version(w, variant, number, letter=None):
    entry = ShadowEntry.objects.filter(report=report_of(w, variant), paragraph__number=number,
                                       subparagraph__letter=letter).first()
    return entry.version if entry else 0


def entry_form(narrative, version, **extra):
    return {"assessment": NgoAssessment.NOT_IMPLEMENTED, "narrative": narrative, "evidence": "",
            "proposals": "", "version": version, "action": "save", **extra}


def follow_up(name):
    """The follow-up deadline of a document; "own_state/other_state" asks for the other
    document's deadline under the own document's address."""
    def url(w, variant):
        slug_key, _slash, deadline_key = variant.partition("/")
        deadline = Deadline.objects.get(document=w.documents[deadline_key or slug_key],
                                        kind=DeadlineKind.FOLLOW_UP)
        return reverse(f"observations:{name}", args=[w.documents[slug_key].slug, deadline.pk])
    return url


def import_form(w, variant):
    return {
        "files-TOTAL_FORMS": "6", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0", "files-MAX_NUM_FORMS": "6",
        "symbol": "", "files-0-file": SimpleUploadedFile(SEED_EN.name, SEED_EN.read_bytes(), "text/plain"),
        "files-0-language": "en",
    }


# --- Who may do what ---------------------------------------------------------------------


def preparers(variant):
    """The State's reports: coordinators of the document's State, and superusers."""
    if "/" in variant:  # a deadline of another document: nobody
        return set()
    return state_coordinator(variant) | {SUPERUSER}


def state_report_denial(role, variant):
    if role == ANONYMOUS:
        return LOGIN
    return REFUSED if "/" in variant else FORBIDDEN


def draft_denial(role, variant):
    """A draft does not exist for anyone outside its NGO, signed in or not, superusers
    included; a member who is not a drafter is refused the editing pages."""
    return FORBIDDEN if role in MEMBERS[variant] else NOT_FOUND


def start_denial(role, variant):
    if role == ANONYMOUS:
        return LOGIN
    if role in (NGO, NGO_OTHER):  # a drafter, naming another NGO: the form refuses it
        return FORM_ERROR
    return FORBIDDEN


def publication_readers(variant):
    return SIGNED_IN if variant == "published" else set()


def publication_denial(role, variant):
    return LOGIN if role == ANONYMOUS else NOT_FOUND


def admin_denial(role, variant):
    return FORBIDDEN if role == STAFF else ADMIN_LOGIN


def members(variant):
    return MEMBERS[variant]


def drafters(variant):
    return DRAFTERS[variant]


def secret(w, variant):
    return {SECRET_OF[variant]: MEMBERS[variant]}


def published_only(w, variant):
    """A published snapshot, never a draft's text, not even to the NGO's members."""
    return {"PUBLISHED-TEXT": SIGNED_IN, "SECRET": set()} if variant == "published" else {}


def status_readers(variant):
    """Who sees the official status of a document's recommendations: members of an
    organization of its State, NGOs included, and superusers."""
    if variant == "other_state":
        return {COORDINATOR_TJ, SUPERUSER}
    return {VIEWER, FOCAL_A, FOCAL_B, NGO, COORDINATOR, NGO_OTHER, NGO_MEMBER, SUPERUSER}


def tracking_readers(w, variant):
    """Who is linked to the recommendations' pages: the State's coordinators and viewers,
    the organizations assigned (no assignment on the earlier document), superusers, and the
    State's NGOs (who open the public face: text, official status, Committee grade)."""
    readers = state_readers(variant if variant == "other_state" else "own_state") | {SUPERUSER}
    ngos = {NGO, NGO_OTHER, NGO_MEMBER} if variant != "other_state" else set()
    return readers | ngos | ({FOCAL_A, FOCAL_B} if variant == "own_state" else set())


def document_page(w, variant):
    return {
        'class="recommendation-status"': status_readers(variant),
        'class="tracking-link"': tracking_readers(w, variant),
        reverse("observations:tracking_dashboard", args=[w.documents[variant].slug]):
            state_readers(variant if variant == "other_state" else "own_state") | {SUPERUSER},
        # The importer's findings (only the earlier document has an imported version).
        "STAFF-ONLY": {STAFF, IMPORTER, SUPERUSER} if variant == "earlier" else set(),
    }


def reports_page(w, variant):
    document = w.documents[variant]
    shown = {
        'id="state-reports"': preparers(variant if variant == "other_state" else "own_state"),
        reverse("observations:shadow_report_start", args=[document.slug]):  # drafters of an NGO without one
            {"own_state": set(), "other_state": {NGO, NGO_OTHER}, "earlier": {NGO_OTHER}}[variant],
    }
    if variant == "own_state":  # each NGO's draft, to its members
        shown.update({"SECRET-OWN": MEMBERS["own"], "SECRET-OTHER": MEMBERS["other"]})
    if variant == "earlier":  # the draft to the NGO's members, what it published to all
        published = w.objects["published"]["report"]
        shown.update({"SECRET-LATER": MEMBERS["published"],
                      reverse("observations:shadow_publication", args=[published.pk]): SIGNED_IN})
    return shown


DOCUMENT_VARIANTS = ("own_state", "other_state")
DEADLINE_VARIANTS = (*DOCUMENT_VARIANTS, "own_state/other_state", "other_state/own_state")
ALL_DOCUMENTS = (*DOCUMENT_VARIANTS, "earlier")
DRAFT = {"variants": SHADOW_VARIANTS, "denial": draft_denial}

CASES = [
    # The reports page of a document: any signed-in user (each sees their own NGO's drafts only).
    SiteCase("document_reports", "get", doc("document_reports"), lambda v: SIGNED_IN, variants=ALL_DOCUMENTS,
             reveals=reports_page),
    # The State's reports.
    *[SiteCase(name, "get", follow_up(name), preparers, variants=DEADLINE_VARIANTS, denial=state_report_denial)
      for name in ("follow_up_report", "follow_up_report_docx")],
    *[SiteCase(name, "get", doc(name), preparers, variants=DOCUMENT_VARIANTS, denial=state_report_denial)
      for name in ("periodic_report", "periodic_report_docx")],
    # The NGO shadow report: starting one (on the other State's document, where no NGO has
    # one), in the name of the own NGO or of the other.
    SiteCase("shadow_report_start", "post",
             lambda w, v: reverse("observations:shadow_report_start", args=[w.documents["other_state"].slug]),
             lambda v: DRAFTERS[v], variants=("own", "other"), denial=start_denial,
             data=lambda w, v: {"organization": w.organizations[{"own": "ngo", "other": "other_ngo"}[v]].pk}),
    SiteCase("shadow_report", "get", shadow("shadow_report"), members, reveals=secret, **DRAFT),
    SiteCase("shadow_report_edit", "get", shadow("shadow_report_edit"), drafters, reveals=secret, **DRAFT),
    SiteCase("shadow_report_edit", "post", shadow("shadow_report_edit"), drafters, **DRAFT,
             data=lambda w, v: {"title": "FORGED", "language": "en", "introduction": "FORGED",
                                "version": report_of(w, v).version}),
    SiteCase("shadow_entry", "get", shadow("shadow_entry", 6), drafters, reveals=secret, **DRAFT),
    SiteCase("shadow_entry", "post", shadow("shadow_entry", 6), drafters, **DRAFT,
             data=lambda w, v: entry_form("FORGED", entry_version(w, v, 6))),
    SiteCase("shadow_entry (delete)", "post", shadow("shadow_entry", 6), drafters, **DRAFT,
             data=lambda w, v: {"action": "delete", "confirm": "yes", "version": entry_version(w, v, 6)}),
    SiteCase("shadow_entry_sub", "get", shadow("shadow_entry_sub", 4, "b"), drafters, reveals=secret, **DRAFT),
    SiteCase("shadow_entry_sub (new entry)", "post", shadow("shadow_entry_sub", 4, "a"), drafters, **DRAFT,
             data=lambda w, v: entry_form("FORGED", 0)),
    SiteCase("shadow_entry_sub (edit)", "post", shadow("shadow_entry_sub", 4, "b"), drafters, **DRAFT,
             data=lambda w, v: entry_form("FORGED", entry_version(w, v, 4, "b"))),
    *[SiteCase(f"shadow_report_export {fmt}", "get", shadow("shadow_report_export", fmt), members, reveals=secret,
               **DRAFT) for fmt in ("md", "docx")],
    SiteCase("shadow_report_publish", "post", shadow("shadow_report_publish"), drafters, **DRAFT),
    # What an NGO published: any signed-in user, and only the snapshot, never the draft.
    SiteCase("shadow_publication", "get", shadow("shadow_publication"), publication_readers, variants=SHADOW_VARIANTS,
             denial=publication_denial, reveals=published_only),
    *[SiteCase(f"shadow_publication_export {fmt}", "get", shadow("shadow_publication_export", fmt),
               publication_readers, variants=SHADOW_VARIANTS, denial=publication_denial, reveals=published_only)
      for fmt in ("md", "docx")],
    # The document pages: published UN documents, public.
    SiteCase("document_list", "get", lambda w, v: reverse("observations:document_list"), lambda v: EVERYONE,
             variants=("-",)),
    SiteCase("document_detail", "get", doc("document_detail"), lambda v: EVERYONE, variants=ALL_DOCUMENTS,
             reveals=document_page),
    SiteCase("paragraph_detail", "get", doc("paragraph_detail", 4), lambda v: EVERYONE, variants=ALL_DOCUMENTS),
    # The admin's import page: staff allowed to add documents.
    *[SiteCase("admin:observations_document_import", method,
               lambda w, v: reverse("admin:observations_document_import"), lambda v: {IMPORTER, SUPERUSER},
               variants=("-",), denial=admin_denial, data=import_form) for method in ("get", "post")],
]
