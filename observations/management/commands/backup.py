"""``manage.py backup DEST``: the whole tracker in one archive, to be read back by
``manage.py restore``.

The archive (.tar.gz) holds:

- ``manifest.json``: when and from which version (applied migrations) it was made, the
  number of rows per table and the SHA-256 of every file;
- ``data.trackerjson``: every table (``dumpdata`` with natural keys for content types
  and permissions, which ``migrate`` creates again), on any database engine, as Django's
  JSON fixtures but with times to the microsecond (Django's JSON keeps milliseconds);
- ``files/``: the uploaded files under MEDIA_ROOT (evidence).

Made while the tracker runs: the tables are read in one repeatable-read transaction on
PostgreSQL, so that they agree with each other. Files uploaded during the backup may be
left out; nothing uploaded before it starts is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers import json as json_fixtures
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
FIXTURE_FORMAT = "trackerjson"
DATA = f"data.{FIXTURE_FORMAT}"
FILES = "files"
# Created again by `migrate`; rows that point to them name them by natural key.
REBUILT = ["contenttypes", "auth.permission"]


class ExactJSONEncoder(json_fixtures.DjangoJSONEncoder):
    """Times in full: a restored row equals the saved one to the microsecond."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(json_fixtures.Serializer):
    """The fixture format of backups (this module is registered as FIXTURE_FORMAT)."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = json_fixtures.Deserializer


def register_fixture_format() -> None:
    serializers.register_serializer(FIXTURE_FORMAT, __name__)


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


class Command(BaseCommand):
    help = (
        "Back up the whole tracker (every table and every uploaded evidence file) into one "
        ".tar.gz archive. Restore it with `manage.py restore ARCHIVE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="The archive to write, e.g. /backups/tracker-2026-03-02.tar.gz.")
        parser.add_argument("--force", action="store_true", help="Overwrite the destination if it exists.")

    def handle(self, *args, destination, force=False, **options):
        target = Path(destination)
        if target.exists() and not force:
            raise CommandError(f"{target} already exists: choose another name, or add --force to overwrite it.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        root = media_root()
        register_fixture_format()
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
            data_path = Path(work) / DATA
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:  # one consistent view of every table
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                counts = row_counts()
                migrations = applied_migrations()
                call_command(
                    "dumpdata", natural_foreign=True, exclude=REBUILT, output=str(data_path),
                    verbosity=0, format=FIXTURE_FORMAT,
                )
            files = media_files(root)
            manifest = {
                "format": FORMAT,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": connection.vendor,
                "migrations": migrations,
                "rows": counts,
                "files": {path.relative_to(root).as_posix(): sha256(path) for path in files},
            }
            partial = Path(work) / "archive.tar.gz"
            with tarfile.open(partial, "w:gz") as archive:
                encoded = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(encoded)
                info.mtime = int(dt.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(encoded))
                archive.add(data_path, arcname=DATA)
                for path in files:
                    archive.add(path, arcname=f"{FILES}/{path.relative_to(root).as_posix()}", recursive=False)
            os.replace(partial, target)  # the archive appears complete or not at all
        total = sum(counts.values())
        self.stdout.write(
            f"Backed up {total} rows in {len(counts)} tables and {len(files)} files to {target} "
            f"({target.stat().st_size / 1024 / 1024:.1f} MB)."
        )
