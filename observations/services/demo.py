"""Demo data for a local installation: the seed document and one account per role.

Only ever loaded with DEBUG on (``manage.py load_demo`` refuses otherwise). Loading it
again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from ..choices import OrganizationKind, Role
from ..models import Membership, NotificationSettings, Organization, ShadowReport
from . import reports as shadow_services
from .demo_tracking import load_tracking_demo
from .imports import UploadedText, import_files

SEED_DIR = Path(settings.BASE_DIR) / "observations" / "fixtures" / "seeds"
SEED_FILES = ("CMW_C_KGZ_CO_2.en.txt", "CMW_C_KGZ_CO_2.ar.txt")
DEMO_STATE = "KG"
DEMO_PASSWORD = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    organization: str | None
    kind: str | None
    role: str | None
    superuser: bool = False
    language: str = "en"  # of the reminder e-mails


ORGANIZATIONS = {
    "National Coordination Council": OrganizationKind.COORDINATING_BODY,
    "Ministry of Labour, Social Security and Migration": OrganizationKind.MINISTRY,
    "Ministry of Foreign Affairs": OrganizationKind.MINISTRY,
    "Office of the Ombudsperson (Akyikatchy)": OrganizationKind.NHRI,
    "Migrant Rights Coalition": OrganizationKind.NGO,
}

ACCOUNTS = (
    DemoAccount("admin", "Site administrator", None, None, None, superuser=True),
    DemoAccount("coordinator", "Aida Coordinator", "National Coordination Council", None, Role.COORDINATOR),
    DemoAccount("labour", "Bakyt Labour", "Ministry of Labour, Social Security and Migration", None, Role.FOCAL_POINT,
                language="ru"),
    DemoAccount("foreign", "Cholpon Foreign", "Ministry of Foreign Affairs", None, Role.FOCAL_POINT, language="ar"),
    DemoAccount("ombudsperson", "Dinara Ombuds", "Office of the Ombudsperson (Akyikatchy)", None, Role.FOCAL_POINT),
    DemoAccount("ngo", "Elmira NGO", "Migrant Rights Coalition", None, Role.NGO_DRAFTER),
    DemoAccount("viewer", "Farid Viewer", "National Coordination Council", None, Role.VIEWER),
)


def load_seed_document(stdout=None):
    uploads = [UploadedText(name, (SEED_DIR / name).read_bytes()) for name in SEED_FILES]
    result = import_files(uploads)
    if stdout:
        for line in result.summary_lines():
            stdout.write(line)
    return result.document


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    organizations = {
        name: Organization.objects.get_or_create(state=DEMO_STATE, name=name, defaults={"kind": kind})[0]
        for name, kind in ORGANIZATIONS.items()
    }
    User = get_user_model()
    for account in ACCOUNTS:
        first, _, last = account.full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{account.username}@example.org",
                "is_staff": account.superuser,
                "is_superuser": account.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if user.email == f"{account.username}@demo.example.org":
            user.email = f"{account.username}@example.org"
            user.save(update_fields=["email"])
        NotificationSettings.objects.get_or_create(user=user, defaults={"language": account.language})
        if account.organization:
            Membership.objects.get_or_create(
                user=user, organization=organizations[account.organization], defaults={"role": account.role}
            )
    return list(ACCOUNTS)


NGO_DRAFT = [
    (20, "a", "not_implemented",
     "Official migration statistics are still published only as totals; no data on migrant workers in an "
     "irregular situation were released since the review.",
     "Which data on migrant workers in an irregular situation does the State party collect, and when will "
     "they be published disaggregated by sex and age?"),
    (30, None, "partially_implemented",
     "Free legal aid was extended to administrative cases in two pilot regions only.",
     "Ask the State party for a timetable to extend free legal aid to all migrant workers nationwide."),
]


def load_ngo_draft(document) -> list[str]:
    """A private draft of the demo NGO's shadow report with two entries."""
    organization = Organization.objects.filter(state=DEMO_STATE, name="Migrant Rights Coalition").first()
    drafter = get_user_model().objects.filter(username="ngo").first()
    if organization is None or drafter is None:
        return ["The demo NGO account is missing; no shadow report draft was created."]
    if ShadowReport.objects.filter(organization=organization, document=document).exists():
        return [f"{document.symbol}: the NGO draft is already there."]
    report, _ = shadow_services.start_report(organization=organization, document=document, user=drafter)
    for number, letter, assessment, narrative, proposals in NGO_DRAFT:
        paragraph = document.paragraphs.get(number=number)
        subparagraph = paragraph.subparagraphs.get(letter=letter) if letter else None
        shadow_services.save_entry(
            report=report, paragraph=paragraph, subparagraph=subparagraph, version=0, user=drafter,
            data={"assessment": assessment, "narrative": narrative, "proposals": proposals, "evidence": []},
        )
    return [f"{document.symbol}: NGO shadow report draft with {len(NGO_DRAFT)} entries."]


def load_workflow(document) -> list[str]:
    """Assignments, updates in each review state, a Committee grade and an NGO draft."""
    return load_tracking_demo(document) + load_ngo_draft(document)
