"""The printed lines of one PDF page, with where and how each is printed.

pypdf gives a page's text as one string with a line break per printed line, and, through its
visitor, the same text in pieces with the text matrix and font of each. Joining the pieces gives
exactly that string, so the lines are cut from the joined pieces and each line takes the position,
size and weight of its first visible piece. Those are what the layout needs: the vertical gaps
separate paragraphs, the size and weight tell headings from body text, and the position on the
page tells running headers and footers apart from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from healthplan_kg.readers.pages import strip_marks

_SPACES = re.compile(r"[ \t]{2,}")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: its text (spaces collapsed), baseline height from the page foot in points,
    effective font size and weight; position and size are None where pypdf did not give them."""

    text: str
    y: float | None = None
    size: float | None = None
    bold: bool = False


def _style(cm: Any, tm: Any, font: Any, size: Any) -> tuple[float | None, float | None, bool]:
    try:
        y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
        scale = abs(float(tm[3]) * float(cm[3])) or 1.0
        effective = float(size) * scale if size else None
    except (TypeError, ValueError, IndexError):
        y, effective = None, None
    name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
    return y, effective, bool(_BOLD_FONT.search(name))


def lines_of(pieces: list[tuple[str, float | None, float | None, bool]]) -> list[PrintedLine]:
    """Printed lines from the visitor's pieces (text, y, size, bold), in the order printed."""
    lines: list[PrintedLine] = []
    parts: list[str] = []
    style: tuple[float | None, float | None, bool] | None = None

    def flush() -> None:
        text = _SPACES.sub(" ", strip_marks("".join(parts)).strip())
        if text:
            y, size, bold = style or (None, None, False)
            lines.append(PrintedLine(text, y, size, bold))

    for text, y, size, bold in pieces:
        chunks = text.split("\n")
        for number, chunk in enumerate(chunks):
            if number:
                flush()
                parts, style = [], None
            parts.append(chunk)
            if style is None and chunk.strip():
                style = (y, size, bold)
    flush()
    return lines


def page_lines(page: Any) -> list[PrintedLine]:
    """The printed lines of a pypdf page; without positions where the pieces do not add up to
    pypdf's own text (then its text is used as it is)."""
    pieces: list[tuple[str, float | None, float | None, bool]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        pieces.append((text, *_style(cm, tm, font, size)))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece[0] for piece in pieces) != text:
        return lines_of([(text, None, None, False)])
    return lines_of(pieces)
