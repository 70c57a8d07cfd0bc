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
from healthplan_kg.extract.headline import find_headline, is_date_line
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
#: A byline that dates the article: "Av Kari Nordmann, 15. juni 2023", "Kari Nordmann | 15.06.2023".
_DATED_BYLINE = re.compile(rf"^\s*(?:(?:av|tekst|skrevet\s+av|skrive\s+av)\s*:?\s*)?(?-i:{NAME})\s*(?:[,|/·–-]\s*)?",
                           re.IGNORECASE)
#: How many lines from the top a bare date or a dated byline may stand and still date the page.
_HEAD_DATE_LINES = 25


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


def read_metadata(text: str) -> TextMetadata:
    """Metadata stated in the text itself; fields it does not state are None."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    headline = find_headline(text)
    title, title_span = (headline.text, headline.span) if headline else (None, None)

    published = modified = None
    find_published, find_modified = _ANY_PUBLISHED.found_in(text), _ANY_MODIFIED.found_in(text)
    for _, line in lines:
        if published is None and find_published:
            published = _published_in(line)
        if modified is None and find_modified:
            modified = _labelled_date(line, _MODIFIED)
    if published is None:
        published = _head_date(lines[:_HEAD_DATE_LINES])

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


def _head_date(lines: list[tuple[int, str]]) -> str | None:
    """The date of a page whose head states it without a label: a line holding only the date
    ("02. oktober 2023", "(30.03.2004)") or a byline followed by one ("Av Kari Nordmann, 15.06.2023")."""
    for _, line in lines:
        if is_date_line(line):
            return find_dates(line)[0].iso
        byline = _DATED_BYLINE.match(line)
        if byline and is_date_line(line[byline.end():]):
            return find_dates(line[byline.end():])[0].iso
    return None
