"""Bytes -> text: recognise what the file is, decode it and normalise it.

Accepted: UTF-8 (with or without BOM), UTF-16 (with BOM, or recognisably without), Word
``.docx`` files and PDF files (``pdf.py``). Everything else is rejected with a sentence a ministry official can act on.
"""

from __future__ import annotations

import codecs
import re

from .model import Finding, ImportRejected

_BINARY_SIGNATURES = {
    b"\x89PNG": "an image (PNG)",
    b"\xff\xd8\xff": "an image (JPEG)",
    b"GIF8": "an image (GIF)",
    b"\xd0\xcf\x11\xe0": "an old-style Word (.doc) file",
    b"{\\rtf": "a Rich Text (.rtf) file",
}
_SAVE_AS = "save the document from Word as a .docx file or as plain text in Unicode (UTF-8)"

# Characters replaced before parsing: no-break and other special spaces, invisible marks.
_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
# Soft hyphens, zero-width characters, bidirectional marks (Arabic exports are full of U+200F).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]")
# Arabic-Indic, Persian and full-width digits, full-width Latin letters -> ASCII.
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" + "".join(chr(0xFF10 + i) for i in range(10)),
    "0123456789" * 3,
)
_FULL_WIDTH_LETTERS = {0xFF21 + i: ord("A") + i for i in range(26)} | {0xFF41 + i: ord("a") + i for i in range(26)}
# Chinese full-width numbering: "１２．" at a line start, "（a）" and "（ii）" labels.
_FULL_WIDTH_NUMBER = re.compile(r"^([ \t]*\d{1,3})[．、](?=[ \t]*\S)", re.MULTILINE)
_FULL_WIDTH_LABEL = re.compile(r"（([a-zA-Z]{1,4}|\d{1,2})）")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# Glyphs a PDF's symbol fonts leave before a sub-paragraph letter: "€(c)", bullets.
_STRAY_GLYPHS = re.compile(r"^([ \t]*)[€•·▪■●◦‣∙\uf0b7\uf0a7\uf0d8\uf0fc]+[ \t]*(?=\([a-z]{1,4}\))", re.MULTILINE)
_RUN_ON_LABEL = re.compile(r"^[ \t]*\(([b-z])\)")


def is_docx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def decode(data: bytes) -> tuple[str, list[Finding]]:
    """Decode ``data`` (a text export or a .docx) to normalised text, one line per paragraph."""
    findings: list[Finding] = []
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRejected("The file is empty.", code="empty")
    if is_docx(data):
        from .docx import docx_to_text

        text, findings = docx_to_text(data)
    elif data[:1024].lstrip().startswith(b"%PDF"):
        from .pdf import pdf_to_text

        text = pdf_to_text(data)
    else:
        text = _decode_text(data)
    text = normalise(text)
    if not text.strip():
        raise ImportRejected("The file is empty: it contains no text.", code="empty")
    return text, findings


def _decode_text(data: bytes) -> str:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ImportRejected(f"This is {what}, not a text document: please {_SAVE_AS}.", code="binary")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding)
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ImportRejected(f"This is a binary file, not a text document: please {_SAVE_AS}.", code="binary")
        return _strict(data, encoding)
    text = _strict(data, "utf-8")
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v")
    if controls > max(3, len(text) // 1000):
        raise ImportRejected(f"This is a binary file, not a text document: please {_SAVE_AS}.", code="binary")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM has NULs (high bytes of ASCII characters) on one side only; binary has them anywhere."""
    sample = data[:4000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(8, len(sample) // 50)  # spaces, digits and tabs alone give that many
    if odd >= enough and even * 20 <= odd:
        return "utf-16-le"
    if even >= enough and odd * 20 <= even:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportRejected(
            "The file is not in a Unicode text encoding: in Word, save it as plain text and choose "
            "the Unicode (UTF-8) encoding, or import the .docx file itself.",
            code="encoding",
        ) from None


def normalise(text: str) -> str:
    """Unify line ends and spaces, drop invisible marks and ``[bookmark: …]`` noise."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2029", "\n").replace("\u2028", " ")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _BOOKMARK.sub("", text)
    text = text.translate(_DIGITS).translate(_FULL_WIDTH_LETTERS)
    text = _FULL_WIDTH_NUMBER.sub(r"\1.", text)
    text = _FULL_WIDTH_LABEL.sub(r"(\1)", text)
    return _split_run_on(_STRAY_GLYPHS.sub(r"\1", text))


def _split_run_on(text: str) -> str:
    """Sub-paragraphs run on inside a line ("… should: (a) …; (b) …;") before a wrap brought the next
    label to a line start: each label the line holds, in order from (a), starts a line of its own."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _RUN_ON_LABEL.match(line)
        if not match or index == 0:
            continue
        previous = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
        if previous is None:
            continue
        letters = [chr(code) for code in range(ord("a"), ord(match.group(1)))]
        head, positions, start = lines[previous], [], 0
        for letter in letters:
            found = re.compile(rf"(?:^|[:;.]\s+)\(({letter})\)\s").search(head, start)
            if not found:
                break
            positions.append(found.start(1) - 1)
            start = found.end()
        if len(positions) != len(letters) or re.match(r"[ \t]*\(a\)", head):
            continue
        parts = [head[: positions[0]].rstrip()]
        for begin, end in zip(positions, positions[1:] + [len(head)], strict=True):
            label, rest = head[begin:end].split(")", 1)
            parts.append(f"\t{label})\t{rest.strip()}")
        lines[previous] = "\n".join(parts)
    return "\n".join(lines)
