"""Word ``.docx`` -> the same line layout as Word's "plain text" export.

Each body paragraph becomes a line; tabs are kept; a footnote reference becomes
``[footnoteRef:N]`` and the footnote's text is appended to the line as ``[N: text]``.
Paragraph numbers or letters produced by Word's automatic numbering are written out.
A table row becomes one line, its cells (and the paragraphs inside a cell) separated by tabs, as
in Word's export: the first page's header table ("United Nations | CCPR/C/…/CO/4", "Distr.:
General", …) is then recognised as page furniture. Page headers and footers are not text of the
document; a symbol printed in them is put first, so that it is known. Text boxes are left out.
"""

from __future__ import annotations

import io

from lxml import etree

from .archive import check_archive
from .model import Finding, ImportRejected
from .vocab import ARABIC_LETTERS, CYRILLIC_LETTERS, LATIN_LETTERS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_CORRUPT = (
    "The Word file is damaged and cannot be read: open it in Word, save it again as .docx "
    "(or as plain text in Unicode (UTF-8)) and import that file."
)


def docx_to_text(data: bytes) -> tuple[str, list[Finding]]:
    """Text lines of a .docx file, and findings about what had to be reconstructed."""
    import docx  # python-docx

    check_archive(data)  # entry count and unpacked size, before anything is inflated
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds of errors on a damaged package
        raise ImportRejected(_CORRUPT, code="docx") from None
    parts = {rel.reltype: rel.target_part for rel in document.part.rels.values() if not rel.is_external}
    footnotes = _footnote_texts(parts.get(RT_FOOTNOTES))
    numbering = _Numbering(parts.get(RT_NUMBERING), parts.get(RT_STYLES))
    counter = [0]

    def line(paragraph) -> str:
        text, notes = _paragraph_text(paragraph, footnotes, counter)
        label = numbering.label(paragraph)
        if label and not text.lstrip().startswith(label.strip()):
            text = label + text
        return text + "".join(f" [{n}: {body}]" for n, body in notes)

    lines = _header_symbols(document) + list(_blocks(document.element.body, line))
    findings = []
    if numbering.used:
        findings.append(
            Finding(
                "warning",
                "docx_auto_numbering",
                "Some paragraph numbers or letters come from Word's automatic numbering: they were counted "
                "in order by the importer; please check them against the printed document.",
            )
        )
    return "\n".join(lines), findings


def _blocks(container, line):
    """Lines of the paragraphs and table rows of ``container``, in document order."""
    for child in container:
        tag = etree.QName(child).localname
        if tag == "p":
            yield line(child)
        elif tag == "tbl":
            for row in child.iter(q("tr")):
                if _owner(row, "tbl") is child:
                    cells = [c for c in row if etree.QName(c).localname == "tc"]
                    yield "\t".join("\t".join(x for x in _blocks(c, line) if x.strip()) for c in cells)
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
            yield from _blocks(child, line)


def _owner(element, localname: str):
    """The nearest ancestor of ``element`` named ``localname``."""
    for ancestor in element.iterancestors():
        if etree.QName(ancestor).localname == localname:
            return ancestor
    return None


def _header_symbols(document) -> list[str]:
    """Lines of the page headers that hold a document symbol ("CCPR/C/NZL/CO/7")."""
    from .meta import TREATY_SYMBOL

    found: list[str] = []
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            if header.is_linked_to_previous:
                continue
            for paragraph in header._element.iter(q("p")):
                text = "".join(_run_text(r) for r in paragraph.iter(q("r"))).strip()
                if TREATY_SYMBOL.fullmatch(text) and text not in found:
                    found.append(text)
    return found


def _run_text(run, footnotes=None, counter=None, notes=None) -> str:
    out = []
    for child in run:
        tag = etree.QName(child).localname
        if tag == "t":
            out.append(child.text or "")
        elif tag in ("tab", "ptab"):
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append(" ")
        elif tag == "noBreakHyphen":
            out.append("\u2011")
        elif tag == "footnoteReference" and footnotes is not None:
            counter[0] += 1
            number = counter[0]
            out.append(f"[footnoteRef:{number}]")
            body = footnotes.get(child.get(q("id")))
            if body is not None:
                notes.append((number, body))
    return "".join(out)


def _paragraph_text(paragraph, footnotes, counter) -> tuple[str, list[tuple[int, str]]]:
    notes: list[tuple[int, str]] = []
    runs = (run for run in paragraph.iter(q("r")) if _owner(run, "p") is paragraph)  # not text boxes
    text = "".join(_run_text(run, footnotes, counter, notes) for run in runs)
    return text, notes


def _footnote_texts(part) -> dict[str, str]:
    """Footnote id -> its text (paragraphs joined), read from ``word/footnotes.xml``."""
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        raise ImportRejected(_CORRUPT, code="docx") from None
    texts = {}
    for note in root.iter(q("footnote")):
        if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = ["".join(_run_text(run) for run in p.iter(q("r"))) for p in note.iter(q("p"))]
        texts[note.get(q("id"))] = " ".join(p.strip() for p in paragraphs if p.strip())
    return texts


_FORMATS = {
    "lowerLetter": LATIN_LETTERS,
    "upperLetter": tuple(letter.upper() for letter in LATIN_LETTERS),
    "arabicAbjad": ARABIC_LETTERS,
    "arabicAlpha": ARABIC_LETTERS,
    "russianLower": CYRILLIC_LETTERS,
    "russianUpper": tuple(letter.upper() for letter in CYRILLIC_LETTERS),
}
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


class _Numbering:
    """Counts Word's automatic numbering, paragraph by paragraph, in document order."""

    def __init__(self, numbering_part, styles_part):
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.style_numpr: dict[str, tuple[str, str]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used = False
        if numbering_part is not None:
            self._read_numbering(etree.fromstring(numbering_part.blob))
        if styles_part is not None:
            self._read_styles(etree.fromstring(styles_part.blob))

    def _read_numbering(self, root) -> None:
        abstract = {}
        for node in root.iter(q("abstractNum")):
            levels = {}
            for lvl in node.iter(q("lvl")):
                fmt = lvl.find(q("numFmt"))
                text = lvl.find(q("lvlText"))
                start = lvl.find(q("start"))
                levels[lvl.get(q("ilvl"))] = (
                    fmt.get(q("val")) if fmt is not None else "decimal",
                    text.get(q("val")) if text is not None else "%1.",
                    int(start.get(q("val"))) if start is not None else 1,
                )
            abstract[node.get(q("abstractNumId"))] = levels
        for num in root.iter(q("num")):
            ref = num.find(q("abstractNumId"))
            overrides = {
                o.get(q("ilvl")): int(o.find(q("startOverride")).get(q("val")))
                for o in num.iter(q("lvlOverride"))
                if o.find(q("startOverride")) is not None
            }
            for ilvl, level in abstract.get(ref.get(q("val")) if ref is not None else None, {}).items():
                fmt, text, start = level
                self.levels[(num.get(q("numId")), ilvl)] = (fmt, text, overrides.get(ilvl, start))

    def _read_styles(self, root) -> None:
        for style in root.iter(q("style")):
            num_pr = style.find(f"{q('pPr')}/{q('numPr')}")
            if num_pr is not None:
                self.style_numpr[style.get(q("styleId"))] = self._numpr_values(num_pr)

    @staticmethod
    def _numpr_values(num_pr) -> tuple[str, str]:
        num_id, ilvl = num_pr.find(q("numId")), num_pr.find(q("ilvl"))
        return (num_id.get(q("val")) if num_id is not None else "", ilvl.get(q("val")) if ilvl is not None else "0")

    def label(self, paragraph) -> str:
        """The label Word would print before this paragraph ("12.\t", "\t(a)\t"), or ""."""
        ppr = paragraph.find(q("pPr"))
        num_pr = ppr.find(q("numPr")) if ppr is not None else None
        style = ppr.find(q("pStyle")) if ppr is not None else None
        num_id, ilvl = self.style_numpr.get(style.get(q("val")) if style is not None else "", ("", "0"))
        if num_pr is not None:  # the paragraph's own numbering, or its level of the style's list
            own_id, own_level = self._numpr_values(num_pr)
            num_id = own_id or num_id
            ilvl = own_level if num_pr.find(q("ilvl")) is not None else ilvl
        level = self.levels.get((num_id, ilvl))
        if not num_id or num_id == "0" or level is None:
            return ""
        fmt, pattern, start = level
        depth = int(ilvl)
        counters = self.counters.setdefault(num_id, {})
        counters[depth] = counters.get(depth, start - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        self.used = True
        text = pattern.replace(f"%{depth + 1}", _format(counters[depth], fmt))
        return (text + "\t") if fmt == "decimal" and depth == 0 else f"\t{text}\t"


def _format(value: int, fmt: str) -> str:
    if fmt in _FORMATS:
        letters = _FORMATS[fmt]
        return letters[(value - 1) % len(letters)]
    if fmt in ("lowerRoman", "upperRoman") and value <= len(_ROMAN):
        roman = _ROMAN[value - 1]
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(value)
