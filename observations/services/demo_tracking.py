"""A small demo of the tracking workflow on the seed document, for a local installation.

Needs the demo organizations and accounts of ``observations.services.demo`` (the coordinator and
the focal points of the two ministries). Everything is written through the service
functions, so the history reads as if people had done it. Loading it again changes
nothing: a document that already has assignments is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Assignment, Document, Organization, ProgressUpdate
from ..selectors.tracking import follow_up_exists
from . import tracking as services

LABOUR = "Ministry of Labour, Social Security and Migration"
FOREIGN = "Ministry of Foreign Affairs"
OMBUDSPERSON = "Office of the Ombudsperson (Akyikatchy)"

NARRATIVES = [
    ("validated", "partially_implemented",
     "The Law on External Migration was amended to cover migrant workers in an irregular situation; "
     "the implementing regulations are being drafted.",
     [("law", "Law No. 45 amending the Law on External Migration", 20)]),
    ("submitted", "in_progress",
     "Consular staff in the Russian Federation and Kazakhstan received training on the rights of migrant "
     "workers; a hotline was opened.",
     [("training", "Training of 40 consular officers", 40), ("programme", "Consular hotline for migrants", 50)]),
    ("returned", "implemented",
     "A budget line was created for the return and reintegration of migrant workers.",
     [("budget", "Budget line 2025: 12 million som for reintegration", 30)]),
    ("draft", "in_progress",
     "The State Migration Service is preparing a data collection system disaggregated by sex and age.",
     []),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def load_tracking_demo(document: Document, *, coordinator="coordinator", focal_points=None) -> list[str]:
    """Assign the follow-up recommendations, post updates in each review state and record
    one Committee grade. Returns what was done, one line each."""
    if Assignment.objects.filter(recommendation__document=document).exists():
        return [f"{document.symbol}: the tracking demo is already loaded."]
    focal_points = focal_points or {LABOUR: "labour", FOREIGN: "foreign"}
    coordinator_user = _user(coordinator)
    organizations = {o.name: o for o in Organization.objects.filter(state=str(document.state),
                                                                    name__in=[LABOUR, FOREIGN, OMBUDSPERSON])}
    if coordinator_user is None or LABOUR not in organizations or FOREIGN not in organizations:
        return [f"{document.symbol}: the demo accounts are missing; load them first."]
    follow_up = list(
        document.recommendations.filter(follow_up_exists())
        .select_related("document", "paragraph", "subparagraph").order_by("position")
    )
    leads = [organizations[LABOUR], organizations[FOREIGN]]
    lines = []
    for i, recommendation in enumerate(follow_up):
        supporting = [organizations[OMBUDSPERSON]] if i % 3 == 2 and OMBUDSPERSON in organizations else []
        services.assign(recommendation, lead=leads[i % 2], supporting=supporting, by=coordinator_user)
    lines.append(f"{document.symbol}: {len(follow_up)} follow-up recommendations assigned.")
    today = timezone.localdate()
    adopted = document.adoption_date or today
    for recommendation, (state, status, narrative, measures) in zip(follow_up, NARRATIVES, strict=False):
        organization = Assignment.objects.get(recommendation=recommendation).lead
        author = _user(focal_points.get(organization.name, ""))
        if author is None:
            continue
        measure_data = [
            services.MeasureData(kind, text, min(adopted + dt.timedelta(days=days), today))
            for kind, text, days in measures
        ]
        update = services.create_update(recommendation, organization=organization, by=author, status=status,
                                        narrative=narrative, language="en", as_of=today, measures=measure_data)
        if state != "draft":
            services.submit_update(update, by=author)
        if state == "validated":
            services.validate_update(update, by=coordinator_user)
        elif state == "returned":
            services.return_update(update, by=coordinator_user,
                                   comment="Please give the amount actually spent and the number of people reached.")
        lines.append(f"  {recommendation.code}: update by {organization}, {state}.")
    graded = next((r for r in follow_up if ProgressUpdate.objects.filter(
        recommendation=r, review_state="validated").exists()), None)
    if graded is not None:
        services.record_assessment(graded, grade="B", letter_date=today, letter_symbol="G/SO 215/51 KGZ",
                                   note="The Committee requests information on the implementing regulations.",
                                   by=coordinator_user)
        lines.append(f"  {graded.code}: Committee grade B recorded.")
    return lines
