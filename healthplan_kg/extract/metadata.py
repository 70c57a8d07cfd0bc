"""Document metadata from the text: title, publication and update dates, author.

Norwegian sites print their dates in a handful of labelled forms ("Publisert: 20. mars 2024",
"Først publisert: 01.03.2024", "Sist oppdatert", "Siste faglige endring"); letters are signed
under "Med hilsen". Metadata the file or its sidecar already gives is kept; the text only fills
the gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.dates import find_dates
from healthplan_kg.extract.people import NAME
from healthplan_kg.model import Span

_PUBLISHED = re.compile(
    r"\b(?:først\s+publisert|fyrst\s+publisert|publisert|publisert\s+dato|opprettet|oppretta|"
    r"dato|utgitt|datert)\b\s*:?\s*", re.IGNORECASE)
_MODIFIED = re.compile(
    r"\b(?:sist\s+oppdatert|sist\s+endret|sist\s+endra|siste\s+faglige\s+endring|"
    r"siste\s+fagleg\s+endring|oppdatert|endret|endra)\b\s*:?\s*", re.IGNORECASE)
_AUTHOR_LINE = re.compile(r"^\s*(?:skrevet|skrive|skriven|tekst)\s+av\s*:?\s*(.+?)\s*\.?$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\s*(?:med\s+(?:vennlig|venleg|vennleg)?\s*hilsen|med\s+helsing|"
                       r"med\s+(?:vennlig|vennleg|venleg)\s+helsing|vennlig\s+hilsen|beste\s+hilsen)\s*,?\s*$",
                       re.IGNORECASE)

#: Whether a text has a date label anywhere: a label in a line is a label at the same place in
#: the whole text (a line's ends border on newlines, which ``\b`` treats as the string's ends), so
#: a text without one needs no look at each line.
_ANY_PUBLISHED = CaselessCue(_PUBLISHED)
_ANY_MODIFIED = CaselessCue(_MODIFIED)

_NAME_LINE = re.compile(rf"^\s*({NAME})\s*$")
_BARE_LABEL = re.compile(r"^\s*(?:publisert|publisert:|oppdatert|del|skriv ut|print)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TextMetadata:
    title: str | None
    title_span: Span | None
    published: str | None
    modified: str | None
    author: str | None
    author_span: Span | None


def _labelled_date(line: str, label: re.Pattern[str]) -> str | None:
    for m in label.finditer(line):
        dates = find_dates(line[m.end():m.end() + 40])
        if dates and dates[0].start == 0:
            return dates[0].iso
    return None


def _is_metadata_line(line: str) -> bool:
    return bool(_PUBLISHED.search(line) or _MODIFIED.search(line)) and bool(find_dates(line))


def read_metadata(text: str) -> TextMetadata:
    """Metadata stated in the text itself; fields it does not state are None."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    title = title_span = None
    for start, line in lines:
        stripped = line.strip().lstrip("•·▪*- ").strip()
        if not stripped or _BARE_LABEL.match(stripped) or _is_metadata_line(stripped):
            continue
        offset = start + line.index(stripped[0])
        title, title_span = stripped, Span(offset, offset + len(stripped), stripped)
        break

    published = modified = None
    find_published, find_modified = _ANY_PUBLISHED.found_in(text), _ANY_MODIFIED.found_in(text)
    for _, line in lines:
        if published is None and find_published:
            published = _published_in(line)
        if modified is None and find_modified:
            modified = _labelled_date(line, _MODIFIED)

    author = author_span = None
    for i, (start, line) in enumerate(lines):
        m = _AUTHOR_LINE.match(line)
        if m and re.fullmatch(NAME, m.group(1)):
            author = m.group(1)
            offset = start + m.start(1)
            author_span = Span(offset, offset + len(author), author)
            break
        if _SIGN_OFF.match(line):
            for next_start, next_line in lines[i + 1:i + 5]:
                nm = _NAME_LINE.match(next_line)
                if nm:
                    author = nm.group(1)
                    offset = next_start + nm.start(1)
                    author_span = Span(offset, offset + len(author), author)
                    break
                if next_line.strip():
                    break
            if author:
                break
    return TextMetadata(title, title_span, published, modified, author, author_span)


def _published_in(line: str) -> str | None:
    """A publication date from a labelled line, not confused with 'sist oppdatert'."""
    for m in _PUBLISHED.finditer(line):
        before = line[max(0, m.start() - 12):m.start()].casefold()
        if "sist" in before or "siste" in before:
            continue
        dates = find_dates(line[m.end():m.end() + 40])
        if dates and dates[0].start == 0:
            return dates[0].iso
    return None
