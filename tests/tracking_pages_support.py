"""What the tests of the tracking pages share: today, a document's recommendations by code, the
pages' URLs, an update form's fields and a draft written through the services."""

import datetime as dt

from django.urls import reverse

from observations.services import tracking as services

TODAY = dt.date.today()


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("document", "paragraph", "subparagraph")}


def url(name, *args):
    return reverse(f"observations:{name}", args=args)


def update_post(**overrides):
    data = {
        "status": "in_progress", "narrative": "An inter-ministerial working group drafted amendments.",
        "language": "en", "as_of": TODAY.isoformat(),
        "measures-TOTAL_FORMS": "2", "measures-INITIAL_FORMS": "0", "measures-MIN_NUM_FORMS": "0",
        "measures-MAX_NUM_FORMS": "30",
        "measures-0-kind": "law", "measures-0-description": "Amendments to the Law on External Migration",
        "measures-0-date": "2025-04-01",
        "measures-1-kind": "", "measures-1-description": "", "measures-1-date": "",
    }
    data.update(overrides)
    return data


def make_draft(recommendation, organization, user, **fields):
    values = dict(status="in_progress", narrative="Working group set up.", language="en", as_of=TODAY)
    values.update(fields)
    return services.create_update(recommendation, organization=organization, by=user, **values)
