"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import contextlib
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# The smallest file the evidence checks accept as a PDF.
MINIMAL_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save what the browser shows in test-artifacts/ (to look at), and check it is a real picture."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000
    return path


# --- Snapshots: has a request changed anything? ------------------------------------------


def snapshot_tables() -> list[str]:
    """Every table of the app (documents, tracking, reports, with many-to-many tables)."""
    from django.apps import apps

    return sorted({model._meta.db_table for model in apps.get_app_config("observations").get_models(
        include_auto_created=True)})


def snapshot(evidence_dir=None):
    """Every column of every table of the app, in one query (each table's row count and a
    digest of its rows), and the files under ``evidence_dir``. Take one before and one
    after a write: equal snapshots mean nothing changed."""
    from django.db import connection

    tables = snapshot_tables()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} t"
        for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        rows = {table: (count, digest) for table, count, digest in cursor.fetchall()}
    files = sorted(str(p) for p in Path(evidence_dir).rglob("*") if p.is_file()) if evidence_dir else []
    return rows, files


def every_row(extra_models=("auth.User",)) -> dict[str, list[dict]]:
    """Every row of every table of the app (and of ``extra_models``), value by value: slower
    than ``snapshot`` but a failing comparison shows which values changed."""
    from django.apps import apps

    models = list(apps.get_app_config("observations").get_models()) + [apps.get_model(m) for m in extra_models]
    return {
        model._meta.label: [
            {key: bytes(value) if isinstance(value, memoryview) else value for key, value in row.items()}
            for row in model._base_manager.order_by("pk").values()
        ]
        for model in models
    }


def changes(before, after) -> str:
    """What differs between two snapshots, for a failure message."""
    changed = [table for table in before[0] if before[0][table] != after[0].get(table)]
    return ", ".join(changed + (["the evidence folder"] if before[1] != after[1] else []))


# --- Data built once per test module ------------------------------------------------------


@contextlib.contextmanager
def built_once(django_db_blocker, **settings):
    """For a module-scoped fixture: what is created inside lives in one transaction that
    every test of the module sees (each test rolls its own changes back) and that is
    rolled back after the module. ``settings`` are overridden for as long."""
    from django.db import transaction
    from django.test import override_settings

    override = override_settings(**settings) if settings else None
    with django_db_blocker.unblock():
        if override:
            override.enable()
        atomic = transaction.atomic()
        atomic._from_testcase = True  # tests' own transactions nest inside, as in Django's TestCase
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            if override:
                override.disable()
