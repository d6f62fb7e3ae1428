"""Lines -> structure: preamble, headings, numbered paragraphs, lettered sub-paragraphs, footnotes.

Reads the layout of Word's text export (see the seeds README): a paragraph number starts its
line, sub-paragraph letters and headings are indented with tabs, footnote bodies follow their
markers on the same line. Lines that start nothing new continue the previous item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .footnotes import CleanLine, has_unclosed_body, split_line
from .model import CLUSTER, SECTION, TOPIC, ParsedHeading, ParsedParagraph, ParsedSubparagraph
from .vocab import ANNEX_HEADING, HOMOGLYPHS, LATIN_LETTERS, ROMAN_NUMERALS, Vocabulary

_PARAGRAPH = re.compile(r"^[ \t]*(\d{1,3})[ \t]*[.\-‐][ \t]+(?=\S)(.*)$")
# "\t(a)\t", "(a) ", "\ta)\t", and "a)\t" at the start of the line (French, Spanish, Russian style).
_SUBPARAGRAPH = re.compile(
    r"^(?:[ \t]+\(?|\(|(?=[^\W\d_]{1,4}\u0640?\)\t))([a-z]{1,4}|[\u0621-\u064a]\u0640?|[а-яё])\)[ \t]+(.*)$",
    re.IGNORECASE,
)
# Roman-numbered sections (CRC style): I. / أولاً- / 一、
_ROMAN_LABELS = {
    **{r: i for i, r in enumerate(ROMAN_NUMERALS)},
    **{r: i for i, r in enumerate("أولاً ثانياً ثالثاً رابعاً خامساً سادساً سابعاً ثامناً تاسعاً عاشراً".split())},
    **{r: i for i, r in enumerate("一二三四五六七八九十")},
}
_ROMAN_ITEM = re.compile(r"[ivx]+")
_ANNEX = re.compile(rf"^[ \t]*(?:{ANNEX_HEADING})$", re.IGNORECASE)
_TITLE_END = (".", ":", ";", "。", "：", "؛", "،", ",")
MAX_TITLE = 250


@dataclass
class Marked:
    """A piece of text with the footnote markers found in it: (number, offset)."""

    text: str = ""
    markers: list[tuple[int, int]] = field(default_factory=list)

    def add(self, line: CleanLine, separator: str = "\n") -> None:
        text = line.text.strip()
        base = len(self.text) + (len(separator) if self.text and text else 0)
        lead = len(line.text) - len(line.text.lstrip())
        # a marker after trailing spaces of the line stands at the end of its stripped text
        self.markers.extend((n, max(0, base + min(offset - lead, len(text)))) for n, offset in line.markers)
        if text:
            self.text = f"{self.text}{separator}{text}" if self.text else text


@dataclass
class Layout:
    preamble: list[tuple[int, Marked]] = field(default_factory=list)
    headings: list[ParsedHeading] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    # footnote markers per (paragraph number, sub-paragraph letter or None); "title" for preamble
    markers: dict[tuple[int, str | None], list[tuple[int, int]]] = field(default_factory=dict)
    bodies: dict[int, tuple[str, int]] = field(default_factory=dict)  # number -> (text, line)
    marker_lines: dict[int, int] = field(default_factory=dict)  # number -> line
    duplicate_bodies: list[tuple[int, int]] = field(default_factory=list)
    duplicate_markers: list[tuple[int, int]] = field(default_factory=list)
    sub_errors: list[tuple[int, str, int]] = field(default_factory=list)  # (paragraph, message, line)
    annex_line: int | None = None  # where an annex starts after the last paragraph (not read)


def sub_letter(index: int) -> str:
    """The canonical letter of the sub-paragraph at ``index``: a … z, then aa, bb, … zz."""
    return LATIN_LETTERS[index % 26] * (index // 26 + 1)


def printed_letter(index: int, vocab: Vocabulary) -> str:
    """The label printed for the sub-paragraph at ``index`` in the language of ``vocab``."""
    letters = vocab.sub_letters
    return letters[index % len(letters)] * (index // len(letters) + 1)


def canonical_letter(label: str, vocab: Vocabulary, expected: str | None = None) -> str | None:
    """The Latin letter at the position of ``label`` in the language's sequence ("ب" -> "b").

    Doubled letters continue the sequence after its last letter: "(aa)", "(bb)".
    """
    plain = label.lower().replace("\u0640", "")
    if len(plain) == 2 and plain[0] == plain[1]:
        single = canonical_letter(plain[0], vocab)
        return single * 2 if single else None
    candidates = []
    if plain in vocab.sub_letters:
        candidates.append(sub_letter(vocab.sub_letters.index(plain)))
    if plain in LATIN_LETTERS:
        candidates.append(plain)
    if plain in HOMOGLYPHS:
        candidates.append(HOMOGLYPHS[plain])
    if expected in candidates:
        return expected
    return candidates[0] if candidates else None


def _is_title_like(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= MAX_TITLE and not text.endswith(_TITLE_END)


class _Reader:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.layout = Layout()
        labels = sorted(vocab.section_labels, key=len, reverse=True)
        roman = sorted(_ROMAN_LABELS, key=len, reverse=True)
        self.section_re = re.compile(
            r"^[ \t]*(" + "|".join(map(re.escape, roman + labels)) + r")[ \t]*[.\-、][ \t]*(\S.*)$"
        )
        self.section_style: str | None = None  # "letter" or "roman"
        self.section: int | None = None
        self.cluster: int | None = None
        self.current: Marked | None = None
        self.current_key: tuple[int, str | None] | None = None
        self.paragraph: ParsedParagraph | None = None
        self.cluster_number = 0
        self.in_preamble = True

    # --- helpers -----------------------------------------------------------------------------

    def _heading(self, kind: str, key: str, label: str, title: str, line_no: int) -> None:
        parent = self.section if kind != SECTION else None
        if kind == TOPIC and self.cluster is not None:
            parent = self.cluster
        heading = ParsedHeading(kind=kind, key=key, label=label, title=title.strip(), parent=parent, line=line_no)
        self.layout.headings.append(heading)
        index = len(self.layout.headings) - 1
        if kind == SECTION:
            self.section, self.cluster, self.cluster_number = index, None, 0
        elif kind == CLUSTER:
            self.cluster = index
        self.current = None
        self.in_preamble = False

    def _start_item(self, key: tuple[int, str | None], line: CleanLine, body: str) -> Marked:
        marked = Marked()
        offset = len(line.text) - len(body)
        marked.add(CleanLine(body, [(n, o - offset) for n, o in line.markers if o >= offset]))
        self.current, self.current_key = marked, key
        self.layout.markers[key] = marked.markers
        return marked

    # --- classification ----------------------------------------------------------------------

    def section_match(self, text: str):
        match = self.section_re.match(text)
        if not match or not _is_title_like(match.group(2)):
            return None
        label = match.group(1)
        style = "roman" if label in _ROMAN_LABELS else "letter"
        if style == "roman" and label in self.vocab.section_labels and self.section_style == "letter":
            style = "letter"  # the ninth letter "I" in a lettered document
        return style, label, match.group(2)

    def read(self, lines: list[tuple[int, CleanLine]]) -> Layout:
        for position, (line_no, line) in enumerate(lines):
            if self.layout.paragraphs and not line.markers and _ANNEX.match(line.text):
                self.layout.annex_line = line_no  # an annex (list of documents, …) is not observations
                break
            self._read_line(position, line_no, line, lines)
        return self.layout

    def _read_line(self, position, line_no, line: CleanLine, lines) -> None:
        text = line.text
        for number, _body in line.bodies:
            self._body(number, _body, line_no)
        for number, _offset in line.markers:
            if number in self.layout.marker_lines:
                self.layout.duplicate_markers.append((number, line_no))
            self.layout.marker_lines.setdefault(number, line_no)
        if not text.strip():
            if line.markers:
                self._continue(line, line_no)
            return
        if self._try_section(text, line_no) or self._try_numbered(text, line, line_no):
            return
        if not self.in_preamble and self._try_subparagraph(text, line, line_no, lines[position + 1 :]):
            return
        if not self.in_preamble and text[:1] in " \t" and _is_title_like(text) and self._before_item(position, lines):
            self._heading(TOPIC, "", "", text.strip(), line_no)
            return
        self._continue(line, line_no)

    def _body(self, number: int, text: str, line_no: int) -> None:
        if number in self.layout.bodies:
            self.layout.duplicate_bodies.append((number, line_no))
        else:
            self.layout.bodies[number] = (text, line_no)

    def _before_item(self, position: int, lines) -> bool:
        """A topic heading is followed by a paragraph or another heading."""
        for _line_no, line in lines[position + 1 :]:
            text = line.text
            if not text.strip():
                continue
            return bool(
                _PARAGRAPH.match(text)
                or self.section_match(text)
                or (text[:1] in " \t" and _is_title_like(text) and not _SUBPARAGRAPH.match(text))
            )
        return False

    def _try_section(self, text: str, line_no: int) -> bool:
        found = self.section_match(text)
        if not found:
            return False
        style, label, title = found
        if self.section_style is None:
            self.section_style = style
        if style == self.section_style:
            index = _ROMAN_LABELS[label] if style == "roman" else self.vocab.section_labels.index(label)
            key = ROMAN_NUMERALS[index] if style == "roman" else LATIN_LETTERS[index].upper()
            self._heading(SECTION, key, label, title, line_no)
            return True
        if self.section is not None and style == "letter":  # lettered clusters under roman sections
            key = LATIN_LETTERS[self.vocab.section_labels.index(label)].upper()
            self._cluster(key, label, title, line_no)
            return True
        return False

    def _cluster(self, key: str, label: str, title: str, line_no: int) -> None:
        self._heading(CLUSTER, key, label, title, line_no)

    def _try_numbered(self, text: str, line: CleanLine, line_no: int) -> bool:
        match = _PARAGRAPH.match(text)
        if not match:
            return False
        number, body = int(match.group(1)), match.group(2)
        indented = text[:1] in " \t"
        expected_paragraph = (self.paragraph.number + 1) if self.paragraph else 1
        expected_cluster = self.cluster_number + 1
        clusters_allowed = self.section is not None and self.section_style == "letter"
        if (
            clusters_allowed
            and _is_title_like(body)
            and (
                (indented and (number == expected_cluster or number != expected_paragraph))
                or (number == expected_cluster and number != expected_paragraph)
            )
        ):
            self.cluster_number = number
            self._cluster(str(number), str(number), body, line_no)
            return True
        if self.in_preamble and number != 1 and not indented:
            return False
        self.in_preamble = False
        paragraph = ParsedParagraph(number=number, text="", line=line_no)
        paragraph.heading = self._innermost()
        self.layout.paragraphs.append(paragraph)
        self.paragraph = paragraph
        self._start_item((number, None), line, body)
        self._sync()
        return True

    def _innermost(self) -> int | None:
        headings = self.layout.headings
        return len(headings) - 1 if headings else None

    def _try_subparagraph(self, text: str, line: CleanLine, line_no: int, following) -> bool:
        match = _SUBPARAGRAPH.match(text)
        if not match or self.paragraph is None:
            return False
        label = match.group(1)
        subs = self.paragraph.subparagraphs
        expected = sub_letter(len(subs))
        letter = canonical_letter(label, self.vocab, expected) if len(label) <= 2 else None
        if letter is None or (subs and _ROMAN_ITEM.fullmatch(label) and self._roman_item(label, expected, following)):
            return False  # a roman-numbered item (i), (ii) inside a sub-paragraph: continuation
        if letter != expected:
            self.layout.sub_errors.append((self.paragraph.number, self._sub_error(label, letter, subs), line_no))
        sub = ParsedSubparagraph(letter=letter, label=label, text="", line=line_no)
        subs.append(sub)
        self._start_item((self.paragraph.number, letter), line, match.group(2))
        self._sync()
        return True

    @staticmethod
    def _roman_item(label: str, expected: str, following) -> bool:
        """Is "(i)" (or "(v)", "(x)") a roman item rather than the expected letter?

        Rather a letter when it is the expected one and the next label is not the next roman numeral.
        """
        if label.lower() != expected:
            return True
        for _line_no, line in following:
            match = _SUBPARAGRAPH.match(line.text)
            if match:
                return match.group(1).lower() in {"ii", "vi", "xi"}
            if _PARAGRAPH.match(line.text):
                return False
        return False

    def _sub_error(self, label: str, letter: str, subs: list[ParsedSubparagraph]) -> str:
        number = self.paragraph.number
        if any(s.letter == letter for s in subs):
            return f"In paragraph {number}, sub-paragraph ({label}) appears twice."
        previous = f"({subs[-1].label})" if subs else "the paragraph's opening text"
        printed = printed_letter(len(subs), self.vocab)
        return f"In paragraph {number}, sub-paragraph ({label}) follows {previous}: ({printed}) is missing."

    def _continue(self, line: CleanLine, line_no: int) -> None:
        if self.in_preamble:
            marked = Marked()
            marked.add(line)
            self.layout.preamble.append((line_no, marked))
            return
        if self.current is None:
            if self.layout.headings and not line.markers:
                heading = self.layout.headings[-1]
                heading.title = f"{heading.title} {line.text.strip()}"
                return
            return
        self.current.add(line)
        self._sync()

    def _sync(self) -> None:
        """Copy the current item's text into its paragraph or sub-paragraph."""
        if self.paragraph is None or self.current is None:
            return
        number, letter = self.current_key
        if letter is None:
            self.paragraph.text = self.current.text
        else:
            self.paragraph.subparagraphs[-1].text = self.current.text


def read_layout(text: str, vocab: Vocabulary) -> Layout:
    """The structure of ``text``; footnote bodies are collected, markers located."""
    raw = text.split("\n")
    lines: list[tuple[int, CleanLine]] = []
    index = 0
    while index < len(raw):
        line_no, line = index + 1, raw[index]
        while has_unclosed_body(line) and index + 1 < len(raw):  # a footnote spanning lines
            index += 1
            line = f"{line} {raw[index]}"
        lines.append((line_no, split_line(line)))
        index += 1
    return _Reader(vocab).read(lines)
