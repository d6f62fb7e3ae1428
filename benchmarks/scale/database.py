"""The benchmark's own PostgreSQL database, on the server DATABASE_URL names.

``tracker_benchmark_<scale>`` (``tracker_benchmark_0_01`` at scale 0.01) is created, migrated
and filled once; a later run at the same scale reuses it when its builder version matches
(new migrations, such as indexes, are applied to it), and ``--rebuild`` builds it again.
Only databases named ``tracker_benchmark_*`` are ever dropped.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit, urlunsplit

from .build import BUILD_VERSION

PREFIX = "tracker_benchmark_"
META_TABLE = "benchmark_meta"


def database_name(scale: float) -> str:
    text = f"{scale:g}".replace(".", "_").replace("-", "_")
    name = PREFIX + re.sub(r"[^0-9a-z_]", "_", text.lower())
    return name


def server_url() -> str:
    import os

    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def url_for(name: str, base: str | None = None) -> str:
    parts = urlsplit(base or server_url())
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin_connection():
    import psycopg

    return psycopg.connect(url_for("postgres"), autocommit=True)


def exists(name: str) -> bool:
    with _admin_connection() as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create(name: str) -> None:
    assert name.startswith(PREFIX), name
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def read_meta(name: str) -> dict | None:
    import psycopg

    try:
        with psycopg.connect(url_for(name), autocommit=True) as conn:
            row = conn.execute(f"SELECT data FROM {META_TABLE} ORDER BY id DESC LIMIT 1").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def write_meta(data: dict) -> None:
    """Mark the database of the default connection as built (the last statement of a build)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (id serial PRIMARY KEY, data jsonb NOT NULL)")
        cursor.execute(f"INSERT INTO {META_TABLE} (data) VALUES (%s)", [json.dumps(data)])


def use(name: str) -> None:
    """Point Django's default connection at database ``name``."""
    from django.conf import settings
    from django.db import connections

    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def reusable(meta: dict | None, scale: float) -> bool:
    return bool(meta) and meta.get("scale") == scale and meta.get("build_version") == BUILD_VERSION
