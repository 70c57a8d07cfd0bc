"""Running headers, running footers and page numbers: the lines a long PDF repeats on its pages.

A white paper or an official report prints its identifier, its title or the chapter's title at
the top or foot of every page, and a page number. Left in, they cut sentences in two wherever a
paragraph runs over a page, and they become false titles and false mentions. They are found by
what they are, not by their words: a line near the top or the foot of a page (the first or last
``BAND`` lines by height) that recurs there on several pages once its digits are set aside
("12 NOU 2023: 4" and "13 NOU 2023: 4" are one running line), or a line there that is only a page
number ("17", "- 17 -", "Side 17 av 120", "xii"). The body of a page is never looked at, so a
sentence repeated in the text stays. A table of contents goes too: its entries ("3.2 Tiltak .....
41") would repeat every heading with a page number. One pass to count and one to drop: linear in
the pages.
"""

from __future__ import annotations

import re
from collections import Counter

from healthplan_kg.readers.pdf_lines import PrintedLine

#: How many lines at the top and at the foot of a page may be running lines.
BAND = 3
#: On how many pages a line must recur in the band to be taken for a running line (fewer in a
#: document with fewer pages, but always at least two).
MIN_PAGES = 3

_DIGITS = re.compile(r"\d+")
#: A table-of-contents entry: a title, a dot leader and a page number ("3.2 Tiltak ........ 41").
_CONTENTS_ENTRY = re.compile(r"^\S.*?(?:\s*\.){4,}\s*\d{1,4}$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|sida|s\.|page|p\.)\s*)?[-–—(\[]?\s*(?:\d{1,3}|[ivxlcdm]{1,6})\s*[-–—)\]]?"
    r"(?:\s*(?:av|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)


def _key(line: PrintedLine) -> str:
    return " ".join(_DIGITS.sub("#", line.text.casefold()).split())


def is_page_number(text: str) -> bool:
    """A line that is only a page number, as printed in a header or footer."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_contents_entry(text: str) -> bool:
    """A line of a table of contents; the headings it lists are read where they stand."""
    return bool(_CONTENTS_ENTRY.match(text.strip()))


def band(lines: list[PrintedLine]) -> set[int]:
    """Indexes of the lines at the top and the foot of a page: by height where every line has one
    (a footer may be printed first), else by order."""
    order = list(range(len(lines)))
    if lines and all(line.y is not None for line in lines):
        order.sort(key=lambda index: -(lines[index].y or 0.0))
    return set(order[:BAND]) | set(order[-BAND:])


def running_keys(pages: list[list[PrintedLine]]) -> set[str]:
    """The digit-free forms of the lines that recur in the top or foot band of enough pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[index]) for index in band(lines)})
    needed = max(2, min(MIN_PAGES, len(pages)))
    return {key for key, count in counts.items() if count >= needed and key.strip("# ")}


def strip_running_lines(pages: list[list[PrintedLine]]) -> list[list[PrintedLine]]:
    """Every page without its running headers, running footers, page-number lines and
    table-of-contents entries."""
    running = running_keys(pages)
    kept_pages = []
    for lines in pages:
        edge = band(lines)
        kept_pages.append([line for index, line in enumerate(lines)
                           if not is_contents_entry(line.text)
                           and (index not in edge or not (is_page_number(line.text) or _key(line) in running))])
    return kept_pages
