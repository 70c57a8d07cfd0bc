"""``find_dates`` tries its patterns only where a date can start (and the month-and-year one in
the lower-cased text): its result must be exactly the plain ``finditer`` search's."""

from __future__ import annotations

from healthplan_kg.extract import dates
from healthplan_kg.extract.dates import MONTH_YEAR, MONTHS, NUMERIC_DATE, WORD_DATE, FoundDate, _valid, find_dates


def _plain(text: str, default_year: int | None = None) -> list[FoundDate]:
    """The search as it was written first: every pattern over the whole text."""
    found, taken = [], []
    for m in NUMERIC_DATE.finditer(text):
        iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m.group(1) else \
            _valid(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if iso:
            found.append(FoundDate(iso, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in WORD_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        year = int(m.group(3)) if m.group(3) else default_year
        iso = _valid(year, MONTHS[m.group(2).casefold()], int(m.group(1))) if year is not None else None
        if iso:
            found.append(FoundDate(iso, m.start(), m.end(), year_given=bool(m.group(3))))
            taken.append((m.start(), m.end()))
    for m in MONTH_YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or len(m.group(1)) < 3:
            continue
        found.append(FoundDate(f"{int(m.group(2)):04d}-{MONTHS[m.group(1).casefold()]:02d}", m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


TEXTS = [
    "Publisert 20. mars 2024, oppdatert 01.03.2024 og 2024-03-05.",
    "Planen (juni 2020) gjeld frå 1. JANUAR 2021 til DESEMBER 2025; sjå òg 15. september.",
    "x20.03.2024 A1. mars 2020 1234.5.2020 12.13.2020 31.02.2021 2020-13-01",
    "Møtet 3.\u00a0mai 2023 kl. 10.00, OKTOBER 2022, O\u212aT 2022, ſept 2022, İ 5. mai 2021",
    "Ingen dato her, bare 2024 og 17 og desto mer samarbeid i november.",
    "Mars 2024: 1.mars, 2. mars2024, 02. oktober 2023 (30.03.2004) Sept. 2019 sept 2019",
    "",
]


def test_same_dates_as_the_plain_search() -> None:
    for text in TEXTS + [" ".join(TEXTS), "\n".join(TEXTS) * 3]:
        for year in (None, 2024):
            assert find_dates(text, default_year=year) == _plain(text, year), text


def test_the_month_pattern_is_searched_in_lower_case_only_where_that_is_exact() -> None:
    assert dates._MONTH_YEAR_LOWER.flags & 2 == 0          # no IGNORECASE
    assert find_dates("ſept 2022") == _plain("ſept 2022")  # lower-casing would not answer: the pattern runs
