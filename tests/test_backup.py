"""Backups that restore: a populated tracker saved by `manage.py backup` and put back by
`manage.py restore` into an empty database and folder is the same, table by table and
file by file."""

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import MINIMAL_PDF

REBUILT = {"contenttypes.contenttype", "auth.permission"}


def snapshot() -> dict[str, list]:
    """Every row of every table; content types and permissions (which `migrate` makes
    again) by natural key."""
    tables = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        label = model._meta.label_lower
        rows = serializers.serialize(
            "python", model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True, use_natural_primary_keys=label in REBUILT,
        )
        tables[label] = sorted(rows, key=repr) if label in REBUILT else rows
    return tables


def files_of(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*")) if path.is_file()
    }


@pytest.fixture
def populated(committees, seed_pair, coordinator, ministry_a, focal_point_a, evidence_dir, client):
    """The seed imported in English and Arabic, a recommendation assigned, a validated
    update with an evidence file and a link, and a refused sign-in on record."""
    from observations.choices import ImplementationStatus
    from observations.services import tracking as services

    recommendation = seed_pair.recommendations.order_by("pk").first()
    services.assign(recommendation, lead=ministry_a, by=coordinator)
    update = services.create_update(
        recommendation, organization=ministry_a, by=focal_point_a, status=ImplementationStatus.IN_PROGRESS,
        narrative="Приказ № 5 о рабочей группе; قرار وزاري", language="en", as_of=dt.date(2026, 3, 2),
    )
    services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile("Decree 12.pdf", MINIMAL_PDF),
                          description="Decree")
    services.add_evidence(update, by=focal_point_a, link="https://example.org/decree-12")
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    client.post("/accounts/login/", {"username": "focal_a", "password": "wrong"})
    return evidence_dir


def _empty_everything(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def test_a_backup_restored_into_an_empty_installation_is_the_same_table_by_table_and_file_by_file(
        populated, tmp_path, capsys):
    media = populated
    before, files_before = snapshot(), files_of(media)
    assert len(files_before) == 1
    for table in ("observations.document", "observations.paragraph", "observations.assignment",
                  "observations.progressupdate", "observations.evidence", "auth.user", "axes.accessattempt"):
        assert before[table], table

    archive = tmp_path / "tracker.tar.gz"
    call_command("backup", str(archive))
    assert "Backed up" in capsys.readouterr().out

    _empty_everything(media)
    assert not get_user_model().objects.exists() and not media.exists()

    call_command("restore", str(archive))
    assert "Restored" in capsys.readouterr().out
    after = snapshot()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert files_of(media) == files_before
    # The restored database goes on: new rows get new keys.
    get_user_model().objects.create_user("after_restore", password="pw")


def test_restore_leaves_an_installation_with_data_alone(populated, tmp_path):
    archive = tmp_path / "tracker.tar.gz"
    call_command("backup", str(archive))
    get_user_model().objects.create_user("newcomer", password="pw")
    before = snapshot()
    with pytest.raises(CommandError, match="already holds data .* nothing was changed"):
        call_command("restore", str(archive))
    assert snapshot() == before
    call_command("restore", str(archive), "--replace")
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_backup_does_not_overwrite_without_being_told(populated, tmp_path):
    archive = tmp_path / "tracker.tar.gz"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an earlier backup"


def _rewritten(source: Path, target: Path, change) -> Path:
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read() if member.isfile() else b""
            data = change(member.name, data)
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def test_a_damaged_or_foreign_archive_is_refused_and_nothing_changes(populated, tmp_path):
    archive = tmp_path / "tracker.tar.gz"
    call_command("backup", str(archive))
    _empty_everything(populated)

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"plain text")
    with pytest.raises(CommandError, match="is not a tracker backup"):
        call_command("restore", str(not_a_backup))

    def newer(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"].append(["observations", "9999_from_the_future"])
        return json.dumps(manifest).encode()

    with pytest.raises(CommandError, match="newer version of the tracker"):
        call_command("restore", str(_rewritten(archive, tmp_path / "newer.tar.gz", newer)))

    def damaged(name, data):
        return data + b"tampered" if name.startswith("files/") else data

    with pytest.raises(CommandError, match="The backup is damaged: the file evidence/.* is missing or changed"):
        call_command("restore", str(_rewritten(archive, tmp_path / "damaged.tar.gz", damaged)))
    assert not get_user_model().objects.exists() and not populated.exists()
