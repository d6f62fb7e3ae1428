"""``manage.py restore SRC``: put back a tracker saved by ``manage.py backup``.

Into an empty installation: the database is brought to this version's schema
(``migrate``), emptied, and the archive's tables loaded in one transaction; the evidence
files are written back under MEDIA_ROOT and checked against their SHA-256. A database
that already holds people or documents, or a MEDIA_ROOT that already holds files, is left
alone unless ``--replace`` is given.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.migrations.loader import MigrationLoader

from .backup import (
    DATA,
    FILES,
    FORMAT,
    MANIFEST,
    media_files,
    media_root,
    register_fixture_format,
    row_counts,
    sha256,
)


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, ValueError, AttributeError):
        raise CommandError("This file is not a tracker backup (it has no readable manifest.json).") from None
    if manifest.get("format") != FORMAT:
        raise CommandError(f"This backup has format {manifest.get('format')!r}; this version reads format {FORMAT}.")
    return manifest


def _unknown_migrations(manifest: dict) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known)


def _holds_data() -> bool:
    from observations.models import Document

    return get_user_model().objects.exists() or Document.objects.exists()


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty installation: every table and "
        "every evidence file. Add --replace to overwrite an installation that holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--replace", action="store_true",
            help="Delete what the database and MEDIA_ROOT hold now and put the backup in their place.",
        )

    def handle(self, *args, source, replace=False, **options):
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            archive = tarfile.open(path, "r:gz")
        except (tarfile.TarError, OSError):
            raise CommandError(f"{path} is not a tracker backup (not a .tar.gz archive).") from None
        with archive, tempfile.TemporaryDirectory(prefix="tracker-restore-") as work:
            manifest = _read_manifest(archive)
            unknown = _unknown_migrations(manifest)
            if unknown:
                raise CommandError(
                    "This backup comes from a newer version of the tracker (migrations "
                    f"{', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''} are unknown here): "
                    "install that version or a later one, then restore."
                )
            root = media_root()
            call_command("migrate", interactive=False, verbosity=0)
            if not replace and (_holds_data() or media_files(root)):
                raise CommandError(
                    "This installation already holds data (people, documents or uploaded files): "
                    "nothing was changed. Restore into an empty one, or add --replace to overwrite it."
                )
            # Everything is unpacked and checked before anything is changed.
            archive.extractall(work, filter="data")
            unpacked = Path(work) / FILES
            for name, digest in manifest["files"].items():
                file = unpacked / name
                if not file.is_file() or sha256(file) != digest:
                    raise CommandError(f"The backup is damaged: the file {name} is missing or changed. Nothing was changed.")
            register_fixture_format()
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(Path(work) / DATA), verbosity=0)
                counts = row_counts()
                differing = {
                    table: (expected, counts.get(table))
                    for table, expected in manifest["rows"].items()
                    if counts.get(table) != expected and table not in ("contenttypes.contenttype", "auth.permission")
                }
                if differing:
                    raise CommandError(f"The restored tables do not match the backup: {differing}. Nothing was changed.")
            if root.exists():
                shutil.rmtree(root)
            if unpacked.is_dir():
                shutil.copytree(unpacked, root)
            else:
                root.mkdir(parents=True, exist_ok=True)
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {len(manifest['files'])} files "
            f"from the backup of {manifest['created']}."
        )
