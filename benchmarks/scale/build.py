"""The scale data set: documents of many committees and States with their whole follow-up.

At scale 1: 300 documents from 9 committees and 100 States, 30,000 recommendations (100 a
document, as in the seed), 300 organizations, 3,000 users, 300,000 progress updates and
630,000 history entries (plus the few rows named in ``Plan.expected``). ``scale`` multiplies
every count (at least one document, one State, three organizations).

How it is built, in the database the default connection points at:

1. The seed pair (CMW/C/KGZ/CO/2, English and Arabic) is imported once, for real, through
   ``services.imports.import_files`` (its time is recorded).
2. Its rows (language versions, import record, headings, paragraphs, sub-paragraphs,
   footnotes, references, citations, recommendations, deadlines and their items, the
   import's history entry) are cloned in bulk for every other document, with another
   symbol, State, Committee and adoption date (every date of the document moved with it).
3. Organizations (per State a coordinating body and a ministry, then alternately an NGO
   and a second ministry), users with their memberships, one assignment per
   recommendation (lead ministry, the second ministry supporting every other one, the
   default internal deadline), and per recommendation ten progress updates in six chains
   with the history entries the services write (``services.tracking``): four chains
   returned once and validated in their second version (three of the validations change
   the official status), one update submitted and waiting for review, one draft (drafts
   are not logged); one measure per update (a correction copies its measure), the
   Committee's grade on validated follow-up recommendations. One recommendation of the
   seed document has a long history (forty returned-and-validated chains).

Progress updates, measures and history entries are written with ``COPY``; the rest with
``bulk_create`` in batches.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

BUILD_VERSION = 1
SEED_DIR = Path(__file__).resolve().parents[2] / "observations" / "fixtures" / "seeds"
SEED_FILES = ("CMW_C_KGZ_CO_2.en.txt", "CMW_C_KGZ_CO_2.ar.txt")
SEED_STATE = "KG"
PASSWORD = "benchmark"
ADMIN_USERNAME = "bench-admin"
LONG_HISTORY_CHAINS = 40
COMMITTEES = 9
PER_DOCUMENT = 100  # recommendations of a cloned document
BATCH = 5_000
TODAY = None  # the build's day (set when the build starts)


@dataclass
class Plan:
    scale: float
    documents: int
    states: int
    organizations: int
    users: int
    expected: dict = field(default_factory=dict)

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        from django_countries.data import COUNTRIES

        states = max(1, min(round(100 * scale), len(COUNTRIES)))
        return cls(
            scale=scale,
            documents=max(1, round(300 * scale)),
            states=states,
            organizations=max(2 * states + 1, round(300 * scale)),
            users=max(3, round(3000 * scale)),
        )


def _states(n: int) -> list[str]:
    from django_countries.data import COUNTRIES

    others = sorted(code for code in COUNTRIES if code != SEED_STATE)
    return [SEED_STATE, *others][:n]


def _alpha3(code: str) -> str:
    from django_countries import countries

    return countries.alpha3(code) or code


def _country_name(code: str) -> str:
    from django_countries.data import COUNTRIES

    return str(COUNTRIES.get(code, code))


def _copy(cursor, model, columns: list[str], rows) -> int:
    """COPY rows (tuples in the order of ``columns``) into the model's table."""
    table = model._meta.db_table
    count = 0
    with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _next_id(cursor, model) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
    return cursor.fetchone()[0]


def _reset_sequence(cursor, model) -> None:
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))"
    )


# --- 1. The seed -----------------------------------------------------------------------


def import_seed():
    """The seed pair imported for real; returns (document, seconds)."""
    from observations.services.imports import UploadedText, import_files

    files = [UploadedText(name, (SEED_DIR / name).read_bytes()) for name in SEED_FILES]
    start = time.perf_counter()
    result = import_files(files)
    return result.document, time.perf_counter() - start


# --- 2. Documents cloned from the seed ---------------------------------------------------


def _shift(value, delta):
    return value + delta if value else value


def _replace_name(texts: dict, old: str, new: str) -> dict:
    if not isinstance(texts, dict) or old == new:
        return texts
    return {lang: (text.replace(old, new) if lang == "en" and isinstance(text, str) else text)
            for lang, text in texts.items()}


def clone_documents(seed, plan: Plan, log) -> list:
    """Clone the seed's rows for documents 1..n-1; returns every document, the seed first."""
    from observations.models import (
        Citation,
        Committee,
        Deadline,
        DeadlineItem,
        Document,
        Footnote,
        Heading,
        HistoryEntry,
        ImportRecord,
        LanguageVersion,
        Paragraph,
        Recommendation,
        Reference,
        SubParagraph,
    )

    states = _states(plan.states)
    committees = list(Committee.objects.order_by("code"))
    cmw = next(c for c in committees if c.code == "CMW")
    committees = [cmw] + [c for c in committees if c.pk != cmw.pk][: COMMITTEES - 1]
    seed_name = _country_name(SEED_STATE)
    taken = {seed.symbol}
    counters: dict = {}
    clones = []
    for j in range(1, plan.documents):
        state = states[j % plan.states]
        committee = committees[(j % plan.states + j // plan.states) % len(committees)]
        while True:
            n = counters[(committee.pk, state)] = counters.get((committee.pk, state), 0) + 1
            symbol = f"{committee.symbol_prefix}/{_alpha3(state)}/CO/{n}"
            if symbol not in taken:
                break
        taken.add(symbol)
        adopted = TODAY - dt.timedelta(days=30 + (j * 53) % 3000)
        delta = adopted - seed.adoption_date
        clones.append((Document(
            symbol=symbol, slug=symbol.replace("/", "_"), committee=committee, state=state,
            periodic_report=n, periodic_report_last=n, session_number=seed.session_number,
            session_start=_shift(seed.session_start, delta), session_end=_shift(seed.session_end, delta),
            considered_meetings=seed.considered_meetings, considered_dates=[], adopted_meeting=seed.adopted_meeting,
            adoption_date=adopted, state_report_symbol=f"{committee.symbol_prefix}/{_alpha3(state)}/{n}",
            public_page=j % 10 == 0,
        ), delta, _country_name(state)))
    documents = Document.objects.bulk_create([c[0] for c in clones], batch_size=BATCH)
    log(f"  {len(documents)} documents cloned")

    versions = list(LanguageVersion.objects.filter(document=seed))
    LanguageVersion.objects.bulk_create([
        LanguageVersion(document=d, language=v.language, title=v.title.replace(seed_name, name),
                        original=bytes(v.original), file_name=v.file_name, checksum=v.checksum,
                        importer_version=v.importer_version, findings=v.findings, imported_at=v.imported_at)
        for (d, _delta, name) in [(doc, c[1], c[2]) for doc, c in zip(documents, clones, strict=True)]
        for v in versions], batch_size=200)
    records = list(ImportRecord.objects.filter(document=seed))
    ImportRecord.objects.bulk_create([
        ImportRecord(document=d, language=r.language, action=r.action, file_name=r.file_name, checksum=r.checksum,
                     importer_version=r.importer_version, changes=r.changes, created_at=r.created_at)
        for d in documents for r in records], batch_size=BATCH)

    # Headings, level by level (a heading's parent is created before it).
    headings = list(Heading.objects.filter(document=seed).order_by("position"))
    depth = {}
    by_id = {h.pk: h for h in headings}
    for h in headings:
        d, p = 0, h.parent_id
        while p:
            d, p = d + 1, by_id[p].parent_id
        depth[h.pk] = d
    heading_map: list[dict] = [{} for _ in documents]
    for level in range(max(depth.values(), default=-1) + 1):
        batch, keys = [], []
        for i, d in enumerate(documents):
            for h in headings:
                if depth[h.pk] != level:
                    continue
                batch.append(Heading(document=d, parent_id=heading_map[i].get(h.parent_id), kind=h.kind, key=h.key,
                                     position=h.position, labels=h.labels,
                                     titles=_replace_name(h.titles, seed_name, clones[i][2]),
                                     articles=h.articles, first_paragraph=h.first_paragraph,
                                     last_paragraph=h.last_paragraph))
                keys.append((i, h.pk))
        for (i, old), new in zip(keys, Heading.objects.bulk_create(batch, batch_size=BATCH), strict=True):
            heading_map[i][old] = new.pk

    def cloned(model, rows, make, batch_size=BATCH):
        """bulk_create make(i, row) for every document i and template row; {(i, key): new pk}."""
        objects, keys = [], []
        for i in range(len(documents)):
            for key, row in rows:
                objects.append(make(i, row))
                keys.append((i, key))
        created = model.objects.bulk_create(objects, batch_size=batch_size)
        return {key: obj.pk for key, obj in zip(keys, created, strict=True)}

    # The clone's paragraphs: the seed's, with copies of its recommendation paragraphs
    # inserted after the last one until the document has PER_DOCUMENT recommendations.
    paragraphs = list(Paragraph.objects.filter(document=seed).order_by("number"))
    subs = list(SubParagraph.objects.filter(paragraph__document=seed).order_by("paragraph__number", "position"))
    recs = list(Recommendation.objects.filter(document=seed).order_by("position"))
    recs_of: dict = {}
    for r in recs:
        recs_of.setdefault(r.paragraph_id, []).append(r)
    subs_of: dict = {}
    for sp in subs:
        subs_of.setdefault(sp.paragraph_id, []).append(sp)
    template = [(p, 0) for p in paragraphs]
    bearing = [p for p in paragraphs if p.pk in recs_of]
    total, copies, extra = len(recs), 0, []
    while bearing and total < PER_DOCUMENT:
        copies += 1
        added = False
        for p in bearing:
            n = len(recs_of[p.pk])
            if total + n <= PER_DOCUMENT:
                extra.append((p, copies))
                total += n
                added = True
            if total == PER_DOCUMENT:
                break
        if not added:
            break
    if extra:
        last = max(i for i, (p, _c) in enumerate(template) if p.pk in recs_of)
        template[last + 1:last + 1] = extra
    numbers = {(p.pk, c): n for n, (p, c) in enumerate(template, start=1)}
    para_map = cloned(Paragraph, [((p.pk, c), (p, c)) for p, c in template], lambda i, pc: Paragraph(
        document=documents[i], heading_id=heading_map[i].get(pc[0].heading_id), number=numbers[(pc[0].pk, pc[1])],
        kind=pc[0].kind, text=_replace_name(pc[0].text, seed_name, clones[i][2]),
        footnote_positions=pc[0].footnote_positions if pc[1] == 0 else {}))
    sub_rows = [((sp.pk, c), (sp, c)) for p, c in template for sp in subs_of.get(p.pk, [])]
    sub_map = cloned(SubParagraph, sub_rows, lambda i, sc: SubParagraph(
        paragraph_id=para_map[(i, (sc[0].paragraph_id, sc[1]))], letter=sc[0].letter, position=sc[0].position,
        labels=sc[0].labels, text=_replace_name(sc[0].text, seed_name, clones[i][2]),
        footnote_positions=sc[0].footnote_positions if sc[1] == 0 else {}))

    def para(i, pk, c=0):
        return para_map.get((i, (pk, c))) if pk else None

    def sub(i, pk, c=0):
        return sub_map.get((i, (pk, c))) if pk else None

    footnotes = list(Footnote.objects.filter(document=seed))
    foot_map = cloned(Footnote, [(f.pk, f) for f in footnotes], lambda i, f: Footnote(
        document=documents[i], number=f.number, text=f.text,
        paragraph_id=para(i, f.paragraph_id), subparagraph_id=sub(i, f.subparagraph_id)))
    seed_para_ids = {p.pk for p in paragraphs}
    cloned(Reference, [(r.pk, r) for r in Reference.objects.filter(paragraph__document=seed)], lambda i, r: Reference(
        paragraph_id=para(i, r.paragraph_id), subparagraph_id=sub(i, r.subparagraph_id),
        footnote_id=foot_map.get((i, r.footnote_id)), kind=r.kind, target_symbol=r.target_symbol,
        target_number=r.target_number, target_letter=r.target_letter,
        target_id=para(i, r.target_id) if r.target_id in seed_para_ids else None))
    citations = list(Citation.objects.filter(paragraph__document=seed))
    citations_of: dict = {}
    for ci in citations:
        citations_of.setdefault(ci.paragraph_id, []).append(ci)
    cloned(Citation, [((ci.pk, c), (ci, c)) for p, c in template for ci in citations_of.get(p.pk, [])],
           lambda i, cc: Citation(paragraph_id=para(i, cc[0].paragraph_id, cc[1]),
                                  subparagraph_id=sub(i, cc[0].subparagraph_id, cc[1]),
                                  kind=cc[0].kind, value=cc[0].value))
    rec_rows = [((r.pk, c), (r, c)) for p, c in template for r in recs_of.get(p.pk, [])]
    positions = {key: n for n, (key, _row) in enumerate(rec_rows)}
    cloned(Recommendation, rec_rows, lambda i, rc: Recommendation(
        document=documents[i], paragraph_id=para(i, rc[0].paragraph_id, rc[1]),
        subparagraph_id=sub(i, rc[0].subparagraph_id, rc[1]), position=positions[(rc[0].pk, rc[1])]))
    deadlines = list(Deadline.objects.filter(document=seed))
    dead_map = cloned(Deadline, [(d.pk, d) for d in deadlines], lambda i, d: Deadline(
        document=documents[i], kind=d.kind, due_date=_shift(d.due_date, clones[i][1]), computed=d.computed,
        period_months=d.period_months, stated_in_id=para(i, d.stated_in_id), report_number=d.report_number,
        report_number_last=d.report_number_last, precision=d.precision, description=d.description))
    cloned(DeadlineItem, [(it.pk, it) for it in DeadlineItem.objects.filter(deadline__document=seed)],
           lambda i, it: DeadlineItem(deadline_id=dead_map[(i, it.deadline_id)], paragraph_id=para(i, it.paragraph_id),
                                      subparagraph_id=sub(i, it.subparagraph_id)))
    imported = list(HistoryEntry.objects.filter(document=seed, action="imported"))
    HistoryEntry.objects.bulk_create([
        HistoryEntry(content_type_id=e.content_type_id, object_id=d.pk, object_repr=d.symbol, document=d,
                     at=e.at, action=e.action, before=e.before, after=e.after, comment=e.comment)
        for d in documents for e in imported], batch_size=BATCH)
    log(f"  per cloned document: {len(template)} paragraphs, {len(sub_rows)} sub-paragraphs, "
        f"{len(rec_rows)} recommendations (the seed: {len(paragraphs)}, {len(subs)}, {len(recs)})")
    return [seed, *documents]


# --- 3. People -------------------------------------------------------------------------


def make_people(plan: Plan, log):
    """Organizations, users and memberships; returns (organizations by State, users by org)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from observations.choices import OrganizationKind, Role
    from observations.models import Membership, Organization

    states = _states(plan.states)
    orgs = []
    for s in states:
        name = _country_name(s)
        orgs.append(Organization(name=f"National Coordination Council of {name}", short_name=f"NCC {s}",
                                 kind=OrganizationKind.COORDINATING_BODY, state=s))
        orgs.append(Organization(name=f"Ministry of Labour of {name}", short_name=f"Labour {s}",
                                 kind=OrganizationKind.MINISTRY, state=s))
    extra = plan.organizations - len(orgs)
    for j in range(extra):
        s = states[j % plan.states]
        round_ = j // plan.states
        if (j + round_) % 2 == 0:
            orgs.append(Organization(name=f"Migrant Rights Coalition {round_ + 1} of {_country_name(s)}",
                                     short_name=f"NGO{round_ + 1} {s}", kind=OrganizationKind.NGO, state=s))
        else:
            orgs.append(Organization(name=f"Ministry {round_ + 2} of {_country_name(s)}",
                                     short_name=f"Ministry{round_ + 2} {s}", kind=OrganizationKind.MINISTRY, state=s))
    orgs = Organization.objects.bulk_create(orgs, batch_size=BATCH)
    User = get_user_model()
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(username=f"u{k:06d}", email=f"u{k:06d}@example.org", password=password, first_name="Person",
              last_name=str(k)) for k in range(plan.users)], batch_size=BATCH)
    User.objects.create(username=ADMIN_USERNAME, email="admin@example.org", password=password,
                        is_staff=True, is_superuser=True)
    role_of = {
        OrganizationKind.COORDINATING_BODY: lambda k: Role.VIEWER if k % 3 == 2 else Role.COORDINATOR,
        OrganizationKind.MINISTRY: lambda k: Role.VIEWER if k % 5 == 4 else Role.FOCAL_POINT,
        OrganizationKind.NGO: lambda k: Role.VIEWER if k % 2 == 1 else Role.NGO_DRAFTER,
    }
    memberships, members = [], {o.pk: {} for o in orgs}
    for k, user in enumerate(users):
        org = orgs[k % len(orgs)]
        index = k // len(orgs)
        role = role_of[org.kind](index)
        memberships.append(Membership(user=user, organization=org, role=role))
        members[org.pk].setdefault(role, []).append(user)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    by_state = {}
    for o in orgs:
        by_state.setdefault(o.state, []).append(o)
    log(f"  {len(orgs)} organizations, {len(users)} users (+ {ADMIN_USERNAME})")
    return by_state, members


# --- 4. Tracking -----------------------------------------------------------------------

FINALS = ["implemented", "not_implemented", "in_progress", "implemented"]
MEASURE_KINDS = ["law", "policy", "budget", "programme", "institution", "training", "data", "other"]
NARRATIVE = ("The {org} reports on paragraph {code}: {what}. A working group met {n} times; the measures are "
             "described below with their dates and budgets.")
WHATS = ["a draft law was sent to Parliament", "consular staff were trained", "a budget line was opened",
         "a data collection system is being set up", "an inter-ministerial plan was adopted"]


def make_tracking(documents, by_state, members, plan: Plan, log) -> dict:
    """Assignments, updates, measures, history and grades; returns counts written."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from observations.choices import DeadlineKind, OrganizationKind, Role
    from observations.models import (
        Assignment,
        CommitteeAssessment,
        Deadline,
        HistoryEntry,
        Measure,
        ProgressUpdate,
        Recommendation,
    )
    from observations.selectors.tracking import follow_up_exists

    rec_ct = ContentType.objects.get_for_model(Recommendation).pk
    lead_days = 60
    counts = {"updates": 0, "measures": 0, "history": 0, "assessments": 0}
    now = timezone.now()
    seed = documents[0]
    long_rec = None

    ministries = {s: [o for o in orgs if o.kind == OrganizationKind.MINISTRY] for s, orgs in by_state.items()}
    council = {s: next(o for o in orgs if o.kind == OrganizationKind.COORDINATING_BODY) for s, orgs in by_state.items()}

    def people(org, role):
        return members[org.pk].get(role) or members[org.pk].get(Role.VIEWER) or [None]

    with connection.cursor() as c:
        cursor = c.cursor  # psycopg's own cursor, for COPY
        next_update = _next_id(cursor, ProgressUpdate)
        next_measure = _next_id(cursor, Measure)
    update_cols = ["id", "recommendation_id", "organization_id", "chain", "version", "previous_id", "lock_version",
                   "status", "narrative", "language", "as_of", "review_state", "created_at", "author_id",
                   "updated_at", "last_edited_by_id", "submitted_at", "submitted_by_id", "reviewed_at",
                   "reviewed_by_id", "review_comment"]
    measure_cols = ["id", "update_id", "position", "kind", "description", "date"]
    history_cols = ["content_type_id", "object_id", "object_repr", "document_id", "recommendation_id", "at",
                    "actor_id", "action", "before", "after", "update_id", "comment"]

    step = 30  # documents per round of COPY (about 30,000 updates)
    for start in range(0, len(documents), step):
        chunk = documents[start:start + step]
        recs = list(
            Recommendation.objects.filter(document__in=chunk).select_related("document", "paragraph", "subparagraph")
            .annotate(follow=follow_up_exists()).order_by("document_id", "position"))
        dates = {}
        for doc_id, kind, due in Deadline.objects.filter(document__in=chunk, due_date__isnull=False).order_by(
                "due_date").values_list("document_id", "kind", "due_date"):
            dates.setdefault((doc_id, kind), due)
        assignments, supporting_pairs = [], []
        updates, measures, history, assessments = [], [], [], []
        for r in recs:
            doc = r.document
            state = str(doc.state)
            minis = ministries[state]
            lead = minis[(r.position + doc.pk) % len(minis)]
            support = minis[(r.position + doc.pk + 1) % len(minis)] if len(minis) > 1 and r.position % 2 == 0 else None
            coordinators = people(council[state], Role.COORDINATOR)
            coordinator = coordinators[r.position % len(coordinators)]
            due = (dates.get((doc.pk, DeadlineKind.FOLLOW_UP)) if r.follow else None) or dates.get(
                (doc.pk, DeadlineKind.NEXT_PERIODIC_REPORT))
            internal = due - dt.timedelta(days=lead_days) if due else None
            if internal and internal < doc.adoption_date:
                internal = doc.adoption_date
            begin = timezone.make_aware(dt.datetime.combine(doc.adoption_date, dt.time(9)))
            assigned_at = begin + dt.timedelta(days=7)
            assignments.append(Assignment(recommendation_id=r.pk, lead=lead, internal_deadline=internal,
                                          created_at=assigned_at, created_by=coordinator, updated_by=coordinator))
            if support:
                supporting_pairs.append((r.pk, support.pk))
            code = f"{r.paragraph.number}({r.subparagraph.letter})" if r.subparagraph_id else str(r.paragraph.number)
            repr_ = f"{doc.symbol}, para. {code}"[:300]

            def entry(at, actor, action, before=None, after=None, update=None, comment="",
                      r=r, doc=doc, repr_=repr_, history=history):
                history.append((rec_ct, r.pk, repr_, doc.pk, r.pk, at, actor.pk if actor else None, action,
                                json.dumps(before) if before is not None else None,
                                json.dumps(after) if after is not None else None, update, comment))

            entry(assigned_at, coordinator, "assigned", after={
                "lead": lead.pk, "lead_name": str(lead), "supporting": [support.pk] if support else [],
                "supporting_names": [str(support)] if support else [],
                "internal_deadline": internal.isoformat() if internal else None})
            long = long_rec is None and doc.pk == seed.pk and r.follow
            if long:
                long_rec = r.pk
            validated_statuses = ["in_progress", "partially_implemented", "partially_implemented",
                                  FINALS[(r.position + doc.pk) % len(FINALS)]]
            if long:
                validated_statuses = ["in_progress", "partially_implemented"] * (LONG_HISTORY_CHAINS // 2)
            chains = [(lead, "returned+validated", s) for s in validated_statuses]
            chains.append((support or lead, "submitted", "in_progress"))
            chains.append((lead, "draft", "partially_implemented"))
            span = max(now - assigned_at, dt.timedelta(hours=len(chains) * 4))
            gap = span / (len(chains) * 2 + 2)
            clock = [assigned_at]

            def tick(clock=clock, gap=gap):
                clock[0] = clock[0] + gap
                return clock[0]

            official = "not_started"
            last_validated = None
            for n, (org, kind, status) in enumerate(chains):
                chain = uuid.uuid4()
                authors = people(org, Role.FOCAL_POINT)
                author = authors[(r.position + n) % len(authors)]
                narrative = NARRATIVE.format(org=org.name, code=code, what=WHATS[(r.position + n) % len(WHATS)],
                                             n=n + 2)
                versions = ["returned", "validated"] if kind == "returned+validated" else [kind]
                previous = None
                measure = None
                for v, state_ in enumerate(versions, start=1):
                    uid = next_update
                    next_update += 1
                    created = tick()
                    submitted = created + gap / 3 if state_ != "draft" else None
                    reviewed = created + gap * 2 / 3 if state_ in ("returned", "validated") else None
                    as_of = (submitted or created).date()
                    comment = "Give the number of people reached and the amount spent." if state_ == "returned" else ""
                    updated = reviewed or submitted or created
                    updates.append((uid, r.pk, org.pk, chain, v, previous, 2 if reviewed else (1 if submitted else 0),
                                    status, narrative, "en", as_of, state_, created, author.pk if author else None,
                                    updated, author.pk if author else None, submitted,
                                    author.pk if submitted and author else None, reviewed,
                                    coordinator.pk if reviewed and coordinator else None, comment))
                    if measure is None:
                        measure = (MEASURE_KINDS[(r.position + n) % len(MEASURE_KINDS)],
                                   f"Measure {n + 1} on paragraph {code}: {WHATS[(r.position + n) % len(WHATS)]}",
                                   max(doc.adoption_date, as_of - dt.timedelta(days=3)))
                    measures.append((next_measure, uid, 0, *measure))
                    next_measure += 1
                    if submitted:
                        entry(submitted, author, "update_submitted", update=uid,
                              after={"organization": str(org), "version": v, "status": status})
                    if state_ == "returned":
                        entry(reviewed, coordinator, "update_returned", update=uid, comment=comment,
                              after={"organization": str(org), "version": v})
                    elif state_ == "validated":
                        entry(reviewed, coordinator, "update_validated", update=uid,
                              after={"organization": str(org), "version": v, "status": status})
                        if status != official:
                            entry(reviewed, coordinator, "status_changed", update=uid,
                                  before={"status": official}, after={"status": status})
                            official = status
                        last_validated = reviewed
                    previous = uid
            r.status = official
            if r.follow and last_validated:
                letter = last_validated + dt.timedelta(days=1)
                if letter < now:
                    grade = "ABCB"[(r.position + doc.pk) % 4]
                    assessments.append(CommitteeAssessment(
                        recommendation_id=r.pk, grade=grade, letter_date=letter.date(),
                        letter_symbol=f"G/SO {doc.symbol}", note="The Committee requests further information.",
                        recorded_at=letter, recorded_by=coordinator))
                    entry(letter, coordinator, "assessment_recorded", after={
                        "grade": grade, "letter_date": letter.date().isoformat(),
                        "letter_symbol": f"G/SO {doc.symbol}"})
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        ids = dict(Assignment.objects.filter(recommendation__document__in=chunk).values_list("recommendation_id", "id"))
        Through = Assignment.supporting.through
        Through.objects.bulk_create([Through(assignment_id=ids[rec], organization_id=org)
                                     for rec, org in supporting_pairs], batch_size=BATCH)
        Recommendation.objects.bulk_update(recs, ["status"], batch_size=BATCH)
        CommitteeAssessment.objects.bulk_create(assessments, batch_size=BATCH)
        with connection.cursor() as c:
            cursor = c.cursor
            counts["updates"] += _copy(cursor, ProgressUpdate, update_cols, updates)
            counts["measures"] += _copy(cursor, Measure, measure_cols, measures)
            counts["history"] += _copy(cursor, HistoryEntry, history_cols, history)
        counts["assessments"] += len(assessments)
        log(f"  tracking: {start + len(chunk)}/{len(documents)} documents, {counts['updates']} updates, "
            f"{counts['history']} history entries")
    with connection.cursor() as c:
        for model in (ProgressUpdate, Measure, HistoryEntry):
            _reset_sequence(c.cursor, model)
    counts["long_history_recommendation"] = long_rec
    return counts


# --- The whole build -------------------------------------------------------------------


def populate(scale: float, log=print) -> dict:
    """Build the data set at ``scale`` into the default database (which holds only the
    migrations' rows); returns what was built, with the seed's import time."""
    global TODAY
    from django.db import connection, transaction
    from django.utils import timezone

    TODAY = timezone.localdate()
    plan = Plan.for_scale(scale)
    started = time.perf_counter()
    seed, seed_seconds = import_seed()
    log(f"  seed pair imported in {seed_seconds:.2f} s")
    with transaction.atomic():
        documents = clone_documents(seed, plan, log)
        by_state, members = make_people(plan, log)
        counts = make_tracking(documents, by_state, members, plan, log)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "scale": scale,
        "build_version": BUILD_VERSION,
        "seed_import_seconds": round(seed_seconds, 3),
        "build_seconds": round(time.perf_counter() - started, 1),
        "plan": {"documents": plan.documents, "states": plan.states, "organizations": plan.organizations,
                 "users": plan.users},
        "long_history_recommendation": counts.pop("long_history_recommendation"),
        "counts": table_counts(),
    }


def table_counts() -> dict:
    from django.contrib.auth import get_user_model

    from observations.models import (
        Assignment,
        Committee,
        CommitteeAssessment,
        Document,
        HistoryEntry,
        Measure,
        Membership,
        Organization,
        Paragraph,
        ProgressUpdate,
        Recommendation,
    )

    return {
        "documents": Document.objects.count(),
        "committees": Committee.objects.filter(documents__isnull=False).distinct().count(),
        "states": Document.objects.values("state").distinct().count(),
        "paragraphs": Paragraph.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "organizations": Organization.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "assignments": Assignment.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "measures": Measure.objects.count(),
        "history_entries": HistoryEntry.objects.count(),
        "assessments": CommitteeAssessment.objects.count(),
    }
