"""Document metadata from the text: title, publication and update dates, author.

Norwegian sites print their dates in a handful of labelled forms ("Publisert: 20. mars 2024",
"Først publisert: 01.03.2024", "Sist oppdatert", "Siste faglige endring"); letters are signed
under "Med hilsen". Metadata the file or its sidecar already gives is kept; the text only fills
the gaps.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from healthplan_kg.extract.anchored import WordStartLiterals
from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.dates import find_dates
from healthplan_kg.extract.headline import find_headline, is_date_line, line_kind
from healthplan_kg.extract.people import NAME, SIGN_OFF, SIGNATURE_NAME
from healthplan_kg.model import Span

_PUBLISHED = re.compile(
    r"\b(?:først\s+publisert|fyrst\s+publisert|publisert|publisert\s+dato|opprettet|oppretta|"
    r"dato|utgitt|datert)\b\s*:?\s*", re.IGNORECASE)
_MODIFIED = re.compile(
    r"\b(?:sist\s+oppdatert|sist\s+endret|sist\s+endra|siste\s+faglige\s+endring|"
    r"siste\s+fagleg\s+endring|oppdatert|endret|endra)\b\s*:?\s*", re.IGNORECASE)
#: A byline: "Tekst: Kari Vik", "Tekst og foto: Kari Vik", "Av Kari Vik", "Publisert av Kari Vik",
#: the name perhaps followed by a date; or the label alone, the name below. The writer is the
#: article's creator, not a person acting in it.
_BYLINE_LABEL = re.compile(r"^\s*(?:publisert\s+av|tekst(?:\s+og\s+foto)?\s*:|av(?=\s))\s*:?\s*",
                           re.IGNORECASE)
#: An author credit in the text ("Skrevet av Kari Vik", "Tekst av Kari Vik"), which the gold
#: conventions count as a person the text names (as they do a letter's signatory).
_CREDIT_LINE = re.compile(rf"^\s*(?:skrevet|skrive|skriven|tekst)\s+av\s*:?\s*({NAME})\s*\.?\s*$",
                          re.IGNORECASE)
_BYLINE_NAME = re.compile(rf"({NAME})\s*(?:[,|/·–-]?\s*(?:\d.*)?)?\.?\s*$")

#: The first word of every date label: a label starts with one of them.
_PUBLISHED_WORDS = ("først", "fyrst", "publisert", "opprettet", "oppretta", "dato", "utgitt", "datert")
_MODIFIED_WORDS = ("sist", "siste", "oppdatert", "endret", "endra")
_LABEL_WORDS = WordStartLiterals(_PUBLISHED_WORDS + _MODIFIED_WORDS)

#: A byline that dates the article: "Av Kari Nordmann, 15. juni 2023", "Kari Nordmann | 15.06.2023".
_DATED_BYLINE = re.compile(rf"^\s*(?:(?:av|tekst|skrevet\s+av|skrive\s+av)\s*:?\s*)?(?-i:{NAME})\s*(?:[,|/·–-]\s*)?",
                           re.IGNORECASE)
#: How many lines from the top a bare date or a dated byline may stand and still date the page.
_HEAD_DATE_LINES = 25
#: Sentences (a caption, a lead) a page's head may hold before its article begins.
_HEAD_BODY_LINES = 2


@dataclass(frozen=True)
class TextMetadata:
    title: str | None
    title_span: Span | None
    published: str | None
    modified: str | None
    author: str | None
    #: Where the text names its author as a person: a letter's signature, an author credit. A
    #: byline's name has none: the writer of an article is its creator, not a person acting in it.
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
    published_lines, modified_lines = _label_lines(text, lines)
    for i, (_, line) in enumerate(lines):
        if published is None and (published_lines is None or i in published_lines):
            published = _published_in(line)
        if modified is None and (modified_lines is None or i in modified_lines):
            modified = _labelled_date(line, _MODIFIED)
    if published is None:
        published = _head_date(lines[:_HEAD_DATE_LINES])

    author, author_span = _author(lines)
    return TextMetadata(title, title_span, published, modified, author, author_span)


def _label_lines(text: str, lines: list[tuple[int, str]]) -> tuple[set[int] | None, set[int] | None]:
    """The indexes of the lines where a publication label and where an update label can stand:
    the lines holding a label's first word at a word's start, found in one pass of the
    lower-cased text, so the label patterns (slow: case-insensitive, no literal start) are tried
    on those lines only. A label in a line is a label at the same place in the whole text (a
    line's ends border on newlines, which ``\\b`` treats as the string's ends). None, None (every
    line) where lower-casing would not keep offsets or case rules (``casefree.lowered``)."""
    low = lowered(text)
    if low is None:
        return None, None
    places = _LABEL_WORDS.occurrences(text, low)
    line_starts = [start for start, _ in lines]

    def lines_of(words: tuple[str, ...]) -> set[int]:
        return {bisect_right(line_starts, p) - 1 for word in words for p in places[word]}

    return lines_of(_PUBLISHED_WORDS), lines_of(_MODIFIED_WORDS)


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
    body_lines = 0
    for _, line in lines:
        if is_date_line(line):
            return find_dates(line)[0].iso
        byline = _DATED_BYLINE.match(line)
        if byline and is_date_line(line[byline.end():]):
            return find_dates(line[byline.end():])[0].iso
        if len(line.split()) >= 6 and line_kind(line) == "body":     # a short line is never body
            body_lines += 1
            if body_lines > _HEAD_BODY_LINES:
                break       # the article has begun: a date alone further down dates something else
    return None


def _author(lines: list[tuple[int, str]]) -> tuple[str | None, Span | None]:
    """An author credit or a letter's first signatory (with the span naming them as a person),
    or a byline's name (without one)."""
    for i, (start, line) in enumerate(lines):
        credit = _CREDIT_LINE.match(line)
        if credit:
            offset = start + credit.start(1)
            return credit.group(1), Span(offset, offset + len(credit.group(1)), credit.group(1))
        label = _BYLINE_LABEL.match(line)
        if label:
            rest = line[label.end():]
            if not rest.strip():        # "Tekst:" alone, the name on the next line
                rest = next((ln for _, ln in lines[i + 1:i + 3] if ln.strip()), "")
            name = _BYLINE_NAME.fullmatch(rest.strip())
            if name:
                return name.group(1), None
        if SIGN_OFF.match(line):
            for next_start, next_line in lines[i + 1:i + 5]:
                signed = SIGNATURE_NAME.match(next_line)
                if signed:
                    offset = next_start + signed.start(1)
                    return signed.group(1), Span(offset, offset + len(signed.group(1)), signed.group(1))
                if next_line.strip():
                    break
    return None, None
