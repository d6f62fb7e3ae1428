"""Footnote markers ``[footnoteRef:N]`` and bodies ``[N: …]`` in Word's text export."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Arabic prints the marker in parentheses: "([footnoteRef:2])"; a custom mark "*" may follow.
_MARKER = re.compile(r"\(\[footnoteRef:(\d+)\]\)|\[footnoteRef:(\d+)\]\*{0,3}")
_BODY_START = re.compile(r"\[(\d+):")
_DECORATION = re.compile(r"^\s*(?:\*+|\(\))?\s*")


@dataclass
class CleanLine:
    """A line with footnote bodies taken out and markers removed (their offsets kept)."""

    text: str
    markers: list[tuple[int, int]] = field(default_factory=list)  # (footnote number, offset)
    bodies: list[tuple[int, str]] = field(default_factory=list)  # (footnote number, text)


def _body_end(text: str, start: int) -> int | None:
    """Index just past the bracket closing the body opened at ``start``, or None if unclosed."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "[":
            depth += 1
        elif text[index] == "]":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def has_unclosed_body(line: str) -> bool:
    return any(
        _body_end(line, m.start()) is None
        for m in _BODY_START.finditer(line)
        if not line[m.start() :].startswith("[footnoteRef")
    )


def clean_body(text: str) -> str:
    """Footnote text without its "*", "()" and tab decoration."""
    return re.sub(r"\s+", " ", _DECORATION.sub("", text)).strip()


def split_line(line: str) -> CleanLine:
    """Take footnote bodies out of ``line`` and remove the markers, keeping their offsets."""
    bodies, kept, position = [], [], 0
    for match in _BODY_START.finditer(line):
        if match.start() < position:
            continue
        end = _body_end(line, match.start())
        if end is None:
            continue
        bodies.append((int(match.group(1)), clean_body(line[match.end() : end - 1])))
        kept.append(line[position : match.start()])
        position = end
    kept.append(line[position:])
    text = "".join(kept)
    markers, out, position = [], [], 0
    for match in _MARKER.finditer(text):
        out.append(text[position : match.start()])
        offset = sum(len(part) for part in out)
        markers.append((int(match.group(1) or match.group(2)), offset))
        position = match.end()
    out.append(text[position:])
    return CleanLine("".join(out).rstrip(), markers, bodies)
