"""PDF -> text in the dialect of Word's text export, so the rest of the pipeline reads it as usual.

pdfminer.six gives every glyph with its position, size and font. From these, ``pdf_glyphs``
rebuilds lines (chars of one baseline, sorted by position, spaces where the gap says so, raised
footnote markers noted); here they are assembled:

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

import re
from collections import Counter

from .furniture import _ADVANCE, _FURNITURE
from .meta import TREATY_SYMBOL
from .model import ImportRejected
from .pdf_glyphs import _ARABIC, _MARK, PDF_MAX_BYTES, PDF_MAX_CHARS, PDF_MAX_PAGES, _finish, _Line, _read_chars, _rows
from .rtl import logical as _logical
from .rtl import mirrored as _mirrored

__all__ = ["PDF_MAX_BYTES", "PDF_MAX_CHARS", "PDF_MAX_PAGES", "is_pdf", "pdf_to_text"]

_CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")
# what starts a paragraph, a sub-paragraph ("(a)", "（a）", French, Spanish and Russian "a)", "б)") or a heading
_LABEL = re.compile(
    r"^(?:\d{1,3}\s*[.\-]|[(（][^\W\d_]{1,4}[)）]|[^\W\d_]{1,4}\)|\d{1,2}\.\d?|[A-H]\.|[^\W\d_]{1,4}\s*-)\s"
)
_NUMBERED = re.compile(r"^\d{1,3}\s*[.\-]\s")  # a paragraph; other blocks start with a tab, as in Word's export
_SENTENCE_END = re.compile(r"[.;:。；：؛]\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s+(?=\S)")
_WORD = re.compile(r"\w+", re.UNICODE)


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
