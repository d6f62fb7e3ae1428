"""The permission grid's cases: the expected outcome for every role × own/other organization ×
own/other State × every state of the object, written as tables, and the world they are checked
on (``tests/test_permissions_grid.py`` checks them; ``tests/test_api_grid.py`` checks the API
against the same tables).

The world (built once for each module that asks for it):

- Kyrgyzstan (KG), document D: recommendation 6 led by ministry A with ministry B
  supporting; 4(b) led by ministry B alone; 4(a) not assigned. Tajikistan (TJ), document
  T: recommendation 6 led by the Tajik ministry.
- Updates on 6 (of D), for each writer A and B, and on 6 (of T) by the Tajik ministry,
  in every state: draft, submitted, returned (with the coordinator's comment), validated
  (the current version) and superseded (an earlier validated version).
- Shadow reports: the NGO's and the other NGO's (both KG), and a Tajik NGO's, each a
  draft on one document and a published report on another."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from observations.choices import NgoAssessment, OrganizationKind, Role
from observations.models import ProgressUpdate, ShadowReport
from observations.services import reports as shadow_services
from observations.services import tracking as services
from tests.factories import make_document, make_organization, make_user
from tests.helpers import MINIMAL_PDF, built_once

TODAY = dt.date.today()


def table(text: str) -> dict:
    """{row: {column: cell}} from a table whose first line names the columns."""
    lines = [line.split() for line in text.strip().splitlines() if line.strip() and not line.startswith("#")]
    columns = lines[0]
    grid = {}
    for row, *cells in lines[1:]:
        assert len(cells) == len(columns), row
        grid[row] = dict(zip(columns, cells, strict=True))
    return grid


# --- The expected grid ---------------------------------------------------------------------
#
# Roles: superuser; coordinator and viewer of KG's coordinating body; focal point and viewer
# of ministry A; focal point of ministry B; NGO drafter and NGO viewer of the KG NGO; drafter
# of the other KG NGO; viewer of a Tajik NGO; coordinator and focal point in Tajikistan; a
# signed-in user without an organization; anonymous.

# Updates: what ``update_actions`` allows. V view, E edit and submit, C correct (start a new
# version), R review (validate or return), - nothing (the update does not exist for them).
# Columns: writer (A, B: KG ministries; T: the Tajik ministry) and state (d draft,
# s submitted, r returned, v validated, x superseded).
UPDATES = table("""
                Ad  As  Ar  Av  Ax   Bd  Bs  Br  Bv  Bx   Td  Ts  Tr  Tv  Tx
superuser       VE  VR  VC  VC  V    VE  VR  VC  VC  V    VE  VR  VC  VC  V
coordinator     -   VR  V   V   V    -   VR  V   V   V    -   -   -   -   -
state_viewer    -   V   V   V   V    -   V   V   V   V    -   -   -   -   -
focal_a         VE  V   VC  VC  V    -   V   -   V   V    -   -   -   -   -
viewer_a        V   V   V   V   V    -   V   -   V   V    -   -   -   -   -
focal_b         -   V   -   V   V    VE  V   VC  VC  V    -   -   -   -   -
ngo_drafter     -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
ngo_viewer      -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
other_ngo       -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
ngo_tj          -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
coordinator_tj  -   -   -   -   -    -   -   -   -   -    -   VR  V   V   V
focal_tj        -   -   -   -   -    -   -   -   -   -    VE  V   VC  VC  V
outsider        -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
anonymous       -   -   -   -   -    -   -   -   -   -    -   -   -   -   -
""")

# Recommendations. F internal tracking (assignment, updates, history), P public face only
# (text, official status, Committee's grade), s official status shown on the document's
# pages, a assign and record the Committee's grade, w write a new update, - nothing.
# Columns: KG 6 (lead A, supporting B), KG 4(b) (lead B), KG 4(a) (unassigned), TJ 6 (lead
# the Tajik ministry).
RECOMMENDATIONS = table("""
                lead_a_supporting_b  lead_b  unassigned  tajik
superuser       Fsaw                 Fsaw    Fsa         Fsaw
coordinator     Fsa                  Fsa     Fsa         -
state_viewer    Fs                   Fs      Fs          -
focal_a         Fsw                  s       s           -
viewer_a        Fs                   s       s           -
focal_b         Fsw                  Fsw     s           -
ngo_drafter     Ps                   Ps      Ps          -
ngo_viewer      Ps                   Ps      Ps          -
other_ngo       Ps                   Ps      Ps          -
ngo_tj          -                    -       -           Ps
coordinator_tj  -                    -       -           Fsa
focal_tj        -                    -       -           Fsw
outsider        -                    -       -           -
anonymous       -                    -       -           -
""")

# Documents. t whole tracking (dashboards), s official status, x prepare the State's
# reports, d manage the Committee's deadlines, - nothing.
DOCUMENTS = table("""
                kg     tj
superuser       tsxd   tsxd
coordinator     tsxd   -
state_viewer    ts     -
focal_a         s      -
viewer_a        s      -
focal_b         s      -
ngo_drafter     s      -
ngo_viewer      s      -
other_ngo       s      -
ngo_tj          -      s
coordinator_tj  -      tsxd
focal_tj        -      s
outsider        -      -
anonymous       -      -
""")

# Shadow reports. r read the draft, e write it (entries, details, publish), p read what was
# published, - nothing. Columns: whose (own: the KG NGO; other: the other KG NGO; tj: the
# Tajik NGO) and state (draft, published).
SHADOW_REPORTS = table("""
                own_draft  own_published  other_draft  other_published  tj_draft  tj_published
superuser       -          p              -            p                -         p
coordinator     -          p              -            p                -         p
state_viewer    -          p              -            p                -         p
focal_a         -          p              -            p                -         p
viewer_a        -          p              -            p                -         p
focal_b         -          p              -            p                -         p
ngo_drafter     re         rep            -            p                -         p
ngo_viewer      r          rp             -            p                -         p
other_ngo       -          p              re           rep              -         p
ngo_tj          -          p              -            p                r         rp
coordinator_tj  -          p              -            p                -         p
focal_tj        -          p              -            p                -         p
outsider        -          p              -            p                -         p
anonymous       -          -              -            -                -         -
""")

# Who drafts for some NGO (and so may start a shadow report); who has a review queue.
STARTS_SHADOW_REPORTS = {"ngo_drafter", "other_ngo"}
REVIEWS = {"superuser", "coordinator", "coordinator_tj"}
ROLES = tuple(UPDATES)


# --- The world -----------------------------------------------------------------------------


def build():
    kg_body = make_organization("Coordination Council on Human Rights", OrganizationKind.COORDINATING_BODY)
    tj_body = make_organization("National Human Rights Council of Tajikistan", OrganizationKind.COORDINATING_BODY,
                                state="TJ")
    a = make_organization("Ministry of Labour, Social Security and Migration")
    b = make_organization("Ministry of Foreign Affairs")
    t = make_organization("Ministry of Labour of Tajikistan", state="TJ")
    ngo = make_organization("Migrant Rights Coalition", OrganizationKind.NGO)
    other_ngo = make_organization("Legal Clinic Adilet", OrganizationKind.NGO)
    tj_ngo = make_organization("Human Rights Bureau of Tajikistan", OrganizationKind.NGO, state="TJ")
    users = {
        "superuser": make_user("root", is_staff=True, is_superuser=True),
        "coordinator": make_user("coordinator", kg_body, Role.COORDINATOR),
        "state_viewer": make_user("viewer", kg_body, Role.VIEWER),
        "focal_a": make_user("focal_a", a, Role.FOCAL_POINT),
        "viewer_a": make_user("viewer_a", a, Role.VIEWER),
        "focal_b": make_user("focal_b", b, Role.FOCAL_POINT),
        "ngo_drafter": make_user("ngo_drafter", ngo, Role.NGO_DRAFTER),
        "ngo_viewer": make_user("ngo_viewer", ngo, Role.VIEWER),
        "other_ngo": make_user("other_ngo_drafter", other_ngo, Role.NGO_DRAFTER),
        "ngo_tj": make_user("ngo_tj", tj_ngo, Role.VIEWER),
        "coordinator_tj": make_user("coordinator_tj", tj_body, Role.COORDINATOR),
        "focal_tj": make_user("focal_tj", t, Role.FOCAL_POINT),
        "outsider": make_user("outsider"),
        "anonymous": AnonymousUser(),
    }
    tj_drafter = make_user("ngo_tj_drafter", tj_ngo, Role.NGO_DRAFTER)
    kg, earlier = make_document(symbol="CMW/C/KGZ/CO/2"), make_document(symbol="CMW/C/KGZ/CO/1")
    tj, tj_earlier = make_document(symbol="CMW/C/TJK/CO/2", state="TJ"), make_document(symbol="CMW/C/TJK/CO/1",
                                                                                      state="TJ")
    kg_recs = {r.code: r for r in kg.recommendations.all()}
    tj_rec = tj.recommendations.get(paragraph__number=6)
    coordinator, coordinator_tj = users["coordinator"], users["coordinator_tj"]
    services.assign(kg_recs["6"], lead=a, supporting=[b], by=coordinator)
    services.assign(kg_recs["4(b)"], lead=b, by=coordinator)
    services.assign(tj_rec, lead=t, by=coordinator_tj)
    recommendations = {"lead_a_supporting_b": kg_recs["6"], "lead_b": kg_recs["4(b)"],
                       "unassigned": kg_recs["4(a)"], "tajik": tj_rec}

    updates, evidence = {}, {}
    for key, recommendation, organization, writer, reviewer in (
        ("A", kg_recs["6"], a, users["focal_a"], coordinator),
        ("B", kg_recs["6"], b, users["focal_b"], coordinator),
        ("T", tj_rec, t, users["focal_tj"], coordinator_tj),
    ):
        def new(state, recommendation=recommendation, organization=organization, writer=writer, key=key):
            update = services.create_update(recommendation, organization=organization, by=writer,
                                            status="in_progress", narrative=f"{key}-{state} narrative",
                                            language="en", as_of=TODAY)
            evidence[f"{key}{state}"] = services.add_evidence(
                update, by=writer, file=SimpleUploadedFile(f"{key}{state}.pdf", MINIMAL_PDF))
            return update

        draft = new("d")
        submitted = services.submit_update(new("s"), by=writer)
        returned = services.submit_update(new("r"), by=writer)
        returned = services.return_update(returned, by=reviewer, comment=f"RETURN-COMMENT-{key}: add the figures.")
        superseded = services.validate_update(services.submit_update(new("x"), by=writer), by=reviewer)
        validated = services.correct_update(superseded, by=writer)
        validated = services.validate_update(services.submit_update(validated, by=writer), by=reviewer)
        draft.refresh_from_db()
        updates.update({f"{key}d": draft, f"{key}s": submitted, f"{key}r": returned, f"{key}v": validated,
                        f"{key}x": superseded})

    def report(organization, document, drafter, published):
        made, _created = shadow_services.start_report(organization=organization, document=document, user=drafter)
        paragraph = document.paragraphs.get(number=6)
        shadow_services.save_entry(report=made, paragraph=paragraph, version=0, user=drafter,
                                   data={"assessment": NgoAssessment.NOT_IMPLEMENTED, "narrative": "Nothing."})
        if published:
            shadow_services.publish(report=made, user=drafter)
        return ShadowReport.objects.get(pk=made.pk)

    shadow = {}
    for key, organization, drafter in (("own", ngo, users["ngo_drafter"]),
                                       ("other", other_ngo, users["other_ngo"]), ("tj", tj_ngo, tj_drafter)):
        draft_on, published_on = (tj, tj_earlier) if key == "tj" else (kg, earlier)
        shadow[f"{key}_draft"] = report(organization, draft_on, drafter, published=False)
        shadow[f"{key}_published"] = report(organization, published_on, drafter, published=True)
    return {"users": users, "ngo_tj_drafter": tj_drafter, "recommendations": recommendations, "updates": updates, "evidence": evidence,
            "shadow": shadow, "documents": {"kg": kg, "tj": tj}, "organizations": {"a": a, "b": b, "t": t,
                                                                                  "ngo": ngo, "other_ngo": other_ngo}}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    evidence_dir = tmp_path_factory.mktemp("grid") / "uploads"
    with built_once(django_db_blocker, MEDIA_ROOT=evidence_dir):
        made = build()
        made["evidence_dir"] = evidence_dir
        yield made


def fresh(world, model, pk):
    """The object as a page would load it (no state cached from building the world)."""
    return model.objects.select_related("recommendation__document", "organization").get(pk=pk) \
        if model is ProgressUpdate else model.objects.select_related("document").get(pk=pk)
