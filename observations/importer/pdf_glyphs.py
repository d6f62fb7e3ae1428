"""PDF -> lines: pdfminer.six's glyphs, each with its position, size and font, grouped into lines.

The first half of ``pdf.pdf_to_text`` (which assembles these lines into Word's text export):

- the file is read page by page by a pdfminer device that keeps only what the layout needs (a
  glyph's text, box, size and font), refusing broken, encrypted and oversized files with a
  sentence saying what to do;
- a page's glyphs become lines: chars of one baseline, sorted by position; small glyphs raised
  above a bigger line join the line they sit on;
- each line gets its text (spaces and tabs where the gaps say so), size, extent, whether it is
  set in a heading face, and its superscript footnote markers (``_MARK`` in the text, the marks
  in ``markers``); a line holding Arabic keeps its text as read left to right (``visual``), for
  ``pdf.pdf_to_text`` to put in logical order.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from .model import ImportRejected

PDF_MAX_BYTES = 30 * 1024 * 1024
PDF_MAX_PAGES = 300
PDF_MAX_CHARS = 3_000_000  # about 25 times the longest concluding observations

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_MARK = "\ue000"  # where a footnote marker was
# Headings are set in a bold face; Chinese ones in a black face (SimHei, 黑体) of a name without "Bold"
_HEADING_FONT = re.compile(r"bold|black|heavy|simhei|heiti|黑体", re.IGNORECASE)
_REFUSED = (
    "The PDF file could not be read{why}: open it and save it again as PDF, or import the Word (.docx) "
    "version of the document."
)


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float  # to a tenth of a point
    font: str


@dataclass(slots=True)
class _Line:
    chars: list[_Char]
    page: int
    size: float = 0.0
    text: str = ""
    markers: list[str] = field(default_factory=list)  # superscript marks in order
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    bold: bool = False
    visual: str | None = None  # a right-to-left line as read left to right on the page
    text_prefix: str = ""


def _read_chars(data: bytes) -> list[list[_Char]]:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage, PDFTextExtractionNotAllowed
    from pdfminer.pdfparser import PDFParser

    if len(data) > PDF_MAX_BYTES:
        raise ImportRejected(
            f"The PDF file is larger than {PDF_MAX_BYTES // (1024 * 1024)} MB: import the Word (.docx) version.",
            code="pdf_size",
        )
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        if not document.is_extractable:
            raise PDFTextExtractionNotAllowed
        manager = PDFResourceManager(caching=True)
        device = _Collector(manager)
        interpreter = PDFPageInterpreter(manager, device)
        pages: list[list[_Char]] = []
        total = 0
        for page in PDFPage.create_pages(document):
            if len(pages) >= PDF_MAX_PAGES:
                raise ImportRejected(
                    f"The PDF file has more than {PDF_MAX_PAGES} pages: concluding observations are much shorter.",
                    code="pdf_pages",
                )
            device.chars = []
            interpreter.process_page(page)
            total += len(device.chars)
            if total > PDF_MAX_CHARS:
                raise ImportRejected("The PDF file holds far more text than concluding observations.", code="pdf_size")
            pages.append(device.chars)
    except ImportRejected:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed):
        raise ImportRejected(
            "The PDF file is protected by a password or against copying: save an unprotected copy, "
            "or import the Word (.docx) version of the document.",
            code="pdf_encrypted",
        ) from None
    except Exception:  # pdfminer raises many kinds of errors on damaged files
        raise ImportRejected(_REFUSED.format(why=" (it is damaged or not a PDF)"), code="pdf") from None
    return pages


def _collector_class():
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class Collector(PDFLayoutAnalyzer):
        """Keeps each glyph's text, box, size and font, without pdfminer's layout objects (faster).

        A string shown on the page is laid out here in one loop, as pdfminer would glyph by glyph
        (``render_char``), with each font's glyphs (text, width) looked up once for the document."""

        chars: list[_Char]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.glyphs: dict[int, dict[int, tuple[str | None, float]]] = {}

        def _glyph(self, font, table, cid):
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = ""
            kept = text if text and (text == " " or not text.isspace()) else None
            table[cid] = entry = (kept, font.char_width(cid))
            return entry

        def render_string_horizontal(
            self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale, ncs, graphicstate
        ):
            x, y = pos
            a, b, c, d, e, f = matrix
            table = self.glyphs.setdefault(id(font), {})
            lift = d * (font.get_descent() * fontsize + rise)
            height = d * fontsize
            size = round(abs(height), 1)
            name = font.fontname
            advance = fontsize * scaling
            chars = self.chars
            spaced = False
            for obj in seq:
                if isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        if spaced:
                            x += charspace
                        text, width = table.get(cid) or self._glyph(font, table, cid)
                        adv = width * advance
                        if text is not None:
                            x0 = x * a + y * c + e
                            y0 = x * b + y * d + f + lift
                            if a >= 0:
                                chars.append(_Char(text, x0, x0 + a * adv, y0, y0 + height, size, name))
                            else:
                                chars.append(_Char(text, x0 + a * adv, x0, y0, y0 + height, size, name))
                        x += adv
                        if cid == 32 and wordspace:
                            x += wordspace
                        spaced = True
                elif isinstance(obj, (int, float)):
                    x -= obj * dxscale
                    spaced = True
            return (x, y)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            """A glyph of vertical text (rare here), one at a time."""
            text, width = self._glyph(font, self.glyphs.setdefault(id(font), {}), cid)
            adv = width * fontsize * scaling
            if text is not None:
                a, _b, _c, d, e, f = matrix
                y0 = f + d * (font.get_descent() * fontsize + rise)
                x1 = e + a * adv
                self.chars.append(
                    _Char(
                        text, min(e, x1), max(e, x1), y0, y0 + d * fontsize, round(abs(d * fontsize), 1), font.fontname
                    )
                )
            return adv

    return Collector


def _Collector(manager):  # noqa: N802 - builds the device class on first use, pdfminer being imported lazily
    global _COLLECTOR
    if _COLLECTOR is None:
        _COLLECTOR = _collector_class()
    return _COLLECTOR(manager, laparams=None)


_COLLECTOR = None


_X0, _Y0, _Y1, _SIZE, _FONT = (attrgetter(name) for name in ("x0", "y0", "y1", "size", "font"))


def _rows(chars: list[_Char], page: int) -> list[_Line]:
    """Group a page's glyphs into lines, top to bottom; raised small glyphs join the line they sit on."""
    chars = [c for c in chars if c.size > 0]
    if not chars:
        return []
    big = max(map(_SIZE, chars))
    rows: list[list[_Char]] = []
    chars.sort(key=_X0)
    chars.sort(key=_Y0, reverse=True)  # top to bottom, left to right on a baseline (the sort is stable)
    row: list[_Char] = []
    head_y = head_size = 0.0
    for char in chars:
        if row and abs(head_y - char.y0) < 0.25 * min(char.size, head_size):
            row.append(char)
        else:
            row = [char]
            rows.append(row)
            head_y, head_size = char.y0, char.size
    sizes = [max(map(_SIZE, row)) for row in rows]
    for index, row in enumerate(rows):
        host = None
        if sizes[index] < 0.85 * big and any(c.text != " " for c in row):  # raised glyphs on a bigger line
            for other in range(max(0, index - 2), min(len(rows), index + 3)):
                if other == index or not rows[other]:
                    continue
                base = min(map(_Y0, rows[other]))
                if sizes[index] < 0.85 * sizes[other] and base < row[0].y0 < base + sizes[other]:
                    host = other
                    break
        if host is not None:
            rows[host].extend(row)
            row.clear()
    return [_Line(sorted(row, key=_X0), page) for row in rows if row]


def _finish(line: _Line, body_size: float, rtl: bool) -> None:
    """Text, size, extent and superscript markers of a line."""
    chars = line.chars
    printed = [c for c in chars if c.text != " "]
    sizes = Counter(map(_SIZE, printed))
    size = line.size = sizes.most_common(1)[0][0] if sizes else body_size
    base = statistics.median([c.y0 for c in chars if c.size == size]) if sizes else 0
    line.x0, line.x1 = chars[0].x0, chars[-1].x1
    line.y0, line.y1 = min(map(_Y0, chars)), max(map(_Y1, chars))
    fonts = Counter(map(_FONT, printed))
    line.bold = bool(fonts) and bool(_HEADING_FONT.search(fonts.most_common(1)[0][0]))
    small, raised_above = 0.8 * size, base + 0.2 * size
    # A line justified by spacing its characters (Chinese, as word processors set it) holds every
    # character that far from the next: only a gap wider than that spacing is a space.
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(printed))
    spread = max(0.0, gaps[len(gaps) // 2]) if len(gaps) >= 4 else 0.0
    tab_gap, space_gap = 4 * size + spread, 0.2 * size + spread
    out: list[str] = []
    markers = line.markers
    previous: _Char | None = None
    in_marker = False
    for char in chars:
        text = char.text
        if char.size < small and char.y0 > raised_above and (text.isdigit() or text == "*"):
            if not in_marker:
                markers.append("")
                out.append(_MARK)
            markers[-1] += text
            in_marker = True
            previous = char
            continue
        in_marker = False
        if text == " ":
            if out and out[-1] != " ":
                out.append(" ")
            previous = char
            continue
        if previous is not None:
            gap = char.x0 - previous.x1
            if gap > tab_gap:
                out.append("\t")  # cells apart on one baseline: the header table, a footer
            elif gap > space_gap and out and out[-1] != " ":
                out.append(" ")
        out.append(text)
        previous = char
    text = re.sub(r" ?\t ?", "\t", "".join(out)).strip()
    mark = re.search(r"\s(\d{1,3}|\*{1,3})$", text) if rtl and line.size < 0.92 * body_size else None
    if mark:  # a footnote's number, printed at the right of its text
        line.text_prefix, line.visual = mark.group(1) + " ", text[: mark.start()]
    elif _ARABIC.search(text) or rtl and not re.search("[A-Za-z]", text):
        line.visual = text
    line.text = text
