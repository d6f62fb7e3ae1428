"""Importing documents into the database: the seed pair, idempotence, replacement, refusal."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from observations.choices import ImportAction
from observations.importer.model import ImportRejected
from observations.models import (
    Document,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)
from observations.services.imports import UploadedText, import_files
from tests.conftest import SEED_AR, SEED_DIR, SEED_EN, SEED_SYMBOL

EXPECTED = json.loads((SEED_DIR / "CMW_C_KGZ_CO_2.expected.json").read_text(encoding="utf-8"))


def normalise_title(title: str) -> str:
    """Titles compare without regard to case, spacing or dash style."""
    for dash in "–—‑‐−":
        title = title.replace(dash, "-")
    return " ".join(title.lower().split())


def export(symbol=SEED_SYMBOL) -> dict:
    out = StringIO()
    call_command("export_observations", symbol, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Document, LanguageVersion, Paragraph, SubParagraph, Recommendation, ImportRecord, Reference)
    }


def seed_uploads():
    return [UploadedText(SEED_EN.name, SEED_EN.read_bytes()), UploadedText(SEED_AR.name, SEED_AR.read_bytes())]


@pytest.mark.django_db
class TestSeedPairExport:
    """`export_observations` after importing the seed pair holds every fact of the expected file."""

    @pytest.fixture(autouse=True)
    def facts(self, seed_pair):
        self.facts = export()

    def test_identity(self):
        f = self.facts
        for key in ("symbol", "committee", "committee_name_en", "periodic_report", "state_report_symbol",
                    "list_of_issues_symbol", "previous_observations", "session", "considered", "adopted"):
            assert f[key] == EXPECTED[key], key
        assert f["state_party"] == EXPECTED["state_party"]
        assert sorted(f["languages"]) == sorted(EXPECTED["languages"])

    def test_counts(self):
        for key in ("paragraph_count", "subparagraph_count", "footnote_count"):
            assert self.facts[key] == EXPECTED[key], key

    @pytest.mark.parametrize("group", ["sections", "clusters", "topics"])
    def test_heading_tree(self, group):
        got, want = self.facts[group], EXPECTED[group]
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            for key, value in w.items():
                if key.startswith("title_"):
                    assert normalise_title(g[key]) == normalise_title(value), (group, w)
                else:
                    assert g[key] == value, (group, key, w)

    def test_deadlines(self):
        got = {d["kind"]: d for d in self.facts["deadlines"]}
        for want in EXPECTED["deadlines"]:
            have = got[want["kind"]]
            for key, value in want.items():
                assert have[key] == value, (want["kind"], key)

    def test_citations(self):
        assert self.facts["sdg_targets"] == EXPECTED["sdg_targets"]
        assert self.facts["convention_articles"] == EXPECTED["convention_articles"]

    def test_every_paragraph(self):
        got = {p["number"]: p for p in self.facts["paragraphs"]}
        for want in EXPECTED["paragraphs"]:
            have = got[want["number"]]
            assert have["kind"] == want["kind"], want["number"]
            assert have["subparagraphs"] == want["subparagraphs"], want["number"]
            assert have["subparagraphs_ar"] == want["subparagraphs_ar"], want["number"]
            assert have.get("reiterates") == want.get("reiterates"), want["number"]


@pytest.mark.django_db
def test_seed_pair_is_one_document_with_aligned_texts(seed_pair):
    assert Document.objects.count() == 1
    paragraph = seed_pair.paragraphs.get(number=20)
    assert set(paragraph.text) == {"en", "ar"}
    assert paragraph.text["en"].startswith("Reiterating its previous recommendations")
    sub = paragraph.subparagraphs.get(letter="b")
    assert sub.labels == {"en": "b", "ar": "ب"}
    assert "privacy" in sub.text["en"]
    # The original bytes are kept verbatim with their checksum.
    english = seed_pair.versions.get(language="en")
    assert bytes(english.original) == SEED_EN.read_bytes()
    assert len(english.checksum) == 64


@pytest.mark.django_db
def test_recommendations_are_the_tracked_units(seed_pair):
    codes = [r.code for r in Recommendation.objects.filter(document=seed_pair).select_related("paragraph", "subparagraph")]
    assert "12" in codes and "20(a)" in codes and "20(b)" in codes
    assert "20" not in codes  # a paragraph with sub-paragraphs is tracked through them
    assert "19" not in codes  # concerns are not tracked
    expected_units = sum(
        max(len(p["subparagraphs"]), 1) for p in EXPECTED["paragraphs"] if p["kind"] == "recommendation"
    )
    assert len(codes) == expected_units


@pytest.mark.django_db
def test_reimporting_identical_files_changes_nothing_and_says_so(seed_pair):
    before = table_counts()
    out = StringIO()
    call_command("import_observations", str(SEED_EN), str(SEED_AR), stdout=out)
    assert "Nothing changed" in out.getvalue()
    assert table_counts() == before


@pytest.mark.django_db
def test_corrected_version_is_refused_without_replace(seed_pair):
    corrected = SEED_EN.read_bytes().replace(b"take all the measures necessary to develop", b"take urgent measures to develop")
    before = table_counts()
    with pytest.raises(ImportRejected) as err:
        import_files([UploadedText("corrected.en.txt", corrected)])
    assert err.value.code == "exists"
    assert "--replace" in err.value.message
    assert table_counts() == before


@pytest.mark.django_db
def test_replace_shows_changes_and_keeps_unchanged_paragraphs(seed_pair):
    para_10 = seed_pair.paragraphs.get(number=10)
    rec_12 = Recommendation.objects.get(paragraph__document=seed_pair, paragraph__number=12)
    corrected = SEED_EN.read_bytes().replace(b"take all the measures necessary to develop", b"take urgent measures to develop")
    result = import_files([UploadedText("corrected.en.txt", corrected)], replace=True)
    outcome = result.outcomes[0]
    assert outcome.action == ImportAction.REPLACED
    assert outcome.changes == ["paragraph 10: text changed"]
    para_10.refresh_from_db()
    assert "take urgent measures" in para_10.text["en"]
    assert para_10.text["ar"]  # the other language is untouched
    assert Recommendation.objects.filter(pk=rec_12.pk).exists()
    record = ImportRecord.objects.filter(action=ImportAction.REPLACED).get()
    assert bytes(record.superseded) == SEED_EN.read_bytes()


@pytest.mark.django_db
def test_a_version_with_another_structure_is_refused_and_nothing_written(seed_pair):
    # Drop sub-paragraph (b) of paragraph 20 from the English text.
    lines = SEED_EN.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = "".join(line for line in lines if not line.startswith("\t(b)\tEnsure that the rights of migrant workers"))
    before = table_counts()
    with pytest.raises(ImportRejected) as err:
        import_files([UploadedText("broken.en.txt", broken.encode())], replace=True)
    assert "paragraph 20" in err.value.message
    assert table_counts() == before


@pytest.mark.django_db
def test_misaligned_language_versions_are_refused_together():
    arabic = SEED_AR.read_text(encoding="utf-8")
    start = arabic.index("\n31-")
    end = arabic.index("\n32-")
    without_31 = arabic[:start] + arabic[end:]
    with pytest.raises(ImportRejected):
        import_files([UploadedText(SEED_EN.name, SEED_EN.read_bytes()),
                      UploadedText("ar.txt", without_31.encode())])
    assert Document.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data,code",
    [
        ("empty.txt", b"", "empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("windows-1252.txt", SEED_EN.read_text(encoding="utf-8").encode("cp1252", errors="replace"), "encoding"),
        ("letter.txt", b"Dear colleagues,\n\nPlease find attached the agenda.\n", "not_observations"),
    ],
)
def test_bad_files_get_one_clear_message_and_write_nothing(name, data, code):
    with pytest.raises(ImportRejected) as err:
        import_files([UploadedText(name, data)])
    assert err.value.code == code
    assert name in err.value.message
    assert Document.objects.count() == 0 and LanguageVersion.objects.count() == 0


@pytest.mark.django_db
def test_import_command_reports_a_rejection_without_traceback(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_observations", str(bad))
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_export_of_unknown_symbol_is_a_clear_error():
    with pytest.raises(CommandError, match="No document"):
        call_command("export_observations", "CMW/C/XXX/CO/9")


@pytest.mark.django_db
def test_references_resolve_when_the_earlier_document_arrives(seed_pair):
    """Footnotes citing CMW/C/KGZ/CO/1 link to its paragraphs once that document is imported."""
    from tests.factories import make_document

    unresolved = Reference.objects.filter(paragraph__document=seed_pair, target_symbol="CMW/C/KGZ/CO/1")
    assert unresolved.exists() and not unresolved.filter(target__isnull=False).exists()
    earlier = make_document(symbol="CMW/C/KGZ/CO/1")
    Paragraph.objects.create(document=earlier, number=9, kind="recommendation", text={"en": "Earlier text."})
    from observations.services.imports import resolve_references

    resolve_references(earlier)
    ref = Reference.objects.get(paragraph__document=seed_pair, paragraph__number=12)
    assert ref.target.document == earlier and ref.target.number == 9


@pytest.mark.django_db
def test_a_month_only_deadline_is_stored_with_its_precision():
    """CEDAW-style "submit its tenth periodic report in October 2028": due at the month's end."""
    from tests.importer.conftest import DOCS

    path = DOCS / "CEDAW_C_PER_CO_9.es.txt"  # "presente su décimo informe periódico en octubre de 2028"
    result = import_files([UploadedText(path.name, path.read_bytes())])
    report = result.document.deadlines.get(kind="next_periodic_report")
    assert (report.precision, report.due_date.isoformat(), report.report_number) == ("month", "2028-10-31", 10)
    exported = next(d for d in export(result.document.symbol)["deadlines"] if d["kind"] == "next_periodic_report")
    assert exported["precision"] == "month" and exported["due"] == "2028-10-31"


def english_seed_without_20b() -> bytes:
    lines = SEED_EN.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("\t(b)\tEnsure that the rights of migrant workers")).encode()


@pytest.fixture
def english_seed(db):
    return import_files([UploadedText(SEED_EN.name, SEED_EN.read_bytes())]).document


@pytest.mark.django_db
def test_a_correction_may_drop_an_untouched_subparagraph(english_seed):
    result = import_files([UploadedText("corrected.en.txt", english_seed_without_20b())], replace=True)
    assert "paragraph 20 (b) removed" in result.outcomes[0].changes
    assert list(english_seed.paragraphs.get(number=20).subparagraphs.values_list("letter", flat=True)) == ["a"]


@pytest.mark.django_db
def test_a_correction_never_deletes_assigned_work(english_seed, coordinator, ministry_a):
    from observations.services import tracking as services

    rec = Recommendation.objects.get(paragraph__document=english_seed, paragraph__number=20, subparagraph__letter="b")
    services.assign(rec, lead=ministry_a, by=coordinator)
    before = table_counts()
    with pytest.raises(ImportRejected) as err:
        import_files([UploadedText("corrected.en.txt", english_seed_without_20b())], replace=True)
    assert err.value.code == "tracked_removed" and "paragraph 20 (b)" in err.value.message
    assert table_counts() == before and Recommendation.objects.filter(pk=rec.pk).exists()


@pytest.mark.django_db
def test_a_correction_never_deletes_an_ngo_draft(english_seed, ngo, ngo_drafter):
    from observations.models import ShadowEntry
    from observations.services import reports as shadow_services

    report, _ = shadow_services.start_report(organization=ngo, document=english_seed, user=ngo_drafter)
    paragraph = english_seed.paragraphs.get(number=20)
    shadow_services.save_entry(report=report, paragraph=paragraph, subparagraph=paragraph.subparagraphs.get(letter="b"),
                               data={"narrative": "Nothing changed."}, version=0, user=ngo_drafter)
    with pytest.raises(ImportRejected) as err:
        import_files([UploadedText("corrected.en.txt", english_seed_without_20b())], replace=True)
    assert err.value.code == "tracked_removed"
    assert ShadowEntry.objects.filter(narrative="Nothing changed.").exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_of_one_document_write_it_once(committees):
    """Two people import the same pair at the same moment: one document, one version per
    language; the other import is told, or finds it already there."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait(timeout=10)
            result = import_files(seed_uploads())
            outcomes.append({o.action for o in result.outcomes})
        except ImportRejected as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Document.objects.count() == 1
    assert sorted(LanguageVersion.objects.values_list("language", flat=True)) == ["ar", "en"]
    assert ImportRecord.objects.count() == 2
    assert len(outcomes) == 2 and {ImportAction.CREATED} in outcomes
    other = outcomes[1 - outcomes.index({ImportAction.CREATED})]
    assert other in ("conflict", {ImportAction.UNCHANGED})


@pytest.mark.django_db
def test_the_state_is_found_from_the_title_when_no_symbol_names_it():
    """A document whose footnotes cite no symbol of the State: the title names the State."""
    text = SEED_EN.read_text(encoding="utf-8")
    for symbol in ("CMW/C/KGZ/CO/1/Add.1", "CMW/C/KGZ/CO/1", "CMW/C/KGZ/QPR/2", "CMW/C/KGZ/2"):
        text = text.replace(symbol, "the earlier document")
    result = import_files([UploadedText("no-symbols.en.txt", text.encode())], symbol="CMW/C/XXK/CO/2")
    assert result.document.state.code == "KG"


@pytest.mark.django_db
def test_footnote_positions_are_stored_per_language(seed_pair):
    paragraph = seed_pair.paragraphs.get(number=12)
    [[number, offset]] = paragraph.footnote_positions["en"]
    assert number == 6
    assert paragraph.text["en"][:offset] == "Reiterating its previous recommendations,"
    [[number, offset]] = paragraph.footnote_positions["ar"]
    assert number == 6
    assert paragraph.text["ar"][:offset].endswith("توصياتها السابقة")
    assert paragraph.text["ar"][offset:].startswith("،")
    assert seed_pair.paragraphs.get(number=10).footnote_positions == {"en": [], "ar": []}
    assert all(set(s.footnote_positions) == {"en", "ar"} for s in SubParagraph.objects.filter(paragraph__document=seed_pair))


@pytest.mark.django_db
def test_a_marker_that_moved_updates_its_position_without_a_text_change_note(seed_pair):
    moved = SEED_EN.read_bytes().replace(
        b"Reiterating its previous recommendations,[footnoteRef:6] the Committee",
        b"Reiterating its previous recommendations, [footnoteRef:6]the Committee",
    )
    assert moved != SEED_EN.read_bytes()
    result = import_files([UploadedText("moved.en.txt", moved)], replace=True)
    assert not any("text changed" in change for change in result.outcomes[0].changes)
    paragraph = seed_pair.paragraphs.get(number=12)
    assert paragraph.footnote_positions["en"] == [[6, len("Reiterating its previous recommendations, ")]]
    assert paragraph.footnote_positions["ar"][0][0] == 6
