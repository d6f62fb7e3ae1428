"""PDF -> text in the dialect of Word's text export, so the rest of the pipeline reads it as usual.

pdfminer.six gives every glyph with its position, size and font. From these, lines are rebuilt
(chars of one baseline, sorted by position, spaces where the gap says so), then:

- page furniture (running headers with the symbol, page numbers, the job number "GE.23-…", its
  bar code, "Please recycle") is taken out of the flow of text and put in front of it, one item a
  line, where ``furniture.strip_furniture`` blanks it and keeps the symbol;
- small glyphs raised above a line's baseline are footnote markers ("[footnoteRef:N]"), smaller
  lines below a page's text are footnotes; each footnote body ("[N: …]") follows the paragraph
  holding its marker. The ``*`` footnote of the title counts first, as Word numbers it;
- wrapped lines are joined (no space between Chinese characters), a word hyphenated at a line end
  is joined without its hyphen when the document spells it so elsewhere;
- lines holding Arabic are put in logical order: the glyphs are read in visual order (left to
  right on the page) and turned back: the line reversed, then its left-to-right runs (Latin
  words, numbers) read as printed, numbers joined by "-" in right-to-left order as the
  bidirectional algorithm prints them after Arabic; presentation forms become letters (NFKC).

Broken, encrypted and oversized files are refused with a sentence saying what to do.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from .furniture import _ADVANCE, _FURNITURE
from .meta import TREATY_SYMBOL
from .model import ImportRejected
from .rtl import logical as _logical
from .rtl import mirrored as _mirrored

PDF_MAX_BYTES = 30 * 1024 * 1024
PDF_MAX_PAGES = 300
PDF_MAX_CHARS = 3_000_000  # about 25 times the longest concluding observations

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")
# what starts a paragraph, a sub-paragraph ("(a)", "（a）", French, Spanish and Russian "a)", "б)") or a heading
_LABEL = re.compile(
    r"^(?:\d{1,3}\s*[.\-]|[(（][^\W\d_]{1,4}[)）]|[^\W\d_]{1,4}\)|\d{1,2}\.\d?|[A-H]\.|[^\W\d_]{1,4}\s*-)\s"
)
_MARK = "\ue000"  # where a footnote marker was
_NUMBERED = re.compile(r"^\d{1,3}\s*[.\-]\s")  # a paragraph; other blocks start with a tab, as in Word's export
_SENTENCE_END = re.compile(r"[.;:。；：؛]\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s+(?=\S)")
_WORD = re.compile(r"\w+", re.UNICODE)
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


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF of concluding observations, one line per paragraph, footnotes inline."""
    pages = _read_chars(data)
    lines = [line for number, chars in enumerate(pages) for line in _rows(chars, number)]
    if not lines:
        raise ImportRejected(
            "The PDF file holds no text (it may be a scan): import the Word (.docx) version of the document.",
            code="pdf_no_text",
        )
    body_size = Counter(c.size for line in lines for c in line.chars).most_common(1)[0][0]
    glyphs = "".join(c.text for chars in pages for c in chars)
    rtl = len(_ARABIC.findall(glyphs)) * 3 > len(glyphs)
    for line in lines:
        _finish(line, body_size, rtl)
    if rtl:
        mirror = _mirrored([line.visual for line in lines if line.visual is not None])
        for line in lines:
            if line.visual is not None:
                line.text = line.text_prefix + _logical(line.visual, mirror)
                line.markers.reverse()  # collected left to right on the page: the last one read first
    return _assemble(lines, body_size)


# --- reading ---------------------------------------------------------------------------------


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


# --- assembling --------------------------------------------------------------------------------


def _is_furniture(line: str) -> bool:
    cells = [cell for cell in line.split("\t") if cell.strip()]
    return bool(cells) and all(_is_furniture_cell(cell) for cell in cells)


def _is_furniture_cell(text: str) -> bool:
    text = re.sub(r"\s+", " ", text).strip()
    return bool(
        TREATY_SYMBOL.fullmatch(text.rstrip("*"))
        or _FURNITURE.fullmatch(text)
        or _ADVANCE.fullmatch(text)
        or re.fullmatch(r"GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?.*|\d{1,3}\s+GE\.\d{2}-\d{4,6}.*", text)
    )


def _assemble(lines: list[_Line], body_size: float) -> str:
    furniture: list[str] = []
    body: list[_Line] = []
    notes: list[tuple[str, str]] = []  # (mark, text) in order
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        text_lines = [ln for ln in page_lines if not _is_furniture(ln.text)]
        furniture += [ln.text for ln in page_lines if _is_furniture(ln.text)]
        normal = [ln for ln in text_lines if ln.size >= 0.92 * body_size]
        lowest = min((ln.y0 for ln in normal), default=float("inf"))
        for line in text_lines:
            if line.size < 0.92 * body_size and line.y1 < lowest:
                match = _FOOTNOTE_START.match(line.text)
                if match or line.markers and line.text.startswith(_MARK):
                    mark = match.group(1) if match else line.markers[0]
                    rest = line.text[match.end() :] if match else line.text[1:].strip()
                    notes.append((mark, rest))
                elif notes:
                    notes[-1] = (notes[-1][0], _join(notes[-1][1], line.text, set()))
            else:
                body.append(line)
    # Custom marks ("*", "**": the title's footnotes) count first, as Word numbers them; numbered
    # footnotes follow. Marks printed side by side ("***" for "*" and "**", "*1") are told apart.
    stars = sorted({mark for mark, _ in notes if set(mark) == {"*"}}, key=len)
    star_numbers = {mark: index + 1 for index, mark in enumerate(stars)}

    def number(mark: str) -> int:
        if mark.isdigit():
            return int(mark) + len(stars)
        return star_numbers.get(mark, 1)

    bodies = {number(mark): text for mark, text in notes}
    words = Counter(w.casefold() for ln in body for w in _WORD.findall(ln.text))
    blocks: list[tuple[str, list[int], bool]] = []
    previous: _Line | None = None
    right = max(ln.x1 for ln in body) if body else 0
    left = min(ln.x0 for ln in body) if body else 0
    for line in body:
        text, numbers = line.text, []
        for printed in line.markers:
            marks = _split_marks(printed, stars)
            marker = "".join(f"[footnoteRef:{number(m)}]" + (m if m.startswith("*") else "") for m in marks)
            text = text.replace(_MARK, marker, 1)
            numbers += [number(m) for m in marks]
        if previous is None or _starts_block(previous, line, (left, right), body_size):
            blocks.append((text, numbers, line.bold))
        else:
            blocks[-1] = (_join(blocks[-1][0], text, words), blocks[-1][1] + numbers, blocks[-1][2])
        previous = line
    out = [
        ("" if _NUMBERED.match(text) and not bold else "\t") + _with_notes(text, numbers, bodies)
        for text, numbers, bold in blocks
    ]
    return "\n".join(furniture + out) + "\n"


def _split_marks(printed: str, stars: list[str]) -> list[str]:
    """The footnote marks of one printed run of raised marks: "***" -> "*", "**" when both exist."""
    parts: list[str] = []
    for run in re.findall(r"\*+|\d+", printed):
        if run.isdigit() or run in stars:
            parts.append(run)
            continue
        pieces, rest = [], run
        for mark in stars:
            if rest.startswith(mark) and len(rest) >= len(mark):
                pieces.append(mark)
                rest = rest[len(mark) :]
        parts += pieces if pieces and not rest else [run]
    return parts


def _with_notes(block: str, numbers: list[int], bodies: dict[int, str]) -> str:
    notes = [f"[{n}: {bodies[n]}]" for n in numbers if n in bodies]
    return block + (" " + " ".join(notes) if notes else "")


def _starts_block(previous: _Line, line: _Line, margins: tuple[float, float], size: float) -> bool:
    if line.bold != previous.bold:
        return True
    same_page = previous.page == line.page
    if same_page and previous.y0 - line.y1 > 0.9 * size:  # a blank line's worth of space
        return True
    rtl = bool(_ARABIC.search(previous.text) or _ARABIC.search(line.text))  # a short line ends at the left
    room = previous.x0 - margins[0] if rtl else margins[1] - previous.x1
    if line.bold and previous.bold and not _LABEL.match(line.text):  # a heading wrapped, or the next heading
        return room > 0.2 * (margins[1] - margins[0])
    if room > 3 * size:
        return True
    return bool(_LABEL.match(line.text) and _SENTENCE_END.search(previous.text))


def _join(first: str, second: str, words: Counter) -> str:
    if not first:
        return second
    if _CJK.search(first[-1:]) or _CJK.search(second[:1]):
        return first + second
    match = re.search(r"(\w+)-$", first)
    if match and second[:1].isalpha() and second[:1].islower():
        tail = _WORD.match(second)
        joined = (match.group(1) + (tail.group(0) if tail else "")).casefold()
        if words.get(joined, 0) > 0:
            return first[:-1] + second
        return first + second
    return first + " " + second
