"""PDF reader: text with pypdf, paragraphs rebuilt, hyphenated line breaks joined.

pypdf gives one line per printed line and no paragraph breaks. Sentence and list extraction
downstream need paragraphs, so the vertical position of each printed line is recorded while
extracting: a gap clearly larger than the page's usual line spacing starts a new paragraph, and
the lines of one paragraph are joined. A line that starts with a bullet or a quote dash always
starts a new line. Pages are joined by a blank line.
"""

from __future__ import annotations

import io
import re
import statistics
from pathlib import Path
from typing import Any

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import ParsedContent, ReadOptions
from healthplan_kg.readers.dates import normalise_date

#: A gap this many times the median line spacing separates two paragraphs.
PARAGRAPH_GAP = 1.4
#: Words after a line-final hyphen that show it is a compound ellipsis ("helse- og omsorg"),
#: not a word broken over two lines.
_ELLIPSIS_WORDS = {"og", "eller", "samt", "enn", "til", "and", "or"}
_SPACES = re.compile(r"[ \t]{2,}")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w+)")
_LINE_STARTS_ITEM = re.compile(r"^[•·▪◦‣*\-–—]\s")


def _join_hyphenated(text: str) -> str:
    """Join words broken over two lines: "samhand-\nling" -> "samhandling", but keep
    "helse-\nog" as "helse- og" and "Midt-\nNorge" as "Midt-Norge"."""

    def join(match: re.Match[str]) -> str:
        before, word = match.group(1), match.group(2)
        if word.lower() in _ELLIPSIS_WORDS:
            return f"{before}- {word}"
        if word[0].islower():
            return before + word
        return f"{before}-{word}"

    return _HYPHEN_BREAK.sub(join, text)


def _line_positions(page: Any) -> tuple[str, list[float]]:
    """The page's text and the vertical position of each printed line, top to bottom."""
    positions: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            return
        y = float(tm[5]) * float(cm[3]) + float(cm[5])
        if not positions or abs(positions[-1] - y) > 0.5:
            positions.append(y)

    text = page.extract_text(visitor_text=visit) or ""
    return text, positions


def page_paragraphs(text: str, positions: list[float]) -> str:
    """The page's lines joined into paragraphs where the line positions allow, else as printed."""
    # Justified text comes back with runs of spaces between words; one is enough.
    lines = [_SPACES.sub(" ", line.strip()) for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or len(positions) != len(lines):
        return _join_hyphenated("\n".join(lines))
    gaps = [abs(positions[i] - positions[i + 1]) for i in range(len(positions) - 1)]
    # The usual spacing is the tightest common one: most gaps may be paragraph gaps on a page
    # of short paragraphs, so a median would mistake them for line spacing.
    usual = statistics.median(sorted(gaps)[: max(1, len(gaps) // 4)])
    if max(gaps) <= usual * PARAGRAPH_GAP:
        # Evenly spaced lines say nothing about paragraphs: keep them as printed rather than
        # run a page of one-line paragraphs together.
        return _join_hyphenated("\n".join(lines))
    paragraphs: list[list[str]] = [[lines[0]]]
    for line, gap in zip(lines[1:], gaps, strict=True):
        if gap > usual * PARAGRAPH_GAP:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    rendered = []
    for paragraph in paragraphs:
        text_lines = [paragraph[0]]
        for line in paragraph[1:]:
            if _LINE_STARTS_ITEM.match(line.lstrip()):
                text_lines.append("\n" + line)
            elif text_lines[-1].endswith("-"):
                text_lines.append("\n" + line)   # let _join_hyphenated decide
            else:
                text_lines.append(" " + line.lstrip())
        rendered.append(_join_hyphenated("".join(text_lines)))
    return "\n\n".join(rendered)


def _info_date(info: Any, key: str) -> str | None:
    raw = info.get(key) if info else None
    return normalise_date(str(raw)) if raw else None


def read_pdf(path: Path, data: bytes, options: ReadOptions | None = None) -> ParsedContent:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "the PDF is encrypted")
        pages = [page_paragraphs(*_line_positions(page)) for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"not a readable PDF ({error})") from None
    text = "\n\n".join(page for page in pages if page.strip())
    if not text.strip():
        raise InputError(path, "the PDF has no extractable text (a scanned image needs OCR first)")
    metadata: dict[str, str] = {}
    if info:
        for field, key in (("title", "/Title"), ("author", "/Author")):
            value = info.get(key)
            if value and str(value).strip():
                metadata[field] = " ".join(str(value).split())
        for field, key in (("published", "/CreationDate"), ("modified", "/ModDate")):
            date = _info_date(info, key)
            if date:
                metadata[field] = date
    return ParsedContent(text=text, metadata=metadata)
