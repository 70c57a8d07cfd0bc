"""The headline of a page, told apart from the site furniture and the lines around it.

A saved web page opens with what the site puts above every article (a skip link, a logo's alt
text, a menu, a section name, a shop basket) before the article's own head: a kicker, the
headline, a standfirst, a byline or date, captions. The headline is the line a reader takes for the
title, so it is found the way a reader scans that head:

- lines are sorted into headline-like lines (short, no closing full stop, comma or colon), body
  lines (sentences), date and byline lines, quotes, and furniture;
- headline-like lines that stand together form the head; captions or leads before it are passed;
- a head closed by the body ends with the headline (kickers and section names come before it);
- a head closed by a date or byline line opens with the headline (tags, captions and the
  author's unit come after it, above the date);
- an official identifier standing alone in the head ("Prop. 3 L (2021–2022)") is the title of the
  document page it heads.

When nothing in the first lines looks like a head, the first line of the text is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from healthplan_kg.extract.dates import find_dates
from healthplan_kg.extract.identifiers import find_identifiers
from healthplan_kg.extract.people import NAME
from healthplan_kg.model import Span
from healthplan_kg.readers.furniture import is_site_furniture

#: How far into a text its head can reach (lines, and sentences passed before any headline).
HEAD_LINES = 45
MAX_LEADING_BODY = 2

#: Byline, credit and date labels: the line belongs to the article's metadata, not its head.
_META_LABEL = re.compile(
    r"^(?:av|tekst|foto|fotograf|illustrasjon|illustrasjonsfoto|ill\.\s*foto|grafikk|"
    r"publisert|først\s+publisert|fyrst\s+publisert|sist\s+oppdatert|oppdatert|sist\s+endret|"
    r"sist\s+endra|endret|endra|dato|utgiver|utgjevar|utgitt|skrevet\s+av|skrive\s+av|"
    r"siste\s+faglige\s+endring|siste\s+fagleg\s+endring)\b\s*:?", re.IGNORECASE)
#: A date label anywhere in a line that also holds a date: "Debattinnlegg / Publisert: 2. mai 2016".
_DATE_LABEL = re.compile(r"\b(?:publisert|oppdatert|endret|endra|dato)\b", re.IGNORECASE)
#: A caption's credit at its end: "Portrett av X. Foto", "(Foto: NTB)".
_CREDIT_END = re.compile(r"(?:\bfoto|\billustrasjon|\bill\.\s*foto)\s*:?[^.]{0,40}\)?$", re.IGNORECASE)
_CHAPTER = re.compile(r"^(?:kapittel|kapitel|kap\.)\s*\d+(?:\.\d+)*\s*", re.IGNORECASE)
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
_WEEKDAYS = (r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|"
             r"sundag)")
#: What may stand around a date on a line that only dates the page.
_DATE_LINE_REST = re.compile(rf"^(?:[\s()|/·,.:–-]|{_WEEKDAYS}\b|kl\.?|klokka\b|klokken\b|\d{{1,2}}[:.]\d{{2}}\b)*$",
                             re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ADDRESS = re.compile(r"@|https?://|www\.|\.no\b|\.com\b")
_SENTENCE_END = ".!?…»\"”"
_LEADING_MARKS = "•·▪*–—- "


@dataclass(frozen=True)
class Headline:
    text: str
    span: Span


@lru_cache(maxsize=1024)
def is_date_line(line: str) -> bool:
    """Whether a line only dates the page: a date and at most a weekday, a time or brackets.

    Cached, as ``_kind``: the headline finder and the metadata's head date ask about the same
    first lines of a page, and a line may be a whole paragraph (the date patterns are slow on it).
    """
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for date in reversed(dates):
        rest = rest[:date.start] + " " + rest[date.end:]
    return bool(_DATE_LINE_REST.match(rest))


def _mostly_capitalised(line: str) -> bool:
    # Counted with ``map`` over the tokens' first characters, not a generator over the tokens: a
    # line may be a whole paragraph. No character is both upper case and a digit.
    firsts = "".join([token[0] for token in line.split()])
    return sum(map(str.isupper, firsts)) + sum(map(str.isdigit, firsts)) > 0.6 * len(firsts)


def line_kind(line: str) -> str:
    """What a line of a page's head is: furniture, meta, date, body, quote, headline or other."""
    return _kind(line.strip()) if line.strip() else "other"


@lru_cache(maxsize=1024)
def _kind(line: str) -> str:
    """One of furniture, meta, date, body, quote, headline, other."""
    words = _WORD.findall(line)
    if not words or is_site_furniture(line) or "|" in line or _ADDRESS.search(line):
        return "furniture"
    if is_date_line(line):
        return "date"
    if _META_LABEL.match(line) or _CREDIT_END.search(line) or re.fullmatch(NAME, line) or (
            _DATE_LABEL.search(line) and find_dates(line)):
        return "meta"
    if len(words) >= 8 and _mostly_capitalised(line):
        return "other"          # a menu or archive row: "Nyheter Arkiv 2019 2018 Om oss Kontakt"
    end = line.rstrip()[-1]
    # A question or exclamation is a headline's ending as often as a sentence's.
    if (end in _SENTENCE_END and end not in "?!" and len(words) >= 6) or (end in "?!" and len(words) >= 13) \
            or len(words) >= 15:
        return "quote" if line[0] in "–—-" else "body"
    if _is_identifier(line):
        return "headline"
    if line.rstrip()[-1] in ".,;:" or _NUMBERED_HEADING.match(line):
        return "other"
    digits = sum(map(str.isdigit, line))
    if digits > 0.3 * (len(line) - sum(map(str.isspace, line))):
        return "other"
    if len(words) > 1 and line.upper() == line:
        return "other"
    return "headline"


def _clean(line: str) -> str:
    # ``_CHAPTER.sub("", ...)``: the pattern is anchored at the string's start (no MULTILINE), so
    # it can only match there; a match there, cut, without ``sub`` trying every position of a line
    # that may be a whole paragraph.
    cleaned = line.strip().lstrip(_LEADING_MARKS).strip()
    chapter = _CHAPTER.match(cleaned)
    return cleaned[chapter.end():] if chapter else cleaned


def find_headline(text: str) -> Headline | None:
    """The page's headline, or the first line of the text when no head stands out."""
    first: Headline | None = None
    run: list[Headline] = []
    body_seen = 0
    pos = 0
    for number, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        if number >= HEAD_LINES:
            break
        if not line.strip() or line.lstrip().startswith("•"):
            continue
        cleaned = _clean(line)
        if not cleaned:
            continue
        offset = start + line.find(cleaned)
        here = Headline(cleaned, Span(offset, offset + len(cleaned), cleaned))
        kind = _kind(line.strip())
        if first is None and kind not in ("furniture", "date", "meta"):
            first = here
        if kind == "headline":
            run.append(here)
        elif kind in ("date", "meta") and run:
            return _identifier_in(run) or run[0]
        elif kind == "body":
            if run:
                return _identifier_in(run) or run[-1]
            body_seen += 1
            if body_seen > MAX_LEADING_BODY:
                break
    if run:
        return _identifier_in(run) or run[-1]
    return first


def _is_identifier(line: str) -> bool:
    found = find_identifiers(line)
    return len(found) == 1 and found[0].span.text.strip() == line.strip()


def _identifier_in(run: list[Headline]) -> Headline | None:
    return next((line for line in run if _is_identifier(line.text)), None)
