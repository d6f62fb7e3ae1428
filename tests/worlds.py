"""Worlds built once per test process and laid down again, row for row, in each test.

Importing the seed pair parses two documents and writes several hundred rows, and many
tests need exactly those rows. The first time, the import runs for real inside a savepoint
that is rolled back; the rows it wrote are kept in memory. Every test that asks for the
world then gets the same rows inserted in bulk inside its own transaction, which is rolled
back at its end like any other test data, so tests stay independent of each other.

The copy is faithful: the same primary keys (their sequences have already passed them), the
same values, and timestamps taken while building moved to the current clock (a frozen clock
sees them written "now", as a real import would). It is only laid down when the database is
in the state the world was built in: every table the build wrote to holds the rows it held
then, and every row the copy points to (the committee, say) is still there. Otherwise, for
example when the test created another document first, the real build runs instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone


@dataclass
class World:
    """The rows one build wrote, and what they need to be laid down again."""

    started: dt.datetime
    finished: dt.datetime
    rows: list[tuple[type[models.Model], list[dict]]]  # per table written to
    baseline: dict[type[models.Model], frozenset]  # primary keys each of those tables held before
    outside: dict[type[models.Model], frozenset]  # rows of other tables the copied rows point to
    root: tuple[type[models.Model], object]  # the object the build returns

    def fits(self) -> bool:
        """Whether the database is in the state the world was built in."""
        for model, pks in self.baseline.items():
            if frozenset(model._base_manager.values_list("pk", flat=True)) != pks:
                return False
        return all(model._base_manager.filter(pk__in=pks).count() == len(pks) for model, pks in self.outside.items())

    def lay_down(self):
        shift = timezone.now() - self.started

        def moved(value):
            if isinstance(value, dt.datetime) and self.started <= value <= self.finished:
                return value + shift
            return value

        with transaction.atomic():  # foreign keys are checked once every table is written
            for model, rows in self.rows:
                model._base_manager.bulk_create([model(**{k: moved(v) for k, v in row.items()}) for row in rows])
        model, pk = self.root
        return model._base_manager.get(pk=pk)


def _tables() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def build(make: Callable[[], models.Model]) -> tuple[models.Model, World | None]:
    """Run ``make`` in a savepoint that is rolled back and record what it wrote. Returns the
    object it returned (gone with the rollback: use the world to lay it down) and the world,
    or no world when what was written cannot be copied (tables of parent models)."""
    tables = _tables()
    before = {model: frozenset(model._base_manager.values_list("pk", flat=True)) for model in tables}
    started = timezone.now()
    with transaction.atomic():
        made = make()
        finished = timezone.now()
        rows, written = [], {}
        for model in tables:
            new = list(model._base_manager.exclude(pk__in=before[model]).values(*[f.attname for f in _columns(model)]))
            if new:
                rows.append((model, new))
                written[model] = {row[model._meta.pk.attname] for row in new}
        transaction.set_rollback(True)
    if any(model._meta.parents for model, _ in rows):
        return made, None
    outside: dict = {}
    for model, new in rows:
        for field in _columns(model):
            if field.is_relation and (field.many_to_one or field.one_to_one):
                target = field.related_model._meta.concrete_model
                values = {row[field.attname] for row in new} - {None} - written.get(target, set())
                if values:
                    outside.setdefault(target, set()).update(values)
    world = World(
        started=started, finished=finished, rows=rows,
        baseline={model: before[model] for model, _ in rows},
        outside={model: frozenset(pks) for model, pks in outside.items()},
        root=(type(made), made.pk),
    )
    return made, world


class Cache:
    """One world per name for the whole test process, built the first time it fits."""

    def __init__(self):
        self.worlds: dict[str, World | None] = {}

    def get(self, name: str, make: Callable[[], models.Model], *, pristine: Callable[[], bool]):
        """The object ``make`` returns, laid down from the world when it fits; ``pristine``
        tells whether the database is clean enough to build the world in."""
        world = self.worlds.get(name)
        if world is not None and world.fits():
            return world.lay_down()
        if name not in self.worlds and pristine():
            _made, world = build(make)
            self.worlds[name] = world
            if world is not None and world.fits():
                return world.lay_down()
        return make()
