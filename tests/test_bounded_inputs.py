"""Bounded inputs: zip packages checked before they are unpacked, evidence that a browser
would read as a web page refused, and raw HTML made harmless in the Markdown exports."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from observations.importer.archive import ArchiveRejected, check_archive
from observations.importer.model import ImportRejected
from tests.helpers import MINIMAL_PDF as PDF

ROOT = Path(__file__).resolve().parent.parent
BOMB_MB = 400


def _small_docx(text="Concluding observations") -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def _inflated(package: bytes, name: str, megabytes: int) -> bytes:
    """``package`` with its entry ``name`` replaced by one that inflates to ``megabytes``."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry))
        with target.open(name, "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>')
            paragraph = b"<w:p><w:r><w:t>A</w:t></w:r></w:p>"
            chunk = paragraph * (1024 * 1024 // len(paragraph) + 1)  # just over 1 MB
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def _with_many_entries(package: bytes, count: int) -> bytes:
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a") as target:
        for number in range(count):
            target.writestr(f"extra/part{number}.xml", "<a/>")
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "CCPR_C_XYZ_CO_1.docx"
    path.write_bytes(_inflated(_small_docx(), "word/document.xml", BOMB_MB))
    return path


MEASURE = """
import json, resource, sys, time
from observations.importer.decode import decode
from observations.importer.model import ImportRejected
from tests.helpers import MINIMAL_PDF as PDF
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
try:
    decode(data)
    message = None
except ImportRejected as rejected:
    message = rejected.message
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    "message": message,
    "wall_seconds": time.perf_counter() - started,
    "cpu_seconds": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    # ru_maxrss keeps the peak of the parent at fork time: an upper bound. VmHWM is this
    # interpreter's own peak.
    "peak_rss_mb": after.ru_maxrss / 1024,
    "own_peak_rss_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024,
}))
"""


def test_a_docx_bomb_is_refused_before_it_is_unpacked_quickly_and_in_little_memory(docx_bomb):
    declared = sum(entry.file_size for entry in zipfile.ZipFile(docx_bomb).infolist())
    assert docx_bomb.stat().st_size < 2 * 1024 * 1024 and declared > BOMB_MB * 1024 * 1024
    # A fresh interpreter holding only the importer, so that its peak memory is the refusal's.
    result = subprocess.run([sys.executable, "-c", MEASURE, str(docx_bomb)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    figures = json.loads(result.stdout)
    print(f"\nzip bomb {docx_bomb.stat().st_size // 1024} KB -> {declared // 2**20} MB: {figures}")
    assert figures["message"] == (
        f"The file would unpack to {declared / 2**20:,.0f} MB; at most 50 MB is accepted. It is not an ordinary "
        "office document: open it in its program, save it again and upload that copy."
    )
    # The refusal reads only the zip's table of contents: the interpreter's own peak stays far below
    # the 400 MB an unpacking would need (time is printed above, not asserted: the machine is shared).
    assert figures["own_peak_rss_mb"] < 100


@pytest.mark.django_db
def test_the_import_refuses_the_bomb_by_name_and_writes_nothing(docx_bomb):
    from observations.models import Document
    from observations.services.imports import UploadedText, import_files

    with pytest.raises(ImportRejected) as rejected:
        import_files([UploadedText(docx_bomb.name, docx_bomb.read_bytes())])
    assert rejected.value.message.startswith("CCPR_C_XYZ_CO_1.docx: The file would unpack to 40")
    assert "at most 50 MB is accepted" in rejected.value.message
    assert not Document.objects.exists()


def test_a_package_with_too_many_parts_is_refused():
    with pytest.raises(ArchiveRejected, match="The file holds 1,0[0-9]{2} parts; a document may hold at most 1,000."):
        check_archive(_with_many_entries(_small_docx(), 1001))


def test_an_ordinary_docx_and_a_damaged_file_pass_the_check_untouched():
    handle = io.BytesIO(_small_docx())
    handle.read(10)
    check_archive(handle)
    assert handle.tell() == 0  # left at its start for the reader
    check_archive(b"PK\x03\x04 not a zip")  # the reader reports it as damaged


# --- Evidence --------------------------------------------------------------------------


def _check(name, content):
    from observations.services.evidence import check_upload

    return check_upload(SimpleUploadedFile(name, content))


def test_evidence_that_unpacks_beyond_the_limit_is_refused_with_a_sentence():
    bomb = _inflated(_small_docx(), "word/document.xml", 200)
    declared = sum(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert len(bomb) < 1024 * 1024 and declared > 200 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        _check("order.docx", bomb)
    assert refused.value.messages == [
        f"The file “order.docx” would unpack to {filesizeformat(declared)}; at most 100.0\xa0MB is accepted. "
        "Open it in its program, save it again and upload that copy."
    ]


def test_evidence_with_too_many_parts_is_refused(settings):
    settings.EVIDENCE_MAX_ENTRIES = 50
    with pytest.raises(ValidationError, match="holds 6[0-9] parts; at most 50 are accepted"):
        _check("order.docx", _with_many_entries(_small_docx(), 50))


@pytest.mark.parametrize(
    "name, content",
    [
        ("note.txt", b"<!DOCTYPE html><html><body>Decree</body></html>"),
        ("note.txt", b"   \n<HTML><script>alert(1)</script>"),
        ("note.txt", "<svg onload=alert(1)>".encode("utf-16")),
        ("figures.csv", b"year,cases\n2025,<img src=x onerror=alert(1)>\n"),
        ("decree.pdf", PDF + b"<html><body><script>alert(document.cookie)</script></body></html>"),
        ("decree.pdf", b"%PDF-1.4\n<iframe src=//example.org>"),
    ],
)
def test_evidence_a_browser_would_read_as_a_web_page_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        _check(name, content)
    assert refused.value.messages == [
        f"The file “{name}” contains web-page code (HTML), which is not accepted as evidence. "
        "Please upload the original document."
    ]


@pytest.mark.parametrize(
    "name, content",
    [
        ("note.txt", b"Article 5 applies where age < 18 and income > 0; see <<Law 12>>."),
        ("figures.csv", b"year,cases\n2025,12\n"),
        ("decree.pdf", PDF),
        ("order.docx", _small_docx("<script>alert(1)</script> typed as text in Word")),
    ],
)
def test_ordinary_evidence_is_still_accepted(name, content):
    assert _check(name, content)[0] == name.rsplit(".", 1)[1]


def test_refused_evidence_is_not_stored(assigned_document, focal_point_a, ministry_a, evidence_dir):
    import datetime as dt

    from observations.choices import ImplementationStatus
    from observations.models import Evidence
    from observations.services import tracking as services

    recommendation = next(r for r in assigned_document.recommendations.all() if r.code == "4(a)")
    update = services.create_update(recommendation, organization=ministry_a, by=focal_point_a, language="en",
                                    status=ImplementationStatus.IN_PROGRESS, narrative="A working group met.",
                                    as_of=dt.date(2026, 3, 2))
    for name, content in [("a.txt", b"<html><script>x</script>"),
                          ("b.docx", _inflated(_small_docx(), "word/document.xml", 150))]:
        with pytest.raises(ValidationError):
            services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile(name, content))
    assert not Evidence.objects.exists()
    assert not (evidence_dir / "evidence").exists()


# --- Markdown exports ------------------------------------------------------------------


def test_the_markdown_export_shows_raw_html_as_text_never_as_tags():
    from observations.exports.shadow_report import Part, ShadowContent, to_markdown

    attack = '<script>alert(1)</script> and <img src=x onerror="alert(2)">'
    content = ShadowContent(
        title="Report <b>bold</b>", organization="NGO <i>x</i>", symbol="CMW/C/KGZ/CO/2",
        committee="Committee on Migrant Workers", state="Kyrgyzstan", adoption_date="", language="en",
        introduction=attack, generated_at="2026-03-02T09:00:00+00:00",
        parts=[Part(reference="CMW/C/KGZ/CO/2, para. 20 (a)", paragraph=20, letter="a",
                    headings=["<style>body{}</style>"], committee_text="The Committee <iframe>",
                    assessment="not_assessed", assessment_label="", narrative=attack,
                    evidence=[{"title": "<svg onload=x>", "url": "https://example.org/a><script>x</script>"}],
                    proposals="Ask <object data=x>")],
    )
    markdown = to_markdown(content)
    for tag in ("<script", "<img", "<b>", "<i>", "<style", "<iframe", "<svg", "<object"):
        assert tag not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=\"alert(2)\"&gt;" in markdown
    assert "(<https://example.org/a%3E%3Cscript%3Ex%3C/script%3E>)" in markdown
    assert "# Report &lt;b&gt;bold&lt;/b&gt;" in markdown
