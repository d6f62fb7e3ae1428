"""Checks on uploaded evidence: size limit and a type allow-list judged by the content,
not only the name.

Settings: ``EVIDENCE_MAX_BYTES`` (default 10 MB). Allowed: PDF, Word (.docx), Excel
(.xlsx), OpenDocument text (.odt), PNG, JPEG, plain text (.txt) and CSV. A file whose
content does not match its extension is refused, so that nothing else is stored under
an innocent name.

Before anything is unpacked, a zip package (.docx, .xlsx, .odt) is refused when it holds
more than ``EVIDENCE_MAX_ENTRIES`` parts or would unpack to more than
``EVIDENCE_MAX_UNCOMPRESSED_BYTES`` (default 100 MB): a small file must not take the
server's memory. Files that a browser would read as a web page are refused too: text
files beginning like HTML, and any PDF, image or text holding HTML tags (a file that is
both PDF and HTML, say).
"""

from __future__ import annotations

import os
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from observations.importer.archive import ENTRIES, ArchiveRejected, check_archive

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DEFAULT_MAX_ENTRIES = 2000
ZIP_TYPES = ("docx", "xlsx", "odt")
# Tags that make a browser (or a viewer's preview) run or show the file as a web page.
# Names of four letters or more, so that binary data (images, compressed PDF streams)
# does not match by chance.
HTML_MARKUP = re.compile(rb"<\s*/?\s*(?:!doctype\s+html|html|head|body|script|iframe|frame|svg|object|embed|"
                         rb"img|form|meta|style|base)\b", re.IGNORECASE)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
ALLOWED_EXTENSIONS = tuple(CONTENT_TYPES)


def max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _check_archive_bounds(uploaded, name: str) -> None:
    limit = int(getattr(settings, "EVIDENCE_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED))
    entries = int(getattr(settings, "EVIDENCE_MAX_ENTRIES", DEFAULT_MAX_ENTRIES))
    try:
        check_archive(uploaded, max_uncompressed=limit, max_entries=entries)
    except ArchiveRejected as rejected:
        if rejected.reason == ENTRIES:
            message = _("The file “%(name)s” holds %(count)s parts; at most %(limit)s are accepted. "
                        "Open it in its program, save it again and upload that copy.") % {
                "name": name, "count": rejected.actual, "limit": rejected.limit}
        else:
            message = _("The file “%(name)s” would unpack to %(size)s; at most %(limit)s is accepted. "
                        "Open it in its program, save it again and upload that copy.") % {
                "name": name, "size": filesizeformat(rejected.actual), "limit": filesizeformat(rejected.limit)}
        raise ValidationError(message, code="archive_too_large") from None


def _holds_html(uploaded) -> bool:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return HTML_MARKUP.search(data) is not None


def _zip_names(uploaded) -> set[str] | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                names.add("mimetype=" + archive.read("mimetype")[:100].decode("ascii", "replace").strip())
            return names
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)


def _looks_like_text(uploaded) -> bool:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            return False
        return True
    # Any 8-bit text encoding will do (UTF-8, Windows-1251…), but no binary control bytes.
    controls = set(range(0, 9)) | {11, 12} | set(range(14, 32))
    return not any(byte in controls for byte in data[:1024 * 1024])


def detect(uploaded, extension: str) -> bool:
    """Whether the content of ``uploaded`` is really a file of type ``extension``."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "jpg":
        return head.startswith(b"\xff\xd8\xff")
    if extension in ("docx", "xlsx", "odt"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(uploaded)
        if names is None:
            return False
        if extension == "docx":
            return "word/document.xml" in names and "[Content_Types].xml" in names
        if extension == "xlsx":
            return "xl/workbook.xml" in names and "[Content_Types].xml" in names
        return "mimetype=application/vnd.oasis.opendocument.text" in names
    if extension in ("txt", "csv"):
        return _looks_like_text(uploaded)
    return False


def check_upload(uploaded) -> tuple[str, str]:
    """Return ``(extension, content_type)`` of an acceptable file, or raise
    ``ValidationError`` with a message for the person who uploaded it."""
    name = os.path.basename(uploaded.name or "")
    limit = max_bytes()
    if uploaded.size is None or uploaded.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    if uploaded.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; the largest file accepted is %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    extension = EXTENSION_ALIASES.get(extension, extension)
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Accepted types: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(ALLOWED_EXTENSIONS)},
            code="type_not_allowed",
        )
    if extension in ZIP_TYPES:
        _check_archive_bounds(uploaded, name)
    elif _holds_html(uploaded):
        raise ValidationError(
            _("The file “%(name)s” contains web-page code (HTML), which is not accepted as evidence. "
              "Please upload the original document.") % {"name": name},
            code="html_content",
        )
    if not detect(uploaded, extension):
        raise ValidationError(
            _("The file “%(name)s” is named .%(ext)s but its content is not a %(ext)s file. "
              "Please upload the original document.") % {"name": name, "ext": extension},
            code="content_mismatch",
        )
    return extension, CONTENT_TYPES[extension]
