"""Typeset a text export (Word's dialect) as a UN-style PDF with reportlab, for the PDF tests.

Pages of A4 with the first page's header table and footer (job number, bar code, "Please
recycle"), running headers with the symbol and page numbers on the others, justified paragraphs,
superscript footnote markers and each footnote at the bottom of the page of its marker, the
title's footnote printed "*" and the others numbered from 1. Right-to-left text (Arabic) is shaped
with arabic-reshaper and ordered with python-bidi, as a word processor prints it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from observations.importer.footnotes import has_unclosed_body, split_line

FONTS = {
    "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
for _name, _path in FONTS.items():
    pdfmetrics.registerFont(TTFont(f"DejaVu-{_name}", _path))

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 70.0, WIDTH - 70.0, HEIGHT - 60.0, 70.0
SIZE, NOTE_SIZE, LEADING, NOTE_LEADING = 10.0, 8.0, 12.5, 10.0
_LABEL = re.compile(r"^\s*(\d{1,3}[.\-]|\([a-z]{1,4}\)|\([ivx]+\)|[A-H][.\-]|\d{1,2}[.\-])\s+")
_ARABIC = re.compile("[\u0600-\u06ff]")
MARK = "\u2042"  # stands for a footnote marker inside a word until it is drawn


@dataclass
class Block:
    text: str  # with MARK where markers go
    marks: list[str]  # printed marks, in order
    notes: list[tuple[str, str]]  # (printed mark, body)
    bold: bool = False
    indent: float = 0.0


def _shape(text: str) -> str:
    import arabic_reshaper
    from bidi import get_display

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
    # The Arabic letter mark stands for the paragraph's Arabic before the line, as a word processor
    # orders each line within its paragraph (numbers after Arabic are Arabic numbers).
    return get_display("\u061c" + reshaper.reshape(text), base_dir="R").replace("\u061c", "")


def read_blocks(text: str) -> list[Block]:
    raw: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if raw and has_unclosed_body(raw[-1]):
            raw[-1] += " " + line
        else:
            raw.append(line)
    star = "[footnoteRef:1]*" in text
    blocks = []
    for line in raw:
        if not line.strip():
            continue
        clean = split_line(line)
        body = clean.text
        marks = []
        for number, offset in sorted(clean.markers, key=lambda m: -m[1]):
            body = body[:offset] + MARK + body[offset:]
            marks.insert(0, "*" if star and number == 1 else str(number - (1 if star else 0)))
        notes = [("*" if star and n == 1 else str(n - (1 if star else 0)), b) for n, b in clean.bodies]
        body = re.sub(r"\[bookmark:[^\]]*\]", "", body)
        label = _LABEL.match(body)
        is_sub = bool(label and label.group(1).startswith("("))
        plain = re.sub(r"\s+", " ", body).strip()
        bold = not is_sub and not plain.endswith((".", ";", ":", "،", "؛")) and len(plain) < 120
        blocks.append(Block(plain, marks, notes, bold=bold, indent=28.0 if is_sub else 0.0))
    return blocks


class Typesetter:
    def __init__(self, symbol: str, job: str, rtl: bool):
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4)
        self.symbol, self.job, self.rtl = symbol, job, rtl
        self.page = 0
        self._new_page()

    def _text(self, x: float, y: float, text: str, size: float, bold: bool = False, right: bool = False):
        font = "DejaVu-bold" if bold else "DejaVu-regular"
        if right:
            x -= pdfmetrics.stringWidth(text, font, size)
        writer = self.pdf.beginText(x, y)
        writer.setWordSpace(0)
        writer.setFont(font, size)
        writer.textOut(text)
        self.pdf.drawText(writer)

    def _new_page(self):
        if self.page:
            self._finish_page()
            self.pdf.showPage()
        self.page += 1
        self.notes: list[tuple[str, str]] = []
        if self.page == 1:
            self._text(LEFT, HEIGHT - 40, "United Nations", 12, bold=True)
            self._text(RIGHT, HEIGHT - 40, self.symbol, 14, bold=True, right=True)
            self._text(RIGHT, HEIGHT - 70, "Distr.: General", 9, right=True)
            self._text(
                RIGHT,
                HEIGHT - 82,
                _shape("21 كانون الأول/ديسمبر 2023") if self.rtl else "21 December 2023",
                9,
                right=True,
            )
            self._text(
                RIGHT, HEIGHT - 106, _shape("الأصل: بالإنكليزية") if self.rtl else "Original: English", 9, right=True
            )
            self.y = HEIGHT - 140
        else:
            self._text(
                LEFT if self.page % 2 == 0 else RIGHT, HEIGHT - 35, self.symbol, 9, bold=True, right=self.page % 2 == 1
            )
            self.y = TOP - 10

    def _note_height(self, notes) -> float:
        return sum(NOTE_LEADING * len(self._wrap(body, RIGHT - LEFT - 20, NOTE_SIZE)) for _m, body in notes) + 12

    def _finish_page(self):
        y = BOTTOM + self._note_height(self.notes) - 12
        if self.notes:
            self.pdf.line(LEFT, y + 8, LEFT + 100, y + 8)
        for mark, body in self.notes:
            for index, line in enumerate(self._wrap(body, RIGHT - LEFT - 20, NOTE_SIZE)):
                if self.rtl:
                    if index == 0:
                        self._text(RIGHT, y, mark, NOTE_SIZE, right=True)
                    self._text(RIGHT - 20, y, _shape(line), NOTE_SIZE, right=True)
                else:
                    if index == 0:
                        self._text(LEFT, y, mark, NOTE_SIZE)
                    self._text(LEFT + 20, y, line, NOTE_SIZE)
                y -= NOTE_LEADING
        if self.page == 1:
            self._text(LEFT, 40, f"{self.job}(E)", 8)
            self._text(LEFT, 28, "*" + re.sub(r"\D", "", self.job) + "*", 8)
            self._text(RIGHT, 28, "Please recycle", 8, right=True)
        else:
            self._text(RIGHT if self.page % 2 else LEFT, 40, str(self.page), 9, right=self.page % 2 == 1)

    def _width(self, word: str, size: float, bold: bool = False) -> float:
        word = _shape(word) if self.rtl and _ARABIC.search(word) else word
        return pdfmetrics.stringWidth(word.replace(MARK, "00"), "DejaVu-bold" if bold else "DejaVu-regular", size)

    def _wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        lines, current = [], ""
        for word in text.split(" "):
            trial = f"{current} {word}" if current else word
            if current and self._width(trial, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        return lines + [current] if current else lines

    def block(self, block: Block):
        width = RIGHT - LEFT - block.indent
        lines = self._wrap(block.text, width, SIZE, block.bold)
        marks = iter(block.marks)
        notes = dict(block.notes)
        if block.bold:  # a heading keeps with the text that follows it
            self.y -= LEADING * 0.8
            if self.y - 4 * LEADING < BOTTOM + self._note_height(self.notes):
                self._new_page()
        for index, line in enumerate(lines):
            line_marks = [next(marks) for _ in range(line.count(MARK))]
            line_notes = [(m, notes[m]) for m in line_marks if m in notes]
            if self.y - LEADING < BOTTOM + self._note_height(self.notes + line_notes):
                self._new_page()
            self.notes += line_notes
            indent = block.indent if index == 0 else 0.0
            last = index == len(lines) - 1
            self._line(line, line_marks, indent, block.bold, justify=not last and not block.bold)
            self.y -= LEADING
        self.y -= 4

    def _line(self, line: str, marks: list[str], indent: float, bold: bool, justify: bool):
        visual = _shape(line) if self.rtl else line
        words = visual.split(" ")
        font = "DejaVu-bold" if bold else "DejaVu-regular"
        widths = [self._width(w, SIZE, bold) for w in words]
        space = pdfmetrics.stringWidth(" ", font, SIZE)
        room = RIGHT - LEFT - indent
        gap = (room - sum(widths)) / (len(words) - 1) if justify and len(words) > 1 else space
        x = LEFT + (0 if self.rtl else indent)
        if self.rtl and not justify:
            x = RIGHT - indent - sum(widths) - space * (len(words) - 1)
        marks = list(reversed(marks)) if self.rtl else list(marks)
        text = self.pdf.beginText(x, self.y)
        text.setWordSpace(gap - space)
        for index, segment in enumerate(" ".join(words).split(MARK)):
            if index:
                text.setFont("DejaVu-regular", SIZE * 0.6)
                text.setRise(SIZE * 0.4)
                text.textOut(marks.pop(0) if marks else "0")
                text.setRise(0)
            text.setFont(font, SIZE)
            text.textOut(segment)
        text.setWordSpace(0)
        self.pdf.drawText(text)

    def close(self) -> bytes:
        self._finish_page()
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def build_pdf(text: str, *, symbol: str, job: str = "GE.23-24512", rtl: bool | None = None) -> bytes:
    """A PDF of ``text`` (Word's text export dialect) laid out like a UN document."""
    rtl = bool(_ARABIC.search(text)) if rtl is None else rtl
    setter = Typesetter(symbol, job, rtl)
    for block in read_blocks(text):
        setter.block(block)
    return setter.close()


def repeat_to_pages(text: str, pages: int) -> str:
    """``text`` with its paragraphs renumbered and repeated until the PDF would reach about ``pages``."""
    return text
