"""The writer of parsed documents: a constant number of queries whatever the document's size,
deadlines keep their life after import through a correction, and a refused import leaves
every row of every table exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observations.importer import parse
from observations.importer.model import ImportRejected
from observations.models import Deadline, Document, Paragraph, Recommendation, SubParagraph
from observations.services.imports import UploadedText, import_files
from tests.conftest import SEED_AR, SEED_EN
from tests.helpers import every_row

SEED_TEXT = SEED_EN.read_text(encoding="utf-8")
LAST_FOOTNOTE = 24  # in paragraph 58, the last paragraph of the seed
FIRST_FOLLOW_UP_PARAGRAPH = 55  # "7. Dissemination and follow-up" starts here


def enlarged_seed(extra_topics: int, *, wording: str = "measure") -> bytes:
    """The English seed with ``extra_topics`` more topics before its closing cluster, each with
    a concern paragraph and a recommendation in two sub-paragraphs that cites a previous
    recommendation in a footnote and an SDG target: every table the importer writes grows."""
    lines = SEED_TEXT.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("\t7.\tDissemination and follow-up"))
    block = []
    for i in range(extra_topics):
        number, note = FIRST_FOLLOW_UP_PARAGRAPH + 2 * i, LAST_FOOTNOTE + i
        block += [
            f"\t\tRecruitment agencies, area {i + 1}\n",
            f"{number}.\tThe Committee is concerned that the recruitment agencies of area {i + 1} charge "
            "migrant workers fees.\n",
            f"{number + 1}.\tRecalling its previous recommendations,[footnoteRef:{note}] the Committee "
            "recommends that the State party, in line with target 10.7 of the Sustainable Development "
            f"Goals: [{note}: \t\tIbid., para. 43.] \n",
            f"\t(a)\tAdopt the {wording} of area {i + 1} to regulate recruitment agencies;\n",
            f"\t(b)\tMonitor the {wording} of area {i + 1} and publish its results.\n",
        ]
    tail = "".join(lines[cut:])
    for number in range(58, FIRST_FOLLOW_UP_PARAGRAPH - 1, -1):
        tail = tail.replace(f"\n{number}.\t", f"\n{number + 2 * extra_topics}.\t")
    new_note = LAST_FOOTNOTE + extra_topics
    tail = tail.replace(f"[footnoteRef:{LAST_FOOTNOTE}]", f"[footnoteRef:{new_note}]")
    tail = tail.replace(f"[{LAST_FOOTNOTE}: ", f"[{new_note}: ")
    return ("".join(lines[:cut]) + "".join(block) + tail).encode()


def test_the_enlarged_seed_is_a_valid_document_with_more_of_everything():
    small, large = (parse(enlarged_seed(n), filename="seed.en.txt") for n in (2, 12))
    assert len(large.paragraphs) - len(small.paragraphs) == 20
    assert len(large.footnotes) - len(small.footnotes) == 10
    assert len(large.references) - len(small.references) == 10
    assert len(large.citations) - len(small.citations) == 10
    assert sum(len(p.subparagraphs) for p in large.paragraphs) - sum(len(p.subparagraphs) for p in small.paragraphs) == 20
    assert large.paragraphs[-1].number == small.paragraphs[-1].number + 20


def count_import(data: bytes, **options) -> int:
    ContentType.objects.clear_cache()  # both sizes start alike: the audit entry looks its type up
    with CaptureQueriesContext(connection) as queries:
        import_files([UploadedText("seed.en.txt", data)], **options)
    return len(queries)


@pytest.mark.django_db
def test_importing_a_new_document_takes_as_many_queries_for_a_small_and_a_large_one():
    small = count_import(enlarged_seed(2))
    Document.objects.all().delete()
    large = count_import(enlarged_seed(12))
    assert Paragraph.objects.count() == 58 + 24 and SubParagraph.objects.filter(
        paragraph__number__gte=FIRST_FOLLOW_UP_PARAGRAPH).count() == 24
    assert small == large


@pytest.mark.django_db
def test_a_correction_takes_as_many_queries_for_a_small_and_a_large_document():
    counts = []
    for size in (2, 12):
        Document.objects.all().delete()
        import_files([UploadedText("seed.en.txt", enlarged_seed(size))])
        counts.append(count_import(enlarged_seed(size, wording="programme"), replace=True))
    changes = Document.objects.get().imports.order_by("-id").first().changes
    assert "paragraph 56 (a): text changed" in changes and "paragraph 78 (b): text changed" in changes
    assert counts[0] == counts[1]


# --- deadlines keep their life after import --------------------------------------------------


@pytest.mark.django_db
def test_a_correction_keeps_what_happened_to_a_deadline_that_remains():
    document = import_files([UploadedText(SEED_EN.name, SEED_EN.read_bytes())]).document
    follow_up = document.deadlines.get(kind="follow_up")
    report = document.deadlines.get(kind="next_periodic_report")
    Deadline.objects.filter(pk=follow_up.pk).update(
        met_on=dt.date(2025, 12, 20), met_symbol="CMW/C/KGZ/CO/2/Add.1")
    Deadline.objects.filter(pk=report.pk).update(
        extended_to=dt.date(2029, 6, 30), extension_letter_date=dt.date(2028, 11, 4),
        extension_letter_reference="G/SO 215/51 KGZ")
    corrected = SEED_TEXT.replace("by 2 January 2026", "by 2 March 2026").encode()
    result = import_files([UploadedText("corrected.en.txt", corrected)], replace=True)

    assert any("due date 2026-01-02 → 2026-03-02" in c for c in result.outcomes[0].changes)
    follow_up_after = Deadline.objects.get(pk=follow_up.pk)
    assert (follow_up_after.due_date, follow_up_after.met_on, follow_up_after.met_symbol) == (
        dt.date(2026, 3, 2), dt.date(2025, 12, 20), "CMW/C/KGZ/CO/2/Add.1")
    assert sorted(str(item) for item in follow_up_after.items.all()) == sorted(
        str(item) for item in follow_up.items.all())
    report_after = Deadline.objects.get(pk=report.pk)
    assert (report_after.extended_to, report_after.extension_letter_date,
            report_after.extension_letter_reference) == (dt.date(2029, 6, 30), dt.date(2028, 11, 4), "G/SO 215/51 KGZ")
    assert report_after.due_date == report.due_date


# --- a refused import changes nothing ------------------------------------------------------


@pytest.fixture
def tracked_seed(seed_pair, coordinator, ministry_a):
    """The seed pair with work on recommendation 20 (b) and a deadline marked met."""
    from observations.services import tracking

    rec = Recommendation.objects.get(paragraph__document=seed_pair, paragraph__number=20, subparagraph__letter="b")
    tracking.assign(rec, lead=ministry_a, by=coordinator)
    seed_pair.deadlines.filter(kind="follow_up").update(met_on=dt.date(2025, 12, 20), met_symbol="CMW/C/KGZ/CO/2/Add.1")
    return seed_pair


def without_20b_en() -> bytes:
    lines = SEED_TEXT.splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("\t(b)\tEnsure that the rights of migrant workers")).encode()


def without_20b_ar() -> bytes:
    """The Arabic seed without sub-paragraph (b) of paragraph 20 (it aligns with ``without_20b_en``)."""
    lines = SEED_AR.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("20-"))
    second = [i for i in range(start + 1, len(lines)) if lines[i].startswith("\t(")][1]
    return "".join(line for i, line in enumerate(lines) if i != second).encode()


def corrected_without_replace(document):
    changed = SEED_TEXT.replace("by 2 January 2026", "by 2 March 2026").encode()
    return [UploadedText("corrected.en.txt", changed)], {}


def versions_that_do_not_align(document):
    return [UploadedText("corrected.en.txt", without_20b_en()), UploadedText(SEED_AR.name, SEED_AR.read_bytes())], {
        "replace": True}


def a_version_unlike_the_one_kept(document):
    document.versions.filter(language="en").delete()  # the English version is added again; the Arabic one stays
    return [UploadedText("corrected.en.txt", without_20b_en())], {}


def a_correction_removing_tracked_work(document):
    return [UploadedText("corrected.en.txt", without_20b_en()), UploadedText("corrected.ar.txt", without_20b_ar())], {
        "replace": True}


def a_malformed_docx(document):
    return [UploadedText("broken.docx", b"PK\x03\x04 not really a Word document")], {"replace": True}


REFUSALS = {
    corrected_without_replace: "exists",
    versions_that_do_not_align: "misaligned",
    a_version_unlike_the_one_kept: "misaligned",
    a_correction_removing_tracked_work: "tracked_removed",
    a_malformed_docx: "docx",
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(REFUSALS), ids=lambda case: case.__name__)
def test_a_refused_import_leaves_every_row_as_it_was(tracked_seed, case):
    uploads, options = case(tracked_seed)
    before = every_row()
    assert before["observations.Assignment"] and before["observations.Paragraph"]
    with pytest.raises(ImportRejected) as refused:
        import_files(uploads, **options)
    assert refused.value.code == REFUSALS[case], refused.value.message
    assert every_row() == before


# --- PDF versions --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_pdf_and_a_text_version_are_written_as_one_document():
    from tests.importer.conftest import seed_pdf

    result = import_files([UploadedText("CMW_C_KGZ_CO_2.en.pdf", seed_pdf("en")),
                           UploadedText(SEED_AR.name, SEED_AR.read_bytes())])
    document = result.document
    assert document.symbol == "CMW/C/KGZ/CO/2"
    assert sorted(document.versions.values_list("language", flat=True)) == ["ar", "en"]
    assert Paragraph.objects.filter(document=document).count() == 58
    assert SubParagraph.objects.filter(paragraph__document=document).count() == 38
    assert sorted(document.deadlines.values_list("kind", "due_date")) == [
        ("follow_up", dt.date(2026, 1, 2)), ("next_periodic_report", dt.date(2029, 1, 2))]
