"""Typeset a text export (Word's dialect) as a UN-style PDF with reportlab, for the PDF tests.

Pages of A4 with the first page's header table and footer (job number, bar code, "Please
recycle"), running headers with the symbol and page numbers on the others, justified paragraphs,
superscript footnote markers and each footnote at the bottom of the page of its marker, the
title's footnote printed "*" and the others numbered from 1. Right-to-left text (Arabic) is shaped
with arabic-reshaper and ordered with python-bidi, as a word processor prints it. Chinese is set
in reportlab's built-in CID font STSong-Light (no font file), headings in the same glyphs named
SimHei as UN Chinese documents name their heading font, lines broken between characters and
justified by spacing the characters. The header table and the first page's footer are in the
document's language.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from observations.importer.footnotes import has_unclosed_body, split_line

FONTS = {
    "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
for _name, _path in FONTS.items():
    pdfmetrics.registerFont(TTFont(f"DejaVu-{_name}", _path))


class _HeadingCIDFont(cidfonts.UnicodeCIDFont):
    """STSong-Light's glyphs under the name of the heading font of UN Chinese documents (SimHei)."""

    def __init__(self):
        super().__init__("STSong-Light")
        self.name = self.fontName = "SimHei"

    def addObjects(self, doc):  # noqa: N802 - reportlab's name
        import copy

        info = cidfonts.CIDFontInfo
        saved = info["STSong-Light"]
        info["STSong-Light"] = copy.deepcopy(saved)
        info["STSong-Light"]["BaseFont"] = "/SimHei"
        info["STSong-Light"]["DescendantFonts"][0]["BaseFont"] = "/SimHei"
        try:
            super().addObjects(doc)
        finally:
            info["STSong-Light"] = saved


pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
pdfmetrics.registerFont(_HeadingCIDFont())
FONT_NAMES = {
    "dejavu": ("DejaVu-regular", "DejaVu-bold"),
    "cjk": ("STSong-Light", "SimHei"),
}
# The first page's header table and footer, per language: United Nations, Distr., the date, the
# language line(s), "Please recycle".
HEADERS = {
    "en": ("United Nations", "Distr.: General", "21 December 2023", ["Original: English"], "Please recycle"),
    "fr": (
        "Nations Unies",
        "Distr. générale",
        "25 juillet 2025",
        ["Français", "Original : anglais"],
        "Merci de recycler",
    ),
    "es": (
        "Naciones Unidas",
        "Distr. general",
        "28 de marzo de 2025",
        ["Español", "Original: inglés"],
        "Se ruega reciclar",
    ),
    "ru": (
        "Организация Объединенных Наций",
        "Distr.: General",
        "2 мая 2025 года",
        ["Russian", "Original: English"],
        "Просьба отправить на вторичную переработку",
    ),
    "ar": ("الأمم المتحدة", "Distr.: General", "21 كانون الأول/ديسمبر 2023", ["الأصل: بالإنكليزية"], "Please recycle"),
    "zh": ("联合国", "Distr.: General", "2025年7月15日", ["Chinese", "Original: English"], "请回收"),
}

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 70.0, WIDTH - 70.0, HEIGHT - 60.0, 70.0
SIZE, NOTE_SIZE, LEADING, NOTE_LEADING = 10.0, 8.0, 12.5, 10.0
# French, Spanish and Russian sub-paragraphs are "a)", "б)"; Chinese ones "(a)" or "（a）"
_LABEL = re.compile(r"^\s*(\d{1,3}[.\-]|[(（][a-z]{1,4}[)）]|\([ivx]+\)|[a-zа-я]{1,4}\)|[A-H][.\-]|\d{1,2}[.\-])\s*")
_ARABIC = re.compile("[\u0600-\u06ff]")
_CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")
# A Chinese character (with the footnote markers glued to it), a run of other letters, or spaces.
_TOKEN = re.compile(r"\s+|[\u3000-\u9fff\uff00-\uffef]\u2042*|[^\s\u3000-\u9fff\uff00-\uffef]+")
_NO_LINE_START = "，。、；：）》」』”！？)"  # punctuation a Chinese line does not start with
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
    # custom marks ("*", "**") print as themselves; the other footnotes are numbered from 1
    stars = {int(n): mark for n, mark in re.findall(r"\[footnoteRef:(\d+)\](\*+)", text)}

    def printed(number: int) -> str:
        return stars.get(number) or str(number - len(stars))

    blocks = []
    for line in raw:
        if not line.strip():
            continue
        clean = split_line(line)
        body = clean.text
        marks = []
        for number, offset in sorted(clean.markers, key=lambda m: -m[1]):
            body = body[:offset] + MARK + body[offset:]
            marks.insert(0, printed(number))
        notes = [(printed(n), b) for n, b in clean.bodies]
        body = re.sub(r"\[bookmark:[^\]]*\]", "", body)
        label = _LABEL.match(body)
        is_sub = bool(label and (label.group(1)[0] in "(（" or label.group(1).endswith(")")))
        plain = re.sub(r"\s+", " ", body).strip()
        ends = (".", ";", ":", "،", "؛", "。", "；", "：")
        bold = not is_sub and not plain.endswith(ends) and len(plain) < 120
        blocks.append(Block(plain, marks, notes, bold=bold, indent=28.0 if is_sub else 0.0))
    return blocks


class Typesetter:
    def __init__(self, symbol: str, job: str, rtl: bool, language: str = "en"):
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4)
        self.symbol, self.job, self.rtl, self.language = symbol, job, rtl, language
        self.cjk = language == "zh"
        self.fonts = FONT_NAMES["cjk" if self.cjk else "dejavu"]
        self.page = 0
        self._new_page()

    def _font(self, bold: bool) -> str:
        return self.fonts[1] if bold else self.fonts[0]

    def _text(self, x: float, y: float, text: str, size: float, bold: bool = False, right: bool = False):
        font = self._font(bold)
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
            united, distr, date, origin, _recycle = HEADERS[self.language]
            shape = _shape if self.rtl else (lambda text: text)
            self._text(LEFT, HEIGHT - 40, shape(united), 12, bold=True)
            self._text(RIGHT, HEIGHT - 40, self.symbol, 14, bold=True, right=True)
            self._text(RIGHT, HEIGHT - 70, distr, 9, right=True)
            self._text(RIGHT, HEIGHT - 82, shape(date), 9, right=True)
            for index, line in enumerate(origin):
                self._text(RIGHT, HEIGHT - 106 - 12 * index, shape(line), 9, right=True)
            self.y = HEIGHT - 140 - 12 * len(origin)
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
            recycle = HEADERS[self.language][4]
            self._text(RIGHT, 28, _shape(recycle) if _ARABIC.search(recycle) else recycle, 8, right=True)
        else:
            self._text(RIGHT if self.page % 2 else LEFT, 40, str(self.page), 9, right=self.page % 2 == 1)

    def _width(self, word: str, size: float, bold: bool = False) -> float:
        word = _shape(word) if self.rtl and _ARABIC.search(word) else word
        return pdfmetrics.stringWidth(word.replace(MARK, "00"), self._font(bold), size)

    def _wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Lines of at most ``width``, broken at spaces, and between Chinese characters."""
        words: list[str] = []  # each with the space before it, if any
        space = ""
        for token in _TOKEN.findall(text):
            if token.isspace():
                space = " "
            elif (
                words
                and not space
                and (token[0] in _NO_LINE_START or not _CJK.match(token) and not _CJK.match(words[-1][-1]))
            ):
                words[-1] += token
            else:
                words.append(space + token)
                space = ""
        lines, current = [], ""
        for word in words:
            trial = current + word if current else word.lstrip()
            if current and self._width(trial, size, bold) > width:
                lines.append(current)
                current = word.lstrip()
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
        if self.cjk:
            return self._cjk_line(line, marks, indent, bold, justify)
        visual = _shape(line) if self.rtl else line
        words = visual.split(" ")
        font = self._font(bold)
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

    def _cjk_line(self, line: str, marks: list[str], indent: float, bold: bool, justify: bool):
        """A Chinese line, justified by spacing its characters as a word processor does."""
        font = self._font(bold)
        room = RIGHT - LEFT - indent
        printed = line.replace(MARK, "")
        natural = pdfmetrics.stringWidth(printed, font, SIZE) + sum(
            pdfmetrics.stringWidth(m, "STSong-Light", SIZE * 0.6) for m in marks
        )
        count = len(printed) + sum(len(m) for m in marks)
        text = self.pdf.beginText(LEFT + indent, self.y)
        text.setCharSpace((room - natural) / (count - 1) if justify and count > 1 else 0)
        marks = list(marks)
        for index, segment in enumerate(line.split(MARK)):
            if index:
                text.setFont(self.fonts[0], SIZE * 0.6)
                text.setRise(SIZE * 0.4)
                text.textOut(marks.pop(0) if marks else "0")
                text.setRise(0)
            text.setFont(font, SIZE)
            text.textOut(segment)
        text.setCharSpace(0)
        self.pdf.drawText(text)

    def close(self) -> bytes:
        self._finish_page()
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def build_pdf(
    text: str, *, symbol: str, job: str = "GE.23-24512", rtl: bool | None = None, language: str | None = None
) -> bytes:
    """A PDF of ``text`` (Word's text export dialect) laid out like a UN document in ``language``
    (Arabic and Chinese are recognised from the text; the header is English otherwise)."""
    rtl = bool(_ARABIC.search(text)) if rtl is None else rtl
    if language is None:
        language = "ar" if rtl else "zh" if len(_CJK.findall(text)) * 3 > len(text) else "en"
    setter = Typesetter(symbol, job, rtl, language)
    for block in read_blocks(text):
        setter.block(block)
    return setter.close()


def pages_of(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def repeat_to_pages(text: str, pages: int, *, symbol: str) -> str:
    """``text`` made about ``pages`` pages long as a PDF: the middle half of its paragraphs (with the
    headings among them) repeated, then every paragraph and footnote numbered again in order, so
    the longer document is as valid as the first (its follow-up paragraphs still exist)."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if lines and has_unclosed_body(lines[-1]):
            lines[-1] += " " + line
        else:
            lines.append(line)
    numbered = [i for i, line in enumerate(lines) if _PARAGRAPH.match(line)]
    start, end = numbered[len(numbered) // 4], numbered[3 * len(numbered) // 4]
    block = lines[start:end]
    longer = text
    for copies in range(1, 50):
        longer = _renumbered(lines[:end] + block * copies + lines[end:])
        if pages_of(build_pdf(longer, symbol=symbol)) >= pages:
            break
    return longer


_PARAGRAPH = re.compile(r"^((?:\[bookmark:[^\]]*\])?)\d{1,3}([.\-]\t)")


def _renumbered(lines: list[str]) -> str:
    out, paragraph, footnote = [], 0, 0
    for line in lines:
        match = _PARAGRAPH.match(line)
        if match:
            paragraph += 1
            line = f"{match.group(1)}{paragraph}{match.group(2)}" + line[match.end() :]
        local: dict[str, int] = {}  # this line's footnotes: old number -> new
        pieces, position = [], 0
        for marker in re.finditer(r"\[footnoteRef:(\d+)\]", line):
            footnote += 1
            local[marker.group(1)] = footnote
            pieces.append(f"{line[position : marker.start()]}[footnoteRef:{footnote}]")
            position = marker.end()
        line = "".join(pieces) + line[position:]
        pieces, position = [], 0
        for body in re.finditer(r"\[(\d+):", line):
            pieces.append(f"{line[position : body.start()]}[{local.get(body.group(1), body.group(1))}:")
            position = body.end()
        out.append("".join(pieces) + line[position:])
    return "\n".join(out)
