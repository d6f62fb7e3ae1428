"""People's work attached to imported rows: what a corrected import must never delete."""

from __future__ import annotations

from django.db import models

from ..importer.model import ImportRejected
from ..models import Citation, Deadline, DeadlineItem, Footnote, Paragraph, Recommendation, Reference, SubParagraph

# Rows the importer itself writes and may rewrite; anything else pointing at a paragraph,
# sub-paragraph or recommendation is people's work (assignments, updates, NGO drafts, …).
IMPORTED_MODELS = {Paragraph, SubParagraph, Footnote, Reference, Citation, Deadline, DeadlineItem, Recommendation}


def _reverse_relations(model):
    return [
        f for f in model._meta.get_fields(include_hidden=True)  # hidden too: related_name="+" counts
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]


def worked_on(model, pks) -> set:
    """The primary keys among ``pks`` that a row of a model the importer does not own points
    at, directly or through the recommendations and sub-paragraphs deleting them would delete.
    One query per relation, whatever the number of rows."""
    pks, found = set(pks), set()
    if not pks:
        return found
    for relation in _reverse_relations(model):
        related, name = relation.related_model, relation.field.name
        if related not in IMPORTED_MODELS:
            found.update(related._base_manager.filter(**{f"{name}__in": pks}).values_list(name, flat=True))
        elif related in (Recommendation, SubParagraph) and relation.on_delete is models.CASCADE:
            children = dict(related._base_manager.filter(**{f"{name}__in": pks}).values_list("pk", name))
            found.update(children[child] for child in worked_on(related, children))
    return found & pks


def has_attached_work(obj) -> bool:
    """Whether people's work is attached to ``obj`` or to what deleting it would delete."""
    return bool(worked_on(type(obj), [obj.pk]))


def refuse_if_worked_on(model, named_rows: list[tuple[str, models.Model]]) -> None:
    """Refuse to delete any of ``named_rows`` ((what, row), in order) that carries people's work."""
    attached = worked_on(model, [row.pk for _, row in named_rows])
    for what, row in named_rows:
        if row.pk in attached:
            raise ImportRejected(
                f"The corrected version removes {what}, which has work attached (assignments, progress "
                "updates or NGO drafts); nothing was changed. Move or close that work first.",
                code="tracked_removed",
            )
