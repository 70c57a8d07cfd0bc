"""Page marks: where each page of a paged source (a PDF) begins in the document's cleaned text.

The PDF reader puts one mark per page into its text, at the page's first character (in the
middle of a line where a paragraph runs on from the page before). A mark is one character of the
Supplementary Private Use Area-A whose code point says the page number, so a mark that goes
missing cannot shift the pages after it. The marks pass through ``furniture.clean_text`` with
the rest of the text, and ``unmark`` removes them afterwards, giving the offsets into the final
text. That is why offsets downstream, and so the page of every evidence, point into the text
that is stored in the graph, whatever cleaning happened in between.

Private-use characters never occur in real document text; the reader removes any that a PDF
carries before it marks the pages.

>>> unmark(mark(1) + "Første side.\\n\\n" + mark(2) + "Andre side.", 2)
('Første side.\\n\\nAndre side.', (0, 14))
"""

from __future__ import annotations

import re

_BASE = 0xF0000
#: The most pages a document can have marks for (the size of the private-use plane).
MAX_PAGES = 0xFFFFD - _BASE
_MARKS = re.compile("[\U000f0001-\U000ffffd]")


def mark(page: int) -> str:
    """The mark of page ``page`` (1-based)."""
    if not 1 <= page <= MAX_PAGES:
        raise ValueError(f"page {page} is outside 1..{MAX_PAGES}")
    return chr(_BASE + page)


def strip_marks(text: str) -> str:
    """The text without any character that could be taken for a page mark."""
    return _MARKS.sub("", text) if _MARKS.search(text) else text


def unmark(text: str, page_count: int) -> tuple[str, tuple[int, ...]]:
    """The text without its marks, and the offset in it where each of ``page_count`` pages begins.

    A page whose mark is missing (its line was dropped as furniture) begins where the next page
    does: its text counts as the previous page's rather than shifting every later page.
    """
    starts: list[int | None] = [None] * page_count
    pieces: list[str] = []
    last, length = 0, 0
    for found in _MARKS.finditer(text):
        pieces.append(text[last:found.start()])
        length += found.start() - last
        last = found.end()
        page = ord(found.group(0)) - _BASE
        if 1 <= page <= page_count and starts[page - 1] is None:
            starts[page - 1] = length
    pieces.append(text[last:])
    clean = "".join(pieces)
    following = len(clean)
    for index in range(page_count - 1, -1, -1):
        if starts[index] is None or starts[index] > following:
            starts[index] = following
        following = starts[index]
    if page_count:
        starts[0] = 0
    return clean, tuple(start for start in starts if start is not None)
