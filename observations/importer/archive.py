"""Bounds on zip packages (.docx, .xlsx, .odt) checked before anything is decompressed.

A few hundred kilobytes of zip can hold hundreds of megabytes of XML (a "zip bomb"):
reading it would take seconds and gigabytes of memory before any parser could refuse
it. The zip's central directory states each entry's size; it is read first (a few
kilobytes, nothing inflated) and the package is refused when the entries are too many
or would inflate beyond the limit. Python's zip reader never returns more bytes than an
entry states (a lying entry fails its check instead), so these bounds hold while parsing.

Pure Python, no Django: the importer and the evidence checks both use it.
"""

from __future__ import annotations

import io
import zipfile
from typing import BinaryIO

from .model import ImportRejected

# A concluding observations .docx holds about twenty entries and inflates to about 1 MB.
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_ENTRIES = 1000

SIZE = "size"
ENTRIES = "entries"


class ArchiveRejected(ImportRejected):
    """The package is beyond a bound. ``reason`` is SIZE or ENTRIES; ``limit`` and
    ``actual`` are bytes (SIZE) or a number of entries (ENTRIES)."""

    def __init__(self, message: str, *, reason: str, limit: int, actual: int):
        super().__init__(message, code=f"archive_{reason}")
        self.reason = reason
        self.limit = limit
        self.actual = actual


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_archive(
    data: bytes | BinaryIO,
    *,
    max_uncompressed: int = DOCX_MAX_UNCOMPRESSED,
    max_entries: int = DOCX_MAX_ENTRIES,
) -> None:
    """Raise ``ArchiveRejected`` when the zip package ``data`` (bytes or a seekable
    binary file, left at its start) has more than ``max_entries`` entries or would inflate
    to more than ``max_uncompressed`` bytes. Data that is not a readable zip passes: the
    reader that follows reports it as damaged."""
    handle = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    finally:
        handle.seek(0)
    if len(entries) > max_entries:
        raise ArchiveRejected(
            f"The file holds {len(entries):,} parts; a document may hold at most {max_entries:,}. "
            "It is not an ordinary office document: open it in its program, save it again and upload that copy.",
            reason=ENTRIES, limit=max_entries, actual=len(entries),
        )
    total = sum(entry.file_size for entry in entries)
    if total > max_uncompressed:
        raise ArchiveRejected(
            f"The file would unpack to {_megabytes(total)}; at most {_megabytes(max_uncompressed)} is accepted. "
            "It is not an ordinary office document: open it in its program, save it again and upload that copy.",
            reason=SIZE, limit=max_uncompressed, actual=total,
        )
