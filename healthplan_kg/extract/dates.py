"""Norwegian dates in text: ``20. mars 2024``, ``01.03.2024``, ``15. september``, ``juni 2020``.

Returns ISO strings (``YYYY-MM-DD``, or ``YYYY-MM`` when the text gives only a month), because
that is what the graph stores and the contract prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from healthplan_kg.extract.anchored import finditer_at, is_word
from healthplan_kg.extract.casefree import lowered

MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "des": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
#: "20. mars 2024", "1. mars", "20 mars 2024"
WORD_DATE = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
#: "01.03.2024", "1.3.2024", "2024-03-01"
NUMERIC_DATE = re.compile(r"\b(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2}))\b")
#: "i juni 2020", "juni 2020"
MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{4}})\b", re.IGNORECASE)
#: Every date form above holds a digit; most sentences hold none and need no further look.
_DIGIT = re.compile(r"\d")
#: A run of digits: ``NUMERIC_DATE`` and ``WORD_DATE`` can only start where one starts a word.
_DIGITS = re.compile(r"\d+")
#: ``MONTH_YEAR`` without IGNORECASE, searched in the lower-cased text (``casefree``): the same
#: matches at the same places, found several times faster (the month is read case-folded anyway).
_MONTH_YEAR_LOWER = re.compile(MONTH_YEAR.pattern)


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int
    year_given: bool = True


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Every full or month-only date in ``text``, in order; a day without a year takes
    ``default_year`` (the year the document was published) or is skipped."""
    if _DIGIT.search(text) is None:
        return []
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    # Both patterns open with ``\b\d``: tried only where a run of digits starts a word, they give
    # what ``finditer`` gives, without the regex engine trying every position of a long line.
    starts = [m.start() for m in _DIGITS.finditer(text) if m.start() == 0 or not is_word(text[m.start() - 1])]
    for m in finditer_at(NUMERIC_DATE, text, starts):
        if m.group(1):
            iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            iso = _valid(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if iso:
            found.append(FoundDate(iso, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in finditer_at(WORD_DATE, text, starts):
        if any(s <= m.start() < e for s, e in taken):
            continue
        month = MONTHS[m.group(2).casefold()]
        year = int(m.group(3)) if m.group(3) else default_year
        if year is None:
            continue
        iso = _valid(year, month, int(m.group(1)))
        if iso:
            found.append(FoundDate(iso, m.start(), m.end(), year_given=bool(m.group(3))))
            taken.append((m.start(), m.end()))
    low = lowered(text)
    for m in MONTH_YEAR.finditer(text) if low is None else _MONTH_YEAR_LOWER.finditer(low):
        if any(s <= m.start() < e for s, e in taken) or len(m.group(1)) < 3:
            continue
        found.append(FoundDate(f"{int(m.group(2)):04d}-{MONTHS[m.group(1).casefold()]:02d}",
                               m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def first_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0].iso if dates else None
