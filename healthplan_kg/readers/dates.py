"""Normalise the many ways files write a date to ``YYYY-MM-DD`` (or ``YYYY-MM``).

Readers meet ISO timestamps in HTML meta tags, ``D:20240301...`` strings in PDF info, Norwegian
day-month-year forms in sidecars written by hand. Downstream code and the graph only ever see the
normalised form, so a date that cannot be read is dropped by the reader (file metadata) or refused
(sidecar, which a person wrote and can fix).
"""

from __future__ import annotations

import re
from datetime import date

#: Month names in bokmål and nynorsk (full and the usual abbreviations).
MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$")
_PDF = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$", re.IGNORECASE)


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` for a date written in a known form, else None.

    >>> normalise_date("2024-03-01T10:00:00+01:00"), normalise_date("1. mars 2024")
    ('2024-03-01', '2024-03-01')
    >>> normalise_date("01.03.2024"), normalise_date("D:20240301093000Z"), normalise_date("snart")
    ('2024-03-01', '2024-03-01', None)
    """
    if not value:
        return None
    text = value.strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if match := _PDF.match(text):
        year, month, day = match.groups()
        if month is None:
            return None
        return _checked(int(year), int(month), int(day) if day else None)
    if match := _NUMERIC.match(text):
        day, month, year = match.groups()
        return _checked(int(year), int(month), int(day))
    if match := _WORDS.match(text):
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.lower())
        return _checked(int(year), month, int(day)) if month else None
    return None
