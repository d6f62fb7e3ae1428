"""The exchange file: a State's whole tracker out of one tracker and into an empty one,
losing nothing (every table compared, row by row, with every column), its JSON Schema,
and the refusals of a file that is not valid or whose documents are here already."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from observations.choices import HistoryAction
from observations.exports.tracker import TABLES, rows_of, schema, zip_path_for
from observations.models import Committee, Document, Evidence, HistoryEntry
from observations.services import tracking as services
from observations.services.exchange import check
from tests.helpers import snapshot, snapshot_tables
from tests.permissions_grid_cases import build

pytestmark = pytest.mark.django_db


def canonical(state="KG") -> dict:
    """Every exported table of the State, each row with every column, ids replaced by the
    row's rank in its table (links by the rank of the row they point to), people by user
    name, committees by code, kinds of object by name; evidence files by their bytes."""
    user_model = get_user_model()
    ranks = {table.model: {pk: i for i, pk in enumerate(rows_of(table, state).values_list("pk", flat=True))}
             for table in TABLES}
    usernames = dict(user_model.objects.values_list("pk", "username"))
    committees = dict(Committee.objects.values_list("pk", "code"))
    dump = {}
    for table in TABLES:
        fields = [f for f in table.model._meta.concrete_fields if not f.primary_key]
        rows = []
        for obj in rows_of(table, state):
            row = {}
            for field in fields:
                raw = getattr(obj, field.attname)
                if field.is_relation and raw is not None:
                    target = field.related_model
                    raw = (usernames[raw] if target is user_model else committees[raw] if target is Committee
                           else ContentType.objects.get_for_id(raw).natural_key() if target is ContentType
                           else ranks.get(target, {}).get(raw, "outside"))
                elif isinstance(raw, memoryview):
                    raw = bytes(raw)
                elif field.name == "file" and raw:
                    raw = obj.file.open("rb").read()
                row[field.name] = str(raw) if hasattr(raw, "code") and not isinstance(raw, (dict, str)) else raw
            for field in table.model._meta.many_to_many:
                row[field.name] = sorted(ranks[field.related_model][o.pk] for o in getattr(obj, field.name).all())
            if table.model is HistoryEntry and obj.content_type_id:
                row["object_id"] = ranks.get(obj.content_type.model_class(), {}).get(obj.object_id)
            rows.append(row)
        dump[table.name] = rows
    return dump


def empty_the_tracker():
    """Every table of the app and the users emptied (the committees stay)."""
    tables = [t for t in snapshot_tables() if t != Committee._meta.db_table] + [get_user_model()._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    made = build()
    coordinator = made["users"]["coordinator"]
    services.record_assessment(made["recommendations"]["lead_b"], grade="B", letter_date=made["updates"]["Av"].as_of,
                               by=coordinator)
    services.add_evidence(made["updates"]["Ad"], by=made["users"]["focal_a"], link="https://example.org/report")
    services.create_update(made["recommendations"]["lead_a_supporting_b"], organization=made["organizations"]["a"],
                           by=made["users"]["focal_a"], status="in_progress", narrative="Budget and law.",
                           language="ru", as_of=made["updates"]["Av"].as_of,
                           measures=[services.MeasureData("law", "Law on labour migration"),
                                     services.MeasureData("budget", "Shelters", made["updates"]["Av"].as_of)])
    return made


def test_a_round_trip_into_an_empty_tracker_loses_nothing(world, tmp_path):
    before = canonical()
    assert all(before[name] for name in ("documents", "paragraphs", "recommendations", "organizations",
                                         "assignments", "updates", "measures", "evidence", "assessments", "history"))
    assert {row["action"] for row in before["history"]} >= {HistoryAction.UPDATE_RETURNED,
                                                            HistoryAction.UPDATE_VALIDATED}
    path = tmp_path / "kg.json"
    call_command("export_tracker", "--state", "kg", str(path))
    written = json.loads(path.read_text())
    check(written)
    assert {row["symbol"] for row in written["tables"]["documents"]} == {"CMW/C/KGZ/CO/2", "CMW/C/KGZ/CO/1"}
    assert "4(b)" in {row["code"] for row in written["tables"]["recommendations"]}
    assert all(u["username"] != "focal_tj" for u in written["users"]), "nothing of another State"
    with zipfile.ZipFile(zip_path_for(path)) as archive:
        assert len(archive.namelist()) == Evidence.objects.filter(
            update__recommendation__document__state="KG").exclude(file="").values("file").distinct().count()
    empty_the_tracker()
    assert not Document.objects.exists() and not get_user_model().objects.exists()
    call_command("import_tracker", str(path))
    after = canonical()
    for name in before:
        assert after[name] == before[name], name
    imported = get_user_model().objects.get(username="focal_a")
    assert not imported.has_usable_password()


def test_the_imported_seed_round_trips_with_its_files_footnotes_references_and_citations(seed_pair, tmp_path):
    before = canonical()
    assert all(before[name] for name in ("language_versions", "import_records", "footnotes", "references",
                                         "citations", "subparagraphs", "deadlines", "deadline_items"))
    path = tmp_path / "seed.json"
    call_command("export_tracker", "--state", "KG", str(path))
    empty_the_tracker()
    call_command("import_tracker", str(path))
    after = canonical()
    for name in before:
        assert after[name] == before[name], name


def test_importing_documents_that_are_here_already_changes_nothing(world, tmp_path):
    path = tmp_path / "kg.json"
    call_command("export_tracker", "--state", "KG", str(path))
    before = snapshot(world["evidence_dir"] if "evidence_dir" in world else None)
    with pytest.raises(CommandError, match="in the tracker already.*CMW/C/KGZ/CO/1"):
        call_command("import_tracker", str(path))
    assert snapshot() == before


@pytest.mark.parametrize("damage, message", [
    (lambda d: d.update(format="something else"), "not a Follow-up Tracker exchange file"),
    (lambda d: d.update(version=7), "version 7"),
    (lambda d: d["tables"]["documents"][0].pop("symbol"), "tables/documents/0"),
    (lambda d: d["tables"]["recommendations"][0].update(code="six"), "tables/recommendations/0/code"),
    (lambda d: d["tables"].pop("updates"), "updates"),
])
def test_a_damaged_file_is_refused_with_a_sentence_and_nothing_is_written(world, tmp_path, damage, message):
    path = tmp_path / "kg.json"
    call_command("export_tracker", "--state", "KG", str(path))
    document = json.loads(path.read_text())
    damage(document)
    path.write_text(json.dumps(document))
    empty_the_tracker()
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_tracker", str(path))
    assert snapshot() == before


def test_a_missing_evidence_zip_is_refused(world, tmp_path):
    path = tmp_path / "kg.json"
    call_command("export_tracker", "--state", "KG", str(path))
    zip_path_for(path).unlink()
    empty_the_tracker()
    with pytest.raises(CommandError, match="missing from the zip"):
        call_command("import_tracker", str(path))
    assert not Document.objects.exists()


def test_an_unknown_state_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not the code of a State"):
        call_command("export_tracker", "--state", "XX", str(tmp_path / "x.json"))


def test_the_schema_is_a_valid_json_schema_naming_every_table():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema())
    assert set(schema()["properties"]["tables"]["required"]) == {table.name for table in TABLES}
